//! View helpers shared by the pages: links, layout, status colours, chart geometry.

use shinchoku_core::{FiscalYear, Plan, ProgressRecord, StatusMeaning};

/// Percent-encodes a path segment (everything but unreserved ASCII).
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn plan_href(id: i64) -> String {
    format!("/plans/{id}")
}
pub fn group_href(id: i64, key: &str) -> String {
    format!("/plans/{id}/groups/{}", enc(key))
}
pub fn measure_href(id: i64, key: &str) -> String {
    format!("/plans/{id}/measures/{}", enc(key))
}
pub fn indicator_href(id: i64, key: &str) -> String {
    format!("/plans/{id}/indicators/{}", enc(key))
}
/// A division's page: divisions are per municipality (`/divisions/{municipality}/{name}`).
pub fn division_href(municipality: &str, name: &str) -> String {
    format!("/divisions/{}/{}", enc(municipality), enc(name))
}

/// A breadcrumb; an empty `href` marks the current page.
pub struct Crumb {
    pub label: String,
    pub href: String,
}

/// What every page passes to the shared layout.
pub struct Layout {
    pub title: String,
    pub crumbs: Vec<Crumb>,
}

impl Layout {
    /// Home › … › title. `trail` are (label, href) pairs between home and this page.
    pub fn new(title: impl Into<String>, trail: Vec<(String, String)>) -> Self {
        let title = title.into();
        let mut crumbs = vec![Crumb {
            label: "ホーム".into(),
            href: "/".into(),
        }];
        for (label, href) in trail {
            crumbs.push(Crumb { label, href });
        }
        crumbs.push(Crumb {
            label: title.clone(),
            href: String::new(),
        });
        Layout { title, crumbs }
    }
}

/// 「令和4年度（2022年度）」
pub fn year_ja(y: FiscalYear) -> String {
    y.display_ja()
}

pub fn period_ja(plan: &Plan) -> String {
    match plan.period {
        Some(p) if p.first == p.last => p.first.display_ja(),
        Some(p) => format!("{}～{}", p.first.display_ja(), p.last.display_ja()),
        None => "（記載なし）".into(),
    }
}

/// A status category for colours and counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCat {
    pub label: String,
    pub class: &'static str,
}

pub fn meaning_class(m: Option<StatusMeaning>) -> &'static str {
    match m {
        Some(StatusMeaning::Done) => "st-done",
        Some(StatusMeaning::Partial) => "st-partial",
        Some(StatusMeaning::Preparing) => "st-preparing",
        Some(StatusMeaning::NotDone) => "st-notdone",
        Some(StatusMeaning::Other) => "st-other",
        None => "st-none",
    }
}

/// The status categories of a plan: its scale in order, then labels only found in records,
/// then 「記載なし」.
pub fn status_categories(plan: &Plan) -> Vec<StatusCat> {
    let mut cats: Vec<StatusCat> = plan
        .status_scale
        .levels
        .iter()
        .map(|l| StatusCat {
            label: l.label.clone(),
            class: meaning_class(Some(l.meaning)),
        })
        .collect();
    for r in &plan.records {
        if let Some(s) = &r.status
            && !cats.iter().any(|c| c.label == s.label)
        {
            cats.push(StatusCat {
                label: s.label.clone(),
                class: "st-other",
            });
        }
    }
    cats.push(StatusCat {
        label: "記載なし".into(),
        class: "st-none",
    });
    cats
}

/// Index of a record's status among the categories (the last one: none).
pub fn status_index(cats: &[StatusCat], r: &ProgressRecord) -> usize {
    let none = cats.len().saturating_sub(1);
    r.status
        .as_ref()
        .and_then(|s| cats.iter().position(|c| c.label == s.label))
        .unwrap_or(none)
}

/// One segment of a stacked bar.
pub struct BarSegment {
    pub x: String,
    pub width: String,
    pub class: &'static str,
    pub title: String,
}

/// A stacked horizontal bar: segments proportional to counts on a `width`-pixel bar.
pub fn stacked_bar(cats: &[StatusCat], counts: &[usize], width: f64) -> Vec<BarSegment> {
    let total: usize = counts.iter().sum();
    let mut out = Vec::new();
    if total == 0 {
        return out;
    }
    let mut x = 0.0;
    for (cat, n) in cats.iter().zip(counts) {
        if *n == 0 {
            continue;
        }
        let w = width * (*n as f64) / (total as f64);
        out.push(BarSegment {
            x: format!("{x:.1}"),
            width: format!("{w:.1}"),
            class: cat.class,
            title: format!("{} {}件", cat.label, n),
        });
        x += w;
    }
    out
}

/// A textual summary of counts: 「実施済 3件、一部実施 1件」.
pub fn counts_text(cats: &[StatusCat], counts: &[usize]) -> String {
    let parts: Vec<String> = cats
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(c, n)| format!("{} {}件", c.label, n))
        .collect();
    if parts.is_empty() {
        "記録なし".into()
    } else {
        parts.join("、")
    }
}

/// Where a value comes from, as the public reads it: the report's title and the year it
/// reports up to (never a file name or line; those stay in the API and for staff).
pub fn public_source(plan: &Plan, location: &shinchoku_core::Location) -> String {
    if let Some(src) = plan.sources.iter().find(|s| s.file == location.file) {
        let title = if src.title.trim().is_empty() {
            format!("{}の報告", plan.title)
        } else {
            format!("「{}」", src.title.trim())
        };
        let edition = src
            .reporting_period
            .as_ref()
            .map(|p| p.end.fiscal_year())
            .or_else(|| shinchoku_core::merge::edition_of(plan, &location.file));
        return match edition {
            Some(y) => format!("{title}（{}までの報告）", y.display_ja()),
            None => title,
        };
    }
    if let Some(year) = location
        .file
        .strip_suffix("年度の収集")
        .and_then(|y| y.parse::<i32>().ok())
    {
        return format!("各課の入力（{}）", FiscalYear(year).display_ja());
    }
    "（出典の記載なし）".to_owned()
}

/// A text of the audit (which names places as `file:line`) as the public reads it: each
/// `file:line` of the plan's sources replaced by the report's title.
pub fn public_text(plan: &Plan, text: &str) -> String {
    let mut out = text.to_owned();
    for src in &plan.sources {
        if src.file.is_empty() || !out.contains(&src.file) {
            continue;
        }
        let title = format!("「{}」", src.title.trim());
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = rest.find(&src.file) {
            result.push_str(&rest[..at]);
            result.push_str(&title);
            let mut after = &rest[at + src.file.len()..];
            if let Some(num) = after.strip_prefix(':') {
                let digits = num.chars().take_while(char::is_ascii_digit).count();
                if digits > 0 {
                    after = &num[digits..];
                }
            }
            rest = after;
        }
        result.push_str(rest);
        out = result;
    }
    out
}
