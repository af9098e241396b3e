package encharge.gateway.account;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.PasswordTokenCheck;
import encharge.gateway.bus.PasswordTokenStatus;
import encharge.gateway.bus.SetPassword;
import encharge.gateway.config.MailSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page behind the welcome mail's link: {@code GET /account/set-password?token=…} shows a form,
 * {@code POST /account/set-password} (form fields token, password, password_confirm) sets the
 * password once. Tokens are checked and spent by the account verticle, over the bus.
 */
public final class SetPasswordPage {

  /** Key of the HTTP verticle's config that holds {@link #config(MailSettings)}. */
  public static final String CONFIG_KEY = "setPasswordPage";
  public static final String PATH = WelcomeMailSender.SET_PASSWORD_PATH;

  private static final Logger LOG = LoggerFactory.getLogger(SetPasswordPage.class);
  private static final long BUS_TIMEOUT_MS = 10_000;
  private static final String DEFAULT_SITE_NAME = "Our site";

  private final Vertx vertx;
  private final String siteName;
  /** Null: no login link on the pages. */
  private final String loginUrl;

  /** @param config {@link #config(MailSettings)}; null: the default site name, no login link */
  public SetPasswordPage(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    JsonObject settings = config == null ? new JsonObject() : config;
    this.siteName = settings.getString("siteName", DEFAULT_SITE_NAME);
    this.loginUrl = settings.getString("loginUrl");
  }

  /** What the page shows of the mail settings: the site name and the login URL, no secret. */
  public static JsonObject config(MailSettings mail) {
    return new JsonObject().put("siteName", mail.siteName()).put("loginUrl", mail.loginUrl());
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::show);
    router.post(PATH).handler(this::submit);
  }

  private void show(RoutingContext rc) {
    String token = rc.request().getParam("token");
    if (token == null || token.isBlank()) {
      missingToken(rc);
      return;
    }
    this.<PasswordTokenStatus>ask(Addresses.PASSWORD_TOKEN_CHECK, new PasswordTokenCheck(token)).onComplete(
        status -> {
          if (status.state() == PasswordTokenStatus.State.VALID) {
            send(rc, 200, SetPasswordHtml.form(siteName, status.login(), token, null));
          } else {
            refused(rc, status.state());
          }
        },
        failure -> unavailable(rc, failure));
  }

  private void submit(RoutingContext rc) {
    // form fields only: a token in the POST's URL would end up in logs and histories
    String token = rc.request().getFormAttribute("token");
    String password = rc.request().getFormAttribute("password");
    String confirmation = rc.request().getFormAttribute("password_confirm");
    if (token == null || token.isBlank()) {
      missingToken(rc);
      return;
    }
    String problem = PasswordRule.problem(password, confirmation);
    if (problem != null) {
      // the form again, for a token that is still good; a refused token gets its own page
      this.<PasswordTokenStatus>ask(Addresses.PASSWORD_TOKEN_CHECK, new PasswordTokenCheck(token)).onComplete(
          status -> {
            if (status.state() == PasswordTokenStatus.State.VALID) {
              send(rc, 400, SetPasswordHtml.form(siteName, status.login(), token, problem));
            } else {
              refused(rc, status.state());
            }
          },
          failure -> unavailable(rc, failure));
      return;
    }
    this.<PasswordTokenStatus>ask(Addresses.PASSWORD_SET, new SetPassword(token, password)).onComplete(
        status -> {
          if (status.state() == PasswordTokenStatus.State.VALID) {
            send(rc, 200, SetPasswordHtml.passwordSet(siteName, status.login(), loginUrl));
          } else {
            refused(rc, status.state());
          }
        },
        failure -> unavailable(rc, failure));
  }

  private void refused(RoutingContext rc, PasswordTokenStatus.State state) {
    switch (state) {
      case EXPIRED -> send(rc, 410, SetPasswordHtml.notice(siteName, "This link has expired",
          "Links to choose a password work for a limited time only. Please ask " + siteName
              + " for a new one.", null));
      case USED -> send(rc, 410, SetPasswordHtml.notice(siteName, "This link has already been used",
          "Each link sets a password once, and this one has. Log in with the password you chose.", loginUrl));
      default -> send(rc, 404, SetPasswordHtml.notice(siteName, "This link is not valid",
          "Please check that you opened the whole address from the mail.", null));
    }
  }

  private void missingToken(RoutingContext rc) {
    send(rc, 400, SetPasswordHtml.notice(siteName, "This link is incomplete",
        "The address lacks its token. Please open the whole link from the mail.", null));
  }

  private void unavailable(RoutingContext rc, Throwable failure) {
    GatewayException gateway = GatewayException.from(failure);
    if (gateway.code() == FailureCode.INVALID_REQUEST) {
      // the account verticle's own password check; the page checks first, so this is a mismatch of the two
      send(rc, 400, SetPasswordHtml.notice(siteName, "Password not accepted", gateway.getMessage(), null));
      return;
    }
    LOG.atWarn().addKeyValue("code", gateway.code().code()).addKeyValue("error", gateway.getMessage())
        .log("set-password page could not be served");
    rc.response().putHeader(HttpHeaders.RETRY_AFTER, "30");
    send(rc, 503, SetPasswordHtml.notice(siteName, "Please try again in a minute",
        "The service is briefly unavailable.", null));
  }

  private <T> Future<T> ask(String address, Object request) {
    return vertx.eventBus().<T>request(address, request, new DeliveryOptions().setSendTimeout(BUS_TIMEOUT_MS))
        .map(reply -> reply.body());
  }

  private static void send(RoutingContext rc, int status, String html) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        .end(html);
  }
}
