package encharge.gateway.bus;

/** Is this set-password token usable? The token is a secret: never logged. */
public record PasswordTokenCheck(String token) {

  @Override
  public String toString() {
    return "PasswordTokenCheck[token=***]";
  }
}
