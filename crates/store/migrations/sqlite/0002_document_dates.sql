-- Schema version 2: the dates a source document states about itself (cover date,
-- 報告対象期間, 発行日), one row per stated date. `role` says which; a reporting period keeps
-- its end in the end_* columns. Days are NULL when the document gives only year and month.
CREATE TABLE source_document_date (
    source_document_id INTEGER NOT NULL REFERENCES source_document (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('cover', 'reporting_period', 'issue')),
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    day INTEGER,
    end_year INTEGER,
    end_month INTEGER,
    end_day INTEGER,
    original TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    PRIMARY KEY (source_document_id, role),
    CHECK ((role = 'reporting_period') = (end_year IS NOT NULL AND end_month IS NOT NULL))
);
