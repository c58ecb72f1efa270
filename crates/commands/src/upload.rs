//! Applying an uploaded collection workbook (the Excel round-trip of the yearly cycle).
//!
//! [`apply_workbook`] reads the file (`shinchoku_ingest::workbook`: bounded, every cell
//! checked for its shape), then checks every row against what is stored:
//!
//! * the stamp's plans exist and are the same plans (key); a sheet of a year that is not
//!   open while another year of its plan is (last year's file) is refused; every record still
//!   belongs to its plan, the stamp's fiscal year and division, and the caller allows the
//!   uploader to change it (`allowed`);
//! * every input cell whose text differs from what the workbook was made with
//!   ([`shinchoku_report::workbook::input_text`] of the stored record) is set with
//!   [`set_field`], against the plan's vocabularies;
//! * a record the upload would change must still be at the revision the workbook was made
//!   from: a newer edit is never overwritten, the refusal names the record and the fields
//!   changed since, with who changed them;
//! * a record whose values change moves to 入力中 ([`Transition::Save`]) when its year has
//!   a cycle (refused when that cycle is not open or the record is already submitted);
//!   with [`WorkbookUpload::submit`] every record of the workbook not yet submitted is
//!   submitted (提出).
//!
//! Every problem is collected (`シート名!セル: 説明` in Japanese) and nothing is written if
//! there is any. Otherwise one commit, in one transaction, writes every changed record of
//! every plan, as the uploading user with [`Provenance::Upload`] (the file's name and the
//! first 12 hex digits of its SHA-256, and the cells that changed); each field's event in the
//! history names its own cell (`FieldChange::place`; the review state: the row's id cell).
//! The same file uploaded again changes nothing: its cells now read what is stored.

use crate::record::{RecordField, set_field};
use crate::{Actor, CommandError, now_ms};
use serde::Serialize;
use shinchoku_core::changes::{EntityChange, EntityOp, PlanDiff, field_changes};
use shinchoku_core::cycle::{CycleState, Transition, review_state, review_step};
use shinchoku_core::{
    EntityId, EntityKind, EntityMeta, EntityRef, Plan, PlanId, ProgressRecord, Provenance,
    Revision, StoredPlan,
};
use shinchoku_ingest::workbook::layout::{Column, division_matches, division_name};
use shinchoku_ingest::workbook::{
    CellError, WorkbookError, WorkbookLimits, read_workbook_with_problems,
};
use shinchoku_report::workbook::input_text;
use shinchoku_store::{ChangeSet, Commit, HistoryFilter, PlanTarget, Store, StoreError};
use std::collections::HashMap;

/// An uploaded file.
#[derive(Debug, Clone, Copy)]
pub struct WorkbookUpload<'a> {
    /// The file's name as uploaded (recorded in the history).
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// Also submit (提出) every record of the workbook.
    pub submit: bool,
}

/// Why an upload was refused. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// The file as a whole (too large, not a workbook, a ZIP bomb, not shinchoku's …).
    #[error(transparent)]
    File(WorkbookError),
    /// Every problem found in cells, rows and sheets, each as `シート名!セル: 説明`.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Cells(Vec<CellError>),
    /// Another writer changed a record between the checks and the commit.
    #[error("アップロード中に他の人が記録を変更しました。もう一度アップロードしてください")]
    Conflict,
    #[error(transparent)]
    Command(#[from] CommandError),
}

impl From<StoreError> for UploadError {
    fn from(e: StoreError) -> Self {
        UploadError::Command(CommandError::Store(e))
    }
}

impl From<serde_json::Error> for UploadError {
    fn from(e: serde_json::Error) -> Self {
        UploadError::Command(CommandError::Json(e))
    }
}

/// What [`apply_workbook`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UploadOutcome {
    /// Records in the workbook.
    pub records: usize,
    /// Records written (values changed or submitted), with their new revision.
    pub changed: Vec<(EntityId, Revision)>,
    /// Fields changed in all (review states not counted).
    pub fields: usize,
    /// Records submitted.
    pub submitted: usize,
}

fn normalised(s: &str) -> String {
    s.replace("\r\n", "\n").trim().to_owned()
}

fn field_of(column: Column) -> Option<RecordField> {
    column.field().and_then(RecordField::parse)
}

/// The Japanese name of a stored field (`result_text` → 実施状況・実績).
fn field_label(name: &str) -> String {
    match name {
        "review" => "提出状況".to_owned(),
        other => {
            RecordField::parse(other).map_or_else(|| other.to_owned(), |f| f.label_ja().to_owned())
        }
    }
}

/// How a record is named in messages: 「記録 12（No.3 相談窓口 / 健康増進課 / 令和7年度）」.
fn describe(plan: &Plan, record: &ProgressRecord, id: i64) -> String {
    let measure = plan.measure(&record.measure);
    let title = match measure {
        Some(m) => match &m.number {
            Some(n) => format!("{n} {}", m.name),
            None => m.name.clone(),
        },
        None => record.measure.as_str().to_owned(),
    };
    let division = division_name(plan, record);
    let mut parts = vec![title];
    if !division.is_empty() {
        parts.push(division);
    }
    parts.push(record.fiscal_year.display_ja());
    format!("記録 {id}（{}）", parts.join(" / "))
}

struct Target {
    plan: PlanId,
    entity: EntityRef,
    position: usize,
    id: EntityId,
    base: Revision,
    old: serde_json::Value,
    new: ProgressRecord,
    /// The cell of each field set (`result_text` → `計画!G5`; `review` → the id cell).
    cells: Vec<(String, String)>,
    submitted: bool,
}

/// Applies an uploaded workbook (see the module documentation).
///
/// * `upload`: the file's name (for the history), its bytes (at most
///   [`WorkbookLimits::default`]'s 20 MiB; larger is refused, not read), and whether to
///   submit.
/// * `actor`: who uploads; its name is the commit's actor and the reviewer's `updated_by`.
///   Its provenance is not used: the commit's is [`Provenance::Upload`].
/// * `allowed(plan, record)`: whether the uploader may change a record (a division editor:
///   records of their own divisions; the secretariat: every record of its municipality). A
///   workbook with any record not allowed is refused, naming the record's division.
///
/// `Ok` says how many records were written (none for a file uploaded twice);
/// [`UploadError::Cells`] lists every problem (`シート名!セル: 説明`) and nothing is written;
/// [`UploadError::File`] refuses the file as a whole; [`UploadError::Conflict`] when another
/// writer changed a record between the checks and the commit (upload again).
pub async fn apply_workbook(
    store: &Store,
    upload: WorkbookUpload<'_>,
    actor: &Actor,
    allowed: impl Fn(&Plan, &ProgressRecord) -> bool,
) -> Result<UploadOutcome, UploadError> {
    let limits = WorkbookLimits::default();
    // Refused by size before anything is copied; parsed on the blocking pool (decompressing
    // and reading a large workbook takes a while and must not hold up a server's runtime).
    let size = u64::try_from(upload.bytes.len()).unwrap_or(u64::MAX);
    if size > limits.max_bytes {
        return Err(UploadError::File(WorkbookError::TooLarge {
            size,
            limit: limits.max_bytes,
        }));
    }
    let bytes = upload.bytes.to_vec();
    let book = tokio::task::spawn_blocking(move || read_workbook_with_problems(&bytes, &limits))
        .await
        .map_err(|_| {
            UploadError::File(WorkbookError::Unreadable(
                "ワークブックを読む処理が中断されました".to_owned(),
            ))
        })?
        .map_err(|e| match e {
            WorkbookError::Cells(errors) => UploadError::Cells(errors),
            e => UploadError::File(e),
        })?;
    let at_ms = now_ms();
    // Problems of shape first, then of values: every one is reported at once.
    let mut errors: Vec<CellError> = book.problems.clone();
    let mut stored_plans: HashMap<i64, StoredPlan> = HashMap::new();
    for sp in &book.stamp.plans {
        match store.load(PlanId(sp.plan_id)).await? {
            Some(p) if p.plan.key() == sp.key => {
                // Last year's file while this year is collected: refused as a whole.
                let year_open = p
                    .plan
                    .cycle(sp.fiscal_year)
                    .is_some_and(|c| c.state == CycleState::Open);
                match p.plan.open_cycle() {
                    Some(open) if !year_open => {
                        errors.push(CellError::new(
                            sp.sheet.clone(),
                            format!(
                                "このシートは{}のワークブックです。受付中の年度は{}です。ワークブックを出力し直してください",
                                sp.fiscal_year.display_ja(),
                                open.fiscal_year.display_ja()
                            ),
                        ));
                    }
                    _ => {
                        stored_plans.insert(sp.plan_id, p);
                    }
                }
            }
            Some(p) => errors.push(CellError::new(
                sp.sheet.clone(),
                format!(
                    "このシートは計画「{}」のものですが、計画 ID {} は「{}」です。別のデータベースのファイルではありませんか",
                    sp.key,
                    sp.plan_id,
                    p.plan.key()
                ),
            )),
            None => errors.push(CellError::new(
                sp.sheet.clone(),
                format!("計画「{}」（ID {}）はもうありません", sp.key, sp.plan_id),
            )),
        }
    }
    let mut targets: Vec<Target> = Vec::new();
    let mut record_index: HashMap<i64, HashMap<EntityId, (EntityRef, usize, EntityMeta)>> =
        HashMap::new();
    for row in &book.rows {
        let Some(stored) = stored_plans.get(&row.plan_id) else {
            continue;
        };
        let Some(sp) = book.stamp.plans.iter().find(|p| p.plan_id == row.plan_id) else {
            continue;
        };
        let plan = &stored.plan;
        let id = EntityId(row.record_id);
        let records = record_index
            .entry(row.plan_id)
            .or_insert_with(|| records_by_id(stored));
        let Some((entity, position, meta)) = records.get(&id).cloned() else {
            let message = match store.entity(id).await? {
                Some(e) => format!(
                    "記録ID {} は別の計画（ID {}）の記録です。このシートの計画「{}」の記録ではありません",
                    row.record_id, e.plan_id, sp.key
                ),
                None => format!(
                    "記録ID {} は保存されていません（削除されました）",
                    row.record_id
                ),
            };
            errors.push(CellError::new(row.id_cell.clone(), message));
            continue;
        };
        let Some(record) = plan.records.get(position) else {
            continue;
        };
        let name = describe(plan, record, row.record_id);
        if record.fiscal_year != sp.fiscal_year {
            errors.push(CellError::new(
                row.id_cell.clone(),
                format!(
                    "{name}は{}の記録ですが、このワークブックは{}のものです",
                    record.fiscal_year.display_ja(),
                    sp.fiscal_year.display_ja()
                ),
            ));
            continue;
        }
        if let Some(d) = &book.stamp.division
            && !division_matches(plan, record, d)
        {
            errors.push(CellError::new(
                row.id_cell.clone(),
                format!("{name}は{d}の記録ではありません"),
            ));
            continue;
        }
        if !allowed(plan, record) {
            let whose = match division_name(plan, record) {
                d if d.is_empty() => String::new(),
                d => format!("{d}の記録です。"),
            };
            errors.push(CellError::new(
                row.id_cell.clone(),
                format!(
                    "{name}を変更する権限がありません。{whose}自分の課のワークブックをアップロードしてください"
                ),
            ));
            continue;
        }
        // The record as the workbook was made from it: a cell that still reads its value
        // was not touched, even when someone changed the field since.
        let stale = meta.revision.0 != row.expected_revision;
        let (at_stamp, events) = if stale {
            let events = store
                .history(HistoryFilter {
                    plan: None,
                    entity: Some(id),
                    after_revision: Some(Revision(row.expected_revision)),
                })
                .await?;
            (as_before(record, &events)?, events)
        } else {
            (record.clone(), Vec::new())
        };
        let mut new = record.clone();
        let mut cells = Vec::new();
        let mut row_ok = true;
        for value in &row.values {
            let Some(field) = field_of(value.column) else {
                continue;
            };
            let text = normalised(&value.text);
            if text == normalised(&input_text(record, value.column))
                || text == normalised(&input_text(&at_stamp, value.column))
            {
                continue;
            }
            match set_field(plan, &mut new, field, &value.text) {
                Ok(()) => cells.push((value.field.to_owned(), value.cell.clone())),
                Err(CommandError::InvalidValue { message, .. }) => {
                    row_ok = false;
                    errors.push(CellError::new(
                        value.cell.clone(),
                        format!("{}: {message}", value.column.header_ja()),
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
        if !row_ok {
            continue;
        }
        let values_changed = new != *record;
        let has_cycle = plan.cycle(record.fiscal_year).is_some();
        if values_changed
            && has_cycle
            && let Err(e) = review_step(plan, &mut new, Transition::Save, &actor.name, at_ms, None)
        {
            errors.push(CellError::new(row.id_cell.clone(), format!("{name}: {e}")));
            continue;
        }
        let mut submitted = false;
        if upload.submit {
            let state = review_state(&new);
            let done = matches!(
                state,
                shinchoku_core::cycle::ReviewState::Submitted
                    | shinchoku_core::cycle::ReviewState::Accepted
            );
            if !done || values_changed {
                match review_step(plan, &mut new, Transition::Submit, &actor.name, at_ms, None) {
                    Ok(()) => submitted = true,
                    Err(e) => {
                        errors.push(CellError::new(row.id_cell.clone(), format!("{name}: {e}")));
                        continue;
                    }
                }
            }
        }
        if new == *record {
            continue;
        }
        // Values the uploader did not see must not be overwritten; submitting what is stored
        // (every cell reads the stored value) is no overwrite.
        if values_changed && stale {
            let mut fields: Vec<String> = Vec::new();
            for ev in &events {
                let label = ev
                    .field
                    .as_deref()
                    .map_or_else(|| ev.action.label_ja().to_owned(), field_label);
                let who = format!("{label}（{}）", ev.actor);
                if !fields.contains(&who) {
                    fields.push(who);
                }
            }
            errors.push(CellError::new(
                row.id_cell.clone(),
                format!(
                    "{name}はこのワークブックの出力後に変更されています（版 {} → {}; 変更された項目: {}）。上書きしないよう取り込みを中止しました。ワークブックを出力し直して入力してください",
                    row.expected_revision,
                    meta.revision,
                    if fields.is_empty() {
                        "不明".to_owned()
                    } else {
                        fields.join("、")
                    }
                ),
            ));
            continue;
        }
        targets.push(Target {
            plan: stored.id,
            entity,
            position,
            id: meta.id,
            base: meta.revision,
            old: serde_json::to_value(record)?,
            new,
            cells: {
                cells.push(("review".to_owned(), row.id_cell.clone()));
                cells
            },
            submitted,
        });
    }
    if !errors.is_empty() {
        return Err(UploadError::Cells(errors));
    }
    let mut outcome = UploadOutcome {
        records: book.rows.len(),
        changed: Vec::new(),
        fields: 0,
        submitted: 0,
    };
    if targets.is_empty() {
        return Ok(outcome);
    }
    let mut changes: Vec<ChangeSet> = Vec::new();
    let mut all_cells: Vec<String> = Vec::new();
    for t in targets {
        let body = serde_json::to_value(&t.new)?;
        let mut fields = field_changes(&t.old, &body);
        for f in &mut fields {
            f.place = t
                .cells
                .iter()
                .find(|(field, _)| *field == f.field)
                .map(|(_, cell)| cell.clone());
        }
        outcome.fields += fields.iter().filter(|f| f.field != "review").count();
        outcome.submitted += usize::from(t.submitted);
        outcome.changed.push((t.id, t.base.next()));
        all_cells.extend(
            t.cells
                .into_iter()
                .filter(|(field, _)| field != "review")
                .map(|(_, cell)| cell),
        );
        let change = EntityChange {
            entity: t.entity,
            op: EntityOp::Update {
                id: t.id,
                base: t.base,
            },
            position: t.position,
            body,
            fields,
        };
        match changes
            .iter_mut()
            .find(|c| c.plan == PlanTarget::Existing(t.plan))
        {
            Some(c) => c.diff.entities.push(change),
            None => changes.push(ChangeSet {
                plan: PlanTarget::Existing(t.plan),
                base_revision: None,
                diff: PlanDiff {
                    header: None,
                    header_fields: Vec::new(),
                    entities: vec![change],
                },
            }),
        }
    }
    let sha = book.sha256.get(..12).unwrap_or(&book.sha256);
    let commit = Commit {
        actor: actor.name.clone(),
        command: if upload.submit {
            "workbook upload --submit".to_owned()
        } else {
            "workbook upload".to_owned()
        },
        at_ms,
        provenance: Provenance::Upload {
            upload: format!("{} ({sha})", upload.file_name),
            cell: cells_text(&all_cells),
        },
        changes,
        document: None,
    };
    match store.apply(commit).await {
        Ok(_) => Ok(outcome),
        Err(StoreError::Conflict(_)) => Err(UploadError::Conflict),
        Err(e) => Err(e.into()),
    }
}

/// Every record of a stored plan by id: its address, position and revision.
fn records_by_id(stored: &StoredPlan) -> HashMap<EntityId, (EntityRef, usize, EntityMeta)> {
    EntityRef::of_plan(&stored.plan)
        .into_iter()
        .filter(|(e, _)| e.kind == EntityKind::Record)
        .filter_map(|(e, position)| {
            let meta = stored.ids.get(&e)?;
            Some((meta.id, (e, position, meta)))
        })
        .collect()
}

/// A record as it was before `events` (its history since a revision): each field changed
/// since takes the old value of its first event.
fn as_before(
    record: &ProgressRecord,
    events: &[shinchoku_store::HistoryEvent],
) -> Result<ProgressRecord, UploadError> {
    let mut body = serde_json::to_value(record)?;
    let mut restored: Vec<&str> = Vec::new();
    if let serde_json::Value::Object(map) = &mut body {
        for ev in events {
            let (Some(field), Some(old)) = (ev.field.as_deref(), ev.old.as_ref()) else {
                continue;
            };
            if restored.contains(&field) {
                continue;
            }
            restored.push(field);
            if old.is_null() {
                map.remove(field);
            } else {
                map.insert(field.to_owned(), old.clone());
            }
        }
    }
    Ok(serde_json::from_value(body)?)
}

/// The changed cells for the history: all of them when few, else the first ones and a count.
fn cells_text(cells: &[String]) -> String {
    const SHOWN: usize = 8;
    if cells.len() <= SHOWN {
        cells.join(", ")
    } else {
        format!(
            "{} ほか {} セル",
            cells[..SHOWN].join(", "),
            cells.len() - SHOWN
        )
    }
}
