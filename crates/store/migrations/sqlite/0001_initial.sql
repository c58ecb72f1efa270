-- shinchoku store, schema version 1.
--
-- One table per model entity; column names follow docs GLOSSARY (snake_case of the model's
-- field names). Every list of the model keeps its order in a `position` column. A Location is
-- stored inline as location_file / location_line / location_field. Children reference their
-- parent with ON DELETE CASCADE; entities with a key within their plan have UNIQUE constraints
-- on it. Enumerations are stored as their snake_case serde names.

CREATE TABLE municipality (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    -- 全国地方公共団体コード; one row per (name, code) as plans state them.
    code TEXT
);
CREATE UNIQUE INDEX municipality_name_code ON municipality (name, ifnull(code, ''));

CREATE TABLE plan (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Plan::key(): municipality name / title.
    plan_key TEXT NOT NULL UNIQUE,
    municipality_id INTEGER NOT NULL REFERENCES municipality (id),
    title TEXT NOT NULL,
    -- PlanKind: snake_case name; `other` with kind_other holding the name.
    kind TEXT NOT NULL,
    kind_other TEXT,
    period_first INTEGER,
    period_last INTEGER,
    philosophy TEXT,
    -- RatingScheme as JSON (tagged with "type"), NULL when the plan states none.
    rating_scheme_type TEXT,
    rating_scheme TEXT,
    CHECK ((period_first IS NULL) = (period_last IS NULL)),
    CHECK ((rating_scheme IS NULL) = (rating_scheme_type IS NULL))
);

CREATE TABLE plan_fiscal_year (
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    PRIMARY KEY (plan_id, position)
);

CREATE TABLE status_level (
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT,
    label TEXT NOT NULL,
    meaning TEXT NOT NULL,
    PRIMARY KEY (plan_id, position)
);

CREATE TABLE direction_term (
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    meaning TEXT NOT NULL,
    PRIMARY KEY (plan_id, position)
);

CREATE TABLE department (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    department_key TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (plan_id, department_key),
    UNIQUE (plan_id, position)
);

CREATE TABLE department_rename (
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    from_year INTEGER NOT NULL,
    name TEXT NOT NULL,
    original TEXT NOT NULL,
    PRIMARY KEY (department_id, position)
);

CREATE TABLE division (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    division_key TEXT NOT NULL,
    name TEXT NOT NULL,
    department_id INTEGER REFERENCES department (id) ON DELETE CASCADE,
    external INTEGER NOT NULL CHECK (external IN (0, 1)),
    UNIQUE (plan_id, division_key),
    UNIQUE (plan_id, position)
);
CREATE INDEX division_department ON division (department_id);

CREATE TABLE division_rename (
    division_id INTEGER NOT NULL REFERENCES division (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    from_year INTEGER NOT NULL,
    name TEXT NOT NULL,
    original TEXT NOT NULL,
    PRIMARY KEY (division_id, position)
);

-- "group" is an SQL keyword: the Group entity lives in plan_group.
CREATE TABLE plan_group (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    group_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    parent_id INTEGER REFERENCES plan_group (id) ON DELETE CASCADE,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, group_key),
    UNIQUE (plan_id, position)
);
CREATE INDEX plan_group_parent ON plan_group (parent_id);

CREATE TABLE measure (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    measure_key TEXT NOT NULL,
    number TEXT,
    name TEXT NOT NULL,
    description TEXT,
    audience TEXT,
    plan_page TEXT,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, measure_key),
    UNIQUE (plan_id, position)
);

CREATE TABLE listing (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    measure_id INTEGER NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES plan_group (id) ON DELETE CASCADE,
    relisted INTEGER NOT NULL CHECK (relisted IN (0, 1)),
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (measure_id, group_id),
    UNIQUE (plan_id, position)
);
CREATE INDEX listing_group ON listing (group_id);

CREATE TABLE assignment (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    measure_id INTEGER NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    division_id INTEGER NOT NULL REFERENCES division (id) ON DELETE CASCADE,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (measure_id, division_id),
    UNIQUE (plan_id, position)
);
CREATE INDEX assignment_division ON assignment (division_id);

CREATE TABLE progress_record (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    measure_id INTEGER NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    -- NULL: one joint entry for all the measure's divisions.
    division_id INTEGER REFERENCES division (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    plan_text TEXT,
    result_text TEXT,
    evaluation_text TEXT,
    effect_text TEXT,
    -- Status: present when status_label is not NULL.
    status_code TEXT,
    status_label TEXT,
    status_original TEXT,
    -- Achievement: present when achievement_type is not NULL; the value as tagged JSON.
    achievement_type TEXT,
    achievement_value TEXT,
    achievement_original TEXT,
    -- Direction: present when direction_label is not NULL.
    direction_label TEXT,
    direction_original TEXT,
    -- The grade the report gives the measure itself for this year (評価), if any.
    grade TEXT,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, position),
    CHECK ((status_label IS NULL) = (status_original IS NULL)),
    CHECK ((achievement_type IS NULL) = (achievement_value IS NULL)),
    CHECK ((achievement_type IS NULL) = (achievement_original IS NULL)),
    CHECK ((direction_label IS NULL) = (direction_original IS NULL))
);
-- Keyed by (measure, division, fiscal year); a joint entry (no division) counts as division 0.
CREATE UNIQUE INDEX progress_record_key
    ON progress_record (measure_id, ifnull(division_id, 0), fiscal_year);
CREATE INDEX progress_record_division ON progress_record (division_id);

CREATE TABLE cost_item (
    record_id INTEGER NOT NULL REFERENCES progress_record (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT,
    amount_yen INTEGER,
    note TEXT,
    -- CostSharing: own / shared_total / duplicate_of; the whole value as tagged JSON.
    sharing_type TEXT NOT NULL,
    sharing TEXT NOT NULL,
    original TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
);

CREATE TABLE output (
    record_id INTEGER NOT NULL REFERENCES progress_record (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    original TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
);

CREATE TABLE extra_field (
    record_id INTEGER NOT NULL REFERENCES progress_record (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
);

CREATE TABLE indicator (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    indicator_key TEXT NOT NULL,
    name TEXT NOT NULL,
    group_id INTEGER REFERENCES plan_group (id) ON DELETE CASCADE,
    unit TEXT,
    polarity TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, indicator_key),
    UNIQUE (plan_id, position)
);
CREATE INDEX indicator_group ON indicator (group_id);

-- Baseline (at most one, position 0), targets and actuals of an indicator.
CREATE TABLE observation (
    indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('baseline', 'target', 'actual')),
    position INTEGER NOT NULL,
    fiscal_year INTEGER,
    -- Value: number / text / not_yet_available / blank.
    value_type TEXT NOT NULL,
    value_number REAL,
    value_text TEXT,
    original TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    PRIMARY KEY (indicator_id, role, position),
    CHECK (role <> 'baseline' OR position = 0),
    CHECK ((value_type = 'number') = (value_number IS NOT NULL)),
    CHECK ((value_type = 'text') = (value_text IS NOT NULL))
);

CREATE TABLE reported_grade (
    indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    grade TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    PRIMARY KEY (indicator_id, position)
);

-- 取組内容 per year of an indicator (Indicator::activities).
CREATE TABLE indicator_activity (
    indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    text TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    PRIMARY KEY (indicator_id, position)
);

CREATE TABLE rating (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    group_id INTEGER NOT NULL REFERENCES plan_group (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    grade TEXT NOT NULL,
    reason TEXT,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, position)
);
CREATE INDEX rating_group ON rating (group_id);

CREATE TABLE outlook (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    -- NULL: the outlook of the whole plan.
    group_id INTEGER REFERENCES plan_group (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    text TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, position)
);
CREATE INDEX outlook_group ON outlook (group_id);

CREATE TABLE narrative (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, position)
);

CREATE TABLE source_document (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file TEXT NOT NULL,
    title TEXT NOT NULL,
    layout TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    UNIQUE (plan_id, sha256),
    UNIQUE (plan_id, position)
);

-- One row per imported document (identified by the SHA-256 of its bytes).
CREATE TABLE imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    layout TEXT NOT NULL
);

-- The plans a document contributed to.
CREATE TABLE import_plan (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    PRIMARY KEY (import_id, plan_id)
);
CREATE INDEX import_plan_plan ON import_plan (plan_id);

CREATE TABLE diagnostic (
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
