package encharge.gateway.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import io.vertx.junit5.VertxExtension;

@ExtendWith(VertxExtension.class)
class EmbeddedDatabaseTest {

  @Test
  void dataSurvivesARestart(Vertx vertx, @TempDir Path dataDir) throws Exception {
    try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, 0)) {
      assertEquals("postgresql://postgres@localhost:" + first.port() + "/postgres", first.url());
      run(vertx, first.url(), "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
    }
    assertTrue(dataDir.resolve("postgres").resolve("PG_VERSION").toFile().isFile());
    try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir, 0)) {
      Row row = run(vertx, second.url(), "SELECT value FROM kept");
      assertEquals("still here", row.getString("value"));
    }
  }

  /** Blocks the test thread (not an event loop) until the statement has run. */
  private static Row run(Vertx vertx, String url, String sql) {
    Pool pool = PgBuilder.pool().connectingTo(url).using(vertx).build();
    try {
      var rows = pool.query(sql).execute().await();
      return rows.iterator().hasNext() ? rows.iterator().next() : null;
    } finally {
      pool.close().await();
    }
  }
}
