package encharge.gateway.sync;

import encharge.gateway.config.GatewayConfig;
import java.util.List;
import java.util.Set;

/**
 * Which role a webhook may assign: one of the configured roles, never {@code administrator}. An
 * unknown role falls back to the default role; {@code administrator} is ignored. Both leave a
 * warning in the answer.
 */
final class RolePolicy {

  private final String defaultRole;
  private final Set<String> roles;

  RolePolicy(String defaultRole, List<String> roles) {
    this.defaultRole = defaultRole;
    this.roles = Set.copyOf(roles);
  }

  String defaultRole() {
    return defaultRole;
  }

  /**
   * @param requested the role asked for (URL or mapped field), or null
   * @param source    how the warning names it, e.g. {@code role} or {@code mapped role field}
   * @return the role to apply, or null when none applies (none asked for, or administrator)
   */
  String resolve(String requested, String source, List<String> warnings) {
    if (requested == null || requested.isBlank()) {
      return null;
    }
    String role = requested.trim();
    if (roles.contains(role)) {
      return role;
    }
    if (role.equalsIgnoreCase(GatewayConfig.ADMINISTRATOR)) {
      warnings.add(source + " 'administrator' is never assigned by a webhook: ignored");
      return null;
    }
    warnings.add("unknown " + source + " '" + clip(role) + "': the default role '" + defaultRole + "' applies");
    return defaultRole;
  }

  private static String clip(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "..." : value;
  }
}
