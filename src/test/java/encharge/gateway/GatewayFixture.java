package encharge.gateway;

import encharge.gateway.config.GatewayConfig;
import encharge.gateway.encharge.EnchargeSimulator;
import encharge.gateway.encharge.SimulatedContacts;
import encharge.gateway.encharge.SimulatorOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

/**
 * A whole gateway for integration tests: the real verticles on the shared test PostgreSQL, with the
 * Encharge simulator (a real HTTP server) as Encharge, reached over real HTTP.
 */
public final class GatewayFixture {

  public static final String ACCESS_KEY = "test-access-key-0123456789";
  public static final String ADMIN_TOKEN = "test-admin-token";
  public static final String API_KEY = "test-encharge-key";

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final EnchargeSimulator simulator;
  private final Gateway gateway;
  private final WebClient client;

  private GatewayFixture(Vertx vertx, boolean ownsVertx, EnchargeSimulator simulator, Gateway gateway) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.simulator = simulator;
    this.gateway = gateway;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(gateway.port()), new PoolOptions().setHttp1MaxSize(200));
  }

  /** The test defaults, as a user would write them in the environment. */
  public static JsonObject baseConfig() {
    return new JsonObject()
        .put("HTTP_PORT", freePort())
        .put("HTTP_INSTANCES", 2)
        .put("SYNC_LANES", 4)
        .put("DATABASE_URL", TestDatabase.url())
        .put("ENCHARGE_API_KEY", API_KEY)
        .put("ENCHARGE_MAX_RETRIES", 2)
        .put("ENCHARGE_RETRY_BASE_MS", 10)
        .put("ENCHARGE_RETRY_MAX_MS", 50)
        .put("GATEWAY_ACCESS_KEY", ACCESS_KEY)
        .put("ADMIN_TOKEN", ADMIN_TOKEN)
        .put("BCRYPT_COST", 4)
        .put("REQUEST_TIMEOUT_MS", 10_000)
        .put("FIELD_MAP", "company=meta:company,plan=meta:plan,username=user_login,wpRole=role,nickname=display_name");
  }

  public static GatewayFixture start(Vertx vertx) {
    return start(vertx, Map.of());
  }

  /**
   * A gateway with its own Vertx (so its bus addresses do not mix with another gateway's), closed
   * by {@link #stop()}: for variants of the configuration.
   */
  public static GatewayFixture startIsolated(Map<String, Object> overrides) {
    return startIsolated(Vertx.vertx(), overrides);
  }

  /** As {@link #startIsolated(Map)}, on a given Vertx (e.g. one with metrics), which stop() closes. */
  public static GatewayFixture startIsolated(Vertx ownVertx, Map<String, Object> overrides) {
    return start(ownVertx, true, overrides);
  }

  /** Starts a simulator and a gateway; {@code overrides} win over {@link #baseConfig()}. */
  public static GatewayFixture start(Vertx vertx, Map<String, Object> overrides) {
    return start(vertx, false, overrides);
  }

  private static GatewayFixture start(Vertx vertx, boolean ownsVertx, Map<String, Object> overrides) {
    EnchargeSimulator simulator = new EnchargeSimulator(new SimulatorOptions(0, API_KEY, 0, 0, 0, 1),
        new SimulatedContacts());
    vertx.deployVerticle(simulator).await();
    JsonObject raw = baseConfig().put("ENCHARGE_API_URL", "http://127.0.0.1:" + simulator.actualPort() + "/v1");
    overrides.forEach(raw::put);
    Gateway gateway = Gateway.start(vertx, GatewayConfig.from(raw)).await();
    return new GatewayFixture(vertx, ownsVertx, simulator, gateway);
  }

  /** A second gateway process (its own Vertx) on the same database and simulator: replicas racing. */
  public GatewayFixture replica() {
    return replica(Map.of());
  }

  /** As {@link #replica()}, with {@code overrides} winning over {@link #baseConfig()}. */
  public GatewayFixture replica(Map<String, Object> overrides) {
    Vertx otherVertx = Vertx.vertx();
    JsonObject raw = baseConfig().put("ENCHARGE_API_URL", "http://127.0.0.1:" + simulator.actualPort() + "/v1");
    overrides.forEach(raw::put);
    Gateway other = Gateway.start(otherVertx, GatewayConfig.from(raw)).await();
    return new GatewayFixture(otherVertx, true, simulator, other);
  }

  /** The gateway's Vertx: to talk to its verticles over the event bus. */
  public Vertx vertx() {
    return vertx;
  }

  public EnchargeSimulator simulator() {
    return simulator;
  }

  public Gateway gateway() {
    return gateway;
  }

  public WebClient client() {
    return client;
  }

  /** A new Encharge contact with a unique id and email; extra fields are merged in. */
  public JsonObject newContact(JsonObject extra) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    JsonObject person = new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("email", "jane." + suffix + "@example.com")
        .put("firstName", "Jane")
        .put("lastName", "Doe-" + suffix)
        .put("tags", "newsletter, Import to WordPress");
    return simulator.contacts().put(person.mergeIn(extra));
  }

  public JsonObject newContact() {
    return newContact(new JsonObject());
  }

  /** POST /?wpf_action=ACTION&access_key=KEY[&extra] with {"id": contactId}. */
  public Future<HttpResponse<Buffer>> webhook(String action, String contactId, String extraQuery) {
    return request(action, extraQuery).sendJsonObject(new JsonObject().put("id", contactId));
  }

  public Future<HttpResponse<Buffer>> webhook(String action, String contactId) {
    return webhook(action, contactId, null);
  }

  public HttpRequest<Buffer> request(String action, String extraQuery) {
    String uri = "/?wpf_action=" + action + "&access_key=" + ACCESS_KEY + (extraQuery == null ? "" : "&" + extraQuery);
    return client.post(uri);
  }

  /** The user linked to a contact, through the admin API; null when there is none. */
  public JsonObject userByContact(String contactId) {
    JsonObject answer = client.get("/api/users?contact_id=" + contactId)
        .putHeader("Authorization", "Bearer " + ADMIN_TOKEN).send().await().bodyAsJsonObject();
    return answer.getJsonArray("users").isEmpty() ? null : answer.getJsonArray("users").getJsonObject(0);
  }

  /** The webhook log of a contact, newest first, once {@code expected} rows have been flushed. */
  public io.vertx.core.json.JsonArray webhookLog(String contactId, int expected) {
    long until = System.currentTimeMillis() + 5_000;
    while (true) {
      io.vertx.core.json.JsonArray rows = client.get("/api/webhooks?limit=1000&contact_id=" + contactId)
          .putHeader("Authorization", "Bearer " + ADMIN_TOKEN).send().await()
          .bodyAsJsonObject().getJsonArray("webhooks");
      if (rows.size() >= expected || System.currentTimeMillis() > until) {
        return rows;
      }
      vertx.timer(20).await();
    }
  }

  public void stop() {
    client.close();
    gateway.stop().await();
    if (ownsVertx) {
      vertx.close().await();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
