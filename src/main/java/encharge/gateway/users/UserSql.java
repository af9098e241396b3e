package encharge.gateway.users;

/** Every SQL statement of the users verticle. Parameters are documented where they are bound. */
final class UserSql {

  private UserSql() {
  }

  /**
   * Find the user and apply the changes in one round trip: the hot path of every webhook.
   *
   * <p>{@code $1} contact id, {@code $2} lookup email (null: none), {@code $3} email,
   * {@code $4} first name, {@code $5} last name, {@code $6} display name (null: keep),
   * {@code $7} tags (null: keep), {@code $8} meta to merge, {@code $9} role (null: keep),
   * {@code $10} the contact's updatedAt (null: unknown).
   *
   * <p>The user linked to the contact id wins over the one with the lookup email. The stale guard
   * compares snapshots of the same contact only: a user found by email is linked and written
   * whatever its stored timestamp says. The email changes only when no other user has it. No row:
   * no such user. {@code written} is false when the snapshot was older than the stored one.
   */
  static final String APPLY = """
      WITH target AS (
        SELECT id, false AS linked FROM users WHERE contact_id = $1
        UNION ALL
        SELECT id, true FROM users
         WHERE $2::text IS NOT NULL AND lower(email) = lower($2::text)
           AND NOT EXISTS (SELECT 1 FROM users WHERE contact_id = $1)
        LIMIT 1
      ), written AS (
        UPDATE users u SET
          contact_id = $1,
          email = CASE WHEN $3::text IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM users other WHERE lower(other.email) = lower($3::text) AND other.id <> u.id)
                  THEN $3::text ELSE u.email END,
          first_name = COALESCE($4::text, u.first_name),
          last_name = COALESCE($5::text, u.last_name),
          display_name = COALESCE($6::text, u.display_name),
          tags = COALESCE($7::text[], u.tags),
          meta = u.meta || $8::jsonb,
          role = CASE WHEN $9::text IS NOT NULL AND u.role <> 'administrator' THEN $9::text ELSE u.role END,
          encharge_updated_at = COALESCE($10::timestamptz, u.encharge_updated_at),
          updated_at = now()
        FROM target t
        WHERE u.id = t.id
          AND (t.linked OR $10::timestamptz IS NULL OR u.encharge_updated_at IS NULL
               OR u.encharge_updated_at <= $10::timestamptz)
        RETURNING u.id, u.role, u.login
      )
      SELECT t.id, t.linked, w.id IS NOT NULL AS written,
             COALESCE(w.role, u.role) AS role, COALESCE(w.login, u.login) AS login
        FROM target t
        JOIN users u ON u.id = t.id
        LEFT JOIN written w ON w.id = t.id
      """;

  /** Serializes the creation of one contact's user across processes, until the transaction ends. */
  static final String LOCK_CONTACT = "SELECT pg_advisory_xact_lock(hashtext($1))";

  /**
   * The wished-for login {@code $1} if free, else {@code $1 || n} with the smallest free n in
   * {@code $2 .. $2 + 99}. No row: all of them are taken, try the next range.
   */
  static final String FREE_LOGIN = """
      SELECT c.candidate FROM (
        SELECT 1 AS n, $1::text AS candidate
        UNION ALL
        SELECT s, $1::text || s FROM generate_series($2::int, $2::int + 99) s
      ) c
      WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.login = c.candidate)
      ORDER BY c.n
      LIMIT 1
      """;

  /** Logins tried per {@link #FREE_LOGIN} query. */
  static final int FREE_LOGIN_RANGE = 100;

  /**
   * No row: a unique constraint (contact id, email or login) was taken meanwhile. {@code $1}
   * contact id, {@code $2} email, {@code $3} login, {@code $4} password hash, {@code $5} role,
   * {@code $6} first name, {@code $7} last name, {@code $8} display name, {@code $9} tags,
   * {@code $10} meta, {@code $11} the contact's updatedAt.
   */
  static final String INSERT_USER = """
      INSERT INTO users (contact_id, email, login, password_hash, role, first_name, last_name,
                         display_name, tags, meta, encharge_updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::jsonb, $11)
      ON CONFLICT DO NOTHING
      RETURNING id, role, login
      """;

  /** {@code $1} user id, {@code $2} request id, {@code $3} contact id. */
  static final String QUEUE_WELCOME_MAIL = """
      INSERT INTO welcome_mails (user_id, request_id, contact_id) VALUES ($1, $2, $3)
      ON CONFLICT (user_id) DO NOTHING
      """;

  private static final String USER_COLUMNS = """
      SELECT id, login, email, role, contact_id, first_name, last_name, display_name, tags, meta,
             created_at, updated_at
        FROM users
      """;

  static final String USER_BY_ID = USER_COLUMNS + " WHERE id = $1";
  static final String USER_BY_CONTACT_ID = USER_COLUMNS + " WHERE contact_id = $1";
  static final String USER_BY_EMAIL = USER_COLUMNS + " WHERE lower(email) = lower($1)";

  /** One row per element of the parallel arrays: the whole batch in one round trip. */
  static final String INSERT_WEBHOOK_LOG = """
      INSERT INTO webhook_log (received_at, request_id, action, contact_id, outcome, user_id,
                               duration_ms, error)
      SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[],
                           $6::bigint[], $7::int[], $8::text[])
      """;

  private static final String WEBHOOK_COLUMNS = """
      SELECT id, received_at, request_id, action, contact_id, outcome, user_id, duration_ms, error
        FROM webhook_log
      """;

  // newest by receipt: rows arrive in batches from several verticle instances, so ids are not in order
  /** {@code $1} limit. */
  static final String WEBHOOKS_NEWEST = WEBHOOK_COLUMNS + " ORDER BY received_at DESC, id DESC LIMIT $1";
  /** {@code $1} contact id, {@code $2} limit. */
  static final String WEBHOOKS_OF_CONTACT =
      WEBHOOK_COLUMNS + " WHERE contact_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2";

  static final String PING = "SELECT 1";

  static final String ACCESS_KEY_NAME = "access_key";
  static final String SETTING = "SELECT value FROM gateway_settings WHERE name = $1";
  /** No row: another process stored the value first. */
  static final String INSERT_SETTING = """
      INSERT INTO gateway_settings (name, value) VALUES ($1, $2)
      ON CONFLICT (name) DO NOTHING
      RETURNING value
      """;
}
