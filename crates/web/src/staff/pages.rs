//! Staff handlers: extract → authorise ([`Staff::require`]) → call a command → render.

use super::access::{Target, owns_division, sees_plan};
use super::session::{LOGIN_CSRF_COOKIE, SESSION_COOKIE};
use super::{Reject, Staff, StaffForm, StaffUpload, denied};
use crate::catalog::AppState;
use crate::pages::error_response;
use crate::view::{Layout, year_ja};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use shinchoku_commands::accounts::{LoginError, NewSession, SESSION_MS, random_token};
use shinchoku_commands::cycle::comment_record;
use shinchoku_commands::cycle::{
    check_values, open_year, review_record, review_record_with, set_cycle_state,
};
use shinchoku_commands::record::{CostRow, OutputRow, RecordLists, set_lists};
use shinchoku_commands::{Actor, CommandError, RecordField};
use shinchoku_core::cycle::{CommentKind, CycleState, Date, ReviewState, Transition, review_state};
use shinchoku_core::{
    AchievementValue, EntityId, EntityKind, FiscalYear, Plan, PlanId, ProgressRecord, Revision,
    StoredPlan,
};
use shinchoku_store::{Account, HistoryFilter, Role, Store};
use std::collections::BTreeMap;

pub(super) type Result<T> = std::result::Result<T, Reject>;

pub(super) fn store(state: &AppState) -> Result<&Store> {
    state
        .store()
        .ok_or_else(|| denied(StatusCode::INTERNAL_SERVER_ERROR).into())
}

pub(super) fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!("staff page: {e}");
    denied(StatusCode::INTERNAL_SERVER_ERROR)
}

fn not_found(what: &str) -> Response {
    error_response(StatusCode::NOT_FOUND, &format!("{what}は見つかりません。"))
}

pub(super) fn html<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => internal(e),
    }
}

pub(super) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

fn today() -> Date {
    Date::of_unix_ms(shinchoku_commands::now_ms())
}

/// The signed-in account's line of the staff layout.
pub struct StaffBar {
    /// Whether the account may hold API tokens (the menu shows the link).
    pub tokens: bool,
    pub name: String,
    pub role: &'static str,
    pub scope: String,
    pub csrf: String,
}

impl StaffBar {
    pub(super) fn of(staff: &Staff) -> Result<StaffBar> {
        let a = staff.account()?;
        Ok(StaffBar {
            tokens: matches!(a.role, Role::Admin | Role::Editor),
            name: a.display_name.clone(),
            role: a.role.label_ja(),
            scope: a.scope.clone(),
            csrf: staff.csrf().to_owned(),
        })
    }
}

pub(super) fn work_trail() -> Vec<(String, String)> {
    vec![("業務メニュー".into(), "/work".into())]
}

// ---------------------------------------------------------------------------------------------
// Sign-in

#[derive(Template)]
#[template(path = "staff/login.html")]
struct LoginPage {
    layout: Layout,
    csrf: String,
    login: String,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Only a local path (`/work…`) is followed after signing in: never another site.
fn safe_next(next: &str) -> String {
    if next.starts_with("/work") && !next.contains("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        "/work".to_owned()
    }
}

fn login_page(status: StatusCode, login: &str, next: &str, error: Option<String>) -> Response {
    let Ok(csrf) = random_token() else {
        return denied(StatusCode::INTERNAL_SERVER_ERROR);
    };
    let page = LoginPage {
        layout: Layout::new("ログイン", vec![]),
        csrf: csrf.clone(),
        login: login.to_owned(),
        next: safe_next(next),
        error,
    };
    let mut r = html(status, &page);
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{LOGIN_CSRF_COOKIE}={csrf}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

pub async fn login_form(staff: Staff, q: Query<NextQuery>) -> Response {
    if staff.signed_in.is_some() {
        return see_other("/work");
    }
    let next = q.0.next;
    login_page(StatusCode::OK, "", &next, None)
}

pub async fn login(State(state): State<AppState>, form: StaffForm) -> Response {
    let Ok(store) = store(&state) else {
        return denied(StatusCode::INTERNAL_SERVER_ERROR);
    };
    let login = form.get("login").trim().to_owned();
    let next = form.get("next").to_owned();
    match shinchoku_commands::accounts::login(store, &login, form.get("password")).await {
        Ok(session) => signed_in_response(&session, &safe_next(&next), state.secure_cookies()),
        Err(e @ (LoginError::Invalid | LoginError::Throttled { .. })) => {
            login_page(StatusCode::UNAUTHORIZED, &login, &next, Some(e.to_string()))
        }
        Err(e) => internal(e),
    }
}

fn signed_in_response(session: &NewSession, next: &str, secure: bool) -> Response {
    let mut r = see_other(next);
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        session.token,
        SESSION_MS / 1000
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{LOGIN_CSRF_COOKIE}=; Path=/login; HttpOnly; SameSite=Strict; Max-Age=0"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

pub async fn logout(State(state): State<AppState>, form: StaffForm) -> Response {
    let Ok(store) = store(&state) else {
        return denied(StatusCode::INTERNAL_SERVER_ERROR);
    };
    if let Some(s) = &form.staff.signed_in
        && let Err(e) = shinchoku_commands::accounts::logout(store, &s.token).await
    {
        return internal(e);
    }
    let mut r = see_other("/");
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

// ---------------------------------------------------------------------------------------------
// What the pages show of records

/// One record in lists.
pub struct RecordLine {
    pub href: String,
    pub plan: String,
    pub measure: String,
    pub division: String,
    pub year: String,
    pub state: &'static str,
    pub state_class: &'static str,
    pub updated_by: String,
    pub due: String,
    pub overdue: bool,
    pub id: i64,
}

fn state_class(s: ReviewState) -> &'static str {
    match s {
        ReviewState::NotStarted => "rv-notstarted",
        ReviewState::Draft => "rv-draft",
        ReviewState::Submitted => "rv-submitted",
        ReviewState::SentBack => "rv-sentback",
        ReviewState::Accepted => "rv-accepted",
    }
}

fn measure_name(plan: &Plan, r: &ProgressRecord) -> String {
    plan.measure(&r.measure).map_or_else(
        || r.measure.to_string(),
        |m| match &m.number {
            Some(n) => format!("{n} {}", m.name),
            None => m.name.clone(),
        },
    )
}

fn division_name(plan: &Plan, r: &ProgressRecord) -> String {
    match &r.division {
        Some(k) => plan
            .division(k)
            .map_or_else(|| k.to_string(), |d| d.name_in(r.fiscal_year).to_owned()),
        None => "（課の指定なし）".into(),
    }
}

/// The records of a plan's open cycles, with their ids.
fn open_records<'a>(
    stored: &'a StoredPlan,
) -> impl Iterator<Item = (EntityId, &'a ProgressRecord, Date)> + 'a {
    stored.plan.records.iter().filter_map(move |r| {
        let cycle = stored.plan.cycle(r.fiscal_year)?;
        if cycle.state != CycleState::Open {
            return None;
        }
        let meta = stored.ids.record(&shinchoku_core::RecordKey::of(r))?;
        Some((meta.id, r, cycle.due))
    })
}

fn line(
    stored: &StoredPlan,
    id: EntityId,
    r: &ProgressRecord,
    due: Date,
    today: Date,
) -> RecordLine {
    let state = review_state(r);
    RecordLine {
        href: format!("/work/records/{}", id.0),
        plan: stored.plan.title.clone(),
        measure: measure_name(&stored.plan, r),
        division: division_name(&stored.plan, r),
        year: year_ja(r.fiscal_year),
        state: state.label_ja(),
        state_class: state_class(state),
        updated_by: r
            .review
            .as_ref()
            .and_then(|v| v.updated_by.clone())
            .unwrap_or_default(),
        due: due.display_ja(),
        overdue: state.awaiting_division() && due < today,
        id: id.0,
    }
}

/// Order of the progress view: overdue first, then what the secretariat waits for.
fn urgency(l: &RecordLine, state: ReviewState) -> (bool, u8) {
    let rank = match state {
        ReviewState::SentBack => 0,
        ReviewState::NotStarted => 1,
        ReviewState::Draft => 2,
        ReviewState::Submitted => 3,
        ReviewState::Accepted => 4,
    };
    (!l.overdue, rank)
}

/// The plans in the account's scope.
async fn plans_in_scope(store: &Store, account: &Account) -> Result<Vec<StoredPlan>> {
    let rows = store.plans().await.map_err(internal)?;
    let mut out = Vec::new();
    for row in rows {
        let candidate = account.role == Role::Officer
            || shinchoku_commands::accounts::same_name(&row.municipality, &account.scope);
        if !candidate {
            continue;
        }
        if let Some(p) = store.load(row.id).await.map_err(internal)?
            && sees_plan(account, &p.plan)
        {
            out.push(p);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// 業務メニュー / 自分の入力

pub struct PlanProgressLine {
    pub href: String,
    pub title: String,
    pub municipality: String,
    pub cycles: Vec<String>,
    pub counts: String,
}

/// A plan's Excel round-trip on the editor's page.
pub struct WorkbookLink {
    pub plan_id: i64,
    pub title: String,
    /// (division, download href)
    pub downloads: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "staff/home.html")]
struct HomePage {
    workbooks: Vec<WorkbookLink>,
    layout: Layout,
    bar: StaffBar,
    is_editor: bool,
    records: Vec<RecordLine>,
    plans: Vec<PlanProgressLine>,
    divisions: String,
}

fn counts_of<'a>(
    records: impl Iterator<Item = &'a ProgressRecord>,
) -> BTreeMap<ReviewState, usize> {
    let mut counts = BTreeMap::new();
    for r in records {
        *counts.entry(review_state(r)).or_insert(0) += 1;
    }
    counts
}

fn counts_text(counts: &BTreeMap<ReviewState, usize>) -> String {
    ReviewState::ALL
        .iter()
        .map(|s| format!("{} {}件", s.label_ja(), counts.get(s).copied().unwrap_or(0)))
        .collect::<Vec<_>>()
        .join("・")
}

pub async fn home(State(state): State<AppState>, staff: Staff) -> Result<Response> {
    let store = store(&state)?;
    let account = staff.account()?.clone();
    let plans = plans_in_scope(store, &account).await?;
    let today = today();
    let mut records = Vec::new();
    let mut lines = Vec::new();
    let mut workbooks = Vec::new();
    for p in &plans {
        if account.role == Role::Editor && p.plan.open_cycle().is_some() {
            let downloads: Vec<(String, String)> = editor_divisions(&account, &p.plan)
                .into_iter()
                .map(|d| {
                    let q: String = form_urlencoded::byte_serialize(d.as_bytes()).collect();
                    let href = format!("/work/plans/{}/workbook.xlsx?division={q}", p.id.0);
                    (d, href)
                })
                .collect();
            if !downloads.is_empty() {
                workbooks.push(WorkbookLink {
                    plan_id: p.id.0,
                    title: p.plan.title.clone(),
                    downloads,
                });
            }
        }
        if account.role == Role::Editor {
            for (id, r, due) in open_records(p) {
                if owns_division(&account, &p.plan, r) {
                    records.push((review_state(r), line(p, id, r, due, today)));
                }
            }
        } else {
            let open: Vec<&ProgressRecord> = open_records(p).map(|(_, r, _)| r).collect();
            lines.push(PlanProgressLine {
                href: format!("/work/plans/{}", p.id.0),
                title: p.plan.title.clone(),
                municipality: p.plan.municipality.name.clone(),
                cycles: p
                    .plan
                    .cycles
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {}（期限 {}）",
                            year_ja(c.fiscal_year),
                            c.state.label_ja(),
                            c.due.display_ja()
                        )
                    })
                    .collect(),
                counts: if open.is_empty() {
                    String::new()
                } else {
                    counts_text(&counts_of(open.into_iter()))
                },
            });
        }
    }
    records.sort_by_key(|(s, l)| urgency(l, *s));
    let page = HomePage {
        workbooks,
        layout: Layout::new("業務メニュー", vec![]),
        bar: StaffBar::of(&staff)?,
        is_editor: account.role == Role::Editor,
        records: records.into_iter().map(|(_, l)| l).collect(),
        plans: lines,
        divisions: account.divisions.join("、"),
    };
    Ok(html(StatusCode::OK, &page))
}

// ---------------------------------------------------------------------------------------------
// 進捗管理 (the secretariat's progress view)

pub struct DivisionCounts {
    pub division: String,
    pub counts: Vec<usize>,
    pub total: usize,
    pub overdue: usize,
}

pub struct CycleLine {
    pub year: i32,
    pub label: String,
    pub state: &'static str,
    pub due: String,
    pub can_lock: bool,
    pub can_publish: bool,
    pub can_reopen: bool,
}

pub struct IndicatorInput {
    pub index: usize,
    pub key: String,
    pub name: String,
    pub unit: String,
    pub value: String,
    pub previous: String,
    pub target: String,
}

#[derive(Template)]
#[template(path = "staff/progress.html")]
struct ProgressPage {
    /// The open year whose indicator actuals the secretariat enters (empty: none).
    indicator_year: String,
    indicator_year_label: String,
    indicators: Vec<IndicatorInput>,
    layout: Layout,
    bar: StaffBar,
    plan_id: i64,
    is_admin: bool,
    cycles: Vec<CycleLine>,
    state_labels: Vec<&'static str>,
    divisions: Vec<DivisionCounts>,
    records: Vec<RecordLine>,
    next_year: i32,
    default_due: String,
    message: Option<String>,
    /// Cells the reader could not place (admins only): a data-quality note, never public.
    quality_notes: Vec<QualityNote>,
}

/// A cell the reader kept without knowing its column, with where it was read.
struct QualityNote {
    measure: String,
    year: String,
    location: String,
    text: String,
}

fn quality_notes(plan: &Plan) -> Vec<QualityNote> {
    let mut out = Vec::new();
    for r in &plan.records {
        for e in r
            .extra
            .iter()
            .filter(|e| e.kind == shinchoku_core::ExtraKind::Unplaced)
        {
            out.push(QualityNote {
                measure: measure_name(plan, r),
                year: year_ja(r.fiscal_year),
                location: e.location.as_ref().unwrap_or(&r.location).to_string(),
                text: cut(&e.text),
            });
        }
    }
    out
}

#[derive(Deserialize, Default)]
pub struct Notice {
    #[serde(default)]
    done: String,
}

fn notice_text(code: &str) -> Option<String> {
    Some(
        match code {
            "opened" => "年度を開始しました。",
            "locked" => "年度を締め切りました。",
            "published" => "年度を公表しました。公開ページに反映されます。",
            "reopened" => "年度の受付を再開しました。",
            "reviewed" => "選んだ記録を処理しました。",
            "indicators" => "成果指標の実績を保存しました。",
            "reminded" => "督促のメールを送りました（同じ日に同じ記録の督促は一度だけ送ります）。",
            "saved" => "保存しました。",
            "submitted" => "提出しました。",
            "commented" => "コメントを追加しました。",
            _ => return None,
        }
        .to_owned(),
    )
}

pub(super) async fn load_plan(store: &Store, raw: &str) -> Result<StoredPlan> {
    let id: i64 = raw.parse().map_err(|_| not_found("計画"))?;
    store
        .load(PlanId(id))
        .await
        .map_err(internal)?
        .ok_or_else(|| Reject::from(not_found("計画")))
}

pub async fn progress(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    q: Query<Notice>,
) -> Result<Response> {
    let store = store(&state)?;
    let stored = load_plan(store, &id).await?;
    staff.require(Target::Plan(&stored.plan))?;
    let account = staff.account()?;
    let today = today();
    let mut per_division: BTreeMap<String, DivisionCounts> = BTreeMap::new();
    let mut records = Vec::new();
    for (rid, r, due) in open_records(&stored) {
        let l = line(&stored, rid, r, due, today);
        let s = review_state(r);
        let d = per_division
            .entry(l.division.clone())
            .or_insert_with(|| DivisionCounts {
                division: l.division.clone(),
                counts: vec![0; ReviewState::ALL.len()],
                total: 0,
                overdue: 0,
            });
        if let Some(i) = ReviewState::ALL.iter().position(|x| *x == s) {
            d.counts[i] += 1;
        }
        d.total += 1;
        if l.overdue {
            d.overdue += 1;
        }
        records.push((s, l));
    }
    records.sort_by_key(|(s, l)| urgency(l, *s));
    let mut divisions: Vec<DivisionCounts> = per_division.into_values().collect();
    divisions.sort_by_key(|d| std::cmp::Reverse(d.overdue));
    let last_year = stored
        .plan
        .fiscal_years
        .iter()
        .chain(stored.plan.cycles.iter().map(|c| &c.fiscal_year))
        .max()
        .map_or(today.year, |y| y.0);
    let is_admin = account.role == Role::Admin;
    let open_year = stored.plan.open_cycle().map(|c| c.fiscal_year);
    let observed = |obs: &[shinchoku_core::Observation], y: FiscalYear| {
        obs.iter()
            .find(|o| o.fiscal_year == Some(y))
            .map(|o| o.original.clone())
            .unwrap_or_default()
    };
    let indicators: Vec<IndicatorInput> = match open_year {
        Some(y) if is_admin => stored
            .plan
            .indicators
            .iter()
            .enumerate()
            .map(|(index, i)| IndicatorInput {
                index,
                key: i.key.to_string(),
                name: i.name.clone(),
                unit: i.unit.clone().unwrap_or_default(),
                value: observed(&i.actuals, y),
                previous: observed(&i.actuals, FiscalYear(y.0 - 1)),
                target: observed(&i.targets, y),
            })
            .collect(),
        _ => Vec::new(),
    };
    let page = ProgressPage {
        indicator_year: open_year.map_or_else(String::new, |y| y.0.to_string()),
        indicator_year_label: open_year.map_or_else(String::new, year_ja),
        indicators,
        layout: Layout::new(format!("進捗管理：{}", stored.plan.title), work_trail()),
        bar: StaffBar::of(&staff)?,
        plan_id: stored.id.0,
        is_admin,
        cycles: stored
            .plan
            .cycles
            .iter()
            .map(|c| CycleLine {
                year: c.fiscal_year.0,
                label: year_ja(c.fiscal_year),
                state: c.state.label_ja(),
                due: c.due.display_ja(),
                can_lock: is_admin && c.state == CycleState::Open,
                can_publish: is_admin && c.state == CycleState::Locked,
                can_reopen: is_admin && c.state == CycleState::Locked,
            })
            .collect(),
        state_labels: ReviewState::ALL.iter().map(|s| s.label_ja()).collect(),
        divisions,
        records: records.into_iter().map(|(_, l)| l).collect(),
        next_year: last_year + 1,
        default_due: Date::new(last_year + 2, 5, 31).map_or_else(String::new, |d| d.to_string()),
        message: notice_text(&q.done),
        quality_notes: if is_admin {
            quality_notes(&stored.plan)
        } else {
            Vec::new()
        },
    };
    Ok(html(StatusCode::OK, &page))
}

pub(super) fn command_error(e: CommandError) -> Response {
    match e {
        CommandError::Invalid(m) | CommandError::NotFound(m) => {
            error_response(StatusCode::UNPROCESSABLE_ENTITY, &m)
        }
        CommandError::InvalidValue { message, .. } => {
            error_response(StatusCode::UNPROCESSABLE_ENTITY, &message)
        }
        CommandError::Conflict { .. } | CommandError::Busy(_) => error_response(
            StatusCode::CONFLICT,
            "ほかの人が同時に変更しました。画面を開き直してから、もう一度操作してください。",
        ),
        other => internal(other),
    }
}

pub async fn cycle(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: StaffForm,
) -> Result<Response> {
    let store = store(&state)?;
    let stored = load_plan(store, &id).await?;
    form.staff.require(Target::Plan(&stored.plan))?;
    let actor = Actor::form(form.staff.account()?.display_name.clone());
    let year: i32 = form
        .get("year")
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=9999).contains(y))
        .ok_or_else(|| {
            error_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                "年度を西暦の数字で入力してください（例：2025）。",
            )
        })?;
    let year = FiscalYear(year);
    let done = match form.get("action") {
        "open" => {
            let due = Date::parse(&shinchoku_ingest::normalise::fold(form.get("due"))).ok_or_else(
                || {
                    error_response(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "提出期限を日付で入力してください（例：2026-05-31）。",
                    )
                },
            )?;
            open_year(store, stored.id, year, due, &actor)
                .await
                .map_err(command_error)?;
            "opened"
        }
        "lock" => {
            set_cycle_state(store, stored.id, year, CycleState::Locked, &actor)
                .await
                .map_err(command_error)?;
            "locked"
        }
        "publish" => {
            set_cycle_state(store, stored.id, year, CycleState::Published, &actor)
                .await
                .map_err(command_error)?;
            "published"
        }
        "reopen" => {
            set_cycle_state(store, stored.id, year, CycleState::Open, &actor)
                .await
                .map_err(command_error)?;
            "reopened"
        }
        _ => {
            return Err(Reject::from(error_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                "操作が正しくありません。",
            )));
        }
    };
    Ok(see_other(&format!(
        "/work/plans/{}?done={done}",
        stored.id.0
    )))
}

pub async fn bulk_review(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: StaffForm,
) -> Result<Response> {
    let store = store(&state)?;
    let stored = load_plan(store, &id).await?;
    form.staff.require(Target::Plan(&stored.plan))?;
    let actor = Actor::form(form.staff.account()?.display_name.clone());
    let action = form.get("action");
    let step = match action {
        "accept" => Some(Transition::Accept),
        "send_back" => Some(Transition::SendBack),
        "remind" => None,
        _ => {
            return Err(Reject::from(error_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                "操作を選んでください。",
            )));
        }
    };
    let comment = form.get("comment").to_owned();
    let mut ids = Vec::new();
    for raw in form.all("record") {
        let rid: i64 = raw.parse().map_err(|_| not_found("記録"))?;
        // Only records of this plan: an id of another plan (or municipality) is refused.
        let belongs = stored
            .ids
            .iter()
            .any(|(e, meta)| e.kind == EntityKind::Record && meta.id.0 == rid);
        if !belongs {
            return Err(Reject::from(denied(StatusCode::FORBIDDEN)));
        }
        ids.push(EntityId(rid));
    }
    if ids.is_empty() {
        return Err(Reject::from(error_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            "記録を1件以上選んでください。",
        )));
    }
    let Some(step) = step else {
        return remind(store, &stored, &ids).await;
    };
    let mut refused = Vec::new();
    for rid in ids {
        if let Err(e) = review_record(store, rid, &[], step, Some(&comment), None, &actor).await {
            match e {
                CommandError::Invalid(m) => refused.push(format!("記録 {}: {m}", rid.0)),
                other => return Err(Reject::from(command_error(other))),
            }
        }
    }
    if !refused.is_empty() {
        return Err(Reject::from(error_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!(
                "処理できなかった記録があります（ほかは処理しました）：{}",
                refused.join("／")
            ),
        )));
    }
    Ok(see_other(&format!(
        "/work/plans/{}?done=reviewed",
        stored.id.0
    )))
}

pub async fn indicator_actuals(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: StaffForm,
) -> Result<Response> {
    let store = store(&state)?;
    let stored = load_plan(store, &id).await?;
    form.staff.require(Target::Plan(&stored.plan))?;
    let year: i32 = form.get("year").trim().parse().map_err(|_| {
        Reject::from(error_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            "年度が正しくありません。",
        ))
    })?;
    let values: Vec<(shinchoku_core::IndicatorKey, String)> = (0..stored.plan.indicators.len())
        .filter_map(|i| {
            let key = form.get(&format!("indicator_key_{i}"));
            let has = form
                .fields
                .iter()
                .any(|(n, _)| n == &format!("indicator_value_{i}"));
            (has && !key.is_empty()).then(|| {
                (
                    shinchoku_core::IndicatorKey::new(key),
                    form.get(&format!("indicator_value_{i}")).to_owned(),
                )
            })
        })
        .collect();
    let actor = Actor::form(form.staff.account()?.display_name.clone());
    shinchoku_commands::cycle::set_indicator_actuals(
        store,
        stored.id,
        FiscalYear(year),
        &values,
        &actor,
    )
    .await
    .map_err(command_error)?;
    Ok(see_other(&format!(
        "/work/plans/{}?done=indicators",
        stored.id.0
    )))
}

/// 督促: e-mails the editors of the chosen records now (once per record, editor and day).
async fn remind(store: &Store, stored: &StoredPlan, ids: &[EntityId]) -> Result<Response> {
    use shinchoku_commands::remind::{manual_notices, send_due, smtp_settings};
    let Some(settings) = smtp_settings(store).await.map_err(internal)? else {
        return Err(Reject::from(error_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            "メールの送信設定（SMTP）がありません。管理者が `shinchoku mail set` で設定してください。",
        )));
    };
    let accounts = store.accounts().await.map_err(internal)?;
    let scoped: Vec<Account> = accounts
        .into_iter()
        .filter(|a| {
            shinchoku_commands::accounts::same_name(&a.scope, &stored.plan.municipality.name)
        })
        .collect();
    let notices = manual_notices(stored, &scoped, ids, today(), &settings.base_url);
    if notices.is_empty() {
        return Err(Reject::from(error_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            "督促の宛先がありません（選んだ記録が提出済か、担当課のアカウントにメールアドレスがありません）。",
        )));
    }
    let report = send_due(store, &settings, notices, false)
        .await
        .map_err(internal)?;
    if !report.failed.is_empty() {
        return Err(Reject::from(error_response(
            StatusCode::BAD_GATEWAY,
            &format!(
                "{}件のメールを送れませんでした。送信設定を確認してください。",
                report.failed.len()
            ),
        )));
    }
    Ok(see_other(&format!(
        "/work/plans/{}?done=reminded",
        stored.id.0
    )))
}

pub async fn plan_history_csv(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response> {
    let store = store(&state)?;
    let stored = load_plan(store, &id).await?;
    staff.require(Target::Plan(&stored.plan))?;
    let events = store
        .history(HistoryFilter {
            plan: Some(stored.id),
            entity: None,
            after_revision: None,
        })
        .await
        .map_err(internal)?;
    let body = shinchoku_report::history::render_csv(&events).map_err(internal)?;
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"history-{}.csv\"",
        stored.id.0
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

// ---------------------------------------------------------------------------------------------
// The record form

pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct FieldView {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub previous: String,
    pub error: Option<String>,
    pub help: &'static str,
    pub textarea: bool,
    pub numeric: bool,
    pub options: Vec<SelectOption>,
}

/// A row of 実績（その他）or 経費 in the form.
pub struct ListRow {
    pub index: usize,
    pub label: String,
    pub value: String,
    pub unit: String,
}

pub struct CommentView {
    pub author: String,
    pub at: String,
    pub send_back: bool,
    pub text: String,
}

pub struct HistoryLine {
    pub at: String,
    pub actor: String,
    pub command: String,
    pub field: String,
    pub old: String,
    pub new: String,
    pub source: String,
}

#[derive(Template)]
#[template(path = "staff/record.html")]
struct RecordPage {
    layout: Layout,
    bar: StaffBar,
    record_id: i64,
    plan_id: i64,
    revision: i64,
    plan_title: String,
    measure: String,
    division: String,
    year: String,
    state: &'static str,
    state_class: &'static str,
    due: String,
    cycle_state: String,
    editable: bool,
    can_comment: bool,
    can_review: bool,
    can_accept: bool,
    can_send_back: bool,
    can_reopen: bool,
    is_overseer: bool,
    fields: Vec<FieldView>,
    outputs: Vec<ListRow>,
    costs: Vec<ListRow>,
    list_errors: Vec<String>,
    comments: Vec<CommentView>,
    history: Vec<HistoryLine>,
    message: Option<String>,
    errors: Vec<String>,
    conflict: Vec<HistoryLine>,
}

/// The fields a division enters, in form order.
const FORM_FIELDS: [RecordField; 8] = [
    RecordField::PlanText,
    RecordField::ResultText,
    RecordField::Status,
    RecordField::Achievement,
    RecordField::EvaluationText,
    RecordField::CostOriginal,
    RecordField::Direction,
    RecordField::NextPlanText,
];

fn text_of(plan: &Plan, r: &ProgressRecord, f: RecordField) -> String {
    let t = match f {
        RecordField::PlanText => r.plan_text.clone(),
        RecordField::ResultText => r.result_text.clone(),
        RecordField::EvaluationText => r.evaluation_text.clone(),
        RecordField::EffectText => r.effect_text.clone(),
        RecordField::CostOriginal => r.cost_original.clone(),
        RecordField::NextPlanText => r.next_plan_text.clone(),
        RecordField::Status => r.status.as_ref().map(|s| {
            // The form's options are the scale's labels.
            plan.status_scale
                .find(&s.label)
                .map_or_else(|| s.original.clone(), |l| l.label.clone())
        }),
        RecordField::Direction => r.direction.as_ref().map(|d| d.label.clone()),
        RecordField::Achievement => r.achievement.as_ref().map(|a| match &a.value {
            AchievementValue::Percent(n) => n.to_string(),
            AchievementValue::Category(c) => c.clone(),
            _ => a.original.clone(),
        }),
        RecordField::Grade => r.grade.as_ref().map(|g| g.0.clone()),
    };
    t.unwrap_or_default()
}

fn help_of(plan: &Plan, f: RecordField) -> &'static str {
    match f {
        RecordField::Achievement if uses_percent(plan) => {
            "0〜100 の整数で入力してください（空欄可）。"
        }
        RecordField::Achievement => "選択肢から選んでください。",
        RecordField::Status => "計画の取組状況の区分から選んでください。",
        RecordField::Direction => "次年度の方向性を選んでください。",
        RecordField::PlanText => {
            "今年度の実施計画です（前年度の「今後の計画」を引き継いでいます）。"
        }
        RecordField::NextPlanText => {
            "次年度の計画を書いてください。次年度の計画欄に引き継がれます。"
        }
        RecordField::CostOriginal => "例：40,000円（報償費）",
        _ => "",
    }
}

/// Whether the plan's 達成度 is a percentage (else its categories, such as 実施/未実施).
fn uses_percent(plan: &Plan) -> bool {
    plan.achievement_categories().is_empty() || plan.uses_percent_achievement()
}

fn options(plan: &Plan, f: RecordField, value: &str) -> Vec<SelectOption> {
    let labels: Vec<String> = match f {
        RecordField::Status => plan
            .status_scale
            .levels
            .iter()
            .map(|l| l.label.clone())
            .collect(),
        RecordField::Direction => plan
            .direction_vocabulary
            .terms
            .iter()
            .map(|t| t.label.clone())
            .collect(),
        RecordField::Achievement if !uses_percent(plan) => plan.achievement_categories(),
        _ => Vec::new(),
    };
    if labels.is_empty() {
        return Vec::new();
    }
    let mut out = vec![SelectOption {
        value: String::new(),
        label: "（未選択）".into(),
        selected: value.is_empty(),
    }];
    out.extend(labels.into_iter().map(|l| SelectOption {
        selected: l == value,
        value: l.clone(),
        label: l,
    }));
    // A stored value not in the list stays visible rather than being lost.
    if !value.is_empty() && !out.iter().any(|o| o.selected) {
        out.push(SelectOption {
            value: value.to_owned(),
            label: format!("{value}（一覧にない値）"),
            selected: true,
        });
    }
    out
}

struct Loaded {
    stored: StoredPlan,
    record: ProgressRecord,
    id: EntityId,
    revision: Revision,
}

/// The record of a path, refused unless the route's ownership rule admits the account.
async fn owned_record(store: &Store, staff: &Staff, raw: &str) -> Result<Loaded> {
    let loaded = load_record(store, raw).await?;
    staff.require(Target::Record(&loaded.stored.plan, &loaded.record))?;
    Ok(loaded)
}

async fn load_record(store: &Store, raw: &str) -> Result<Loaded> {
    let id: i64 = raw.parse().map_err(|_| not_found("記録"))?;
    let entity = store
        .entity(EntityId(id))
        .await
        .map_err(internal)?
        .filter(|e| e.entity.kind == EntityKind::Record)
        .ok_or_else(|| Reject::from(not_found("記録")))?;
    let record: ProgressRecord = serde_json::from_value(entity.body).map_err(internal)?;
    let stored = store
        .load(entity.plan_id)
        .await
        .map_err(internal)?
        .ok_or_else(|| Reject::from(not_found("計画")))?;
    Ok(Loaded {
        stored,
        record,
        id: EntityId(id),
        revision: entity.meta.revision,
    })
}

fn history_lines(events: &[shinchoku_store::HistoryEvent]) -> Vec<HistoryLine> {
    events
        .iter()
        .rev()
        .map(|e| HistoryLine {
            at: jst(e.at_ms),
            actor: e.actor.clone(),
            command: e.command.clone(),
            field: e
                .field
                .as_deref()
                .map(|f| {
                    RecordField::parse(f).map_or_else(
                        || {
                            if f == "review" {
                                "確認状況".to_owned()
                            } else {
                                f.to_owned()
                            }
                        },
                        |x| x.label_ja().to_owned(),
                    )
                })
                .unwrap_or_else(|| e.action.as_str().to_owned()),
            old: cut(&shown(e.field.as_deref(), e.old.as_ref())),
            new: cut(&shown(e.field.as_deref(), e.new.as_ref())),
            source: e.provenance.to_string(),
        })
        .collect()
}

/// A value of the history as people read it: a review as its state (and the latest
/// comment), anything else as [`shinchoku_report::history::value_text`] shows it.
fn shown(field: Option<&str>, v: Option<&serde_json::Value>) -> String {
    if field == Some("review")
        && let Some(review) = v
            .cloned()
            .and_then(|v| serde_json::from_value::<shinchoku_core::cycle::Review>(v).ok())
    {
        return match review.comments.last() {
            Some(c) => format!("{}（{}）", review.state.label_ja(), c.text),
            None => review.state.label_ja().to_owned(),
        };
    }
    shinchoku_report::history::value_text(v)
}

/// A long value shortened for the history table.
fn cut(s: &str) -> String {
    const MAX: usize = 120;
    if s.chars().count() > MAX {
        let mut t: String = s.chars().take(MAX).collect();
        t.push('…');
        t
    } else {
        s.to_owned()
    }
}

/// 「2026-12-02 15:20」 in Japan time.
fn jst(ms: i64) -> String {
    let t = ms.saturating_add(9 * 3_600_000);
    let days = t.div_euclid(86_400_000);
    let rem = t.rem_euclid(86_400_000) / 60_000;
    let (y, m, d) = shinchoku_core::fiscal::civil_from_unix_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", rem / 60, rem % 60)
}

struct Entered<'a> {
    values: &'a [(RecordField, String)],
    errors: &'a [(RecordField, String)],
    lists: Option<&'a RecordLists>,
    list_errors: &'a [(String, String)],
}

/// Blank rows the form offers below the filled ones.
const BLANK_ROWS: usize = 2;

/// The form's rows of a list: the given (label, value, unit) rows numbered, then
/// [`BLANK_ROWS`] empty ones.
fn with_blank_rows(filled: Vec<(String, String, String)>) -> Vec<ListRow> {
    filled
        .into_iter()
        .chain(std::iter::repeat_with(Default::default).take(BLANK_ROWS))
        .enumerate()
        .map(|(index, (label, value, unit))| ListRow {
            index,
            label,
            value,
            unit,
        })
        .collect()
}

fn output_rows(r: &ProgressRecord, entered: Option<&[OutputRow]>) -> Vec<ListRow> {
    with_blank_rows(match entered {
        Some(e) => e
            .iter()
            .filter(|o| {
                !(o.label.trim().is_empty()
                    && o.value.trim().is_empty()
                    && o.unit.trim().is_empty())
            })
            .map(|o| (o.label.clone(), o.value.clone(), o.unit.clone()))
            .collect(),
        None => r
            .outputs
            .iter()
            .map(|o| {
                (
                    o.label.clone(),
                    format_number(o.value),
                    o.unit.clone().unwrap_or_default(),
                )
            })
            .collect(),
    })
}

fn cost_rows(r: &ProgressRecord, entered: Option<&[CostRow]>) -> Vec<ListRow> {
    with_blank_rows(match entered {
        Some(e) => e
            .iter()
            .filter(|c| !(c.label.trim().is_empty() && c.amount.trim().is_empty()))
            .map(|c| (c.label.clone(), c.amount.clone(), String::new()))
            .collect(),
        None => r
            .costs
            .iter()
            .filter_map(|c| {
                c.amount_yen.map(|y| {
                    (
                        c.label.clone().unwrap_or_default(),
                        y.to_string(),
                        String::new(),
                    )
                })
            })
            .collect(),
    })
}

/// 416 → 「416」, 12.5 → 「12.5」.
fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The rows of a list the form sent (`output_label_0` …), `None` when the form has none.
fn form_lists(form: &StaffForm) -> RecordLists {
    let has = |prefix: &str| form.fields.iter().any(|(n, _)| n.starts_with(prefix));
    let rows = |prefix: &str| {
        (0..200)
            .take_while(|i| {
                form.fields
                    .iter()
                    .any(|(n, _)| n == &format!("{prefix}_label_{i}"))
            })
            .collect::<Vec<usize>>()
    };
    RecordLists {
        outputs: has("output_").then(|| {
            rows("output")
                .into_iter()
                .map(|i| OutputRow {
                    label: form.get(&format!("output_label_{i}")).to_owned(),
                    value: form.get(&format!("output_value_{i}")).to_owned(),
                    unit: form.get(&format!("output_unit_{i}")).to_owned(),
                })
                .collect()
        }),
        costs: has("cost_label_").then(|| {
            rows("cost")
                .into_iter()
                .map(|i| CostRow {
                    label: form.get(&format!("cost_label_{i}")).to_owned(),
                    amount: form.get(&format!("cost_amount_{i}")).to_owned(),
                })
                .collect()
        }),
    }
}

async fn record_page(
    store: &Store,
    staff: &Staff,
    loaded: &Loaded,
    entered: Option<Entered<'_>>,
    message: Option<String>,
    conflict: Vec<HistoryLine>,
    status: StatusCode,
) -> Result<Response> {
    let account = staff.account()?;
    let plan = &loaded.stored.plan;
    let r = &loaded.record;
    let cycle = plan.cycle(r.fiscal_year);
    let open = cycle.is_some_and(|c| c.state == CycleState::Open);
    let state = review_state(r);
    let previous = plan.records.iter().find(|p| {
        p.measure == r.measure && p.division == r.division && p.fiscal_year.0 == r.fiscal_year.0 - 1
    });
    let may_edit = match account.role {
        Role::Admin => true,
        Role::Editor => owns_division(account, plan, r),
        _ => false,
    };
    let editable = open && may_edit && state.editable_by_division();
    let fields = FORM_FIELDS
        .iter()
        .map(|f| {
            let value = entered
                .as_ref()
                .and_then(|e| {
                    e.values
                        .iter()
                        .find(|(x, _)| x == f)
                        .map(|(_, v)| v.clone())
                })
                .unwrap_or_else(|| text_of(plan, r, *f));
            FieldView {
                name: f.name(),
                label: f.label_ja(),
                previous: previous.map(|p| text_of(plan, p, *f)).unwrap_or_default(),
                error: entered.as_ref().and_then(|e| {
                    e.errors
                        .iter()
                        .find(|(x, _)| x == f)
                        .map(|(_, m)| m.clone())
                }),
                help: help_of(plan, *f),
                textarea: matches!(
                    f,
                    RecordField::PlanText
                        | RecordField::ResultText
                        | RecordField::EvaluationText
                        | RecordField::NextPlanText
                ),
                numeric: *f == RecordField::Achievement && uses_percent(plan),
                options: options(plan, *f, &value),
                value,
            }
        })
        .collect();
    let events = store
        .history(HistoryFilter {
            plan: None,
            entity: Some(loaded.id),
            after_revision: None,
        })
        .await
        .map_err(internal)?;
    let is_admin = account.role == Role::Admin;
    let lists = entered.as_ref().and_then(|e| e.lists);
    let outputs = output_rows(r, lists.and_then(|l| l.outputs.as_deref()));
    let costs = cost_rows(r, lists.and_then(|l| l.costs.as_deref()));
    let list_errors: Vec<String> = entered
        .as_ref()
        .map(|e| e.list_errors.iter().map(|(_, m)| m.clone()).collect())
        .unwrap_or_default();
    let page = RecordPage {
        outputs,
        costs,
        list_errors,
        layout: Layout::new(
            format!("{}（{}）", measure_name(plan, r), division_name(plan, r)),
            work_trail(),
        ),
        bar: StaffBar::of(staff)?,
        record_id: loaded.id.0,
        plan_id: loaded.stored.id.0,
        revision: loaded.revision.0,
        plan_title: plan.title.clone(),
        measure: measure_name(plan, r),
        division: division_name(plan, r),
        year: year_ja(r.fiscal_year),
        state: state.label_ja(),
        state_class: state_class(state),
        due: cycle.map_or_else(String::new, |c| c.due.display_ja()),
        cycle_state: cycle.map_or_else(
            || "収集対象外（取り込んだ報告書の記録）".to_owned(),
            |c| c.state.label_ja().to_owned(),
        ),
        editable,
        can_comment: open && matches!(account.role, Role::Admin | Role::Reviewer),
        can_review: open && is_admin,
        can_accept: open && is_admin && state == ReviewState::Submitted,
        can_send_back: open
            && is_admin
            && matches!(
                state,
                ReviewState::Submitted | ReviewState::Accepted | ReviewState::Draft
            ),
        can_reopen: open && is_admin && state == ReviewState::Accepted,
        is_overseer: matches!(account.role, Role::Admin | Role::Reviewer),
        fields,
        comments: r
            .review
            .as_ref()
            .map(|v| {
                v.comments
                    .iter()
                    .map(|c| CommentView {
                        author: c.author.clone(),
                        at: jst(c.at_ms),
                        send_back: c.kind == CommentKind::SendBack,
                        text: c.text.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        history: history_lines(&events),
        errors: entered
            .as_ref()
            .map(|e| {
                e.errors
                    .iter()
                    .map(|(f, m)| format!("{}：{m}", f.label_ja()))
                    .chain(e.list_errors.iter().map(|(f, m)| {
                        let what = if f.starts_with("outputs") {
                            "実績（その他）"
                        } else {
                            "経費の内訳"
                        };
                        format!("{what}：{m}")
                    }))
                    .collect()
            })
            .unwrap_or_default(),
        message,
        conflict,
    };
    Ok(html(status, &page))
}

pub async fn record_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    q: Query<Notice>,
) -> Result<Response> {
    let store = store(&state)?;
    let loaded = owned_record(store, &staff, &id).await?;
    let message = notice_text(&q.done);
    record_page(
        store,
        &staff,
        &loaded,
        None,
        message,
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn record_save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: StaffForm,
) -> Result<Response> {
    let store = store(&state)?;
    let staff = form.staff.clone();
    let loaded = owned_record(store, &staff, &id).await?;
    let step = match form.get("action") {
        "submit" => Transition::Submit,
        _ => Transition::Save,
    };
    let values: Vec<(RecordField, String)> = FORM_FIELDS
        .iter()
        .filter(|f| form.fields.iter().any(|(n, _)| n == f.name()))
        .map(|f| (*f, form.get(f.name()).replace("\r\n", "\n")))
        .collect();
    let expected: Option<Revision> = form.get("revision").parse().ok().map(Revision);
    let lists = form_lists(&form);
    let errors = check_values(&loaded.stored.plan, &loaded.record, &values);
    let list_errors = set_lists(&mut loaded.record.clone(), &lists);
    if !errors.is_empty() || !list_errors.is_empty() {
        let entered = Entered {
            values: &values,
            errors: &errors,
            lists: Some(&lists),
            list_errors: &list_errors,
        };
        return record_page(
            store,
            &staff,
            &loaded,
            Some(entered),
            Some("入力内容に誤りがあります。各項目の説明を確認してください。".into()),
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let actor = Actor::form(staff.account()?.display_name.clone());
    match review_record_with(
        store, loaded.id, &values, &lists, step, None, expected, &actor,
    )
    .await
    {
        Ok(_) => {
            let done = if step == Transition::Submit {
                "submitted"
            } else {
                "saved"
            };
            Ok(see_other(&format!(
                "/work/records/{}?done={done}",
                loaded.id.0
            )))
        }
        Err(CommandError::Conflict { changed, .. }) => {
            // The input is kept; the form now carries the current revision, so saving again
            // (after looking at what changed) overwrites knowingly.
            let fresh = load_record(store, &id).await?;
            let entered = Entered {
                values: &values,
                errors: &[],
                lists: Some(&lists),
                list_errors: &[],
            };
            record_page(
                store,
                &staff,
                &fresh,
                Some(entered),
                Some(
                    "ほかの人がこの記録を先に更新しました。下の変更内容を確認し、必要なら入力を直してから、もう一度保存してください。あなたの入力は残してあります。"
                        .into(),
                ),
                history_lines(&changed),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(CommandError::Invalid(m)) => {
            record_page(
                store,
                &staff,
                &loaded,
                Some(Entered {
                    values: &values,
                    errors: &[],
                    lists: Some(&lists),
                    list_errors: &[],
                }),
                Some(m),
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(command_error(e).into()),
    }
}

pub async fn record_comment(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: StaffForm,
) -> Result<Response> {
    let store = store(&state)?;
    let loaded = owned_record(store, &form.staff, &id).await?;
    let actor = Actor::form(form.staff.account()?.display_name.clone());
    comment_record(store, loaded.id, form.get("text"), &actor)
        .await
        .map_err(command_error)?;
    Ok(see_other(&format!(
        "/work/records/{}?done=commented",
        loaded.id.0
    )))
}

pub async fn record_review(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: StaffForm,
) -> Result<Response> {
    let store = store(&state)?;
    let loaded = owned_record(store, &form.staff, &id).await?;
    let step = match form.get("action") {
        "accept" => Transition::Accept,
        "send_back" => Transition::SendBack,
        "reopen" => Transition::Reopen,
        _ => {
            return Err(Reject::from(error_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                "操作が正しくありません。",
            )));
        }
    };
    let actor = Actor::form(form.staff.account()?.display_name.clone());
    let comment = form.get("comment").to_owned();
    review_record(store, loaded.id, &[], step, Some(&comment), None, &actor)
        .await
        .map_err(command_error)?;
    Ok(see_other(&format!(
        "/work/plans/{}?done=reviewed",
        loaded.stored.id.0
    )))
}

// ---------------------------------------------------------------------------------------------
// API tokens

pub struct TokenLine {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub revoked: String,
}

#[derive(Template)]
#[template(path = "staff/tokens.html")]
struct TokensPage {
    layout: Layout,
    bar: StaffBar,
    tokens: Vec<TokenLine>,
    new_token: Option<String>,
    error: Option<String>,
}

async fn tokens_page(
    store: &Store,
    staff: &Staff,
    new_token: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response> {
    let account = staff.account()?;
    let tokens = store
        .api_tokens(account.id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|t| TokenLine {
            id: t.id,
            name: t.name,
            created: jst(t.created_at_ms),
            revoked: t.revoked_at_ms.map(jst).unwrap_or_default(),
        })
        .collect();
    let page = TokensPage {
        layout: Layout::new("API トークン", work_trail()),
        bar: StaffBar::of(staff)?,
        tokens,
        new_token,
        error,
    };
    Ok(html(status, &page))
}

pub async fn tokens(State(state): State<AppState>, staff: Staff) -> Result<Response> {
    let store = store(&state)?;
    tokens_page(store, &staff, None, None, StatusCode::OK).await
}

pub async fn token_create(State(state): State<AppState>, form: StaffForm) -> Result<Response> {
    let store = store(&state)?;
    let account = form.staff.account()?.id;
    match shinchoku_commands::accounts::create_api_token(store, account, form.get("name")).await {
        Ok((token, _)) => tokens_page(store, &form.staff, Some(token), None, StatusCode::OK).await,
        Err(CommandError::InvalidValue { message, .. }) => {
            tokens_page(
                store,
                &form.staff,
                None,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(internal(e).into()),
    }
}

pub async fn token_revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: StaffForm,
) -> Result<Response> {
    let store = store(&state)?;
    let account = form.staff.account()?.id;
    let id: i64 = id.parse().map_err(|_| not_found("トークン"))?;
    // Only the account's own tokens: another account's id revokes nothing.
    let revoked = store
        .revoke_api_token(account, id, shinchoku_commands::now_ms())
        .await
        .map_err(internal)?;
    if !revoked {
        return Err(Reject::from(not_found("トークン")));
    }
    Ok(see_other("/work/tokens"))
}

// ---------------------------------------------------------------------------------------------
// The Excel round-trip

#[derive(Deserialize, Default)]
pub struct DivisionQuery {
    #[serde(default)]
    division: String,
}

/// The divisions an editor may take a workbook of, among the plan's.
fn editor_divisions(account: &Account, plan: &Plan) -> Vec<String> {
    plan.divisions
        .iter()
        .filter(|d| {
            account.divisions.iter().any(|mine| {
                shinchoku_commands::accounts::same_name(mine, &d.name)
                    || d.renames
                        .iter()
                        .any(|r| shinchoku_commands::accounts::same_name(mine, &r.name))
            })
        })
        .map(|d| d.name.clone())
        .collect()
}

pub async fn workbook_download(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    q: Query<DivisionQuery>,
) -> Result<Response> {
    let store = store(&state)?;
    let stored = load_plan(store, &id).await?;
    staff.require(Target::Plan(&stored.plan))?;
    let account = staff.account()?;
    let asked = q.0.division.trim().to_owned();
    let division = match account.role {
        Role::Editor => {
            let mine = editor_divisions(account, &stored.plan);
            let chosen = if asked.is_empty() {
                mine.first().cloned()
            } else {
                mine.iter().find(|d| **d == asked).cloned()
            };
            Some(chosen.ok_or_else(|| Reject::from(denied(StatusCode::FORBIDDEN)))?)
        }
        _ => (!asked.is_empty()).then_some(asked),
    };
    let bytes = shinchoku_report::workbook::collection_workbook(
        std::slice::from_ref(&stored),
        shinchoku_report::workbook::WorkbookScope {
            division: division.as_deref(),
            fiscal_year: None,
        },
    )
    .map_err(|e| match e {
        shinchoku_report::workbook::WorkbookError::Empty(m) => {
            Reject::from(error_response(StatusCode::UNPROCESSABLE_ENTITY, &m))
        }
        other => Reject::from(internal(other)),
    })?;
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    );
    let name = format!(
        "shinchoku-{}-{}.xlsx",
        stored.id.0,
        division.as_deref().unwrap_or("all")
    );
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes()).collect();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"shinchoku-{}.xlsx\"; filename*=UTF-8''{encoded}",
        stored.id.0
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

#[derive(Template)]
#[template(path = "staff/upload.html")]
struct UploadPage {
    layout: Layout,
    bar: StaffBar,
    back: String,
    ok: bool,
    summary: String,
    errors: Vec<String>,
}

pub async fn workbook_upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    upload: StaffUpload,
) -> Result<Response> {
    use shinchoku_commands::upload::{UploadError, WorkbookUpload, apply_workbook};
    let store = store(&state)?;
    let stored = load_plan(store, &id).await?;
    upload.staff.require(Target::Plan(&stored.plan))?;
    let account = upload.staff.account()?.clone();
    let back = match account.role {
        Role::Admin => format!("/work/plans/{}", stored.id.0),
        _ => "/work".to_owned(),
    };
    let page =
        |status: StatusCode, ok: bool, summary: String, errors: Vec<String>| -> Result<Response> {
            Ok(html(
                status,
                &UploadPage {
                    layout: Layout::new("Excel の取り込み結果", work_trail()),
                    bar: StaffBar::of(&upload.staff)?,
                    back: back.clone(),
                    ok,
                    summary,
                    errors,
                },
            ))
        };
    let Some((file_name, bytes)) = upload.file.as_ref() else {
        return page(
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
            "ファイルが選ばれていません。".into(),
            Vec::new(),
        );
    };
    let file_name = std::path::Path::new(file_name).file_name().map_or_else(
        || "upload.xlsx".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let actor = Actor::form(account.display_name.clone());
    let who = account.clone();
    // Only this plan's records, and an editor's only of their divisions.
    let allowed = move |plan: &Plan, record: &ProgressRecord| {
        plan.key() == stored.plan.key()
            && super::access::permits(
                &who,
                super::access::Owns::Record,
                Target::Record(plan, record),
            )
    };
    let result = apply_workbook(
        store,
        WorkbookUpload {
            file_name: &file_name,
            bytes,
            submit: upload.get("submit") == "1",
        },
        &actor,
        allowed,
    )
    .await;
    match result {
        Ok(o) => page(
            StatusCode::OK,
            true,
            if o.changed.is_empty() {
                format!(
                    "取り込みました。{}件の記録はすべて保存済みの内容と同じでした（変更なし）。",
                    o.records
                )
            } else {
                format!(
                    "取り込みました。{}件の記録のうち{}件を更新しました（項目{}件、提出{}件）。",
                    o.records,
                    o.changed.len(),
                    o.fields,
                    o.submitted
                )
            },
            Vec::new(),
        ),
        Err(UploadError::Cells(errors)) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
            format!(
                "{}件の問題があるため、何も取り込んでいません。直してから、もう一度アップロードしてください。",
                errors.len()
            ),
            errors.iter().map(ToString::to_string).collect(),
        ),
        Err(UploadError::File(e)) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
            format!("このファイルは取り込めません：{e}"),
            Vec::new(),
        ),
        Err(UploadError::Conflict) => page(
            StatusCode::CONFLICT,
            false,
            UploadError::Conflict.to_string(),
            Vec::new(),
        ),
        Err(UploadError::Command(CommandError::Invalid(m) | CommandError::NotFound(m))) => {
            page(StatusCode::UNPROCESSABLE_ENTITY, false, m, Vec::new())
        }
        Err(UploadError::Command(e)) => Err(internal(e).into()),
    }
}
