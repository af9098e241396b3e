package encharge.gateway.bus;

/** Admin read of the webhook log, newest first; {@code contactId} null means all contacts. */
public record WebhookLogQuery(String contactId, int limit) {
}
