package encharge.gateway.ingest;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.WebhookAction;
import encharge.gateway.bus.WebhookOutcome;
import encharge.gateway.bus.WebhookRequest;
import encharge.gateway.config.HttpSettings;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The WP Fusion webhook URL contract (CONTRACT.md §1): checks the access key and the action, reads
 * the contact id from the body (JSON or form) or the query, and hands the webhook to the sync
 * lane of its contact. Bad input is answered here and reaches nothing else.
 */
final class WebhookHandler implements Handler<RoutingContext> {

  static final String REQUEST_ID = "requestId";
  static final String CONTACT_ID = "contactId";

  private static final Set<String> YES = Set.of("true", "1", "yes");
  private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final int MAX_CONTACT_ID = 128;
  private static final int MAX_EMAIL = 254;
  /** Lets the lane's own deadline answer (504, or the Encharge failure) before the bus gives up. */
  private static final long BUS_GRACE_MS = 250;

  private final Vertx vertx;
  private final HttpSettings settings;
  private final SecretCheck accessKey;

  WebhookHandler(Vertx vertx, HttpSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.accessKey = new SecretCheck(settings.accessKey());
  }

  @Override
  public void handle(RoutingContext rc) {
    String requestId = requestId(rc);
    rc.put(REQUEST_ID, requestId);
    rc.response().putHeader("X-Request-Id", requestId);
    try {
      accept(rc, requestId);
    } catch (GatewayException e) {
      Responses.failure(rc, e);
    }
  }

  private void accept(RoutingContext rc, String requestId) {
    MultiMap query = rc.queryParams();
    if (!accessKey.matches(query.get("access_key"))) {
      throw new GatewayException(FailureCode.INVALID_ACCESS_KEY, "missing or wrong access_key");
    }
    WebhookAction action = WebhookAction.parse(query.get("wpf_action")).orElseThrow(() ->
        new GatewayException(FailureCode.INVALID_ACTION, "wpf_action must be one of update, update_tags, add, test"));
    if (action == WebhookAction.TEST) {
      Responses.success(rc, 200, null);
      return;
    }
    Payload payload = payload(rc);
    String contactId = firstNonBlank(payload.contactId(), query.get("contact_id"));
    if (contactId == null) {
      throw new GatewayException(FailureCode.MISSING_CONTACT_ID,
          "no contact id: send {\"id\": \"{{ person.id }}\"} as the body, or contact_id in the query");
    }
    if (contactId.length() > MAX_CONTACT_ID) {
      throw new GatewayException(FailureCode.MISSING_CONTACT_ID, "the contact id is longer than " + MAX_CONTACT_ID);
    }
    rc.put(CONTACT_ID, contactId);
    String email = firstNonBlank(payload.email(), query.get("email"));
    if (email != null && (email.length() > MAX_EMAIL || !email.contains("@"))) {
      email = null;
    }
    List<String> warnings = new ArrayList<>();
    if (yes(query.get("async"))) {
      warnings.add("async is not supported yet: the webhook was processed synchronously");
    }
    Instant receivedAt = Instant.now();
    WebhookRequest request = new WebhookRequest(requestId, action, contactId, email, query.get("role"),
        yes(query.get("send_notification")), receivedAt,
        receivedAt.plusMillis(settings.requestTimeoutMs()));
    vertx.eventBus().<WebhookOutcome>request(Addresses.syncLane(contactId, settings.syncLanes()), request,
            new DeliveryOptions().setSendTimeout(settings.requestTimeoutMs() + BUS_GRACE_MS))
        .map(Message::body)
        .onSuccess(outcome -> Responses.success(rc, 200, data(outcome, warnings)))
        .onFailure(failure -> Responses.failure(rc, GatewayException.from(failure)));
  }

  private static JsonObject data(WebhookOutcome outcome, List<String> ingestWarnings) {
    JsonObject data = new JsonObject().put("user_id", outcome.userId()).put("method", outcome.method().wireName());
    if (outcome.method() == WebhookAction.ADD) {
      data.put("created", outcome.created());
    }
    List<String> warnings = new ArrayList<>(ingestWarnings);
    warnings.addAll(outcome.warnings());
    if (!warnings.isEmpty()) {
      data.put("warnings", new JsonArray(warnings));
    }
    return data;
  }

  /** The contact id and email sent in the body, if any. */
  private static Payload payload(RoutingContext rc) {
    String contentType = lower(rc.request().getHeader(HttpHeaders.CONTENT_TYPE));
    if (contentType != null && (contentType.startsWith("application/x-www-form-urlencoded")
        || contentType.startsWith("multipart/form-data"))) {
      MultiMap form = rc.request().formAttributes();
      return new Payload(form.get("id"), form.get("email"));
    }
    Buffer body = rc.body().buffer();
    if (body == null || body.length() == 0) {
      return Payload.NONE;
    }
    String text = body.toString().strip();
    boolean json = (contentType != null && contentType.contains("json")) || text.startsWith("{") || text.startsWith("[");
    if (text.isEmpty() || !json) {
      return Payload.NONE;
    }
    Object parsed;
    try {
      parsed = Buffer.buffer(text).toJsonValue();
    } catch (DecodeException e) {
      throw new GatewayException(FailureCode.INVALID_JSON, "the body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw new GatewayException(FailureCode.INVALID_JSON, "the body must be a JSON object such as {\"id\": \"...\"}");
    }
    return new Payload(scalar(object.getValue("id")), scalar(object.getValue("email")));
  }

  private static String scalar(Object value) {
    return value instanceof String || value instanceof Number ? value.toString() : null;
  }

  private static String requestId(RoutingContext rc) {
    String given = rc.request().getHeader("X-Request-Id");
    return given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }

  private static String firstNonBlank(String first, String second) {
    if (first != null && !first.isBlank()) {
      return first.trim();
    }
    return second != null && !second.isBlank() ? second.trim() : null;
  }

  /** {@code true}, {@code 1} or {@code yes}: anything else, or nothing, is no. */
  private static boolean yes(String value) {
    return value != null && YES.contains(lower(value));
  }

  private static String lower(String value) {
    return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
  }

  private record Payload(String contactId, String email) {
    static final Payload NONE = new Payload(null, null);
  }
}
