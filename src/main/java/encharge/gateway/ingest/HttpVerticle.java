package encharge.gateway.ingest;

import encharge.gateway.account.SetPasswordPage;
import encharge.gateway.bus.BusCodecs;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.config.HttpSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP ingestion: webhooks at {@code /} and {@code /webhooks/encharge}, the admin API, health and
 * metrics. Several instances share the port. Config: {@code HttpSettings} with the access key set.
 */
public class HttpVerticle extends VerticleBase {

  /** Re-exported so that start-up can mark readiness without reaching into this package. */
  public static final String STATE_MAP = HealthRoutes.STATE_MAP;
  public static final String READY = HealthRoutes.READY;

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private HttpServer server;

  @Override
  public Future<?> start() {
    BusCodecs.register(vertx);
    HttpSettings settings = HttpSettings.fromJson(config());
    Router router = Router.router(vertx);
    router.route().handler(new AccessLog());
    router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));

    WebhookHandler webhooks = new WebhookHandler(vertx, settings);
    for (String path : new String[] {"/", "/webhooks/encharge"}) {
      router.route(HttpMethod.POST, path).handler(webhooks);
      router.route(HttpMethod.GET, path).handler(webhooks);
    }
    new AdminRoutes(vertx, settings.adminToken()).mount(router);
    new HealthRoutes(vertx).mount(router);
    new SetPasswordPage(vertx, config().getJsonObject(SetPasswordPage.CONFIG_KEY)).mount(router);
    router.route().last().handler(rc -> Responses.failure(rc, FailureCode.NOT_FOUND, "no such resource"));
    router.route().failureHandler(this::failed);

    server = vertx.createHttpServer(new HttpServerOptions().setPort(settings.port()).setIdleTimeout(60));
    return server.requestHandler(router).listen();
  }

  @Override
  public Future<?> stop() {
    // lets requests in progress finish, within bounds, before the connections close
    return server == null ? Future.succeededFuture() : server.shutdown(5, TimeUnit.SECONDS);
  }

  private void failed(RoutingContext rc) {
    if (rc.statusCode() == 413) {
      Responses.failure(rc, FailureCode.PAYLOAD_TOO_LARGE, "the body is larger than the limit");
      return;
    }
    if (rc.failure() instanceof GatewayException gateway) {
      Responses.failure(rc, gateway);
      return;
    }
    if (rc.statusCode() >= 400 && rc.statusCode() < 500) {
      Responses.failure(rc, FailureCode.INVALID_REQUEST, "bad request");
      return;
    }
    LOG.atError().setCause(rc.failure()).addKeyValue("requestId", rc.<String>get(WebhookHandler.REQUEST_ID))
        .addKeyValue("contactId", rc.<String>get(WebhookHandler.CONTACT_ID)).log("request failed unexpectedly");
    Responses.failure(rc, FailureCode.INTERNAL_ERROR, "internal error");
  }
}
