package encharge.gateway.encharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import encharge.gateway.bus.EnchargeContact;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.config.EnchargeSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EnchargeClientTest {

  private static final String KEY = "test-api-key";
  private static final int MAX_RETRIES = 3;

  private EnchargeSimulator simulator;
  private JsonObject ada;

  @BeforeEach
  void startSimulator(Vertx vertx) {
    SimulatedContacts contacts = new SimulatedContacts();
    ada = contacts.put(new JsonObject().put("email", "ada@example.com").put("firstName", "Ada")
        .put("lastName", "Lovelace").put("tags", " vip,Import to WordPress, ,customer ").put("company", "Analytical")
        .put("score", 42).put("active", true).put("address", new JsonObject().put("city", "London")));
    simulator = new EnchargeSimulator(SimulatorOptions.of(0, KEY), contacts);
    vertx.deployVerticle(simulator).await();
  }

  static EnchargeSettings settings(String url, String key, int maxConcurrency) {
    return new EnchargeSettings(url, key, 1, maxConcurrency, MAX_RETRIES, 10, 40, 1000, 5);
  }

  private EnchargeClient client(Vertx vertx) {
    return client(vertx, KEY);
  }

  private EnchargeClient client(Vertx vertx, String key) {
    return new EnchargeClient(vertx, settings("http://127.0.0.1:" + simulator.actualPort() + "/v1", key, 8));
  }

  private static Instant inSeconds(long seconds) {
    return Instant.now().plusSeconds(seconds);
  }

  private static GatewayException gatewayFailure(Throwable failure) {
    assertTrue(failure instanceof GatewayException, () -> "not a GatewayException: " + failure);
    return (GatewayException) failure;
  }

  @Test
  void fetchParsesTagsFieldsAndUpdatedAt(Vertx vertx, VertxTestContext testContext) {
    client(vertx).fetchContact("r1", ada.getString("id"), inSeconds(5))
        .onComplete(testContext.succeeding(contact -> testContext.verify(() -> {
          assertEquals(ada.getString("id"), contact.id());
          assertEquals("ada@example.com", contact.email());
          assertEquals(List.of("vip", "Import to WordPress", "customer"), contact.tags());
          assertEquals("Ada", contact.fields().get("firstName"));
          assertEquals("Analytical", contact.fields().get("company"));
          assertEquals(42, ((Number) contact.fields().get("score")).intValue());
          assertEquals(true, contact.fields().get("active"));
          assertFalse(contact.fields().containsKey("address"), "nested objects are skipped");
          assertEquals(Instant.parse(ada.getString("updatedAt")), contact.updatedAt());
          testContext.completeNow();
        })));
  }

  @Test
  void findsByEmailAndAnswersNullForUnknownPeople(Vertx vertx, VertxTestContext testContext) {
    EnchargeClient client = client(vertx);
    Future<EnchargeContact> byEmail = client.findByEmail("r1", "ADA@example.com", inSeconds(5));
    Future<EnchargeContact> unknown = client.fetchContact("r2", "00000000-0000-4000-8000-000000000000", inSeconds(5));
    Future<EnchargeContact> answered404 = Future.all(byEmail, unknown).compose(both -> {
      simulator.failNext(1, 404);
      return client.fetchContact("r3", ada.getString("id"), inSeconds(5));
    });
    answered404.onComplete(testContext.succeeding(notFound -> testContext.verify(() -> {
      assertEquals(ada.getString("id"), byEmail.result().id());
      assertNull(unknown.result());
      assertNull(notFound);
      testContext.completeNow();
    })));
  }

  @Test
  void rateLimitIsRetriedAfterRetryAfter(Vertx vertx, VertxTestContext testContext) {
    simulator.setRetryAfterSeconds(1);
    simulator.failNext(1, 429);
    long started = System.nanoTime();
    client(vertx).fetchContact("r1", ada.getString("id"), inSeconds(5))
        .onComplete(testContext.succeeding(contact -> testContext.verify(() -> {
          long waitedMs = (System.nanoTime() - started) / 1_000_000;
          assertEquals(ada.getString("id"), contact.id());
          assertEquals(2, simulator.fetchCount(ada.getString("id")));
          assertTrue(waitedMs >= 1000, "retried after " + waitedMs + " ms, before Retry-After");
          testContext.completeNow();
        })));
  }

  @Test
  void persistentServerErrorsGiveUpAfterTheLastRetry(Vertx vertx, VertxTestContext testContext) {
    simulator.setErrorRate(1);
    client(vertx).fetchContact("r1", ada.getString("id"), inSeconds(5))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          GatewayException gateway = gatewayFailure(failure);
          assertEquals(FailureCode.ENCHARGE_UNAVAILABLE, gateway.code());
          assertEquals("Encharge answered 503 after " + (MAX_RETRIES + 1) + " attempts", gateway.getMessage());
          assertEquals(MAX_RETRIES + 1, simulator.fetchCount(ada.getString("id")));
          testContext.completeNow();
        })));
  }

  @Test
  void aZeroBackoffRetriesAtOnce(Vertx vertx, VertxTestContext testContext) {
    simulator.setErrorRate(1);
    EnchargeSettings noBackoff = new EnchargeSettings("http://127.0.0.1:" + simulator.actualPort() + "/v1", KEY,
        1, 8, MAX_RETRIES, 0, 0, 1000, 5);
    new EnchargeClient(vertx, noBackoff).fetchContact("r1", ada.getString("id"), inSeconds(5))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          assertEquals(FailureCode.ENCHARGE_UNAVAILABLE, gatewayFailure(failure).code());
          assertEquals(MAX_RETRIES + 1, simulator.fetchCount(ada.getString("id")));
          testContext.completeNow();
        })));
  }

  @Test
  void theDeadlineStopsRetriesEarly(Vertx vertx, VertxTestContext testContext) {
    simulator.setRetryAfterSeconds(30);
    simulator.setRateLimitRate(1);
    client(vertx).fetchContact("r1", ada.getString("id"), inSeconds(2))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          GatewayException gateway = gatewayFailure(failure);
          assertEquals(FailureCode.ENCHARGE_UNAVAILABLE, gateway.code());
          assertTrue(gateway.getMessage().contains("deadline"), gateway.getMessage());
          assertEquals(1, simulator.fetchCount(ada.getString("id")));
          testContext.completeNow();
        })));
  }

  @Test
  void aSlowAnswerTimesOutAtTheDeadline(Vertx vertx, VertxTestContext testContext) {
    simulator.setLatencyMs(2000);
    client(vertx).fetchContact("r1", ada.getString("id"), Instant.now().plusMillis(200))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          GatewayException gateway = gatewayFailure(failure);
          assertEquals(FailureCode.ENCHARGE_UNAVAILABLE, gateway.code());
          assertTrue(gateway.getMessage().startsWith("Encharge did not answer within"), gateway.getMessage());
          testContext.completeNow();
        })));
  }

  @Test
  void aRejectedKeyIsNotRetriedAndNeverShown(Vertx vertx, VertxTestContext testContext) {
    client(vertx, "wrong-key").fetchContact("r1", ada.getString("id"), inSeconds(5))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          GatewayException gateway = gatewayFailure(failure);
          assertEquals(FailureCode.ENCHARGE_UNAUTHORIZED, gateway.code());
          assertEquals("Encharge rejected the API key", gateway.getMessage());
          assertEquals(1, simulator.requestCount());
          testContext.completeNow();
        })));
  }

  @Test
  void writeFieldsPostsThePersonById(Vertx vertx, VertxTestContext testContext) {
    client(vertx).writeFields("r1", ada.getString("id"), Map.of("wpPassword", "Xy7pQ2rT9kLm"), inSeconds(5))
        .onComplete(testContext.succeeding(done -> testContext.verify(() -> {
          assertEquals(1, simulator.writes().size());
          JsonObject written = simulator.writes().get(0).getJsonObject(0);
          assertEquals(new JsonObject().put("wpPassword", "Xy7pQ2rT9kLm").put("id", ada.getString("id")), written);
          assertEquals("Xy7pQ2rT9kLm", simulator.contacts().get(ada.getString("id")).getString("wpPassword"));
          testContext.completeNow();
        })));
  }

  @Test
  void aRejectedWriteIsNotRetriedAndMasksTheValuesSent(Vertx vertx, VertxTestContext testContext) {
    simulator.contacts().put(new JsonObject().put("email", "taken@example.com"));
    client(vertx).writeFields("r1", ada.getString("id"), Map.of("email", "taken@example.com"), inSeconds(5))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          GatewayException gateway = gatewayFailure(failure);
          assertEquals(FailureCode.ENCHARGE_UNAVAILABLE, gateway.code());
          assertTrue(gateway.getMessage().startsWith("Encharge answered 400: "), gateway.getMessage());
          assertTrue(gateway.getMessage().contains("***"), gateway.getMessage());
          assertFalse(gateway.getMessage().contains("taken@example.com"), gateway.getMessage());
          assertEquals(1, simulator.requestCount());
          testContext.completeNow();
        })));
  }

  @Test
  void aRefusedConnectionIsUnavailable(Vertx vertx, VertxTestContext testContext) {
    int closedPort = vertx.createHttpServer().requestHandler(request -> { }).listen(0, "127.0.0.1")
        .compose(server -> server.close().map(server.actualPort())).await();
    new EnchargeClient(vertx, settings("http://127.0.0.1:" + closedPort + "/v1", KEY, 8))
        .fetchContact("r1", "some-id", inSeconds(5))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          GatewayException gateway = gatewayFailure(failure);
          assertEquals(FailureCode.ENCHARGE_UNAVAILABLE, gateway.code());
          assertTrue(gateway.getMessage().startsWith("Encharge could not be reached"), gateway.getMessage());
          assertTrue(gateway.getMessage().endsWith("after " + (MAX_RETRIES + 1) + " attempts"), gateway.getMessage());
          testContext.completeNow();
        })));
  }

  @Test
  void aFullWaitQueueFailsFastAsOverloaded(Vertx vertx, VertxTestContext testContext) {
    simulator.setLatencyMs(50);
    EnchargeClient client = new EnchargeClient(vertx,
        settings("http://127.0.0.1:" + simulator.actualPort() + "/v1", KEY, 1));
    int accepted = 1 + EnchargeClient.WAIT_QUEUE_PER_CONNECTION;
    List<Future<?>> fetches = new ArrayList<>();
    for (int i = 0; i < accepted + 3; i++) {
      fetches.add(client.fetchContact("r" + i, ada.getString("id"), inSeconds(5)));
    }
    Future.join(fetches).onComplete(all -> testContext.verify(() -> {
      long overloaded = fetches.stream().filter(Future::failed)
          .filter(f -> GatewayException.from(f.cause()).code() == FailureCode.OVERLOADED).count();
      long succeeded = fetches.stream().filter(Future::succeeded).count();
      // at most one in flight plus the queue get through; exactly how many depends on connection timing
      assertTrue(overloaded >= 3, overloaded + " overloaded");
      assertTrue(succeeded >= 1, succeeded + " succeeded");
      assertEquals(fetches.size(), overloaded + succeeded);
      testContext.completeNow();
    }));
  }

  @Test
  void accountInfoChecksTheCredentials(Vertx vertx, VertxTestContext testContext) {
    Future<JsonObject> accepted = client(vertx).accountInfo();
    Future<JsonObject> rejected = client(vertx, "wrong-key").accountInfo();
    Future.join(accepted, rejected).onComplete(both -> testContext.verify(() -> {
      assertNotNull(accepted.result().getString("name"));
      assertEquals(FailureCode.ENCHARGE_UNAUTHORIZED, GatewayException.from(rejected.cause()).code());
      testContext.completeNow();
    }));
  }
}
