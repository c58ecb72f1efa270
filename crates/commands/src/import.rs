//! Importing a document: each plan it holds is merged into the stored plan of its key
//! ([`shinchoku_core::merge::merge`]) and only what changed is written, in one transaction
//! with the document's record and diagnostics.
//!
//! Importing the same bytes again changes nothing at all — not even records that were
//! edited by hand since: a document already recorded with the same file name, layout and
//! diagnostics, whose plans are all stored, is not merged again. A newer document changes
//! what it states, and every changed field is an event with the document as provenance.

use crate::{Actor, CommandError, RETRIES, now_ms};
use serde::{Deserialize, Serialize};
use shinchoku_core::changes::{StatedIds, diff};
use shinchoku_core::merge::{KeptRecord, merge, merge_editions};
use shinchoku_core::{Identities, Plan, PlanId, Provenance};
use shinchoku_ingest::readers::{Layout, SourceText, json};
use shinchoku_ingest::{Diagnostic, Import, ReadError, ReadOptions};
use shinchoku_store::{ChangeSet, Commit, DocumentRecord, ImportId, PlanTarget, Store, StoreError};

/// A read document, ready to be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedDocument {
    /// File name as given to the importer (no directories).
    pub file_name: String,
    /// Hex SHA-256 of the document's bytes: the identity of the import.
    pub sha256: String,
    /// Name of the reader layout ([`Layout::name`]).
    pub layout: String,
    pub plans: Vec<Plan>,
    pub diagnostics: Vec<Diagnostic>,
    /// The ids an export states, parallel to `plans` (empty for other documents).
    pub stated_ids: Vec<StatedIds>,
}

impl ImportedDocument {
    /// Wraps what a reader returned.
    pub fn new(
        file_name: impl Into<String>,
        sha256: impl Into<String>,
        layout: Layout,
        import: Import,
    ) -> Self {
        ImportedDocument {
            file_name: file_name.into(),
            sha256: sha256.into(),
            layout: layout.name().to_owned(),
            plans: import.plans,
            diagnostics: import.diagnostics,
            stated_ids: Vec::new(),
        }
    }

    /// Decodes, detects and reads a document's bytes ([`shinchoku_ingest::read_document`]);
    /// a shinchoku JSON export keeps the ids it states.
    pub fn read(file_name: &str, bytes: &[u8]) -> Result<Self, ReadError> {
        Self::read_with(file_name, bytes, &ReadOptions::default())
    }

    /// [`ImportedDocument::read`] with the importer's options (the municipality or fiscal
    /// year a person states, the size limit). An export carries its own municipalities and
    /// years: the options apply to report documents only.
    pub fn read_with(
        file_name: &str,
        bytes: &[u8],
        options: &ReadOptions,
    ) -> Result<Self, ReadError> {
        let sha256 = shinchoku_ingest::normalise::sha256_hex(bytes);
        if let Some(text) = shinchoku_ingest::normalise::decode_text(bytes)
            && json::detect(&text)
        {
            let src = SourceText {
                file_name,
                text: &text,
                sha256: &sha256,
            };
            let (import, stated_ids) = json::read_with_ids(&src)?;
            let mut doc = ImportedDocument::new(file_name, sha256, Layout::Json, import);
            doc.stated_ids = stated_ids;
            return Ok(doc);
        }
        let (layout, import) =
            shinchoku_ingest::read_document_with_options(file_name, bytes, options)?;
        Ok(ImportedDocument::new(file_name, sha256, layout, import))
    }

    /// Reads a spreadsheet (CSV/TSV, XLSX, ODS) through a mapping profile
    /// ([`shinchoku_ingest::mapping::read_mapped`]). The layout recorded is
    /// [`Profile::layout_name`](shinchoku_ingest::mapping::Profile::layout_name) (`mapping:`
    /// and a hash of the profile), so the same file imported through a changed profile is
    /// merged again, and through the same profile changes nothing.
    pub fn read_mapped(
        file_name: &str,
        bytes: &[u8],
        profile: &shinchoku_ingest::mapping::Profile,
        options: &ReadOptions,
    ) -> Result<Self, shinchoku_ingest::mapping::MappingError> {
        let sha256 = shinchoku_ingest::normalise::sha256_hex(bytes);
        let import = shinchoku_ingest::mapping::read_mapped(file_name, bytes, profile, options)?;
        Ok(ImportedDocument {
            file_name: file_name.to_owned(),
            sha256,
            layout: profile.layout_name(),
            plans: import.plans,
            diagnostics: import.diagnostics,
            stated_ids: Vec::new(),
        })
    }

    fn record(&self) -> DocumentRecord {
        DocumentRecord {
            file_name: self.file_name.clone(),
            sha256: self.sha256.clone(),
            layout: self.layout.clone(),
            diagnostics: self.diagnostics.clone(),
        }
    }
}

/// What an import did to one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// No plan of this key was stored; it was created.
    Created,
    /// The stored plan was merged with the imported one and changed.
    Updated,
    /// Merging changed nothing; nothing was written.
    Unchanged,
}

/// One plan of an import and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanImport {
    pub id: PlanId,
    pub key: String,
    pub outcome: ImportOutcome,
    /// Entities created, changed or deleted.
    pub changed_entities: usize,
}

/// The result of [`import_document`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub import_id: Option<ImportId>,
    /// Whether the document (file, layout, diagnostics) was recorded or its record changed.
    pub document_recorded: bool,
    /// One entry per plan of the document, in document order (plans of the same key merged).
    pub plans: Vec<PlanImport>,
    /// What the merge decided that the reader could not know: records of a newer edition kept
    /// (code `older-edition`), recorded with the document's diagnostics.
    #[serde(default)]
    pub merge_diagnostics: Vec<Diagnostic>,
}

/// The code of the diagnostic of a record kept from a newer edition.
pub const OLDER_EDITION: &str = "older-edition";

fn kept_diagnostic(plan: &Plan, k: &KeptRecord) -> Diagnostic {
    let measure = plan
        .measure(&k.incoming.measure)
        .map_or_else(|| k.incoming.measure.to_string(), |m| m.name.clone());
    let division = k
        .incoming
        .division
        .as_ref()
        .map_or_else(String::new, |d| format!("（{d}）"));
    Diagnostic::new(
        shinchoku_ingest::Severity::Warning,
        OLDER_EDITION,
        k.incoming.location.clone(),
        format!(
            "{measure}{division}の{}の記録は、より新しい版 {}（{}まで）の値を残しました。この文書は{}までの版のため、この記録は取り込んでいません",
            k.incoming.fiscal_year.display_ja(),
            k.stored_file,
            k.stored_edition.display_ja(),
            k.incoming_edition.display_ja()
        ),
    )
}

/// The document's plans with those of the same key merged, in order of first appearance,
/// with the ids an export states for them.
fn plans_by_key(doc: &ImportedDocument) -> Vec<(String, Plan, Identities, Option<PlanId>)> {
    let mut out: Vec<(String, Plan, Identities, Option<PlanId>)> = Vec::new();
    for (i, plan) in doc.plans.iter().enumerate() {
        let key = plan.key();
        let stated = doc.stated_ids.get(i);
        match out.iter_mut().find(|(k, ..)| *k == key) {
            Some((_, merged, _, _)) => {
                *merged = merge(merged.clone(), plan.clone());
            }
            None => out.push((
                key,
                plan.clone(),
                stated.map(|s| s.resolve(plan)).unwrap_or_default(),
                stated.and_then(|s| s.plan),
            )),
        }
    }
    out
}

/// Imports a read document in one transaction (see the module documentation).
pub async fn import_document(
    store: &Store,
    doc: &ImportedDocument,
    actor: &Actor,
) -> Result<ImportReport, CommandError> {
    let plans = plans_by_key(doc);
    if let Some(done) = already_imported(store, doc, &plans).await? {
        return Ok(done);
    }
    for _ in 0..RETRIES {
        let mut changes = Vec::with_capacity(plans.len());
        let mut outcomes = Vec::with_capacity(plans.len());
        let mut merge_diagnostics = Vec::new();
        for (key, incoming, requested, requested_plan) in &plans {
            let stored = store.load_by_key(key).await?;
            let target = match &stored {
                Some(s) => {
                    let (merged, kept) = merge_editions(s.plan.clone(), incoming.clone());
                    merge_diagnostics.extend(kept.iter().map(|k| kept_diagnostic(&merged, k)));
                    merged
                }
                None => incoming.clone(),
            };
            shinchoku_core::validate::check(&target)?;
            let d = diff(stored.as_ref(), &target, requested)?;
            let outcome = match (&stored, d.is_empty()) {
                (None, _) => ImportOutcome::Created,
                (Some(_), true) => ImportOutcome::Unchanged,
                (Some(_), false) => ImportOutcome::Updated,
            };
            outcomes.push((key.clone(), outcome, d.changed_entities()));
            changes.push(ChangeSet {
                plan: match &stored {
                    Some(s) => PlanTarget::Existing(s.id),
                    None => PlanTarget::New {
                        key: key.clone(),
                        requested: *requested_plan,
                    },
                },
                base_revision: stored.as_ref().map(|s| s.revision),
                diff: d,
            });
        }
        let commit = Commit {
            actor: actor.name.clone(),
            command: "import".into(),
            at_ms: now_ms(),
            provenance: Provenance::Document {
                file: doc.file_name.clone(),
                sha256: doc.sha256.clone(),
                line: None,
                field: None,
            },
            changes,
            document: Some({
                let mut record = doc.record();
                record.diagnostics.extend(merge_diagnostics.iter().cloned());
                record
            }),
        };
        match store.apply(commit).await {
            Ok(applied) => {
                return Ok(ImportReport {
                    import_id: applied.import_id,
                    document_recorded: applied.document_recorded,
                    plans: applied
                        .plans
                        .iter()
                        .zip(outcomes)
                        .map(|(p, (key, outcome, changed_entities))| PlanImport {
                            id: p.id,
                            key,
                            outcome,
                            changed_entities,
                        })
                        .collect(),
                    merge_diagnostics,
                });
            }
            Err(StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(CommandError::Busy(format!("import of {}", doc.file_name)))
}

/// The report of an import that would change nothing: the same document is recorded and every
/// plan of it is stored.
async fn already_imported(
    store: &Store,
    doc: &ImportedDocument,
    plans: &[(String, Plan, Identities, Option<PlanId>)],
) -> Result<Option<ImportReport>, CommandError> {
    let Some(row) = store.find_import(&doc.sha256).await? else {
        return Ok(None);
    };
    if row.file != doc.file_name || row.layout != doc.layout {
        return Ok(None);
    }
    // The merge's own diagnostics are recorded with the reader's; compare the reader's.
    let recorded: Vec<Diagnostic> = store
        .diagnostics_of_import(row.id)
        .await?
        .into_iter()
        .filter(|d| d.code != OLDER_EDITION)
        .collect();
    if recorded != doc.diagnostics {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(plans.len());
    for (key, ..) in plans {
        match store.plan_id_by_key(key).await? {
            Some(id) if row.plans.contains(&id) => out.push(PlanImport {
                id,
                key: key.clone(),
                outcome: ImportOutcome::Unchanged,
                changed_entities: 0,
            }),
            _ => return Ok(None),
        }
    }
    Ok(Some(ImportReport {
        import_id: Some(row.id),
        document_recorded: false,
        plans: out,
        merge_diagnostics: Vec::new(),
    }))
}
