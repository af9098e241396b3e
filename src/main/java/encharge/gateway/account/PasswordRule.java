package encharge.gateway.account;

import java.nio.charset.StandardCharsets;

/** What a new password must be: checked by the page and again by the account verticle. */
final class PasswordRule {

  static final int MIN_CHARACTERS = 8;
  /** bcrypt reads 72 bytes at most: a longer password would be silently cut. */
  static final int MAX_BYTES = 72;

  private PasswordRule() {
  }

  /** Why the password is refused, for the person typing it; null when it is fine. */
  static String problem(String password, String confirmation) {
    String problem = problem(password);
    if (problem == null && !password.equals(confirmation)) {
      return "The two passwords are not the same.";
    }
    return problem;
  }

  /** As {@link #problem(String, String)}, for a password that needs no confirmation. */
  static String problem(String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
      return "The password must have at least " + MIN_CHARACTERS + " characters.";
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "The password must be at most " + MAX_BYTES + " bytes long (about " + MAX_BYTES
          + " letters or digits, fewer with accents or symbols).";
    }
    return null;
  }
}
