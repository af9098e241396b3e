package encharge.gateway.bus;

/**
 * The parts of a user that exist only when it is created. {@code login} is the wished-for login:
 * the users verticle appends a number when it is taken.
 *
 * @param sendWelcome queue the welcome mail in the transaction that creates the user, so that it
 *                    exists exactly when the user does and never twice
 */
public record NewUser(String login, String passwordHash, String role, boolean sendWelcome) {

  @Override
  public String toString() {
    return "NewUser[login=" + login + ", role=" + role + ", sendWelcome=" + sendWelcome + "]";
  }
}
