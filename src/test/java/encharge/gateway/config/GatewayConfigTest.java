package encharge.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration stops start-up with one line naming the setting. */
class GatewayConfigTest {

  private static ConfigException rejected(JsonObject raw) {
    return assertThrows(ConfigException.class, () -> GatewayConfig.from(raw));
  }

  @Test
  void defaultsFollowTheContract() {
    GatewayConfig config = GatewayConfig.from(new JsonObject());
    assertEquals(8080, config.http().port());
    assertEquals("https://api.encharge.io/v1", config.encharge().apiUrl());
    assertEquals("./data", config.database().dataDir());
    assertTrue(config.database().embedded());
    assertNull(config.http().adminToken());
    assertEquals("subscriber", config.sync().defaultRole());
    assertEquals(List.of("subscriber", "customer"), config.sync().roles());
    assertEquals(Map.of("firstName", "first_name", "lastName", "last_name", "email", "user_email"), config.sync().fieldMap());
    assertEquals(64 * 1024, config.http().maxBodyBytes());
    assertEquals("http://localhost:8080", config.mail().publicBaseUrl());
    assertEquals("Our site", config.mail().siteName());
  }

  @Test
  void servingWithoutAnApiKeyIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.from(new JsonObject()).requireApiKey());
    assertEquals("ENCHARGE_API_KEY", e.setting());
  }

  @Test
  void malformedDatabaseUrlIsNamedButNotEchoed() {
    ConfigException e = rejected(new JsonObject().put("DATABASE_URL", "mysql://root:s3cret@db/x"));
    assertEquals("DATABASE_URL", e.setting());
    assertFalse(e.getMessage().contains("s3cret"));
  }

  @Test
  void unknownFieldMapTargetIsRefused() {
    ConfigException e = rejected(new JsonObject().put("FIELD_MAP", "company=billing_company"));
    assertEquals("FIELD_MAP", e.setting());
    assertTrue(e.getMessage().contains("billing_company"));
    GatewayConfig ok = GatewayConfig.from(new JsonObject().put("FIELD_MAP", new JsonObject()
        .put("company", "meta:billing_company").put("username", "USER_LOGIN")));
    assertEquals("meta:billing_company", ok.sync().fieldMap().get("company"));
    assertEquals("user_login", ok.sync().fieldMap().get("username"));
  }

  @Test
  void defaultRoleMustBeAnAllowedRole() {
    assertEquals("DEFAULT_ROLE", rejected(new JsonObject().put("DEFAULT_ROLE", "editor")).setting());
    assertEquals("ROLES", rejected(new JsonObject().put("ROLES", "subscriber,administrator")).setting());
  }

  @Test
  void numbersAreChecked() {
    assertEquals("HTTP_PORT", rejected(new JsonObject().put("HTTP_PORT", "eighty")).setting());
    assertEquals("HTTP_PORT", rejected(new JsonObject().put("HTTP_PORT", 70000)).setting());
    assertEquals(9090, GatewayConfig.from(new JsonObject().put("HTTP_PORT", "9090")).http().port());
  }

  @Test
  void secretsStayOutOfToString() {
    GatewayConfig config = GatewayConfig.from(new JsonObject().put("ENCHARGE_API_KEY", "api-secret")
        .put("ADMIN_TOKEN", "admin-secret").put("SMTP_PASSWORD", "smtp-secret").put("SMTP_USERNAME", "smtp-user")
        .put("DATABASE_URL", "postgresql://u:db-secret@h:5432/d"));
    String text = config.toString();
    for (String secret : List.of("api-secret", "admin-secret", "smtp-secret", "db-secret")) {
      assertFalse(text.contains(secret), secret + " in " + text);
    }
  }
}
