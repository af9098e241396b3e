package encharge.gateway.config;

import io.vertx.core.json.JsonObject;

/** The welcome email's slice; {@code smtpHost} null: mails are recorded, not sent. */
public record MailSettings(String smtpHost, int smtpPort, String smtpUsername, String smtpPassword,
    String mailFrom, String publicBaseUrl, String siteName, String loginUrl) {

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static MailSettings fromJson(JsonObject json) {
    return json.mapTo(MailSettings.class);
  }

  @Override
  public String toString() {
    return "MailSettings[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", smtpUsername="
        + (smtpUsername == null ? "unset" : "***") + ", mailFrom=" + mailFrom + ", publicBaseUrl="
        + publicBaseUrl + ", siteName=" + siteName + ", loginUrl=" + loginUrl + "]";
  }
}
