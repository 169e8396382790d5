package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The columns and cells of core/v1 Events as the API server prints them (kubernetes/kubernetes,
 * pkg/printers/internalversion/printers.go, eventColumnDefinitions and printEvent): Last Seen, Type, Reason,
 * Object ({@code kind/name}, kind in lower case), Message, and with {@code -o wide} Subobject, Source, First Seen,
 * Count and Name. Times fall back from lastTimestamp to firstTimestamp to eventTime; a series' count wins.
 */
public final class EventRows {

  static final List<PrinterColumn> COLUMNS = List.of(
      PrinterColumn.computed("Last Seen", 0, "The time at which the most recent occurrence of this event was recorded."),
      PrinterColumn.computed("Type", 0, "Type of this event (Normal, Warning)."),
      PrinterColumn.computed("Reason", 0, "A short, machine understandable string that gives the reason for the "
          + "transition into the object's current status."),
      PrinterColumn.computed("Object", 0, "The object that this event is about."),
      PrinterColumn.computed("Subobject", 1, "The field of the object the event is about."),
      PrinterColumn.computed("Source", 1, "The component reporting this event."),
      PrinterColumn.computed("Message", 0, "A human-readable description of the status of this operation."),
      PrinterColumn.computed("First Seen", 1, "The time at which the event was first recorded."),
      PrinterColumn.computed("Count", 1, "The number of times this event has occurred."),
      new PrinterColumn("Name", "string", "name", "Name must be unique within a namespace.", 1, null));

  private EventRows() {}

  /** The cells of one Event, in the order of {@link #COLUMNS}. */
  public static List<Object> cells(JsonNode e, Instant now) {
    String first = text(e, "firstTimestamp");
    String firstSeen = HumanAge.since(first != null ? first : text(e, "eventTime"), now);
    String last = text(e, "lastTimestamp");
    String lastSeen = last != null ? HumanAge.since(last, now) : firstSeen;
    long count = e.path("count").asLong(0);
    JsonNode series = e.path("series");
    if (series.isObject()) {
      lastSeen = HumanAge.since(series.path("lastObservedTime").asText(null), now);
      count = series.path("count").asLong(count);
    } else if (count == 0) {
      count = 1;
    }
    JsonNode involved = e.path("involvedObject");
    String kind = involved.path("kind").asText("").toLowerCase(Locale.ROOT);
    String target = involved.path("name").asText("").isEmpty() ? kind : kind + "/" + involved.path("name").asText();
    return List.of(lastSeen, e.path("type").asText(""), e.path("reason").asText(""), target,
        involved.path("fieldPath").asText(""), source(e), e.path("message").asText("").trim(), firstSeen, count,
        e.path("metadata").path("name").asText());
  }

  private static String source(JsonNode e) {
    String component = e.path("source").path("component").asText("");
    String host = e.path("source").path("host").asText("");
    if (!component.isEmpty()) {
      return host.isEmpty() ? component : component + ", " + host;
    }
    String controller = e.path("reportingComponent").asText("");
    String instance = e.path("reportingInstance").asText("");
    return instance.isEmpty() ? controller : controller + ", " + instance;
  }

  private static String text(JsonNode e, String field) {
    String v = e.path(field).asText("");
    return v.isEmpty() ? null : v;
  }
}
