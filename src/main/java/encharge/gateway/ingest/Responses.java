package encharge.gateway.ingest;

import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The JSON answers of CONTRACT.md §2: {@code {"success":..,"data":{..}}}, always application/json. */
final class Responses {

  private Responses() {
  }

  static Future<Void> success(RoutingContext rc, int status, JsonObject data) {
    JsonObject body = new JsonObject().put("success", true);
    if (data != null) {
      body.put("data", data);
    }
    return json(rc, status, body);
  }

  static Future<Void> failure(RoutingContext rc, GatewayException failure) {
    FailureCode code = failure.code();
    if (code.retryAfterSeconds() > 0) {
      rc.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(code.retryAfterSeconds()));
    }
    JsonObject data = new JsonObject().put("code", code.code()).put("message", failure.getMessage());
    return json(rc, code.httpStatus(), new JsonObject().put("success", false).put("data", data));
  }

  static Future<Void> failure(RoutingContext rc, FailureCode code, String message) {
    return failure(rc, new GatewayException(code, message));
  }

  static Future<Void> json(RoutingContext rc, int status, JsonObject body) {
    if (rc.response().ended()) {
      return Future.succeededFuture();
    }
    return rc.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.toBuffer());
  }
}
