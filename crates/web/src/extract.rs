//! The plan of a `/plans/{id}…` or `/api/plans/{id}…` path, parsed once for every handler of
//! the HTML pages and of the JSON API.

use crate::catalog::{AppState, Catalog, PlanEntry};
use crate::pages::PageError;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use std::sync::Arc;

/// The plan named by the path's `{id}` (and the path's `{key}`, if the route has one), in the
/// catalog current when the request came in. An id that is not a number is a 400, a number
/// that is no plan's id a 404. HTML handlers take it as it is (the rejection is the HTML error
/// page); API handlers take `Result<PlanPath, PageError>` and turn the error into JSON.
pub(crate) struct PlanPath {
    catalog: Arc<Catalog>,
    id: i64,
    key: String,
}

impl PlanPath {
    /// The plan (found when the path was extracted).
    pub fn entry(&self) -> Result<&PlanEntry, PageError> {
        self.catalog
            .plan(self.id)
            .ok_or_else(|| PageError::NotFound(format!("計画「{}」は見つかりません。", self.id)))
    }

    /// The path's `{key}` (a group, measure or indicator key); empty on routes without one.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// Parses a plan id: a decimal number (400 otherwise) of an existing plan (404 otherwise).
pub(crate) fn plan_id(catalog: &Catalog, raw: &str) -> Result<i64, PageError> {
    let id = raw.trim().parse::<i64>().map_err(|_| {
        PageError::BadRequest(format!(
            "計画番号「{raw}」は正しくありません。数字で指定してください。"
        ))
    })?;
    match catalog.plan(id) {
        Some(_) => Ok(id),
        None => Err(PageError::NotFound(format!(
            "計画「{id}」は見つかりません。"
        ))),
    }
}

impl FromRequestParts<AppState> for PlanPath {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| PageError::NotFound("指定されたページは存在しません。".into()))?;
        let mut raw_id = None;
        let mut key = String::new();
        for (name, value) in &params {
            match name {
                "id" => raw_id = Some(value.to_owned()),
                "key" => key = value.to_owned(),
                _ => {}
            }
        }
        let raw_id =
            raw_id.ok_or_else(|| PageError::NotFound("指定されたページは存在しません。".into()))?;
        let catalog = state.catalog();
        let id = plan_id(&catalog, &raw_id)?;
        Ok(PlanPath { catalog, id, key })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::{Plan, PlanKind};

    #[test]
    fn plan_ids() {
        let catalog = Catalog::new(vec![(
            7,
            Plan::new("市", "計画", PlanKind::SuicidePrevention),
        )]);
        assert!(matches!(plan_id(&catalog, "7"), Ok(7)));
        assert!(matches!(
            plan_id(&catalog, "8"),
            Err(PageError::NotFound(_))
        ));
        assert!(matches!(
            plan_id(&catalog, "-1"),
            Err(PageError::NotFound(_))
        ));
        for bad in ["abc", "", "7a", "99999999999999999999999", "７"] {
            assert!(
                matches!(plan_id(&catalog, bad), Err(PageError::BadRequest(_))),
                "{bad}"
            );
        }
    }
}
