package encharge.gateway.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vertx.core.json.JsonObject;

/**
 * The HTTP verticle's slice.
 *
 * @param accessKey  the webhook access key; filled in at start-up when it comes from the database
 * @param adminToken bearer token of {@code /api/*}; null turns the admin API off
 * @param syncLanes  how many sync lanes contacts are hashed onto
 */
// a verticle config may carry keys of other parts (e.g. the set-password page's): ignored here
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpSettings(int port, int instances, int maxBodyBytes, long requestTimeoutMs,
    String accessKey, String adminToken, int syncLanes) {

  public HttpSettings withAccessKey(String key) {
    return new HttpSettings(port, instances, maxBodyBytes, requestTimeoutMs, key, adminToken, syncLanes);
  }

  public HttpSettings withPort(int newPort) {
    return new HttpSettings(newPort, instances, maxBodyBytes, requestTimeoutMs, accessKey, adminToken, syncLanes);
  }

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static HttpSettings fromJson(JsonObject json) {
    return json.mapTo(HttpSettings.class);
  }

  @Override
  public String toString() {
    return "HttpSettings[port=" + port + ", instances=" + instances + ", maxBodyBytes=" + maxBodyBytes
        + ", requestTimeoutMs=" + requestTimeoutMs + ", adminApi=" + (adminToken != null)
        + ", syncLanes=" + syncLanes + "]";
  }
}
