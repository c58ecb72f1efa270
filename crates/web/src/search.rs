//! Full-text search over every text field of every plan and year.
//!
//! [`SearchIndex`] is the seam: the web app only talks to the trait. [`BigramIndex`] is the
//! in-memory implementation: Japanese has no spaces between words, so text is indexed as
//! overlapping character bigrams (「高齢者」 → 「高齢」「齢者」). A 2-character query is one
//! posting-list lookup; a longer query intersects the posting lists of all its bigrams and is
//! then phrase-checked against the text; a 1-character query scans. Hits are ranked by field
//! weight (name > description > texts) × term frequency.

use shinchoku_core::{FiscalYear, GroupKey, IndicatorKey, MeasureKey, Plan};
use std::collections::{BTreeSet, HashMap};

/// What a search asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub plan: Option<i64>,
    pub year: Option<FiscalYear>,
    /// A division name (any of its names over the years).
    pub division: Option<String>,
    /// A status label or code (「実施済」「ア」).
    pub status: Option<String>,
    /// A group key; matches items listed under the group or any of its descendants.
    pub group: Option<String>,
    pub limit: usize,
}

/// The page a hit leads to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "type", content = "key", rename_all = "snake_case")]
pub enum ItemRef {
    Plan,
    Group(GroupKey),
    Measure(MeasureKey),
    Indicator(IndicatorKey),
}

/// A piece of a snippet; `mark` pieces are the matched text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    pub text: String,
    pub mark: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The field the snippet comes from (「事業名」「令和4年度 実施状況」).
    pub field: String,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    pub plan_id: i64,
    pub item: ItemRef,
    /// The item's title (measure name, indicator name …).
    pub title: String,
    pub score: f64,
    pub snippets: Vec<Snippet>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// Number of matching items before `limit`.
    pub total: usize,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SearchError {
    #[error("検索語が空です")]
    EmptyQuery,
    #[error("検索語が長すぎます（{0}文字まで）")]
    TooLong(usize),
}

/// An item's summed score and its matching documents (score, doc id).
type Scored = (f64, Vec<(f64, u32)>);

/// The maximum query length in characters.
pub const MAX_QUERY_CHARS: usize = 100;

/// A ranked full-text search over the catalog's plans.
pub trait SearchIndex: Send + Sync {
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError>;
}

/// Folds full-width ASCII to half-width and ASCII to lower case, one char for one char, so
/// that positions in the folded text are positions in the original.
fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

fn folded(text: &str) -> Vec<char> {
    text.chars().map(fold).collect()
}

fn bigram_key(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}

fn indexable(c: char) -> bool {
    !c.is_whitespace()
}

/// One indexed text field.
struct Doc {
    plan_id: i64,
    item: ItemRef,
    title: String,
    field: String,
    weight: f64,
    chars: Vec<char>,
    folded: Vec<char>,
    years: Vec<FiscalYear>,
    divisions: Vec<String>,
    statuses: Vec<String>,
    groups: Vec<GroupKey>,
}

/// The in-memory bigram inverted index.
pub struct BigramIndex {
    docs: Vec<Doc>,
    postings: HashMap<u64, Vec<u32>>,
}

const W_NAME: f64 = 3.0;
const W_DESCRIPTION: f64 = 2.0;
const W_TEXT: f64 = 1.0;

struct Builder {
    docs: Vec<Doc>,
}

struct Scope {
    plan_id: i64,
    item: ItemRef,
    title: String,
    years: Vec<FiscalYear>,
    divisions: Vec<String>,
    statuses: Vec<String>,
    groups: Vec<GroupKey>,
}

impl Builder {
    fn add(&mut self, scope: &Scope, field: impl Into<String>, weight: f64, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.docs.push(Doc {
            plan_id: scope.plan_id,
            item: scope.item.clone(),
            title: scope.title.clone(),
            field: field.into(),
            weight,
            chars: text.chars().collect(),
            folded: folded(text),
            years: scope.years.clone(),
            divisions: scope.divisions.clone(),
            statuses: scope.statuses.clone(),
            groups: scope.groups.clone(),
        });
    }
}

/// The group and all its ancestors.
fn with_ancestors(plan: &Plan, key: &GroupKey) -> Vec<GroupKey> {
    let mut out = Vec::new();
    let mut current = Some(key.clone());
    while let Some(k) = current {
        if out.contains(&k) {
            break;
        }
        current = plan.group(&k).and_then(|g| g.parent.clone());
        out.push(k);
    }
    out
}

impl BigramIndex {
    /// Indexes every text field of every plan.
    pub fn build(plans: &[(i64, Plan)]) -> Self {
        let mut b = Builder { docs: Vec::new() };
        for (id, plan) in plans {
            index_plan(&mut b, *id, plan);
        }
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        for (n, doc) in b.docs.iter().enumerate() {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            for w in doc.folded.windows(2) {
                if let [a, c] = w
                    && indexable(*a)
                    && indexable(*c)
                {
                    let list = postings.entry(bigram_key(*a, *c)).or_default();
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                }
            }
        }
        BigramIndex {
            docs: b.docs,
            postings,
        }
    }

    /// Number of indexed text fields.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Candidate documents containing every bigram of every term (all documents for
    /// one-character terms, which are checked by the phrase scan).
    fn candidates(&self, terms: &[Vec<char>]) -> Vec<u32> {
        let mut lists: Vec<&Vec<u32>> = Vec::new();
        let empty = Vec::new();
        for term in terms {
            for w in term.windows(2) {
                if let [a, c] = w {
                    lists.push(self.postings.get(&bigram_key(*a, *c)).unwrap_or(&empty));
                }
            }
        }
        if lists.is_empty() {
            return (0..u32::try_from(self.docs.len()).unwrap_or(u32::MAX)).collect();
        }
        lists.sort_by_key(|l| l.len());
        lists.dedup_by(|a, b| std::ptr::eq(*a, *b));
        let mut result: Vec<u32> = lists[0].clone();
        for list in &lists[1..] {
            if list.len() / 8 > result.len() {
                // A few candidates against a long list: binary search.
                result.retain(|d| list.binary_search(d).is_ok());
            } else {
                // Lists of similar length: one linear merge.
                let mut j = 0;
                result.retain(|d| {
                    while list.get(j).is_some_and(|x| x < d) {
                        j += 1;
                    }
                    list.get(j) == Some(d)
                });
            }
            if result.is_empty() {
                break;
            }
        }
        result
    }
}

/// Number of non-overlapping occurrences (as [`count_occurrences`] finds them), without
/// collecting their positions.
fn count_matches(hay: &[char], needle: &[char]) -> usize {
    let Some((&first, _)) = needle.split_first() else {
        return 0;
    };
    if hay.len() < needle.len() {
        return 0;
    }
    let mut n = 0;
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i] == first && hay[i..i + needle.len()] == *needle {
            n += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    n
}

fn count_occurrences(hay: &[char], needle: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || hay.len() < needle.len() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == *needle {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// A snippet of about 40 characters either side of the first match, with every match of any
/// term marked.
fn snippet(doc: &Doc, terms: &[Vec<char>]) -> Snippet {
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for t in terms {
        for start in count_occurrences(&doc.folded, t) {
            marks.push((start, start + t.len()));
        }
    }
    marks.sort();
    // Merge overlaps.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in marks {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let first = merged.first().map_or(0, |m| m.0);
    const CONTEXT: usize = 40;
    let from = first.saturating_sub(CONTEXT);
    let to = (first + CONTEXT * 2).min(doc.chars.len());
    let mut segments = Vec::new();
    let mut pos = from;
    let text = |a: usize, b: usize| doc.chars[a..b].iter().collect::<String>();
    if from > 0 {
        segments.push(Segment {
            text: "…".into(),
            mark: false,
        });
    }
    for (s, e) in merged {
        if e <= from || s >= to {
            continue;
        }
        let s = s.max(from);
        let e = e.min(to);
        if s > pos {
            segments.push(Segment {
                text: text(pos, s),
                mark: false,
            });
        }
        segments.push(Segment {
            text: text(s, e),
            mark: true,
        });
        pos = e;
    }
    if pos < to {
        segments.push(Segment {
            text: text(pos, to),
            mark: false,
        });
    }
    if to < doc.chars.len() {
        segments.push(Segment {
            text: "…".into(),
            mark: false,
        });
    }
    Snippet {
        field: doc.field.clone(),
        segments,
    }
}

impl SearchIndex for BigramIndex {
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let text = query.text.trim();
        if text.is_empty() {
            return Err(SearchError::EmptyQuery);
        }
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong(MAX_QUERY_CHARS));
        }
        let terms: Vec<Vec<char>> = text
            .split(|c: char| c.is_whitespace())
            .filter(|t| !t.is_empty())
            .map(folded)
            .collect();
        let division = query
            .division
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let status = query
            .status
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let group = query
            .group
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        // Aggregate per (plan, item): summed score, best snippets first. Keys borrow the
        // documents' item refs: no clone per matching document.
        let mut items: HashMap<(i64, &ItemRef), Scored> = HashMap::new();
        for d in self.candidates(&terms) {
            let Some(doc) = self.docs.get(d as usize) else {
                continue;
            };
            if query.plan.is_some_and(|p| p != doc.plan_id)
                || query.year.is_some_and(|y| !doc.years.contains(&y))
                || division.is_some_and(|v| !doc.divisions.iter().any(|x| x == v))
                || status.is_some_and(|v| !doc.statuses.iter().any(|x| x == v))
                || group.is_some_and(|v| !doc.groups.iter().any(|g| g.as_str() == v))
            {
                continue;
            }
            let mut tf = 0usize;
            let mut all = true;
            for t in &terms {
                let n = count_matches(&doc.folded, t);
                if n == 0 {
                    all = false;
                    break;
                }
                tf += n;
            }
            if !all {
                continue;
            }
            // Term frequency dampened, normalised a little by length so that a short name
            // that is the query outranks a long text that mentions it once.
            let len_norm = 1.0 + (doc.folded.len() as f64 / 200.0);
            let score = doc.weight * (1.0 + (tf as f64).ln()) / len_norm.sqrt();
            let entry = items
                .entry((doc.plan_id, &doc.item))
                .or_insert((0.0, Vec::new()));
            entry.0 += score;
            entry.1.push((score, d));
        }
        let mut ranked: Vec<((i64, &ItemRef), Scored)> = items.into_iter().collect();
        // Documents are visited in ascending id order, so each item's first document is its
        // smallest: the order below is total, and selecting the top `limit` before sorting
        // gives the same hits as sorting everything.
        let order = |a: &((i64, &ItemRef), Scored), b: &((i64, &ItemRef), Scored)| {
            b.1.0
                .total_cmp(&a.1.0)
                .then_with(|| a.0.0.cmp(&b.0.0))
                .then_with(|| a.1.1.first().map(|x| x.1).cmp(&b.1.1.first().map(|x| x.1)))
        };
        let total = ranked.len();
        let limit = if query.limit == 0 { 50 } else { query.limit };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_by(order);
        let hits = ranked
            .into_iter()
            .filter_map(|((plan_id, item), (score, mut docs))| {
                docs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                let first = self.docs.get(docs.first()?.1 as usize)?;
                let snippets = docs
                    .iter()
                    .take(3)
                    .filter_map(|(_, d)| self.docs.get(*d as usize))
                    .map(|doc| snippet(doc, &terms))
                    .collect();
                Some(SearchHit {
                    plan_id,
                    item: item.clone(),
                    title: first.title.clone(),
                    score: (score * 1000.0).round() / 1000.0,
                    snippets,
                })
            })
            .collect();
        Ok(SearchResults { total, hits })
    }
}

fn index_plan(b: &mut Builder, id: i64, plan: &Plan) {
    let all_years: Vec<FiscalYear> = plan.fiscal_years.clone();
    let plan_scope = Scope {
        plan_id: id,
        item: ItemRef::Plan,
        title: plan.title.clone(),
        years: all_years.clone(),
        divisions: vec![],
        statuses: vec![],
        groups: vec![],
    };
    b.add(&plan_scope, "計画名", W_NAME, &plan.title);
    if let Some(p) = &plan.philosophy {
        b.add(&plan_scope, "基本理念", W_DESCRIPTION, p);
    }
    for n in &plan.narratives {
        b.add(&plan_scope, n.title.clone(), W_TEXT, &n.text);
    }
    for g in &plan.groups {
        let scope = Scope {
            plan_id: id,
            item: ItemRef::Group(g.key.clone()),
            title: g.title.clone(),
            years: all_years.clone(),
            divisions: vec![],
            statuses: vec![],
            groups: with_ancestors(plan, &g.key),
        };
        b.add(&scope, g.label.clone(), W_NAME, &g.title);
        for r in plan.ratings.iter().filter(|r| r.group == g.key) {
            let s = Scope {
                years: vec![r.fiscal_year],
                ..scope_clone(&scope)
            };
            if let Some(reason) = &r.reason {
                b.add(
                    &s,
                    format!("{} 評価の理由", r.fiscal_year.wareki()),
                    W_TEXT,
                    reason,
                );
            }
        }
        for o in plan
            .outlooks
            .iter()
            .filter(|o| o.group.as_ref() == Some(&g.key))
        {
            let s = Scope {
                years: vec![o.fiscal_year],
                ..scope_clone(&scope)
            };
            b.add(
                &s,
                format!("{} 今後の取組と課題", o.fiscal_year.wareki()),
                W_TEXT,
                &o.text,
            );
        }
    }
    for o in plan.outlooks.iter().filter(|o| o.group.is_none()) {
        let s = Scope {
            years: vec![o.fiscal_year],
            ..scope_clone(&plan_scope)
        };
        b.add(
            &s,
            format!("{} 今後の取組と課題", o.fiscal_year.wareki()),
            W_TEXT,
            &o.text,
        );
    }
    for m in &plan.measures {
        let records: Vec<_> = plan.records.iter().filter(|r| r.measure == m.key).collect();
        let mut groups: Vec<GroupKey> = Vec::new();
        for l in plan.listings.iter().filter(|l| l.measure == m.key) {
            for g in with_ancestors(plan, &l.group) {
                if !groups.contains(&g) {
                    groups.push(g);
                }
            }
        }
        let division_names = |keys: &mut dyn Iterator<Item = &shinchoku_core::DivisionKey>| {
            let mut names = BTreeSet::new();
            for k in keys {
                if let Some(d) = plan.division(k) {
                    names.insert(d.name.clone());
                    for r in &d.renames {
                        names.insert(r.name.clone());
                    }
                } else {
                    names.insert(k.0.clone());
                }
            }
            names.into_iter().collect::<Vec<_>>()
        };
        let all_divisions = division_names(
            &mut plan
                .assignments
                .iter()
                .filter(|a| a.measure == m.key)
                .map(|a| &a.division)
                .chain(records.iter().filter_map(|r| r.division.as_ref())),
        );
        let status_names = |r: &shinchoku_core::ProgressRecord| {
            let mut v = Vec::new();
            if let Some(s) = &r.status {
                v.push(s.label.clone());
                if let Some(c) = &s.code {
                    v.push(c.clone());
                }
            }
            v
        };
        let years: BTreeSet<FiscalYear> = records.iter().map(|r| r.fiscal_year).collect();
        let scope = Scope {
            plan_id: id,
            item: ItemRef::Measure(m.key.clone()),
            title: m.name.clone(),
            years: years.into_iter().collect(),
            divisions: all_divisions,
            statuses: records.iter().flat_map(|r| status_names(r)).collect(),
            groups: groups.clone(),
        };
        b.add(&scope, "事業名", W_NAME, &m.name);
        if let Some(t) = &m.description {
            b.add(&scope, "事業概要", W_DESCRIPTION, t);
        }
        if let Some(t) = &m.audience {
            b.add(&scope, "対象者", W_DESCRIPTION, t);
        }
        for r in &records {
            let s = Scope {
                years: vec![r.fiscal_year],
                divisions: match &r.division {
                    Some(d) => division_names(&mut std::iter::once(d)),
                    None => scope.divisions.clone(),
                },
                statuses: status_names(r),
                ..scope_clone(&scope)
            };
            let y = r.fiscal_year.wareki();
            let fields = [
                ("実施計画", &r.plan_text),
                ("実施状況", &r.result_text),
                ("評価", &r.evaluation_text),
                ("効果", &r.effect_text),
            ];
            for (label, text) in fields {
                if let Some(t) = text {
                    b.add(&s, format!("{y} {label}"), W_TEXT, t);
                }
            }
            for c in &r.costs {
                b.add(&s, format!("{y} 経費"), W_TEXT, &c.original);
            }
            for o in &r.outputs {
                b.add(&s, format!("{y} 実績"), W_TEXT, &o.original);
            }
            for e in &r.extra {
                b.add(&s, format!("{y} {}", e.label), W_TEXT, &e.text);
            }
        }
    }
    for i in &plan.indicators {
        let years: BTreeSet<FiscalYear> = i
            .targets
            .iter()
            .chain(&i.actuals)
            .filter_map(|o| o.fiscal_year)
            .chain(i.activities.iter().map(|a| a.fiscal_year))
            .collect();
        let scope = Scope {
            plan_id: id,
            item: ItemRef::Indicator(i.key.clone()),
            title: i.name.clone(),
            years: years.into_iter().collect(),
            divisions: vec![],
            statuses: vec![],
            groups: i
                .group
                .as_ref()
                .map(|g| with_ancestors(plan, g))
                .unwrap_or_default(),
        };
        b.add(&scope, "成果指標", W_NAME, &i.name);
        for a in &i.activities {
            let s = Scope {
                years: vec![a.fiscal_year],
                ..scope_clone(&scope)
            };
            b.add(
                &s,
                format!("{} 取組内容", a.fiscal_year.wareki()),
                W_TEXT,
                &a.text,
            );
        }
    }
}

fn scope_clone(s: &Scope) -> Scope {
    Scope {
        plan_id: s.plan_id,
        item: s.item.clone(),
        title: s.title.clone(),
        years: s.years.clone(),
        divisions: s.divisions.clone(),
        statuses: s.statuses.clone(),
        groups: s.groups.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::{Location, Measure, PlanKind};

    fn plan(names: &[&str]) -> Plan {
        let mut p = Plan::new("市", "計画", PlanKind::SuicidePrevention);
        for (n, name) in names.iter().enumerate() {
            p.measures.push(Measure {
                key: MeasureKey::new(n.to_string()),
                number: None,
                name: (*name).into(),
                description: Some(format!("{name}の説明です。相談を受けます。")),
                audience: None,
                plan_page: None,
                location: Location::default(),
            });
        }
        p
    }

    fn q(text: &str) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        }
    }

    #[test]
    fn two_character_queries_and_phrases() {
        let idx = BigramIndex::build(&[(1, plan(&["高齢者相談", "こころの健康相談", "研修"]))]);
        let r = idx.search(&q("相談")).unwrap_or(SearchResults {
            total: 0,
            hits: vec![],
        });
        assert_eq!(r.total, 3);
        // The measures with 相談 in the name rank above the one with it only in the text.
        assert_ne!(r.hits[2].title, "高齢者相談");
        let r = idx.search(&q("高齢者相談")).unwrap_or(SearchResults {
            total: 0,
            hits: vec![],
        });
        assert_eq!(r.total, 1);
        assert!(
            r.hits[0].snippets[0]
                .segments
                .iter()
                .any(|s| s.mark && s.text == "高齢者相談")
        );
        // Bigrams present but not as a phrase.
        let r = idx.search(&q("相談高齢")).unwrap_or(SearchResults {
            total: 0,
            hits: vec![],
        });
        assert_eq!(r.total, 0);
    }

    #[test]
    fn full_width_and_single_chars() {
        let idx = BigramIndex::build(&[(1, plan(&["ＤＶ相談", "研修"]))]);
        let r = idx.search(&q("dv")).unwrap_or(SearchResults {
            total: 0,
            hits: vec![],
        });
        assert_eq!(r.total, 1);
        let r = idx.search(&q("修")).unwrap_or(SearchResults {
            total: 0,
            hits: vec![],
        });
        assert_eq!(r.total, 1);
        assert_eq!(idx.search(&q("  ")), Err(SearchError::EmptyQuery));
    }
}
