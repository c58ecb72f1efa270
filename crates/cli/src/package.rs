//! `shinchoku package show|propose|set|reset`: a plan's groups mapped onto the national
//! policy package of its kind (what the web's comparison page lines up, and what the
//! secretariat edits at 施策と政策パッケージの対応付け).

use crate::cycle::find_plan;
use crate::{DbArg, open_existing, stdout};
use anyhow::{Result, anyhow};
use clap::Subcommand;
use shinchoku_commands::Actor;
use shinchoku_commands::package::{AreaChoice, reset_to_proposal, set_package, store_proposal};
use shinchoku_core::GroupKey;
use shinchoku_core::package::{MappingSource, effective_areas, mapping_of, package_of};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum PackageCommand {
    /// Print every group of a plan with its area (its own or inherited), the reason, and
    /// whether the mapping is stored or only proposed.
    Show {
        #[command(flatten)]
        db: DbArg,
        /// The plan: its id or key (`municipality/title`).
        plan: String,
    },
    /// Store the automatic proposal for a plan that has no mapping yet (a stored mapping is
    /// left as it is).
    Propose {
        #[command(flatten)]
        db: DbArg,
        plan: String,
        #[arg(long = "as", default_value = "shinchoku")]
        actor: String,
    },
    /// Set groups' areas: GROUP=AREA (an area code such as basic-1 or priority-elderly,
    /// `none` for no area, `inherit` to follow the group above). Other groups keep theirs.
    Set {
        #[command(flatten)]
        db: DbArg,
        plan: String,
        /// GROUP=AREA, by group key (see `package show`).
        #[arg(required = true)]
        choices: Vec<String>,
        #[arg(long = "as", default_value = "shinchoku")]
        actor: String,
    },
    /// Replace the plan's mapping by the automatic proposal.
    Reset {
        #[command(flatten)]
        db: DbArg,
        plan: String,
        #[arg(long = "as", default_value = "shinchoku")]
        actor: String,
    },
}

pub async fn run(cmd: PackageCommand) -> Result<ExitCode> {
    match cmd {
        PackageCommand::Show { db, plan } => {
            let store = open_existing(&db.db).await?;
            let p = find_plan(&store, &plan).await?;
            let package = package_of(&p.plan.kind).ok_or_else(|| {
                anyhow!(
                    "{}: no policy package for {}",
                    p.plan.title,
                    p.plan.kind.label_ja()
                )
            })?;
            let Some((mapping, stored)) = mapping_of(&p.plan) else {
                return Err(anyhow!("{}: no policy package", p.plan.title));
            };
            let areas = effective_areas(&p.plan, &mapping);
            let mut out = format!(
                "{} {}: {} ({})\n",
                p.id,
                p.plan.title,
                package.title,
                match (stored, mapping.confirmed()) {
                    (true, true) => "confirmed",
                    (true, false) => "stored proposal",
                    (false, _) => "proposal, not stored",
                }
            );
            for g in &p.plan.groups {
                let area = areas.get(&g.key).and_then(|c| package.area(c)).map_or_else(
                    || "-".to_owned(),
                    |a| format!("{} {}", a.code, a.label_ja()),
                );
                let own = mapping.entry(&g.key).map_or_else(
                    || "(inherited)".to_owned(),
                    |e| {
                        format!(
                            "({}: {})",
                            match e.source {
                                MappingSource::Proposed => "proposed",
                                MappingSource::Confirmed => "confirmed",
                            },
                            e.reason
                        )
                    },
                );
                out.push_str(&format!("  {}\t{}\t{area}\t{own}\n", g.key, g.title));
            }
            stdout(out.as_bytes())?;
        }
        PackageCommand::Propose { db, plan, actor } => {
            let store = open_existing(&db.db).await?;
            let p = find_plan(&store, &plan).await?;
            let revision = store_proposal(&store, p.id, &Actor::command_line(actor)).await?;
            stdout(format!("{} {}: revision {}\n", p.id, p.plan.title, revision.0).as_bytes())?;
        }
        PackageCommand::Set {
            db,
            plan,
            choices,
            actor,
        } => {
            let store = open_existing(&db.db).await?;
            let p = find_plan(&store, &plan).await?;
            let mut parsed = Vec::new();
            for c in &choices {
                let (group, area) = c
                    .rsplit_once('=')
                    .ok_or_else(|| anyhow!("`{c}`: write GROUP=AREA"))?;
                parsed.push((GroupKey::new(group), AreaChoice::parse(area)));
            }
            let revision = set_package(&store, p.id, &parsed, &Actor::command_line(actor)).await?;
            stdout(format!("{} {}: revision {}\n", p.id, p.plan.title, revision.0).as_bytes())?;
        }
        PackageCommand::Reset { db, plan, actor } => {
            let store = open_existing(&db.db).await?;
            let p = find_plan(&store, &plan).await?;
            let revision = reset_to_proposal(&store, p.id, &Actor::command_line(actor)).await?;
            stdout(format!("{} {}: revision {}\n", p.id, p.plan.title, revision.0).as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
