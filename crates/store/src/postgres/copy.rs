//! Every row out of and into a PostgreSQL database (`Store::copy_to`). Rows go in with
//! `COPY … FROM STDIN (FORMAT binary)`: one stream per table instead of a statement per row.

use super::Tx;
use super::read::col;
use crate::StoreError;
use crate::copy::{
    AccountRecord, ApiTokenRecord, ChangeRecord, DiagnosticRecord, EntityRecord, EventRecord,
    ImportRecord, NoticeRecord, PlanRecord, SEQUENCED, Tables,
};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};

/// Every row, each table in the order of its key, in the caller's read transaction.
pub(crate) fn export(tx: &mut Tx<'_>) -> Result<Tables, StoreError> {
    let mut t = Tables::default();
    for r in &tx.query(
        "SELECT id, plan_key, municipality, title, revision, updated_at_ms, header
         FROM plans ORDER BY id",
        &[],
    )? {
        let n = "plans";
        t.plans.push(PlanRecord {
            id: col(r, 0, n)?,
            plan_key: col(r, 1, n)?,
            municipality: col(r, 2, n)?,
            title: col(r, 3, n)?,
            revision: col(r, 4, n)?,
            updated_at_ms: col(r, 5, n)?,
            header: col(r, 6, n)?,
        });
    }
    for r in &tx.query(
        "SELECT id, plan_id, kind, entity_key, position, revision, body FROM entity ORDER BY id",
        &[],
    )? {
        let n = "entity";
        t.entities.push(EntityRecord {
            id: col(r, 0, n)?,
            plan_id: col(r, 1, n)?,
            kind: col(r, 2, n)?,
            entity_key: col(r, 3, n)?,
            position: col(r, 4, n)?,
            revision: col(r, 5, n)?,
            body: col(r, 6, n)?,
        });
    }
    for r in &tx.query(
        "SELECT id, plan_id, plan_revision, at_ms, actor, command, provenance
         FROM change ORDER BY id",
        &[],
    )? {
        let n = "change";
        t.changes.push(ChangeRecord {
            id: col(r, 0, n)?,
            plan_id: col(r, 1, n)?,
            plan_revision: col(r, 2, n)?,
            at_ms: col(r, 3, n)?,
            actor: col(r, 4, n)?,
            command: col(r, 5, n)?,
            provenance: col(r, 6, n)?,
        });
    }
    for r in &tx.query(
        "SELECT id, change_id, plan_id, entity_id, kind, entity_key, action, field, old_value,
                new_value, revision, place
         FROM event ORDER BY id",
        &[],
    )? {
        let n = "event";
        t.events.push(EventRecord {
            id: col(r, 0, n)?,
            change_id: col(r, 1, n)?,
            plan_id: col(r, 2, n)?,
            entity_id: col(r, 3, n)?,
            kind: col(r, 4, n)?,
            entity_key: col(r, 5, n)?,
            action: col(r, 6, n)?,
            field: col(r, 7, n)?,
            old_value: col(r, 8, n)?,
            new_value: col(r, 9, n)?,
            revision: col(r, 10, n)?,
            place: col(r, 11, n)?,
        });
    }
    for r in &tx.query(
        "SELECT id, file, sha256, layout FROM imports ORDER BY id",
        &[],
    )? {
        let n = "imports";
        t.imports.push(ImportRecord {
            id: col(r, 0, n)?,
            file: col(r, 1, n)?,
            sha256: col(r, 2, n)?,
            layout: col(r, 3, n)?,
        });
    }
    for r in &tx.query(
        "SELECT import_id, plan_id FROM import_plans ORDER BY import_id, plan_id",
        &[],
    )? {
        t.import_plans
            .push((col(r, 0, "import_plans")?, col(r, 1, "import_plans")?));
    }
    for r in &tx.query(
        "SELECT import_id, position, severity, code, location_file, location_line,
                location_field, message
         FROM diagnostic ORDER BY import_id, position",
        &[],
    )? {
        let n = "diagnostic";
        t.diagnostics.push(DiagnosticRecord {
            import_id: col(r, 0, n)?,
            position: col(r, 1, n)?,
            severity: col(r, 2, n)?,
            code: col(r, 3, n)?,
            location_file: col(r, 4, n)?,
            location_line: col(r, 5, n)?,
            location_field: col(r, 6, n)?,
            message: col(r, 7, n)?,
        });
    }
    for r in &tx.query(
        "SELECT id, login, display_name, email, role, scope, divisions, password_hash, disabled,
                created_at_ms
         FROM account ORDER BY id",
        &[],
    )? {
        let n = "account";
        t.accounts.push(AccountRecord {
            id: col(r, 0, n)?,
            login: col(r, 1, n)?,
            display_name: col(r, 2, n)?,
            email: col(r, 3, n)?,
            role: col(r, 4, n)?,
            scope: col(r, 5, n)?,
            divisions: col(r, 6, n)?,
            password_hash: col(r, 7, n)?,
            disabled: col(r, 8, n)?,
            created_at_ms: col(r, 9, n)?,
        });
    }
    for r in &tx.query(
        "SELECT id, account_id, name, token_hash, created_at_ms, revoked_at_ms
         FROM api_token ORDER BY id",
        &[],
    )? {
        let n = "api_token";
        t.api_tokens.push(ApiTokenRecord {
            id: col(r, 0, n)?,
            account_id: col(r, 1, n)?,
            name: col(r, 2, n)?,
            token_hash: col(r, 3, n)?,
            created_at_ms: col(r, 4, n)?,
            revoked_at_ms: col(r, 5, n)?,
        });
    }
    for r in &tx.query(
        "SELECT key, recipient, sent_at_ms FROM notice ORDER BY key",
        &[],
    )? {
        let n = "notice";
        t.notices.push(NoticeRecord {
            key: col(r, 0, n)?,
            recipient: col(r, 1, n)?,
            sent_at_ms: col(r, 2, n)?,
        });
    }
    for r in &tx.query("SELECT key, value FROM setting ORDER BY key", &[])? {
        t.settings
            .push((col(r, 0, "setting")?, col(r, 1, "setting")?));
    }
    for r in &tx.query(
        "SELECT name, seq FROM id_sequence WHERE seq > 0 ORDER BY name",
        &[],
    )? {
        t.sequences
            .push((col(r, 0, "id_sequence")?, col(r, 1, "id_sequence")?));
    }
    Ok(t)
}

/// Streams `rows` into `table` with binary COPY.
fn copy_in<T>(
    tx: &mut Tx<'_>,
    statement: &str,
    types: &[Type],
    rows: &[T],
    values: impl Fn(&T) -> Vec<&(dyn ToSql + Sync)>,
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let sink = tx.raw().copy_in(statement)?;
    let mut writer = BinaryCopyInWriter::new(sink, types);
    for row in rows {
        writer.write(&values(row))?;
    }
    writer.finish()?;
    Ok(())
}

/// Writes every row into an empty database, in the caller's write transaction; refuses a
/// database that holds anything.
pub(crate) fn import(tx: &mut Tx<'_>, t: &Tables) -> Result<(), StoreError> {
    let row = tx.raw().query_one(&crate::copy::any_row_sql(), &[])?;
    if col::<bool>(&row, 0, "plans")? {
        return Err(StoreError::NotEmpty);
    }
    let (int8, text) = (Type::INT8, Type::TEXT);
    copy_in(
        tx,
        "COPY plans (id, plan_key, municipality, title, revision, updated_at_ms, header)
         FROM STDIN (FORMAT binary)",
        &[
            int8.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            int8.clone(),
            int8.clone(),
            text.clone(),
        ],
        &t.plans,
        |p| {
            vec![
                &p.id,
                &p.plan_key,
                &p.municipality,
                &p.title,
                &p.revision,
                &p.updated_at_ms,
                &p.header,
            ]
        },
    )?;
    copy_in(
        tx,
        "COPY entity (id, plan_id, kind, entity_key, position, revision, body)
         FROM STDIN (FORMAT binary)",
        &[
            int8.clone(),
            int8.clone(),
            text.clone(),
            text.clone(),
            int8.clone(),
            int8.clone(),
            text.clone(),
        ],
        &t.entities,
        |e| {
            vec![
                &e.id,
                &e.plan_id,
                &e.kind,
                &e.entity_key,
                &e.position,
                &e.revision,
                &e.body,
            ]
        },
    )?;
    copy_in(
        tx,
        "COPY change (id, plan_id, plan_revision, at_ms, actor, command, provenance)
         FROM STDIN (FORMAT binary)",
        &[
            int8.clone(),
            int8.clone(),
            int8.clone(),
            int8.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
        ],
        &t.changes,
        |c| {
            vec![
                &c.id,
                &c.plan_id,
                &c.plan_revision,
                &c.at_ms,
                &c.actor,
                &c.command,
                &c.provenance,
            ]
        },
    )?;
    copy_in(
        tx,
        "COPY event (id, change_id, plan_id, entity_id, kind, entity_key, action, field,
                     old_value, new_value, revision, place)
         FROM STDIN (FORMAT binary)",
        &[
            int8.clone(),
            int8.clone(),
            int8.clone(),
            int8.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            int8.clone(),
            text.clone(),
        ],
        &t.events,
        |e| {
            vec![
                &e.id,
                &e.change_id,
                &e.plan_id,
                &e.entity_id,
                &e.kind,
                &e.entity_key,
                &e.action,
                &e.field,
                &e.old_value,
                &e.new_value,
                &e.revision,
                &e.place,
            ]
        },
    )?;
    copy_in(
        tx,
        "COPY imports (id, file, sha256, layout) FROM STDIN (FORMAT binary)",
        &[int8.clone(), text.clone(), text.clone(), text.clone()],
        &t.imports,
        |i| vec![&i.id, &i.file, &i.sha256, &i.layout],
    )?;
    copy_in(
        tx,
        "COPY import_plans (import_id, plan_id) FROM STDIN (FORMAT binary)",
        &[int8.clone(), int8.clone()],
        &t.import_plans,
        |(i, p)| vec![i, p],
    )?;
    copy_in(
        tx,
        "COPY diagnostic (import_id, position, severity, code, location_file, location_line,
                          location_field, message)
         FROM STDIN (FORMAT binary)",
        &[
            int8.clone(),
            int8.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            int8.clone(),
            text.clone(),
            text.clone(),
        ],
        &t.diagnostics,
        |d| {
            vec![
                &d.import_id,
                &d.position,
                &d.severity,
                &d.code,
                &d.location_file,
                &d.location_line,
                &d.location_field,
                &d.message,
            ]
        },
    )?;
    copy_in(
        tx,
        "COPY account (id, login, display_name, email, role, scope, divisions, password_hash,
                       disabled, created_at_ms)
         FROM STDIN (FORMAT binary)",
        &[
            int8.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            Type::BOOL,
            int8.clone(),
        ],
        &t.accounts,
        |a| {
            vec![
                &a.id,
                &a.login,
                &a.display_name,
                &a.email,
                &a.role,
                &a.scope,
                &a.divisions,
                &a.password_hash,
                &a.disabled,
                &a.created_at_ms,
            ]
        },
    )?;
    copy_in(
        tx,
        "COPY api_token (id, account_id, name, token_hash, created_at_ms, revoked_at_ms)
         FROM STDIN (FORMAT binary)",
        &[
            int8.clone(),
            int8.clone(),
            text.clone(),
            text.clone(),
            int8.clone(),
            int8.clone(),
        ],
        &t.api_tokens,
        |k| {
            vec![
                &k.id,
                &k.account_id,
                &k.name,
                &k.token_hash,
                &k.created_at_ms,
                &k.revoked_at_ms,
            ]
        },
    )?;
    copy_in(
        tx,
        "COPY notice (key, recipient, sent_at_ms) FROM STDIN (FORMAT binary)",
        &[text.clone(), text.clone(), int8],
        &t.notices,
        |n| vec![&n.key, &n.recipient, &n.sent_at_ms],
    )?;
    copy_in(
        tx,
        "COPY setting (key, value) FROM STDIN (FORMAT binary)",
        &[text.clone(), text],
        &t.settings,
        |(k, v)| vec![k, v],
    )?;
    // Every id given out, by the source's sequences and by the rows themselves.
    for (table, max) in SEQUENCED.iter().zip(t.largest_ids()) {
        let stated = t
            .sequences
            .iter()
            .filter(|(name, _)| name == table)
            .map(|(_, seq)| *seq)
            .max();
        let last = stated.into_iter().chain(max).max().unwrap_or(0);
        super::write::used_id(tx, table, last)?;
    }
    Ok(())
}
