package encharge.gateway.account;

import static encharge.gateway.account.MailTestSupport.addUser;
import static encharge.gateway.account.MailTestSupport.announce;
import static encharge.gateway.account.MailTestSupport.await;
import static encharge.gateway.account.MailTestSupport.awaitMail;
import static encharge.gateway.account.MailTestSupport.link;
import static encharge.gateway.account.MailTestSupport.mailsTo;
import static encharge.gateway.account.MailTestSupport.outboxRow;
import static encharge.gateway.account.MailTestSupport.part;
import static encharge.gateway.account.MailTestSupport.queueUnannounced;
import static encharge.gateway.account.MailTestSupport.sha256;
import static encharge.gateway.account.MailTestSupport.tokenCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import encharge.gateway.GatewayFixture;
import encharge.gateway.TestSql;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.sqlclient.Row;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The welcome mail through the whole gateway, to a real SMTP server (GreenMail): sent once, retried
 * while SMTP is down, given up after the last attempt, only recorded without an SMTP host.
 */
class WelcomeMailTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Several poll periods (the poll follows MAIL_RETRY_BASE_MS, 50 ms here): long enough for a resend to show. */
  private static final long QUIET_MS = 400;

  private final List<GatewayFixture> gateways = new ArrayList<>();
  private final List<GreenMail> smtpServers = new ArrayList<>();

  @AfterEach
  void stop() {
    gateways.forEach(GatewayFixture::stop);
    smtpServers.forEach(GreenMail::stop);
  }

  @Test
  void theMailArrivesOnceWithTheLoginAndASinglePasswordLink() throws MessagingException {
    GreenMail smtp = startSmtp(MailTestSupport.freePort());
    MailTestSupport.CapturedLogs logs = new MailTestSupport.CapturedLogs();
    GatewayFixture gw = gateway(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", smtp.getSmtp().getPort(),
        "SITE_NAME", "Bits & <Bobs>", "LOGIN_URL", "https://shop.example.com/login", "MAIL_FROM", "welcome@example.com"));
    JsonObject contact = gw.newContact();
    String email = contact.getString("email");
    long userId = addUser(gw, contact, true);

    MimeMessage mail = awaitMail(smtp, email, WAIT);

    String login = gw.userByContact(contact.getString("id")).getString("login");
    String text = part(mail, "text/plain");
    String html = part(mail, "text/html");
    Matcher textLink = link(text);
    String token = textLink.group(2);
    assertEquals("welcome@example.com", mail.getFrom()[0].toString());
    assertEquals("Welcome to Bits & <Bobs>: choose your password", mail.getSubject());
    assertTrue(text.contains("Your login name: " + login), text);
    assertTrue(text.contains("Hello Jane,"), text);
    assertTrue(text.contains("at Bits & <Bobs>."), "plain text is not escaped: " + text);
    assertTrue(text.contains("Then log in at https://shop.example.com/login"), text);
    assertEquals("http://localhost:" + gw.gateway().port() + "/account/set-password?token=", textLink.group(1));
    assertTrue(html.contains("<strong>" + login + "</strong>"), html);
    assertTrue(html.contains("at Bits &amp; &lt;Bobs&gt;."), "HTML values are escaped: " + html);
    assertTrue(html.contains("href=\"" + textLink.group() + "\""), "the same link in the HTML part: " + html);

    // marked right after the SMTP server accepted it
    await("the mail marked sent", WAIT, () -> "sent".equals(outboxRow(userId).getString("status")));
    Row outbox = outboxRow(userId);
    assertEquals(1, outbox.getInteger("attempts"));
    assertNotNull(outbox.getValue("sent_at"));
    Row stored = TestSql.query("SELECT token_hash, expires_at, used_at FROM password_tokens WHERE user_id = $1", userId)
        .iterator().next();
    assertEquals(sha256(token), stored.getString("token_hash"), "only the token's SHA-256 is stored");
    assertNull(stored.getValue("used_at"));
    OffsetDateTime expires = stored.getOffsetDateTime("expires_at");
    assertTrue(expires.isAfter(OffsetDateTime.now().plusHours(71)) && expires.isBefore(OffsetDateTime.now().plusHours(73)),
        "the default lifetime is 72 hours: " + expires);

    // Encharge retries the webhook, the mail is announced again: still one mail
    assertEquals(200, gw.webhook("add", contact.getString("id"), "send_notification=true").await().statusCode());
    announce(gw, userId);
    MailTestSupport.sleep(QUIET_MS);
    assertEquals(1, mailsTo(smtp, email).size());
    assertEquals(1, tokenCount(userId));

    JsonObject logRow = welcomeRows(gw, contact.getString("id"), 1).getJsonObject(0);
    assertEquals(webhookRequestId(gw, contact.getString("id")), logRow.getString("request_id"),
        "the mail's log row names the webhook that created the user");
    assertEquals("sent", logRow.getString("outcome"));
    assertEquals(userId, logRow.getLong("user_id"));
    assertNull(logRow.getString("error"));
    assertFalse(logRow.encode().contains(token));
    String logText = logs.text();
    logs.stop();
    assertFalse(logText.contains(token), "the token is never logged");
    assertFalse(logText.contains(email), "nor the address");
  }

  @Test
  void aMailThatCannotBeSentIsRetriedUntilSmtpIsBack() {
    int port = MailTestSupport.freePort();
    GatewayFixture gw = gateway(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", port, "MAIL_MAX_ATTEMPTS", 30));
    JsonObject contact = gw.newContact();
    long userId = addUser(gw, contact, true);

    await("two failed attempts", WAIT, () -> outboxRow(userId).getInteger("attempts") >= 2);
    Row failing = outboxRow(userId);
    assertEquals("pending", failing.getString("status"));
    assertNotNull(failing.getString("last_error"));
    assertEquals(0, tokenCount(userId), "the tokens of unsent mails are dropped");
    assertEquals("send_failed", welcomeRows(gw, contact.getString("id"), 1).getJsonObject(0).getString("outcome"));

    GreenMail smtp = startSmtp(port);
    MimeMessage mail = awaitMail(smtp, contact.getString("email"), WAIT);

    assertNotNull(link(part(mail, "text/plain")).group(2));
    await("the mail marked sent", WAIT, () -> "sent".equals(outboxRow(userId).getString("status")));
    assertNull(outboxRow(userId).getString("last_error"));
    assertEquals(1, tokenCount(userId));
    MailTestSupport.sleep(QUIET_MS);
    assertEquals(1, mailsTo(smtp, contact.getString("email")).size());
  }

  @Test
  void aMailIsGivenUpAfterTheLastAttempt() {
    GatewayFixture gw = gateway(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", MailTestSupport.freePort(),
        "MAIL_MAX_ATTEMPTS", 2));
    JsonObject contact = gw.newContact();
    long userId = addUser(gw, contact, true);

    await("the mail given up", WAIT, () -> "failed".equals(outboxRow(userId).getString("status")));

    assertEquals(2, outboxRow(userId).getInteger("attempts"));
    JsonArray rows = welcomeRows(gw, contact.getString("id"), 2);
    assertEquals("failed", rows.getJsonObject(0).getString("outcome"), "newest first");
    assertEquals("send_failed", rows.getJsonObject(1).getString("outcome"));
    assertNotNull(rows.getJsonObject(0).getString("error"));
    announce(gw, userId);
    MailTestSupport.sleep(QUIET_MS);
    assertEquals(2, outboxRow(userId).getInteger("attempts"), "a failed mail is not claimed again");
  }

  @Test
  void withoutAnSmtpHostTheMailIsRecordedNotSent() {
    GatewayFixture gw = GatewayFixture.startIsolated(metricsVertx(), withBase(Map.of()));
    gateways.add(gw);
    JsonObject contact = gw.newContact();
    long userId = addUser(gw, contact, true);

    await("the mail recorded", WAIT, () -> "recorded".equals(outboxRow(userId).getString("status")));

    assertNull(outboxRow(userId).getValue("sent_at"));
    assertEquals(0, tokenCount(userId), "no link exists that nobody received");
    assertEquals("recorded", welcomeRows(gw, contact.getString("id"), 1).getJsonObject(0).getString("outcome"));
    String metrics = gw.client().get("/metrics").send().await().bodyAsString();
    assertTrue(metrics.contains("gateway_welcome_emails_total{outcome=\"recorded\"}"), metrics);
  }

  @Test
  void replicasPollingOneOutboxSendEachMailOnce() {
    GreenMail smtp = startSmtp(MailTestSupport.freePort());
    Map<String, Object> config = Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", smtp.getSmtp().getPort());
    GatewayFixture first = gateway(config);
    GatewayFixture second = first.replica(withBase(config));
    gateways.add(second);
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      JsonObject contact = first.newContact();
      long userId = addUser(first, contact, false);
      // only the polls of both replicas find these
      queueUnannounced(userId, contact.getString("id"));
      emails.add(contact.getString("email"));
    }

    await("every mail", WAIT, () -> emails.stream().allMatch(email -> !mailsTo(smtp, email).isEmpty()));
    MailTestSupport.sleep(QUIET_MS);
    for (String email : emails) {
      assertEquals(1, mailsTo(smtp, email).size(), email);
    }
  }

  /** A Vertx with Prometheus metrics, as the process builds it. */
  private static Vertx metricsVertx() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)).setEnabled(true);
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory()).build();
  }

  private GreenMail startSmtp(int port) {
    GreenMail smtp = MailTestSupport.smtpServer(port);
    smtp.start();
    smtpServers.add(smtp);
    return smtp;
  }

  /** A gateway whose outbox poll and retries run every few tens of milliseconds. */
  private GatewayFixture gateway(Map<String, Object> overrides) {
    GatewayFixture gw = GatewayFixture.startIsolated(withBase(overrides));
    gateways.add(gw);
    return gw;
  }

  private static Map<String, Object> withBase(Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>(Map.of("MAIL_RETRY_BASE_MS", 50));
    config.putAll(overrides);
    return config;
  }

  /** The request id of the contact's {@code add} webhook, from the webhook log. */
  private static String webhookRequestId(GatewayFixture gw, String contactId) {
    return gw.webhookLog(contactId, 1).stream().map(JsonObject.class::cast)
        .filter(row -> "add".equals(row.getString("action"))).reduce((newer, older) -> older).orElseThrow()
        .getString("request_id");
  }

  /** The contact's welcome_email log rows, newest first, once {@code expected} of them are written. */
  private static JsonArray welcomeRows(GatewayFixture gw, String contactId, int expected) {
    JsonArray rows = new JsonArray();
    await(expected + " welcome_email log rows", WAIT, () -> {
      rows.clear();
      gw.webhookLog(contactId, 0).stream().map(JsonObject.class::cast)
          .filter(row -> "welcome_email".equals(row.getString("action"))).forEach(rows::add);
      return rows.size() >= expected;
    });
    return rows;
  }
}
