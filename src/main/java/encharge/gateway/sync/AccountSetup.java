package encharge.gateway.sync;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.WebhookLogEntry;
import encharge.gateway.bus.WebhookRequest;
import encharge.gateway.bus.WelcomeMailDue;
import encharge.gateway.bus.WriteContactFields;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows the creation of a user, once it is committed: the welcome mail (queued with the
 * user in the same transaction; here the account verticle is only told to send it now) and the
 * write-back of a generated password to Encharge. Neither fails the webhook: a failure is a
 * warning in the answer, a webhook log row and a metric.
 */
final class AccountSetup {

  static final String RETURN_PASSWORD = "return_password";

  private static final Logger LOG = LoggerFactory.getLogger(AccountSetup.class);

  private final Vertx vertx;
  private final String returnPasswordField;
  private final WebhookMetrics metrics;

  AccountSetup(Vertx vertx, String returnPasswordField, WebhookMetrics metrics) {
    this.vertx = vertx;
    this.returnPasswordField = returnPasswordField;
    this.metrics = metrics;
  }

  /**
   * @param generatedPassword the password when the gateway generated it, null when the contact
   *                          supplied it: a secret, never logged
   */
  Future<Void> afterCreate(WebhookRequest request, ApplyResult created, String generatedPassword,
      List<String> warnings) {
    if (request.sendNotification()) {
      vertx.eventBus().send(Addresses.WELCOME_MAIL_DUE, new WelcomeMailDue(created.userId()));
    }
    if (returnPasswordField == null || generatedPassword == null) {
      return Future.succeededFuture();
    }
    Instant started = Instant.now();
    WriteContactFields write = new WriteContactFields(request.requestId(), request.contactId(),
        Map.of(returnPasswordField, generatedPassword), request.deadline());
    return BusRequest.<Boolean>send(vertx, Addresses.ENCHARGE_WRITE_FIELDS, write, request.deadline())
        .transform(result -> {
          String outcome = "ok";
          String error = null;
          if (result.failed()) {
            GatewayException failure = GatewayException.from(result.cause());
            outcome = failure.code().code();
            error = failure.getMessage();
            warnings.add("the generated password could not be written to Encharge field '" + returnPasswordField
                + "': " + error);
            LOG.atWarn().addKeyValue("requestId", request.requestId()).addKeyValue("contactId", request.contactId())
                .addKeyValue("outcome", outcome).log("return password failed");
          }
          long millis = Duration.between(started, Instant.now()).toMillis();
          vertx.eventBus().send(Addresses.WEBHOOK_LOG_APPEND, new WebhookLogEntry(started, request.requestId(),
              RETURN_PASSWORD, request.contactId(), outcome, created.userId(), millis, error));
          metrics.recordReturnPassword(outcome);
          return Future.succeededFuture();
        });
  }
}
