package io.hatchetoperator.engine;

import io.hatchetoperator.engine.auth.TokenAuthority;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * The engine's signing key and tenant, kept in {@code --key-file} so that a restarted engine accepts the tokens it
 * issued before. The file is created owner-only (0600) when missing and reused after. Also writes the token file.
 *
 * @param key the HS256 signing key (32 bytes)
 * @param tenantId the tenant the tokens name ({@code sub})
 */
public record EngineKey(byte[] key, String tenantId) {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /**
   * Reads {@code file}, or creates it with a random key and {@code tenantId} (random when null). A {@code tenantId}
   * other than the file's is refused: tokens name their tenant.
   */
  public static EngineKey loadOrCreate(Path file, String tenantId) throws IOException {
    if (!Files.exists(file)) {
      EngineKey created = new EngineKey(TokenAuthority.randomKey(),
          tenantId == null ? Ids.uuid() : Ids.require("--tenant-id", tenantId));
      try {
        writeNew(file, created.text());
        return created;
      } catch (FileAlreadyExistsException raced) {
        // another engine created it in between: read theirs
      }
    }
    EngineKey read = parse(file, Files.readString(file, StandardCharsets.UTF_8));
    if (tenantId != null && !tenantId.equals(read.tenantId())) {
      throw new IllegalArgumentException("--tenant-id " + tenantId + " differs from the tenant " + read.tenantId()
          + " kept in --key-file " + file + " (its tokens name that tenant); drop --tenant-id, or give another key file");
    }
    return read;
  }

  /** Writes {@code secret} to {@code file} readable by its owner only (0600), replacing what was there. */
  public static void writeSecret(Path file, String secret) throws IOException {
    if (Files.exists(file)) {
      if (isPosix(file)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
      Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } else {
      writeNew(file, secret);
    }
  }

  private static void writeNew(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    boolean posix = parent != null && isPosix(parent);
    FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    Files.createFile(file, attrs);
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static boolean isPosix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static final String HEADER = "# Signing key of a Hatchet dev engine";

  private String text() {
    return HEADER + ": anyone who reads it can mint tokens. Keep it owner-only.\n"
        + "key=" + Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n"
        + "tenant=" + tenantId + "\n";
  }

  private static EngineKey parse(Path file, String text) {
    if (!text.startsWith(HEADER)) {
      throw new IllegalArgumentException("--key-file " + file + " is not a key file of the dev engine; give a path"
          + " that does not exist yet (the engine creates it) or one it created before");
    }
    String key = null;
    String tenant = null;
    for (String line : text.split("\\R")) {
      if (line.startsWith("key=")) {
        key = line.substring(4).trim();
      } else if (line.startsWith("tenant=")) {
        tenant = line.substring(7).trim();
      }
    }
    String fix = "; delete it to have the engine create a new one (tokens issued with the old key stop working)";
    if (key == null || tenant == null) {
      throw new IllegalArgumentException("--key-file " + file + " has no 'key=' and 'tenant=' lines" + fix);
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(key);
      Ids.require("tenant", tenant);
    } catch (IllegalArgumentException | EngineException e) {
      throw new IllegalArgumentException("--key-file " + file + " is damaged (" + e.getMessage() + ")" + fix);
    }
    if (bytes.length < 32) {
      throw new IllegalArgumentException("--key-file " + file + " holds a key of " + bytes.length
          + " bytes, not 32" + fix);
    }
    return new EngineKey(bytes, tenant);
  }
}
