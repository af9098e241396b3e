package encharge.gateway.bus;

import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/** Registers the local codec of every message record, once per {@link Vertx}. */
public final class BusCodecs {

  private static final List<Class<?>> MESSAGES = List.of(
      WebhookRequest.class, WebhookOutcome.class,
      FetchContact.class, ContactLookup.class, WriteContactFields.class,
      ApplyToUser.class, ApplyResult.class, UserQuery.class,
      WebhookLogEntry.class, WebhookLogQuery.class,
      AccessKeyRequest.class, AccessKey.class,
      WelcomeMailDue.class, PasswordTokenCheck.class, PasswordTokenStatus.class, SetPassword.class);

  private static final Set<Vertx> REGISTERED = Collections.newSetFromMap(new WeakHashMap<>());

  private BusCodecs() {
  }

  /** Safe to call from every verticle's {@code start()}: only the first call per Vertx registers. */
  public static void register(Vertx vertx) {
    synchronized (REGISTERED) {
      if (!REGISTERED.add(vertx)) {
        return;
      }
      for (Class<?> type : MESSAGES) {
        registerCodec(vertx, type);
      }
    }
  }

  private static <T> void registerCodec(Vertx vertx, Class<T> type) {
    vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
  }
}
