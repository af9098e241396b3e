package encharge.gateway.config;

import io.vertx.core.json.JsonObject;

/**
 * The Encharge API verticle's slice.
 *
 * @param apiUrl          base URL, e.g. {@code https://api.encharge.io/v1} (no trailing slash)
 * @param maxConcurrency  concurrent calls at most, over all instances
 * @param maxRetries      retries after the first attempt, on 429, 5xx and connection errors
 * @param retryBaseMs     first backoff; doubled per retry, with full jitter, capped at retryMaxMs
 */
public record EnchargeSettings(String apiUrl, String apiKey, int instances, int maxConcurrency,
    int maxRetries, long retryBaseMs, long retryMaxMs, int connectTimeoutMs, int idleTimeoutSeconds) {

  public EnchargeSettings withApi(String url, String key) {
    return new EnchargeSettings(url, key, instances, maxConcurrency, maxRetries, retryBaseMs, retryMaxMs,
        connectTimeoutMs, idleTimeoutSeconds);
  }

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static EnchargeSettings fromJson(JsonObject json) {
    return json.mapTo(EnchargeSettings.class);
  }

  @Override
  public String toString() {
    return "EnchargeSettings[apiUrl=" + apiUrl + ", apiKey=" + (apiKey == null ? "unset" : "***")
        + ", instances=" + instances + ", maxConcurrency=" + maxConcurrency + ", maxRetries=" + maxRetries
        + ", retryBaseMs=" + retryBaseMs + ", retryMaxMs=" + retryMaxMs + "]";
  }
}
