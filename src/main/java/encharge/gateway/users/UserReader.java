package encharge.gateway.users;

import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.UserQuery;
import encharge.gateway.bus.WebhookLogQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** The admin read API's JSON (CONTRACT.md §7). Never selects the password hash. */
final class UserReader {

  static final int MAX_WEBHOOKS = 1000;

  private final Pool pool;

  UserReader(Pool pool) {
    this.pool = pool;
  }

  /** {@code {"users":[...]}}, empty when nothing matches. */
  Future<JsonObject> users(UserQuery query) {
    Future<RowSet<Row>> rows;
    if (query.id() != null) {
      rows = pool.preparedQuery(UserSql.USER_BY_ID).execute(Tuple.of(query.id()));
    } else if (query.contactId() != null) {
      rows = pool.preparedQuery(UserSql.USER_BY_CONTACT_ID).execute(Tuple.of(query.contactId()));
    } else if (query.email() != null) {
      rows = pool.preparedQuery(UserSql.USER_BY_EMAIL).execute(Tuple.of(query.email()));
    } else {
      return Future.failedFuture(new GatewayException(FailureCode.INVALID_REQUEST,
          "give a user id, a contact_id or an email"));
    }
    return rows.map(found -> {
      JsonArray users = new JsonArray();
      found.forEach(row -> users.add(user(row)));
      return new JsonObject().put("users", users);
    });
  }

  /** {@code {"webhooks":[...]}}, newest first. */
  Future<JsonObject> webhooks(WebhookLogQuery query) {
    int limit = Math.max(1, Math.min(MAX_WEBHOOKS, query.limit()));
    Future<RowSet<Row>> rows = query.contactId() == null
        ? pool.preparedQuery(UserSql.WEBHOOKS_NEWEST).execute(Tuple.of(limit))
        : pool.preparedQuery(UserSql.WEBHOOKS_OF_CONTACT).execute(Tuple.of(query.contactId(), limit));
    return rows.map(found -> {
      JsonArray webhooks = new JsonArray();
      found.forEach(row -> webhooks.add(webhook(row)));
      return new JsonObject().put("webhooks", webhooks);
    });
  }

  private static JsonObject user(Row row) {
    String[] tags = row.getArrayOfStrings("tags");
    Object meta = row.getValue("meta");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("login", row.getString("login"))
        .put("email", row.getString("email"))
        .put("role", row.getString("role"))
        .put("contact_id", row.getString("contact_id"))
        .put("first_name", row.getString("first_name"))
        .put("last_name", row.getString("last_name"))
        .put("display_name", row.getString("display_name"))
        .put("tags", new JsonArray(Arrays.asList((Object[]) tags)))
        .put("meta", meta instanceof JsonObject object ? object : new JsonObject())
        .put("created_at", isoUtc(row.getOffsetDateTime("created_at")))
        .put("updated_at", isoUtc(row.getOffsetDateTime("updated_at")));
  }

  private static JsonObject webhook(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("received_at", isoUtc(row.getOffsetDateTime("received_at")))
        .put("request_id", row.getString("request_id"))
        .put("action", row.getString("action"))
        .put("contact_id", row.getString("contact_id"))
        .put("outcome", row.getString("outcome"))
        .put("user_id", row.getLong("user_id"))
        .put("duration_ms", row.getInteger("duration_ms"))
        .put("error", row.getString("error"));
  }

  /** ISO-8601 in UTC, e.g. {@code 2024-05-01T12:00:00.123Z}. */
  private static String isoUtc(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
