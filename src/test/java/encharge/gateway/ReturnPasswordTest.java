package encharge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import encharge.gateway.users.PasswordHasher;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RETURN_PASSWORD_FIELD: a generated password goes back to Encharge; a supplied one never does. */
class ReturnPasswordTest {

  private static GatewayFixture gw;
  private static Vertx vertx;
  private static PasswordHasher hasher;

  @BeforeAll
  static void start() {
    gw = GatewayFixture.startIsolated(Map.of("RETURN_PASSWORD_FIELD", "wpPassword",
        "FIELD_MAP", "company=meta:company,chosenPassword=user_pass"));
    vertx = Vertx.vertx();
    hasher = new PasswordHasher(vertx, 4);
  }

  @AfterAll
  static void stop() {
    hasher.close();
    vertx.close().await();
    gw.stop();
  }

  @BeforeEach
  void forgetWrites() {
    gw.simulator().clearRecords();
  }

  @Test
  void aGeneratedPasswordIsWrittenBackAndIsTheOneStored() {
    String id = gw.newContact().getString("id");
    long userId = gw.webhook("add", id).await().bodyAsJsonObject().getJsonObject("data").getLong("user_id");

    List<JsonArray> writes = gw.simulator().writes();
    assertEquals(1, writes.size(), writes.toString());
    JsonObject write = writes.get(0).getJsonObject(0);
    assertEquals(id, write.getString("id"));
    String password = write.getString("wpPassword");
    assertTrue(password.matches("[A-Za-z0-9]{12}"), "12 random alphanumerics");
    assertTrue(hasher.verify(password, TestSql.passwordHash(userId)).await(), "the stored hash verifies it");
    assertEquals(password, gw.simulator().contacts().get(id).getString("wpPassword"));
    assertEquals("ok", gw.webhookLog(id, 2).stream().map(JsonObject.class::cast)
        .filter(row -> row.getString("action").equals("return_password")).findFirst().orElseThrow().getString("outcome"));

    gw.webhook("add", id).await();
    assertEquals(1, gw.simulator().writes().size(), "an existing user gets no new password");
  }

  @Test
  void aSuppliedPasswordIsHashedAndNeverWrittenBack() {
    String id = gw.newContact(new JsonObject().put("chosenPassword", "correct horse battery")).getString("id");
    long userId = gw.webhook("add", id).await().bodyAsJsonObject().getJsonObject("data").getLong("user_id");

    assertEquals(List.of(), gw.simulator().writes());
    assertTrue(hasher.verify("correct horse battery", TestSql.passwordHash(userId)).await());
  }

  @Test
  void aFailedWriteBackDoesNotFailTheWebhookAndIsRecordedWithoutThePassword() {
    String id = gw.newContact().getString("id");
    gw.simulator().failNextWrites(3, 503);
    CapturedLogs logs = CapturedLogs.start();
    try {
      HttpResponse<Buffer> response = gw.webhook("add", id).await();

      assertEquals(200, response.statusCode(), response.bodyAsString());
      JsonObject data = response.bodyAsJsonObject().getJsonObject("data");
      assertTrue(data.getBoolean("created"));
      assertTrue(data.getJsonArray("warnings").getString(0).contains("wpPassword"), data.encode());
      JsonObject row = gw.webhookLog(id, 2).stream().map(JsonObject.class::cast)
          .filter(entry -> entry.getString("action").equals("return_password")).findFirst().orElseThrow();
      assertEquals("encharge_unavailable", row.getString("outcome"));
      // the password is known only by its hash: no 12-character word in any output may verify against it
      String hash = TestSql.passwordHash(data.getLong("user_id"));
      String everything = row.encode() + response.bodyAsString() + logs.awaitText(text -> text.contains("return password failed"));
      Matcher words = Pattern.compile("(?<![A-Za-z0-9-])[A-Za-z0-9]{12}(?![A-Za-z0-9-])").matcher(everything);
      while (words.find()) {
        assertFalse(hasher.verify(words.group(), hash).await(), "the password appeared in an answer, log row or log line");
      }
    } finally {
      logs.stop();
    }
  }
}
