//! The search as it was before posting lists with counts (kept as the test oracle of
//! [`crate::search::BigramIndex`]): every candidate field is scanned, hits are aggregated in a
//! hash map and ranked by a full sort. The new index must give the same total, the same hits
//! in the same order, with the same scores and snippets.

use crate::search::{
    FieldSink, ItemRef, MAX_QUERY_CHARS, Scope, SearchError, SearchHit, SearchIndex, SearchQuery,
    SearchResults, Segment, Snippet, index_plan,
};
use shinchoku_core::{FiscalYear, GroupKey, Plan};
use std::collections::HashMap;

/// An item's summed score and its matching documents (score, doc id).
type Scored = (f64, Vec<(f64, u32)>);

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
pub struct OracleIndex {
    docs: Vec<Doc>,
    postings: HashMap<u64, Vec<u32>>,
}

struct Builder {
    docs: Vec<Doc>,
    /// The plan being indexed: the oracle expands an item's groups to their ancestors itself
    /// (as the index before the group tree stored them).
    plan: Plan,
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

impl FieldSink for Builder {
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
            groups: {
                let mut groups: Vec<GroupKey> = Vec::new();
                for g in &scope.groups {
                    for a in with_ancestors(&self.plan, g) {
                        if !groups.contains(&a) {
                            groups.push(a);
                        }
                    }
                }
                groups
            },
        });
    }
}

impl OracleIndex {
    /// Indexes every text field of every plan.
    pub fn build(plans: &[(i64, Plan)]) -> Self {
        let mut b = Builder {
            docs: Vec::new(),
            plan: Plan::new("", "", shinchoku_core::PlanKind::SuicidePrevention),
        };
        for (id, plan) in plans {
            b.plan = plan.clone();
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
        OracleIndex {
            docs: b.docs,
            postings,
        }
    }

    /// Number of indexed text fields.
    pub fn len(&self) -> usize {
        self.docs.len()
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

impl SearchIndex for OracleIndex {
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
        Ok(SearchResults {
            total,
            hits,
            plans: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::OracleIndex;
    use crate::search::{SearchIndex, SearchQuery, SearchResults};
    use shinchoku_core::{FiscalYear, Plan};
    use std::collections::BTreeSet;

    /// The five seeds, read as `shinchoku import` reads them, with ids 1…
    fn seeds() -> Vec<(i64, Plan)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".txt"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        assert_eq!(names.len(), 5, "five seeds expected in samples/");
        let mut plans = Vec::new();
        for name in names {
            let bytes = std::fs::read(format!("{dir}/{name}")).unwrap_or_default();
            match shinchoku_ingest::read_document(&name, &bytes) {
                Ok(import) => plans.extend(import.plans),
                Err(e) => panic!("seed {name}: {e}"),
            }
        }
        plans
            .into_iter()
            .enumerate()
            .map(|(i, p)| (i as i64 + 1, p))
            .collect()
    }

    /// Fixed queries (1 and 2 characters, longer, several terms, full-width, misses) plus
    /// the first 1, 2 and 3 characters and the whole of every measure and group name.
    fn queries(plans: &[(i64, Plan)]) -> Vec<String> {
        let mut q: BTreeSet<String> = [
            "相談",
            "高齢",
            "支援",
            "自殺",
            "対策",
            "研修",
            "啓発",
            "地域",
            "事業",
            "計画",
            "相",
            "談",
            "者",
            "の",
            "市",
            "年",
            "1",
            "a",
            "dv",
            "ＤＶ",
            "相談 支援",
            "自殺 対策 研修",
            "相談　窓口",
            "高齢者",
            "ゲートキーパー",
            "こころの健康",
            "該当なし語",
            "ωψ",
            "相談 相談",
            "談相",
            "。",
            "、",
            "（",
            "実施 の",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        for (_, p) in plans {
            let names = p
                .measures
                .iter()
                .map(|m| m.name.as_str())
                .chain(p.groups.iter().map(|g| g.title.as_str()));
            for name in names {
                let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
                for n in [1, 2, 3] {
                    if chars.len() >= n {
                        q.insert(chars[..n].iter().collect());
                    }
                }
                if chars.len() <= crate::search::MAX_QUERY_CHARS {
                    q.insert(chars.iter().collect());
                }
            }
        }
        q.into_iter().collect()
    }

    fn run(index: &dyn SearchIndex, q: &SearchQuery) -> SearchResults {
        match index.search(q) {
            Ok(r) => r,
            Err(e) => panic!("{q:?}: {e}"),
        }
    }

    #[test]
    fn new_index_gives_the_old_results_on_the_seeds() {
        let plans = seeds();
        let old = OracleIndex::build(&plans);
        // The catalog's search: one shard per plan, merged.
        let new = crate::search::ShardedIndex::build(&plans);
        assert_eq!(old.len(), new.len(), "same fields indexed");
        let queries = queries(&plans);
        assert!(queries.len() > 300, "{} queries", queries.len());
        let mut with_hits = 0;
        for text in &queries {
            for limit in [0, 1, 20, 100] {
                let q = SearchQuery {
                    text: text.clone(),
                    limit,
                    ..SearchQuery::default()
                };
                let (a, b) = (run(&old, &q), run(&new, &q));
                assert_eq!(a.total, b.total, "total of {q:?}");
                assert_eq!(a.hits, b.hits, "hits of {q:?}");
            }
            let all = SearchQuery {
                text: text.clone(),
                limit: usize::MAX / 2,
                ..SearchQuery::default()
            };
            let everything = run(&old, &all);
            if everything.total > 0 {
                with_hits += 1;
            }
            // Pages of 7 put together are the old ranking.
            let mut paged = Vec::new();
            for page in 0..(everything.total.div_ceil(7)).min(6) {
                let q = SearchQuery {
                    limit: 7,
                    offset: page * 7,
                    ..all.clone()
                };
                paged.extend(run(&new, &q).hits);
            }
            let n = paged.len();
            assert_eq!(paged, everything.hits[..n], "pages of {text}");
            // Hits per plan: as many as the old ranking lists for each plan, most first.
            let mut per_plan: Vec<(i64, usize)> = Vec::new();
            for (id, _) in &plans {
                let n = everything.hits.iter().filter(|h| h.plan_id == *id).count();
                if n > 0 {
                    per_plan.push((*id, n));
                }
            }
            per_plan.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            assert_eq!(run(&new, &all).plans, per_plan, "plans of {text}");
        }
        assert!(with_hits > 300, "{with_hits} queries with hits");
    }

    #[test]
    fn filters_give_the_old_results_on_the_seeds() {
        let plans = seeds();
        let old = OracleIndex::build(&plans);
        // The catalog's search: one shard per plan, merged.
        let new = crate::search::ShardedIndex::build(&plans);
        let mut divisions: BTreeSet<String> = BTreeSet::new();
        let mut statuses: BTreeSet<String> = BTreeSet::new();
        let mut groups: BTreeSet<String> = BTreeSet::new();
        let mut years: BTreeSet<FiscalYear> = BTreeSet::new();
        for (_, p) in &plans {
            divisions.extend(p.divisions.iter().map(|d| d.name.clone()));
            statuses.extend(
                p.records
                    .iter()
                    .filter_map(|r| r.status.as_ref().map(|s| s.label.clone())),
            );
            statuses.extend(
                p.records
                    .iter()
                    .filter_map(|r| r.status.as_ref().and_then(|s| s.code.clone())),
            );
            groups.extend(p.groups.iter().map(|g| g.key.0.clone()));
            years.extend(p.fiscal_years.iter().copied());
        }
        assert!(!divisions.is_empty() && !statuses.is_empty() && !groups.is_empty());
        let base = |text: &str| SearchQuery {
            text: text.into(),
            limit: 100,
            ..SearchQuery::default()
        };
        let mut filtered: Vec<SearchQuery> = Vec::new();
        for text in ["相談", "事業", "の", "支援 実施", "市"] {
            for (id, _) in &plans {
                filtered.push(SearchQuery {
                    plan: Some(*id),
                    ..base(text)
                });
            }
            filtered.push(SearchQuery {
                plan: Some(12345),
                ..base(text)
            });
            for y in &years {
                filtered.push(SearchQuery {
                    year: Some(*y),
                    ..base(text)
                });
            }
            for d in &divisions {
                filtered.push(SearchQuery {
                    division: Some(format!(" {d} ")),
                    ..base(text)
                });
            }
            for s in &statuses {
                filtered.push(SearchQuery {
                    status: Some(s.clone()),
                    ..base(text)
                });
            }
            for g in &groups {
                filtered.push(SearchQuery {
                    group: Some(g.clone()),
                    year: years.iter().next().copied(),
                    ..base(text)
                });
            }
            filtered.push(SearchQuery {
                division: Some("存在しない課".into()),
                ..base(text)
            });
        }
        let mut non_empty = 0;
        for q in &filtered {
            let (a, b) = (run(&old, q), run(&new, q));
            assert_eq!(a.total, b.total, "total of {q:?}");
            assert_eq!(a.hits, b.hits, "hits of {q:?}");
            if a.total > 0 {
                non_empty += 1;
            }
        }
        assert!(non_empty > 50, "{non_empty} filtered queries with hits");
    }
}
