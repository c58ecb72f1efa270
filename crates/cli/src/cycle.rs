//! `shinchoku user …` (accounts) and `shinchoku cycle …` (the yearly collection cycle).

use crate::{DbArg, open_existing, stdout};
use anyhow::{Context, Result, anyhow};
use clap::Subcommand;
use shinchoku_commands::Actor;
use shinchoku_commands::accounts::{AccountSpec, add_account, set_disabled, set_password};
use shinchoku_core::cycle::{CycleState, Date, ReviewState, review_state};
use shinchoku_core::{FiscalYear, PlanId, StoredPlan};
use shinchoku_store::{Role, Store};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input (one line) or
    /// generated and printed with --generate-password.
    Add {
        #[command(flatten)]
        db: DbArg,
        /// The login name.
        login: String,
        /// admin (事務局), editor (担当課), reviewer (委員) or officer (広域担当).
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The municipality (an officer: the prefecture, or 全国).
        #[arg(long)]
        municipality: String,
        /// A division the editor enters for (repeat for several).
        #[arg(long = "division")]
        divisions: Vec<String>,
        /// The name shown in the history (default: the login).
        #[arg(long)]
        name: Option<String>,
        /// Where reminders are sent.
        #[arg(long)]
        email: Option<String>,
        /// Generate a random password and print it.
        #[arg(long)]
        generate_password: bool,
    },
    /// Set a new password (read from standard input, or generated with --generate-password).
    Passwd {
        #[command(flatten)]
        db: DbArg,
        login: String,
        #[arg(long)]
        generate_password: bool,
    },
    /// List the accounts.
    List {
        #[command(flatten)]
        db: DbArg,
    },
    /// Disable an account (its sessions end at once); --enable turns it back on.
    Disable {
        #[command(flatten)]
        db: DbArg,
        login: String,
        #[arg(long)]
        enable: bool,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("`{s}`: one of admin, editor, reviewer, officer"))
}

/// A random password of 16 characters from an alphabet without look-alikes.
pub fn generated_password() -> Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    let token = shinchoku_commands::accounts::random_token()?;
    let bytes = token.as_bytes();
    Ok((0..16)
        .map(|i| {
            let hi = bytes.get(2 * i).copied().unwrap_or(b'0');
            let lo = bytes.get(2 * i + 1).copied().unwrap_or(b'0');
            let n = usize::from(hex_val(hi) * 16 + hex_val(lo));
            char::from(ALPHABET[n % ALPHABET.len()])
        })
        .collect())
}

fn hex_val(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        _ => 0,
    }
}

fn password(generate: bool) -> Result<(String, bool)> {
    if generate {
        return Ok((generated_password()?, true));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let p = line.trim_end_matches(['\r', '\n']).to_owned();
    if p.is_empty() {
        return Err(anyhow!(
            "no password on standard input (pipe one in, or use --generate-password)"
        ));
    }
    Ok((p, false))
}

pub async fn user(cmd: UserCommand) -> Result<ExitCode> {
    match cmd {
        UserCommand::Add {
            db,
            login,
            role,
            municipality,
            divisions,
            name,
            email,
            generate_password,
        } => {
            let store = open_existing(&db.db).await?;
            let (pw, generated) = password(generate_password)?;
            let spec = AccountSpec {
                display_name: name.unwrap_or_else(|| login.clone()),
                login,
                email,
                role,
                scope: municipality,
                divisions,
            };
            let a = add_account(&store, spec, &pw).await?;
            let mut out = format!(
                "account {} `{}`: {} of {}",
                a.id,
                a.login,
                a.role.as_str(),
                a.scope
            );
            if !a.divisions.is_empty() {
                out.push_str(&format!(" ({})", a.divisions.join(", ")));
            }
            out.push('\n');
            if generated {
                out.push_str(&format!("password: {pw}\n"));
            }
            stdout(out.as_bytes())?;
        }
        UserCommand::Passwd {
            db,
            login,
            generate_password,
        } => {
            let store = open_existing(&db.db).await?;
            let (pw, generated) = password(generate_password)?;
            set_password(&store, &login, &pw).await?;
            let mut out = format!("password of `{login}` changed\n");
            if generated {
                out.push_str(&format!("password: {pw}\n"));
            }
            stdout(out.as_bytes())?;
        }
        UserCommand::List { db } => {
            let store = open_existing(&db.db).await?;
            let mut out = String::new();
            for a in store.accounts().await? {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                    a.id,
                    a.login,
                    a.role.as_str(),
                    a.scope,
                    a.divisions.join(","),
                    a.email.as_deref().unwrap_or("-"),
                    if a.disabled { "disabled" } else { "active" }
                ));
            }
            stdout(out.as_bytes())?;
        }
        UserCommand::Disable { db, login, enable } => {
            let store = open_existing(&db.db).await?;
            set_disabled(&store, &login, !enable).await?;
            stdout(
                format!(
                    "`{login}` {}\n",
                    if enable { "enabled" } else { "disabled" }
                )
                .as_bytes(),
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Subcommand)]
pub enum CycleCommand {
    /// Open a fiscal year of a plan for collection with a due date (or move the due date
    /// of an open year): one record per measure and division in force, last year's
    /// 今後の計画 carried into its plan text.
    Open {
        #[command(flatten)]
        db: DbArg,
        /// The plan: its id or key (`municipality/title`).
        plan: String,
        /// The fiscal year (2025 or 令和7年度).
        #[arg(long, value_parser = crate::parse_fiscal_year)]
        year: FiscalYear,
        /// The due date, `2026-05-31`.
        #[arg(long, value_parser = parse_date)]
        due: Date,
        #[arg(long = "as", default_value = "shinchoku")]
        actor: String,
    },
    /// Close the year for input (締切).
    Lock {
        #[command(flatten)]
        db: DbArg,
        plan: String,
        #[arg(long, value_parser = crate::parse_fiscal_year)]
        year: FiscalYear,
        #[arg(long = "as", default_value = "shinchoku")]
        actor: String,
    },
    /// Publish a locked year: its records appear on public pages, exports, search and API.
    Publish {
        #[command(flatten)]
        db: DbArg,
        plan: String,
        #[arg(long, value_parser = crate::parse_fiscal_year)]
        year: FiscalYear,
        #[arg(long = "as", default_value = "shinchoku")]
        actor: String,
    },
    /// Print each plan's cycles and how many records are in each review state.
    Status {
        #[command(flatten)]
        db: DbArg,
    },
}

pub fn parse_date_arg(s: &str) -> Result<Date, String> {
    parse_date(s)
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(&shinchoku_ingest::normalise::fold(s))
        .ok_or_else(|| format!("`{s}`: a date such as 2026-05-31"))
}

/// A plan by its id, or by its key (`municipality/title`) when no plan has that id.
pub async fn find_plan(store: &Store, plan: &str) -> Result<StoredPlan> {
    let by_id = match plan.trim().parse::<i64>() {
        Ok(id) => store.load(PlanId(id)).await?,
        Err(_) => None,
    };
    let found = match by_id {
        Some(p) => Some(p),
        None => store.load_by_key(plan.trim()).await?,
    };
    found.ok_or_else(|| anyhow!("no plan `{plan}` (give its id or its key municipality/title)"))
}

pub async fn cycle(cmd: CycleCommand) -> Result<ExitCode> {
    match cmd {
        CycleCommand::Open {
            db,
            plan,
            year,
            due,
            actor,
        } => {
            let store = open_existing(&db.db).await?;
            let p = find_plan(&store, &plan).await?;
            let opened = shinchoku_commands::cycle::open_year(
                &store,
                p.id,
                year,
                due,
                &Actor::command_line(actor),
            )
            .await?;
            stdout(
                format!(
                    "{} {}: opened {}, due {} ({} records created)\n",
                    p.id,
                    p.plan.title,
                    year.display_ja(),
                    due,
                    opened.created
                )
                .as_bytes(),
            )?;
        }
        CycleCommand::Lock {
            db,
            plan,
            year,
            actor,
        } => return set_state(&db, &plan, year, &actor, CycleState::Locked).await,
        CycleCommand::Publish {
            db,
            plan,
            year,
            actor,
        } => return set_state(&db, &plan, year, &actor, CycleState::Published).await,
        CycleCommand::Status { db } => {
            let store = open_existing(&db.db).await?;
            let mut out = String::new();
            for row in store.plans().await? {
                let Some(p) = store.load(row.id).await? else {
                    continue;
                };
                for c in &p.plan.cycles {
                    let mut counts: BTreeMap<ReviewState, usize> = BTreeMap::new();
                    for r in p
                        .plan
                        .records
                        .iter()
                        .filter(|r| r.fiscal_year == c.fiscal_year)
                    {
                        *counts.entry(review_state(r)).or_insert(0) += 1;
                    }
                    let counts: Vec<String> = ReviewState::ALL
                        .iter()
                        .map(|s| {
                            format!("{} {}", s.label_ja(), counts.get(s).copied().unwrap_or(0))
                        })
                        .collect();
                    out.push_str(&format!(
                        "{}\t{}\t{}\t{}\tdue {}\t{}\n",
                        p.id,
                        p.plan.title,
                        c.fiscal_year.0,
                        c.state.label_ja(),
                        c.due,
                        counts.join(" / ")
                    ));
                }
            }
            if out.is_empty() {
                out.push_str("（収集中・収集済みの年度はありません）\n");
            }
            stdout(out.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Locks or publishes.
pub async fn set_state(
    db: &DbArg,
    plan: &str,
    year: FiscalYear,
    actor: &str,
    state: CycleState,
) -> Result<ExitCode> {
    let store = open_existing(&db.db).await?;
    let p = find_plan(&store, plan).await?;
    shinchoku_commands::cycle::set_cycle_state(
        &store,
        p.id,
        year,
        state,
        &Actor::command_line(actor),
    )
    .await?;
    stdout(
        format!(
            "{} {}: {} {}\n",
            p.id,
            p.plan.title,
            year.display_ja(),
            state.label_ja()
        )
        .as_bytes(),
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Store the SMTP settings reminders are sent with. The password, if the server needs
    /// one, is read from SHINCHOKU_SMTP_PASSWORD (never from the command line).
    Set {
        #[command(flatten)]
        db: DbArg,
        /// The SMTP server.
        #[arg(long)]
        host: String,
        #[arg(long, default_value_t = 587)]
        port: u16,
        /// none, starttls (587) or tls (465).
        #[arg(long, value_parser = parse_tls, default_value = "starttls")]
        tls: shinchoku_commands::remind::TlsMode,
        /// The sender: `事務局 <jimukyoku@city.example.jp>`.
        #[arg(long)]
        from: String,
        #[arg(long)]
        user: Option<String>,
        /// The address of the web app, for the links in mails.
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        base_url: String,
    },
    /// Print the stored settings (without the password).
    Show {
        #[command(flatten)]
        db: DbArg,
    },
}

fn parse_tls(s: &str) -> Result<shinchoku_commands::remind::TlsMode, String> {
    use shinchoku_commands::remind::TlsMode;
    match s {
        "none" => Ok(TlsMode::None),
        "starttls" => Ok(TlsMode::Starttls),
        "tls" => Ok(TlsMode::Tls),
        _ => Err(format!("`{s}`: none, starttls or tls")),
    }
}

pub async fn mail(cmd: MailCommand) -> Result<ExitCode> {
    use shinchoku_commands::remind::{SmtpSettings, set_smtp_settings, smtp_settings};
    match cmd {
        MailCommand::Set {
            db,
            host,
            port,
            tls,
            from,
            user,
            base_url,
        } => {
            let store = open_existing(&db.db).await?;
            let password = std::env::var("SHINCHOKU_SMTP_PASSWORD").ok();
            set_smtp_settings(
                &store,
                &SmtpSettings {
                    host,
                    port,
                    tls,
                    from,
                    username: user,
                    password,
                    base_url,
                },
            )
            .await?;
            stdout(b"SMTP settings stored\n")?;
        }
        MailCommand::Show { db } => {
            let store = open_existing(&db.db).await?;
            match smtp_settings(&store).await? {
                Some(mut s) => {
                    if s.password.is_some() {
                        s.password = Some("********".into());
                    }
                    stdout(format!("{}\n", serde_json::to_string_pretty(&s)?).as_bytes())?;
                }
                None => stdout("（SMTP は未設定です: shinchoku mail set）\n".as_bytes())?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `shinchoku remind`: sends the reminders due now (or on --today).
pub async fn remind(db: DbArg, today: Option<Date>, dry_run: bool) -> Result<ExitCode> {
    use shinchoku_commands::remind::{due_notices, send_due, smtp_settings};
    let store = open_existing(&db.db).await?;
    let settings = smtp_settings(&store).await?;
    let today = today.unwrap_or_else(|| Date::of_unix_ms(shinchoku_commands::now_ms()));
    let base = settings
        .as_ref()
        .map_or("http://127.0.0.1:8080", |s| s.base_url.as_str())
        .to_owned();
    let notices = due_notices(&store, None, today, &base).await?;
    let settings = match (settings, dry_run) {
        (Some(s), _) => s,
        (None, true) => shinchoku_commands::remind::SmtpSettings {
            host: String::new(),
            port: 0,
            tls: shinchoku_commands::remind::TlsMode::None,
            from: String::new(),
            username: None,
            password: None,
            base_url: base.clone(),
        },
        (None, false) => {
            return Err(anyhow!(
                "SMTP is not configured: run `shinchoku mail set --host … --from …` first (or --dry-run)"
            ));
        }
    };
    let report = send_due(&store, &settings, notices, dry_run).await?;
    let mut out = String::new();
    for n in &report.sent {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            if dry_run { "would send" } else { "sent" },
            n.to,
            n.subject,
            n.key
        ));
    }
    out.push_str(&format!(
        "{} sent, {} sent before, {} failed\n",
        if dry_run { 0 } else { report.sent.len() },
        report.skipped,
        report.failed.len()
    ));
    stdout(out.as_bytes())?;
    for (key, e) in &report.failed {
        eprintln!("shinchoku: cannot send {key}: {e}");
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
