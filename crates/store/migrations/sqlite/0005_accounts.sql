-- Version 5: accounts and what the web app shares between processes (sessions, login
-- throttling, API tokens), notices already sent (reminders are never sent twice) and the
-- secretariat's settings (SMTP).

CREATE TABLE account (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT,
    -- admin | editor | reviewer | officer
    role TEXT NOT NULL,
    -- The municipality the account belongs to (for an officer: the prefecture it oversees).
    scope TEXT NOT NULL,
    -- JSON array of division names (editors).
    divisions TEXT NOT NULL DEFAULT '[]',
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at_ms INTEGER NOT NULL
);

CREATE TABLE session (
    -- SHA-256 of the cookie's token: a database leak gives no usable session.
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL
);
CREATE INDEX session_account ON session (account_id);

CREATE TABLE login_failure (
    login TEXT NOT NULL,
    at_ms INTEGER NOT NULL
);
CREATE INDEX login_failure_login ON login_failure (login, at_ms);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at_ms INTEGER NOT NULL,
    revoked_at_ms INTEGER
);

CREATE TABLE notice (
    -- What was sent, e.g. `due:PLAN:2025:ACCOUNT:2026-05-24`: sent at most once.
    key TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    sent_at_ms INTEGER NOT NULL
);

CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
