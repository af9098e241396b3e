package encharge.gateway.encharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EnchargeSimulatorTest {

  private static final String KEY = "sim-key";

  private EnchargeSimulator simulator;
  private WebClient http;
  private JsonObject ada;

  @BeforeEach
  void start(Vertx vertx) {
    SimulatedContacts contacts = new SimulatedContacts();
    ada = contacts.put(new JsonObject().put("email", "Ada@Example.com").put("firstName", "Ada")
        .put("lastName", "Lovelace").put("tags", "vip, Import to WordPress").put("company", "Analytical"));
    simulator = new EnchargeSimulator(SimulatorOptions.of(0, KEY), contacts);
    vertx.deployVerticle(simulator).await();
    http = WebClient.create(vertx);
  }

  private Future<HttpResponse<Buffer>> call(HttpMethod method, String pathAndQuery, String body) {
    var request = http.requestAbs(method, "http://127.0.0.1:" + simulator.actualPort() + "/v1" + pathAndQuery)
        .putHeader("X-Encharge-Token", KEY);
    return body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
  }

  @Test
  void findsPeopleByIdAndByEmailWithTagsAsOneString(VertxTestContext testContext) {
    Future<HttpResponse<Buffer>> byId = call(HttpMethod.GET, "/people?people[0][id]=" + ada.getString("id"), null);
    Future<HttpResponse<Buffer>> byEmail = call(HttpMethod.GET, "/people?people%5B0%5D%5Bemail%5D=ada%40example.com", null);
    Future.all(byId, byEmail).onComplete(testContext.succeeding(both -> testContext.verify(() -> {
      for (HttpResponse<Buffer> response : List.of(byId.result(), byEmail.result())) {
        assertEquals(200, response.statusCode());
        JsonArray users = response.bodyAsJsonObject().getJsonArray("users");
        assertEquals(1, users.size());
        JsonObject person = users.getJsonObject(0);
        assertEquals(ada.getString("id"), person.getString("id"));
        assertEquals("Ada Lovelace", person.getString("name"));
        assertEquals("vip, Import to WordPress", person.getString("tags"));
        assertEquals("Analytical", person.getString("company"));
        assertTrue(person.getString("updatedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
      }
      assertEquals(1, simulator.fetchCount(ada.getString("id")));
      testContext.completeNow();
    })));
  }

  @Test
  void unknownPeopleGiveAnEmptyListAndSeveralLookupsAreAnswered(VertxTestContext testContext) {
    JsonObject grace = simulator.contacts().put(new JsonObject().put("email", "grace@example.com"));
    call(HttpMethod.GET, "/people?people[0][id]=nobody&people[1][email]=grace@example.com&people[2][id]="
        + ada.getString("id"), null)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          JsonArray users = response.bodyAsJsonObject().getJsonArray("users");
          assertEquals(2, users.size());
          assertEquals(grace.getString("id"), users.getJsonObject(0).getString("id"));
          assertEquals(ada.getString("id"), users.getJsonObject(1).getString("id"));
          assertEquals(1, simulator.fetchCount("nobody"));
          testContext.completeNow();
        })));
  }

  @Test
  void postUpsertsAnArrayOrASingleObjectAndRecordsTheWrites(VertxTestContext testContext) {
    String update = "[{\"id\":\"" + ada.getString("id") + "\",\"wpPassword\":\"s3cret\",\"tags\":[\"a\",\" b \"]}]";
    call(HttpMethod.POST, "/people", update)
        .compose(first -> call(HttpMethod.POST, "/people", "{\"email\":\"new@example.com\",\"firstName\":\"Neo\"}")
            .map(second -> List.of(first, second)))
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          JsonObject updated = responses.get(0).bodyAsJsonObject().getJsonArray("users").getJsonObject(0);
          assertEquals("s3cret", updated.getString("wpPassword"));
          assertEquals("a, b", updated.getString("tags"));
          assertEquals("Ada", updated.getString("firstName"));
          JsonObject created = responses.get(1).bodyAsJsonObject().getJsonArray("users").getJsonObject(0);
          assertNotNull(simulator.contacts().get(created.getString("id")));
          assertEquals(2, simulator.contacts().size());
          assertEquals(2, simulator.writes().size());
          assertEquals("new@example.com", simulator.writes().get(1).getJsonObject(0).getString("email"));
          testContext.completeNow();
        })));
  }

  @Test
  void badJsonIsRejectedWithAnErrorMessage(VertxTestContext testContext) {
    call(HttpMethod.POST, "/people", "{not json").onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertEquals(400, response.statusCode());
      assertNotNull(response.bodyAsJsonObject().getJsonObject("error").getString("message"));
      testContext.completeNow();
    })));
  }

  @Test
  void aWrongTokenIsUnauthorizedAndANullKeyAcceptsAny(VertxTestContext testContext) {
    String url = "http://127.0.0.1:" + simulator.actualPort() + "/v1/accounts/info";
    http.getAbs(url).putHeader("X-Encharge-Token", "wrong").send()
        .compose(rejected -> {
          simulator.setApiKey(null);
          return http.getAbs(url).send().map(accepted -> List.of(rejected, accepted));
        })
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          assertEquals(401, responses.get(0).statusCode());
          assertEquals("Unauthorized", responses.get(0).bodyAsJsonObject().getJsonObject("error").getString("message"));
          assertEquals(200, responses.get(1).statusCode());
          assertEquals(1, responses.get(1).bodyAsJsonObject().getInteger("peopleCount"));
          testContext.completeNow();
        })));
  }

  @Test
  void fieldsListStandardAndCustomFields(VertxTestContext testContext) {
    call(HttpMethod.GET, "/fields", null).onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      List<String> names = response.bodyAsJsonObject().getJsonArray("items").stream()
          .map(item -> ((JsonObject) item).getString("name")).toList();
      assertTrue(names.containsAll(List.of("email", "firstName", "lastName", "tags", "company")), names.toString());
      JsonObject id = response.bodyAsJsonObject().getJsonArray("items").getJsonObject(names.indexOf("id"));
      assertEquals(true, id.getBoolean("readOnly"));
      testContext.completeNow();
    })));
  }

  @Test
  void peopleAllPagesUntilAShortPage(VertxTestContext testContext) {
    for (int i = 0; i < 4; i++) {
      simulator.contacts().put(new JsonObject().put("email", "p" + i + "@example.com"));
    }
    Future.all(call(HttpMethod.GET, "/people/all?limit=2&offset=0", null),
            call(HttpMethod.GET, "/people/all?limit=2&offset=2", null),
            call(HttpMethod.GET, "/people/all?limit=2&offset=4", null))
        .onComplete(testContext.succeeding(pages -> testContext.verify(() -> {
          List<Integer> sizes = pages.<HttpResponse<Buffer>>list().stream()
              .map(page -> page.bodyAsJsonObject().getJsonArray("people").size()).toList();
          assertEquals(List.of(2, 2, 1), sizes);
          HttpResponse<Buffer> first = pages.resultAt(0);
          assertEquals(ada.getString("id"), first.bodyAsJsonObject().getJsonArray("people").getJsonObject(0).getString("id"));
          testContext.completeNow();
        })));
  }

  @Test
  void injectedRateLimitCarriesRetryAfter(VertxTestContext testContext) {
    simulator.setRetryAfterSeconds(7);
    simulator.failNext(1, 429);
    call(HttpMethod.GET, "/accounts/info", null)
        .compose(limited -> call(HttpMethod.GET, "/accounts/info", null).map(next -> List.of(limited, next)))
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          assertEquals(429, responses.get(0).statusCode());
          assertEquals("7", responses.get(0).getHeader("Retry-After"));
          assertEquals(200, responses.get(1).statusCode());
          testContext.completeNow();
        })));
  }
}
