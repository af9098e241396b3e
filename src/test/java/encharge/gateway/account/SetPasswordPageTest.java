package encharge.gateway.account;

import static encharge.gateway.account.MailTestSupport.addUser;
import static encharge.gateway.account.MailTestSupport.awaitMail;
import static encharge.gateway.account.MailTestSupport.insertToken;
import static encharge.gateway.account.MailTestSupport.link;
import static encharge.gateway.account.MailTestSupport.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import encharge.gateway.GatewayFixture;
import encharge.gateway.TestSql;
import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.PasswordTokenStatus;
import encharge.gateway.bus.PasswordTokenStatus.State;
import encharge.gateway.bus.SetPassword;
import encharge.gateway.users.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The set-password link: followed, used once, refused when spent, expired, forged or missing. */
class SetPasswordPageTest {

  private static final String LOGIN_URL = "https://shop.example.com/login";
  private static final String NEW_PASSWORD = "correct horse battery";

  private static GreenMail smtp;
  private static GatewayFixture gw;
  private static PasswordHasher hasher;

  @BeforeAll
  static void start() {
    smtp = MailTestSupport.smtpServer(MailTestSupport.freePort());
    smtp.start();
    gw = GatewayFixture.startIsolated(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", smtp.getSmtp().getPort(),
        "MAIL_RETRY_BASE_MS", 50, "SITE_NAME", "Bits & Bobs", "LOGIN_URL", LOGIN_URL));
    hasher = new PasswordHasher(gw.vertx(), 4);
  }

  @AfterAll
  static void stop() {
    hasher.close();
    gw.stop();
    smtp.stop();
  }

  @Test
  void theMailsLinkSetsThePasswordOnce() {
    JsonObject contact = gw.newContact();
    MailTestSupport.CapturedLogs logs = new MailTestSupport.CapturedLogs();
    long userId = addUser(gw, contact, true);
    String login = gw.userByContact(contact.getString("id")).getString("login");
    String before = TestSql.passwordHash(userId);
    Matcher link = link(part(awaitMail(smtp, contact.getString("email"), Duration.ofSeconds(10)), "text/plain"));
    String token = link.group(2);

    HttpResponse<Buffer> form = gw.client().get(link.group().substring(link.group().indexOf("/account/"))).send().await();
    assertEquals(200, form.statusCode());
    assertPageHeaders(form);
    String html = form.bodyAsString();
    assertTrue(html.contains("<html lang=\"en\">"), html);
    assertTrue(html.contains("<title>Choose your password | Bits &amp; Bobs</title>"), html);
    assertTrue(html.contains("<strong>" + login + "</strong>"), html);
    assertTrue(html.contains("<form method=\"post\" action=\"set-password\">"), "posts to the path, without the token");
    assertTrue(html.contains("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">"), html);
    assertTrue(html.contains("<label for=\"password\">") && html.contains("<label for=\"password_confirm\">"), html);
    assertTrue(html.contains("autocomplete=\"new-password\" minlength=\"8\""), html);
    assertFalse(html.contains("<script") || html.contains("src=") || html.contains("<link"), "no script, no asset");

    HttpResponse<Buffer> set = post(token, NEW_PASSWORD, NEW_PASSWORD);
    assertEquals(200, set.statusCode(), set.bodyAsString());
    assertPageHeaders(set);
    assertTrue(set.bodyAsString().contains("Your password is set"), set.bodyAsString());
    assertTrue(set.bodyAsString().contains("href=\"" + LOGIN_URL + "\""), set.bodyAsString());
    String after = TestSql.passwordHash(userId);
    assertNotEquals(before, after);
    assertTrue(hasher.verify(NEW_PASSWORD, after).await(), "the stored hash verifies the new password");
    assertNotNull(TestSql.query("SELECT used_at FROM password_tokens WHERE user_id = $1", userId)
        .iterator().next().getValue("used_at"));

    HttpResponse<Buffer> again = post(token, "another password", "another password");
    assertEquals(410, again.statusCode());
    assertTrue(again.bodyAsString().contains("already been used"), again.bodyAsString());
    assertEquals(410, get(token).statusCode());
    assertEquals(after, TestSql.passwordHash(userId), "a spent link changes nothing");

    String logText = logs.text();
    logs.stop();
    assertFalse(logText.contains(token), "the token is never logged");
    assertFalse(logText.contains(NEW_PASSWORD), "nor the password");
  }

  @Test
  void anExpiredLinkIsRefused() {
    long userId = addUser(gw, gw.newContact(), false);
    String before = TestSql.passwordHash(userId);
    String token = insertToken(userId, Duration.ofMinutes(-1));

    HttpResponse<Buffer> shown = get(token);
    assertEquals(410, shown.statusCode());
    assertPageHeaders(shown);
    assertTrue(shown.bodyAsString().contains("This link has expired"), shown.bodyAsString());
    HttpResponse<Buffer> posted = post(token, NEW_PASSWORD, NEW_PASSWORD);
    assertEquals(410, posted.statusCode());
    assertTrue(posted.bodyAsString().contains("This link has expired"));
    assertEquals(before, TestSql.passwordHash(userId));
  }

  @Test
  void aForgedOrMissingTokenIsRefused() {
    HttpResponse<Buffer> forged = get(PasswordTokens.newToken());
    assertEquals(404, forged.statusCode());
    assertTrue(forged.bodyAsString().contains("This link is not valid"), forged.bodyAsString());
    assertEquals(404, post(PasswordTokens.newToken(), NEW_PASSWORD, NEW_PASSWORD).statusCode());

    HttpResponse<Buffer> missing = gw.client().get(SetPasswordPage.PATH).send().await();
    assertEquals(400, missing.statusCode());
    assertTrue(missing.bodyAsString().contains("This link is incomplete"));
    assertEquals(400, post(null, NEW_PASSWORD, NEW_PASSWORD).statusCode());
    HttpResponse<Buffer> tokenInUrl = gw.client().post(SetPasswordPage.PATH + "?token=" + PasswordTokens.newToken())
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("password", NEW_PASSWORD).add("password_confirm", NEW_PASSWORD))
        .await();
    assertEquals(400, tokenInUrl.statusCode(), "the POST reads its token from the form only");
    for (HttpResponse<Buffer> page : List.of(forged, missing)) {
      assertTrue(page.getHeader("Content-Type").startsWith("text/html"));
      assertFalse(page.bodyAsString().contains("Exception"));
    }
  }

  @Test
  void aRefusedPasswordShowsTheFormAgainAndKeepsTheLink() {
    long userId = addUser(gw, gw.newContact(), false);
    String token = insertToken(userId, Duration.ofHours(1));
    String before = TestSql.passwordHash(userId);

    assertRefused(post(token, NEW_PASSWORD, NEW_PASSWORD + "!"), "not the same", token);
    assertRefused(post(token, "short", "short"), "at least 8 characters", token);
    String tooLong = "é".repeat(37); // 74 bytes: more than bcrypt reads
    assertRefused(post(token, tooLong, tooLong), "at most 72 bytes", token);
    assertEquals(before, TestSql.passwordHash(userId));

    assertEquals(200, post(token, NEW_PASSWORD, NEW_PASSWORD).statusCode(), "the link still works");
  }

  @Test
  void echoedValuesAreEscaped() {
    JsonObject contact = gw.newContact(new JsonObject().put("username", "<b>bob</b>&\"co\""));
    long userId = addUser(gw, contact, false);
    String token = insertToken(userId, Duration.ofHours(1));

    String html = get(token).bodyAsString();

    assertTrue(html.contains("<strong>&lt;b&gt;bob&lt;/b&gt;&amp;&quot;co&quot;</strong>"), html);
    assertFalse(html.contains("<b>bob"), html);
  }

  @Test
  void concurrentUsesOfOneLinkSetThePasswordOnce() {
    long userId = addUser(gw, gw.newContact(), false);
    String token = insertToken(userId, Duration.ofHours(1));

    List<Future<PasswordTokenStatus>> answers = List.of("first password", "second password", "third password")
        .stream().map(password -> gw.vertx().eventBus()
            .<PasswordTokenStatus>request(Addresses.PASSWORD_SET, new SetPassword(token, password))
            .map(reply -> reply.body()))
        .toList();
    Future.all(answers).await();

    List<State> states = answers.stream().map(answer -> answer.result().state()).toList();
    assertEquals(1, states.stream().filter(State.VALID::equals).count(), states.toString());
    assertEquals(2, states.stream().filter(State.USED::equals).count(), states.toString());
    String hash = TestSql.passwordHash(userId);
    long verifying = List.of("first password", "second password", "third password").stream()
        .filter(password -> hasher.verify(password, hash).await()).count();
    assertEquals(1, verifying, "the password of the one that won");
  }

  private static void assertRefused(HttpResponse<Buffer> response, String error, String token) {
    assertEquals(400, response.statusCode());
    String html = response.bodyAsString();
    assertTrue(html.contains("role=\"alert\"") && html.contains(error), html);
    assertTrue(html.contains("name=\"token\" value=\"" + token + "\""), "the form again, with its token");
  }

  private static void assertPageHeaders(HttpResponse<Buffer> page) {
    assertEquals("text/html; charset=utf-8", page.getHeader("Content-Type"));
    assertEquals("no-store", page.getHeader("Cache-Control"));
    assertEquals("no-referrer", page.getHeader("Referrer-Policy"));
    assertEquals("DENY", page.getHeader("X-Frame-Options"));
    assertTrue(page.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"));
  }

  private static HttpResponse<Buffer> get(String token) {
    return gw.client().get(SetPasswordPage.PATH + "?token=" + token).send().await();
  }

  private static HttpResponse<Buffer> post(String token, String password, String confirmation) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("password", password).add("password_confirm", confirmation);
    if (token != null) {
      form.add("token", token);
    }
    return gw.client().post(SetPasswordPage.PATH).sendForm(form).await();
  }
}
