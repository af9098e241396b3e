package encharge.gateway.users;

import static encharge.gateway.users.UsersFixture.add;
import static encharge.gateway.users.UsersFixture.apply;
import static encharge.gateway.users.UsersFixture.changes;
import static encharge.gateway.users.UsersFixture.newContactId;
import static encharge.gateway.users.UsersFixture.newEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.WebhookLogEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A database that refuses connections: every caller gets storage_unavailable, and stop() ends. */
@ExtendWith(VertxExtension.class)
class StorageDownTest {

  @Test
  void closedPortAnswersStorageUnavailable(Vertx vertx, VertxTestContext testContext)
      throws IOException {
    String url = "postgresql://postgres@localhost:" + closedPort() + "/postgres";
    UsersFixture.deploy(vertx, UsersFixture.settings(url, 10, 100))
        .compose(deploymentId -> {
          String email = newEmail();
          // a waiting log row must not keep stop() from ending while the database is down
          vertx.eventBus().send(Addresses.WEBHOOK_LOG_APPEND, new WebhookLogEntry(Instant.now(),
              "r1", "add", newContactId(), "storage_unavailable", null, 1, "down"));
          Future<?> applied = apply(vertx, add(newContactId(), changes(email, null, null), email));
          Future<?> pinged = vertx.eventBus().request(Addresses.STORAGE_PING, "ping");
          return Future.join(applied, pinged)
              .transform(done -> Future.succeededFuture(List.of(applied.cause(), pinged.cause())))
              .compose(failures -> vertx.undeploy(deploymentId).map(failures));
        })
        .onComplete(testContext.succeeding(failures -> testContext.verify(() -> {
          for (Throwable failure : failures) {
            assertEquals(FailureCode.STORAGE_UNAVAILABLE, GatewayException.from(failure).code());
          }
          testContext.completeNow();
        })));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
