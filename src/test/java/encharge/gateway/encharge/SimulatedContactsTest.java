package encharge.gateway.encharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedContactsTest {

  private final SimulatedContacts contacts = new SimulatedContacts();

  @Test
  void putUpsertsByIdThenByEmail() {
    JsonObject created = contacts.put(new JsonObject().put("email", "Ada@Example.com").put("firstName", "Ada"));
    assertNotNull(created.getString("id"));
    assertEquals("Ada", created.getString("name"));
    assertEquals("", created.getString("tags"));

    JsonObject byEmail = contacts.put(new JsonObject().put("email", "ada@example.com").put("lastName", "Lovelace"));
    assertEquals(created.getString("id"), byEmail.getString("id"));
    assertEquals("Ada Lovelace", byEmail.getString("name"));

    JsonObject byId = contacts.put(new JsonObject().put("id", created.getString("id")).put("email", "ada@new.example"));
    assertEquals(1, contacts.size());
    assertNull(contacts.findByEmail("ada@example.com"));
    assertEquals(byId.getString("id"), contacts.findByEmail("ADA@NEW.example").getString("id"));
    assertEquals(created.getString("createdAt"), byId.getString("createdAt"));
  }

  @Test
  void updatedAtStrictlyIncreasesEvenWithinOneMillisecond() {
    String id = contacts.put(new JsonObject().put("email", "a@example.com")).getString("id");
    Instant previous = Instant.parse(contacts.get(id).getString("updatedAt"));
    for (int i = 0; i < 50; i++) {
      Instant next = Instant.parse(contacts.setTags(id, "t" + i).getString("updatedAt"));
      assertTrue(next.isAfter(previous), next + " is not after " + previous);
      previous = next;
    }
    assertEquals("t49", contacts.get(id).getString("tags"));
  }

  @Test
  void refusesAPersonWithoutIdOrEmailAndATakenEmail() {
    contacts.put(new JsonObject().put("email", "a@example.com"));
    String b = contacts.put(new JsonObject().put("email", "b@example.com")).getString("id");
    assertThrows(IllegalArgumentException.class, () -> contacts.put(new JsonObject().put("firstName", "X")));
    assertThrows(IllegalArgumentException.class,
        () -> contacts.update(b, new JsonObject().put("email", "A@example.com")));
    assertEquals("b@example.com", contacts.get(b).getString("email"));
  }

  @Test
  void copiesHandedOutDoNotChangeTheStore() {
    String id = contacts.put(new JsonObject().put("email", "a@example.com")).getString("id");
    contacts.get(id).put("email", "changed@example.com");
    assertEquals("a@example.com", contacts.get(id).getString("email"));
  }

  @Test
  void removeForgetsTheIdAndTheEmail() {
    String id = contacts.put(new JsonObject().put("email", "a@example.com")).getString("id");
    assertTrue(contacts.remove(id));
    assertNull(contacts.get(id));
    assertNull(contacts.findByEmail("a@example.com"));
    assertEquals(List.of(), contacts.all());
  }

  @Test
  void generatedPeopleAreRealisticUniqueAndRepeatableBySeed() {
    SimulatedContacts generated = SimulatedContacts.generate(500, 7);
    List<JsonObject> people = generated.all();
    assertEquals(500, people.size());
    Set<String> emails = new HashSet<>();
    for (JsonObject person : people) {
      assertTrue(emails.add(person.getString("email").toLowerCase()), "duplicate " + person.getString("email"));
      assertEquals(person.getString("firstName") + " " + person.getString("lastName"), person.getString("name"));
      assertNotNull(person.getString("phone"));
    }
    assertTrue(people.stream().anyMatch(p -> p.getString("tags").contains("Import to WordPress")));
    assertEquals(people.get(0).getString("id"), SimulatedContacts.generate(1, 7).all().get(0).getString("id"));
    assertNotEquals(people.get(0).getString("id"), SimulatedContacts.generate(1, 8).all().get(0).getString("id"));
  }

  @Test
  void loadFileSeedsFromAJsonArray(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("people.json");
    Files.writeString(file, new JsonArray()
        .add(new JsonObject().put("id", "11111111-1111-4111-8111-111111111111").put("email", "x@example.com")
            .put("tags", new JsonArray().add("vip").add("trial")))
        .add(new JsonObject().put("email", "y@example.com")).encode());
    contacts.loadFile(file);
    assertEquals(2, contacts.size());
    assertEquals("vip, trial", contacts.get("11111111-1111-4111-8111-111111111111").getString("tags"));
  }
}
