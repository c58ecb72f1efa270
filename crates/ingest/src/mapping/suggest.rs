//! Drafting a profile from a table: the header words and the values under them.
//!
//! Every column gets a target (or none) with a confidence and the reason, written as TOML
//! comments; the draft parses as a [`Profile`] and imports the file it was made from.

use super::profile::{
    CostSpec, DirectionTermSpec, IndicatorSpec, Level, MeasureSpec, PlanSpec, Profile, RecordSpec,
    Shape, Source, StatusTermSpec, YearSpec,
};
use super::table::{Table, TableLimits, read_table};
use super::{Header, Headers, MappingError, guess_direction_meaning, guess_status_meaning};
use crate::normalise::{find_years, is_blank_cell, parse_fiscal_year, parse_number};
use shinchoku_core::{FiscalYear, GroupKind, IndicatorKind, Polarity};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Options of [`suggest`].
#[derive(Debug, Clone, Default)]
pub struct SuggestOptions {
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<String>,
    /// Refuse files over this many bytes (default: [`crate::DEFAULT_MAX_BYTES`]).
    pub max_bytes: Option<u64>,
}

/// What the values of a column look like.
#[derive(Debug, Clone, Default)]
struct Values {
    filled: usize,
    numeric: usize,
    yen: usize,
    years: usize,
    percent: usize,
    distinct: BTreeMap<String, usize>,
    long: usize,
}

impl Values {
    fn of(table: &Table, col: usize, first: usize) -> Values {
        let mut v = Values::default();
        for row in first..table.rows.len() {
            let text = table.cell(row, col).trim();
            if text.is_empty() || is_blank_cell(text) {
                continue;
            }
            v.filled += 1;
            if parse_number(text).is_some() {
                v.numeric += 1;
            }
            if text.ends_with('円') {
                v.yen += 1;
            }
            if parse_fiscal_year(text).is_some()
                || parse_number(text)
                    .is_some_and(|n| (1990.0..=2100.0).contains(&n) && n.fract() == 0.0)
            {
                v.years += 1;
            }
            if crate::normalise::parse_percent(text).is_some() {
                v.percent += 1;
            }
            if v.distinct.len() < 64 || v.distinct.contains_key(text) {
                *v.distinct.entry(text.to_owned()).or_insert(0) += 1;
            }
            if text.chars().count() > 30 {
                v.long += 1;
            }
        }
        v
    }

    fn share(&self, n: usize) -> f64 {
        if self.filled == 0 {
            0.0
        } else {
            n as f64 / self.filled as f64
        }
    }

    /// Numbers (or yen amounts) in most cells.
    fn numeric(&self) -> bool {
        self.filled > 0 && self.share(self.numeric + self.yen) >= 0.8
    }

    /// A few words repeated: a vocabulary.
    fn vocabulary(&self) -> bool {
        self.filled >= 2
            && self.distinct.len() <= 12
            && self.distinct.len() < self.filled
            && self.share(self.numeric) < 0.5
    }

    fn all_distinct(&self) -> bool {
        self.filled > 0 && self.distinct.len() == self.filled
    }

    fn describe(&self) -> String {
        if self.filled == 0 {
            return "値なし".to_owned();
        }
        let mut parts = vec![format!("値 {} 件", self.filled)];
        if self.numeric() {
            parts.push("数値".to_owned());
        }
        if self.yen > 0 {
            parts.push(format!("円 {} 件", self.yen));
        }
        if self.share(self.years) >= 0.8 {
            parts.push("年度".to_owned());
        }
        if self.percent > 0 {
            parts.push(format!("% {} 件", self.percent));
        }
        if self.vocabulary() {
            parts.push(format!("{} 種類の語", self.distinct.len()));
        } else if self.all_distinct() {
            parts.push("すべて異なる".to_owned());
        }
        if self.long > 0 {
            parts.push(format!("長い文 {} 件", self.long));
        }
        parts.join("、")
    }
}

/// Where a column goes.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    LevelCode(usize),
    LevelName(usize),
    Measure(&'static str),
    Record(&'static str),
    Cost(&'static str),
    Indicator {
        kind: IndicatorKind,
        n: u32,
        part: &'static str,
    },
}

impl Target {
    fn path(&self) -> String {
        match self {
            Target::LevelCode(i) => format!(
                "levels（{}）.code",
                LEVEL_WORDS.get(*i).map_or("?", |(w, _)| *w)
            ),
            Target::LevelName(i) => format!(
                "levels（{}）.name",
                LEVEL_WORDS.get(*i).map_or("?", |(w, _)| *w)
            ),
            Target::Measure(f) => format!("measure.{f}"),
            Target::Record(f) => format!("record.{f}"),
            Target::Cost(f) => format!("costs.{f}"),
            Target::Indicator { kind, n, part } => {
                format!("indicators（{}{n}）.{part}", kind.label_ja())
            }
        }
    }

    fn yearly(&self) -> bool {
        match self {
            Target::Record(f) => *f != "year",
            Target::Cost(_) => true,
            Target::Indicator { part, .. } => matches!(*part, "target" | "actual"),
            _ => false,
        }
    }
}

struct Guess {
    col: usize,
    target: Option<Target>,
    confidence: f64,
    reason: String,
}

/// Hierarchy words, top first, with the group kind.
const LEVEL_WORDS: [(&str, GroupKind); 7] = [
    ("政策", GroupKind::Other),
    ("基本目標", GroupKind::BasicGoal),
    ("基本方針", GroupKind::BasicGoal),
    ("基本施策", GroupKind::BasicPolicy),
    ("重点施策", GroupKind::PriorityPolicy),
    ("施策", GroupKind::Policy),
    ("基本事業", GroupKind::Item),
];

fn has_any(key: &str, words: &[&'static str]) -> Option<&'static str> {
    words.iter().find(|w| key.contains(**w)).copied()
}

fn contains_any(key: &str, words: &[&str]) -> bool {
    words.iter().any(|w| key.contains(w))
}

/// The target a header's words point to, with a base confidence and the word that decided.
fn by_words(key: &str, has_year: bool, v: &Values) -> Option<(Target, f64, String)> {
    // Indicators: 活動指標1 名称 / 単位 / 目標 / 実績 / 現状値.
    for (word, kind) in [
        ("活動指標", IndicatorKind::Activity),
        ("対象指標", IndicatorKind::Target),
        ("成果指標", IndicatorKind::Outcome),
    ] {
        if let Some(at) = key.find(word) {
            let rest = &key[at + word.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let n: u32 = digits.parse().unwrap_or(1);
            let rest = &rest[digits.len()..];
            let part = if contains_any(rest, &["単位"]) {
                "unit"
            } else if contains_any(rest, &["目標"]) {
                "target"
            } else if contains_any(rest, &["現状", "基準", "当初"]) {
                "baseline"
            } else if contains_any(rest, &["実績", "値"]) || (has_year && v.numeric()) {
                "actual"
            } else {
                "name"
            };
            return Some((Target::Indicator { kind, n, part }, 0.9, word.to_owned()));
        }
    }
    // Costs.
    let costs: [(&[&str], &'static str); 10] = [
        (&["国庫"], "national"),
        (
            &[
                "都道府県支出金",
                "県支出金",
                "道支出金",
                "府支出金",
                "都支出金",
            ],
            "prefectural",
        ),
        (&["地方債", "市債", "町債", "村債"], "local_bond"),
        (&["一般財源"], "general"),
        (&["人件費"], "personnel_cost"),
        (&["職員数", "正規職員", "従事職員"], "staff"),
        (&["業務時間", "従事時間"], "work_hours"),
        (&["トータルコスト", "総コスト", "フルコスト"], "full_cost"),
        (&["事業費", "決算額", "予算額"], "project_cost"),
        (&["その他財源", "その他特定財源"], "other"),
    ];
    for (words, field) in costs {
        if let Some(w) = has_any(key, words) {
            let c = if v.filled == 0 || v.numeric() {
                0.9
            } else {
                0.6
            };
            return Some((Target::Cost(field), c, w.to_owned()));
        }
    }
    if key == "その他" && v.numeric() {
        return Some((Target::Cost("other"), 0.7, "その他（数値）".to_owned()));
    }
    // Hierarchy levels.
    for (i, (word, _)) in LEVEL_WORDS.iter().enumerate() {
        if let Some(rest) = key.strip_prefix(word) {
            if contains_any(rest, &["コード", "番号", "No", "NO", "CD", "ID"]) {
                return Some((Target::LevelCode(i), 0.85, (*word).to_owned()));
            }
            if rest.is_empty() || contains_any(rest, &["名"]) {
                return Some((Target::LevelName(i), 0.85, (*word).to_owned()));
            }
        }
    }
    // The measure.
    if contains_any(
        key,
        &[
            "事業コード",
            "事業番号",
            "事業No",
            "事業NO",
            "事業ID",
            "事務事業コード",
            "事務事業番号",
        ],
    ) || matches!(
        key,
        "No" | "NO" | "No." | "番号" | "コード" | "ID" | "通し番号"
    ) {
        let c = if v.all_distinct() { 0.9 } else { 0.6 };
        return Some((Target::Measure("id"), c, key.to_owned()));
    }
    if contains_any(key, &["事業名", "取組名", "事業の名称", "施策事業名"])
        || matches!(key, "事業" | "取組" | "取組内容名" | "事務事業")
    {
        return Some((Target::Measure("name"), 0.95, key.to_owned()));
    }
    if contains_any(
        key,
        &["担当課", "所管課", "課名", "担当部署", "実施課", "担当係"],
    ) || matches!(key, "課" | "担当" | "所管")
    {
        return Some((Target::Measure("division"), 0.9, key.to_owned()));
    }
    if contains_any(key, &["部名", "担当部", "所管部"]) || key == "部" {
        return Some((Target::Measure("department"), 0.9, key.to_owned()));
    }
    if contains_any(key, &["概要", "事業内容", "目的"]) || key == "内容" {
        return Some((Target::Measure("description"), 0.85, key.to_owned()));
    }
    if contains_any(key, &["対象者"]) || key == "対象" {
        return Some((Target::Measure("audience"), 0.85, key.to_owned()));
    }
    if contains_any(key, &["ページ", "頁"]) {
        return Some((Target::Measure("plan_page"), 0.8, key.to_owned()));
    }
    // Records.
    if matches!(key, "年度" | "対象年度" | "実施年度" | "評価年度") {
        let c = if v.share(v.years) >= 0.8 { 0.95 } else { 0.5 };
        return Some((Target::Record("year"), c, key.to_owned()));
    }
    if contains_any(key, &["達成度", "達成率", "進捗率"]) {
        return Some((Target::Record("achievement"), 0.9, key.to_owned()));
    }
    if contains_any(key, &["方向性", "今後の方向", "今後の方針"]) {
        return Some((Target::Record("direction"), 0.9, key.to_owned()));
    }
    if contains_any(key, &["評価区分", "総合評価", "ランク", "評定", "評語"]) {
        return Some((Target::Record("grade"), 0.85, key.to_owned()));
    }
    let grade_like = |k: &String| {
        k.chars().count() <= 2
            && k.chars()
                .all(|c| c.is_ascii_uppercase() || "◎○△×+-".contains(c))
    };
    if key == "評価" && v.filled > 0 && v.distinct.keys().all(grade_like) {
        return Some((Target::Record("grade"), 0.75, "評価（記号）".to_owned()));
    }
    if contains_any(key, &["状態", "取組状況", "進捗状況", "実施状況区分"]) || key == "進捗"
    {
        return Some((Target::Record("status"), 0.85, key.to_owned()));
    }
    if contains_any(key, &["今後の計画", "次年度計画", "次年度の計画", "来年度"])
    {
        return Some((Target::Record("next_plan"), 0.8, key.to_owned()));
    }
    if contains_any(key, &["計画", "予定"]) {
        return Some((Target::Record("plan"), 0.8, key.to_owned()));
    }
    if contains_any(
        key,
        &["実績", "実施状況", "取組内容", "活動内容", "取組状況等"],
    ) {
        return Some((Target::Record("result"), 0.8, key.to_owned()));
    }
    if contains_any(key, &["効果", "成果"]) {
        return Some((Target::Record("effect"), 0.8, key.to_owned()));
    }
    if contains_any(key, &["評価", "課題", "所見", "振り返り"]) {
        return Some((Target::Record("evaluation"), 0.8, key.to_owned()));
    }
    None
}

/// The header row(s): among the first 30 rows, the one with the most cells whose words
/// name a field (then the most text cells), with the row above or below it when that row
/// looks like the other part of a two-row header (merged headings such as 「令和5年度」 over
/// 「計画」「実績」).
fn header_rows(table: &Table) -> Vec<u32> {
    let empty = Values::default();
    let filled = |r: usize| -> Vec<(usize, &str)> {
        table.rows.get(r).map_or_else(Vec::new, |row| {
            row.iter()
                .enumerate()
                .filter(|(_, c)| !c.trim().is_empty())
                .map(|(i, c)| (i, c.as_str()))
                .collect()
        })
    };
    let numeric = |r: usize| {
        filled(r)
            .iter()
            .filter(|(_, c)| parse_number(c).is_some())
            .count()
    };
    let hits = |r: usize| -> usize {
        filled(r)
            .iter()
            .filter(|(_, c)| {
                let (year, key) = super::strip_year(c);
                by_words(&key, year.is_some(), &empty).is_some()
                    || (year.is_some() && key.is_empty())
            })
            .count()
    };
    let limit = table.rows.len().min(30);
    let score = |r: usize| (hits(r), filled(r).len().saturating_sub(numeric(r)));
    let mut best = 0usize;
    for r in 0..limit {
        if score(r) > score(best) {
            best = r;
        }
    }
    let title_like = |r: usize| {
        let cells = filled(r);
        let distinct: std::collections::BTreeSet<&str> = cells.iter().map(|(_, c)| *c).collect();
        distinct.len() <= 1
            && !cells.iter().any(|(i, _)| *i > 0 && distinct.len() > 1)
            && (cells.len() <= 1 || cells.len() * 5 >= filled(best).len() * 4)
    };
    let mut rows = vec![best];
    // The row below: header words only, no numbers.
    let below = best + 1;
    if below < table.rows.len()
        && !filled(below).is_empty()
        && numeric(below) == 0
        && hits(below) * 2 >= filled(below).len()
    {
        rows.push(below);
    } else if best > 0 {
        let above = best - 1;
        let cells = filled(above);
        let header_like = cells.len() >= 2 || cells.iter().any(|(i, _)| *i > 0);
        if header_like && !title_like(above) && numeric(above) == 0 {
            rows.insert(0, above);
        }
    }
    rows.into_iter()
        .map(|r| u32::try_from(r + 1).unwrap_or(u32::MAX))
        .collect()
}

/// Drafts a profile for a file (see the module documentation): TOML text with a comment per
/// column.
pub fn suggest(
    file_name: &str,
    bytes: &[u8],
    options: &SuggestOptions,
) -> Result<String, MappingError> {
    let limits = TableLimits {
        max_bytes: options.max_bytes.unwrap_or(crate::DEFAULT_MAX_BYTES),
        ..TableLimits::default()
    };
    let table = read_table(file_name, bytes, options.sheet.as_deref(), None, &limits)?;
    Ok(suggest_table(file_name, &table))
}

/// [`suggest`] of a table already read.
pub fn suggest_table(file_name: &str, table: &Table) -> String {
    let rows = header_rows(table);
    let headers = Headers::of(table, &rows);
    let last_header = rows.last().copied().unwrap_or(1) as usize;
    let first_data = last_header; // 0-based index of the first data row
    let mut guesses: Vec<Guess> = Vec::new();
    for h in &headers.columns {
        let v = Values::of(table, h.col, first_data);
        let g = match (h.text.is_empty(), by_words(&h.key, h.year.is_some(), &v)) {
            (true, _) => Guess {
                col: h.col,
                target: None,
                confidence: 0.0,
                reason: format!("見出しなし（{}）", v.describe()),
            },
            (false, Some((target, c, word))) => {
                let mut c = c;
                let mut reason = format!("見出しの語「{word}」");
                if target.yearly() && h.year.is_none() {
                    c -= 0.1;
                    reason.push_str("、見出しに年度なし");
                }
                if let Some(y) = h.year {
                    let _ = write!(reason, "、年度 {}", y.display_ja());
                }
                let _ = write!(reason, "; {}", v.describe());
                Guess {
                    col: h.col,
                    target: Some(target),
                    confidence: c,
                    reason,
                }
            }
            (false, None) => Guess {
                col: h.col,
                target: None,
                confidence: 0.0,
                reason: format!("見出しの語に該当なし; {}", v.describe()),
            },
        };
        guesses.push(g);
    }
    // One column per non-yearly target: the most confident (then the first) wins.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..guesses.len() {
        let Some(t) = guesses[i].target.clone() else {
            continue;
        };
        let year = headers.get(guesses[i].col).and_then(|h| h.year);
        let slot = if t.yearly() {
            format!("{}@{year:?}", t.path())
        } else {
            t.path()
        };
        match seen.get(&slot) {
            Some(&j) if guesses[j].confidence >= guesses[i].confidence => {
                let other = col_name(guesses[j].col);
                guesses[i].reason.push_str(&format!(
                    "; 同じ項目 {} に列 {other} が当たったため対応なし",
                    t.path()
                ));
                guesses[i].target = None;
            }
            Some(&j) => {
                guesses[j].target = None;
                seen.insert(slot, i);
            }
            None => {
                seen.insert(slot, i);
            }
        }
    }
    // A name column is required: fall back to the text column with the most distinct values.
    if !guesses
        .iter()
        .any(|g| g.target == Some(Target::Measure("name")))
    {
        let best = guesses
            .iter()
            .enumerate()
            .filter(|(_, g)| g.target.is_none() && !headers.columns[g.col].text.is_empty())
            .map(|(i, g)| (i, Values::of(table, g.col, first_data)))
            .filter(|(_, v)| !v.numeric())
            .max_by_key(|(_, v)| v.distinct.len())
            .map(|(i, _)| i);
        if let Some(i) = best {
            guesses[i].target = Some(Target::Measure("name"));
            guesses[i].confidence = 0.4;
            guesses[i].reason.push_str(
                "; 事業名の列が見つからないため、異なる文字列が最も多い列を仮に選んだ（要確認）",
            );
        }
    }
    let profile = build_profile(file_name, table, &headers, &rows, &guesses);
    render(file_name, table, &headers, &guesses, &profile)
}

fn reference(h: &Header, yearly: bool) -> String {
    if yearly && h.year.is_some() {
        h.key.clone()
    } else {
        h.text.clone()
    }
}

fn build_profile(
    file_name: &str,
    table: &Table,
    headers: &Headers,
    rows: &[u32],
    guesses: &[Guess],
) -> Profile {
    let first_header = rows.first().copied().unwrap_or(1) as usize - 1;
    // A title above the header: the plan's title and municipality.
    let title_text: Option<String> = (0..first_header)
        .flat_map(|r| table.rows.get(r).into_iter().flatten())
        .find(|c| !c.trim().is_empty())
        .map(|c| crate::normalise::collapse_ws(c));
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(s, _)| s)
        .to_owned();
    let title = title_text.clone().unwrap_or(stem);
    let municipality = crate::normalise::municipality_of_title(&title)
        .map_or_else(|| "（自治体名）".to_owned(), str::to_owned);
    let title_year = title_text
        .as_deref()
        .and_then(|t| find_years(t).first().map(|m| m.year));
    let get = |t: &Target| -> Option<String> {
        guesses
            .iter()
            .find(|g| g.target.as_ref() == Some(t))
            .and_then(|g| headers.get(g.col).map(|h| reference(h, t.yearly())))
    };
    let mut levels = Vec::new();
    for (i, (word, kind)) in LEVEL_WORDS.iter().enumerate() {
        let code = get(&Target::LevelCode(i));
        let name = get(&Target::LevelName(i));
        if code.is_some() || name.is_some() {
            levels.push(Level {
                label: (*word).to_owned(),
                kind: *kind,
                code,
                name,
            });
        }
    }
    let m = |f: &'static str| get(&Target::Measure(f));
    let r = |f: &'static str| get(&Target::Record(f));
    let c = |f: &'static str| get(&Target::Cost(f));
    let mut indicators: Vec<IndicatorSpec> = Vec::new();
    let mut keys: Vec<(IndicatorKind, u32)> = guesses
        .iter()
        .filter_map(|g| match g.target {
            Some(Target::Indicator { kind, n, .. }) => Some((kind, n)),
            _ => None,
        })
        .collect();
    keys.sort_by_key(|(k, n)| (k.code(), *n));
    keys.dedup();
    for (kind, n) in keys {
        let part = |p: &'static str| get(&Target::Indicator { kind, n, part: p });
        indicators.push(IndicatorSpec {
            kind,
            label: Some(format!("{}{n}", kind.label_ja())),
            name: part("name"),
            unit: part("unit"),
            baseline: part("baseline"),
            target: part("target"),
            actual: part("actual"),
            polarity: Polarity::HigherIsBetter,
        });
    }
    let vocab = |t: &Target| -> Vec<String> {
        guesses
            .iter()
            .filter(|g| g.target.as_ref() == Some(t))
            .flat_map(|g| {
                Values::of(table, g.col, rows.last().copied().unwrap_or(1) as usize)
                    .distinct
                    .into_keys()
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .take(20)
            .collect()
    };
    let status = vocab(&Target::Record("status"))
        .into_iter()
        .map(|label| StatusTermSpec {
            meaning: guess_status_meaning(&label),
            label,
            code: None,
        })
        .collect();
    let direction = vocab(&Target::Record("direction"))
        .into_iter()
        .map(|label| DirectionTermSpec {
            meaning: guess_direction_meaning(&label),
            label,
        })
        .collect();
    let year_col = r("year");
    let has_division = m("division").is_some();
    let shape = if year_col.is_some() {
        Shape::MeasureYear
    } else if has_division && {
        let key_col = guesses
            .iter()
            .find(|g| g.target == Some(Target::Measure("id")))
            .or_else(|| {
                guesses
                    .iter()
                    .find(|g| g.target == Some(Target::Measure("name")))
            })
            .map(|g| g.col);
        key_col.is_some_and(|col| {
            let v = Values::of(table, col, rows.last().copied().unwrap_or(1) as usize);
            v.distinct.len() < v.filled
        })
    } {
        Shape::MeasureDivision
    } else {
        Shape::Measure
    };
    // Yearly columns without a year in their header need one from the profile.
    let needs_year = shape != Shape::MeasureYear
        && guesses.iter().any(|g| {
            g.target.as_ref().is_some_and(Target::yearly)
                && headers.get(g.col).is_some_and(|h| h.year.is_none())
        });
    let header_max = headers.columns.iter().filter_map(|h| h.year).max();
    let fiscal_year = if needs_year || title_year.is_some() {
        title_year
            .or(header_max)
            .map(|y: FiscalYear| YearSpec::Number(y.0))
    } else {
        None
    };
    Profile {
        version: 1,
        source: Source {
            sheet: table.sheet.clone(),
            header_rows: rows.to_vec(),
            first_data_row: None,
            delimiter: match table.format {
                super::table::TableFormat::Tsv => Some("\t".to_owned()),
                _ => None,
            },
        },
        plan: PlanSpec {
            municipality,
            title,
            kind: None,
            fiscal_year,
        },
        shape,
        levels,
        measure: MeasureSpec {
            id: m("id"),
            name: m("name").unwrap_or_default(),
            department: m("department"),
            division: m("division"),
            description: m("description"),
            audience: m("audience"),
            plan_page: m("plan_page"),
        },
        record: RecordSpec {
            year: year_col,
            plan: r("plan"),
            result: r("result"),
            evaluation: r("evaluation"),
            effect: r("effect"),
            next_plan: r("next_plan"),
            status: r("status"),
            achievement: r("achievement"),
            direction: r("direction"),
            grade: r("grade"),
        },
        costs: CostSpec {
            unit: if headers.columns.iter().any(|h| h.text.contains("千円"))
                || (0..first_header)
                    .flat_map(|r| table.rows.get(r).into_iter().flatten())
                    .any(|c| c.contains("千円"))
            {
                super::profile::AmountUnit::ThousandYen
            } else {
                super::profile::AmountUnit::Yen
            },
            project_cost: c("project_cost"),
            national: c("national"),
            prefectural: c("prefectural"),
            local_bond: c("local_bond"),
            other: c("other"),
            general: c("general"),
            personnel_cost: c("personnel_cost"),
            staff: c("staff"),
            work_hours: c("work_hours"),
            full_cost: c("full_cost"),
        },
        indicators,
        status,
        direction,
        ignore: Vec::new(),
    }
}

fn col_name(col: usize) -> String {
    crate::workbook::layout::column_letters(u32::try_from(col).unwrap_or(u32::MAX))
}

/// The profile as TOML with the column-by-column account as comments.
fn render(
    file_name: &str,
    table: &Table,
    headers: &Headers,
    guesses: &[Guess],
    profile: &Profile,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# shinchoku mapping profile, drafted by `shinchoku mapping suggest` from {}{}.",
        crate::diag::printable(file_name),
        table
            .sheet
            .as_deref()
            .map_or_else(String::new, |s| format!(" (sheet 「{s}」)"))
    );
    let _ = writeln!(
        out,
        "# Check it before importing: lines marked 要確認 have a confidence below 0.7. Fields: docs/mapping.md."
    );
    let mapped = guesses.iter().filter(|g| g.target.is_some()).count();
    let named = headers
        .columns
        .iter()
        .filter(|h| !h.text.is_empty())
        .count();
    let _ = writeln!(
        out,
        "# {mapped} of {named} columns with a header are mapped; the others are imported as extra fields of the records."
    );
    let _ = writeln!(out, "#");
    let _ = writeln!(out, "# column 「header」 → field  (confidence: reason)");
    for g in guesses {
        let Some(h) = headers.get(g.col) else {
            continue;
        };
        if h.text.is_empty() && g.target.is_none() && g.reason.contains("値なし") {
            continue;
        }
        let target = g
            .target
            .as_ref()
            .map_or_else(|| "（対応なし: 追加項目）".to_owned(), Target::path);
        let flag = if g.target.is_some() && g.confidence < 0.7 {
            " 要確認"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "#   {} 「{}」 → {target}  ({:.2}: {}){flag}",
            col_name(g.col),
            crate::diag::printable(&crate::diag::clip(&h.text, 60)),
            g.confidence.max(0.0),
            g.reason
        );
    }
    let _ = writeln!(out);
    let body = profile.to_toml().unwrap_or_default();
    // Each mapped field line gets its columns' confidence as a trailing comment.
    for line in body.lines() {
        let mut comment = String::new();
        if let Some((field, value)) = line.split_once(" = ")
            && value.starts_with('"')
            && !matches!(
                field.trim(),
                "municipality" | "title" | "sheet" | "label" | "kind" | "unit" | "delimiter"
            )
        {
            let reference: String = toml::from_str::<toml::Table>(&format!("v = {value}"))
                .ok()
                .and_then(|t| t.get("v").and_then(|v| v.as_str().map(str::to_owned)))
                .unwrap_or_default();
            let cols = headers.find(&reference);
            let best = guesses
                .iter()
                .filter(|g| cols.contains(&g.col) && g.target.is_some())
                .map(|g| g.confidence)
                .fold(f64::NAN, f64::min);
            if !cols.is_empty() {
                let letters: Vec<String> = cols.iter().take(6).map(|c| col_name(*c)).collect();
                let more = if cols.len() > 6 { "…" } else { "" };
                let _ = write!(
                    comment,
                    "  # {}{more}{}",
                    letters.join(","),
                    if best.is_nan() {
                        String::new()
                    } else if best < 0.7 {
                        format!(" 信頼度 {best:.2} 要確認")
                    } else {
                        format!(" 信頼度 {best:.2}")
                    }
                );
            }
        }
        if line.trim_start().starts_with("municipality")
            && profile.plan.municipality == "（自治体名）"
        {
            comment.push_str("  # 要確認: 表から自治体名が読めませんでした");
        }
        let _ = writeln!(out, "{line}{comment}");
    }
    out
}
