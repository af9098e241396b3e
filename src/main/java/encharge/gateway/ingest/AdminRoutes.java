package encharge.gateway.ingest;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.UserQuery;
import encharge.gateway.bus.WebhookLogQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The admin read API of CONTRACT.md §7, behind {@code Authorization: Bearer ADMIN_TOKEN}. */
final class AdminRoutes {

  private static final long QUERY_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final SecretCheck token;
  private final boolean enabled;

  AdminRoutes(Vertx vertx, String adminToken) {
    this.vertx = vertx;
    this.token = new SecretCheck(adminToken);
    this.enabled = adminToken != null;
  }

  void mount(Router router) {
    router.route("/api/*").handler(this::authorize);
    router.get("/api/users/:id").handler(this::userById);
    router.get("/api/users").handler(this::users);
    router.get("/api/webhooks").handler(this::webhooks);
  }

  private void authorize(RoutingContext rc) {
    if (!enabled) {
      Responses.failure(rc, FailureCode.NOT_FOUND, "the admin API is off: set ADMIN_TOKEN");
      return;
    }
    String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    if (!token.matches(presented)) {
      rc.response().putHeader("WWW-Authenticate", "Bearer");
      Responses.failure(rc, FailureCode.UNAUTHORIZED, "missing or wrong bearer token");
      return;
    }
    rc.next();
  }

  private void userById(RoutingContext rc) {
    long id;
    try {
      id = Long.parseLong(rc.pathParam("id"));
    } catch (NumberFormatException e) {
      Responses.failure(rc, FailureCode.INVALID_REQUEST, "the user id must be a number");
      return;
    }
    query(rc, Addresses.USERS_QUERY, new UserQuery(id, null, null)).onSuccess(result -> {
      JsonArray users = result.getJsonArray("users");
      if (users.isEmpty()) {
        Responses.failure(rc, FailureCode.NOT_FOUND, "no user " + id);
      } else {
        Responses.json(rc, 200, users.getJsonObject(0));
      }
    });
  }

  private void users(RoutingContext rc) {
    String contactId = rc.queryParams().get("contact_id");
    String email = rc.queryParams().get("email");
    if ((contactId == null) == (email == null)) {
      Responses.failure(rc, FailureCode.INVALID_REQUEST, "give exactly one of contact_id or email");
      return;
    }
    query(rc, Addresses.USERS_QUERY, new UserQuery(null, contactId, email))
        .onSuccess(result -> Responses.json(rc, 200, result));
  }

  private void webhooks(RoutingContext rc) {
    int limit;
    try {
      String given = rc.queryParams().get("limit");
      limit = given == null ? 50 : Integer.parseInt(given);
    } catch (NumberFormatException e) {
      Responses.failure(rc, FailureCode.INVALID_REQUEST, "limit must be a number");
      return;
    }
    if (limit < 1 || limit > 1000) {
      Responses.failure(rc, FailureCode.INVALID_REQUEST, "limit must be within 1..1000");
      return;
    }
    query(rc, Addresses.WEBHOOK_LOG_QUERY, new WebhookLogQuery(rc.queryParams().get("contact_id"), limit))
        .onSuccess(result -> Responses.json(rc, 200, result));
  }

  /** Asks the users verticle; a failure is answered here, so callers handle success only. */
  private Future<JsonObject> query(RoutingContext rc, String address, Object query) {
    return vertx.eventBus().<JsonObject>request(address, query, new DeliveryOptions().setSendTimeout(QUERY_TIMEOUT_MS))
        .map(Message::body)
        .onFailure(failure -> Responses.failure(rc, GatewayException.from(failure)));
  }
}
