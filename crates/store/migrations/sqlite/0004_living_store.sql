-- shinchoku store, schema version 4: the living store.
--
-- A plan is a header row (`plans`: its own fields as JSON) and one row per entity of its lists
-- (`entity`: group, measure, record … with a stable id, a revision and its body as JSON); see
-- shinchoku_core::changes for how a plan is split. Every commit appends one row per plan to
-- `change` (who, when, what, where from), and one row per changed field, created or deleted
-- entity to `event` (old and new value as JSON). `change` is the log the web servers follow;
-- neither it nor `event` references `plans`, so the history of a deleted plan stays.
--
-- AUTOINCREMENT everywhere: ids are never reused, even after deletion.

CREATE TABLE plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Plan::key(): municipality name / title.
    plan_key TEXT NOT NULL UNIQUE,
    municipality TEXT NOT NULL,
    title TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    updated_at_ms INTEGER NOT NULL,
    header TEXT NOT NULL
);

CREATE TABLE entity (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- EntityKind: department, division, group, measure, listing, assignment, record,
    -- indicator, rating, outlook, narrative, source, retirement.
    kind TEXT NOT NULL,
    -- EntityRef::key: the key fields joined by U+001F.
    entity_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    body TEXT NOT NULL,
    UNIQUE (plan_id, kind, entity_key)
);

CREATE TABLE change (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL,
    -- The plan's revision after the change (0 for a deletion).
    plan_revision INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    command TEXT NOT NULL,
    -- Provenance as JSON; the line or cell of each event is in event.place.
    provenance TEXT NOT NULL
);
CREATE INDEX change_plan ON change (plan_id, id);

CREATE TABLE event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id INTEGER NOT NULL REFERENCES change (id),
    plan_id INTEGER NOT NULL,
    -- NULL for a field of the plan header.
    entity_id INTEGER,
    kind TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    revision INTEGER NOT NULL,
    -- The line of the document (imports) or the cell (uploads) the value came from.
    place TEXT
);
CREATE INDEX event_entity ON event (entity_id, id);
CREATE INDEX event_plan ON event (plan_id, id);

-- One row per imported document (identified by the SHA-256 of its bytes).
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    layout TEXT NOT NULL
);

-- The plans a document contributed to.
CREATE TABLE import_plans (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    PRIMARY KEY (import_id, plan_id)
);
CREATE INDEX import_plans_plan ON import_plans (plan_id);

CREATE TABLE IF NOT EXISTS diagnostic (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    message TEXT NOT NULL,
    PRIMARY KEY (import_id, position)
);
