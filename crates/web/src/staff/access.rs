//! Who may do what: the one place where access is decided (docs/security.md).
//!
//! Every route of the staff side is a [`Route`] in [`super::ROUTES`]: its method, path, the
//! roles it admits and what the account must own. The router is built from that table, so
//! a route cannot exist without its rule; the guard middleware admits the role, and the
//! handler asks [`permits`] about the plan or record it found. Deny by default: a role not
//! named is refused, a target of another municipality is refused, an editor's record of
//! another division is refused.

use shinchoku_core::{Plan, ProgressRecord};
use shinchoku_store::{Account, Role};

/// Which signed-in accounts a route admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Anyone, signed in or not (the sign-in page).
    Anyone,
    /// Signed-in accounts of these roles.
    Roles(&'static [Role]),
}

/// What the account must own of the route's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owns {
    /// Nothing (pages listing only what the account owns).
    Nothing,
    /// The plan: of the account's municipality (an officer: of a municipality under its
    /// prefecture).
    Plan,
    /// The record: its plan as above, and for an editor one of the editor's divisions.
    Record,
}

/// The targets a handler asks about.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Plan(&'a Plan),
    Record(&'a Plan, &'a ProgressRecord),
}

/// Every role but the officer's: people of the municipality.
pub const MUNICIPAL: &[Role] = &[Role::Admin, Role::Editor, Role::Reviewer];
pub const EVERY_ROLE: &[Role] = &[Role::Admin, Role::Editor, Role::Reviewer, Role::Officer];
pub const ADMIN: &[Role] = &[Role::Admin];
pub const ADMIN_EDITOR: &[Role] = &[Role::Admin, Role::Editor];
pub const ADMIN_REVIEWER: &[Role] = &[Role::Admin, Role::Reviewer];
pub const OVERSEERS: &[Role] = &[Role::Admin, Role::Reviewer, Role::Officer];

/// Whether `who` admits an account (or anonymous: `None`).
pub fn admits(who: Who, account: Option<&Account>) -> bool {
    match who {
        Who::Anyone => true,
        Who::Roles(roles) => account.is_some_and(|a| !a.disabled && roles.contains(&a.role)),
    }
}

/// Whether the account may act on the target, by the route's ownership rule.
pub fn permits(account: &Account, owns: Owns, target: Target<'_>) -> bool {
    if account.disabled {
        return false;
    }
    match owns {
        Owns::Nothing => true,
        Owns::Plan => match target {
            Target::Plan(p) | Target::Record(p, _) => sees_plan(account, p),
        },
        Owns::Record => match target {
            Target::Plan(_) => false,
            Target::Record(p, r) => {
                sees_plan(account, p)
                    && (account.role != Role::Editor || owns_division(account, p, r))
            }
        },
    }
}

/// Whether a plan is in the account's scope.
pub fn sees_plan(account: &Account, plan: &Plan) -> bool {
    match account.role {
        Role::Officer => {
            account.scope == "全国"
                || plan
                    .municipality
                    .code
                    .as_deref()
                    .and_then(prefecture_of_code)
                    .is_some_and(|p| p == account.scope)
        }
        _ => same_name(&plan.municipality.name, &account.scope),
    }
}

/// Whether the record is of one of the editor's divisions (by any name it had).
pub fn owns_division(account: &Account, plan: &Plan, record: &ProgressRecord) -> bool {
    shinchoku_commands::accounts::owns_record(account, plan, record)
}

fn same_name(a: &str, b: &str) -> bool {
    shinchoku_commands::accounts::same_name(a, b)
}

/// The prefecture of a 全国地方公共団体コード (its first two digits, JIS X 0401).
pub fn prefecture_of_code(code: &str) -> Option<&'static str> {
    shinchoku_ingest::normalise::prefecture_of_code(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::{
        Division, DivisionKey, FiscalYear, Location, MeasureKey, PlanKind, Rename,
    };
    use shinchoku_store::AccountId;

    fn account(role: Role, scope: &str, divisions: &[&str]) -> Account {
        Account {
            id: AccountId(1),
            login: "a".into(),
            display_name: "a".into(),
            email: None,
            role,
            scope: scope.into(),
            divisions: divisions.iter().map(|d| (*d).to_owned()).collect(),
            password_hash: String::new(),
            disabled: false,
            created_at_ms: 0,
        }
    }

    #[test]
    fn editors_own_their_divisions_by_any_name_they_had() {
        let mut p = Plan::new("清瀬市", "計画", PlanKind::SuicidePrevention);
        p.municipality.code = Some("132217".into());
        p.divisions.push(Division {
            key: DivisionKey::new("企画課"),
            name: "企画課".into(),
            department: None,
            external: false,
            renames: vec![Rename {
                from: FiscalYear(2024),
                name: "企画政策課".into(),
                original: "企画課(令和6年度～企画政策課)".into(),
            }],
        });
        let r = ProgressRecord::new(
            MeasureKey::new("1"),
            Some(DivisionKey::new("企画課")),
            FiscalYear(2025),
            Location::new("x", 1),
        );
        let t = Target::Record(&p, &r);
        assert!(permits(
            &account(Role::Editor, "清瀬市", &["企画政策課"]),
            Owns::Record,
            t
        ));
        assert!(!permits(
            &account(Role::Editor, "清瀬市", &["健康推進課"]),
            Owns::Record,
            t
        ));
        assert!(!permits(
            &account(Role::Editor, "川口市", &["企画課"]),
            Owns::Record,
            t
        ));
        assert!(permits(
            &account(Role::Reviewer, "清瀬市", &[]),
            Owns::Record,
            t
        ));
        assert!(permits(
            &account(Role::Officer, "東京都", &[]),
            Owns::Plan,
            t
        ));
        assert!(!permits(
            &account(Role::Officer, "埼玉県", &[]),
            Owns::Plan,
            t
        ));
        let mut disabled = account(Role::Admin, "清瀬市", &[]);
        disabled.disabled = true;
        assert!(!permits(&disabled, Owns::Plan, t));
        assert_eq!(prefecture_of_code("011002"), Some("北海道"));
        assert_eq!(prefecture_of_code("471003"), Some("沖縄県"));
        assert_eq!(prefecture_of_code("481003"), None);
        assert_eq!(prefecture_of_code("00"), None);
    }
}
