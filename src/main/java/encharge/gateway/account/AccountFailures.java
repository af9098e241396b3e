package encharge.gateway.account;

import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;

/**
 * The failure a bus reply of the account verticle carries: the database being unreachable is
 * {@code STORAGE_UNAVAILABLE} (the page says "try again later"), anything else is an internal error.
 */
final class AccountFailures {

  private AccountFailures() {
  }

  static GatewayException toReply(Throwable failure) {
    if (failure instanceof GatewayException gateway) {
      return gateway;
    }
    return unavailable(failure)
        ? new GatewayException(FailureCode.STORAGE_UNAVAILABLE, "the database is unavailable", failure)
        : new GatewayException(FailureCode.INTERNAL_ERROR, "internal error", failure);
  }

  private static boolean unavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DatabaseException database) {
        // connection exceptions, insufficient resources, operator intervention (shutdown)
        String state = database.getSqlState();
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
      }
      if (cause instanceof ClosedConnectionException || cause instanceof IOException
          // the pool's bare "Timeout" when no connection came in time
          || cause instanceof NoStackTraceThrowable && "Timeout".equals(cause.getMessage())) {
        return true;
      }
    }
    return false;
  }
}
