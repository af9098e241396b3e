package encharge.gateway.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import encharge.gateway.GatewayFixture;
import encharge.gateway.TestSql;
import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.WelcomeMailDue;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** What the account tests share: a real SMTP server, outbox rows, mail parts, bounded waits. */
final class MailTestSupport {

  static final Pattern LINK = Pattern.compile("(https?://\\S+/account/set-password\\?token=)([A-Za-z0-9_-]+)");

  private MailTestSupport() {
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GreenMail SMTP server on {@code port}, not started yet. */
  static GreenMail smtpServer(int port) {
    return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  /**
   * Creates a user with an {@code add} webhook; with {@code sendNotification} its welcome mail is
   * queued with it and announced. Answers the user id.
   */
  static long addUser(GatewayFixture gw, JsonObject contact, boolean sendNotification) {
    HttpResponse<Buffer> response = gw.webhook("add", contact.getString("id"),
        sendNotification ? "send_notification=true" : null).await();
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject data = response.bodyAsJsonObject().getJsonObject("data");
    assertTrue(data.getBoolean("created"));
    return data.getLong("user_id");
  }

  /** Queues a welcome mail without announcing it: only an outbox poll finds it. */
  static void queueUnannounced(long userId, String contactId) {
    TestSql.query("INSERT INTO welcome_mails (user_id, contact_id) VALUES ($1, $2)", userId, contactId);
  }

  static void announce(GatewayFixture gw, long userId) {
    gw.vertx().eventBus().send(Addresses.WELCOME_MAIL_DUE, new WelcomeMailDue(userId));
  }

  static Row outboxRow(long userId) {
    return TestSql.query("SELECT status, attempts, last_error, sent_at FROM welcome_mails WHERE user_id = $1",
        userId).iterator().next();
  }

  static long tokenCount(long userId) {
    return TestSql.query("SELECT count(*) FROM password_tokens WHERE user_id = $1", userId).iterator().next()
        .getLong(0);
  }

  /** Inserts a token for the user, {@code lifetime} from now (negative: already expired). */
  static String insertToken(long userId, Duration lifetime) {
    String token = "test-token-" + UUID.randomUUID();
    TestSql.query("INSERT INTO password_tokens (token_hash, user_id, expires_at) "
        + "VALUES ($1, $2, now() + $3::bigint * interval '1 millisecond')", sha256(token), userId, lifetime.toMillis());
    return token;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long until = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        fail("timed out waiting for " + what);
      }
      sleep(20);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The mails the server received for {@code address}. */
  static List<MimeMessage> mailsTo(GreenMail smtp, String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
      try {
        return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
            .anyMatch(to -> to.toString().equalsIgnoreCase(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** Waits for the first mail to {@code address}. */
  static MimeMessage awaitMail(GreenMail smtp, String address, Duration timeout) {
    await("a mail to " + address, timeout, () -> !mailsTo(smtp, address).isEmpty());
    return mailsTo(smtp, address).get(0);
  }

  /** The decoded part of {@code mimeType} (text/plain or text/html) of a multipart mail. */
  static String part(MimeMessage mail, String mimeType) {
    try {
      Object content = mail.getContent();
      if (content instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart part = multipart.getBodyPart(i);
          if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
          }
        }
      }
      throw new AssertionError("no " + mimeType + " part in the mail");
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The set-password link in a text; its group 2 is the token. */
  static Matcher link(String text) {
    Matcher matcher = LINK.matcher(text);
    assertTrue(matcher.find(), "a set-password link in: " + text);
    return matcher;
  }

  /** The gateway's log events (not the SMTP server's) from now on, as text, until {@link #stop()}. */
  static final class CapturedLogs {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;

    CapturedLogs() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      appender.setContext(context);
      appender.start();
      root.addAppender(appender);
    }

    String text() {
      List<ILoggingEvent> events;
      synchronized (appender) {
        events = List.copyOf(appender.list);
      }
      return events.stream().filter(event -> !event.getLoggerName().startsWith("com.icegreen")).map(event -> event.getFormattedMessage() + " " + event.getKeyValuePairs()
          + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
          .collect(Collectors.joining("\n"));
    }

    void stop() {
      root.detachAppender(appender);
      appender.stop();
    }
  }
}
