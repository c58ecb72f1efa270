//! The secretariat's form for the plan's groups mapped onto the national policy package
//! (the public comparison page `/compare/{kind}` uses it): every group with a choice of
//! area, 「上位の施策に従う」 or 「対象外」, pre-filled with the stored mapping or the automatic
//! proposal and its reason. Saved through `shinchoku_commands::package` (one commit, in the
//! history); saving the same choices again changes nothing.

use super::access::Target;
use super::pages::{
    Result, StaffBar, command_error, html, load_plan, see_other, store, work_trail,
};
use super::{Reject, Staff, StaffForm};
use crate::catalog::AppState;
use crate::pages::error_response;
use crate::view::Layout;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use shinchoku_commands::Actor;
use shinchoku_commands::package::{AreaChoice, reset_to_proposal, set_package};
use shinchoku_core::GroupKey;
use shinchoku_core::package::{effective_areas, mapping_of, package_of};

pub struct AreaOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct GroupLine {
    pub index: usize,
    pub key: String,
    pub depth: usize,
    pub label: String,
    pub reason: String,
    /// The area it ends up in (its own or inherited), as text.
    pub effective: String,
    pub options: Vec<AreaOption>,
}

#[derive(Template)]
#[template(path = "staff/package.html")]
struct PackagePage {
    layout: Layout,
    bar: StaffBar,
    plan_id: i64,
    package: String,
    state: &'static str,
    groups: Vec<GroupLine>,
    message: Option<&'static str>,
}

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

pub async fn form(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    q: Query<Done>,
) -> Result<Response> {
    let store = store(&state)?;
    let stored = load_plan(store, &id).await?;
    staff.require(Target::Plan(&stored.plan))?;
    let plan = &stored.plan;
    let Some(package) = package_of(&plan.kind) else {
        return Err(Reject::from(error_response(
            StatusCode::NOT_FOUND,
            &format!(
                "{}には比較に使う政策パッケージが定義されていません。",
                plan.kind.label_ja()
            ),
        )));
    };
    let Some((mapping, stored_mapping)) = mapping_of(plan) else {
        return Err(Reject::from(error_response(
            StatusCode::NOT_FOUND,
            "政策パッケージがありません。",
        )));
    };
    let effective = effective_areas(plan, &mapping);
    let mut depth_of: std::collections::HashMap<&GroupKey, usize> = Default::default();
    let groups = plan
        .groups
        .iter()
        .enumerate()
        .map(|(index, g)| {
            let depth = g
                .parent
                .as_ref()
                .and_then(|p| depth_of.get(p))
                .map_or(0, |d| d + 1);
            depth_of.insert(&g.key, depth);
            let own = mapping.entry(&g.key);
            let current = match own {
                None => "inherit".to_owned(),
                Some(e) => e.area.clone().unwrap_or_else(|| "none".to_owned()),
            };
            let mut options = vec![
                AreaOption {
                    value: "inherit".into(),
                    label: if g.parent.is_some() {
                        "上位の施策に従う".into()
                    } else {
                        "対応付けなし（未分類）".into()
                    },
                    selected: current == "inherit",
                },
                AreaOption {
                    value: "none".into(),
                    label: "対象外（下位の施策も含めない）".into(),
                    selected: current == "none",
                },
            ];
            options.extend(package.areas.iter().map(|a| AreaOption {
                value: a.code.to_owned(),
                label: a.label_ja(),
                selected: current == a.code,
            }));
            GroupLine {
                index,
                key: g.key.to_string(),
                depth,
                label: format!(
                    "{}{} {}",
                    g.label,
                    g.number.as_deref().unwrap_or(""),
                    g.title
                ),
                reason: own.map(|e| e.reason.clone()).unwrap_or_default(),
                effective: effective
                    .get(&g.key)
                    .and_then(|c| package.area(c))
                    .map_or_else(|| "（どの領域にも含めない）".to_owned(), |a| a.label_ja()),
                options,
            }
        })
        .collect();
    let page = PackagePage {
        layout: Layout::new(
            format!("施策と政策パッケージの対応付け：{}", plan.title),
            {
                let mut t = work_trail();
                t.push(("進捗管理".into(), format!("/work/plans/{}", stored.id.0)));
                t
            },
        ),
        bar: StaffBar::of(&staff)?,
        plan_id: stored.id.0,
        package: package.title.to_owned(),
        state: if stored_mapping && mapping.confirmed() {
            "事務局が確認した対応付けです。"
        } else if stored_mapping {
            "自動提案を保存した対応付けです（未確認）。"
        } else {
            "施策の題名からの自動提案です（まだ保存されていません）。"
        },
        groups,
        message: match q.done.as_str() {
            "saved" => Some("対応付けを保存しました。比較ページに反映されます。"),
            "reset" => Some("自動提案に戻しました。"),
            _ => None,
        },
    };
    Ok(html(StatusCode::OK, &page))
}

pub async fn save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: StaffForm,
) -> Result<Response> {
    let store = store(&state)?;
    let stored = load_plan(store, &id).await?;
    form.staff.require(Target::Plan(&stored.plan))?;
    let actor = Actor::form(form.staff.account()?.display_name.clone());
    let done = match form.get("action") {
        "save" => {
            let mut choices = Vec::new();
            for i in 0..stored.plan.groups.len() {
                let key = form.get(&format!("group_key_{i}"));
                if key.is_empty() {
                    continue;
                }
                choices.push((
                    GroupKey::new(key),
                    AreaChoice::parse(form.get(&format!("area_{i}"))),
                ));
            }
            set_package(store, stored.id, &choices, &actor)
                .await
                .map_err(command_error)?;
            "saved"
        }
        "reset" => {
            reset_to_proposal(store, stored.id, &actor)
                .await
                .map_err(command_error)?;
            "reset"
        }
        _ => {
            return Err(Reject::from(error_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                "操作が正しくありません。",
            )));
        }
    };
    Ok(see_other(&format!(
        "/work/plans/{}/package?done={done}",
        stored.id.0
    )))
}
