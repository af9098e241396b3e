package encharge.gateway.bus;

/**
 * Every event-bus address of the gateway: the contract between its verticles.
 */
public final class Addresses {

  /** {@link FetchContact} -> {@link ContactLookup}. Served by the Encharge API verticle. */
  public static final String ENCHARGE_FETCH_CONTACT = "encharge.contact.fetch";
  /** {@link WriteContactFields} -> {@link Boolean#TRUE}. Served by the Encharge API verticle. */
  public static final String ENCHARGE_WRITE_FIELDS = "encharge.contact.write-fields";

  /** {@link ApplyToUser} -> {@link ApplyResult}. Served by the users verticle. */
  public static final String USERS_APPLY = "users.apply";
  /** {@link UserQuery} -> {@code JsonObject {"users":[...]}}. Served by the users verticle. */
  public static final String USERS_QUERY = "users.query";
  /** {@link WebhookLogEntry}, fire and forget: written in batches by the users verticle. */
  public static final String WEBHOOK_LOG_APPEND = "users.webhook-log.append";
  /** {@link WebhookLogQuery} -> {@code JsonObject {"webhooks":[...]}}. */
  public static final String WEBHOOK_LOG_QUERY = "users.webhook-log.query";
  /** any body -> {@link Boolean#TRUE} when the database answers. */
  public static final String STORAGE_PING = "users.ping";
  /** {@link AccessKeyRequest} -> {@link AccessKey}: the webhook key, generated and stored on first start. */
  public static final String ACCESS_KEY = "users.access-key";

  /** {@link WelcomeMailDue}, fire and forget: a welcome mail was queued; send it now. */
  public static final String WELCOME_MAIL_DUE = "account.welcome-mail.due";
  /** {@link PasswordTokenCheck} -> {@link PasswordTokenStatus}. Served by the account verticle. */
  public static final String PASSWORD_TOKEN_CHECK = "account.password-token.check";
  /** {@link SetPassword} -> {@link PasswordTokenStatus} ({@code VALID}: the password was set). */
  public static final String PASSWORD_SET = "account.password.set";

  private static final String SYNC_LANE_PREFIX = "sync.webhook.";

  private Addresses() {
  }

  /**
   * The lane a contact's webhooks are serialized on. Every webhook of one contact goes to the same
   * lane, and one lane is served by exactly one sync verticle instance, so its work is chained
   * there in arrival order.
   */
  public static String syncLane(String contactId, int lanes) {
    return syncLane(Math.floorMod(contactId.hashCode(), lanes));
  }

  public static String syncLane(int lane) {
    return SYNC_LANE_PREFIX + lane;
  }
}
