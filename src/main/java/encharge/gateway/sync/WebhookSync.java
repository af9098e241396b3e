package encharge.gateway.sync;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.ApplyToUser;
import encharge.gateway.bus.ContactLookup;
import encharge.gateway.bus.EnchargeContact;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.FetchContact;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.NewUser;
import encharge.gateway.bus.UserChanges;
import encharge.gateway.bus.WebhookAction;
import encharge.gateway.bus.WebhookOutcome;
import encharge.gateway.bus.WebhookRequest;
import encharge.gateway.config.GatewayConfig;
import encharge.gateway.sync.ContactMapper.MappedContact;
import encharge.gateway.users.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One webhook from start to answer: fetch the contact from Encharge, map it, write it to the user
 * (creating the user for {@code add}), then the account steps that follow a creation. Runs on its
 * lane's event loop, one webhook of a contact at a time (see {@link SyncVerticle}).
 */
final class WebhookSync {

  private final Vertx vertx;
  private final ContactMapper mapper;
  private final RolePolicy roles;
  private final PasswordHasher hasher;
  private final AccountSetup accountSetup;

  WebhookSync(Vertx vertx, ContactMapper mapper, RolePolicy roles, PasswordHasher hasher, AccountSetup accountSetup) {
    this.vertx = vertx;
    this.mapper = mapper;
    this.roles = roles;
    this.hasher = hasher;
    this.accountSetup = accountSetup;
  }

  Future<WebhookOutcome> run(WebhookRequest request, ContactQueue queue) {
    if (!Instant.now().isBefore(request.deadline())) {
      return Future.failedFuture(new GatewayException(FailureCode.TIMEOUT,
          "the request deadline passed while earlier webhooks for this contact were processed"));
    }
    List<String> warnings = new ArrayList<>();
    return fetch(request, queue).compose(lookup -> {
      if (!lookup.found()) {
        return Future.failedFuture(request.action() == WebhookAction.ADD
            ? new GatewayException(FailureCode.CONTACT_HAS_NO_EMAIL, "contact " + request.contactId() + " is unknown to Encharge")
            : new GatewayException(FailureCode.CONTACT_NOT_FOUND, "contact " + request.contactId() + " is unknown to Encharge"));
      }
      MappedContact mapped = mapper.map(lookup.contact());
      return switch (request.action()) {
        case UPDATE_TAGS -> update(request, queue, lookup, UserChanges.tagsOnly(lookup.contact().tags()), warnings);
        case UPDATE -> update(request, queue, lookup,
            mapped.changes().withRole(roles.resolve(request.role(), "role", warnings)), warnings);
        case ADD -> add(request, lookup.contact(), mapped, warnings);
        case TEST -> Future.failedFuture(new GatewayException(FailureCode.INTERNAL_ERROR, "test needs no sync"));
      };
    });
  }

  /**
   * Every fetch is remembered by the queue (and forgets the last write), so that a queued update
   * never reuses an answer from before a write it arrived after, such as an add's creation.
   */
  private Future<ContactLookup> fetch(WebhookRequest request, ContactQueue queue) {
    if (request.action() != WebhookAction.ADD) {
      ContactLookup shared = queue.fetchNewerThan(request.receivedAt());
      if (shared != null) {
        return Future.succeededFuture(shared);
      }
    }
    Instant startedAt = Instant.now();
    return this.<ContactLookup>request(Addresses.ENCHARGE_FETCH_CONTACT,
            new FetchContact(request.requestId(), request.contactId(), request.deadline()), request.deadline())
        .onSuccess(lookup -> queue.fetched(startedAt, lookup));
  }

  private Future<WebhookOutcome> update(WebhookRequest request, ContactQueue queue, ContactLookup lookup,
      UserChanges changes, List<String> warnings) {
    ApplyResult shared = queue.sameWrite(lookup, request.action(), request.email(), changes);
    Future<ApplyResult> written = shared != null
        ? Future.succeededFuture(shared)
        : apply(new ApplyToUser(request.requestId(), request.action(), request.contactId(), request.email(),
                changes, lookup.contact().updatedAt(), null), request.deadline())
            .onSuccess(result -> queue.wrote(lookup, request.action(), request.email(), changes, result));
    return written.compose(result -> {
      if (result.status() == ApplyResult.Status.NO_MATCH) {
        return Future.failedFuture(new GatewayException(FailureCode.NO_MATCHING_USER,
            "no user for contact " + request.contactId() + (request.email() == null ? "" : " nor for the email")));
      }
      warnIfAdministrator(result, changes.role(), warnings);
      return Future.succeededFuture(new WebhookOutcome(result.userId(), request.action(), false, warnings));
    });
  }

  private Future<WebhookOutcome> add(WebhookRequest request, EnchargeContact contact, MappedContact mapped,
      List<String> warnings) {
    String email = mapped.changes().email();
    if (email == null) {
      return Future.failedFuture(new GatewayException(FailureCode.CONTACT_HAS_NO_EMAIL,
          "contact " + request.contactId() + " has no email"));
    }
    UserChanges changes = mapped.changes().withRole(roles.resolve(request.role(), "role", warnings));
    ApplyToUser existing = new ApplyToUser(request.requestId(), WebhookAction.ADD, request.contactId(), email,
        changes, contact.updatedAt(), null);
    return apply(existing, request.deadline()).compose(result -> {
      if (result.status() != ApplyResult.Status.NO_MATCH) {
        warnIfAdministrator(result, changes.role(), warnings);
        return Future.succeededFuture(new WebhookOutcome(result.userId(), WebhookAction.ADD, false, warnings));
      }
      return create(request, mapped, existing, warnings);
    });
  }

  private Future<WebhookOutcome> create(WebhookRequest request, MappedContact mapped, ApplyToUser existing,
      List<String> warnings) {
    String role = mapped.role() != null ? roles.resolve(mapped.role(), "mapped role field", warnings) : null;
    if (role == null) {
      role = existing.changes().role() != null ? existing.changes().role() : roles.defaultRole();
    }
    String login = mapped.login() != null ? mapped.login() : existing.lookupEmail();
    boolean generated = mapped.password() == null;
    String password = generated ? PasswordHasher.generatePassword() : mapped.password();
    String newRole = role;
    return hasher.hash(password)
        .compose(hash -> apply(new ApplyToUser(existing.requestId(), WebhookAction.ADD, existing.contactId(),
            existing.lookupEmail(), existing.changes(), existing.contactUpdatedAt(),
            new NewUser(login, hash, newRole, request.sendNotification())), request.deadline()))
        .compose(result -> {
          if (result.status() != ApplyResult.Status.CREATED) {
            // another replica created this user first: this webhook updated it instead
            return Future.succeededFuture(new WebhookOutcome(result.userId(), WebhookAction.ADD, false, warnings));
          }
          return accountSetup.afterCreate(request, result, generated ? password : null, warnings)
              .map(done -> new WebhookOutcome(result.userId(), WebhookAction.ADD, true, warnings));
        });
  }

  private void warnIfAdministrator(ApplyResult result, String requestedRole, List<String> warnings) {
    if (requestedRole != null && GatewayConfig.ADMINISTRATOR.equals(result.role())) {
      warnings.add("the user is an administrator: role left unchanged");
    }
  }

  private Future<ApplyResult> apply(ApplyToUser command, Instant deadline) {
    return request(Addresses.USERS_APPLY, command, deadline);
  }

  private <T> Future<T> request(String address, Object body, Instant deadline) {
    return BusRequest.send(vertx, address, body, deadline);
  }
}
