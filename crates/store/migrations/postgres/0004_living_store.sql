-- shinchoku store on PostgreSQL, schema version 4: the living store.
--
-- The same tables, columns and constraints as migrations/sqlite/0004_living_store.sql (read
-- that file for what each holds), in PostgreSQL's types. A new PostgreSQL database is created
-- at version 4 directly: the snapshot store's versions 1–3 only ever existed in SQLite.
--
-- JSON bodies are `text`, not `jsonb`: jsonb reorders keys and reformats numbers, and a plan
-- must read back (and export) byte for byte as it was written, on either engine.
--
-- Ids come from `id_sequence`, not from PostgreSQL sequences: a sequence is not rolled back
-- with its transaction, so a refused commit would use up ids. `id_sequence` is SQLite's
-- `sqlite_sequence` (AUTOINCREMENT): updated in the writer's transaction, so ids are the same
-- on both engines for the same commits, never reused, and copied with the data.

-- The schema version (SQLite keeps it in `PRAGMA user_version`); set by the migration code.
CREATE TABLE shinchoku_schema (
    version bigint NOT NULL
);

CREATE TABLE id_sequence (
    name text PRIMARY KEY,
    seq bigint NOT NULL
);
INSERT INTO id_sequence (name, seq)
VALUES ('plans', 0), ('entity', 0), ('change', 0), ('event', 0), ('imports', 0);

CREATE TABLE plans (
    id bigint PRIMARY KEY,
    plan_key text NOT NULL UNIQUE,
    municipality text NOT NULL,
    title text NOT NULL,
    revision bigint NOT NULL CHECK (revision >= 1),
    updated_at_ms bigint NOT NULL,
    header text NOT NULL
);

CREATE TABLE entity (
    id bigint PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kind text NOT NULL,
    entity_key text NOT NULL,
    position bigint NOT NULL,
    revision bigint NOT NULL CHECK (revision >= 1),
    body text NOT NULL,
    UNIQUE (plan_id, kind, entity_key)
);

CREATE TABLE change (
    id bigint PRIMARY KEY,
    plan_id bigint NOT NULL,
    plan_revision bigint NOT NULL,
    at_ms bigint NOT NULL,
    actor text NOT NULL,
    command text NOT NULL,
    provenance text NOT NULL
);
CREATE INDEX change_plan ON change (plan_id, id);

CREATE TABLE event (
    id bigint PRIMARY KEY,
    change_id bigint NOT NULL REFERENCES change (id),
    plan_id bigint NOT NULL,
    entity_id bigint,
    kind text NOT NULL,
    entity_key text NOT NULL,
    action text NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
    field text,
    old_value text,
    new_value text,
    revision bigint NOT NULL,
    place text
);
CREATE INDEX event_entity ON event (entity_id, id);
CREATE INDEX event_plan ON event (plan_id, id);
CREATE INDEX event_change ON event (change_id);

CREATE TABLE imports (
    id bigint PRIMARY KEY,
    file text NOT NULL,
    sha256 text NOT NULL UNIQUE,
    layout text NOT NULL
);

CREATE TABLE import_plans (
    import_id bigint NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    plan_id bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    PRIMARY KEY (import_id, plan_id)
);
CREATE INDEX import_plans_plan ON import_plans (plan_id);

CREATE TABLE diagnostic (
    import_id bigint NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    position bigint NOT NULL,
    severity text NOT NULL,
    code text NOT NULL,
    location_file text NOT NULL,
    location_line bigint NOT NULL,
    location_field text,
    message text NOT NULL,
    PRIMARY KEY (import_id, position)
);
