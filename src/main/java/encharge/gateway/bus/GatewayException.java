package encharge.gateway.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * A failure with a {@link FailureCode}: what verticles fail with, and what a failed bus reply turns
 * back into on the requesting side. Its message is shown to the webhook caller, so it never holds
 * a secret.
 */
public class GatewayException extends RuntimeException {

  private final FailureCode code;

  public GatewayException(FailureCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public GatewayException(FailureCode code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public FailureCode code() {
    return code;
  }

  /**
   * The gateway failure behind any throwable: a {@code GatewayException} as it is, a failed bus
   * reply by its failure code, a bus timeout as {@link FailureCode#TIMEOUT}, anything else as
   * {@link FailureCode#INTERNAL_ERROR}.
   */
  public static GatewayException from(Throwable failure) {
    if (failure instanceof GatewayException gateway) {
      return gateway;
    }
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new GatewayException(FailureCode.TIMEOUT, "processing exceeded the request deadline");
      }
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new GatewayException(FailureCode.OVERLOADED, "gateway is not ready to process webhooks");
      }
      return new GatewayException(FailureCode.fromOrdinal(reply.failureCode()), reply.getMessage());
    }
    return new GatewayException(FailureCode.INTERNAL_ERROR, "internal error", failure);
  }

  /** Fails a bus message so that the requester's {@link #from} yields the same code and text. */
  public static void failReply(Message<?> message, Throwable failure) {
    GatewayException gateway = from(failure);
    message.fail(gateway.code().ordinal(), gateway.getMessage());
  }
}
