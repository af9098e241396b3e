package encharge.gateway.bus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An Encharge person as the API returned it.
 *
 * @param fields    every top-level field of the person (standard and custom), by API name, with
 *                  its string, number or boolean value; nulls dropped
 * @param tags      the comma-separated {@code tags} split, trimmed, empties dropped
 * @param updatedAt the person's {@code updatedAt}, or null when absent or unparsable
 */
public record EnchargeContact(String id, String email, Map<String, Object> fields, List<String> tags,
    Instant updatedAt) {

  public EnchargeContact {
    fields = Map.copyOf(fields);
    tags = List.copyOf(tags);
  }
}
