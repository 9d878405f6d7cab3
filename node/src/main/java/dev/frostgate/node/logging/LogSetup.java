package dev.frostgate.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures Logback for the whole process from {@link LogSettings}, replacing the default of
 * {@code logback.xml}. Text lines are one per event, a stack trace folded onto the same line, so
 * that {@code grep} on a validator's log finds whole events; JSON lines are Logback's JsonEncoder.
 */
public final class LogSetup {
  /**
   * Time (UTC), level, logger, the three ids of {@link LogContext} ({@code -} when unset), the
   * message, and the first frames of an exception folded onto the line.
   */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level %logger{0}"
          + " validator=%X{validator:--} session=%X{session:--} request=%X{request:--}: %msg"
          + "%replace(%replace(%ex{5}){'\\s*[\\r\\n]+\\s*', ' | '}){'^(.+?)( \\| )?$', ' $1'}"
          + "%nopex%n";

  private LogSetup() {}

  /**
   * Applies {@code settings} to the process's Logback context.
   *
   * @throws IllegalStateException if SLF4J is bound to another backend (a build mistake)
   */
  public static void configure(LogSettings settings) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      throw new IllegalStateException(
          "SLF4J is bound to " + factory.getClass().getName() + ", not Logback");
    }
    context.reset();
    // java.util.logging (gRPC, Netty) goes through SLF4J too; the propagator keeps JUL's levels in
    // step with Logback's so that disabled lines cost nothing.
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    context.addListener(propagator);
    propagator.start();
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(settings.level(), Level.WARN));

    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setTarget("System.err");
    root.addAppender(start(context, stderr, "stderr", settings.format()));

    settings
        .file()
        .ifPresent(
            path -> {
              FileAppender<ILoggingEvent> file = new FileAppender<>();
              file.setFile(path.toAbsolutePath().toString());
              file.setAppend(true);
              root.addAppender(start(context, file, "file", settings.format()));
            });
  }

  /** Restores the quiet default ({@link LogSettings#quiet()}). */
  public static void reset() {
    configure(LogSettings.quiet());
  }

  private static OutputStreamAppender<ILoggingEvent> start(
      LoggerContext context,
      OutputStreamAppender<ILoggingEvent> appender,
      String name,
      LogFormat format) {
    appender.setContext(context);
    appender.setName(name);
    appender.setEncoder(encoder(context, format));
    appender.start();
    return appender;
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
    if (format == LogFormat.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      // The message as read ("sent to 14 peers"), not the template and its arguments apart.
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }
}
