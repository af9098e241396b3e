package encharge.gateway.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vertx.core.json.JsonObject;

/**
 * The welcome email's slice; {@code smtpHost} null: mails are recorded, not sent.
 *
 * @param templatesDir          folder of welcome.txt / welcome.html / welcome.subject (built-in
 *                              templates serve when a file is missing)
 * @param passwordLinkTtlHours  lifetime of a set-password link
 * @param maxAttempts           sends tried before a mail is given up as failed
 * @param retryBaseMs           first retry delay; doubled per attempt, with jitter, capped at 1 hour
 */
// a verticle config may carry keys of other parts (e.g. the set-password page's): ignored here
@JsonIgnoreProperties(ignoreUnknown = true)
public record MailSettings(String smtpHost, int smtpPort, String smtpUsername, String smtpPassword,
    String mailFrom, String publicBaseUrl, String siteName, String loginUrl, String templatesDir,
    int passwordLinkTtlHours, int maxAttempts, long retryBaseMs, String databaseUrl) {

  /** The account verticle keeps its own small pool: it needs the database URL too. */
  public MailSettings withDatabaseUrl(String url) {
    return new MailSettings(smtpHost, smtpPort, smtpUsername, smtpPassword, mailFrom, publicBaseUrl, siteName,
        loginUrl, templatesDir, passwordLinkTtlHours, maxAttempts, retryBaseMs, url);
  }

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
        + publicBaseUrl + ", siteName=" + siteName + ", loginUrl=" + loginUrl + ", templatesDir=" + templatesDir
        + ", passwordLinkTtlHours=" + passwordLinkTtlHours + ", maxAttempts=" + maxAttempts + "]";
  }
}
