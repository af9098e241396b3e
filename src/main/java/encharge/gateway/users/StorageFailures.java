package encharge.gateway.users;

import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns database and pool failures into the gateway's failure codes: for every verticle that keeps
 * a pool (users, account).
 */
public final class StorageFailures {

  static final String UNIQUE_VIOLATION = "23505";

  private StorageFailures() {
  }

  /**
   * Runs {@code work}; on a serialization failure, a deadlock or a unique violation (a concurrent
   * writer took the row or the email first) runs it once more, when it sees the winner's row. A
   * second serialization failure or deadlock means the database is too contended to answer.
   */
  static <T> Future<T> retryOnce(Supplier<Future<T>> work) {
    return work.get().recover(first -> isConflict(first) || isUniqueViolation(first)
        ? work.get().recover(second -> Future.failedFuture(isConflict(second)
            ? new GatewayException(FailureCode.STORAGE_UNAVAILABLE, "storage is too contended", second)
            : second))
        : Future.failedFuture(first));
  }

  /** The failure code for any failure of a database call; walks the cause chain. */
  static FailureCode classify(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof GatewayException gateway) {
        return gateway.code();
      }
      if (cause instanceof ConnectionPoolTooBusyException) {
        return FailureCode.OVERLOADED;
      }
      if (cause instanceof DatabaseException database) {
        return unavailableState(database.getSqlState())
            ? FailureCode.STORAGE_UNAVAILABLE : FailureCode.INTERNAL_ERROR;
      }
      if (cause instanceof ClosedConnectionException || cause instanceof IOException
          || cause instanceof TimeoutException || isPoolAcquireTimeout(cause)) {
        return FailureCode.STORAGE_UNAVAILABLE;
      }
    }
    return FailureCode.INTERNAL_ERROR;
  }

  /** The failure as the bus reply carries it; the text never holds SQL or data. */
  public static GatewayException toGateway(Throwable failure) {
    if (failure instanceof GatewayException gateway) {
      return gateway;
    }
    FailureCode code = classify(failure);
    String message = switch (code) {
      case STORAGE_UNAVAILABLE -> "the database is unavailable";
      case OVERLOADED -> "too many database requests waiting";
      default -> "internal error";
    };
    return new GatewayException(code, message, failure);
  }

  /** Serialization failure or deadlock: the same work may succeed when run again. */
  static boolean isConflict(Throwable failure) {
    String state = sqlState(failure);
    return "40001".equals(state) || "40P01".equals(state);
  }

  static boolean isUniqueViolation(Throwable failure) {
    return UNIQUE_VIOLATION.equals(sqlState(failure));
  }

  private static String sqlState(Throwable failure) {
    return failure instanceof DatabaseException database ? database.getSqlState() : null;
  }

  /** Connection exceptions (08), insufficient resources (53), operator intervention (57P). */
  private static boolean unavailableState(String state) {
    return state != null
        && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
  }

  /** The pool fails a wait for a connection past its connection timeout with a bare "Timeout". */
  private static boolean isPoolAcquireTimeout(Throwable cause) {
    return cause instanceof NoStackTraceThrowable && "Timeout".equals(cause.getMessage());
  }
}
