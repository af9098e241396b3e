package encharge.gateway.account;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.WebhookLogEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what became of each attempt at a welcome mail: a webhook log row (action
 * {@code welcome_email}), the counter {@code gateway_welcome_emails_total{outcome}} and a log line.
 * None of them ever holds the link, its token or the address.
 */
final class WelcomeMailOutcomes {

  static final String ACTION = "welcome_email";
  static final String SENT = "sent";
  static final String RECORDED = "recorded";
  /** Failed this time; will be retried. */
  static final String SEND_FAILED = "send_failed";
  /** Given up after the last attempt. */
  static final String FAILED = "failed";

  private static final Logger LOG = LoggerFactory.getLogger(WelcomeMailOutcomes.class);

  private final Vertx vertx;
  /** Null when the process runs without metrics (most tests). */
  private final MeterRegistry registry;

  WelcomeMailOutcomes(Vertx vertx) {
    this.vertx = vertx;
    this.registry = BackendRegistries.getDefaultNow();
  }

  /** @param error why the attempt failed, null on success; never a secret */
  void record(WelcomeMail mail, String outcome, long startedNanos, String error) {
    long durationMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    vertx.eventBus().send(Addresses.WEBHOOK_LOG_APPEND, new WebhookLogEntry(Instant.now(), mail.requestId(), ACTION,
        mail.contactId(), outcome, mail.userId(), durationMillis, error));
    if (registry != null) {
      Counter.builder("gateway.welcome.emails").description("Welcome mail attempts, by outcome")
          .tag("outcome", outcome).register(registry).increment();
    }
    var line = (error == null ? LOG.atInfo() : LOG.atWarn())
        .addKeyValue("userId", mail.userId())
        .addKeyValue("contactId", mail.contactId())
        .addKeyValue("requestId", mail.requestId())
        .addKeyValue("attempt", mail.attempts())
        .addKeyValue("outcome", outcome)
        .addKeyValue("durationMs", durationMillis);
    if (error != null) {
      line = line.addKeyValue("error", error);
    }
    line.log("welcome mail");
  }
}
