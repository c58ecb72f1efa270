//! The commands layer: the only writer of the store.
//!
//! A command is an intent — import a document, set fields of a record, add or retire a
//! measure, rename a division from a fiscal year on. It reads what is stored, computes the
//! plan it wants stored with the pure functions of `shinchoku-core` (merge, field parsing),
//! diffs the two ([`shinchoku_core::changes::diff`]) and hands the store one [`Commit`]; the
//! store applies it in one transaction, checking revisions, writing events and the change log.
//!
//! Conflicts: a command computed from the whole plan (an import, a plan edit) names the
//! plan's revision and is retried from a fresh read when another writer got there first (the
//! result is the same as if the two had run one after the other). A command from a person who
//! saw a revision (`record set --expect-revision N`, a form, an upload) names that revision
//! and is refused with [`CommandError::Conflict`], listing what changed since, so that no
//! update is ever lost silently.
//!
//! The CLI and the web app both call these functions; neither writes to the store directly.

pub mod accounts;
pub mod cycle;
mod error;
pub mod import;
pub mod package;
pub mod plan_edit;
pub mod record;
pub mod remind;
pub mod upload;

pub use error::CommandError;
pub use import::{ImportOutcome, ImportReport, ImportedDocument, PlanImport, import_document};
pub use plan_edit::{add_measure, rename_division, retire_measure};
pub use record::{RecordField, SetOutcome, set_record_fields, update_record};
pub use upload::{UploadError, UploadOutcome, WorkbookUpload, apply_workbook};

use shinchoku_core::Provenance;
use shinchoku_core::changes::diff;
use shinchoku_core::{Identities, Plan, PlanId};
pub use shinchoku_store::now_ms;
use shinchoku_store::{ChangeSet, Commit, PlanTarget, Store, StoreError};

/// Who does something, and where the values come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// A user name, or the command's own name (`import`).
    pub name: String,
    pub provenance: Provenance,
}

impl Actor {
    /// Someone at the command line (`shinchoku record set --as NAME`).
    pub fn command_line(name: impl Into<String>) -> Actor {
        Actor {
            name: name.into(),
            provenance: Provenance::CommandLine,
        }
    }

    /// A signed-in user entering values in a web form.
    pub fn form(name: impl Into<String>) -> Actor {
        let name = name.into();
        Actor {
            provenance: Provenance::Form { user: name.clone() },
            name,
        }
    }
}

/// How many times a command computed from the whole plan is retried after another writer
/// changed the plan in between.
pub(crate) const RETRIES: usize = 16;

/// Applies `edit` to a stored plan and commits the difference, naming the plan's revision;
/// retried from a fresh read on a conflict. Returns the plan's revision after the commit
/// (unchanged when the edit changed nothing).
pub(crate) async fn edit_plan(
    store: &Store,
    plan: PlanId,
    actor: &Actor,
    command: &str,
    edit: impl Fn(&mut Plan) -> Result<(), CommandError>,
) -> Result<shinchoku_core::Revision, CommandError> {
    for _ in 0..RETRIES {
        let stored = store
            .load(plan)
            .await?
            .ok_or(CommandError::Store(StoreError::PlanNotFound(plan)))?;
        let mut target = stored.plan.clone();
        edit(&mut target)?;
        shinchoku_core::validate::check(&target)?;
        let d = diff(Some(&stored), &target, &Identities::default())?;
        if d.is_empty() {
            return Ok(stored.revision);
        }
        let commit = Commit {
            actor: actor.name.clone(),
            command: command.to_owned(),
            at_ms: now_ms(),
            provenance: actor.provenance.clone(),
            changes: vec![ChangeSet {
                plan: PlanTarget::Existing(plan),
                base_revision: Some(stored.revision),
                diff: d,
            }],
            document: None,
        };
        match store.apply(commit).await {
            Ok(applied) => {
                return Ok(applied
                    .plans
                    .first()
                    .map_or(stored.revision, |p| p.revision));
            }
            Err(StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(CommandError::Busy(command.to_owned()))
}
