package io.hatchetoperator.sandbox.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the simulator's trace format: CSV with the header {@code arrival_ms,duration_ms}, one task a row.
 * Every error names the file, the line, the field and the value, and says what to write instead.
 */
public final class TraceCsv {

  /** The header every trace starts with. */
  public static final String HEADER = "arrival_ms,duration_ms";
  /** The longest arrival time and duration accepted: the sandbox replays in real time. */
  public static final long MAX_MS = 24L * 60 * 60 * 1000;
  /** A byte-order mark, as some editors and spreadsheets write at the start of a UTF-8 file. */
  private static final String BOM = "\uFEFF";

  /** Reads {@code file}; the trace is named after the file without its extension. */
  public static Trace read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--trace " + file + ": no such file; give a CSV with the header "
          + HEADER);
    }
    String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("--trace " + file + " is not UTF-8 text; save it as UTF-8 (or plain ASCII:"
          + " digits and commas), with the header " + HEADER);
    }
    return parse(name, "--trace " + file, lines);
  }

  /** Parses {@code lines}; {@code source} names the input in errors. */
  public static Trace parse(String name, String source, List<String> lines) {
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first < lines.size() && lines.get(first).startsWith(BOM)) {
      lines = new ArrayList<>(lines);
      lines.set(first, lines.get(first).substring(1));
    }
    if (first == lines.size() || !lines.get(first).trim().replace(" ", "").equals(HEADER)) {
      throw new IllegalArgumentException(source + ": the first line must be the header '" + HEADER + "'");
    }
    List<TraceRow> rows = new ArrayList<>();
    for (int i = first + 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",", -1);
      String where = source + " line " + (i + 1);
      if (cells.length != 2) {
        throw new IllegalArgumentException(where + ": '" + line + "' has " + cells.length
            + " fields; write two numbers, arrival_ms,duration_ms");
      }
      rows.add(new TraceRow(number(where, "arrival_ms", cells[0]), number(where, "duration_ms", cells[1])));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(source + ": no tasks after the header; add rows arrival_ms,duration_ms");
    }
    return new Trace(name, rows);
  }

  private static long number(String where, String field, String cell) {
    try {
      long value = Long.parseLong(cell.trim());
      if (value < 0) {
        throw new IllegalArgumentException(where + ": " + field + " is " + value
            + "; it must be 0 or more milliseconds");
      }
      if (value > MAX_MS) {
        throw new IllegalArgumentException(where + ": " + field + " is " + value + " ms, more than a day; the"
            + " sandbox replays in real time: use at most " + MAX_MS + " (scale the trace down)");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": " + field + " is '" + cell.trim()
          + "', not a whole number of milliseconds; write e.g. 1500");
    }
  }

  private TraceCsv() {}
}
