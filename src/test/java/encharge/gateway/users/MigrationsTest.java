package encharge.gateway.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import encharge.gateway.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MigrationsTest {

  @Test
  void replicasMigratingTogetherApplyEachScriptOnce(Vertx vertx, VertxTestContext testContext) {
    // a fresh database on the test server: the shared one is already migrated
    String database = "migrations_" + UUID.randomUUID().toString().replace("-", "");
    String url = TestDatabase.url().replaceFirst("/postgres$", "/" + database);
    Pool server = PgBuilder.pool().connectingTo(TestDatabase.url()).using(vertx).build();
    server.query("CREATE DATABASE " + database).execute()
        .compose(created -> Future.all(Migrations.migrate(vertx, url), Migrations.migrate(vertx, url),
            Migrations.migrate(vertx, url)))
        .compose(migrated -> {
          Pool fresh = PgBuilder.pool().connectingTo(url).using(vertx).build();
          return fresh.query("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'")
              .execute()
              .compose(rows -> fresh.query("SELECT count(*) FROM users").execute()
                  .map(users -> rows.iterator().next().getLong(0)))
              .eventually(fresh::close);
        })
        .eventually(server::close)
        .onComplete(testContext.succeeding(appliedOnce -> testContext.verify(() -> {
          assertEquals(1L, appliedOnce);
          testContext.completeNow();
        })));
  }

  @Test
  void databaseUrlBecomesJdbcUrlWithoutCredentials() {
    assertEquals("jdbc:postgresql://db.internal:5433/gateway",
        Migrations.jdbcUrl(PgConnectOptions.fromUri("postgresql://app:s3cret@db.internal:5433/gateway")));
    assertEquals("jdbc:postgresql://db.internal:5432/gateway?sslmode=require",
        Migrations.jdbcUrl(PgConnectOptions.fromUri("postgres://app:s3cret@db.internal/gateway?sslmode=require")));
  }
}
