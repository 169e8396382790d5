package io.hatchetoperator.operator.api;

import java.time.Duration;
import java.util.regex.Matcher;

/** Parses the resource's Go-style durations (500ms, 10s, 2m, 1h30m). */
public final class Durations {

    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile(
            ValidationRules.DURATION_PATTERN);
    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h)");

    private Durations() {
    }

    /**
     * The duration, or {@code fallback} when {@code value} is null.
     *
     * @throws IllegalArgumentException naming {@code field} when the value is not a duration
     */
    public static Duration parse(String field, String value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a duration: use a number with a unit"
                    + " (ms, s, m, h), e.g. 30s, 10m or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(value);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total;
    }
}
