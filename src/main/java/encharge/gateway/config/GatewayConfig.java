package encharge.gateway.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole configuration, parsed and checked once at start-up, then handed to each verticle as
 * its slice. Keys are the environment names of CONTRACT.md §6; {@code conf/config.yaml} uses the
 * same names.
 */
public record GatewayConfig(HttpSettings http, EnchargeSettings encharge, DatabaseSettings database,
    SyncSettings sync, MailSettings mail) {

  public static final String DEFAULT_API_URL = "https://api.encharge.io/v1";
  public static final String ADMINISTRATOR = "administrator";
  /** Field-map targets besides {@code meta:KEY}. */
  public static final Set<String> FIELD_TARGETS = Set.of(
      "first_name", "last_name", "user_email", "display_name", "user_login", "user_pass", "role");

  private static final Pattern META_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Every key read from the environment (and from system properties of the same name). */
  public static final List<String> KEYS = List.of(
      "HTTP_PORT", "HTTP_INSTANCES", "MAX_BODY_BYTES", "REQUEST_TIMEOUT_MS",
      "GATEWAY_ACCESS_KEY", "ADMIN_TOKEN",
      "ENCHARGE_API_URL", "ENCHARGE_API_KEY", "ENCHARGE_INSTANCES", "ENCHARGE_MAX_CONCURRENCY",
      "ENCHARGE_MAX_RETRIES", "ENCHARGE_RETRY_BASE_MS", "ENCHARGE_RETRY_MAX_MS",
      "ENCHARGE_CONNECT_TIMEOUT_MS", "ENCHARGE_IDLE_TIMEOUT_S",
      "DATABASE_URL", "DATA_DIR", "DB_INSTANCES", "DB_POOL_SIZE", "WEBHOOK_LOG_FLUSH_MS",
      "WEBHOOK_LOG_BATCH_SIZE",
      "SYNC_LANES", "MAX_IN_FLIGHT", "MAX_QUEUED_PER_CONTACT", "DEFAULT_ROLE", "ROLES", "FIELD_MAP",
      "RETURN_PASSWORD_FIELD", "BCRYPT_COST", "MAX_PENDING_HASHES",
      "SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "MAIL_FROM", "PUBLIC_BASE_URL",
      "SITE_NAME", "LOGIN_URL", "MAIL_TEMPLATES_DIR", "PASSWORD_LINK_TTL_HOURS", "MAIL_MAX_ATTEMPTS",
      "MAIL_RETRY_BASE_MS");

  /**
   * Loads {@code CONFIG_FILE} (default {@code conf/config.yaml}, optional), then the environment,
   * then system properties; the last one wins.
   */
  public static Future<GatewayConfig> load(Vertx vertx) {
    return loadRaw(vertx).map(GatewayConfig::from);
  }

  public static Future<JsonObject> loadRaw(Vertx vertx) {
    String file = System.getProperty("CONFIG_FILE", System.getenv().getOrDefault("CONFIG_FILE", "conf/config.yaml"));
    JsonArray keys = new JsonArray(KEYS);
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(0)
        .addStore(new ConfigStoreOptions().setType("file").setFormat("yaml").setOptional(true)
            .setConfig(new JsonObject().put("path", file)))
        .addStore(new ConfigStoreOptions().setType("env")
            .setConfig(new JsonObject().put("keys", keys).put("raw-data", true)))
        .addStore(new ConfigStoreOptions().setType("sys")
            .setConfig(new JsonObject().put("raw-data", true)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig().eventually(retriever::close);
  }

  /** Parses and checks; throws {@link ConfigException} naming the first bad setting. */
  public static GatewayConfig from(JsonObject raw) {
    ConfigValues values = new ConfigValues(raw);
    int cores = Runtime.getRuntime().availableProcessors();

    int port = values.integer("HTTP_PORT", 8080, 0, 65535);
    int lanes = values.integer("SYNC_LANES", 2 * cores, 1, 1024);
    HttpSettings http = new HttpSettings(
        port,
        values.integer("HTTP_INSTANCES", cores, 1, 256),
        values.integer("MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
        values.longValue("REQUEST_TIMEOUT_MS", 15_000, 100, 600_000),
        values.string("GATEWAY_ACCESS_KEY"),
        values.string("ADMIN_TOKEN"),
        lanes);

    EnchargeSettings encharge = new EnchargeSettings(
        apiUrl(values.string("ENCHARGE_API_URL", DEFAULT_API_URL)),
        values.string("ENCHARGE_API_KEY"),
        values.integer("ENCHARGE_INSTANCES", cores, 1, 256),
        values.integer("ENCHARGE_MAX_CONCURRENCY", 128, 1, 10_000),
        values.integer("ENCHARGE_MAX_RETRIES", 3, 0, 20),
        values.longValue("ENCHARGE_RETRY_BASE_MS", 200, 1, 60_000),
        values.longValue("ENCHARGE_RETRY_MAX_MS", 5_000, 1, 600_000),
        values.integer("ENCHARGE_CONNECT_TIMEOUT_MS", 2_000, 1, 600_000),
        values.integer("ENCHARGE_IDLE_TIMEOUT_S", 30, 1, 3_600));

    String databaseUrl = values.string("DATABASE_URL");
    if (databaseUrl != null) {
      checkDatabaseUrl(databaseUrl);
    }
    DatabaseSettings database = new DatabaseSettings(
        databaseUrl,
        values.string("DATA_DIR", "./data"),
        values.integer("DB_INSTANCES", cores, 1, 256),
        values.integer("DB_POOL_SIZE", 8, 1, 1_000),
        values.longValue("WEBHOOK_LOG_FLUSH_MS", 50, 1, 60_000),
        values.integer("WEBHOOK_LOG_BATCH_SIZE", 500, 1, 100_000));

    List<String> roles = values.list("ROLES", List.of("subscriber", "customer"));
    if (roles.stream().anyMatch(role -> role.equalsIgnoreCase(ADMINISTRATOR))) {
      throw new ConfigException("ROLES", "administrator can never be assigned by a webhook: remove it");
    }
    String defaultRole = values.string("DEFAULT_ROLE", "subscriber");
    if (!roles.contains(defaultRole)) {
      throw new ConfigException("DEFAULT_ROLE", "'" + defaultRole + "' is not one of ROLES " + roles);
    }
    SyncSettings sync = new SyncSettings(
        lanes,
        values.integer("MAX_IN_FLIGHT", 5_000, 1, 10_000_000),
        values.integer("MAX_QUEUED_PER_CONTACT", 100, 1, 1_000_000),
        defaultRole,
        roles,
        fieldMap(values),
        values.string("RETURN_PASSWORD_FIELD"),
        values.integer("BCRYPT_COST", 10, 4, 31),
        values.integer("MAX_PENDING_HASHES", 256, 1, 1_000_000));

    MailSettings mail = new MailSettings(
        values.string("SMTP_HOST"),
        values.integer("SMTP_PORT", 587, 1, 65535),
        values.string("SMTP_USERNAME"),
        values.string("SMTP_PASSWORD"),
        values.string("MAIL_FROM"),
        stripTrailingSlash(values.string("PUBLIC_BASE_URL", "http://localhost:" + port)),
        values.string("SITE_NAME", "Our site"),
        values.string("LOGIN_URL"),
        values.string("MAIL_TEMPLATES_DIR", "conf/mail"),
        values.integer("PASSWORD_LINK_TTL_HOURS", 72, 1, 24 * 365),
        values.integer("MAIL_MAX_ATTEMPTS", 8, 1, 100),
        values.longValue("MAIL_RETRY_BASE_MS", 30_000, 10, 3_600_000),
        databaseUrl);

    return new GatewayConfig(http, encharge, database, sync, mail);
  }

  /** Serving real traffic needs an Encharge API key; the demo and tests bring their own. */
  public GatewayConfig requireApiKey() {
    if (encharge.apiKey() == null) {
      throw new ConfigException("ENCHARGE_API_KEY", "is required to serve webhooks (an Encharge API key)");
    }
    return this;
  }

  public GatewayConfig withHttp(HttpSettings newHttp) {
    return new GatewayConfig(newHttp, encharge, database, sync, mail);
  }

  public GatewayConfig withEncharge(EnchargeSettings newEncharge) {
    return new GatewayConfig(http, newEncharge, database, sync, mail);
  }

  /** The database URL goes to every slice that keeps a pool. */
  public GatewayConfig withDatabase(DatabaseSettings newDatabase) {
    return new GatewayConfig(http, encharge, newDatabase, sync, mail.withDatabaseUrl(newDatabase.url()));
  }

  private static Map<String, String> fieldMap(ConfigValues values) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("firstName", "first_name");
    map.put("lastName", "last_name");
    map.put("email", "user_email");
    values.map("FIELD_MAP").forEach((field, target) -> {
      if (field.isEmpty()) {
        throw new ConfigException("FIELD_MAP", "an entry has an empty Encharge field name");
      }
      String normalized = target.startsWith("meta:") ? target : target.toLowerCase(Locale.ROOT);
      boolean meta = normalized.startsWith("meta:") && META_KEY.matcher(normalized.substring(5)).matches();
      if (!meta && !FIELD_TARGETS.contains(normalized)) {
        throw new ConfigException("FIELD_MAP", "unknown target '" + target + "' for field '" + field
            + "' (use one of " + FIELD_TARGETS + " or meta:KEY)");
      }
      map.put(field, normalized);
    });
    return map;
  }

  private static String apiUrl(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ENCHARGE_API_URL", "'" + url + "' is not an http(s) URL");
    }
    return stripTrailingSlash(url);
  }

  private static void checkDatabaseUrl(String url) {
    // never echo the URL: it may hold a password
    if (!(url.startsWith("postgresql://") || url.startsWith("postgres://"))) {
      throw new ConfigException("DATABASE_URL", "must look like postgresql://user:pass@host:port/db");
    }
    try {
      PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new ConfigException("DATABASE_URL", "is malformed (expected postgresql://user:pass@host:port/db)");
    }
  }

  private static String stripTrailingSlash(String url) {
    return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
