package encharge.gateway.account;

/**
 * The pages of the set-password link: plain HTML, no script, no external asset, readable without
 * styles, every echoed value escaped.
 */
final class SetPasswordHtml {

  private static final String STYLE = "body{font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;"
      + "max-width:30rem;margin:2.5rem auto;padding:0 1rem}label{display:block;margin-top:1rem;font-weight:600}"
      + "input{display:block;width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin-top:.25rem}"
      + "button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}.hint{color:#444;margin:.25rem 0 0}"
      + ".error{border:2px solid #b00020;color:#b00020;padding:.5rem .75rem}"
      // input{display:block} would otherwise show the hidden username field kept for password managers
      + "[hidden]{display:none!important}";

  private SetPasswordHtml() {
  }

  /** The form; {@code error} (null: none) is announced to screen readers. */
  static String form(String siteName, String login, String token, String error) {
    StringBuilder body = new StringBuilder()
        .append("<h1>Choose your password</h1>\n")
        .append("<p>For your account <strong>").append(Html.escape(login)).append("</strong> at ")
        .append(Html.escape(siteName)).append(".</p>\n");
    if (error != null) {
      body.append("<p class=\"error\" role=\"alert\" id=\"form-error\">").append(Html.escape(error)).append("</p>\n");
    }
    String described = error == null ? "password-hint" : "password-hint form-error";
    // relative action: the same path without the query, so the token travels only in the body
    body.append("<form method=\"post\" action=\"set-password\">\n")
        .append("<input type=\"hidden\" name=\"token\" value=\"").append(Html.escape(token)).append("\">\n")
        // lets password managers store the new password under the right login
        .append("<input type=\"text\" name=\"username\" autocomplete=\"username\" value=\"")
        .append(Html.escape(login)).append("\" hidden>\n")
        .append("<label for=\"password\">New password</label>\n")
        .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" ")
        .append("minlength=\"").append(PasswordRule.MIN_CHARACTERS).append("\" required aria-describedby=\"")
        .append(described).append("\"").append(error == null ? "" : " aria-invalid=\"true\"").append(">\n")
        .append("<p class=\"hint\" id=\"password-hint\">At least ").append(PasswordRule.MIN_CHARACTERS)
        .append(" characters.</p>\n")
        .append("<label for=\"password_confirm\">Repeat the new password</label>\n")
        .append("<input id=\"password_confirm\" name=\"password_confirm\" type=\"password\" ")
        .append("autocomplete=\"new-password\" minlength=\"").append(PasswordRule.MIN_CHARACTERS)
        .append("\" required>\n")
        .append("<button type=\"submit\">Set password</button>\n")
        .append("</form>\n");
    return page(siteName, "Choose your password", body.toString());
  }

  static String passwordSet(String siteName, String login, String loginUrl) {
    String body = "<h1>Your password is set</h1>\n<p>You can now log in to " + Html.escape(siteName)
        + " as <strong>" + Html.escape(login) + "</strong> with your new password.</p>\n" + loginLink(loginUrl);
    return page(siteName, "Your password is set", body);
  }

  /** A page that only tells something: a refused link, an outage. */
  static String notice(String siteName, String title, String text, String loginUrl) {
    String body = "<h1>" + Html.escape(title) + "</h1>\n<p>" + Html.escape(text) + "</p>\n" + loginLink(loginUrl);
    return page(siteName, title, body);
  }

  private static String loginLink(String loginUrl) {
    return loginUrl == null ? ""
        : "<p><a href=\"" + Html.escape(loginUrl) + "\">Go to the login page</a></p>\n";
  }

  private static String page(String siteName, String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta name=\"robots\" content=\"noindex\">\n"
        + "<title>" + Html.escape(title) + " | " + Html.escape(siteName) + "</title>\n"
        + "<style>" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
        + "<p>" + Html.escape(siteName) + "</p>\n" + body + "</main>\n</body>\n</html>\n";
  }
}
