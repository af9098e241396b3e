package encharge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What each action does to the stored user, its tags and meta, and to the webhook log. */
@ExtendWith(VertxExtension.class)
class WebhookActionsTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start(Vertx vertx) {
    gw = GatewayFixture.start(vertx);
  }

  @AfterAll
  static void stop() {
    gw.stop();
  }

  @Test
  void addCreatesTheUserFromTheContact() {
    JsonObject contact = gw.newContact(new JsonObject().put("company", "Acme").put("plan", 3).put("ignored", "x"));
    String id = contact.getString("id");

    HttpResponse<Buffer> response = gw.webhook("add", id, "role=customer").await();

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.getHeader("Content-Type"));
    JsonObject data = response.bodyAsJsonObject().getJsonObject("data");
    assertTrue(response.bodyAsJsonObject().getBoolean("success"));
    assertEquals("add", data.getString("method"));
    assertTrue(data.getBoolean("created"));
    long userId = data.getLong("user_id");

    JsonObject user = gw.userByContact(id);
    assertEquals(userId, user.getLong("id"));
    assertEquals(contact.getString("email"), user.getString("email"));
    assertEquals(contact.getString("email"), user.getString("login"));
    assertEquals("Jane", user.getString("first_name"));
    assertEquals(contact.getString("lastName"), user.getString("last_name"));
    assertEquals("customer", user.getString("role"));
    assertEquals(new JsonArray(List.of("newsletter", "Import to WordPress")), user.getJsonArray("tags"));
    assertEquals(new JsonObject().put("company", "Acme").put("plan", "3"), user.getJsonObject("meta"));
    assertFalse(user.containsKey("password_hash"));
    assertFalse(user.encode().contains("$2"), "no hash in the admin answer");
    assertEquals(1, gw.simulator().fetchCount(id), "one Encharge fetch per webhook");

    String hash = TestSql.passwordHash(userId);
    assertTrue(hash.startsWith("$2"), "stored as a bcrypt hash");

    JsonArray log = gw.webhookLog(id, 1);
    assertEquals(1, log.size());
    JsonObject row = log.getJsonObject(0);
    assertEquals("add", row.getString("action"));
    assertEquals("ok", row.getString("outcome"));
    assertEquals(userId, row.getLong("user_id"));
    assertEquals(id, row.getString("contact_id"));
    assertNotNull(row.getValue("duration_ms"));
    assertNull(row.getString("error"));
  }

  @Test
  void addTwiceKeepsOneUserAndAnswersTheSameId() {
    String id = gw.newContact().getString("id");
    JsonObject first = gw.webhook("add", id).await().bodyAsJsonObject().getJsonObject("data");
    JsonObject second = gw.webhook("add_user", id).await().bodyAsJsonObject().getJsonObject("data");

    assertEquals(first.getLong("user_id"), second.getLong("user_id"));
    assertTrue(first.getBoolean("created"));
    assertFalse(second.getBoolean("created"));
    assertEquals(1, TestSql.countUsersWithContact(id));
  }

  @Test
  void addForAnEmailThatAlreadyHasAUserLinksIt() {
    JsonObject original = gw.newContact();
    long userId = gw.webhook("add", original.getString("id")).await().bodyAsJsonObject()
        .getJsonObject("data").getLong("user_id");
    // the same person, re-created in Encharge under a new id
    gw.simulator().contacts().remove(original.getString("id"));
    JsonObject recreated = gw.simulator().contacts().put(new JsonObject()
        .put("id", java.util.UUID.randomUUID().toString()).put("email", original.getString("email").toUpperCase())
        .put("firstName", "Janet").put("tags", "vip"));

    JsonObject data = gw.webhook("add", recreated.getString("id")).await().bodyAsJsonObject().getJsonObject("data");

    assertEquals(userId, data.getLong("user_id"));
    assertFalse(data.getBoolean("created"));
    JsonObject user = gw.userByContact(recreated.getString("id"));
    assertEquals(userId, user.getLong("id"));
    assertEquals("Janet", user.getString("first_name"));
    assertEquals(new JsonArray(List.of("vip")), user.getJsonArray("tags"));
  }

  @Test
  void updateWritesFieldsAndReplacesTags() {
    JsonObject contact = gw.newContact(new JsonObject().put("company", "Acme"));
    String id = contact.getString("id");
    long userId = gw.webhook("add", id).await().bodyAsJsonObject().getJsonObject("data").getLong("user_id");
    gw.simulator().contacts().update(id, new JsonObject().put("firstName", "Janine").put("lastName", "")
        .put("plan", "gold").put("tags", "vip, customer"));

    HttpResponse<Buffer> response = gw.webhook("update", id).await();

    JsonObject data = response.bodyAsJsonObject().getJsonObject("data");
    assertEquals(new JsonObject().put("user_id", userId).put("method", "update"), data);
    JsonObject user = gw.userByContact(id);
    assertEquals("Janine", user.getString("first_name"));
    assertEquals(contact.getString("lastName"), user.getString("last_name"), "an empty value does not overwrite");
    assertEquals(new JsonArray(List.of("vip", "customer")), user.getJsonArray("tags"));
    assertEquals(new JsonObject().put("company", "Acme").put("plan", "gold"), user.getJsonObject("meta"));
    assertEquals(2, gw.webhookLog(id, 2).size());
  }

  @Test
  void updateTagsTouchesOnlyTags() {
    String id = gw.newContact().getString("id");
    gw.webhook("add", id).await();
    gw.simulator().contacts().update(id, new JsonObject().put("firstName", "Changed").put("tags", "trial"));

    JsonObject data = gw.webhook("update_tags", id).await().bodyAsJsonObject().getJsonObject("data");

    assertEquals("update_tags", data.getString("method"));
    JsonObject user = gw.userByContact(id);
    assertEquals("Jane", user.getString("first_name"));
    assertEquals(new JsonArray(List.of("trial")), user.getJsonArray("tags"));
  }

  @Test
  void updateFindsTheUserByEmailWhenNoUserHasTheContactId() {
    JsonObject original = gw.newContact();
    long userId = gw.webhook("add", original.getString("id")).await().bodyAsJsonObject()
        .getJsonObject("data").getLong("user_id");
    JsonObject other = gw.newContact(new JsonObject().put("email", "other." + original.getString("email")).put("tags", "moved"));

    JsonObject data = gw.request("update", "email=" + original.getString("email"))
        .sendJsonObject(new JsonObject().put("id", other.getString("id"))).await().bodyAsJsonObject().getJsonObject("data");

    assertEquals(userId, data.getLong("user_id"));
    assertEquals(userId, gw.userByContact(other.getString("id")).getLong("id"));
  }

  @Test
  void updateWithoutAUserAnswersNoMatchingUserAndWritesNothing() {
    String id = gw.newContact().getString("id");
    HttpResponse<Buffer> response = gw.webhook("update", id).await();

    assertEquals(200, response.statusCode());
    assertEquals(new JsonObject().put("success", false).put("data", new JsonObject()
        .put("code", "no_matching_user").put("message", "no user for contact " + id)), response.bodyAsJsonObject());
    assertNull(gw.userByContact(id));
    assertEquals("no_matching_user", gw.webhookLog(id, 1).getJsonObject(0).getString("outcome"));
  }

  @Test
  void unknownRoleFallsBackToTheDefaultRoleWithAWarning() {
    String id = gw.newContact().getString("id");
    JsonObject data = gw.webhook("add", id, "role=wizard").await().bodyAsJsonObject().getJsonObject("data");

    assertEquals("subscriber", gw.userByContact(id).getString("role"));
    assertTrue(data.getJsonArray("warnings").getString(0).contains("unknown role 'wizard'"), data.encode());
  }

  @Test
  void administratorIsNeverAssigned() {
    String id = gw.newContact().getString("id");
    JsonObject created = gw.webhook("add", id, "role=administrator").await().bodyAsJsonObject().getJsonObject("data");
    assertEquals("subscriber", gw.userByContact(id).getString("role"));
    assertTrue(created.getJsonArray("warnings").getString(0).contains("administrator"), created.encode());

    gw.webhook("update", id, "role=customer").await();
    assertEquals("customer", gw.userByContact(id).getString("role"));
    JsonObject promoted = gw.webhook("update", id, "role=administrator").await().bodyAsJsonObject().getJsonObject("data");
    assertEquals("customer", gw.userByContact(id).getString("role"));
    assertTrue(promoted.getJsonArray("warnings").getString(0).contains("administrator"), promoted.encode());
  }

  @Test
  void anAdministratorsRoleIsNotChangedByAWebhook() {
    String id = gw.newContact().getString("id");
    long userId = gw.webhook("add", id).await().bodyAsJsonObject().getJsonObject("data").getLong("user_id");
    TestSql.setRole(userId, "administrator");

    JsonObject data = gw.webhook("update", id, "role=customer").await().bodyAsJsonObject().getJsonObject("data");

    assertEquals("administrator", gw.userByContact(id).getString("role"));
    assertTrue(data.getJsonArray("warnings").getString(0).contains("administrator"), data.encode());
  }

  @Test
  void mappedLoginAndRoleWinAndACollidingLoginGetsASuffix() {
    String login = "jdoe-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    String first = gw.newContact(new JsonObject().put("username", login).put("wpRole", "customer")).getString("id");
    String second = gw.newContact(new JsonObject().put("username", login)).getString("id");
    String third = gw.newContact(new JsonObject().put("username", login)).getString("id");

    gw.webhook("add", first).await();
    gw.webhook("add", second).await();
    gw.webhook("add", third).await();

    assertEquals(login, gw.userByContact(first).getString("login"));
    assertEquals("customer", gw.userByContact(first).getString("role"));
    assertEquals(login + "2", gw.userByContact(second).getString("login"));
    assertEquals(login + "3", gw.userByContact(third).getString("login"));
  }

  @Test
  void formBodiesAndTheContactIdQueryParameterWork() {
    String formId = gw.newContact().getString("id");
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("id", formId);
    HttpResponse<Buffer> viaForm = gw.request("add", null).sendForm(form).await();
    assertEquals(200, viaForm.statusCode(), viaForm.bodyAsString());
    assertNotNull(gw.userByContact(formId));

    String queryId = gw.newContact().getString("id");
    HttpResponse<Buffer> viaGet = gw.client().get("/webhooks/encharge?wpf_action=ADD&access_key="
        + GatewayFixture.ACCESS_KEY + "&contact_id=" + queryId).send().await();
    assertEquals(200, viaGet.statusCode(), viaGet.bodyAsString());
    assertNotNull(gw.userByContact(queryId));
  }

  @Test
  void testActionAnswersSuccess() {
    HttpResponse<Buffer> response = gw.request("test", null).send().await();
    assertEquals(200, response.statusCode());
    assertEquals(new JsonObject().put("success", true), response.bodyAsJsonObject());
  }

  @Test
  void sendNotificationQueuesExactlyOneWelcomeMailWithTheNewUser() {
    String id = gw.newContact().getString("id");
    JsonObject created = gw.webhook("add", id, "send_notification=true").await().bodyAsJsonObject().getJsonObject("data");
    JsonObject again = gw.webhook("add", id, "send_notification=yes").await().bodyAsJsonObject().getJsonObject("data");
    String other = gw.newContact().getString("id");
    gw.webhook("add", other, "send_notification=false").await();

    long userId = created.getLong("user_id");
    assertNull(created.getJsonArray("warnings"), created.encode());
    assertEquals(userId, again.getLong("user_id"));
    assertEquals(1L, TestSql.query("SELECT count(*) FROM welcome_mails WHERE user_id = $1", userId)
        .iterator().next().getLong(0), "one mail, even when the webhook is retried");
    assertEquals(0L, TestSql.query("SELECT count(*) FROM welcome_mails WHERE contact_id = $1", other)
        .iterator().next().getLong(0));
  }

  @Test
  void notYetSupportedOptionsAreReportedNotIgnored() {
    String id = gw.newContact().getString("id");
    JsonObject data = gw.webhook("add", id, "async=true").await().bodyAsJsonObject().getJsonObject("data");
    assertTrue(data.getJsonArray("warnings").encode().contains("async"), data.encode());
  }
}
