package encharge.gateway;

import encharge.gateway.users.EmbeddedDatabase;
import encharge.gateway.users.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real PostgreSQL per test JVM: started and migrated on first use, stopped when the JVM
 * exits. Tests share it, so they must not depend on each other: use random contact ids and
 * emails rather than truncating tables.
 */
public final class TestDatabase {

  private TestDatabase() {
  }

  /** {@code postgresql://...} of the migrated test database; starts it on the first call. */
  public static String url() {
    return Holder.URL;
  }

  /** Lazy holder: the JVM runs this once, on first access, thread-safely. */
  private static final class Holder {
    private static final String URL = start();

    private static String start() {
      try {
        Path dataDir = Files.createTempDirectory("encharge-gateway-test-db");
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          database.close();
          deleteRecursively(dataDir);
        }, "test-database-stop"));
        Migrations.migrateBlocking(database.url());
        return database.url();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the test PostgreSQL", e);
      }
    }

    private static void deleteRecursively(Path dir) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // a leftover temp dir is harmless; the JVM is exiting anyway
      }
    }
  }
}
