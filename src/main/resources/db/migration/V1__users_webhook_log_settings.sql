-- The WordPress-like users the gateway keeps in step with Encharge contacts.
-- Tags and meta are columns (not side tables) so that updating a user is one statement.
CREATE TABLE users (
  id                  bigserial PRIMARY KEY,
  contact_id          text UNIQUE,
  email               text NOT NULL,
  login               text NOT NULL UNIQUE,
  password_hash       text,
  role                text NOT NULL,
  first_name          text,
  last_name           text,
  display_name        text,
  tags                text[] NOT NULL DEFAULT '{}',
  meta                jsonb NOT NULL DEFAULT '{}',
  -- Encharge's updatedAt of the snapshot last written: an older one never overwrites it
  encharge_updated_at timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- one user per email, whatever its case
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_tags_idx ON users USING gin (tags);

-- one row per webhook, written in batches
CREATE TABLE webhook_log (
  id          bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL,
  request_id  text,
  action      text,
  contact_id  text,
  outcome     text,
  user_id     bigint,
  duration_ms integer,
  error       text
);

CREATE INDEX webhook_log_contact_idx ON webhook_log (contact_id, received_at DESC, id DESC);
CREATE INDEX webhook_log_received_at_idx ON webhook_log (received_at DESC, id DESC);

-- gateway-wide values shared by replicas, e.g. the generated webhook access key
CREATE TABLE gateway_settings (
  name  text PRIMARY KEY,
  value text NOT NULL
);
