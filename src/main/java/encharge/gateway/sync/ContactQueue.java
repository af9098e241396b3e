package encharge.gateway.sync;

import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.ContactLookup;
import encharge.gateway.bus.UserChanges;
import encharge.gateway.bus.WebhookAction;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Objects;

/**
 * The webhooks of one contact on one lane: a chain of futures, so that each starts when the one
 * before it has finished, plus what the last one fetched and wrote, so that redundant queued
 * updates can share them. Touched only from the lane's event loop.
 */
final class ContactQueue {

  private Future<?> tail = Future.succeededFuture();
  private int waiting;
  private Fetch lastFetch;
  private Write lastWrite;

  Future<?> tail() {
    return tail;
  }

  void append(Future<?> next) {
    tail = next;
    waiting++;
  }

  /** @return true when nothing waits any more, so the queue can be dropped */
  boolean finishOne() {
    return --waiting == 0;
  }

  int waiting() {
    return waiting;
  }

  /**
   * A fetch that started after the webhook arrived already reflects everything the webhook could
   * want to see: it can serve it instead of a new call to Encharge.
   */
  ContactLookup fetchNewerThan(Instant receivedAt) {
    return lastFetch != null && lastFetch.startedAt().isAfter(receivedAt) ? lastFetch.lookup() : null;
  }

  void fetched(Instant startedAt, ContactLookup lookup) {
    lastFetch = new Fetch(startedAt, lookup);
    lastWrite = null;
  }

  /** The result of the last write when the same snapshot already wrote everything this one would. */
  ApplyResult sameWrite(ContactLookup lookup, WebhookAction action, String lookupEmail, UserChanges changes) {
    if (lastWrite == null || lastWrite.lookup() != lookup || !Objects.equals(lastWrite.lookupEmail(), lookupEmail)) {
      return null;
    }
    if (action == WebhookAction.UPDATE && !Objects.equals(lastWrite.role(), changes.role())) {
      return null;
    }
    boolean covers = lastWrite.action() == action
        || (lastWrite.action() == WebhookAction.UPDATE && action == WebhookAction.UPDATE_TAGS);
    return covers ? lastWrite.result() : null;
  }

  void wrote(ContactLookup lookup, WebhookAction action, String lookupEmail, UserChanges changes, ApplyResult result) {
    lastWrite = new Write(lookup, action, lookupEmail, changes.role(), result);
  }

  private record Fetch(Instant startedAt, ContactLookup lookup) {
  }

  private record Write(ContactLookup lookup, WebhookAction action, String lookupEmail, String role,
      ApplyResult result) {
  }
}
