package encharge.gateway.sync;

import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.time.Instant;

/** A bus request bounded by the webhook's deadline, failing with a {@link GatewayException}. */
final class BusRequest {

  private BusRequest() {
  }

  static <T> Future<T> send(Vertx vertx, String address, Object body, Instant deadline) {
    long remaining = Duration.between(Instant.now(), deadline).toMillis();
    if (remaining <= 0) {
      return Future.failedFuture(new GatewayException(FailureCode.TIMEOUT, "processing exceeded the request deadline"));
    }
    return vertx.eventBus().<T>request(address, body, new DeliveryOptions().setSendTimeout(remaining))
        .map(Message::body)
        .recover(failure -> Future.failedFuture(GatewayException.from(failure)));
  }
}
