package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Users get the repository and nothing else: no file points to design notes beside it, and every relative link
 * in the Markdown docs reaches a file that exists.
 */
class RepositoryStandsAloneTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", "sandbox-report", ".idea");
  /** Names of notes that lived outside the repository; spelled in pieces so this file does not match itself. */
  private static final List<String> OUTSIDE = List.of("../" + "shared", "style-" + "models.md", "stack" + ".md",
      "autoscaling-" + "anchors", "shared/" + "design.md", "shared/" + "hatchet-protocol.md");
  private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");

  @Test
  void noFileRefersToNotesOutsideTheRepository() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path file : textFiles()) {
      String text = read(file);
      for (String outside : OUTSIDE) {
        if (text.contains(outside)) {
          offenders.add(ROOT.relativize(file) + " mentions " + outside);
        }
      }
    }
    assertThat(offenders).as("bring what matters into docs/ and point there instead").isEmpty();
  }

  @Test
  void relativeLinksInMarkdownReachExistingFiles() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path file : textFiles()) {
      if (!file.toString().endsWith(".md")) {
        continue;
      }
      Matcher link = MARKDOWN_LINK.matcher(read(file));
      while (link.find()) {
        String target = link.group(1);
        if (target.contains("://") || target.startsWith("mailto:")) {
          continue;
        }
        Path resolved = file.getParent().resolve(target).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(ROOT.relativize(file) + " -> " + target);
        }
      }
    }
    assertThat(broken).as("links that leave the repository or reach nothing").isEmpty();
  }

  private static List<Path> textFiles() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> ROOT.relativize(f).toString().split("/").length > 0)
          .filter(f -> {
            for (Path part : ROOT.relativize(f)) {
              if (SKIPPED_DIRS.contains(part.toString())) {
                return false;
              }
            }
            return true;
          })
          .filter(f -> f.toString().matches(".*\\.(md|java|xml|yaml|yml|json|proto|golden|tpl|txt|js|properties)$"))
          .toList();
    }
  }

  private static String read(Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (MalformedInputException e) {
      return "";
    }
  }
}
