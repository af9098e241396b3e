package encharge.gateway.bus;

/**
 * @param userId 0 when {@code status} is {@link Status#NO_MATCH}
 * @param role   the user's role after the write
 * @param login  the user's login after the write (with its collision suffix, if any)
 */
public record ApplyResult(Status status, long userId, String role, String login) {

  public enum Status {
    /** An existing user linked to the contact id was updated. */
    UPDATED,
    /** An existing user found by email was linked to the contact id and updated. */
    LINKED,
    /** A new user was created. */
    CREATED,
    /** No user for the contact id nor the email, and nothing to create. */
    NO_MATCH
  }

  public static ApplyResult noMatch() {
    return new ApplyResult(Status.NO_MATCH, 0, null, null);
  }
}
