package encharge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every row of CONTRACT.md §2's failure table: exact status and code, and nothing written. */
@ExtendWith(VertxExtension.class)
class WebhookErrorsTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start(Vertx vertx) {
    gw = GatewayFixture.start(vertx);
  }

  @AfterAll
  static void stop() {
    gw.stop();
  }

  private static void assertFailure(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("Content-Type"));
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(false, body.getBoolean("success"));
    assertEquals(code, body.getJsonObject("data").getString("code"), body.encode());
    assertNotNull(body.getJsonObject("data").getString("message"));
  }

  /** Bad input changes nothing: no user, no webhook log row, no call to Encharge. */
  private static void assertNothingWritten(String contactId) {
    assertEquals(0, TestSql.countUsersWithContact(contactId));
    assertEquals(0, TestSql.countWebhookRows(contactId));
    assertEquals(0, gw.simulator().fetchCount(contactId));
  }

  private static Future<HttpResponse<Buffer>> post(String uri, String contentType, String body) {
    return gw.client().post(uri).putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body));
  }

  @Test
  void missingOrUnknownAction() {
    String id = gw.newContact().getString("id");
    String body = new JsonObject().put("id", id).encode();
    assertFailure(post("/?access_key=" + GatewayFixture.ACCESS_KEY, "application/json", body).await(), 400, "invalid_action");
    assertFailure(post("/?wpf_action=delete&access_key=" + GatewayFixture.ACCESS_KEY, "application/json", body).await(),
        400, "invalid_action");
    assertNothingWritten(id);
  }

  @Test
  void missingOrWrongAccessKey() {
    String id = gw.newContact().getString("id");
    String body = new JsonObject().put("id", id).encode();
    assertFailure(post("/?wpf_action=add", "application/json", body).await(), 403, "invalid_access_key");
    HttpResponse<Buffer> wrong = post("/?wpf_action=add&access_key=nope", "application/json", body).await();
    assertFailure(wrong, 403, "invalid_access_key");
    assertTrue(!wrong.bodyAsString().contains(GatewayFixture.ACCESS_KEY));
    assertNothingWritten(id);
  }

  @Test
  void missingContactId() {
    String uri = "/?wpf_action=add&access_key=" + GatewayFixture.ACCESS_KEY;
    assertFailure(post(uri, "application/json", "{\"email\":\"a@example.com\"}").await(), 400, "missing_contact_id");
    assertFailure(gw.client().post(uri).send().await(), 400, "missing_contact_id");
    assertFailure(post(uri, "application/json", "{\"id\":\"   \"}").await(), 400, "missing_contact_id");
  }

  @Test
  void malformedJson() {
    String id = gw.newContact().getString("id");
    String uri = "/?wpf_action=add&access_key=" + GatewayFixture.ACCESS_KEY + "&contact_id=" + id;
    assertFailure(post(uri, "application/json", "{\"id\": \"" + id + "\"").await(), 400, "invalid_json");
    assertFailure(post(uri, "application/json", "[\"" + id + "\"]").await(), 400, "invalid_json");
    assertNothingWritten(id);
  }

  @Test
  void bodyOverTheLimit() {
    String id = gw.newContact().getString("id");
    String big = new JsonObject().put("id", id).put("padding", "x".repeat(70 * 1024)).encode();
    assertFailure(post("/?wpf_action=add&access_key=" + GatewayFixture.ACCESS_KEY, "application/json", big).await(),
        413, "payload_too_large");
    assertNothingWritten(id);
  }

  @Test
  void addForAContactUnknownToEnchargeOrWithoutEmail() {
    String unknown = java.util.UUID.randomUUID().toString();
    assertFailure(gw.webhook("add", unknown).await(), 422, "contact_has_no_email");
    assertEquals(0, TestSql.countUsersWithContact(unknown));

    JsonObject noEmail = gw.simulator().contacts().put(new JsonObject()
        .put("id", java.util.UUID.randomUUID().toString()).put("firstName", "Nomail"));
    assertFailure(gw.webhook("add", noEmail.getString("id")).await(), 422, "contact_has_no_email");
    assertEquals(0, TestSql.countUsersWithContact(noEmail.getString("id")));
    assertEquals("contact_has_no_email", gw.webhookLog(noEmail.getString("id"), 1).getJsonObject(0).getString("outcome"));
  }

  @Test
  void enchargeUnavailableAfterRetries() {
    String id = gw.newContact().getString("id");
    gw.simulator().setErrorRate(1.0);
    try {
      HttpResponse<Buffer> response = gw.webhook("add", id).await();
      assertFailure(response, 502, "encharge_unavailable");
      assertNotNull(response.getHeader("Retry-After"));
      assertEquals(3, gw.simulator().fetchCount(id), "first attempt and ENCHARGE_MAX_RETRIES=2 retries");
      assertEquals(0, TestSql.countUsersWithContact(id));
    } finally {
      gw.simulator().setErrorRate(0);
    }
  }

  @Test
  void enchargeRejectsTheApiKey() {
    GatewayFixture wrongKey = GatewayFixture.startIsolated(Map.of("ENCHARGE_API_KEY", "revoked-key"));
    try {
      String id = wrongKey.newContact().getString("id");
      HttpResponse<Buffer> response = wrongKey.webhook("add", id).await();
      assertFailure(response, 502, "encharge_unauthorized");
      assertTrue(!response.bodyAsString().contains("revoked-key"));
    } finally {
      wrongKey.stop();
    }
  }

  @Test
  void databaseUnavailable() {
    URI database = URI.create(TestDatabase.url().replace("postgresql://", "http://"));
    TcpProxy proxy = TcpProxy.start(database.getPort());
    GatewayFixture behindProxy = GatewayFixture.startIsolated(Map.of("DATABASE_URL",
        "postgresql://postgres@localhost:" + proxy.port() + "/postgres"));
    try {
      String id = behindProxy.newContact().getString("id");
      proxy.cut();
      HttpResponse<Buffer> response = behindProxy.webhook("add", id).await();
      assertFailure(response, 503, "storage_unavailable");
      assertNotNull(response.getHeader("Retry-After"));
      assertEquals(503, behindProxy.client().get("/health/ready").send().await().statusCode());

      proxy.restore();
      assertEquals(200, behindProxy.webhook("add", id).await().statusCode(), "recovers when the database is back");
    } finally {
      behindProxy.stop();
      proxy.close();
    }
  }

  @Test
  void overloadedWhenAContactsQueueIsFull() {
    GatewayFixture small = GatewayFixture.startIsolated(Map.of("MAX_QUEUED_PER_CONTACT", 1));
    try {
      String id = small.newContact().getString("id");
      small.simulator().setLatencyMs(300);
      List<HttpResponse<Buffer>> responses = Future.all(small.webhook("add", id), small.webhook("add", id)).await()
          .<HttpResponse<Buffer>>list();
      HttpResponse<Buffer> rejected = responses.stream().filter(r -> r.statusCode() == 503).findFirst().orElseThrow();
      assertFailure(rejected, 503, "overloaded");
      assertNotNull(rejected.getHeader("Retry-After"));
      assertEquals(1, responses.stream().filter(r -> r.statusCode() == 200).count());
    } finally {
      small.stop();
    }
  }

  @Test
  void timeoutWhenProcessingExceedsTheDeadline() {
    GatewayFixture hurried = GatewayFixture.startIsolated(Map.of("REQUEST_TIMEOUT_MS", 600));
    try {
      String id = hurried.newContact().getString("id");
      hurried.webhook("add", id).await();
      hurried.simulator().setLatencyMs(400);
      List<HttpResponse<Buffer>> responses = Future.all(hurried.webhook("add", id), hurried.webhook("add", id),
          hurried.webhook("add", id)).await().<HttpResponse<Buffer>>list();
      HttpResponse<Buffer> late = responses.stream().filter(r -> r.statusCode() == 504).findFirst()
          .orElseThrow(() -> new AssertionError(responses.stream().map(HttpResponse::bodyAsString).toList().toString()));
      assertFailure(late, 504, "timeout");
    } finally {
      hurried.stop();
    }
  }

  @Test
  void secretsNeverReachTheLogs() {
    CapturedLogs logs = CapturedLogs.start();
    try {
      String id = gw.newContact().getString("id");
      gw.webhook("add", id).await();
      post("/?wpf_action=add&access_key=wrong-" + GatewayFixture.ACCESS_KEY, "application/json", "{}").await();
      String text = logs.awaitText(logged -> logged.contains(id) && logged.contains("access_key=***"));
      assertTrue(text.contains(id), "the webhook was logged");
      assertTrue(!text.contains(GatewayFixture.ACCESS_KEY), "access key in the logs");
      assertTrue(!text.contains(GatewayFixture.API_KEY), "API key in the logs");
    } finally {
      logs.stop();
    }
  }
}
