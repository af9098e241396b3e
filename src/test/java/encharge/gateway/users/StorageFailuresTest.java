package encharge.gateway.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import encharge.gateway.bus.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The failures a live database cannot be made to produce on demand. */
class StorageFailuresTest {

  @Test
  void failuresMapToTheirCodes() {
    assertEquals(FailureCode.OVERLOADED,
        StorageFailures.classify(new ConnectionPoolTooBusyException("full")));
    assertEquals(FailureCode.STORAGE_UNAVAILABLE, StorageFailures.classify(pg("08006")));
    assertEquals(FailureCode.STORAGE_UNAVAILABLE, StorageFailures.classify(pg("53300")));
    assertEquals(FailureCode.STORAGE_UNAVAILABLE, StorageFailures.classify(pg("57P01")));
    assertEquals(FailureCode.STORAGE_UNAVAILABLE,
        StorageFailures.classify(new RuntimeException(new ConnectException("refused"))));
    assertEquals(FailureCode.INTERNAL_ERROR, StorageFailures.classify(pg("42P01")));
    assertEquals(FailureCode.INTERNAL_ERROR, StorageFailures.classify(new IllegalStateException()));
  }

  @Test
  void conflictIsRetriedOnceThenStorageUnavailable() {
    AtomicInteger runs = new AtomicInteger();
    Future<Object> result = StorageFailures.retryOnce(() -> {
      runs.incrementAndGet();
      return Future.failedFuture(pg("40001"));
    });
    assertEquals(2, runs.get());
    assertEquals(FailureCode.STORAGE_UNAVAILABLE, StorageFailures.classify(result.cause()));
  }

  @Test
  void deadlockThenSuccessSucceeds() {
    AtomicInteger runs = new AtomicInteger();
    Future<String> result = StorageFailures.retryOnce(() -> runs.incrementAndGet() == 1
        ? Future.failedFuture(pg("40P01"))
        : Future.succeededFuture("written"));
    assertEquals("written", result.result());
  }

  @Test
  void otherFailuresAreNotRetried() {
    AtomicInteger runs = new AtomicInteger();
    StorageFailures.retryOnce(() -> {
      runs.incrementAndGet();
      return Future.failedFuture(pg("42P01"));
    });
    assertEquals(1, runs.get());
  }

  private static PgException pg(String sqlState) {
    return new PgException("test failure", "ERROR", sqlState, null);
  }
}
