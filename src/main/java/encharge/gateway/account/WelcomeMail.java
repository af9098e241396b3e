package encharge.gateway.account;

import io.vertx.sqlclient.Row;

/**
 * A claimed welcome mail: its outbox row and what the mail says of its user.
 *
 * @param requestId the webhook that created the user, so its log rows can be read together
 * @param attempts  this attempt's number, counting from 1
 */
record WelcomeMail(long userId, String requestId, String contactId, int attempts, String login, String email,
    String firstName, String displayName) {

  static WelcomeMail from(Row row) {
    return new WelcomeMail(row.getLong("user_id"), row.getString("request_id"), row.getString("contact_id"),
        row.getInteger("attempts"), row.getString("login"), row.getString("email"), row.getString("first_name"),
        row.getString("display_name"));
  }
}
