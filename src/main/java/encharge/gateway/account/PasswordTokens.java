package encharge.gateway.account;

import encharge.gateway.bus.PasswordTokenStatus;
import encharge.gateway.bus.PasswordTokenStatus.State;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Single-use, time-limited set-password tokens. A token is 32 random bytes, base64url: it exists
 * only in the mail; the database keeps its SHA-256, so a leaked table opens no account.
 */
final class PasswordTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TOKEN_BYTES = 32;
  /** Longer input is no token of ours: answered UNKNOWN without hashing megabytes. */
  private static final int MAX_TOKEN_LENGTH = 128;

  private final Pool pool;

  PasswordTokens(Pool pool) {
    this.pool = pool;
  }

  static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** What the database stores of a token: its SHA-256, in hex. */
  static String hash(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  Future<Void> issue(String tokenHash, long userId, int lifetimeHours) {
    return pool.preparedQuery(AccountSql.ISSUE_TOKEN).execute(Tuple.of(tokenHash, userId, lifetimeHours)).mapEmpty();
  }

  Future<Void> drop(String tokenHash) {
    return pool.preparedQuery(AccountSql.DROP_TOKEN).execute(Tuple.of(tokenHash)).mapEmpty();
  }

  Future<PasswordTokenStatus> check(String token) {
    if (!plausible(token)) {
      return Future.succeededFuture(new PasswordTokenStatus(State.UNKNOWN, null));
    }
    return state(pool, hash(token));
  }

  /**
   * Spends the token and stores the password hash in one transaction. When the token is no longer
   * usable (another request spent it, or it expired, since it was checked) nothing changes and the
   * answer says why.
   */
  Future<PasswordTokenStatus> spend(String token, String passwordHash) {
    if (!plausible(token)) {
      return Future.succeededFuture(new PasswordTokenStatus(State.UNKNOWN, null));
    }
    String tokenHash = hash(token);
    return pool.withTransaction(connection -> connection.preparedQuery(AccountSql.SPEND_TOKEN)
        .execute(Tuple.of(tokenHash))
        .compose(spent -> {
          if (spent.size() == 0) {
            return state(connection, tokenHash);
          }
          long userId = spent.iterator().next().getLong("user_id");
          return connection.preparedQuery(AccountSql.SET_PASSWORD).execute(Tuple.of(userId, passwordHash))
              .map(PasswordTokens::passwordSet);
        }));
  }

  private static PasswordTokenStatus passwordSet(RowSet<Row> updated) {
    // the user was deleted between the token update and this one: the cascade took the token too
    return updated.size() == 0
        ? new PasswordTokenStatus(State.UNKNOWN, null)
        : new PasswordTokenStatus(State.VALID, updated.iterator().next().getString("login"));
  }

  private static Future<PasswordTokenStatus> state(SqlClient client, String tokenHash) {
    return client.preparedQuery(AccountSql.TOKEN_STATE).execute(Tuple.of(tokenHash)).map(rows -> {
      if (rows.size() == 0) {
        return new PasswordTokenStatus(State.UNKNOWN, null);
      }
      Row row = rows.iterator().next();
      if (row.getBoolean("used")) {
        return new PasswordTokenStatus(State.USED, null);
      }
      if (row.getBoolean("expired")) {
        return new PasswordTokenStatus(State.EXPIRED, null);
      }
      return new PasswordTokenStatus(State.VALID, row.getString("login"));
    });
  }

  private static boolean plausible(String token) {
    return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH;
  }
}
