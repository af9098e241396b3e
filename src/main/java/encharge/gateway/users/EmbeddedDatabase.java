package encharge.gateway.users;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL the gateway starts itself when {@code DATABASE_URL} is unset: zonky's bundled
 * binaries, data kept in {@code <dataDir>/postgres} across restarts.
 *
 * <p>Starting and closing block for seconds (initdb on first start, then the postmaster): call
 * them from {@code main} or a worker ({@code vertx.executeBlocking}), never from an event loop.
 *
 * <p>The owner closes it, after Vert.x has closed: zonky's own shutdown hook is off because it
 * would stop PostgreSQL while the verticles still flush the webhook log. The postmaster is a
 * separate process: a JVM that exits without {@link #close()} leaves it running.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /** initdb's superuser; zonky initialises the cluster with trust authentication (no password). */
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code port}, or on a free port when {@code port} is 0. The cluster is
   * created on the first start and reused afterwards.
   *
   * @param dataDir the gateway's data directory ({@code DATA_DIR}); the cluster lives in its
   *                {@code postgres} sub-directory
   */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    Path clusterDir = dataDir.toAbsolutePath().resolve("postgres");
    Files.createDirectories(clusterDir);
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(clusterDir)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPort(port)
        // zonky turns synchronous_commit off for test speed; a webhook answered 200 must survive a crash
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("listen_addresses", "localhost")
        .start();
    return new EmbeddedDatabase(postgres);
  }

  public int port() {
    return postgres.getPort();
  }

  /** {@code postgresql://postgres@localhost:PORT/postgres}: trust authentication, no password. */
  public String url() {
    return "postgresql://" + USER + "@localhost:" + port() + "/" + DATABASE;
  }

  /** Stops the postmaster (fast shutdown); the data stays. Blocking. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
    }
  }
}
