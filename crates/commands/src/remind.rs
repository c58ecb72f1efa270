//! Reminders by e-mail: what is due (pure: [`plan_notices`]) and sending it over SMTP
//! ([`SmtpSettings`], [`send_due`]) so that the same reminder is never sent twice.
//!
//! Three kinds, each to the editors of the division concerned (accounts with an e-mail):
//! * **due soon** — [`DUE_SOON_DAYS`] days or fewer before the due date, records still 未着手,
//!   入力中 or 差戻し: once per (plan, year, account);
//! * **overdue** — after the due date, the same records: once per week overdue;
//! * **sent back** — a record sent back by the secretariat: once per send-back.
//!
//! Before sending, a notice's key is claimed in the store ([`Store::claim_notice`]); a
//! notice whose key was claimed before is not sent again (by this or any other process);
//! one that fails to send is released, to be sent by the next run.

use crate::CommandError;
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use shinchoku_core::cycle::{CommentKind, CycleState, Date, ReviewState, review_state};
use shinchoku_core::{Plan, PlanId, ProgressRecord, RecordKey, StoredPlan};
use shinchoku_store::{Account, Role, Store, now_ms};
use std::collections::BTreeMap;
use std::time::Duration;

/// How many days before the due date the first reminder goes out.
pub const DUE_SOON_DAYS: i64 = 7;

/// The store's setting key of the SMTP settings.
pub const SMTP_SETTING: &str = "smtp";

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TlsMode {
    /// Plain SMTP (a relay on the same host or network only).
    None,
    /// STARTTLS on the submission port (587).
    Starttls,
    /// TLS from the start (465).
    Tls,
}

/// The secretariat's SMTP settings (stored in the database; the password too, since the
/// server sends on the secretariat's behalf — it is never printed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    /// The sender, e.g. `自殺対策推進事務局 <jimukyoku@city.example.jp>`.
    pub from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The address people open the app at, for the links in mails
    /// (`https://shinchoku.city.example.jp`).
    #[serde(default = "default_base_url")]
    pub base_url: String,
}

fn default_base_url() -> String {
    "http://127.0.0.1:8080".to_owned()
}

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    DueSoon,
    Overdue,
    SentBack,
}

/// One e-mail to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// Identifies the notice for "never twice".
    pub key: String,
    pub kind: NoticeKind,
    pub to_login: String,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// The records of `plan`'s open cycles that the account (an editor) enters.
fn records_of<'a>(
    plan: &'a Plan,
    account: &'a Account,
) -> impl Iterator<Item = &'a ProgressRecord> + 'a {
    plan.records.iter().filter(move |r| {
        plan.cycle(r.fiscal_year)
            .is_some_and(|c| c.state == CycleState::Open)
            && crate::accounts::owns_record(account, plan, r)
    })
}

fn measure_line(plan: &Plan, r: &ProgressRecord) -> String {
    let name = plan
        .measure(&r.measure)
        .map_or_else(|| r.measure.to_string(), |m| m.name.clone());
    let division = r
        .division
        .as_ref()
        .and_then(|d| plan.division(d))
        .map_or_else(String::new, |d| format!("（{}）", d.name_in(r.fiscal_year)));
    format!("・{name}{division}：{}", review_state(r).label_ja())
}

/// What is due for one plan on `today` (pure). `base_url` makes the links
/// (`https://shinchoku.example.jp`); `record_id` gives a record's id.
pub fn plan_notices(
    stored: &StoredPlan,
    accounts: &[Account],
    today: Date,
    base_url: &str,
) -> Vec<Notice> {
    let plan = &stored.plan;
    let mut out = Vec::new();
    for account in accounts
        .iter()
        .filter(|a| a.role == Role::Editor && !a.disabled && a.email.is_some())
    {
        let Some(email) = &account.email else {
            continue;
        };
        // Per open year: the records still owed.
        let mut owed: BTreeMap<i32, (Date, Vec<&ProgressRecord>)> = BTreeMap::new();
        for r in records_of(plan, account) {
            if let Some(c) = plan.cycle(r.fiscal_year)
                && review_state(r).awaiting_division()
            {
                owed.entry(r.fiscal_year.0)
                    .or_insert((c.due, Vec::new()))
                    .1
                    .push(r);
            }
            // Sent back: once per send-back.
            if review_state(r) == ReviewState::SentBack
                && let Some(c) = r.review.as_ref().and_then(|v| {
                    v.comments
                        .iter()
                        .rev()
                        .find(|c| c.kind == CommentKind::SendBack)
                })
            {
                let id = stored.ids.record(&RecordKey::of(r)).map_or(0, |m| m.id.0);
                out.push(Notice {
                    key: format!("sent_back:{id}:{}:{}", c.at_ms, account.id),
                    kind: NoticeKind::SentBack,
                    to_login: account.login.clone(),
                    to: email.clone(),
                    subject: format!("【差戻し】{} の入力内容", plan.title),
                    body: format!(
                        "{} 様\n\n{}の次の記録が事務局から差し戻されました。\n\n{}\n理由：{}\n\n内容を直して、もう一度提出してください。\n{base_url}/work/records/{id}\n",
                        account.display_name,
                        plan.title,
                        measure_line(plan, r),
                        c.text
                    ),
                });
            }
        }
        for (year, (due, records)) in owed {
            let days = today.days_until(due);
            let (kind, key, subject) = if days < 0 {
                let week = (-days - 1) / 7;
                (
                    NoticeKind::Overdue,
                    format!("overdue:{}:{year}:{}:{week}", stored.id, account.id),
                    format!("【期限超過】{} の入力をお願いします", plan.title),
                )
            } else if days <= DUE_SOON_DAYS {
                (
                    NoticeKind::DueSoon,
                    format!("due_soon:{}:{year}:{}", stored.id, account.id),
                    format!("【提出期限が近づいています】{}", plan.title),
                )
            } else {
                continue;
            };
            let lines: Vec<String> = records.iter().map(|r| measure_line(plan, r)).collect();
            let when = if days < 0 {
                format!(
                    "提出期限（{}）を{}日過ぎています。",
                    due.display_ja(),
                    -days
                )
            } else {
                format!("提出期限は {} です（あと{}日）。", due.display_ja(), days)
            };
            out.push(Notice {
                key,
                kind,
                to_login: account.login.clone(),
                to: email.clone(),
                subject,
                body: format!(
                    "{} 様\n\n{}（{}年度）の進捗報告の入力をお願いします。{when}\n\n未提出の記録（{}件）：\n{}\n\n入力はこちらから：{base_url}/work\n",
                    account.display_name,
                    plan.title,
                    year,
                    lines.len(),
                    lines.join("\n")
                ),
            });
        }
    }
    out
}

/// Reminders the secretariat asks for now (the progress view's 「督促」), to the editors of
/// the chosen records' divisions: at most one per (record, account, day).
pub fn manual_notices(
    stored: &StoredPlan,
    accounts: &[Account],
    records: &[shinchoku_core::EntityId],
    today: Date,
    base_url: &str,
) -> Vec<Notice> {
    let plan = &stored.plan;
    let mut per_account: BTreeMap<i64, (&Account, Vec<&ProgressRecord>)> = BTreeMap::new();
    for r in &plan.records {
        let Some(meta) = stored.ids.record(&RecordKey::of(r)) else {
            continue;
        };
        if !records.contains(&meta.id) || !review_state(r).awaiting_division() {
            continue;
        }
        for a in accounts.iter().filter(|a| {
            a.role == Role::Editor
                && !a.disabled
                && a.email.is_some()
                && crate::accounts::owns_record(a, plan, r)
        }) {
            per_account
                .entry(a.id.0)
                .or_insert((a, Vec::new()))
                .1
                .push(r);
        }
    }
    let mut out = Vec::new();
    for (_, (account, rs)) in per_account {
        let Some(email) = &account.email else {
            continue;
        };
        let keys: Vec<String> = rs
            .iter()
            .filter_map(|r| {
                stored
                    .ids
                    .record(&RecordKey::of(r))
                    .map(|m| m.id.0.to_string())
            })
            .collect();
        let lines: Vec<String> = rs.iter().map(|r| measure_line(plan, r)).collect();
        out.push(Notice {
            key: format!("manual:{}:{}:{today}", keys.join(","), account.id),
            kind: NoticeKind::Overdue,
            to_login: account.login.clone(),
            to: email.clone(),
            subject: format!("【入力のお願い】{}", plan.title),
            body: format!(
                "{} 様\n\n事務局から{}の進捗報告の入力をお願いしています。\n\n{}\n\n入力はこちらから：{base_url}/work\n",
                account.display_name,
                plan.title,
                lines.join("\n")
            ),
        });
    }
    out
}

/// What [`send_due`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SendReport {
    pub sent: Vec<Notice>,
    /// Notices sent before (skipped).
    pub skipped: usize,
    /// (notice key, error) of notices that could not be sent (released for the next run).
    pub failed: Vec<(String, String)>,
}

/// The notices due now over every plan (or one plan).
pub async fn due_notices(
    store: &Store,
    plan: Option<PlanId>,
    today: Date,
    base_url: &str,
) -> Result<Vec<Notice>, CommandError> {
    let accounts = store.accounts().await?;
    let ids: Vec<PlanId> = match plan {
        Some(id) => vec![id],
        None => store.plans().await?.into_iter().map(|p| p.id).collect(),
    };
    let mut out = Vec::new();
    for id in ids {
        let Some(stored) = store.load(id).await? else {
            continue;
        };
        if stored.plan.open_cycle().is_none() {
            continue;
        }
        let scoped: Vec<Account> = accounts
            .iter()
            .filter(|a| crate::accounts::same_name(&a.scope, &stored.plan.municipality.name))
            .cloned()
            .collect();
        out.extend(plan_notices(&stored, &scoped, today, base_url));
    }
    Ok(out)
}

/// The settings stored by the secretariat.
pub async fn smtp_settings(store: &Store) -> Result<Option<SmtpSettings>, CommandError> {
    match store.setting(SMTP_SETTING).await? {
        Some(json) => Ok(Some(serde_json::from_str(&json)?)),
        None => Ok(None),
    }
}

/// Stores the SMTP settings (checked: the sender must be an address).
pub async fn set_smtp_settings(store: &Store, s: &SmtpSettings) -> Result<(), CommandError> {
    s.from
        .parse::<Mailbox>()
        .map_err(|e| CommandError::InvalidValue {
            field: "from".into(),
            message: format!("差出人のアドレスが正しくありません：{e}"),
        })?;
    if s.host.trim().is_empty() {
        return Err(CommandError::InvalidValue {
            field: "host".into(),
            message: "SMTP サーバーを指定してください".into(),
        });
    }
    Ok(store
        .set_setting(SMTP_SETTING, &serde_json::to_string(s)?)
        .await?)
}

/// An SMTP connection made from the settings.
pub fn transport(s: &SmtpSettings) -> Result<AsyncSmtpTransport<Tokio1Executor>, CommandError> {
    let err = |e: lettre::transport::smtp::Error| CommandError::Invalid(format!("SMTP: {e}"));
    let mut b = match s.tls {
        TlsMode::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
        TlsMode::Starttls => {
            let params = TlsParameters::new(s.host.clone()).map_err(err)?;
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host)
                .tls(Tls::Required(params))
        }
        TlsMode::Tls => {
            let params = TlsParameters::new(s.host.clone()).map_err(err)?;
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host)
                .tls(Tls::Wrapper(params))
        }
    }
    .port(s.port)
    .timeout(Some(Duration::from_secs(30)));
    if let (Some(u), Some(p)) = (&s.username, &s.password) {
        b = b.credentials(Credentials::new(u.clone(), p.clone()));
    }
    Ok(b.build())
}

fn message(s: &SmtpSettings, n: &Notice) -> Result<Message, CommandError> {
    let from: Mailbox = s
        .from
        .parse()
        .map_err(|e| CommandError::Invalid(format!("差出人 {}: {e}", s.from)))?;
    let to: Mailbox =
        n.to.parse()
            .map_err(|e| CommandError::Invalid(format!("宛先 {}: {e}", n.to)))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(n.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(n.body.clone())
        .map_err(|e| CommandError::Invalid(format!("メール: {e}")))
}

/// Sends every notice not sent before. With `dry_run`, only says what would be sent
/// (claims nothing).
pub async fn send_due(
    store: &Store,
    settings: &SmtpSettings,
    notices: Vec<Notice>,
    dry_run: bool,
) -> Result<SendReport, CommandError> {
    let mut report = SendReport::default();
    if dry_run {
        report.sent = notices;
        return Ok(report);
    }
    let mailer = transport(settings)?;
    for n in notices {
        if !store.claim_notice(&n.key, &n.to, now_ms()).await? {
            report.skipped += 1;
            continue;
        }
        let sent = match message(settings, &n) {
            Ok(m) => mailer.send(m).await.map(|_| ()).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match sent {
            Ok(()) => report.sent.push(n),
            Err(e) => {
                store.release_notice(&n.key).await?;
                report.failed.push((n.key, e));
            }
        }
    }
    Ok(report)
}
