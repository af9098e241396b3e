package encharge.gateway.bus;

import java.time.Instant;

/**
 * One row of the webhook log: every webhook leaves exactly one.
 *
 * @param outcome  {@code ok}, or the failure's machine code
 * @param userId   null when no user was involved
 * @param error    human text of the failure, null on success; never a secret
 */
public record WebhookLogEntry(Instant receivedAt, String requestId, String action, String contactId,
    String outcome, Long userId, long durationMillis, String error) {
}
