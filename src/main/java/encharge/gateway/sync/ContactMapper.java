package encharge.gateway.sync;

import encharge.gateway.bus.EnchargeContact;
import encharge.gateway.bus.UserChanges;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps an Encharge contact to user attributes through the field map (CONTRACT.md §5). Unmapped
 * fields are not stored; empty values map to nothing, so they never overwrite stored ones.
 */
final class ContactMapper {

  private final Map<String, String> fieldMap;

  ContactMapper(Map<String, String> fieldMap) {
    this.fieldMap = Map.copyOf(fieldMap);
  }

  MappedContact map(EnchargeContact contact) {
    Map<String, String> targets = new LinkedHashMap<>();
    Map<String, String> meta = new LinkedHashMap<>();
    fieldMap.forEach((field, target) -> {
      String value = text(contact.fields().get(field));
      if (value == null) {
        return;
      }
      if (target.startsWith("meta:")) {
        meta.put(target.substring("meta:".length()), value);
      } else {
        targets.put(target, value);
      }
    });
    String email = targets.getOrDefault("user_email", text(contact.email()));
    UserChanges changes = new UserChanges(email, targets.get("first_name"), targets.get("last_name"),
        targets.get("display_name"), null, meta, contact.tags());
    return new MappedContact(changes, targets.get("user_login"), targets.get("user_pass"), targets.get("role"));
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value).trim();
    return text.isEmpty() ? null : text;
  }

  /**
   * @param login    the mapped {@code user_login}, or null
   * @param password the mapped {@code user_pass}, or null: a secret, never logged
   * @param role     the mapped {@code role}, unvalidated, or null
   */
  record MappedContact(UserChanges changes, String login, String password, String role) {

    @Override
    public String toString() {
      return "MappedContact[changes=" + changes + ", login=" + login + ", password="
          + (password == null ? "none" : "***") + ", role=" + role + "]";
    }
  }
}
