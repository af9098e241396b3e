package encharge.gateway.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import encharge.gateway.TestDatabase;
import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.WebhookLogEntry;
import encharge.gateway.bus.WebhookLogQuery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WebhookLogTest {

  /** Longer than any test: only a full batch or stop() can write. */
  private static final long NEVER_MS = 600_000;

  @Test
  void flushedRowsAreQueriedNewestFirst(Vertx vertx, VertxTestContext testContext) {
    String contactId = UsersFixture.newContactId();
    UsersFixture.deploy(vertx, UsersFixture.settings(TestDatabase.url(), 10, 100))
        .compose(deployed -> {
          append(vertx, entry(contactId, "first", "ok", 7L, null));
          append(vertx, entry(contactId, "second", "ok", 7L, null));
          append(vertx, entry(contactId, "third", "storage_unavailable", null, "the database is unavailable"));
          return webhooksOnceThere(vertx, contactId, 3);
        })
        .onComplete(testContext.succeeding(webhooks -> testContext.verify(() -> {
          assertEquals(List.of("third", "second", "first"),
              webhooks.stream().map(row -> ((JsonObject) row).getString("request_id")).toList());
          JsonObject newest = webhooks.getJsonObject(0);
          assertEquals(contactId, newest.getString("contact_id"));
          assertEquals("update", newest.getString("action"));
          assertEquals("storage_unavailable", newest.getString("outcome"));
          assertNull(newest.getLong("user_id"));
          assertEquals(12, newest.getInteger("duration_ms"));
          assertEquals("the database is unavailable", newest.getString("error"));
          assertEquals("2024-05-01T12:00:00Z", newest.getString("received_at"));
          assertEquals(7L, webhooks.getJsonObject(1).getLong("user_id"));
          testContext.completeNow();
        })));
  }

  @Test
  void fullBatchIsWrittenWithoutWaitingForTheTick(Vertx vertx, VertxTestContext testContext) {
    String contactId = UsersFixture.newContactId();
    UsersFixture.deploy(vertx, UsersFixture.settings(TestDatabase.url(), NEVER_MS, 3))
        .compose(deployed -> {
          for (int i = 0; i < 3; i++) {
            append(vertx, entry(contactId, "r" + i, "ok", null, null));
          }
          return webhooksOnceThere(vertx, contactId, 3);
        })
        .onComplete(testContext.succeeding(webhooks -> testContext.verify(() -> {
          assertEquals(3, webhooks.size());
          testContext.completeNow();
        })));
  }

  @Test
  void stopWritesTheWaitingRows(Vertx vertx, VertxTestContext testContext) {
    String contactId = UsersFixture.newContactId();
    Pool direct = UsersFixture.directPool(vertx);
    UsersFixture.deploy(vertx, UsersFixture.settings(TestDatabase.url(), NEVER_MS, 1000))
        .compose(deploymentId -> {
          for (int i = 0; i < 5; i++) {
            append(vertx, entry(contactId, "r" + i, "ok", null, null));
          }
          // answered after the appends: one event loop serves every address of the verticle
          return vertx.eventBus().request(Addresses.STORAGE_PING, "ping")
              .compose(pong -> countRows(direct, contactId))
              .compose(beforeStop -> vertx.undeploy(deploymentId)
                  .compose(undeployed -> countRows(direct, contactId))
                  .map(afterStop -> List.of(beforeStop, afterStop)));
        })
        .eventually(direct::close)
        .onComplete(testContext.succeeding(counts -> testContext.verify(() -> {
          assertEquals(List.of(0L, 5L), counts);
          testContext.completeNow();
        })));
  }

  @Test
  void limitIsClampedToAtLeastOne(Vertx vertx, VertxTestContext testContext) {
    String contactId = UsersFixture.newContactId();
    UsersFixture.deploy(vertx, UsersFixture.settings(TestDatabase.url(), 10, 100))
        .compose(deployed -> {
          append(vertx, entry(contactId, "a", "ok", null, null));
          append(vertx, entry(contactId, "b", "ok", null, null));
          return webhooksOnceThere(vertx, contactId, 2);
        })
        .compose(both -> Future.all(query(vertx, new WebhookLogQuery(contactId, 0)),
            query(vertx, new WebhookLogQuery(null, -5))))
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          JsonArray ofContact = results.<JsonArray>resultAt(0);
          assertEquals(1, ofContact.size());
          assertEquals("b", ofContact.getJsonObject(0).getString("request_id"));
          assertEquals(1, results.<JsonArray>resultAt(1).size());
          testContext.completeNow();
        })));
  }

  private static void append(Vertx vertx, WebhookLogEntry entry) {
    vertx.eventBus().send(Addresses.WEBHOOK_LOG_APPEND, entry);
  }

  private static WebhookLogEntry entry(String contactId, String requestId, String outcome,
      Long userId, String error) {
    return new WebhookLogEntry(Instant.parse("2024-05-01T12:00:00Z"), requestId, "update",
        contactId, outcome, userId, 12, error);
  }

  private static Future<JsonArray> query(Vertx vertx, WebhookLogQuery query) {
    return vertx.eventBus().<JsonObject>request(Addresses.WEBHOOK_LOG_QUERY, query)
        .map(reply -> reply.body().getJsonArray("webhooks"));
  }

  /** Polls every 20 ms for up to 5 s: the rows arrive with the next flush. */
  private static Future<JsonArray> webhooksOnceThere(Vertx vertx, String contactId, int expected) {
    Promise<JsonArray> arrived = Promise.promise();
    long deadline = System.nanoTime() + 5_000_000_000L;
    poll(vertx, contactId, expected, deadline, arrived);
    return arrived.future();
  }

  private static void poll(Vertx vertx, String contactId, int expected, long deadline,
      Promise<JsonArray> arrived) {
    query(vertx, new WebhookLogQuery(contactId, 100)).onComplete(found -> {
      if (found.failed()) {
        arrived.fail(found.cause());
      } else if (found.result().size() >= expected) {
        arrived.complete(found.result());
      } else if (System.nanoTime() > deadline) {
        arrived.fail(new AssertionError("only " + found.result().size() + " of " + expected
            + " webhook log rows arrived"));
      } else {
        vertx.setTimer(20, tick -> poll(vertx, contactId, expected, deadline, arrived));
      }
    });
  }

  private static Future<Long> countRows(Pool direct, String contactId) {
    return direct.preparedQuery("SELECT count(*) FROM webhook_log WHERE contact_id = $1")
        .execute(Tuple.of(contactId))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
