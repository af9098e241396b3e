package encharge.gateway.bus;

/**
 * What a set-password token is worth.
 *
 * @param login the user's login when the token is valid (shown on the page), else null
 */
public record PasswordTokenStatus(State state, String login) {

  public enum State {
    VALID,
    EXPIRED,
    /** Already spent: each link sets a password once. */
    USED,
    /** Never issued (forged, mistyped, or its user deleted). */
    UNKNOWN
  }
}
