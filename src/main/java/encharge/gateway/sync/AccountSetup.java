package encharge.gateway.sync;

import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.EnchargeContact;
import encharge.gateway.bus.WebhookRequest;
import io.vertx.core.Future;
import java.util.List;

/**
 * What follows the creation of a user, once it is committed: the welcome email and the
 * return-password write-back. Neither is built yet, so asking for them is reported in the
 * answer's warnings instead of being silently ignored.
 */
final class AccountSetup {

  private final String returnPasswordField;

  AccountSetup(String returnPasswordField) {
    this.returnPasswordField = returnPasswordField;
  }

  /**
   * @param generatedPassword the password when the gateway generated it, null when the contact
   *                          supplied it: a secret, never logged
   */
  Future<Void> afterCreate(WebhookRequest request, EnchargeContact contact, ApplyResult created,
      String generatedPassword, List<String> warnings) {
    if (request.sendNotification()) {
      warnings.add("send_notification is not supported yet: no welcome email was sent");
    }
    if (returnPasswordField != null && generatedPassword != null) {
      warnings.add("RETURN_PASSWORD_FIELD is not supported yet: the password was not written back");
    }
    return Future.succeededFuture();
  }
}
