package encharge.gateway.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The sync verticle's slice: how one webhook becomes a user.
 *
 * @param lanes                how many lanes contacts are hashed onto (one verticle instance each)
 * @param maxInFlight          webhooks in progress or queued per lane before answering overloaded
 * @param maxQueuedPerContact  webhooks queued for one contact before answering overloaded
 * @param fieldMap             Encharge field name -> target (first_name, last_name, user_email,
 *                             display_name, user_login, user_pass, role, or meta:KEY)
 * @param returnPasswordField  Encharge field that receives generated passwords; null: off
 * @param maxPendingHashes     password hashes waiting at once, over all lanes, before overloaded
 */
public record SyncSettings(int lanes, int maxInFlight, int maxQueuedPerContact, String defaultRole,
    List<String> roles, Map<String, String> fieldMap, String returnPasswordField, int bcryptCost,
    int maxPendingHashes) {

  public SyncSettings {
    roles = List.copyOf(roles);
    fieldMap = Map.copyOf(fieldMap);
  }

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static SyncSettings fromJson(JsonObject json) {
    return json.mapTo(SyncSettings.class);
  }
}
