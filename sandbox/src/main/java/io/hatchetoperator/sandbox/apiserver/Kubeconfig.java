package io.hatchetoperator.sandbox.apiserver;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A kubeconfig for the sandbox's API: one cluster, context and (anonymous) user named {@code hatchet-sandbox}. */
public final class Kubeconfig {

  /** The name of the cluster, context and user. */
  public static final String NAME = "hatchet-sandbox";

  private Kubeconfig() {}

  /** The kubeconfig text for the server at {@code url}, defaulting to {@code namespace}. */
  public static String render(String url, String namespace) {
    return "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- name: " + NAME + "\n"
        + "  cluster:\n"
        + "    server: " + url + "\n"
        + "contexts:\n"
        + "- name: " + NAME + "\n"
        + "  context:\n"
        + "    cluster: " + NAME + "\n"
        + "    namespace: " + namespace + "\n"
        + "    user: " + NAME + "\n"
        + "current-context: " + NAME + "\n"
        + "users:\n"
        + "- name: " + NAME + "\n"
        + "  user: {}\n"
        + "preferences: {}\n";
  }

  /**
   * Checks before anything starts that {@code file} can be written: its directory exists and is writable, and
   * it is not a directory. Throws IllegalArgumentException naming the option, the path and the fix.
   */
  public static void checkWritable(Path file) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (Files.isDirectory(abs)) {
      throw new IllegalArgumentException("--kubeconfig " + file + ": is a directory; give a file path, e.g. "
          + abs.resolve("sandbox.kubeconfig"));
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--kubeconfig " + file + ": the directory " + dir + " does not exist; "
          + "create it or give a path in an existing directory");
    }
    if (!Files.isWritable(dir) || (Files.exists(abs) && !Files.isWritable(abs))) {
      throw new IllegalArgumentException("--kubeconfig " + file + ": not writable by this user; give a path you "
          + "can write, e.g. /tmp/sandbox.kubeconfig");
    }
  }

  /** Writes the kubeconfig to {@code file} atomically (a reader never sees half of it); returns the path. */
  public static Path write(Path file, String url, String namespace) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, render(url, namespace));
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new IOException("--kubeconfig " + file + ": cannot write " + e.getFile() + " (" + e.getClass()
          .getSimpleName() + "); give a path in a directory you can write", e);
    }
    return abs;
  }
}
