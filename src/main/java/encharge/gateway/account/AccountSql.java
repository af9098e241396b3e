package encharge.gateway.account;

/** Every SQL statement of the account verticle: the welcome-mail outbox and set-password tokens. */
final class AccountSql {

  private AccountSql() {
  }

  /** The columns a claim returns: the claimed outbox row and what the mail says of its user. */
  private static final String CLAIMED_MAIL = """
      SELECT c.user_id, c.request_id, c.contact_id, c.attempts,
             u.login, u.email, u.first_name, u.display_name
        FROM claimed c JOIN users u ON u.id = c.user_id
      """;

  /**
   * Claims up to {@code $2} due mails for a lease of {@code $1} milliseconds: counts the attempt and
   * pushes the row's due time past the lease, so neither this process nor another replica claims it
   * again while it is being sent. SKIP LOCKED lets replicas claim disjoint rows concurrently.
   */
  static final String CLAIM_DUE = """
      WITH claimed AS (
        UPDATE welcome_mails SET attempts = attempts + 1,
                                 next_attempt_at = now() + $1::bigint * interval '1 millisecond'
         WHERE user_id IN (SELECT user_id FROM welcome_mails
                            WHERE status = 'pending' AND next_attempt_at <= now()
                            ORDER BY next_attempt_at LIMIT $2
                            FOR UPDATE SKIP LOCKED)
        RETURNING user_id, request_id, contact_id, attempts
      )
      """ + CLAIMED_MAIL;

  /**
   * Claims one user's mail if it is pending and due ({@code $2} the user id). A concurrent claim of
   * the same row waits for the first, then sees its new due time and claims nothing.
   */
  static final String CLAIM_USER = """
      WITH claimed AS (
        UPDATE welcome_mails SET attempts = attempts + 1,
                                 next_attempt_at = now() + $1::bigint * interval '1 millisecond'
         WHERE user_id = $2 AND status = 'pending' AND next_attempt_at <= now()
        RETURNING user_id, request_id, contact_id, attempts
      )
      """ + CLAIMED_MAIL;

  /** {@code $1} user id, {@code $2} the final status: sent or recorded. */
  static final String MARK_DONE = """
      UPDATE welcome_mails SET status = $2::text, last_error = NULL,
             sent_at = CASE WHEN $2::text = 'sent' THEN now() END
       WHERE user_id = $1
      """;

  /**
   * A failed send: {@code $1} user id, {@code $2} retry delay in milliseconds, {@code $3} error text,
   * {@code $4} max attempts (reached: given up). Returns the new status.
   */
  static final String RECORD_FAILURE = """
      UPDATE welcome_mails
         SET status = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'pending' END,
             next_attempt_at = now() + $2::bigint * interval '1 millisecond',
             last_error = $3
       WHERE user_id = $1
      RETURNING status
      """;

  /** {@code $1} token hash, {@code $2} user id, {@code $3} lifetime in hours. */
  static final String ISSUE_TOKEN = """
      INSERT INTO password_tokens (token_hash, user_id, expires_at)
      VALUES ($1, $2, now() + $3::int * interval '1 hour')
      """;

  /** A token whose mail was never sent: nobody holds it, so it goes. {@code $1} token hash. */
  static final String DROP_TOKEN = "DELETE FROM password_tokens WHERE token_hash = $1";

  /** What a token is worth: {@code $1} token hash. No row: never issued. */
  static final String TOKEN_STATE = """
      SELECT t.used_at IS NOT NULL AS used, t.expires_at <= now() AS expired, u.login
        FROM password_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1
      """;

  /** Spends a usable token: {@code $1} token hash. No row: spent, expired or unknown meanwhile. */
  static final String SPEND_TOKEN = """
      UPDATE password_tokens SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id
      """;

  /** {@code $1} user id, {@code $2} bcrypt hash. */
  static final String SET_PASSWORD = """
      UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1
      RETURNING login
      """;
}
