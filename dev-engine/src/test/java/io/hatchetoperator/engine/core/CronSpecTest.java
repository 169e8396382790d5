package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cron expressions as Hatchet's ticker reads them (robfig/cron via gocron, UTC, optional seconds). */
class CronSpecTest {

  private static String next(String expr, String after) {
    return Instant.ofEpochMilli(CronSpec.parse("cron", expr).nextAfter(Instant.parse(after).toEpochMilli())).toString();
  }

  @Test
  void five_fields_fire_on_the_minute_and_steps_ranges_names_and_lists_work() {
    assertThat(next("*/5 * * * *", "2027-01-01T00:01:30Z")).isEqualTo("2027-01-01T00:05:00Z");
    assertThat(next("*/5 * * * *", "2027-01-01T00:05:00Z")).isEqualTo("2027-01-01T00:10:00Z");
    assertThat(next("0 9 * * MON-FRI", "2027-01-01T10:00:00Z")).isEqualTo("2027-01-04T09:00:00Z"); // Fri -> Mon
    assertThat(next("30 8,20 * JAN,jun *", "2027-01-31T21:00:00Z")).isEqualTo("2027-06-01T08:30:00Z");
    assertThat(next("@hourly", "2027-01-01T00:00:00Z")).isEqualTo("2027-01-01T01:00:00Z");
  }

  @Test
  void six_fields_have_seconds_and_day_of_month_or_day_of_week_match_when_both_are_set() {
    assertThat(next("*/10 * * * * *", "2027-01-01T00:00:01Z")).isEqualTo("2027-01-01T00:00:10Z");
    // 2027-01-01 is a Friday: "on the 15th or on Sundays" fires Sunday the 3rd first.
    assertThat(next("0 0 15 * 0", "2027-01-01T00:00:00Z")).isEqualTo("2027-01-03T00:00:00Z");
    // with a star day-of-month, only Sundays count
    assertThat(next("0 0 * * SUN", "2027-01-03T00:00:00Z")).isEqualTo("2027-01-10T00:00:00Z");
    assertThat(CronSpec.parse("c", "0 0 30 2 *").nextAfter(0)).isEqualTo(-1);
  }

  @Test
  void what_the_engine_cannot_read_is_rejected_naming_the_field_and_value() {
    assertThatThrownBy(() -> CronSpec.parse("cron_triggers[0]", "@every 5m")).hasMessageContaining("cron_triggers[0]")
        .hasMessageContaining("'@every 5m' is not supported");
    assertThatThrownBy(() -> CronSpec.parse("cron_triggers[1]", "61 * * * *")).hasMessageContaining("cron_triggers[1]")
        .hasMessageContaining("minutes value '61'");
    assertThatThrownBy(() -> CronSpec.parse("c", "* * * *")).hasMessageContaining("has 4 fields");
    assertThatThrownBy(() -> CronSpec.parse("c", "0 0 L * *")).hasMessageContaining("day of month value 'L'");
  }
}
