package encharge.gateway.account;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.BusCodecs;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.PasswordTokenCheck;
import encharge.gateway.bus.PasswordTokenStatus;
import encharge.gateway.bus.PasswordTokenStatus.State;
import encharge.gateway.bus.SetPassword;
import encharge.gateway.bus.WelcomeMailDue;
import encharge.gateway.config.MailSettings;
import encharge.gateway.users.PasswordHasher;
import encharge.gateway.users.StorageFailures;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account lifecycle: works off the welcome-mail outbox (announced by {@code WELCOME_MAIL_DUE},
 * and polled, so that mails of another replica or of a restart are not forgotten) and serves the
 * set-password token addresses. One instance per process. Config: {@link MailSettings#toJson()}
 * with the database URL, plus {@link #BCRYPT_COST}.
 */
public class AccountVerticle extends VerticleBase {

  /** Extra config key: the bcrypt cost of set passwords (the sync settings' BCRYPT_COST). */
  public static final String BCRYPT_COST = "bcryptCost";
  /** The outbox is polled this often at most; MAIL_RETRY_BASE_MS when shorter, so retries are on time. */
  static final long MAX_POLL_MS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(AccountVerticle.class);
  private static final AtomicBoolean SMTP_WARNING_LOGGED = new AtomicBoolean();
  private static final int DEFAULT_BCRYPT_COST = 10;
  private static final int POOL_SIZE = 2;
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int ACQUIRE_TIMEOUT_MS = 10_000;
  /** Sends in progress at undeployment get this long to finish and be marked. */
  private static final long STOP_GRACE_MS = 10_000;

  private Pool pool;
  private PasswordHasher hasher;
  private PasswordTokens tokens;
  private WelcomeMailOutbox outbox;
  private WelcomeMailSender sender;
  private long pollMs;
  private long pollTimer = -1;
  private boolean stopping;
  private boolean pollFailing;
  private final Set<Future<Void>> deliveries = new HashSet<>();

  @Override
  public Future<?> start() {
    int bcryptCost = config().getInteger(BCRYPT_COST, DEFAULT_BCRYPT_COST);
    MailSettings settings = MailSettings.fromJson(config());
    if (settings.databaseUrl() == null) {
      return Future.failedFuture("the account verticle needs the database url");
    }
    BusCodecs.register(vertx);
    if (settings.smtpHost() == null && SMTP_WARNING_LOGGED.compareAndSet(false, true)) {
      LOG.warn("SMTP_HOST is not set: welcome mails are recorded, not sent");
    }
    pool = createPool(settings.databaseUrl());
    hasher = new PasswordHasher(vertx, bcryptCost);
    tokens = new PasswordTokens(pool);
    outbox = new WelcomeMailOutbox(pool);
    pollMs = Math.min(settings.retryBaseMs(), MAX_POLL_MS);

    return MailTemplates.load(vertx, settings.templatesDir()).compose(templates -> {
      sender = new WelcomeMailSender(vertx, settings, templates, tokens, outbox);
      EventBus bus = vertx.eventBus();
      List<MessageConsumer<?>> consumers = List.of(
          bus.<WelcomeMailDue>consumer(Addresses.WELCOME_MAIL_DUE,
              message -> outbox.claimUser(message.body().userId()).compose(this::deliverAll)
                  .onFailure(failure -> LOG.atWarn().addKeyValue("userId", message.body().userId())
                      .addKeyValue("error", failure.getMessage())
                      .log("could not claim the welcome mail; the outbox poll will"))),
          bus.<PasswordTokenCheck>consumer(Addresses.PASSWORD_TOKEN_CHECK,
              message -> reply(message, tokens.check(message.body().token()))),
          bus.<SetPassword>consumer(Addresses.PASSWORD_SET, message -> reply(message, setPassword(message.body()))));
      return Future.join(consumers.stream().map(MessageConsumer::completion).toList());
    }).onSuccess(registered -> schedulePoll());
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pollTimer);
    Future<?> drained = Future.join(new ArrayList<>(deliveries)).timeout(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
    return drained.eventually(() -> sender == null ? Future.succeededFuture() : sender.close())
        .eventually(() -> {
          if (hasher != null) {
            hasher.close();
          }
          return pool == null ? Future.succeededFuture() : pool.close();
        });
  }

  /** Checks the token before hashing: a forged or spent token costs no bcrypt round. */
  private Future<PasswordTokenStatus> setPassword(SetPassword request) {
    String problem = PasswordRule.problem(request.password());
    if (problem != null) {
      return Future.failedFuture(new GatewayException(FailureCode.INVALID_REQUEST, problem));
    }
    return tokens.check(request.token()).compose(status -> status.state() != State.VALID
        ? Future.succeededFuture(status)
        : hasher.hash(request.password()).compose(hash -> tokens.spend(request.token(), hash)));
  }

  private void schedulePoll() {
    if (!stopping) {
      pollTimer = vertx.setTimer(pollMs, id -> pollOnce().onComplete(done -> schedulePoll()));
    }
  }

  private Future<Void> pollOnce() {
    return outbox.claimDue().compose(this::deliverAll).transform(polled -> {
      // one line when polling starts or stops failing, not one per poll
      if (polled.failed() != pollFailing) {
        pollFailing = polled.failed();
        if (pollFailing) {
          LOG.atWarn().addKeyValue("error", polled.cause().getMessage()).log("cannot poll the welcome-mail outbox");
        } else {
          LOG.info("polling the welcome-mail outbox again");
        }
      }
      return Future.succeededFuture();
    });
  }

  private Future<Void> deliverAll(List<WelcomeMail> mails) {
    List<Future<Void>> sends = new ArrayList<>(mails.size());
    for (WelcomeMail mail : mails) {
      Future<Void> send = sender.deliver(mail);
      deliveries.add(send);
      send.onComplete(done -> deliveries.remove(send));
      sends.add(send);
    }
    return Future.join(sends).mapEmpty();
  }

  private Pool createPool(String url) {
    PgConnectOptions connectOptions = PgConnectOptions.fromUri(url).setCachePreparedStatements(true);
    PoolOptions poolOptions = new PoolOptions().setMaxSize(POOL_SIZE)
        .setConnectionTimeout(ACQUIRE_TIMEOUT_MS).setName("account");
    return PgBuilder.pool()
        .with(poolOptions)
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS))
        .connectingTo(connectOptions)
        .using(vertx)
        .build();
  }

  private static <T> void reply(Message<?> message, Future<T> answer) {
    answer.onComplete(message::reply, failure -> {
      GatewayException gateway = StorageFailures.toGateway(failure);
      if (gateway.code() == FailureCode.INTERNAL_ERROR) {
        // the message's toString masks its secrets; only the address is logged
        LOG.atError().addKeyValue("address", message.address()).setCause(failure).log("could not answer");
      }
      GatewayException.failReply(message, gateway);
    });
  }
}
