package encharge.gateway.bus;

/** A welcome mail for this user was queued in the database: send it without waiting for a poll. */
public record WelcomeMailDue(long userId) {
}
