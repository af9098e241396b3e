package encharge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Duplicate and racing webhooks: one user per contact, per-contact order, replicas. */
@ExtendWith(VertxExtension.class)
class ConcurrencyTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start(Vertx vertx) {
    gw = GatewayFixture.start(vertx);
  }

  @AfterAll
  static void stop() {
    gw.stop();
  }

  @AfterEach
  void noLatency() {
    gw.simulator().setLatencyMs(0);
  }

  @Test
  void fiftyConcurrentAddsForOneNewContactMakeOneUser() {
    String id = gw.newContact().getString("id");
    List<Future<HttpResponse<Buffer>>> adds = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      adds.add(gw.webhook("add", id));
    }
    Future.all(adds).await();
    Set<Long> ids = adds.stream().map(add -> {
      assertEquals(200, add.result().statusCode(), add.result().bodyAsString());
      return add.result().bodyAsJsonObject().getJsonObject("data").getLong("user_id");
    }).collect(Collectors.toSet());
    assertEquals(1, ids.size(), "50 identical user ids");
    assertEquals(1, TestSql.countUsersWithContact(id));
    long created = adds.stream()
        .filter(add -> add.result().bodyAsJsonObject().getJsonObject("data").getBoolean("created")).count();
    assertEquals(1, created, "exactly one answer says created");
  }

  @Test
  void concurrentUpdatesEndWithTheContactsFinalTags() {
    String id = gw.newContact().getString("id");
    gw.webhook("add", id).await();
    gw.simulator().setLatencyMs(5);
    List<Future<HttpResponse<Buffer>>> updates = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      gw.simulator().contacts().setTags(id, "round-" + i, "customer");
      updates.add(gw.webhook(i % 2 == 0 ? "update" : "update_tags", id));
    }
    Future.all(updates).await();
    updates.forEach(update -> assertEquals(200, update.result().statusCode(), update.result().bodyAsString()));
    assertEquals(new JsonArray(List.of("round-19", "customer")), gw.userByContact(id).getJsonArray("tags"));
    assertEquals(21, gw.webhookLog(id, 21).size(), "every webhook leaves one log row");
  }

  @Test
  void queuedUpdatesShareOneEnchargeFetchAndEachGetsItsAnswer() {
    String id = gw.newContact().getString("id");
    long userId = gw.webhook("add", id).await().bodyAsJsonObject().getJsonObject("data").getLong("user_id");
    gw.simulator().setLatencyMs(300);
    int requestsBefore = gw.simulator().requestCount();
    Future<HttpResponse<Buffer>> first = gw.webhook("update", id);
    awaitRequests(requestsBefore + 1); // the first update's fetch reached Encharge and takes 300 ms...
    gw.simulator().contacts().setTags(id, "changed-while-queued");
    List<Future<HttpResponse<Buffer>>> queued = List.of(gw.webhook("update", id), gw.webhook("update_tags", id),
        gw.webhook("update", id));
    Future.all(queued).await();

    assertEquals(200, first.await().statusCode());
    for (Future<HttpResponse<Buffer>> update : queued) {
      assertEquals(userId, update.result().bodyAsJsonObject().getJsonObject("data").getLong("user_id"));
    }
    // ...so the queued three arrived after it started: they wait, then share one newer fetch
    assertEquals(3, gw.simulator().fetchCount(id), "add, the first update, one fetch for the three queued");
    assertEquals(new JsonArray(List.of("changed-while-queued")), gw.userByContact(id).getJsonArray("tags"));
    assertEquals(5, gw.webhookLog(id, 5).size(), "each webhook still has its own log row");
  }

  /** Until the simulator has received this many requests (it counts them on arrival). */
  private static void awaitRequests(int count) {
    long until = System.currentTimeMillis() + 5_000;
    while (gw.simulator().requestCount() < count && System.currentTimeMillis() < until) {
      Thread.onSpinWait();
    }
    assertEquals(count, gw.simulator().requestCount());
  }

  @Test
  void twoGatewayProcessesRacingAddsMakeOneUser() {
    GatewayFixture replica = gw.replica();
    String id = gw.newContact(new JsonObject()).getString("id");
    List<Future<HttpResponse<Buffer>>> adds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      adds.add(gw.webhook("add", id));
      adds.add(replica.webhook("add", id));
    }
    try {
      Future.all(adds).await();
      Set<Long> ids = adds.stream()
          .map(add -> add.result().bodyAsJsonObject().getJsonObject("data").getLong("user_id"))
          .collect(Collectors.toSet());
      assertEquals(1, ids.size(), "one user id across both processes: " + ids);
      assertEquals(1, TestSql.countUsersWithContact(id));
    } finally {
      replica.stop();
    }
  }
}
