package encharge.gateway.sync;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.BusCodecs;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.WebhookLogEntry;
import encharge.gateway.bus.WebhookOutcome;
import encharge.gateway.bus.WebhookRequest;
import encharge.gateway.config.SyncSettings;
import encharge.gateway.users.PasswordHasher;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync lane. Contacts are hashed onto lanes ({@link Addresses#syncLane(String, int)}); each
 * lane is served by one instance of this verticle, on one event loop, which chains the webhooks of
 * a contact so that they run one at a time in arrival order, while different contacts run
 * concurrently. Across processes the database decides (unique keys, snapshot order).
 *
 * <p>Config: {@code {"lane": N, "sync": SyncSettings}}.
 */
public class SyncVerticle extends VerticleBase {

  public static final String LANE = "lane";
  public static final String SETTINGS = "sync";

  private static final Logger LOG = LoggerFactory.getLogger(SyncVerticle.class);
  private static final long DRAIN_TIMEOUT_SECONDS = 10;

  private final Map<String, ContactQueue> queues = new HashMap<>();
  private SyncSettings settings;
  private PasswordHasher hasher;
  private WebhookSync sync;
  private WebhookMetrics metrics;
  private MessageConsumer<WebhookRequest> consumer;
  private int inFlight;
  /** Completed when {@link #inFlight} drops to zero while stopping. */
  private Promise<Void> idle;

  @Override
  public Future<?> start() {
    BusCodecs.register(vertx);
    settings = SyncSettings.fromJson(config().getJsonObject(SETTINGS));
    // each lane bounds its own share of the hashing queue
    hasher = new PasswordHasher(vertx, settings.bcryptCost(),
        Math.max(1, settings.maxPendingHashes() / settings.lanes()));
    metrics = new WebhookMetrics();
    sync = new WebhookSync(vertx, new ContactMapper(settings.fieldMap()),
        new RolePolicy(settings.defaultRole(), settings.roles()), hasher,
        new AccountSetup(vertx, settings.returnPasswordField(), metrics));
    consumer = vertx.eventBus().consumer(Addresses.syncLane(config().getInteger(LANE)), this::accept);
    return consumer.completion();
  }

  /**
   * Takes no new webhook, lets those in progress finish (bounded), then closes the hasher: closing
   * it under running hashes would drop their results.
   */
  @Override
  public Future<?> stop() {
    return consumer.unregister()
        .compose(unregistered -> drained().timeout(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS))
        .otherwiseEmpty()
        .eventually(() -> {
          hasher.close();
          return Future.succeededFuture();
        });
  }

  private Future<Void> drained() {
    if (inFlight == 0) {
      return Future.succeededFuture();
    }
    if (idle == null) {
      idle = Promise.promise();
    }
    return idle.future();
  }

  private void accept(Message<WebhookRequest> message) {
    WebhookRequest request = message.body();
    ContactQueue queue = queues.computeIfAbsent(request.contactId(), id -> new ContactQueue());
    if (inFlight >= settings.maxInFlight() || queue.waiting() >= settings.maxQueuedPerContact()) {
      if (queue.waiting() == 0) {
        queues.remove(request.contactId());
      }
      GatewayException overloaded = new GatewayException(FailureCode.OVERLOADED,
          "too many webhooks in progress; retry later");
      finish(request, Future.failedFuture(overloaded));
      GatewayException.failReply(message, overloaded);
      return;
    }
    inFlight++;
    Future<WebhookOutcome> outcome = queue.tail().transform(previous -> runSafely(request, queue));
    queue.append(outcome);
    outcome.onComplete(result -> {
      if (--inFlight == 0 && idle != null) {
        idle.tryComplete();
      }
      if (queue.finishOne()) {
        queues.remove(request.contactId());
      }
      finish(request, result);
      if (result.succeeded()) {
        message.reply(result.result());
      } else {
        GatewayException.failReply(message, result.cause());
      }
    });
  }

  private Future<WebhookOutcome> runSafely(WebhookRequest request, ContactQueue queue) {
    try {
      return sync.run(request, queue);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The webhook's one log row, one log line and its metrics. */
  private void finish(WebhookRequest request, AsyncResult<WebhookOutcome> result) {
    long durationMillis = Duration.between(request.receivedAt(), Instant.now()).toMillis();
    String action = request.action().wireName();
    Long userId = null;
    String outcome = "ok";
    String error = null;
    if (result.succeeded()) {
      userId = result.result().userId();
    } else {
      GatewayException failure = GatewayException.from(result.cause());
      outcome = failure.code().code();
      error = failure.getMessage();
      if (failure.code() == FailureCode.INTERNAL_ERROR) {
        LOG.atError().setCause(failure.getCause()).addKeyValue("requestId", request.requestId())
            .addKeyValue("contactId", request.contactId()).log("webhook failed unexpectedly");
      }
    }
    vertx.eventBus().send(Addresses.WEBHOOK_LOG_APPEND, new WebhookLogEntry(request.receivedAt(),
        request.requestId(), action, request.contactId(), outcome, userId, durationMillis, error));
    metrics.record(action, outcome, durationMillis);
    LOG.atInfo().addKeyValue("requestId", request.requestId()).addKeyValue("contactId", request.contactId())
        .addKeyValue("action", action).addKeyValue("outcome", outcome).addKeyValue("userId", userId)
        .addKeyValue("durationMs", durationMillis).log("webhook");
  }
}
