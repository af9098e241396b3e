-- The welcome-mail outbox: a row is inserted in the transaction that creates the user (so a mail
-- exists exactly when its user does, never twice) and worked off by the account verticle.
CREATE TABLE welcome_mails (
  user_id         bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  request_id      text,
  contact_id      text,
  -- pending: to send; sent: accepted by SMTP; recorded: no SMTP_HOST, kept, not sent;
  -- failed: given up after MAIL_MAX_ATTEMPTS
  status          text        NOT NULL DEFAULT 'pending',
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);

CREATE INDEX welcome_mails_due_idx ON welcome_mails (next_attempt_at) WHERE status = 'pending';

-- Single-use, time-limited set-password links. Only the SHA-256 of a token is stored: the token
-- itself exists only in the mail.
CREATE TABLE password_tokens (
  token_hash text PRIMARY KEY,
  user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX password_tokens_user_idx ON password_tokens (user_id);
