package encharge.gateway.encharge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people of a simulated Encharge account, shaped as Encharge returns them (CONTRACT.md §4).
 * Thread-safe: lookups are lock-free map reads, changes are serialized. A stored person is never
 * mutated (each change stores a new object), so the simulator can encode it without copying;
 * callers outside the package get copies.
 */
public final class SimulatedContacts {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** Set by the store, whatever a change says. */
  private static final Set<String> MANAGED_FIELDS = Set.of("id", "createdAt", "updatedAt");

  private final Map<String, JsonObject> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByEmail = new ConcurrentHashMap<>();
  /** Ids in creation order, for stable paging; guarded by {@code this}. */
  private final List<String> order = new ArrayList<>();
  private final Set<String> fieldNames = ConcurrentHashMap.newKeySet();

  /** {@code n} realistic people (names, unique emails, tags, company, phone), the same for a seed. */
  public static SimulatedContacts generate(int n, long seed) {
    SimulatedContacts contacts = new SimulatedContacts();
    SamplePeople.generate(n, seed).forEach(contacts::put);
    return contacts;
  }

  /** Adds the people of a JSON array file, as {@link #put} does. Blocking: call before deploying. */
  public SimulatedContacts loadFile(Path file) throws IOException {
    JsonArray people = new JsonArray(Files.readString(file));
    for (Object person : people) {
      if (!(person instanceof JsonObject object)) {
        throw new IllegalArgumentException(file + ": every entry must be a JSON object");
      }
      put(object);
    }
    return this;
  }

  /**
   * Creates or updates a person as Encharge's {@code POST /people} does: matched by {@code id},
   * else by email (case-insensitive); unmatched, it is created, with a new id if it has none.
   * A null value clears the field; {@code tags} may be a string or an array.
   *
   * @throws IllegalArgumentException when it has neither id nor email, or takes another's email
   */
  public synchronized JsonObject put(JsonObject person) {
    String id = text(person.getValue("id"));
    String email = emailKey(person.getValue("email"));
    JsonObject existing = id == null ? null : byId.get(id);
    if (existing == null && email != null && idByEmail.containsKey(email)) {
      existing = byId.get(idByEmail.get(email));
    }
    if (existing != null) {
      return store(existing, apply(existing.copy(), person)).copy();
    }
    if (id == null && email == null) {
      throw new IllegalArgumentException("a person needs an id or an email");
    }
    JsonObject created = new JsonObject().put("id", id != null ? id : UUID.randomUUID().toString())
        .put("email", null).put("firstName", null).put("lastName", null).put("name", null).put("tags", "");
    Instant createdAt = PersonJson.instant(person.getValue("createdAt"));
    created.put("createdAt", TIMESTAMP.format(createdAt != null ? createdAt : Instant.now()));
    return store(null, apply(created, person)).copy();
  }

  /** A copy of the person, or null. */
  public JsonObject get(String id) {
    JsonObject person = stored(id);
    return person == null ? null : person.copy();
  }

  /** A copy of the person with this email (case-insensitive), or null. */
  public JsonObject findByEmail(String email) {
    JsonObject person = storedByEmail(email);
    return person == null ? null : person.copy();
  }

  /** Replaces the person's tags; null when the id is unknown. */
  public JsonObject setTags(String id, String... tags) {
    return update(id, new JsonObject().put("tags", String.join(", ", tags)));
  }

  /** Merges changes into the person, as {@link #put} does; null when the id is unknown. */
  public synchronized JsonObject update(String id, JsonObject changes) {
    JsonObject existing = stored(id);
    return existing == null ? null : store(existing, apply(existing.copy(), changes)).copy();
  }

  public synchronized boolean remove(String id) {
    JsonObject removed = id == null ? null : byId.remove(id);
    if (removed == null) {
      return false;
    }
    String email = emailKey(removed.getValue("email"));
    if (email != null) {
      idByEmail.remove(email);
    }
    order.remove(id);
    return true;
  }

  public int size() {
    return byId.size();
  }

  /** Copies of everyone, in creation order. */
  public synchronized List<JsonObject> all() {
    return order.stream().map(id -> byId.get(id).copy()).toList();
  }

  JsonObject stored(String id) {
    return id == null ? null : byId.get(id);
  }

  JsonObject storedByEmail(String email) {
    String key = emailKey(email);
    String id = key == null ? null : idByEmail.get(key);
    return id == null ? null : byId.get(id);
  }

  /** People {@code offset .. offset+limit} in creation order, as stored (do not mutate). */
  synchronized List<JsonObject> page(int offset, int limit) {
    int from = Math.min(Math.max(0, offset), order.size());
    int to = (int) Math.min((long) from + Math.max(0, limit), order.size());
    return order.subList(from, to).stream().map(byId::get).toList();
  }

  /** Every field name any person has had. */
  Set<String> fieldNames() {
    return Set.copyOf(fieldNames);
  }

  private JsonObject apply(JsonObject person, JsonObject changes) {
    for (Map.Entry<String, Object> change : changes) {
      String field = change.getKey();
      Object value = change.getValue();
      if (MANAGED_FIELDS.contains(field)) {
        continue;
      }
      if (field.equals("tags")) {
        value = String.join(", ", PersonJson.tags(value));
      }
      person.put(field, value instanceof JsonObject || value instanceof JsonArray ? copyOf(value) : value);
    }
    boolean renamed = changes.containsKey("firstName") || changes.containsKey("lastName");
    if (renamed && !changes.containsKey("name")) {
      String name = String.join(" ", nonBlank(person.getString("firstName")), nonBlank(person.getString("lastName")))
          .trim();
      person.put("name", name.isEmpty() ? null : name);
    }
    return person;
  }

  /** Stores the new state, keeping the email index and {@code updatedAt} (strictly increasing) right. */
  private JsonObject store(JsonObject previous, JsonObject next) {
    String id = next.getString("id");
    String oldEmail = previous == null ? null : emailKey(previous.getValue("email"));
    String newEmail = emailKey(next.getValue("email"));
    if (newEmail != null && !newEmail.equals(oldEmail) && idByEmail.containsKey(newEmail)) {
      throw new IllegalArgumentException("another person already has the email " + next.getValue("email"));
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant last = previous == null ? null : PersonJson.instant(previous.getValue("updatedAt"));
    next.put("updatedAt", TIMESTAMP.format(last != null && !now.isAfter(last) ? last.plusMillis(1) : now));
    if (oldEmail != null && !oldEmail.equals(newEmail)) {
      idByEmail.remove(oldEmail);
    }
    if (newEmail != null) {
      idByEmail.put(newEmail, id);
    }
    if (byId.put(id, next) == null) {
      order.add(id);
    }
    fieldNames.addAll(next.fieldNames());
    return next;
  }

  private static Object copyOf(Object value) {
    return value instanceof JsonObject object ? object.copy() : ((JsonArray) value).copy();
  }

  private static String nonBlank(String value) {
    return value == null ? "" : value.trim();
  }

  private static String text(Object value) {
    return value instanceof String text && !text.isBlank() ? text.trim() : null;
  }

  private static String emailKey(Object email) {
    String text = text(email);
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }
}
