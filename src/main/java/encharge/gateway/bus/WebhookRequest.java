package encharge.gateway.bus;

import java.time.Instant;

/**
 * One accepted webhook, as the HTTP verticle hands it to the sync lane of its contact.
 *
 * @param requestId   correlates every message and log line of this webhook
 * @param contactId   the Encharge person id: decides the lane
 * @param email       optional fallback lookup for update/update_tags (query or body)
 * @param role        the URL {@code role}, unvalidated, or null
 * @param receivedAt  when the HTTP verticle accepted the request
 * @param deadline    after this instant nobody waits for the answer any more
 */
public record WebhookRequest(
    String requestId,
    WebhookAction action,
    String contactId,
    String email,
    String role,
    boolean sendNotification,
    Instant receivedAt,
    Instant deadline) {
}
