//! Accounts and what several web processes must share: sessions, login failures (for
//! throttling), API tokens, notices already sent, settings. Plain rows: none of this is plan
//! data, so it has no revisions or history events.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The id of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(pub i64);

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What an account may do (docs/security.md states the rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The secretariat (事務局): everything of its municipality.
    Admin,
    /// A division's editor: reads its municipality's plans, edits the records of its own
    /// divisions in an open year.
    Editor,
    /// A council member: reads everything of its municipality, comments.
    Reviewer,
    /// A prefecture's or the nation's officer: reads what the municipalities under it
    /// published, and their cycles' progress.
    Officer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Reviewer, Role::Officer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Officer => "officer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Role::Admin => "事務局",
            Role::Editor => "担当課",
            Role::Reviewer => "委員",
            Role::Officer => "広域担当",
        }
    }
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub login: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: Role,
    /// The municipality (for an officer: the prefecture, or 「全国」).
    pub scope: String,
    /// The divisions an editor enters for (names as the plans write them).
    pub divisions: Vec<String>,
    /// argon2id PHC string.
    #[serde(skip_serializing)]
    pub password_hash: String,
    pub disabled: bool,
    pub created_at_ms: i64,
}

/// An account to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub login: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: Role,
    pub scope: String,
    pub divisions: Vec<String>,
    pub password_hash: String,
    pub created_at_ms: i64,
}

/// A signed-in session (the cookie holds the token; the store its SHA-256).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub token_hash: String,
    pub account: AccountId,
    /// The CSRF token every form of the session carries.
    pub csrf: String,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
}

/// An API token (the store keeps its SHA-256).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenRow {
    pub id: i64,
    pub account: AccountId,
    pub name: String,
    #[serde(skip_serializing)]
    pub token_hash: String,
    pub created_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
}
