package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code target/dev-engine.jar} starts on its own, prints the banner, writes the token and serves it. */
class DevEngineJarIT {

  @Test
  void the_jar_runs_prints_the_exports_writes_the_token_and_answers_with_it(@TempDir Path dir) throws Exception {
    Path tokenFile = dir.resolve("token");
    Path out = dir.resolve("out.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-jar", "target/dev-engine.jar", "--grpc-port", "0", "--http-port", "0",
        "--token-file", tokenFile.toString())).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      long deadline = System.currentTimeMillis() + 60_000;
      while (!(Files.exists(tokenFile) && Files.readString(out).contains("HATCHET_CLIENT_TLS_STRATEGY"))) {
        assertThat(p.isAlive()).as("the jar is running: " + Files.readString(out)).isTrue();
        assertThat(System.currentTimeMillis()).as("started within 60 s").isLessThan(deadline);
        Thread.sleep(200);
      }
      String banner = Files.readString(out);
      assertThat(banner).contains("DEVELOPMENT engine");
      String token = Files.readString(tokenFile).trim();
      assertThat(banner).contains("export HATCHET_CLIENT_TOKEN=" + token);
      Matcher url = Pattern.compile("HATCHET_CLIENT_SERVER_URL=(\\S+)").matcher(banner);
      Matcher tenant = Pattern.compile("HATCHET_CLIENT_TENANT_ID=(\\S+)").matcher(banner);
      assertThat(url.find() && tenant.find()).isTrue();
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          url.group(1).replace("localhost", "127.0.0.1") + "/api/v1/tenants/" + tenant.group(1)))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"version\":\"V1\"");
    } finally {
      p.destroy();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the jar stops on SIGTERM").isTrue();
    }
  }
}
