package encharge.gateway.bus;

/**
 * The parts of a user that exist only when it is created. {@code login} is the wished-for login:
 * the users verticle appends a number when it is taken.
 */
public record NewUser(String login, String passwordHash, String role) {

  @Override
  public String toString() {
    return "NewUser[login=" + login + ", role=" + role + "]";
  }
}
