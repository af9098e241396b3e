package encharge.gateway.bus;

import java.time.Instant;

/**
 * Write one webhook's changes in one database transaction.
 *
 * <p>The user is the one linked to {@code contactId}, else the one whose email is
 * {@code lookupEmail} (then the contact id is linked to it). None: with {@code newUser} null the
 * reply is {@link ApplyResult.Status#NO_MATCH}; with {@code newUser} set the user is created
 * (exactly one per contact id and per email, whatever races).
 *
 * @param contactUpdatedAt Encharge's {@code updatedAt} of the contact the changes come from: an
 *                         older snapshot never overwrites a newer one (replicas may race)
 */
public record ApplyToUser(String requestId, WebhookAction action, String contactId,
    String lookupEmail, UserChanges changes, Instant contactUpdatedAt, NewUser newUser) {
}
