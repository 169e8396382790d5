package io.hatchetoperator.sandbox.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hatchetoperator.sandbox.view.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes {@code report.json} (the figures) and {@code report.html} (the figures and the chart) into a directory. */
public final class ReportWriter {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes both files into {@code dir} (created when missing); returns the HTML file. */
  public static Path write(Path dir, RunReport report, List<Sample> samples, List<ScaleEvent> events,
      String settingsSummary) throws IOException {
    Files.createDirectories(dir);
    JSON.writeValue(dir.resolve("report.json").toFile(), report);
    Path html = dir.resolve("report.html");
    Files.writeString(html, html(report, samples, events, settingsSummary), StandardCharsets.UTF_8);
    return html;
  }

  static String html(RunReport r, List<Sample> samples, List<ScaleEvent> events, String settings) {
    StringBuilder rows = new StringBuilder();
    JSON.convertValue(r, java.util.Map.class).forEach((k, v) ->
        rows.append("<tr><th>").append(k).append("</th><td>").append(escape(String.valueOf(v)))
            .append("</td></tr>\n"));
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sandbox run: " + escape(r.trace())
        + "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        + "th,td{padding:2px 10px;text-align:left;border-bottom:1px solid #eee}pre{background:#f6f6f6;"
        + "padding:8px}</style></head><body>\n<h1>Sandbox run: " + escape(r.trace()) + "</h1>\n"
        + "<p>Queue depth, busy slots and replicas over time; dashed lines mark changes of the Deployment's "
        + "replicas; purple lines mark a rolling update (pods of the old template, its start and end).</p>\n"
        + SvgChart.render(samples, events) + "<h2>Figures</h2>\n<table>\n" + rows
        + "</table>\n<h2>Pool settings</h2>\n<pre>" + escape(settings) + "</pre>\n</body></html>\n";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private ReportWriter() {}
}
