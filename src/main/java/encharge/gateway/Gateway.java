package encharge.gateway;

import encharge.gateway.account.AccountVerticle;
import encharge.gateway.account.SetPasswordPage;
import encharge.gateway.bus.AccessKey;
import encharge.gateway.bus.AccessKeyRequest;
import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.BusCodecs;
import encharge.gateway.config.GatewayConfig;
import encharge.gateway.encharge.EnchargeApiVerticle;
import encharge.gateway.ingest.HttpVerticle;
import encharge.gateway.sync.SyncVerticle;
import encharge.gateway.users.Migrations;
import encharge.gateway.users.UsersVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: migrates the schema, then deploys the users, account, Encharge API, sync-lane
 * and HTTP verticles in that order, so that each finds the addresses it needs already served.
 */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final GatewayConfig config;
  private final AccessKey accessKey;
  private final List<String> deployments;

  private Gateway(Vertx vertx, GatewayConfig config, AccessKey accessKey, List<String> deployments) {
    this.vertx = vertx;
    this.config = config;
    this.accessKey = accessKey;
    this.deployments = deployments;
  }

  /** @param config with {@code database().url()} set (the embedded database already started) */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config) {
    BusCodecs.register(vertx);
    List<String> deployments = new ArrayList<>();
    return Migrations.migrate(vertx, config.database().url())
        .recover(failure -> Future.failedFuture(new IllegalStateException(
            "cannot reach or migrate the database: " + rootMessage(failure))))
        .compose(migrated -> deploy(vertx, deployments, UsersVerticle.class, config.database().toJson(),
            config.database().instances()))
        .compose(users -> deploy(vertx, deployments, AccountVerticle.class,
            config.mail().toJson().put(AccountVerticle.BCRYPT_COST, config.sync().bcryptCost()), 1))
        .compose(account -> accessKey(vertx, config))
        .compose(key -> deploy(vertx, deployments, EnchargeApiVerticle.class, config.encharge().toJson(),
                config.encharge().instances())
            .compose(encharge -> deployLanes(vertx, deployments, config))
            .compose(lanes -> deploy(vertx, deployments, HttpVerticle.class,
                config.http().withAccessKey(key.value()).toJson()
                    .put(SetPasswordPage.CONFIG_KEY, SetPasswordPage.config(config.mail())),
                config.http().instances()))
            .map(http -> {
              vertx.sharedData().getLocalMap(HttpVerticle.STATE_MAP).put(HttpVerticle.READY, true);
              LOG.atInfo().addKeyValue("port", config.http().port()).addKeyValue("lanes", config.sync().lanes())
                  .log("gateway ready");
              return new Gateway(vertx, config, key, deployments);
            }))
        .recover(failure -> undeployAll(vertx, deployments).transform(done -> Future.failedFuture(failure)));
  }

  public int port() {
    return config.http().port();
  }

  public GatewayConfig config() {
    return config;
  }

  /** The webhook access key; {@link AccessKey#generated()} only on the start that created it. */
  public AccessKey accessKey() {
    return accessKey;
  }

  /** Undeploys in reverse order: HTTP first, so no new webhook arrives while the rest drains. */
  public Future<Void> stop() {
    vertx.sharedData().getLocalMap(HttpVerticle.STATE_MAP).remove(HttpVerticle.READY);
    return undeployAll(vertx, deployments);
  }

  /** The innermost message: Flyway wraps the driver's, which says what went wrong. */
  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }

  private static Future<AccessKey> accessKey(Vertx vertx, GatewayConfig config) {
    String configured = config.http().accessKey();
    if (configured != null) {
      return Future.succeededFuture(new AccessKey(configured, false));
    }
    return vertx.eventBus().<AccessKey>request(Addresses.ACCESS_KEY, new AccessKeyRequest()).map(reply -> reply.body());
  }

  private static Future<Void> deployLanes(Vertx vertx, List<String> deployments, GatewayConfig config) {
    Future<Void> chain = Future.succeededFuture();
    for (int lane = 0; lane < config.sync().lanes(); lane++) {
      JsonObject laneConfig = new JsonObject().put(SyncVerticle.LANE, lane).put(SyncVerticle.SETTINGS, config.sync().toJson());
      chain = chain.compose(done -> deploy(vertx, deployments, SyncVerticle.class, laneConfig, 1));
    }
    return chain;
  }

  private static Future<Void> deploy(Vertx vertx, List<String> deployments, Class<? extends io.vertx.core.Deployable> type,
      JsonObject config, int instances) {
    return vertx.deployVerticle(type, new DeploymentOptions().setConfig(config).setInstances(instances))
        .onSuccess(deployments::add)
        .mapEmpty();
  }

  private static Future<Void> undeployAll(Vertx vertx, List<String> deployments) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.eventually(() -> vertx.undeploy(id));
    }
    return chain.onComplete(done -> deployments.clear());
  }
}
