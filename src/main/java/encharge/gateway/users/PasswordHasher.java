package encharge.gateway.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bcrypt on a dedicated worker pool: a hash costs tens of milliseconds of CPU (cost 10), so it
 * never runs on an event loop nor starves the shared worker pool.
 *
 * <p>Hashes are {@code $2a$} (what PHP's {@code password_verify} accepts); {@code $2a$},
 * {@code $2b$} and {@code $2y$} hashes all verify. Passwords longer than bcrypt's 72 bytes are
 * truncated, as PHP does.
 *
 * <p>Hashing is the slowest step there is (about 25 hashes a second on two cores at cost 10), so
 * its queue is bounded: past {@code maxPending} waiting hashes a new one fails at once with
 * {@link FailureCode#OVERLOADED} rather than finishing after its caller's deadline.
 */
public final class PasswordHasher implements AutoCloseable {

  private static final char[] ALPHANUMERICS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int GENERATED_LENGTH = 12;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;

  private final int cost;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();
  private final WorkerExecutor workers;
  private final BCrypt.Hasher hasher;
  private final BCrypt.Verifyer verifyer;

  /** @param cost bcrypt's log2 rounds, 4..31 */
  public PasswordHasher(Vertx vertx, int cost) {
    this(vertx, cost, Integer.MAX_VALUE);
  }

  /**
   * @param cost       bcrypt's log2 rounds, 4..31
   * @param maxPending hashes that may wait or run at once before {@link #hash} refuses
   */
  public PasswordHasher(Vertx vertx, int cost, int maxPending) {
    if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
      throw new IllegalArgumentException("bcrypt cost must be 4..31, got " + cost);
    }
    this.cost = cost;
    this.maxPending = maxPending;
    int cores = Runtime.getRuntime().availableProcessors();
    this.workers = vertx.createSharedWorkerExecutor("password-hasher", cores);
    this.hasher = BCrypt.with(VERSION, RANDOM, LongPasswordStrategies.truncate(VERSION));
    this.verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.truncate(VERSION));
  }

  public Future<String> hash(String plain) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return Future.failedFuture(new GatewayException(FailureCode.OVERLOADED,
          "too many new users are being created at once; retry later"));
    }
    // unordered: hashes are independent, let every worker thread take one
    return workers.executeBlocking(() -> hasher.hashToString(cost, plain.toCharArray()), false)
        .onComplete(done -> pending.decrementAndGet());
  }

  /** False for a wrong password and for a hash that is not bcrypt. */
  public Future<Boolean> verify(String plain, String hash) {
    return workers.executeBlocking(
        () -> verifyer.verify(plain.getBytes(StandardCharsets.UTF_8),
            hash.getBytes(StandardCharsets.UTF_8)).verified,
        false);
  }

  /** 12 random letters and digits from a secure source: a new user's password when none is mapped. */
  public static String generatePassword() {
    char[] password = new char[GENERATED_LENGTH];
    for (int i = 0; i < password.length; i++) {
      password[i] = ALPHANUMERICS[RANDOM.nextInt(ALPHANUMERICS.length)];
    }
    return new String(password);
  }

  @Override
  public void close() {
    workers.close();
  }
}
