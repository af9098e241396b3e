package encharge.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of the merged raw configuration (file, then environment, then system properties).
 * A value may arrive as YAML gave it or as an environment string: both are accepted.
 */
final class ConfigValues {

  private final JsonObject raw;

  ConfigValues(JsonObject raw) {
    this.raw = raw;
  }

  /** Trimmed string; blank counts as unset. */
  String string(String key, String fallback) {
    Object value = raw.getValue(key);
    if (value == null) {
      return fallback;
    }
    String text = String.valueOf(value).trim();
    return text.isEmpty() ? fallback : text;
  }

  String string(String key) {
    return string(key, null);
  }

  int integer(String key, int fallback, int min, int max) {
    long value = longValue(key, fallback, min, max);
    return (int) value;
  }

  long longValue(String key, long fallback, long min, long max) {
    String text = string(key);
    if (text == null) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + text + "' is not a whole number");
    }
    if (value < min || value > max) {
      throw new ConfigException(key, value + " is outside " + min + ".." + max);
    }
    return value;
  }

  /** A YAML list or a comma-separated string; entries trimmed, empties dropped. */
  List<String> list(String key, List<String> fallback) {
    Object value = raw.getValue(key);
    if (value == null) {
      return fallback;
    }
    List<String> items = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(item -> addTrimmed(items, String.valueOf(item)));
    } else {
      Arrays.stream(String.valueOf(value).split(",")).forEach(item -> addTrimmed(items, item));
    }
    return items.isEmpty() ? fallback : List.copyOf(items);
  }

  /** A YAML map or a string {@code a=b,c=d}. */
  Map<String, String> map(String key) {
    Object value = raw.getValue(key);
    Map<String, String> entries = new LinkedHashMap<>();
    if (value == null) {
      return entries;
    }
    if (value instanceof JsonObject object) {
      object.forEach(entry -> entries.put(entry.getKey().trim(), String.valueOf(entry.getValue()).trim()));
      return entries;
    }
    for (String pair : String.valueOf(value).split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(key, "'" + pair.trim() + "' is not of the form field=target");
      }
      entries.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return entries;
  }

  private static void addTrimmed(List<String> items, String item) {
    String trimmed = item.trim();
    if (!trimmed.isEmpty()) {
      items.add(trimmed);
    }
  }
}
