package encharge.gateway.users;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with the scripts in {@code db/migration}. Flyway holds a
 * PostgreSQL advisory lock while it migrates, so replicas starting together apply each script
 * once.
 */
public final class Migrations {

  private Migrations() {
  }

  /** Runs Flyway (JDBC, blocking) on a worker thread. */
  public static Future<Void> migrate(Vertx vertx, String databaseUrl) {
    // unordered: replicas' migrations (and a test standing in for them) may run side by side
    return vertx.executeBlocking(() -> {
      migrateBlocking(databaseUrl);
      return null;
    }, false);
  }

  /** The same, on the calling thread: for {@code main} and tests. */
  public static void migrateBlocking(String databaseUrl) {
    PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl);
    Flyway.configure()
        .dataSource(jdbcUrl(options), options.getUser(), options.getPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** {@code postgresql://user:pass@host:port/db?sslmode=...} without the credentials, as JDBC wants it. */
  static String jdbcUrl(PgConnectOptions options) {
    String url = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/"
        + options.getDatabase();
    SslMode sslMode = options.getSslMode();
    return sslMode == null || sslMode == SslMode.DISABLE ? url : url + "?sslmode=" + sslMode.value;
  }
}
