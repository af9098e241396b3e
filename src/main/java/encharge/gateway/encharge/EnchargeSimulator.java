package encharge.gateway.encharge;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An in-process Encharge API (CONTRACT.md §4) under {@code /v1}, for tests, the {@code demo} command
 * and load tests: point {@code ENCHARGE_API_URL} at {@code http://127.0.0.1:<actualPort()>/v1}.
 * Latency, 503s and 429s can be injected, at construction and at runtime (the setters are
 * thread-safe). Deploy one instance.
 */
public class EnchargeSimulator extends VerticleBase {

  static final long MAX_BODY_BYTES = 1024 * 1024;

  private final SimulatedContacts contacts;
  private final int port;
  private final SimulatorRecords records = new SimulatorRecords();
  private final SimulatedEndpoints endpoints;
  /** Statuses forced on the next requests, before any random fault. */
  private final Queue<Integer> forcedStatuses = new ConcurrentLinkedQueue<>();
  /** Statuses forced on the next writes ({@code POST /people}) only. */
  private final Queue<Integer> forcedWriteStatuses = new ConcurrentLinkedQueue<>();
  private volatile String apiKey;
  private volatile long latencyMs;
  private volatile double errorRate;
  private volatile double rateLimitRate;
  private volatile int retryAfterSeconds;
  private HttpServer server;

  public EnchargeSimulator(SimulatorOptions options, SimulatedContacts contacts) {
    this.contacts = Objects.requireNonNull(contacts);
    this.port = options.port();
    this.apiKey = options.apiKey();
    this.latencyMs = options.latencyMs();
    this.errorRate = options.errorRate();
    this.rateLimitRate = options.rateLimitRate();
    this.retryAfterSeconds = options.retryAfterSeconds();
    this.endpoints = new SimulatedEndpoints(contacts, records);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    // the body handler comes first: the latency timer below would otherwise lose the body
    router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route("/v1/*").handler(this::countAndDelay);
    router.route("/v1/*").handler(this::authenticate);
    router.get("/v1/people").handler(this::recordLookups);
    router.route("/v1/*").handler(this::injectFaults);
    router.get("/v1/people").handler(endpoints::findPeople);
    router.post("/v1/people").handler(endpoints::upsertPeople);
    router.get("/v1/people/all").handler(endpoints::listPeople);
    router.get("/v1/fields").handler(endpoints::listFields);
    router.get("/v1/accounts/info").handler(endpoints::accountInfo);
    router.route().handler(ctx -> SimulatedEndpoints.error(ctx, 404, "Not found"));
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(port, "127.0.0.1");
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port it listens on, once started. */
  public int actualPort() {
    if (server == null) {
      throw new IllegalStateException("the simulator is not started");
    }
    return server.actualPort();
  }

  public SimulatedContacts contacts() {
    return contacts;
  }

  /** {@code GET /people} requests that asked for this id, including those answered with a fault. */
  public int fetchCount(String id) {
    return records.lookupCount(id);
  }

  /** Every request to {@code /v1}, whatever its answer. */
  public int requestCount() {
    return records.requestCount();
  }

  /** The bodies of {@code POST /people}, each as an array (the latest {@value SimulatorRecords#MAX_WRITES_KEPT}). */
  public List<JsonArray> writes() {
    return records.writes();
  }

  public void clearRecords() {
    records.clear();
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public void setLatencyMs(long latencyMs) {
    SimulatorOptions.requireNonNegative("latencyMs", latencyMs);
    this.latencyMs = latencyMs;
  }

  public void setErrorRate(double errorRate) {
    SimulatorOptions.requireRate("errorRate", errorRate);
    this.errorRate = errorRate;
  }

  public void setRateLimitRate(double rateLimitRate) {
    SimulatorOptions.requireRate("rateLimitRate", rateLimitRate);
    this.rateLimitRate = rateLimitRate;
  }

  public void setRetryAfterSeconds(int retryAfterSeconds) {
    SimulatorOptions.requireNonNegative("retryAfterSeconds", retryAfterSeconds);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Answers the next {@code times} authenticated requests with {@code status} (429 carries Retry-After). */
  public void failNext(int times, int status) {
    for (int i = 0; i < times; i++) {
      forcedStatuses.add(status);
    }
  }

  /** Answers the next {@code times} {@code POST /people} with {@code status}; reads are unaffected. */
  public void failNextWrites(int times, int status) {
    for (int i = 0; i < times; i++) {
      forcedWriteStatuses.add(status);
    }
  }

  private void countAndDelay(RoutingContext ctx) {
    records.request();
    long delayMs = latencyMs;
    if (delayMs > 0) {
      vertx.setTimer(delayMs, timer -> ctx.next());
    } else {
      ctx.next();
    }
  }

  private void authenticate(RoutingContext ctx) {
    String expected = apiKey;
    if (expected != null && !expected.equals(ctx.request().getHeader(EnchargeClient.TOKEN_HEADER))) {
      SimulatedEndpoints.error(ctx, 401, "Unauthorized");
    } else {
      ctx.next();
    }
  }

  private void recordLookups(RoutingContext ctx) {
    for (SimulatedEndpoints.Lookup lookup : SimulatedEndpoints.lookups(ctx.queryParams())) {
      if (lookup.field().equals("id")) {
        records.lookupById(lookup.value());
      }
    }
    ctx.next();
  }

  private void injectFaults(RoutingContext ctx) {
    Integer forced = ctx.request().method() == HttpMethod.POST ? forcedWriteStatuses.poll() : null;
    if (forced == null) {
      forced = forcedStatuses.poll();
    }
    if (forced != null) {
      fail(ctx, forced);
      return;
    }
    // one roll, so that each rate is the share of all calls it affects
    double roll = ThreadLocalRandom.current().nextDouble();
    if (roll < rateLimitRate) {
      fail(ctx, 429);
    } else if (roll < rateLimitRate + errorRate) {
      fail(ctx, 503);
    } else {
      ctx.next();
    }
  }

  private void fail(RoutingContext ctx, int status) {
    if (status == 429) {
      ctx.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
      SimulatedEndpoints.error(ctx, 429, "Too many requests (simulated)");
    } else {
      SimulatedEndpoints.error(ctx, status, "Simulated failure " + status);
    }
  }
}
