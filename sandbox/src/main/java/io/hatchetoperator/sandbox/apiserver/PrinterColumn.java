package io.hatchetoperator.sandbox.apiserver;

/**
 * One column of a server-side Table: its definition as the API sends it, and for a custom resource the JSONPath
 * its cells come from (null for the built-in columns, which {@link BuiltinRows} computes).
 */
public record PrinterColumn(String name, String type, String format, String description, int priority,
    String jsonPath) {

  /** The first column of every Table: the object's name. */
  public static PrinterColumn nameColumn() {
    return new PrinterColumn("Name", "string", "name",
        "Name must be unique within a namespace. Cannot be updated.", 0, null);
  }

  /** A computed column with no JSONPath. */
  public static PrinterColumn computed(String name, int priority, String description) {
    return new PrinterColumn(name, "string", "", description, priority, null);
  }
}
