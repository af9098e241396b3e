package encharge.gateway.users;

import encharge.gateway.bus.AccessKeyRequest;
import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.ApplyToUser;
import encharge.gateway.bus.BusCodecs;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.UserQuery;
import encharge.gateway.bus.WebhookLogEntry;
import encharge.gateway.bus.WebhookLogQuery;
import encharge.gateway.config.DatabaseSettings;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistence verticle: serves the {@code users.*} addresses of {@link Addresses} from its
 * own connection pool. Config: {@link DatabaseSettings#toJson()} with the url set.
 */
public class UsersVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(UsersVerticle.class);

  /** Requests waiting for a connection per instance; beyond this callers get OVERLOADED. */
  static final int MAX_WAITING_PER_INSTANCE = 2_048;
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  /** How long a request may wait for a pooled connection before STORAGE_UNAVAILABLE. */
  private static final int ACQUIRE_TIMEOUT_MS = 10_000;

  /** Names each instance's pool, so their metrics do not collide. */
  private static final AtomicInteger POOLS = new AtomicInteger();

  private Pool pool;
  private UserWriter writer;
  private UserReader reader;
  private AccessKeys accessKeys;
  private WebhookLogWriter webhookLog;

  @Override
  public Future<?> start() {
    DatabaseSettings settings = DatabaseSettings.fromJson(config());
    if (settings.url() == null) {
      return Future.failedFuture("the users verticle needs the database url");
    }
    BusCodecs.register(vertx);
    pool = createPool(settings);
    writer = new UserWriter(pool);
    reader = new UserReader(pool);
    accessKeys = new AccessKeys(pool);
    webhookLog = new WebhookLogWriter(vertx, pool, settings.logFlushMs(), settings.logBatchSize());
    webhookLog.start();

    EventBus bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
        bus.<ApplyToUser>consumer(Addresses.USERS_APPLY, this::apply),
        bus.<WebhookLogEntry>consumer(Addresses.WEBHOOK_LOG_APPEND,
            message -> webhookLog.append(message.body())),
        bus.<WebhookLogQuery>consumer(Addresses.WEBHOOK_LOG_QUERY,
            message -> reply(message, reader.webhooks(message.body()))),
        bus.<UserQuery>consumer(Addresses.USERS_QUERY,
            message -> reply(message, reader.users(message.body()))),
        bus.consumer(Addresses.STORAGE_PING,
            message -> reply(message, pool.query(UserSql.PING).execute().map(Boolean.TRUE))),
        bus.<AccessKeyRequest>consumer(Addresses.ACCESS_KEY,
            message -> reply(message, accessKeys.accessKey())));
    return Future.join(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    if (pool == null) {
      return Future.succeededFuture();
    }
    // consumers are unregistered by the undeployment; the waiting log rows still get written
    return webhookLog.close().eventually(pool::close);
  }

  private Pool createPool(DatabaseSettings settings) {
    PgConnectOptions connectOptions = PgConnectOptions.fromUri(settings.url())
        .setCachePreparedStatements(true);
    int instances = Math.max(1, settings.instances());
    PoolOptions poolOptions = new PoolOptions()
        .setMaxSize(Math.max(1, (settings.poolSize() + instances - 1) / instances))
        .setMaxWaitQueueSize(MAX_WAITING_PER_INSTANCE)
        .setConnectionTimeout(ACQUIRE_TIMEOUT_MS)
        .setName("users-" + POOLS.incrementAndGet());
    return PgBuilder.pool()
        .with(poolOptions)
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS))
        .connectingTo(connectOptions)
        .using(vertx)
        .build();
  }

  private void apply(Message<ApplyToUser> message) {
    ApplyToUser request = message.body();
    writer.apply(request).onComplete(
        (ApplyResult result) -> message.reply(result),
        failure -> {
          GatewayException gateway = StorageFailures.toGateway(failure);
          if (gateway.code() == FailureCode.INTERNAL_ERROR) {
            LOG.atError().addKeyValue("requestId", request.requestId())
                .addKeyValue("contactId", request.contactId())
                .setCause(failure)
                .log("could not write the user");
          }
          GatewayException.failReply(message, gateway);
        });
  }

  private static <T> void reply(Message<?> message, Future<T> answer) {
    answer.onComplete(message::reply, failure -> {
      GatewayException gateway = StorageFailures.toGateway(failure);
      if (gateway.code() == FailureCode.INTERNAL_ERROR) {
        LOG.atError().addKeyValue("address", message.address()).setCause(failure)
            .log("could not answer");
      }
      GatewayException.failReply(message, gateway);
    });
  }
}
