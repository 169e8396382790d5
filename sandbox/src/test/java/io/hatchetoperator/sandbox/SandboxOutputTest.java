package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hatchetoperator.sandbox.view.PanelLiveView;
import io.hatchetoperator.sandbox.view.PlainLiveView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user reads: logs out of the live view's way, no ANSI in a file, the libraries' noise handled. */
class SandboxOutputTest {

  private static LoggerContext shipped() throws Exception {
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JoranConfigurator config = new JoranConfigurator();
    config.setContext(ctx);
    config.doConfigure(SandboxOutputTest.class.getClassLoader().getResource("logback.xml"));
    return ctx;
  }

  @Test
  void the_v1alpha1_warning_is_silenced_for_the_class_that_logs_it() throws Exception {
    LoggerContext ctx = shipped();
    assertThat(ctx.getLogger(io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils.class).isWarnEnabled())
        .isFalse();
  }

  @Test
  void java_util_logging_records_reach_the_sandbox_log() throws Exception {
    SandboxOutput.routeJavaUtilLogging();
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.setContext(root.getLoggerContext());
    seen.start();
    root.addAppender(seen);
    try {
      java.util.logging.Logger.getLogger("io.grpc.internal.SomeGrpcClass").severe("channel broke");
      assertThat(seen.list).anyMatch(e -> e.getFormattedMessage().equals("channel broke")
          && e.getLevel() == Level.ERROR && e.getLoggerName().equals("io.grpc.internal.SomeGrpcClass"));
    } finally {
      root.detachAppender(seen);
    }
  }

  @Test
  void in_live_mode_the_log_goes_to_a_file_under_the_report_folder(@TempDir Path dir) throws Exception {
    LoggerContext ctx = shipped();
    Path file = SandboxOutput.logToFile(ctx, dir);
    assertThat(file).isEqualTo(dir.resolve("sandbox.log"));
    ctx.getLogger("io.hatchetoperator.sandbox.Test").info("into the file");
    ctx.stop();
    assertThat(Files.readString(file)).contains("into the file");
    assertThat(ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
  }

  @Test
  void the_panel_is_drawn_only_on_a_terminal() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(SandboxOutput.view(true, true, out, "t")).isInstanceOf(PanelLiveView.class);
    assertThat(SandboxOutput.view(true, false, out, "t")).isInstanceOf(PlainLiveView.class);
    assertThat(SandboxOutput.view(false, true, out, "t")).isInstanceOf(PlainLiveView.class);
  }
}
