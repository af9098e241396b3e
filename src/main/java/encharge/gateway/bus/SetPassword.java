package encharge.gateway.bus;

/** Spend a set-password token on a new password. Both are secrets: never logged. */
public record SetPassword(String token, String password) {

  @Override
  public String toString() {
    return "SetPassword[token=***, password=***]";
  }
}
