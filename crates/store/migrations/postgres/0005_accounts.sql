-- shinchoku store on PostgreSQL, schema version 5: accounts and what the web app shares
-- between processes (sessions, login throttling, API tokens), notices already sent (reminders
-- are never sent twice) and the secretariat's settings (SMTP).
--
-- The same tables, columns and constraints as migrations/sqlite/0005_accounts.sql (read that
-- file for what each holds), in PostgreSQL's types. `account` and `api_token` take their ids
-- from `id_sequence` as every other table does (SQLite: AUTOINCREMENT), so ids are never
-- reused and are copied with the data.

INSERT INTO id_sequence (name, seq) VALUES ('account', 0), ('api_token', 0)
ON CONFLICT (name) DO NOTHING;

CREATE TABLE account (
    id bigint PRIMARY KEY,
    login text NOT NULL UNIQUE,
    display_name text NOT NULL,
    email text,
    role text NOT NULL,
    scope text NOT NULL,
    -- JSON array of division names, as text (see 0004 on jsonb).
    divisions text NOT NULL DEFAULT '[]',
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    created_at_ms bigint NOT NULL
);

CREATE TABLE session (
    token_hash text PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    csrf text NOT NULL,
    created_at_ms bigint NOT NULL,
    expires_at_ms bigint NOT NULL
);
CREATE INDEX session_account ON session (account_id);

CREATE TABLE login_failure (
    login text NOT NULL,
    at_ms bigint NOT NULL
);
CREATE INDEX login_failure_login ON login_failure (login, at_ms);

CREATE TABLE api_token (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    created_at_ms bigint NOT NULL,
    revoked_at_ms bigint
);

CREATE TABLE notice (
    key text PRIMARY KEY,
    recipient text NOT NULL,
    sent_at_ms bigint NOT NULL
);

CREATE TABLE setting (
    key text PRIMARY KEY,
    value text NOT NULL
);
