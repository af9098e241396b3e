package encharge.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Every log event of the JVM while it runs, as text: message, key-values and stack traces. */
final class CapturedLogs {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root;

  private CapturedLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  static CapturedLogs start() {
    return new CapturedLogs();
  }

  /** The text so far, once {@code ready} holds of it (or after two seconds, whatever it is). */
  String awaitText(Predicate<String> ready) {
    long until = System.currentTimeMillis() + 2_000;
    String text = text();
    while (!ready.test(text) && System.currentTimeMillis() < until) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      text = text();
    }
    return text;
  }

  String text() {
    List<ILoggingEvent> events;
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    return events.stream().map(CapturedLogs::render).collect(Collectors.joining("\n"));
  }

  void stop() {
    root.detachAppender(appender);
    appender.stop();
  }

  private static String render(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      event.getKeyValuePairs().forEach(pair -> line.append(' ').append(pair.key).append('=').append(pair.value));
    }
    if (event.getThrowableProxy() != null) {
      line.append(' ').append(event.getThrowableProxy().getMessage());
    }
    return line.toString();
  }
}
