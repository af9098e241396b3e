package encharge.gateway.ingest;

import encharge.gateway.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;

/** {@code /health/live}, {@code /health/ready} and {@code /metrics} (CONTRACT.md §8). */
final class HealthRoutes {

  /** Local shared map and key through which start-up marks every verticle deployed. */
  public static final String STATE_MAP = "gateway.state";
  public static final String READY = "ready";

  private static final long PING_TIMEOUT_MS = 2_000;

  private final Vertx vertx;

  HealthRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router router) {
    router.get("/health/live").handler(rc -> Responses.json(rc, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    if (BackendRegistries.getDefaultNow() != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create());
    }
  }

  private void ready(RoutingContext rc) {
    boolean deployed = Boolean.TRUE.equals(vertx.sharedData().getLocalMap(STATE_MAP).get(READY));
    vertx.eventBus().request(Addresses.STORAGE_PING, "ping", new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS))
        .map(reply -> true)
        .otherwise(false)
        .onSuccess(database -> {
          boolean up = deployed && database;
          JsonObject checks = new JsonObject().put("verticles", deployed ? "UP" : "DOWN")
              .put("database", database ? "UP" : "DOWN");
          Responses.json(rc, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks));
        });
  }
}
