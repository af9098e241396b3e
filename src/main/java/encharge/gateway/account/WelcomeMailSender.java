package encharge.gateway.account;

import encharge.gateway.account.MailTemplates.RenderedMail;
import encharge.gateway.config.MailSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one claimed welcome mail: issues its set-password token, renders the templates, sends it
 * over SMTP (or only records it when no SMTP host is configured) and records the outcome. A failed
 * send is rescheduled with exponential backoff and jitter, until the last attempt gives up.
 */
final class WelcomeMailSender {

  static final String SET_PASSWORD_PATH = "/account/set-password";
  private static final long MAX_RETRY_DELAY_MS = 3_600_000;
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int IDLE_TIMEOUT_S = 60;
  /** Tries at marking a sent mail as sent: a mail that stays pending would be sent again. */
  private static final int MARK_SENT_TRIES = 4;

  private final Vertx vertx;
  private final MailSettings settings;
  private final MailTemplates templates;
  private final PasswordTokens tokens;
  private final WelcomeMailOutbox outbox;
  private final WelcomeMailOutcomes outcomes;
  /** Null without an SMTP host: mails are recorded, not sent. */
  private final MailClient smtp;
  private final String from;

  WelcomeMailSender(Vertx vertx, MailSettings settings, MailTemplates templates, PasswordTokens tokens,
      WelcomeMailOutbox outbox) {
    this.vertx = vertx;
    this.settings = settings;
    this.templates = templates;
    this.tokens = tokens;
    this.outbox = outbox;
    this.outcomes = new WelcomeMailOutcomes(vertx);
    this.smtp = settings.smtpHost() == null ? null : MailClient.create(vertx, mailConfig(settings));
    this.from = settings.mailFrom() != null ? settings.mailFrom() : "no-reply@" + host(settings.publicBaseUrl());
  }

  /** Never fails: every outcome, including a database failure, ends in the outbox row or the log. */
  Future<Void> deliver(WelcomeMail mail) {
    long started = System.nanoTime();
    String token = PasswordTokens.newToken();
    RenderedMail rendered = templates.render(values(mail, token));
    if (smtp == null) {
      // rendered all the same, so a broken template shows before SMTP is set up; no token is
      // stored: a link that was never delivered must not open the account
      return outbox.markDone(mail.userId(), WelcomeMailOutcomes.RECORDED)
          .onSuccess(done -> outcomes.record(mail, WelcomeMailOutcomes.RECORDED, started, null))
          .otherwise(failure -> retryAfterLease(mail, started, failure));
    }
    if (mail.email() == null || mail.email().isBlank()) {
      return failed(mail, started, "the user has no email address", null);
    }
    String tokenHash = PasswordTokens.hash(token);
    MailMessage message = new MailMessage().setFrom(from).setTo(mail.email())
        .setSubject(rendered.subject()).setText(rendered.text()).setHtml(rendered.html());
    return tokens.issue(tokenHash, mail.userId(), settings.passwordLinkTtlHours())
        .compose(issued -> smtp.sendMail(message)
            .transform(sent -> sent.succeeded()
                ? markSent(mail, MARK_SENT_TRIES).transform(marked -> {
                  outcomes.record(mail, WelcomeMailOutcomes.SENT, started, marked.succeeded() ? null
                      : "sent, but not marked as sent (" + describe(marked.cause()) + "): it may be sent again");
                  return Future.<Void>succeededFuture();
                })
                : failed(mail, started, describe(sent.cause()), tokenHash)))
        .otherwise(failure -> retryAfterLease(mail, started, failure));
  }

  Future<Void> close() {
    return smtp == null ? Future.succeededFuture() : smtp.close();
  }

  /** Backoff before attempt {@code attempts + 1}: base * 2^(attempts-1), capped at an hour, half of it jittered. */
  static long retryDelayMs(long baseMs, int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    long delay = Math.min(MAX_RETRY_DELAY_MS, baseMs << doublings);
    return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
  }

  private Future<Void> failed(WelcomeMail mail, long started, String error, String unsentTokenHash) {
    Future<Void> dropToken = unsentTokenHash == null ? Future.succeededFuture()
        : tokens.drop(unsentTokenHash).otherwiseEmpty();
    long delay = retryDelayMs(settings.retryBaseMs(), mail.attempts());
    return dropToken
        .compose(dropped -> outbox.recordFailure(mail.userId(), delay, error, settings.maxAttempts()))
        .map(status -> {
          String outcome = "failed".equals(status) ? WelcomeMailOutcomes.FAILED : WelcomeMailOutcomes.SEND_FAILED;
          outcomes.record(mail, outcome, started, error);
          return null;
        });
  }

  private Future<Void> markSent(WelcomeMail mail, int triesLeft) {
    return outbox.markDone(mail.userId(), WelcomeMailOutcomes.SENT).recover(failure -> triesLeft <= 1
        ? Future.failedFuture(failure)
        : vertx.timer(500L * (MARK_SENT_TRIES - triesLeft + 1)).compose(waited -> markSent(mail, triesLeft - 1)));
  }

  /** The database failed us: the row keeps its lease and is claimed again when the lease runs out. */
  private Void retryAfterLease(WelcomeMail mail, long started, Throwable failure) {
    outcomes.record(mail, WelcomeMailOutcomes.SEND_FAILED, started,
        "storage: " + describe(failure) + " (tried again when the claim's lease ends)");
    return null;
  }

  private Map<String, String> values(WelcomeMail mail, String token) {
    Map<String, String> values = new HashMap<>();
    values.put("site_name", settings.siteName());
    values.put("login", mail.login());
    values.put("first_name", mail.firstName());
    values.put("display_name", mail.displayName());
    values.put("login_url", settings.loginUrl());
    values.put("set_password_url", settings.publicBaseUrl() + SET_PASSWORD_PATH + "?token=" + token);
    values.put("link_lifetime_hours", Integer.toString(settings.passwordLinkTtlHours()));
    return values;
  }

  /** One line, bounded, with no credentials: SMTP replies quote commands, never the AUTH secret. */
  private static String describe(Throwable failure) {
    String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return text.replaceAll("[\\r\\n]+", " ").strip();
  }

  private static MailConfig mailConfig(MailSettings settings) {
    MailConfig config = new MailConfig()
        .setHostname(settings.smtpHost())
        .setPort(settings.smtpPort())
        .setStarttls(StartTLSOptions.OPTIONAL)
        .setMaxPoolSize(4);
    config.setConnectTimeout(CONNECT_TIMEOUT_MS);
    config.setIdleTimeout(IDLE_TIMEOUT_S);
    if (settings.smtpUsername() != null) {
      config.setLogin(LoginOption.REQUIRED).setUsername(settings.smtpUsername()).setPassword(settings.smtpPassword());
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    return config;
  }

  private static String host(String baseUrl) {
    try {
      String host = URI.create(baseUrl).getHost();
      return host == null ? "localhost" : host;
    } catch (IllegalArgumentException e) {
      return "localhost";
    }
  }
}
