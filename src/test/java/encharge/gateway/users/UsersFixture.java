package encharge.gateway.users;

import encharge.gateway.TestDatabase;
import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.ApplyToUser;
import encharge.gateway.bus.NewUser;
import encharge.gateway.bus.UserChanges;
import encharge.gateway.bus.UserQuery;
import encharge.gateway.bus.WebhookAction;
import encharge.gateway.config.DatabaseSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Deploys the users verticle on the test database and builds its messages. */
final class UsersFixture {

  static final String HASH = "$2a$04$abcdefghijklmnopqrstuuN3g3mRO3tXlY8sM5QGqEZ6vHjHcB7Ie";

  private UsersFixture() {
  }

  static DatabaseSettings settings(String url, long logFlushMs, int logBatchSize) {
    return new DatabaseSettings(url, null, 1, 4, logFlushMs, logBatchSize);
  }

  static Future<String> deploy(Vertx vertx) {
    return deploy(vertx, settings(TestDatabase.url(), 20, 100));
  }

  static Future<String> deploy(Vertx vertx, DatabaseSettings settings) {
    return vertx.deployVerticle(new UsersVerticle(),
        new DeploymentOptions().setConfig(settings.toJson()));
  }

  /** A pool for checking what the verticle wrote, bypassing it. */
  static Pool directPool(Vertx vertx) {
    return PgBuilder.pool().connectingTo(TestDatabase.url()).using(vertx).build();
  }

  static String newContactId() {
    return UUID.randomUUID().toString();
  }

  static String newEmail() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  static UserChanges changes(String email, String firstName, String lastName) {
    return new UserChanges(email, firstName, lastName, null, null, Map.of(), null);
  }

  static ApplyToUser update(String contactId, UserChanges changes) {
    return new ApplyToUser(UUID.randomUUID().toString(), WebhookAction.UPDATE, contactId, null,
        changes, null, null);
  }

  static ApplyToUser update(String contactId, UserChanges changes, Instant contactUpdatedAt) {
    return new ApplyToUser(UUID.randomUUID().toString(), WebhookAction.UPDATE, contactId, null,
        changes, contactUpdatedAt, null);
  }

  static ApplyToUser add(String contactId, UserChanges changes, String login) {
    return add(contactId, changes, login, null);
  }

  static ApplyToUser add(String contactId, UserChanges changes, String login,
      Instant contactUpdatedAt) {
    return new ApplyToUser(UUID.randomUUID().toString(), WebhookAction.ADD, contactId, null,
        changes, contactUpdatedAt, new NewUser(login, HASH, "subscriber", false));
  }

  static Future<ApplyResult> apply(Vertx vertx, ApplyToUser request) {
    return vertx.eventBus().<ApplyResult>request(Addresses.USERS_APPLY, request).map(Message::body);
  }

  /** The admin JSON of one user. */
  static Future<JsonObject> user(Vertx vertx, long id) {
    return users(vertx, new UserQuery(id, null, null)).map(found -> {
      List<?> users = found.getJsonArray("users").getList();
      if (users.size() != 1) {
        throw new AssertionError("expected one user " + id + ", got " + found);
      }
      return found.getJsonArray("users").getJsonObject(0);
    });
  }

  static Future<JsonObject> users(Vertx vertx, UserQuery query) {
    return vertx.eventBus().<JsonObject>request(Addresses.USERS_QUERY, query).map(Message::body);
  }
}
