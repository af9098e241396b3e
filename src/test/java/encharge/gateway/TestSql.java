package encharge.gateway;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/** Direct reads and writes of the test database, for what no API shows (hashes) or sets (admins). */
public final class TestSql {

  private static final Vertx VERTX = Vertx.vertx();
  private static final Pool POOL = PgBuilder.pool()
      .with(new PoolOptions().setMaxSize(2))
      .connectingTo(PgConnectOptions.fromUri(TestDatabase.url()))
      .using(VERTX)
      .build();

  private TestSql() {
  }

  public static RowSet<Row> query(String sql, Object... params) {
    return POOL.preparedQuery(sql).execute(Tuple.from(java.util.Arrays.asList(params))).await();
  }

  public static String passwordHash(long userId) {
    return query("SELECT password_hash FROM users WHERE id = $1", userId).iterator().next().getString(0);
  }

  public static void setRole(long userId, String role) {
    query("UPDATE users SET role = $2 WHERE id = $1", userId, role);
  }

  public static long countUsersWithContact(String contactId) {
    return query("SELECT count(*) FROM users WHERE contact_id = $1", contactId).iterator().next().getLong(0);
  }

  public static long countUsersWithEmail(String email) {
    return query("SELECT count(*) FROM users WHERE lower(email) = lower($1)", email).iterator().next().getLong(0);
  }

  public static long countWebhookRows(String contactId) {
    return query("SELECT count(*) FROM webhook_log WHERE contact_id = $1", contactId).iterator().next().getLong(0);
  }
}
