package encharge.gateway;

import encharge.gateway.config.ConfigException;
import encharge.gateway.config.GatewayConfig;
import encharge.gateway.users.EmbeddedDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** Serves webhooks with the configuration of conf/config.yaml and the environment. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve webhooks (the default). Configuration: conf/config.yaml, overridden by environment variables.")
final class ServeCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Main.newVertx();
    try {
      GatewayConfig config = GatewayConfig.load(vertx).await().requireApiKey();
      GatewayProcess process = new GatewayProcess(vertx);
      process.start(config, Path.of(config.database().dataDir()));
      if (process.gateway().accessKey().generated()) {
        System.out.println();
        System.out.println("Generated the webhook access key. It is shown this once; keep it:");
        System.out.println("  " + process.gateway().accessKey().value());
        System.out.println();
      }
      process.awaitShutdown();
      return 0;
    } catch (ConfigException e) {
      vertx.close().await();
      throw e;
    }
  }

  /** The process's gateway and, when DATABASE_URL is unset, its embedded database. */
  static final class GatewayProcess {

    private static final long STOP_TIMEOUT_SECONDS = 15;

    private final Vertx vertx;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EmbeddedDatabase database;
    private Gateway gateway;

    GatewayProcess(Vertx vertx) {
      this.vertx = vertx;
    }

    /** @param dataDir where the embedded database lives, when DATABASE_URL is unset */
    void start(GatewayConfig config, Path dataDir) {
      GatewayConfig effective = config;
      if (config.database().embedded()) {
        database = vertx.executeBlocking(() -> EmbeddedDatabase.start(dataDir, 0)).await();
        effective = config.withDatabase(config.database().withUrl(database.url()));
      }
      Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "gateway-shutdown"));
      gateway = Gateway.start(vertx, effective).await();
    }

    Gateway gateway() {
      return gateway;
    }

    void awaitShutdown() throws InterruptedException {
      stopped.await();
    }

    /** Bounded at every step: a stuck stop must not keep the process (or its database) alive. */
    private void stop() {
      try {
        if (gateway != null) {
          gateway.stop().timeout(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS).await();
        }
      } catch (Exception e) {
        System.err.println("shutdown: the gateway did not stop cleanly: " + e.getMessage());
      }
      try {
        vertx.close().timeout(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS).await();
      } catch (Exception e) {
        System.err.println("shutdown: Vert.x did not close cleanly: " + e.getMessage());
      }
      try {
        if (database != null) {
          database.close();
        }
      } finally {
        stopped.countDown();
      }
    }
  }
}
