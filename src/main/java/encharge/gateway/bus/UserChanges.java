package encharge.gateway.bus;

import java.util.List;
import java.util.Map;

/**
 * What a webhook writes to a user, already mapped from the Encharge contact (CONTRACT.md §5).
 * A null or empty value leaves the stored one alone; {@code tags} null leaves the tags alone,
 * otherwise it replaces them; {@code meta} entries are merged into the stored meta.
 *
 * @param role a validated role to apply (never {@code administrator}), or null
 */
public record UserChanges(String email, String firstName, String lastName, String displayName,
    String role, Map<String, String> meta, List<String> tags) {

  public UserChanges {
    meta = meta == null ? Map.of() : Map.copyOf(meta);
    tags = tags == null ? null : List.copyOf(tags);
  }

  public UserChanges withRole(String newRole) {
    return new UserChanges(email, firstName, lastName, displayName, newRole, meta, tags);
  }

  public static UserChanges tagsOnly(List<String> tags) {
    return new UserChanges(null, null, null, null, null, Map.of(), tags);
  }
}
