package encharge.gateway.encharge;

import encharge.gateway.bus.EnchargeContact;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.config.EnchargeSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The Encharge REST API subset of CONTRACT.md §4, over one pooled web client. Each call retries as
 * {@link RetryingCall} does and fails with a {@link GatewayException} whose message never holds the
 * API key or a written field value.
 */
public final class EnchargeClient {

  static final String TOKEN_HEADER = "X-Encharge-Token";
  /** Calls that may wait for a free connection, per connection, before calls fail fast. */
  static final int WAIT_QUEUE_PER_CONNECTION = 8;
  private static final Duration ACCOUNT_INFO_BUDGET = Duration.ofSeconds(10);
  /** For callers that gave no deadline. */
  private static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
  private static final int MAX_ERROR_MESSAGE_LENGTH = 300;

  private final Vertx vertx;
  private final EnchargeSettings settings;
  private final String apiUrl;
  private final Backoff backoff;
  private final WebClient client;

  public EnchargeClient(Vertx vertx, EnchargeSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.apiUrl = settings.apiUrl().replaceAll("/+$", "");
    this.backoff = new Backoff(settings.retryBaseMs(), settings.retryMaxMs());
    int connections = connectionsPerInstance(settings);
    WebClientOptions options = new WebClientOptions()
        .setConnectTimeout(settings.connectTimeoutMs())
        .setIdleTimeout(settings.idleTimeoutSeconds())
        .setKeepAlive(true)
        .setKeepAliveTimeout(settings.idleTimeoutSeconds())
        .setUserAgent("encharge-gateway")
        .setFollowRedirects(false);
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(connections)
        .setMaxWaitQueueSize(connections * WAIT_QUEUE_PER_CONNECTION);
    this.client = WebClient.create(vertx, options, pool);
  }

  /** Each instance of the verticle gets its share, so that all together stay within maxConcurrency. */
  static int connectionsPerInstance(EnchargeSettings settings) {
    int instances = Math.max(1, settings.instances());
    return Math.max(1, (settings.maxConcurrency() + instances - 1) / instances);
  }

  /** The person with this id, or null when Encharge does not know it (or the id is blank). */
  public Future<EnchargeContact> fetchContact(String requestId, String contactId, Instant deadline) {
    return lookUp(requestId, contactId, "people[0][id]", contactId, deadline);
  }

  /** The person with this email, or null when Encharge does not know it (or the email is blank). */
  public Future<EnchargeContact> findByEmail(String requestId, String email, Instant deadline) {
    return lookUp(requestId, null, "people[0][email]", email, deadline);
  }

  /** Writes fields of one person ({@code POST /people}, an upsert by id). Values may be secrets. */
  public Future<Void> writeFields(String requestId, String contactId, Map<String, String> fields,
      Instant deadline) {
    JsonObject person = new JsonObject();
    fields.forEach(person::put);
    person.put("id", contactId);
    Buffer body = new JsonArray().add(person).toBuffer();
    return call(requestId, contactId, deadline, timeoutMs -> authorized(client.postAbs(apiUrl + "/people"))
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
        .timeout(timeoutMs)
        .sendBuffer(body))
        .map(response -> {
          requireSuccess(response, fields.values());
          return null;
        });
  }

  /** The account the API key belongs to: proves the URL and the key work. */
  public Future<JsonObject> accountInfo() {
    Instant deadline = Instant.now().plus(ACCOUNT_INFO_BUDGET);
    return call("credentials-check", null, deadline,
        timeoutMs -> authorized(client.getAbs(apiUrl + "/accounts/info")).timeout(timeoutMs).send())
        .map(response -> {
          requireSuccess(response, List.of());
          return jsonBody(response);
        });
  }

  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  private Future<EnchargeContact> lookUp(String requestId, String contactId, String parameter,
      String value, Instant deadline) {
    if (value == null || value.isBlank()) {
      return Future.succeededFuture(null);
    }
    // built by hand: Encharge documents the brackets literally, only the value is encoded
    String url = apiUrl + "/people?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    return call(requestId, contactId, deadline,
        timeoutMs -> authorized(client.getAbs(url)).timeout(timeoutMs).send())
        .map(response -> {
          if (response.statusCode() == 404) {
            return null;
          }
          requireSuccess(response, List.of());
          if (!(jsonBody(response).getValue("users") instanceof JsonArray users)) {
            throw malformed();
          }
          for (Object user : users) {
            if (user instanceof JsonObject person) {
              return PersonJson.toContact(person);
            }
          }
          return null;
        });
  }

  private Future<HttpResponse<Buffer>> call(String requestId, String contactId, Instant deadline,
      LongFunction<Future<HttpResponse<Buffer>>> attempt) {
    Instant due = deadline != null ? deadline : Instant.now().plus(DEFAULT_BUDGET);
    return new RetryingCall(vertx, backoff, settings.maxRetries(), requestId, contactId, due, attempt).run();
  }

  private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return request.putHeader(TOKEN_HEADER, settings.apiKey() == null ? "" : settings.apiKey())
        .putHeader(HttpHeaders.ACCEPT.toString(), "application/json");
  }

  /** Throws the gateway failure for any answer but 2xx; {@code secrets} are masked in Encharge's text. */
  private void requireSuccess(HttpResponse<Buffer> response, Collection<String> secrets) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    if (status == 401 || status == 403) {
      throw new GatewayException(FailureCode.ENCHARGE_UNAUTHORIZED, "Encharge rejected the API key");
    }
    String detail = errorMessage(response, secrets);
    throw new GatewayException(FailureCode.ENCHARGE_UNAVAILABLE,
        "Encharge answered " + status + (detail == null ? "" : ": " + detail));
  }

  /** Encharge's {@code error.message}, with the API key and the values we sent masked. */
  private String errorMessage(HttpResponse<Buffer> response, Collection<String> secrets) {
    Object error;
    try {
      JsonObject body = response.bodyAsJsonObject();
      error = body == null ? null : body.getValue("error");
    } catch (DecodeException | ClassCastException unreadable) {
      return null;
    }
    String message = error instanceof JsonObject object && object.getValue("message") instanceof String text
        ? text : null;
    if (message == null || message.isBlank()) {
      return null;
    }
    message = mask(message, settings.apiKey());
    for (String secret : secrets) {
      message = mask(message, secret);
    }
    return message.length() > MAX_ERROR_MESSAGE_LENGTH
        ? message.substring(0, MAX_ERROR_MESSAGE_LENGTH) + "..." : message;
  }

  private static String mask(String message, String secret) {
    return secret == null || secret.isEmpty() ? message : message.replace(secret, "***");
  }

  private static JsonObject jsonBody(HttpResponse<Buffer> response) {
    try {
      JsonObject body = response.bodyAsJsonObject();
      if (body == null) {
        throw malformed();
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw malformed();
    }
  }

  private static GatewayException malformed() {
    return new GatewayException(FailureCode.ENCHARGE_UNAVAILABLE, "Encharge answered with a malformed body");
  }
}
