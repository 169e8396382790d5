package io.hatchetoperator.sandbox.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceCsvTest {

  @Test
  void readsRowsSortedAndNamesTheTraceAfterTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("burst.csv");
    Files.writeString(file, "arrival_ms,duration_ms\n2000,50\n# a comment\n\n0,1500\n");
    Trace trace = TraceCsv.read(file);
    assertThat(trace.name()).isEqualTo("burst");
    assertThat(trace.rows()).containsExactly(new TraceRow(0, 1500), new TraceRow(2000, 50));
    assertThat(trace.lastArrivalMs()).isEqualTo(2000);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "arrival,duration/1,2                 | the first line must be the header 'arrival_ms,duration_ms'",
      "arrival_ms,duration_ms/1,2,3         | t.csv line 2: '1,2,3' has 3 fields",
      "arrival_ms,duration_ms/soon,2        | t.csv line 2: arrival_ms is 'soon', not a whole number",
      "arrival_ms,duration_ms/1,-5          | t.csv line 2: duration_ms is -5; it must be 0 or more",
      "arrival_ms,duration_ms                | no tasks after the header",
  })
  void badInputNamesLineFieldAndValue(String text, String message) {
    assertThatThrownBy(() -> TraceCsv.parse("t", "t.csv", List.of(text.split("/"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message.trim());
  }

  @Test
  void missingFileSaysWhatToGive(@TempDir Path dir) {
    assertThatThrownBy(() -> TraceCsv.read(dir.resolve("nope.csv")))
        .hasMessageContaining("nope.csv: no such file");
  }
}
