//! Organisation cells: 担当部署 / 担当課, where the converter glued names together
//! (「シティプロモーション課(令和4年度～市民協働課)健康推進課」).

use crate::normalise::{fold, parse_fiscal_year};
use regex::Regex;
use shinchoku_core::FiscalYear;
use std::sync::LazyLock;

/// One organisation name with an optional rename 「(令和4年度～新名称)」.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgToken {
    /// Empty when the cell gives only a rename (「（令和4年度～地域振興部）」).
    pub name: String,
    /// (from which fiscal year, new name); the year is `None` when it cannot be read.
    pub rename: Option<(Option<FiscalYear>, String)>,
}

impl OrgToken {
    /// A department (部) rather than a division (課・室・センター・external body).
    pub fn is_department(&self) -> bool {
        if self.name.is_empty() {
            return self.rename.as_ref().is_some_and(|(_, n)| n.ends_with('部'));
        }
        self.name.ends_with('部')
    }
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // constant pattern
    Regex::new(
        r"^([^\s()%。、]*?(?:課|室|センター|部|東京都))(?:\((令和(?:元|\d{1,2})年度)[~～-]([^)]+)\))?",
    )
    .expect("valid regex")
});
static RENAME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"^\((令和(?:元|\d{1,2})年度)[~～-]([^)]+)\)").expect("valid regex")
});

/// Reads a cell made only of organisation names. `None` when the cell is anything else (text,
/// an achievement, empty).
pub fn parse_org_cell(cell: &str) -> Option<Vec<OrgToken>> {
    // Fold full-width parentheses; keep 〜/～ as the range mark.
    let s: String = fold(cell).chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() || s.chars().count() > 80 {
        return None;
    }
    let mut tokens = Vec::new();
    let mut rest = s.as_str();
    while !rest.is_empty() {
        if let Some(caps) = RENAME_ONLY.captures(rest) {
            let all = caps.get(0)?;
            let from = caps.get(1).and_then(|m| parse_fiscal_year(m.as_str()));
            let to = caps.get(2)?.as_str().to_owned();
            tokens.push(OrgToken {
                name: String::new(),
                rename: Some((from, to)),
            });
            rest = rest.get(all.end()..)?;
            continue;
        }
        let caps = TOKEN.captures(rest)?;
        let all = caps.get(0)?;
        let name = caps.get(1)?.as_str();
        if name.chars().count() < 2 || name.chars().count() > 20 {
            return None;
        }
        let rename = match (caps.get(2), caps.get(3)) {
            (Some(y), Some(to)) => Some((parse_fiscal_year(y.as_str()), to.as_str().to_owned())),
            _ => None,
        };
        tokens.push(OrgToken {
            name: name.to_owned(),
            rename,
        });
        rest = rest.get(all.end()..)?;
    }
    (!tokens.is_empty()).then_some(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cell: &str) -> Vec<String> {
        parse_org_cell(cell)
            .unwrap_or_default()
            .into_iter()
            .map(|t| t.name)
            .collect()
    }

    #[test]
    fn glued_divisions() {
        let t = parse_org_cell("シティプロモーション課(令和4年度～市民協働課)健康推進課")
            .unwrap_or_default();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].name, "シティプロモーション課");
        assert_eq!(
            t[0].rename,
            Some((Some(FiscalYear(2022)), "市民協働課".to_owned()))
        );
        assert_eq!(names("生活福祉課障害福祉課健康推進課").len(), 3);
        assert_eq!(names("教育部 生涯健康部"), vec!["教育部", "生涯健康部"]);
        assert_eq!(
            names("子ども家庭支援センター 東京都"),
            vec!["子ども家庭支援センター", "東京都"]
        );
        assert_eq!(names("福祉・子ども部"), vec!["福祉・子ども部"]);
    }

    #[test]
    fn rename_only_and_non_org() {
        let t = parse_org_cell("（令和4年度～地域振興部）").unwrap_or_default();
        assert_eq!(t.len(), 1);
        assert!(t[0].name.is_empty());
        assert!(t[0].is_department());
        assert!(parse_org_cell("100%").is_none());
        assert!(parse_org_cell("").is_none());
        assert!(parse_org_cell("取組を継続").is_none());
        assert!(parse_org_cell("市民相談を実施した。").is_none());
    }
}
