package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Error texts of Java workers, of the Python SDK's format and of anything else, read back into a TaskFailure. */
class TaskFailureTest {

  @Test
  void readsTheJavaWorkersMetadataLine() {
    String text = "java.lang.IllegalStateException: two\nlines\n\tat a.B.c(B.java:1)\n\n"
        + "{\"__hatchet_error_metadata__\":{\"task_run_external_id\":\"r1\",\"type\":\"java.lang.IllegalStateException\","
        + "\"message\":\"two\\nlines\",\"attempt\":3}}";

    TaskFailure f = TaskFailure.parse("t", text);

    assertThat(f).isEqualTo(new TaskFailure("t", "java.lang.IllegalStateException", "two\nlines", 3, text));
  }

  @Test
  void readsTheTypeAndMessageHeaderOfOtherSdks() {
    TaskFailure f = TaskFailure.parse("t", "ValueError: bad input\nTraceback (most recent call last):\n  ...");

    assertThat(f.type()).isEqualTo("ValueError");
    assertThat(f.message()).isEqualTo("bad input");
    assertThat(f.attempt()).isEqualTo(-1);
  }

  @Test
  void readsTheTypeScriptSdksMessageAndStackObject() {
    TaskFailure f = TaskFailure.parse("t",
        "{\"message\":\"ts-fail refused: java\",\"stack\":\"NonRetryableError: ts-fail refused: java\\n    at x.js:1\"}");

    assertThat(f.type()).isEqualTo("NonRetryableError");
    assertThat(f.message()).isEqualTo("ts-fail refused: java");
  }

  @Test
  void anythingElseIsAHatchetErrorCarryingTheWholeText() {
    assertThat(TaskFailure.parse("t", "task CANCELLED")).extracting(TaskFailure::type, TaskFailure::message)
        .containsExactly("HatchetError", "task CANCELLED");
    assertThat(TaskFailure.parse("t", null).message()).isEmpty();
    assertThat(TaskFailure.parse("t", "x\n{\"__hatchet_error_metadata__\": not json").type()).isEqualTo("HatchetError");
  }

  @Test
  void readsEveryFailureOfAnOnFailureContextInItsOrder() {
    java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
    texts.put("second", "ValueError: late");
    texts.put("first", "task CANCELLED");

    var failures = TaskFailure.parseAll(texts);

    assertThat(failures.keySet()).containsExactly("second", "first");
    assertThat(failures.get("second").message()).isEqualTo("late");
  }
}
