package encharge.gateway.encharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import encharge.gateway.bus.EnchargeContact;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the client: backoff arithmetic and reading a person. */
class BackoffAndPersonJsonTest {

  @Test
  void backoffDoublesUpToTheCapWithJitterAndRespectsRetryAfter() {
    Backoff backoff = new Backoff(100, 1000);
    for (int i = 0; i < 200; i++) {
      assertTrue(backoff.delayMs(0, Backoff.NO_RETRY_AFTER) <= 100);
      assertTrue(backoff.delayMs(2, Backoff.NO_RETRY_AFTER) <= 400);
      assertTrue(backoff.delayMs(60, Backoff.NO_RETRY_AFTER) <= 1000);
      assertTrue(backoff.delayMs(1, 3000) >= 3000);
    }
    long max = 0;
    for (int i = 0; i < 200; i++) {
      max = Math.max(max, backoff.delayMs(3, Backoff.NO_RETRY_AFTER));
    }
    assertTrue(max > 400, "jitter should reach past the previous step's ceiling, got " + max);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-12-04T16:00:00Z");
    assertEquals(2000, Backoff.retryAfterMs("2", now));
    assertEquals(5000, Backoff.retryAfterMs("Fri, 04 Dec 2026 16:00:05 GMT", now));
    assertEquals(0, Backoff.retryAfterMs("Fri, 04 Dec 2026 15:00:00 GMT", now));
    assertEquals(Backoff.NO_RETRY_AFTER, Backoff.retryAfterMs("soon", now));
    assertEquals(Backoff.NO_RETRY_AFTER, Backoff.retryAfterMs(null, now));
  }

  @Test
  void aPersonBecomesAContact() {
    JsonObject person = new JsonObject().put("id", "p1").put("email", "a@example.com").put("phone", null)
        .put("tags", "vip, ,Import to WordPress,vip").put("score", 3.5).put("list", new JsonArray().add(1))
        .put("updatedAt", "2026-12-04T16:02:10.123Z");
    EnchargeContact contact = PersonJson.toContact(person);
    assertEquals(List.of("vip", "Import to WordPress"), contact.tags());
    assertEquals(Instant.parse("2026-12-04T16:02:10.123Z"), contact.updatedAt());
    assertEquals(3.5, contact.fields().get("score"));
    assertTrue(!contact.fields().containsKey("phone") && !contact.fields().containsKey("list"));
    assertEquals(List.of("a", "b"), PersonJson.tags(new JsonArray().add(" a ").add("b")));
    assertNull(PersonJson.toContact(person.copy().put("updatedAt", "yesterday")).updatedAt());
    assertNull(PersonJson.toContact(new JsonObject().put("email", "no-id@example.com")));
  }
}
