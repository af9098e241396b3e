package encharge.gateway.encharge;

import encharge.gateway.bus.EnchargeContact;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an Encharge person (CONTRACT.md §4) as the API returns it. */
final class PersonJson {

  private PersonJson() {
  }

  /** The person as a contact; null when it has no string {@code id}. */
  static EnchargeContact toContact(JsonObject person) {
    if (!(person.getValue("id") instanceof String id) || id.isBlank()) {
      return null;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Object> field : person) {
      Object value = field.getValue();
      // nested objects and arrays have no place in a flat field map
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        fields.put(field.getKey(), value);
      }
    }
    Object email = person.getValue("email");
    return new EnchargeContact(id, email instanceof String text && !text.isBlank() ? text.trim() : null,
        fields, tags(person.getValue("tags")), instant(person.getValue("updatedAt")));
  }

  /**
   * Encharge's tags: one comma-separated string, split, trimmed, empties and repeats dropped. A
   * JSON array is accepted too.
   */
  static List<String> tags(Object value) {
    Set<String> tags = new LinkedHashSet<>();
    if (value instanceof String text) {
      for (String tag : text.split(",")) {
        addTrimmed(tags, tag);
      }
    } else if (value instanceof JsonArray array) {
      for (Object tag : array) {
        if (tag != null) {
          addTrimmed(tags, tag.toString());
        }
      }
    }
    return new ArrayList<>(tags);
  }

  /** ISO-8601 (with {@code Z} or an offset) or epoch milliseconds; null when absent or unreadable. */
  static Instant instant(Object value) {
    if (value instanceof Number millis) {
      return Instant.ofEpochMilli(millis.longValue());
    }
    if (!(value instanceof String text) || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void addTrimmed(Set<String> tags, String tag) {
    String trimmed = tag.trim();
    if (!trimmed.isEmpty()) {
      tags.add(trimmed);
    }
  }
}
