package encharge.gateway.config;

import io.vertx.core.json.JsonObject;

/**
 * The users verticle's slice.
 *
 * @param url            {@code postgresql://user:pass@host:port/db}; null until the embedded
 *                       database has started when DATABASE_URL is unset
 * @param dataDir        where the embedded database keeps its files
 * @param poolSize       connections at most, over all instances
 * @param logFlushMs     the webhook log is written in batches at least this often
 * @param logBatchSize   ... or as soon as this many rows wait
 */
public record DatabaseSettings(String url, String dataDir, int instances, int poolSize,
    long logFlushMs, int logBatchSize) {

  public DatabaseSettings withUrl(String newUrl) {
    return new DatabaseSettings(newUrl, dataDir, instances, poolSize, logFlushMs, logBatchSize);
  }

  public boolean embedded() {
    return url == null;
  }

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static DatabaseSettings fromJson(JsonObject json) {
    return json.mapTo(DatabaseSettings.class);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + (url == null ? "embedded" : "***") + ", dataDir=" + dataDir
        + ", instances=" + instances + ", poolSize=" + poolSize + "]";
  }
}
