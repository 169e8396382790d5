package io.hatchetoperator.sandbox;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import io.hatchetoperator.sandbox.view.LiveView;
import io.hatchetoperator.sandbox.view.PanelLiveView;
import io.hatchetoperator.sandbox.view.PlainLiveView;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Where the sandbox's output goes: the redrawn panel only on a terminal (plain lines otherwise, no ANSI codes in a
 * file or pipe), the log in a file under the report folder while the panel is drawn, and java.util.logging
 * (grpc-java's) through SLF4J with the rest.
 */
final class SandboxOutput {

  /** The log file's name in the report folder. */
  static final String LOG_FILE = "sandbox.log";

  private SandboxOutput() {}

  /** True when standard output is a terminal that can take the panel's cursor moves. */
  static boolean stdoutIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // JDK 22+ returns a console even when output is redirected; isTerminal() tells (absent on 17)
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** The panel when {@code live} and on a terminal, else one plain line per sample. */
  static LiveView view(boolean live, boolean terminal, PrintStream out, String title) {
    return live && terminal ? new PanelLiveView(out, title) : new PlainLiveView(out);
  }

  /** Sends java.util.logging records (grpc-java logs through it) to SLF4J, formatted like the rest. */
  static void routeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /** Moves the console log of {@code ctx} into {@code dir}/sandbox.log; returns the file. */
  static Path logToFile(LoggerContext ctx, Path dir) {
    Path file = dir.resolve(LOG_FILE);
    ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(ctx);
    appender.setName("FILE");
    appender.setFile(file.toString());
    appender.setAppend(false);
    appender.setEncoder(encoder);
    appender.start();
    root.addAppender(appender);
    for (java.util.Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> a = it.next();
      if (a instanceof ch.qos.logback.core.ConsoleAppender) {
        root.detachAppender(a);
        a.stop();
      }
    }
    return file;
  }

  /** {@link #logToFile(LoggerContext, Path)} on the running logback, when logback is the SLF4J backend. */
  static Path logToFile(Path dir) {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      return logToFile(ctx, dir);
    }
    return null;
  }
}
