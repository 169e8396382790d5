package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.engine.auth.TokenAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --key-file: created 0600 when missing, reused after, so a restarted engine accepts the tokens it issued. */
class EngineKeyTest {

  @TempDir
  Path dir;

  @Test
  void a_missing_key_file_is_created_owner_only_and_reused_with_its_tenant() throws Exception {
    Path file = dir.resolve("engine.key");
    EngineKey first = EngineKey.loadOrCreate(file, null);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    EngineKey second = EngineKey.loadOrCreate(file, null);
    assertThat(second.tenantId()).isEqualTo(first.tenantId());
    assertThat(second.key()).isEqualTo(first.key());
  }

  @Test
  void a_token_of_the_first_engine_is_accepted_by_the_restarted_one() throws Exception {
    Path file = dir.resolve("engine.key");
    String token;
    try (DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral().withKey(EngineKey.loadOrCreate(file, null)))) {
      token = engine.token();
    }
    try (DevEngine restarted = DevEngine.start(DevEngineSettings.ephemeral()
        .withKey(EngineKey.loadOrCreate(file, null)))) {
      assertThat(EngineHardeningTest.get(restarted, "/api/v1/tenants/" + restarted.tenantId(), token).statusCode())
          .isEqualTo(200);
    }
    try (DevEngine other = DevEngine.start(DevEngineSettings.ephemeral())) {
      assertThat(EngineHardeningTest.get(other, "/api/v1/tenants/" + other.tenantId(), token).statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void a_tenant_id_other_than_the_key_files_is_refused_with_the_fix() throws Exception {
    Path file = dir.resolve("engine.key");
    EngineKey.loadOrCreate(file, "707d0855-80ab-4e1f-a156-f1c4546cbf52");
    assertThatThrownBy(() -> EngineKey.loadOrCreate(file, "11111111-2222-4333-8444-555555555555"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tenant-id 11111111-2222-4333-8444-555555555555")
        .hasMessageContaining("707d0855-80ab-4e1f-a156-f1c4546cbf52")
        .hasMessageContaining(file.toString());
  }

  @Test
  void a_damaged_key_file_is_refused_naming_the_file_and_the_fix() throws Exception {
    Path file = dir.resolve("engine.key");
    EngineKey.loadOrCreate(file, null);
    Files.writeString(file, Files.readString(file).replaceAll("key=.*", "key=!!"));
    assertThatThrownBy(() -> EngineKey.loadOrCreate(file, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--key-file " + file)
        .hasMessageContaining("delete it");
    Path other = Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/bash\n");
    assertThatThrownBy(() -> EngineKey.loadOrCreate(other, null))
        .hasMessageContaining("is not a key file of the dev engine")
        .hasMessageNotContaining("delete");
  }

  @Test
  void the_token_file_is_written_owner_only() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    EngineKey.writeSecret(file, "the-token");
    assertThat(Files.readString(file)).isEqualTo("the-token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    Path fresh = dir.resolve("fresh-token");
    EngineKey.writeSecret(fresh, "t");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-------");
  }

  @Test
  void the_authority_signs_with_the_given_key() {
    byte[] key = new byte[32];
    TokenAuthority a = new TokenAuthority(Clock.systemUTC(), "707d0855-80ab-4e1f-a156-f1c4546cbf52", key);
    TokenAuthority b = new TokenAuthority(Clock.systemUTC(), "707d0855-80ab-4e1f-a156-f1c4546cbf52", key.clone());
    b.check("bearer " + a.issue("http://x", "x:1", Duration.ofHours(1)));
  }
}
