package encharge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin read API (CONTRACT.md §7) and the operations endpoints (§8). */
@ExtendWith(VertxExtension.class)
class AdminAndHealthTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start() {
    // the process's own Vertx set-up, with Prometheus metrics, as serve and demo use it
    gw = GatewayFixture.startIsolated(Main.newVertx(), Map.of());
  }

  @AfterAll
  static void stop() {
    gw.stop();
  }

  private static HttpResponse<Buffer> admin(String uri) {
    return gw.client().get(uri).putHeader("Authorization", "Bearer " + GatewayFixture.ADMIN_TOKEN).send().await();
  }

  @Test
  void usersByIdContactAndEmailWithoutSecrets() {
    JsonObject contact = gw.newContact(new JsonObject().put("company", "Initech"));
    String id = contact.getString("id");
    long userId = gw.webhook("add", id).await().bodyAsJsonObject().getJsonObject("data").getLong("user_id");

    JsonObject byId = admin("/api/users/" + userId).bodyAsJsonObject();
    assertEquals(Set.of("id", "login", "email", "role", "contact_id", "first_name", "last_name", "display_name",
        "tags", "meta", "created_at", "updated_at"), byId.fieldNames());
    assertEquals(id, byId.getString("contact_id"));
    assertEquals("Jane " + contact.getString("lastName"), byId.getString("display_name"));
    assertEquals(new JsonObject().put("company", "Initech"), byId.getJsonObject("meta"));

    JsonArray byContact = admin("/api/users?contact_id=" + id).bodyAsJsonObject().getJsonArray("users");
    JsonArray byEmail = admin("/api/users?email=" + contact.getString("email").toUpperCase()).bodyAsJsonObject()
        .getJsonArray("users");
    assertEquals(byId, byContact.getJsonObject(0));
    assertEquals(byId, byEmail.getJsonObject(0));
    assertEquals(404, admin("/api/users/999999999").statusCode());
    assertEquals(new JsonArray(), admin("/api/users?contact_id=nobody").bodyAsJsonObject().getJsonArray("users"));
  }

  @Test
  void webhookLogNewestFirstWithALimit() {
    String id = gw.newContact().getString("id");
    gw.webhook("update", id).await();
    gw.webhook("add", id).await();
    gw.webhook("update_tags", id).await();
    gw.webhookLog(id, 3);

    JsonArray rows = admin("/api/webhooks?contact_id=" + id + "&limit=2").bodyAsJsonObject().getJsonArray("webhooks");
    assertEquals(2, rows.size());
    assertEquals("update_tags", rows.getJsonObject(0).getString("action"));
    assertEquals("add", rows.getJsonObject(1).getString("action"));
  }

  @Test
  void adminApiNeedsTheBearerToken() {
    HttpResponse<Buffer> none = gw.client().get("/api/users/1").send().await();
    HttpResponse<Buffer> wrong = gw.client().get("/api/users/1").putHeader("Authorization", "Bearer nope").send().await();
    assertEquals(401, none.statusCode());
    assertEquals(401, wrong.statusCode());
    assertEquals("unauthorized", wrong.bodyAsJsonObject().getJsonObject("data").getString("code"));
    assertEquals(400, admin("/api/users?contact_id=a&email=b").statusCode());
    assertEquals(400, admin("/api/webhooks?limit=0").statusCode());
  }

  @Test
  void adminApiIsOffWithoutAToken() {
    GatewayFixture noAdmin = GatewayFixture.startIsolated(Map.of("ADMIN_TOKEN", ""));
    try {
      HttpResponse<Buffer> response = noAdmin.client().get("/api/users/1")
          .putHeader("Authorization", "Bearer anything").send().await();
      assertEquals(404, response.statusCode());
    } finally {
      noAdmin.stop();
    }
  }

  @Test
  void healthEndpoints() {
    HttpResponse<Buffer> live = gw.client().get("/health/live").send().await();
    HttpResponse<Buffer> ready = gw.client().get("/health/ready").send().await();
    assertEquals(200, live.statusCode());
    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    assertEquals("UP", ready.bodyAsJsonObject().getString("status"));
  }

  @Test
  void metricsCountWebhooksByActionAndOutcomeWithoutSecrets() {
    String id = gw.newContact().getString("id");
    gw.webhook("add", id).await();
    gw.webhook("update", "no-such-contact-" + id).await();

    HttpResponse<Buffer> metrics = gw.client().get("/metrics").send().await();
    assertEquals(200, metrics.statusCode());
    String text = metrics.bodyAsString();
    assertTrue(text.contains("gateway_webhooks_total{action=\"add\",outcome=\"ok\"}"), text);
    assertTrue(text.contains("outcome=\"contact_not_found\""), text);
    assertTrue(text.contains("gateway_webhook_duration_seconds"), text);
    assertFalse(text.contains(GatewayFixture.ACCESS_KEY));
    assertFalse(text.contains(GatewayFixture.API_KEY));
  }
}
