package encharge.gateway.users;

import static encharge.gateway.users.UsersFixture.add;
import static encharge.gateway.users.UsersFixture.apply;
import static encharge.gateway.users.UsersFixture.changes;
import static encharge.gateway.users.UsersFixture.newContactId;
import static encharge.gateway.users.UsersFixture.newEmail;
import static encharge.gateway.users.UsersFixture.update;
import static encharge.gateway.users.UsersFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.ApplyResult.Status;
import encharge.gateway.bus.ApplyToUser;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.UserChanges;
import encharge.gateway.bus.WebhookAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class UserApplyTest {

  private Pool direct;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext testContext) {
    direct = UsersFixture.directPool(vertx);
    UsersFixture.deploy(vertx).onComplete(testContext.succeedingThenComplete());
  }

  @AfterEach
  void closePool(VertxTestContext testContext) {
    direct.close().onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void addCreatesUserWithItsPasswordHash(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    String login = "jane-" + UUID.randomUUID();
    apply(vertx, add(contactId, changes(email, "Jane", "Doe"), login))
        .compose(created -> direct.preparedQuery(
                "SELECT contact_id, email, login, password_hash, role, display_name FROM users WHERE id = $1")
            .execute(Tuple.of(created.userId()))
            .map(rows -> Map.entry(created, rows.iterator().next())))
        .onComplete(testContext.succeeding(createdAndRow -> testContext.verify(() -> {
          ApplyResult created = createdAndRow.getKey();
          assertEquals(Status.CREATED, created.status());
          assertEquals(login, created.login());
          assertEquals("subscriber", created.role());
          var row = createdAndRow.getValue();
          assertEquals(contactId, row.getString("contact_id"));
          assertEquals(email, row.getString("email"));
          assertEquals(UsersFixture.HASH, row.getString("password_hash"));
          assertEquals("Jane Doe", row.getString("display_name"));
          testContext.completeNow();
        })));
  }

  @Test
  void applyingAgainUpdatesTheSameUser(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    apply(vertx, add(contactId, changes(email, "Jane", "Doe"), email))
        .compose(created -> apply(vertx, add(contactId, changes(email, "Janet", null), email))
            .compose(again -> apply(vertx, update(contactId, changes(null, null, "Smith"))))
            .compose(updated -> user(vertx, updated.userId())
                .map(json -> List.of(created, updated, json))))
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          ApplyResult created = (ApplyResult) results.get(0);
          ApplyResult updated = (ApplyResult) results.get(1);
          JsonObject json = (JsonObject) results.get(2);
          assertEquals(Status.UPDATED, updated.status());
          assertEquals(created.userId(), updated.userId());
          assertEquals(email, updated.login());
          assertEquals("Janet", json.getString("first_name"));
          assertEquals("Smith", json.getString("last_name"));
          testContext.completeNow();
        })));
  }

  @Test
  void tagsAreReplacedAndKeptWhenAbsent(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    apply(vertx, add(contactId, withTags(changes(email, null, null), List.of("a", "b")), email))
        .compose(created -> apply(vertx, update(contactId, UserChanges.tagsOnly(List.of("c")))))
        .compose(updated -> user(vertx, updated.userId()).map(json -> json.getJsonArray("tags"))
            .compose(afterReplace -> apply(vertx, update(contactId, changes(null, "Jo", null)))
                .compose(again -> user(vertx, again.userId()))
                .map(json -> List.of(afterReplace, json.getJsonArray("tags")))))
        .onComplete(testContext.succeeding(tags -> testContext.verify(() -> {
          assertEquals(new JsonArray().add("c"), tags.get(0));
          assertEquals(new JsonArray().add("c"), tags.get(1));
          testContext.completeNow();
        })));
  }

  @Test
  void metaIsMerged(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    apply(vertx, add(contactId, withMeta(changes(email, null, null), Map.of("company", "Acme")), email))
        .compose(created -> apply(vertx, update(contactId, withMeta(changes(null, null, null),
            Map.of("phone", "123")))))
        .compose(updated -> apply(vertx, update(contactId, withMeta(changes(null, null, null),
            Map.of("company", "Globex")))))
        .compose(updated -> user(vertx, updated.userId()))
        .onComplete(testContext.succeeding(json -> testContext.verify(() -> {
          assertEquals(new JsonObject().put("company", "Globex").put("phone", "123"),
              json.getJsonObject("meta"));
          testContext.completeNow();
        })));
  }

  @Test
  void emptyValuesDoNotOverwrite(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    UserChanges empties = new UserChanges(" ", "", "  ", "", null, Map.of("company", ""), null);
    apply(vertx, add(contactId, withMeta(changes(email, "Jane", "Doe"), Map.of("company", "Acme")), email))
        .compose(created -> apply(vertx, update(contactId, empties)))
        .compose(updated -> user(vertx, updated.userId()))
        .onComplete(testContext.succeeding(json -> testContext.verify(() -> {
          assertEquals(email, json.getString("email"));
          assertEquals("Jane", json.getString("first_name"));
          assertEquals("Doe", json.getString("last_name"));
          assertEquals("Jane Doe", json.getString("display_name"));
          assertEquals("Acme", json.getJsonObject("meta").getString("company"));
          testContext.completeNow();
        })));
  }

  @Test
  void lookupEmailLinksTheContactToAnExistingUser(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    ApplyToUser byEmail = new ApplyToUser("r1", WebhookAction.UPDATE, contactId,
        email.toUpperCase(), changes(null, "Linked", null), null, null);
    insertUnlinkedUser(email)
        .compose(id -> apply(vertx, byEmail)
            .compose(linked -> apply(vertx, update(contactId, changes(null, "Again", null)))
                .map(again -> List.of(id, linked, again))))
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          long id = (Long) results.get(0);
          ApplyResult linked = (ApplyResult) results.get(1);
          ApplyResult again = (ApplyResult) results.get(2);
          assertEquals(Status.LINKED, linked.status());
          assertEquals(id, linked.userId());
          assertEquals(Status.UPDATED, again.status());
          assertEquals(id, again.userId());
          testContext.completeNow();
        })));
  }

  @Test
  void unknownContactWithoutNewUserIsNoMatch(Vertx vertx, VertxTestContext testContext) {
    ApplyToUser unknown = new ApplyToUser("r1", WebhookAction.UPDATE, newContactId(), newEmail(),
        changes(newEmail(), "X", null), null, null);
    apply(vertx, unknown).onComplete(testContext.succeeding(result -> testContext.verify(() -> {
      assertEquals(ApplyResult.noMatch(), result);
      testContext.completeNow();
    })));
  }

  @Test
  void takenLoginsGetTheSmallestFreeSuffix(Vertx vertx, VertxTestContext testContext) {
    String login = "jane-" + UUID.randomUUID();
    apply(vertx, add(newContactId(), changes(newEmail(), null, null), login))
        .compose(first -> apply(vertx, add(newContactId(), changes(newEmail(), null, null), login))
            .compose(second -> apply(vertx, add(newContactId(), changes(newEmail(), null, null), login))
                .map(third -> List.of(first.login(), second.login(), third.login()))))
        .onComplete(testContext.succeeding(logins -> testContext.verify(() -> {
          assertEquals(List.of(login, login + "2", login + "3"), logins);
          testContext.completeNow();
        })));
  }

  @Test
  void roleChangesButNeverAnAdministrators(Vertx vertx, VertxTestContext testContext) {
    String adminContact = newContactId();
    String subscriberContact = newContactId();
    String subscriberEmail = newEmail();
    direct.preparedQuery("INSERT INTO users (contact_id, email, login, role) VALUES ($1, $2, $3, 'administrator')")
        .execute(Tuple.of(adminContact, newEmail(), "admin-" + UUID.randomUUID()))
        .compose(inserted -> apply(vertx, update(adminContact, withRole("customer"))))
        .compose(admin -> apply(vertx, add(subscriberContact, changes(subscriberEmail, null, null), subscriberEmail))
            .compose(created -> apply(vertx, update(subscriberContact, withRole("customer"))))
            .compose(customer -> user(vertx, admin.userId())
                .map(adminJson -> List.of(admin.role(), adminJson.getString("role"), customer.role()))))
        .onComplete(testContext.succeeding(roles -> testContext.verify(() -> {
          assertEquals(List.of("administrator", "administrator", "customer"), roles);
          testContext.completeNow();
        })));
  }

  @Test
  void olderSnapshotNeverOverwritesNewerOne(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    Instant snapshot = Instant.parse("2024-05-01T12:00:00.000Z");
    apply(vertx, add(contactId, changes(email, "Current", null), email, snapshot))
        .compose(created -> apply(vertx, update(contactId, changes(null, "Stale", null),
            snapshot.minusSeconds(1))))
        .compose(stale -> user(vertx, stale.userId())
            .map(json -> List.<Object>of(stale, json.getString("first_name"))))
        .compose(afterStale -> apply(vertx, update(contactId, changes(null, "Newer", null),
                snapshot.plusSeconds(1)))
            .compose(newer -> user(vertx, newer.userId()))
            .map(json -> List.of(afterStale.get(0), afterStale.get(1), json.getString("first_name"))))
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          ApplyResult stale = (ApplyResult) results.get(0);
          assertEquals(Status.UPDATED, stale.status());
          assertEquals("Current", results.get(1));
          assertEquals("Newer", results.get(2));
          testContext.completeNow();
        })));
  }

  @Test
  void emailOfAnotherUserIsNotTaken(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    String otherEmail = newEmail();
    apply(vertx, add(newContactId(), changes(otherEmail, null, null), otherEmail))
        .compose(other -> apply(vertx, add(contactId, changes(email, null, null), email)))
        .compose(created -> apply(vertx, update(contactId, changes(otherEmail.toUpperCase(), "Kept", null))))
        .compose(updated -> user(vertx, updated.userId()))
        .onComplete(testContext.succeeding(json -> testContext.verify(() -> {
          assertEquals(email, json.getString("email"));
          assertEquals("Kept", json.getString("first_name"));
          testContext.completeNow();
        })));
  }

  @Test
  void newUserWithoutEmailIsAnInternalError(Vertx vertx, VertxTestContext testContext) {
    apply(vertx, add(newContactId(), changes(null, "Jane", null), "jane"))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          assertEquals(FailureCode.INTERNAL_ERROR, GatewayException.from(failure).code());
          testContext.completeNow();
        })));
  }

  private Future<Long> insertUnlinkedUser(String email) {
    // a user that existed before the gateway, e.g. imported from WordPress
    return direct.preparedQuery("INSERT INTO users (email, login, role) VALUES ($1, $2, 'subscriber') RETURNING id")
        .execute(Tuple.of(email, "wp-" + UUID.randomUUID()))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  private static UserChanges withTags(UserChanges changes, List<String> tags) {
    return new UserChanges(changes.email(), changes.firstName(), changes.lastName(),
        changes.displayName(), changes.role(), changes.meta(), tags);
  }

  private static UserChanges withMeta(UserChanges changes, Map<String, String> meta) {
    return new UserChanges(changes.email(), changes.firstName(), changes.lastName(),
        changes.displayName(), changes.role(), meta, changes.tags());
  }

  private static UserChanges withRole(String role) {
    return new UserChanges(null, null, null, null, role, Map.of(), null);
  }
}
