package encharge.gateway.bus;

import java.time.Instant;

/** Load one person from Encharge by id; retries stop at {@code deadline}. */
public record FetchContact(String requestId, String contactId, Instant deadline) {
}
