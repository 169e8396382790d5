package io.hatchetoperator.sandbox.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trace files as editors and spreadsheets save them: a byte-order mark, another encoding, absurd times. */
class TraceEdgeCasesTest {

  @TempDir
  Path dir;

  @Test
  void a_byte_order_mark_before_the_header_is_accepted() throws Exception {
    Path file = dir.resolve("bom.csv");
    Files.writeString(file, "\uFEFFarrival_ms,duration_ms\r\n0,100\r\n");
    assertThat(TraceCsv.read(file).rows()).containsExactly(new TraceRow(0, 100));
  }

  @Test
  void a_file_that_is_not_utf8_is_refused_with_the_fix() throws Exception {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, new byte[] {'a', 'r', 'r', (byte) 0xE9, '\n', '0', ',', '1', '\n'});
    assertThatThrownBy(() -> TraceCsv.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--trace " + file).hasMessageContaining("not UTF-8").hasMessageContaining("save it as");
  }

  @Test
  void arrivals_and_durations_beyond_a_day_are_refused_with_the_fix() throws Exception {
    Path late = dir.resolve("late.csv");
    Files.writeString(late, "arrival_ms,duration_ms\n0,10\n86400001,10\n");
    assertThatThrownBy(() -> TraceCsv.read(late)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3: arrival_ms is 86400001").hasMessageContaining("at most 86400000");
    Path slow = dir.resolve("slow.csv");
    Files.writeString(slow, "arrival_ms,duration_ms\n0,86400001\n");
    assertThatThrownBy(() -> TraceCsv.read(slow)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2: duration_ms is 86400001");
  }

  @Test
  void a_number_too_large_for_a_long_is_named_not_crashed_on() throws Exception {
    Path file = dir.resolve("huge.csv");
    Files.writeString(file, "arrival_ms,duration_ms\n99999999999999999999,1\n");
    assertThatThrownBy(() -> TraceCsv.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2: arrival_ms");
  }
}
