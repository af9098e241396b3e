package encharge.gateway.sync;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.ContactLookup;
import encharge.gateway.bus.UserChanges;
import encharge.gateway.bus.WebhookAction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a queued webhook may reuse what the one before it fetched and wrote. */
class ContactQueueTest {

  private final ContactQueue queue = new ContactQueue();
  private final ContactLookup lookup = new ContactLookup(null);
  private final ApplyResult written = new ApplyResult(ApplyResult.Status.UPDATED, 7, "subscriber", "jane");
  private final UserChanges tags = UserChanges.tagsOnly(List.of("vip"));
  private final UserChanges customer = tags.withRole("customer");

  @Test
  void onlyAFetchThatStartedAfterTheWebhookArrivedIsShared() {
    Instant fetchStarted = Instant.parse("2026-12-04T10:00:00Z");
    queue.fetched(fetchStarted, lookup);
    assertSame(lookup, queue.fetchNewerThan(fetchStarted.minusMillis(1)));
    assertNull(queue.fetchNewerThan(fetchStarted));
    assertNull(queue.fetchNewerThan(fetchStarted.plusMillis(1)));
  }

  @Test
  void aWriteIsSharedOnlyWhenItCoveredEverythingTheNextWouldWrite() {
    queue.fetched(Instant.now(), lookup);
    queue.wrote(lookup, WebhookAction.UPDATE, null, customer, written);

    assertSame(written, queue.sameWrite(lookup, WebhookAction.UPDATE, null, customer));
    assertSame(written, queue.sameWrite(lookup, WebhookAction.UPDATE_TAGS, null, tags), "an update covers the tags");
    assertNull(queue.sameWrite(lookup, WebhookAction.UPDATE, null, tags), "another role must be written");
    assertNull(queue.sameWrite(lookup, WebhookAction.UPDATE, "a@example.com", customer), "another lookup email");
    assertNull(queue.sameWrite(new ContactLookup(null), WebhookAction.UPDATE, null, customer), "another snapshot");
  }

  @Test
  void tagsOnlyDoesNotCoverAFullUpdate() {
    queue.fetched(Instant.now(), lookup);
    queue.wrote(lookup, WebhookAction.UPDATE_TAGS, null, tags, written);
    assertSame(written, queue.sameWrite(lookup, WebhookAction.UPDATE_TAGS, null, tags));
    assertNull(queue.sameWrite(lookup, WebhookAction.UPDATE, null, tags));
  }

  @Test
  void aNewFetchForgetsTheLastWrite() {
    queue.fetched(Instant.now(), lookup);
    queue.wrote(lookup, WebhookAction.UPDATE, null, customer, written);
    queue.fetched(Instant.now(), lookup); // e.g. an add fetched and may have created the user since
    assertNull(queue.sameWrite(lookup, WebhookAction.UPDATE, null, customer));
  }
}
