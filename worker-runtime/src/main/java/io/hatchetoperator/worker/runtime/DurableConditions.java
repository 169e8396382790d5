package io.hatchetoperator.worker.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.proto.v1.Action;
import io.hatchetoperator.proto.v1.BaseMatchCondition;
import io.hatchetoperator.proto.v1.DurableEventListenerConditions;
import io.hatchetoperator.proto.v1.SleepMatchCondition;
import io.hatchetoperator.proto.v1.UserEventMatchCondition;
import io.hatchetoperator.worker.client.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wait conditions durable calls send and the results they read back, as the TypeScript SDK 1.33.2 writes and
 * reads them ({@code v1/conditions/*.js}, {@code DurableContext.sleepFor} / {@code waitForEvent} in
 * {@code v1/client/worker/context.js}): a sleep's readable key is {@code sleep-<duration>}, an event's its key; each
 * call is one OR group with a random UUID (the engine parses it as one: {@code handleWaitFor} in
 * {@code internal/services/dispatcher/server_v1.go}); a completion's payload is
 * {@code {"CREATE":{"<readable key>":[<match>]}}}. Pure.
 */
final class DurableConditions {
  private static final Pattern GO_DURATION = Pattern.compile("^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$");

  private DurableConditions() {}

  /** A sleep of {@code duration}, in whole seconds (a fraction rounds up); refuses a negative duration. */
  static DurableEventListenerConditions sleep(Duration duration) {
    String text = goDuration(duration);
    return DurableEventListenerConditions.newBuilder().addSleepConditions(SleepMatchCondition.newBuilder()
        .setBase(base("sleep-" + text, "")).setSleepFor(text)).build();
  }

  /** A wait for the next event {@code namespacedKey} matching {@code expression} (may be empty). */
  static DurableEventListenerConditions event(String key, String namespacedKey, String expression) {
    return DurableEventListenerConditions.newBuilder().addUserEventConditions(UserEventMatchCondition.newBuilder()
        .setBase(base(key, expression == null ? "" : expression)).setUserEventKey(namespacedKey)).build();
  }

  /**
   * The next event {@code key} matching {@code expression}, or {@code timeout} passing, whichever comes first: one OR
   * group (one or_group_id for both conditions, as the TypeScript SDK's {@code Or(..)} renders them in
   * {@code v1/conditions/index.js}).
   */
  static DurableEventListenerConditions eventOrTimeout(String key, String namespacedKey, String expression,
      Duration timeout) {
    String text = goDuration(timeout);
    BaseMatchCondition sleep = base("sleep-" + text, "");
    BaseMatchCondition event = base(key, expression == null ? "" : expression).toBuilder()
        .setOrGroupId(sleep.getOrGroupId()).build();
    return DurableEventListenerConditions.newBuilder()
        .addSleepConditions(SleepMatchCondition.newBuilder().setBase(sleep).setSleepFor(text))
        .addUserEventConditions(UserEventMatchCondition.newBuilder().setBase(event).setUserEventKey(namespacedKey))
        .build();
  }

  /** The first match recorded under {@code readableDataKey} in a completion's payload; null if that one did not match. */
  static JsonNode matchOf(byte[] payload, String readableDataKey) throws IOException {
    if (payload == null || payload.length == 0) {
      return null;
    }
    JsonNode matches = Json.MAPPER.readTree(payload).path("CREATE").path(readableDataKey);
    return matches.isArray() && !matches.isEmpty() ? matches.get(0) : null;
  }

  /** Go's duration text of whole seconds: {@code 1h30m5s}, {@code 0s}. */
  static String goDuration(Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("sleepFor duration=" + duration + " is negative or null: "
          + "pass Duration.ZERO or more");
    }
    long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 > 0 || text.length() == 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }

  /** The first match of a completion's payload ({@code CREATE}, first key, first element); null if none. */
  static JsonNode firstMatch(byte[] payload) throws IOException {
    if (payload == null || payload.length == 0) {
      return null;
    }
    Iterator<JsonNode> groups = Json.MAPPER.readTree(payload).path("CREATE").elements();
    if (!groups.hasNext()) {
      return null;
    }
    JsonNode matches = groups.next();
    return matches.isArray() && !matches.isEmpty() ? matches.get(0) : null;
  }

  /** How long a completed sleep lasted: its match's {@code sleep_duration}, else what was asked for. */
  static Duration slept(byte[] payload, Duration asked) throws IOException {
    JsonNode match = firstMatch(payload);
    Matcher m = GO_DURATION.matcher(match == null ? "" : match.path("sleep_duration").asText(""));
    if (match == null || !m.matches() || m.group(0).isEmpty()) {
      return asked;
    }
    return Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2))).plusSeconds(number(m.group(3)));
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }

  private static BaseMatchCondition base(String readableDataKey, String expression) {
    return BaseMatchCondition.newBuilder().setReadableDataKey(readableDataKey).setAction(Action.CREATE)
        .setOrGroupId(UUID.randomUUID().toString()).setExpression(expression).build();
  }
}
