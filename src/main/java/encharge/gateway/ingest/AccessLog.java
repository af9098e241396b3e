package encharge.gateway.ingest;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per HTTP request on logger {@code encharge.gateway.access}. Secrets travel in query
 * strings (the webhook access key, the set-password token): they are masked before logging.
 */
final class AccessLog implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger("encharge.gateway.access");
  private static final Pattern SECRET_PARAMS = Pattern.compile("(?i)((?:^|&)(?:access_key|token)=)[^&]*");

  @Override
  public void handle(RoutingContext rc) {
    if (!LOG.isInfoEnabled()) {
      rc.next();
      return;
    }
    long started = System.nanoTime();
    HttpServerRequest request = rc.request();
    rc.addEndHandler(done -> LOG.atInfo()
        .addKeyValue("method", request.method().name())
        .addKeyValue("path", request.path())
        .addKeyValue("query", redact(request.query()))
        .addKeyValue("status", rc.response().getStatusCode())
        .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
        .addKeyValue("requestId", rc.<String>get(WebhookHandler.REQUEST_ID))
        .addKeyValue("contactId", rc.<String>get(WebhookHandler.CONTACT_ID))
        .log("http"));
    rc.next();
  }

  static String redact(String query) {
    return query == null ? null : SECRET_PARAMS.matcher(query).replaceAll("$1***");
  }
}
