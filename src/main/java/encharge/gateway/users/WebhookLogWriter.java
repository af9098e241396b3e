package encharge.gateway.users;

import encharge.gateway.bus.WebhookLogEntry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the webhook log in batches: one multi-row insert per tick or per full batch, never a
 * round trip per webhook. Used from its verticle's event loop only, so it needs no locking.
 *
 * <p>Memory is bounded: beyond {@link #capacity} waiting rows the oldest are dropped (and
 * counted in a log line). A failed batch is tried once more at the next tick, then dropped.
 */
final class WebhookLogWriter {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookLogWriter.class);

  private final Vertx vertx;
  private final Pool pool;
  private final long flushMillis;
  private final int batchSize;
  private final int capacity;
  private final ArrayDeque<WebhookLogEntry> waiting = new ArrayDeque<>();
  /** The batch whose write failed once: retried at the next tick before new rows. */
  private List<WebhookLogEntry> failedBatch;
  private Future<Void> inFlight;
  private long droppedSinceReport;
  private long timerId = -1;

  WebhookLogWriter(Vertx vertx, Pool pool, long flushMillis, int batchSize) {
    this.vertx = vertx;
    this.pool = pool;
    this.flushMillis = flushMillis;
    this.batchSize = batchSize;
    // a few seconds of webhooks at full speed; a longer outage loses the oldest rows, not the process
    this.capacity = Math.max(20 * batchSize, 10_000);
  }

  void start() {
    timerId = vertx.setPeriodic(flushMillis, tick -> flushOnce());
  }

  void append(WebhookLogEntry entry) {
    if (waiting.size() >= capacity) {
      waiting.pollFirst();
      droppedSinceReport++;
    }
    waiting.addLast(entry);
    if (waiting.size() >= batchSize) {
      flushOnce();
    }
  }

  /** Stops the ticks and writes every waiting row (a failing database gets one retry). */
  Future<Void> close() {
    vertx.cancelTimer(timerId);
    return drain();
  }

  private Future<Void> drain() {
    if (waiting.isEmpty() && failedBatch == null && inFlight == null) {
      reportDrops();
      return Future.succeededFuture();
    }
    return flushOnce().compose(written -> drain());
  }

  /** Writes at most one batch; never fails (failures are logged and kept for one retry). */
  private Future<Void> flushOnce() {
    if (inFlight != null) {
      return inFlight;
    }
    reportDrops();
    boolean isRetry = failedBatch != null;
    List<WebhookLogEntry> batch = isRetry ? failedBatch : take(batchSize);
    failedBatch = null;
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    inFlight = done.future();
    insert(batch).onComplete(written -> {
      inFlight = null;
      if (written.failed()) {
        if (isRetry) {
          LOG.warn("dropped {} webhook log rows: their write failed twice", batch.size());
        } else {
          LOG.warn("could not write {} webhook log rows, retrying at the next tick: {}",
              batch.size(), written.cause().toString());
          failedBatch = batch;
        }
      }
      done.complete();
      if (written.succeeded() && waiting.size() >= batchSize) {
        flushOnce();
      }
    });
    return done.future();
  }

  private List<WebhookLogEntry> take(int max) {
    List<WebhookLogEntry> batch = new ArrayList<>(Math.min(max, waiting.size()));
    while (batch.size() < max && !waiting.isEmpty()) {
      batch.add(waiting.pollFirst());
    }
    return batch;
  }

  private Future<Void> insert(List<WebhookLogEntry> batch) {
    int size = batch.size();
    OffsetDateTime[] receivedAt = new OffsetDateTime[size];
    String[] requestIds = new String[size];
    String[] actions = new String[size];
    String[] contactIds = new String[size];
    String[] outcomes = new String[size];
    Long[] userIds = new Long[size];
    Integer[] durations = new Integer[size];
    String[] errors = new String[size];
    for (int i = 0; i < size; i++) {
      WebhookLogEntry entry = batch.get(i);
      receivedAt[i] = (entry.receivedAt() == null ? Instant.now() : entry.receivedAt())
          .atOffset(ZoneOffset.UTC);
      requestIds[i] = entry.requestId();
      actions[i] = entry.action();
      contactIds[i] = entry.contactId();
      outcomes[i] = entry.outcome();
      userIds[i] = entry.userId();
      durations[i] = (int) Math.min(Integer.MAX_VALUE, entry.durationMillis());
      errors[i] = entry.error();
    }
    Tuple params = Tuple.tuple().addValue(receivedAt).addValue(requestIds).addValue(actions)
        .addValue(contactIds).addValue(outcomes).addValue(userIds).addValue(durations)
        .addValue(errors);
    return pool.preparedQuery(UserSql.INSERT_WEBHOOK_LOG).execute(params).mapEmpty();
  }

  private void reportDrops() {
    if (droppedSinceReport > 0) {
      LOG.warn("dropped {} webhook log rows: more than {} were waiting for the database",
          droppedSinceReport, capacity);
      droppedSinceReport = 0;
    }
  }
}
