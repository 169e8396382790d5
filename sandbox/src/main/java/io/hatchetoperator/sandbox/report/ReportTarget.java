package io.hatchetoperator.sandbox.report;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks the report folder before a run, so a run's results are never lost to a path that cannot take them. */
public final class ReportTarget {

  private ReportTarget() {}

  /** Creates {@code dir} when missing and proves it writable; IllegalArgumentException naming it and the fix. */
  public static void check(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--report " + dir + " is a file; give a folder for report.json and"
          + " report.html (created when missing), e.g. --report sandbox-report");
    }
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
          : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
      throw new IllegalArgumentException("--report " + dir + " cannot be written (" + reason + " at "
          + (e instanceof FileSystemException f ? f.getFile() : dir) + "); give a folder you can write to");
    }
  }
}
