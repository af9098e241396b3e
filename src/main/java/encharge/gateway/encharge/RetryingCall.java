package encharge.gateway.encharge;

import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ConnectException;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One logical call to Encharge: sends attempts until Encharge answers with a status worth keeping,
 * retrying 429, 5xx and connection failures with {@link Backoff}, and never waiting past the
 * deadline. Every Encharge call is safe to repeat: reads, and {@code POST /people}, an upsert.
 */
final class RetryingCall {

  private static final Logger log = LoggerFactory.getLogger(RetryingCall.class);

  /** The longest one attempt may take, however far the deadline is. */
  static final long MAX_ATTEMPT_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Backoff backoff;
  private final int maxRetries;
  private final String requestId;
  private final String contactId;
  private final Instant deadline;
  /** Sends one attempt with the given timeout in milliseconds. */
  private final LongFunction<Future<HttpResponse<Buffer>>> attempt;

  RetryingCall(Vertx vertx, Backoff backoff, int maxRetries, String requestId, String contactId,
      Instant deadline, LongFunction<Future<HttpResponse<Buffer>>> attempt) {
    this.vertx = vertx;
    this.backoff = backoff;
    this.maxRetries = Math.max(0, maxRetries);
    this.requestId = requestId;
    this.contactId = contactId;
    this.deadline = deadline;
    this.attempt = attempt;
  }

  /**
   * The first answer that is neither 429 nor 5xx. Fails with {@link FailureCode#ENCHARGE_UNAVAILABLE}
   * when retries or time run out, {@link FailureCode#OVERLOADED} when the connection pool's queue
   * is full, {@link FailureCode#TIMEOUT} when the deadline passed before the first attempt.
   */
  Future<HttpResponse<Buffer>> run() {
    long left = millisLeft();
    if (left <= 0) {
      return Future.failedFuture(new GatewayException(FailureCode.TIMEOUT,
          "the request deadline passed before Encharge could be called"));
    }
    return send(0, left);
  }

  private Future<HttpResponse<Buffer>> send(int retry, long left) {
    // at least 1 ms: a timer may fire late, and a timeout of 0 would mean none at all
    long timeoutMs = Math.max(1, Math.min(left, MAX_ATTEMPT_TIMEOUT_MS));
    return attempt.apply(timeoutMs).transform(outcome -> {
      if (outcome.succeeded()) {
        HttpResponse<Buffer> response = outcome.result();
        if (!isRetryable(response.statusCode())) {
          return Future.succeededFuture(response);
        }
        long retryAfterMs = Backoff.retryAfterMs(response.getHeader("Retry-After"), Instant.now());
        return retryOrGiveUp(retry, "Encharge answered " + response.statusCode(), retryAfterMs, null);
      }
      Throwable failure = outcome.cause();
      if (failure instanceof ConnectionPoolTooBusyException) {
        // waiting longer would only deepen the queue: shed the load now
        return Future.failedFuture(new GatewayException(FailureCode.OVERLOADED,
            "too many calls to Encharge are waiting", failure));
      }
      return retryOrGiveUp(retry, describe(failure, timeoutMs), Backoff.NO_RETRY_AFTER, failure);
    });
  }

  private Future<HttpResponse<Buffer>> retryOrGiveUp(int retry, String what, long retryAfterMs,
      Throwable cause) {
    int attempts = retry + 1;
    String tally = what + " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
    if (retry >= maxRetries) {
      return giveUp(tally, cause);
    }
    long delayMs = backoff.delayMs(retry, retryAfterMs);
    if (millisLeft() <= delayMs) {
      return giveUp(tally + ", and the deadline comes before the next retry", cause);
    }
    LoggingEventBuilder event = log.atWarn().addKeyValue("requestId", requestId)
        .addKeyValue("contactId", contactId).addKeyValue("retryInMs", delayMs);
    if (cause != null) {
      event = event.addKeyValue("cause", cause.toString());
    }
    event.log("{}; retrying", tally);
    // full jitter may draw 0, which Vert.x timers refuse
    return vertx.timer(Math.max(1, delayMs)).compose(fired -> send(retry + 1, millisLeft()));
  }

  private static Future<HttpResponse<Buffer>> giveUp(String message, Throwable cause) {
    return Future.failedFuture(new GatewayException(FailureCode.ENCHARGE_UNAVAILABLE, message, cause));
  }

  private long millisLeft() {
    return deadline.toEpochMilli() - System.currentTimeMillis();
  }

  static boolean isRetryable(int status) {
    return status == 429 || status >= 500;
  }

  /** Our own words: the client's messages may quote the URL, which is none of the caller's business. */
  private static String describe(Throwable failure, long timeoutMs) {
    if (failure instanceof TimeoutException) {
      return "Encharge did not answer within " + timeoutMs + " ms";
    }
    if (failure instanceof ConnectException) {
      return "Encharge could not be reached (connection refused or timed out)";
    }
    return "Encharge could not be reached (" + failure.getClass().getSimpleName() + ")";
  }
}
