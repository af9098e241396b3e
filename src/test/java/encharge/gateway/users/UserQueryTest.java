package encharge.gateway.users;

import static encharge.gateway.users.UsersFixture.add;
import static encharge.gateway.users.UsersFixture.apply;
import static encharge.gateway.users.UsersFixture.newContactId;
import static encharge.gateway.users.UsersFixture.newEmail;
import static encharge.gateway.users.UsersFixture.users;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.UserChanges;
import encharge.gateway.bus.UserQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin JSON of CONTRACT.md §7. */
@ExtendWith(VertxExtension.class)
class UserQueryTest {

  private static final Set<String> USER_KEYS = Set.of("id", "login", "email", "role", "contact_id",
      "first_name", "last_name", "display_name", "tags", "meta", "created_at", "updated_at");

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext testContext) {
    UsersFixture.deploy(vertx).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void userIsFoundByIdContactIdAndEmailWithoutPassword(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    UserChanges changes = new UserChanges(email, "Jane", "Doe", "JD", null,
        Map.of("company", "Acme"), List.of("vip", "customer"));
    apply(vertx, add(contactId, changes, "jane-" + contactId))
        .compose(created -> Future.all(
            users(vertx, new UserQuery(created.userId(), null, null)),
            users(vertx, new UserQuery(null, contactId, null)),
            users(vertx, new UserQuery(null, null, email.toUpperCase()))))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          JsonObject byId = answers.resultAt(0);
          assertEquals(byId, answers.resultAt(1));
          assertEquals(byId, answers.resultAt(2));
          JsonArray users = byId.getJsonArray("users");
          assertEquals(1, users.size());
          JsonObject user = users.getJsonObject(0);
          assertEquals(USER_KEYS, user.fieldNames());
          assertEquals("jane-" + contactId, user.getString("login"));
          assertEquals(email, user.getString("email"));
          assertEquals("subscriber", user.getString("role"));
          assertEquals(contactId, user.getString("contact_id"));
          assertEquals("JD", user.getString("display_name"));
          assertEquals(new JsonArray().add("vip").add("customer"), user.getJsonArray("tags"));
          assertEquals(new JsonObject().put("company", "Acme"), user.getJsonObject("meta"));
          for (String timestamp : List.of("created_at", "updated_at")) {
            String value = user.getString(timestamp);
            assertTrue(value.endsWith("Z"), value);
            assertDoesNotThrow(() -> Instant.parse(value));
          }
          assertTrue(!byId.encode().contains(UsersFixture.HASH), "the hash leaked");
          testContext.completeNow();
        })));
  }

  @Test
  void unknownUserIsAnEmptyList(Vertx vertx, VertxTestContext testContext) {
    users(vertx, new UserQuery(null, newContactId(), null))
        .onComplete(testContext.succeeding(answer -> testContext.verify(() -> {
          assertEquals(new JsonObject().put("users", new JsonArray()), answer);
          testContext.completeNow();
        })));
  }

  @Test
  void emptyQueryIsAnInvalidRequest(Vertx vertx, VertxTestContext testContext) {
    users(vertx, new UserQuery(null, null, null))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          assertEquals(FailureCode.INVALID_REQUEST, GatewayException.from(failure).code());
          testContext.completeNow();
        })));
  }
}
