package encharge.gateway.users;

import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.ApplyToUser;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.NewUser;
import encharge.gateway.bus.UserChanges;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;

/**
 * Writes one webhook's changes to its user. Updating an existing user is one statement
 * ({@link UserSql#APPLY}); only creating one takes a transaction, serialized per contact id.
 */
final class UserWriter {

  /** Login ranges of {@link UserSql#FREE_LOGIN_RANGE} tried before giving up. */
  private static final int MAX_LOGIN_RANGES = 100;
  /** Inserts that may lose a login race to other creators before giving up. */
  private static final int MAX_INSERT_ATTEMPTS = 5;

  private final Pool pool;

  UserWriter(Pool pool) {
    this.pool = pool;
  }

  Future<ApplyResult> apply(ApplyToUser request) {
    return StorageFailures.retryOnce(() -> findAndUpdate(pool, request, request.lookupEmail()))
        .compose(found -> {
          if (found != null) {
            return Future.succeededFuture(found);
          }
          if (request.newUser() == null) {
            return Future.succeededFuture(ApplyResult.noMatch());
          }
          return create(request);
        });
  }

  private Future<ApplyResult> create(ApplyToUser request) {
    String email = present(request.changes().email());
    if (email == null) {
      return Future.failedFuture(
          new GatewayException(FailureCode.INTERNAL_ERROR, "a new user needs an email"));
    }
    // a user with the new email is this contact's user too (CONTRACT.md §3, add)
    String lookupEmail = request.lookupEmail() != null ? request.lookupEmail() : email;
    return StorageFailures.retryOnce(() -> pool.withTransaction(conn ->
        conn.preparedQuery(UserSql.LOCK_CONTACT).execute(Tuple.of(request.contactId()))
            // another process may have created the user between our miss and the lock
            .compose(locked -> findAndUpdate(conn, request, lookupEmail))
            .compose(found -> found != null
                ? Future.succeededFuture(found)
                : insert(conn, request, email, 1))));
  }

  private Future<ApplyResult> insert(SqlConnection conn, ApplyToUser request, String email,
      int attempt) {
    NewUser newUser = request.newUser();
    String wishedLogin = present(newUser.login()) != null ? newUser.login().trim() : email;
    return freeLogin(conn, wishedLogin, 2)
        .compose(login -> conn.preparedQuery(UserSql.INSERT_USER)
            .execute(insertParams(request, email, login)))
        .compose(inserted -> {
          if (inserted.size() > 0) {
            Row row = inserted.iterator().next();
            ApplyResult created = new ApplyResult(ApplyResult.Status.CREATED,
                row.getLong("id"), row.getString("role"), row.getString("login"));
            return newUser.sendWelcome()
                ? queueWelcomeMail(conn, request, created.userId()).map(created)
                : Future.succeededFuture(created);
          }
          // lost a race: on the email, the winner is our user; on the login, take the next suffix
          return findAndUpdate(conn, request, email).compose(found -> {
            if (found != null) {
              return Future.succeededFuture(found);
            }
            if (attempt >= MAX_INSERT_ATTEMPTS) {
              return Future.failedFuture(new GatewayException(FailureCode.INTERNAL_ERROR,
                  "could not find a free login"));
            }
            return insert(conn, request, email, attempt + 1);
          });
        });
  }

  /** In the creating transaction: the mail exists exactly when the user does, and only once. */
  private static Future<Void> queueWelcomeMail(SqlConnection conn, ApplyToUser request, long userId) {
    return conn.preparedQuery(UserSql.QUEUE_WELCOME_MAIL)
        .execute(Tuple.of(userId, request.requestId(), request.contactId()))
        .mapEmpty();
  }

  /** The user after the changes, or null when there is no such user. */
  private static Future<ApplyResult> findAndUpdate(SqlClient client, ApplyToUser request,
      String lookupEmail) {
    return client.preparedQuery(UserSql.APPLY)
        .execute(applyParams(request, lookupEmail))
        .map(UserWriter::applyResult);
  }

  private static ApplyResult applyResult(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row row = rows.iterator().next();
    ApplyResult.Status status =
        row.getBoolean("linked") ? ApplyResult.Status.LINKED : ApplyResult.Status.UPDATED;
    return new ApplyResult(status, row.getLong("id"), row.getString("role"), row.getString("login"));
  }

  private Future<String> freeLogin(SqlConnection conn, String wishedLogin, int firstSuffix) {
    return conn.preparedQuery(UserSql.FREE_LOGIN).execute(Tuple.of(wishedLogin, firstSuffix))
        .compose(rows -> {
          if (rows.size() > 0) {
            return Future.succeededFuture(rows.iterator().next().getString(0));
          }
          int next = firstSuffix + UserSql.FREE_LOGIN_RANGE;
          if (next > 2 + MAX_LOGIN_RANGES * UserSql.FREE_LOGIN_RANGE) {
            return Future.failedFuture(new GatewayException(FailureCode.INTERNAL_ERROR,
                "no free login for this user"));
          }
          return freeLogin(conn, wishedLogin, next);
        });
  }

  private static Tuple applyParams(ApplyToUser request, String lookupEmail) {
    UserChanges changes = request.changes();
    return Tuple.tuple()
        .addValue(request.contactId())
        .addValue(present(lookupEmail))
        .addValue(present(changes.email()))
        .addValue(present(changes.firstName()))
        .addValue(present(changes.lastName()))
        .addValue(present(changes.displayName()))
        .addValue(changes.tags() == null ? null : changes.tags().toArray(String[]::new))
        .addValue(meta(changes))
        .addValue(present(changes.role()))
        .addValue(timestamp(request.contactUpdatedAt()));
  }

  private static Tuple insertParams(ApplyToUser request, String email, String login) {
    UserChanges changes = request.changes();
    NewUser newUser = request.newUser();
    return Tuple.tuple()
        .addValue(request.contactId())
        .addValue(email)
        .addValue(login)
        .addValue(newUser.passwordHash())
        .addValue(newUser.role())
        .addValue(present(changes.firstName()))
        .addValue(present(changes.lastName()))
        .addValue(displayName(changes, login))
        .addValue(changes.tags() == null ? new String[0] : changes.tags().toArray(String[]::new))
        .addValue(meta(changes))
        .addValue(timestamp(request.contactUpdatedAt()));
  }

  /** WordPress's default: the full name, else the login. */
  private static String displayName(UserChanges changes, String login) {
    if (present(changes.displayName()) != null) {
      return changes.displayName();
    }
    String first = present(changes.firstName()) == null ? "" : changes.firstName();
    String last = present(changes.lastName()) == null ? "" : changes.lastName();
    String fullName = (first + " " + last).trim();
    return fullName.isEmpty() ? login : fullName;
  }

  /** Meta entries with empty values are left out: empty values never overwrite. */
  private static JsonObject meta(UserChanges changes) {
    LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
    changes.meta().forEach((key, value) -> {
      if (present(value) != null) {
        entries.put(key, value);
      }
    });
    return new JsonObject(entries);
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** Null for null or blank: blank values never overwrite stored ones. */
  private static String present(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
