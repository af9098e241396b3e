package encharge.gateway.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code welcome_mails} table: one row per user, claimed for a lease while it is being sent, so
 * that a mail goes out at most once however many replicas poll and however often it is announced.
 */
final class WelcomeMailOutbox {

  /**
   * How long a claimed mail stays invisible to other claims. Far longer than a send can take (the
   * SMTP connect and idle timeouts bound it); a process that dies mid-send leaves its mails to be
   * retried once the lease runs out.
   */
  static final long LEASE_MS = 15 * 60_000;
  /** Mails claimed per poll. */
  static final int BATCH_SIZE = 20;
  static final int MAX_ERROR_LENGTH = 300;

  private final Pool pool;

  WelcomeMailOutbox(Pool pool) {
    this.pool = pool;
  }

  /** Claims due pending mails, oldest due first. */
  Future<List<WelcomeMail>> claimDue() {
    return pool.preparedQuery(AccountSql.CLAIM_DUE).execute(Tuple.of(LEASE_MS, BATCH_SIZE))
        .map(WelcomeMailOutbox::mails);
  }

  /** Claims this user's mail when it is pending and due; empty otherwise (sent, or claimed elsewhere). */
  Future<List<WelcomeMail>> claimUser(long userId) {
    return pool.preparedQuery(AccountSql.CLAIM_USER).execute(Tuple.of(LEASE_MS, userId))
        .map(WelcomeMailOutbox::mails);
  }

  /** @param status {@code sent} or {@code recorded}: final, the row is never claimed again */
  Future<Void> markDone(long userId, String status) {
    return pool.preparedQuery(AccountSql.MARK_DONE).execute(Tuple.of(userId, status)).mapEmpty();
  }

  /**
   * Schedules the next attempt, or gives up once {@code maxAttempts} were made.
   *
   * @return the row's new status: {@code pending} or {@code failed}
   */
  Future<String> recordFailure(long userId, long retryDelayMs, String error, int maxAttempts) {
    String shortError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
    return pool.preparedQuery(AccountSql.RECORD_FAILURE)
        .execute(Tuple.of(userId, retryDelayMs, shortError, maxAttempts))
        .map(rows -> rows.size() == 0 ? "failed" : rows.iterator().next().getString("status"));
  }

  private static List<WelcomeMail> mails(RowSet<Row> rows) {
    List<WelcomeMail> mails = new ArrayList<>(rows.size());
    rows.forEach(row -> mails.add(WelcomeMail.from(row)));
    return mails;
  }
}
