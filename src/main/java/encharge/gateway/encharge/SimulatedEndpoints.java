package encharge.gateway.encharge;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Encharge API endpoints of CONTRACT.md §4, answered from a {@link SimulatedContacts}. */
final class SimulatedEndpoints {

  /** One {@code people[i][id]} or {@code people[i][email]} query parameter. */
  record Lookup(int index, String field, String value) {
  }

  private static final Pattern PEOPLE_PARAMETER = Pattern.compile("people\\[(\\d{1,4})]\\[(id|email)]");
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1000;
  /** The standard fields of every Encharge account: name, title, type, readOnly. */
  private static final List<JsonObject> STANDARD_FIELDS = List.of(
      field("id", "ID", "text", true),
      field("email", "Email", "email", false),
      field("firstName", "First name", "text", false),
      field("lastName", "Last name", "text", false),
      field("name", "Full name", "text", false),
      field("tags", "Tags", "text", false),
      field("createdAt", "Created at", "date", true),
      field("updatedAt", "Updated at", "date", true));

  private final SimulatedContacts contacts;
  private final SimulatorRecords records;

  SimulatedEndpoints(SimulatedContacts contacts, SimulatorRecords records) {
    this.contacts = contacts;
    this.records = records;
  }

  /** The lookups of a {@code GET /people} query, in index order. */
  static List<Lookup> lookups(MultiMap query) {
    List<Lookup> lookups = new ArrayList<>();
    for (Map.Entry<String, String> parameter : query) {
      Matcher match = PEOPLE_PARAMETER.matcher(parameter.getKey());
      if (match.matches()) {
        lookups.add(new Lookup(Integer.parseInt(match.group(1)), match.group(2), parameter.getValue()));
      }
    }
    lookups.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return lookups;
  }

  void findPeople(RoutingContext ctx) {
    List<Lookup> lookups = lookups(ctx.queryParams());
    if (lookups.isEmpty()) {
      error(ctx, 400, "Give people[0][id] or people[0][email]");
      return;
    }
    // keyed by id: a person asked for twice is listed once
    Map<String, JsonObject> found = new LinkedHashMap<>();
    for (Lookup lookup : lookups) {
      JsonObject person = lookup.field().equals("id")
          ? contacts.stored(lookup.value()) : contacts.storedByEmail(lookup.value());
      if (person != null) {
        found.putIfAbsent(person.getString("id"), person);
      }
    }
    json(ctx, 200, new JsonObject().put("users", new JsonArray(new ArrayList<>(found.values()))));
  }

  /** Upserts a JSON array of people or a single person. */
  void upsertPeople(RoutingContext ctx) {
    JsonArray people = parsePeople(ctx.body().buffer());
    if (people == null) {
      error(ctx, 400, "The body must be a JSON object or an array of objects");
      return;
    }
    records.write(people);
    JsonArray users = new JsonArray();
    try {
      for (Object person : people) {
        users.add(contacts.put((JsonObject) person));
      }
    } catch (IllegalArgumentException invalid) {
      error(ctx, 400, invalid.getMessage());
      return;
    }
    json(ctx, 200, new JsonObject().put("users", users));
  }

  void listPeople(RoutingContext ctx) {
    int limit;
    int offset;
    try {
      limit = Math.min(MAX_PAGE_SIZE, intParameter(ctx, "limit", DEFAULT_PAGE_SIZE));
      offset = intParameter(ctx, "offset", 0);
    } catch (NumberFormatException e) {
      error(ctx, 400, "limit and offset must be whole numbers of at least 0");
      return;
    }
    json(ctx, 200, new JsonObject().put("people", new JsonArray(new ArrayList<>(contacts.page(offset, limit)))));
  }

  void listFields(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    STANDARD_FIELDS.forEach(items::add);
    List<String> standard = STANDARD_FIELDS.stream().map(field -> field.getString("name")).toList();
    contacts.fieldNames().stream().filter(name -> !standard.contains(name)).sorted()
        .forEach(name -> items.add(field(name, name, "text", false)));
    json(ctx, 200, new JsonObject().put("items", items));
  }

  void accountInfo(RoutingContext ctx) {
    json(ctx, 200, new JsonObject().put("accountId", 1).put("name", "Encharge simulator")
        .put("peopleCount", contacts.size()));
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("error", new JsonObject().put("message", message)));
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toBuffer());
  }

  /** The body as an array of objects, or null when it is not JSON of that shape. */
  private static JsonArray parsePeople(Buffer body) {
    String text = body == null ? "" : body.toString().trim();
    try {
      JsonArray people = text.startsWith("[") ? new JsonArray(text)
          : text.startsWith("{") ? new JsonArray().add(new JsonObject(text)) : null;
      return people != null && people.stream().allMatch(JsonObject.class::isInstance) ? people : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  private static int intParameter(RoutingContext ctx, String name, int fallback) {
    String value = ctx.queryParams().get(name);
    int parsed = value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    if (parsed < 0) {
      throw new NumberFormatException(name + " is negative");
    }
    return parsed;
  }

  private static JsonObject field(String name, String title, String type, boolean readOnly) {
    return new JsonObject().put("name", name).put("title", title).put("type", type).put("readOnly", readOnly);
  }
}
