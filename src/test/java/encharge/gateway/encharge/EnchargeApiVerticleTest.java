package encharge.gateway.encharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.ContactLookup;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.FetchContact;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.WriteContactFields;
import encharge.gateway.config.EnchargeSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EnchargeApiVerticleTest {

  private static final String KEY = "bus-test-key";

  private EnchargeSimulator simulator;
  private String adaId;

  @BeforeEach
  void deploy(Vertx vertx) {
    SimulatedContacts contacts = new SimulatedContacts();
    adaId = contacts.put(new JsonObject().put("email", "ada@example.com").put("tags", "vip")).getString("id");
    simulator = new EnchargeSimulator(SimulatorOptions.of(0, KEY), contacts);
    vertx.deployVerticle(simulator).await();
    EnchargeSettings settings = new EnchargeSettings("http://127.0.0.1:" + simulator.actualPort() + "/v1", KEY,
        2, 8, 1, 10, 20, 1000, 5);
    vertx.deployVerticle(EnchargeApiVerticle.class,
        new DeploymentOptions().setConfig(settings.toJson()).setInstances(settings.instances())).await();
  }

  private static Instant soon() {
    return Instant.now().plusSeconds(5);
  }

  @Test
  void fetchContactAnswersWithALookup(Vertx vertx, VertxTestContext testContext) {
    Future<ContactLookup> known = vertx.eventBus()
        .<ContactLookup>request(Addresses.ENCHARGE_FETCH_CONTACT, new FetchContact("r1", adaId, soon()))
        .map(reply -> reply.body());
    Future<ContactLookup> unknown = vertx.eventBus()
        .<ContactLookup>request(Addresses.ENCHARGE_FETCH_CONTACT, new FetchContact("r2", "nobody", soon()))
        .map(reply -> reply.body());
    Future.all(known, unknown).onComplete(testContext.succeeding(both -> testContext.verify(() -> {
      assertTrue(known.result().found());
      assertEquals("ada@example.com", known.result().contact().email());
      assertEquals(List.of("vip"), known.result().contact().tags());
      assertFalse(unknown.result().found());
      testContext.completeNow();
    })));
  }

  @Test
  void theFailureCodeSurvivesTheBus(Vertx vertx, VertxTestContext testContext) {
    simulator.setErrorRate(1);
    vertx.eventBus().request(Addresses.ENCHARGE_FETCH_CONTACT, new FetchContact("r1", adaId, soon()))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          GatewayException gateway = GatewayException.from(failure);
          assertEquals(FailureCode.ENCHARGE_UNAVAILABLE, gateway.code());
          assertEquals("Encharge answered 503 after 2 attempts", gateway.getMessage());
          testContext.completeNow();
        })));
  }

  @Test
  void writeFieldsRepliesTrueOnceEnchargeHasThem(Vertx vertx, VertxTestContext testContext) {
    WriteContactFields write = new WriteContactFields("r1", adaId, Map.of("wpPassword", "k3Yq8LmP2xRt"), soon());
    vertx.eventBus().request(Addresses.ENCHARGE_WRITE_FIELDS, write)
        .onComplete(testContext.succeeding(reply -> testContext.verify(() -> {
          assertEquals(Boolean.TRUE, reply.body());
          assertEquals("k3Yq8LmP2xRt", simulator.contacts().get(adaId).getString("wpPassword"));
          testContext.completeNow();
        })));
  }
}
