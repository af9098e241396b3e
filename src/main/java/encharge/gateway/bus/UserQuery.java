package encharge.gateway.bus;

/** Admin read: exactly one of the three is set. */
public record UserQuery(Long id, String contactId, String email) {
}
