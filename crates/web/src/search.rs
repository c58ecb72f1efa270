//! Full-text search over every text field of every plan and year.
//!
//! [`SearchIndex`] is the seam: the web app only talks to the trait. [`BigramIndex`] is the
//! in-memory implementation: Japanese has no spaces between words, so text is indexed as
//! overlapping character bigrams (「高齢者」 → 「高齢」「齢者」), plus single characters.
//!
//! Built once per plan (a shard; [`search_shards`] runs a query over the shards and merges
//! them): every text field is a document with its item, its filter values as small interned
//! ids, and its length norm; every bigram and every character has a posting
//! list of (document, number of non-overlapping occurrences), ascending. A query of 1- and
//! 2-character terms is answered from the posting lists alone (the counts are the term
//! frequencies); a longer term intersects the lists of its bigrams and is counted in the text
//! of the remaining candidates only. Lists are intersected smallest first (galloping), hits
//! are summed per item in a reused dense table, the top `offset + limit` items are selected,
//! and only the shown hits get their matching fields re-scored and their snippets cut.
//! Hits are ranked by field weight (name > description > texts) × term frequency.

use crate::tree::GroupTree;
use shinchoku_core::{FiscalYear, GroupKey, IndicatorKey, MeasureKey, Plan};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// What a search asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub plan: Option<i64>,
    /// Part of a municipality's name (「川口」): only plans of matching municipalities.
    pub municipality: Option<String>,
    pub year: Option<FiscalYear>,
    /// A division name (any of its names over the years).
    pub division: Option<String>,
    /// A status label or code (「実施済」「ア」).
    pub status: Option<String>,
    /// A group key; matches items listed under the group or any of its descendants.
    pub group: Option<String>,
    /// Hits to return (0: 50).
    pub limit: usize,
    /// Ranked hits to skip first (paging).
    pub offset: usize,
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

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// Number of matching items before `offset` and `limit`.
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// Every plan with matching items: (plan id, matching items), most first, then by plan
    /// order.
    #[serde(skip)]
    pub plans: Vec<(i64, usize)>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SearchError {
    #[error("検索語が空です")]
    EmptyQuery,
    #[error("検索語が長すぎます（{0}文字まで）")]
    TooLong(usize),
}

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

/// A single character's key: above every bigram key's high half (chars are < 2^21).
fn unigram_key(a: char) -> u64 {
    (1 << 63) | u64::from(a as u32)
}

fn indexable(c: char) -> bool {
    !c.is_whitespace()
}

/// One indexed text field as the plan walk produces it.
struct RawDoc {
    plan_id: i64,
    item: ItemRef,
    title: String,
    field: String,
    weight: f64,
    text: String,
    years: Vec<FiscalYear>,
    divisions: Vec<String>,
    statuses: Vec<String>,
    groups: Vec<GroupKey>,
}

/// One indexed text field (its item, plan, weight and length norm are in [`Hot`]).
struct Doc {
    title: String,
    field: String,
    chars: Vec<char>,
    folded: Vec<char>,
    years: Vec<FiscalYear>,
    /// Interned ids (see [`Interner`]).
    divisions: Vec<u32>,
    statuses: Vec<u32>,
    groups: Vec<u32>,
}

/// What the ranking loop reads of a document, kept apart from the rest (which it reads only
/// when a per-field filter is set or a long term is counted): dense and in document order.
#[derive(Clone, Copy)]
struct Hot {
    /// Index into [`BigramIndex::items`].
    item: u32,
    /// Index into [`BigramIndex::plans`].
    plan: u32,
    weight: f64,
    /// `sqrt(1 + length / 200)`: the length norm of the score.
    len_norm: f64,
}

/// An item a hit leads to: a (plan, item) pair and its documents, ascending.
struct Item {
    plan_id: i64,
    plan: u32,
    item: ItemRef,
    docs: Vec<u32>,
}

/// A posting: a document and the number of non-overlapping occurrences of the term in it.
#[derive(Clone, Copy)]
struct Posting {
    doc: u32,
    count: u32,
}

/// Strings of one filter, as dense ids.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(id) = self.ids.get(s) {
            return *id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(s.to_owned(), id);
        id
    }

    fn ids<'a>(&mut self, values: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
        values.into_iter().map(|s| self.id(s)).collect()
    }
}

/// The in-memory bigram inverted index.
pub struct BigramIndex {
    docs: Vec<Doc>,
    hot: Vec<Hot>,
    items: Vec<Item>,
    /// Plans in catalog order: (id, folded municipality name).
    plans: Vec<(i64, Vec<char>)>,
    postings: KeyMap<Vec<Posting>>,
    divisions: Interner,
    statuses: Interner,
    groups: Interner,
    /// Per plan (by plan index): interned group id → (position, subtree end) in the plan's
    /// depth-first group order ([`GroupTree`]): the group filter is a range check, so a
    /// document stores only the groups it is listed under, not all their ancestors.
    spans: Vec<HashMap<u32, (u32, u32)>>,
}

const W_NAME: f64 = 3.0;
const W_DESCRIPTION: f64 = 2.0;
const W_TEXT: f64 = 1.0;

struct Builder {
    docs: Vec<RawDoc>,
}

/// What a text field belongs to: the item and the filters it answers to.
#[derive(Clone)]
pub(crate) struct Scope {
    pub(crate) plan_id: i64,
    pub(crate) item: ItemRef,
    pub(crate) title: String,
    pub(crate) years: Vec<FiscalYear>,
    pub(crate) divisions: Vec<String>,
    pub(crate) statuses: Vec<String>,
    pub(crate) groups: Vec<GroupKey>,
}

/// Where [`index_plan`] puts a plan's text fields: this index's builder, and the old
/// implementation kept as a test oracle, index exactly the same fields.
pub(crate) trait FieldSink {
    /// One text field (skipped when blank) of `scope` under the heading `field`.
    fn add(&mut self, scope: &Scope, field: impl Into<String>, weight: f64, text: &str);
}

impl FieldSink for Builder {
    fn add(&mut self, scope: &Scope, field: impl Into<String>, weight: f64, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.docs.push(RawDoc {
            plan_id: scope.plan_id,
            item: scope.item.clone(),
            title: scope.title.clone(),
            field: field.into(),
            weight,
            text: text.to_owned(),
            years: scope.years.clone(),
            divisions: scope.divisions.clone(),
            statuses: scope.statuses.clone(),
            groups: scope.groups.clone(),
        });
    }
}

/// A hasher for the index's u64 keys: the key itself, mixed (splitmix64's finaliser). The
/// keys are not chosen by an attacker in a way that matters (a query looks up a handful), and
/// building the index hashes every character of the catalog twice.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Every term's non-overlapping occurrence count in a text, as [`count_matches`] counts them,
/// for every bigram and every single character. `counts` is a reused table: key → (count,
/// first position a new occurrence may start at); a greedy left-to-right pass as in
/// [`count_matches`].
fn term_counts(folded: &[char], counts: &mut KeyMap<(u32, u32)>) {
    counts.clear();
    let mut add = |key: u64, pos: u32, len: u32| {
        let e = counts.entry(key).or_insert((0, 0));
        if pos >= e.1 {
            e.0 += 1;
            e.1 = pos + len;
        }
    };
    for (i, &c) in folded.iter().enumerate() {
        if !indexable(c) {
            continue;
        }
        let pos = u32::try_from(i).unwrap_or(u32::MAX);
        add(unigram_key(c), pos, 1);
        if let Some(&next) = folded.get(i + 1)
            && indexable(next)
        {
            add(bigram_key(c, next), pos, 2);
        }
    }
}

impl BigramIndex {
    /// Indexes every text field of every plan.
    pub fn build(plans: &[(i64, Plan)]) -> Self {
        let refs: Vec<(i64, &Plan)> = plans.iter().map(|(id, p)| (*id, p)).collect();
        BigramIndex::build_refs(&refs)
    }

    /// The index of one plan: a shard of the catalog's search.
    pub fn build_one(id: i64, plan: &Plan) -> Self {
        BigramIndex::build_refs(&[(id, plan)])
    }

    fn build_refs(plans: &[(i64, &Plan)]) -> Self {
        let mut b = Builder { docs: Vec::new() };
        for (id, plan) in plans {
            index_plan(&mut b, *id, plan);
        }
        let mut plan_index: HashMap<i64, u32> = HashMap::new();
        let mut plan_list: Vec<(i64, Vec<char>)> = Vec::new();
        let mut groups = Interner::default();
        let mut spans: Vec<HashMap<u32, (u32, u32)>> = Vec::new();
        for (id, plan) in plans {
            plan_index.entry(*id).or_insert_with(|| {
                plan_list.push((*id, folded(&plan.municipality.name)));
                let tree = GroupTree::new(plan);
                spans.push(
                    tree.order()
                        .iter()
                        .filter_map(|(_, i)| {
                            let key = &plan.groups.get(*i)?.key;
                            Some((groups.id(key.as_str()), tree.span(key)?))
                        })
                        .collect(),
                );
                u32::try_from(plan_list.len() - 1).unwrap_or(u32::MAX)
            });
        }
        let mut divisions = Interner::default();
        let mut statuses = Interner::default();
        let mut item_ids: HashMap<(i64, ItemRef), u32> = HashMap::new();
        let mut items: Vec<Item> = Vec::new();
        let mut docs: Vec<Doc> = Vec::with_capacity(b.docs.len());
        let mut hot: Vec<Hot> = Vec::with_capacity(b.docs.len());
        let mut postings: KeyMap<Vec<Posting>> = KeyMap::default();
        let mut counts: KeyMap<(u32, u32)> = KeyMap::default();
        for raw in b.docs {
            let n = u32::try_from(docs.len()).unwrap_or(u32::MAX);
            let plan = plan_index.get(&raw.plan_id).copied().unwrap_or(u32::MAX);
            let item = *item_ids
                .entry((raw.plan_id, raw.item.clone()))
                .or_insert_with(|| {
                    items.push(Item {
                        plan_id: raw.plan_id,
                        plan,
                        item: raw.item,
                        docs: Vec::new(),
                    });
                    u32::try_from(items.len() - 1).unwrap_or(u32::MAX)
                });
            if let Some(it) = items.get_mut(item as usize) {
                it.docs.push(n);
            }
            let f = folded(&raw.text);
            term_counts(&f, &mut counts);
            for (&key, &(count, _)) in &counts {
                postings
                    .entry(key)
                    .or_default()
                    .push(Posting { doc: n, count });
            }
            hot.push(Hot {
                item,
                plan,
                weight: raw.weight,
                len_norm: (1.0 + (f.len() as f64 / 200.0)).sqrt(),
            });
            docs.push(Doc {
                title: raw.title,
                field: raw.field,
                chars: raw.text.chars().collect(),
                folded: f,
                years: raw.years,
                divisions: divisions.ids(raw.divisions.iter().map(String::as_str)),
                statuses: statuses.ids(raw.statuses.iter().map(String::as_str)),
                groups: groups.ids(raw.groups.iter().map(GroupKey::as_str)),
            });
        }
        for list in postings.values_mut() {
            list.shrink_to_fit();
        }
        BigramIndex {
            docs,
            hot,
            items,
            plans: plan_list,
            postings,
            divisions,
            statuses,
            groups,
            spans,
        }
    }

    /// Number of indexed text fields.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The score of one document for the terms, or `None` when a term is missing from it.
    fn rescore(&self, doc: &Doc, hot: &Hot, terms: &[Vec<char>]) -> Option<f64> {
        let mut tf = 0usize;
        for t in terms {
            let n = count_matches(&doc.folded, t);
            if n == 0 {
                return None;
            }
            tf += n;
        }
        Some(score(hot.weight, hot.len_norm, tf))
    }
}

/// `ln(tf)` for small term frequencies, computed by the same `ln` (so scores are the same to
/// the last bit).
static LN: std::sync::LazyLock<[f64; 64]> =
    std::sync::LazyLock::new(|| std::array::from_fn(|n| (n as f64).ln()));

/// Term frequency dampened, normalised a little by length so that a short name that is the
/// query outranks a long text that mentions it once.
fn score(weight: f64, len_norm: f64, tf: usize) -> f64 {
    let ln = LN.get(tf).copied().unwrap_or_else(|| (tf as f64).ln());
    weight * (1.0 + ln) / len_norm
}

/// Number of non-overlapping occurrences, matched left to right.
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

/// Starts of the non-overlapping occurrences (matched left to right) that start before
/// `until`.
fn occurrences_before(hay: &[char], needle: &[char], until: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || hay.len() < needle.len() {
        return out;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() && i < until {
        if hay[i] == first && hay[i..i + needle.len()] == *needle {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Where the first occurrence of `needle` starts.
fn first_occurrence(hay: &[char], needle: &[char]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    hay.windows(needle.len())
        .position(|w| w[0] == first && w[1..] == *rest)
}

const CONTEXT: usize = 40;

/// A snippet of about 40 characters either side of the first match, with every match of any
/// term marked. Only the text up to the end of the snippet is scanned.
fn snippet(doc: &Doc, terms: &[Vec<char>]) -> Snippet {
    let first = terms
        .iter()
        .filter_map(|t| first_occurrence(&doc.folded, t))
        .min()
        .unwrap_or(0);
    let from = first.saturating_sub(CONTEXT);
    let to = (first + CONTEXT * 2).min(doc.chars.len());
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for t in terms {
        for start in occurrences_before(&doc.folded, t, to) {
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
    let mut segments = Vec::new();
    let mut pos = from;
    let text = |a: usize, b: usize| {
        let chars = doc.chars.get(a..b).unwrap_or_default();
        let mut s = String::with_capacity(chars.len() * 3);
        s.extend(chars);
        s
    };
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

/// The first index at or after `from` whose document is `>= doc` (galloping, then binary
/// search), or the list's length.
fn seek(list: &[Posting], from: usize, doc: u32) -> usize {
    let mut step = 1;
    let mut lo = from;
    let mut hi = from;
    while hi < list.len() && list[hi].doc < doc {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(list.len());
    lo + list[lo..hi].partition_point(|p| p.doc < doc)
}

/// Per-thread scratch of the aggregation: summed score per item (0: not matched yet; every
/// score is > 0), reset after each search through the list of touched items (item, first
/// matching document), so a search costs what it touches, not the size of the catalog.
#[derive(Default)]
struct Scratch {
    score: Vec<f64>,
    touched: Vec<(u32, u32)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A filter value: none, or the interned id (`None` inside: a value no document has).
fn filter_id(interner: &Interner, value: Option<&str>) -> Option<Option<u32>> {
    value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|v| interner.ids.get(v).copied())
}

/// The per-field filters of a query (year, division, status, group), the names resolved to
/// interned ids once per search.
#[derive(Clone, Copy)]
struct FieldFilters {
    year: Option<FiscalYear>,
    division: Option<Option<u32>>,
    status: Option<Option<u32>>,
    group: Option<Option<u32>>,
}

impl FieldFilters {
    fn new(index: &BigramIndex, query: &SearchQuery) -> Self {
        FieldFilters {
            year: query.year,
            division: filter_id(&index.divisions, query.division.as_deref()),
            status: filter_id(&index.statuses, query.status.as_deref()),
            group: filter_id(&index.groups, query.group.as_deref()),
        }
    }

    /// Whether any filter is set.
    fn any(&self) -> bool {
        self.year.is_some()
            || self.division.is_some()
            || self.status.is_some()
            || self.group.is_some()
    }

    /// Whether a filter names a value no document has.
    fn unmatchable(&self) -> bool {
        [self.division, self.status, self.group].contains(&Some(None))
    }

    /// Whether the document (of the plan with index `plan`) passes every filter. The group
    /// filter admits a document listed under the group or any of its descendants.
    fn admit(&self, index: &BigramIndex, doc: &Doc, plan: u32) -> bool {
        let has = |ids: &[u32], v: Option<Option<u32>>| {
            v.is_none_or(|v| ids.contains(&v.unwrap_or(u32::MAX)))
        };
        let under = |v: Option<Option<u32>>| {
            let Some(v) = v else { return true };
            let Some(f) = v else { return false };
            let span = index.spans.get(plan as usize);
            let root = span.and_then(|s| s.get(&f));
            doc.groups.iter().any(|g| {
                *g == f
                    || match (root, span.and_then(|s| s.get(g))) {
                        (Some((start, end)), Some((at, _))) => start <= at && at < end,
                        _ => false,
                    }
            })
        };
        self.year.is_none_or(|y| doc.years.contains(&y))
            && has(&doc.divisions, self.division)
            && has(&doc.statuses, self.status)
            && under(self.group)
    }
}

/// A ranked item: summed score, plan id, first matching document, item id.
type Ranked = (f64, i64, u32, u32);

/// The query's terms, folded; an empty or too long query is an error.
fn parse_terms(query: &SearchQuery) -> Result<Vec<Vec<char>>, SearchError> {
    let text = query.text.trim();
    if text.is_empty() {
        return Err(SearchError::EmptyQuery);
    }
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchError::TooLong(MAX_QUERY_CHARS));
    }
    Ok(text
        .split(|c: char| c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(folded)
        .collect())
}

/// A query's terms and posting keys, worked out once for every shard.
struct Prepared {
    terms: Vec<Vec<char>>,
    /// One per distinct key; a term of 1 or 2 characters is counted by its own list, a
    /// longer one in the text.
    keys: Vec<u64>,
    /// Per term: the index in `keys` of the list that counts it, if any.
    counted_by: Vec<Option<usize>>,
    /// Whether some term is counted in the text.
    scanned: bool,
}

impl Prepared {
    fn new(terms: Vec<Vec<char>>) -> Self {
        let mut keys: Vec<u64> = Vec::new();
        let mut counted_by: Vec<Option<usize>> = Vec::with_capacity(terms.len());
        for t in &terms {
            let own = match t.as_slice() {
                [a] => Some(unigram_key(*a)),
                [a, b] => Some(bigram_key(*a, *b)),
                _ => None,
            };
            let term_keys: Vec<u64> = match own {
                Some(k) => vec![k],
                None => t.windows(2).map(|w| bigram_key(w[0], w[1])).collect(),
            };
            for k in term_keys {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            counted_by.push(own.and_then(|k| keys.iter().position(|x| *x == k)));
        }
        let scanned = counted_by.iter().any(Option::is_none);
        Prepared {
            terms,
            keys,
            counted_by,
            scanned,
        }
    }
}

/// What the shards of a search contribute, gathered in buffers reused from shard to shard.
#[derive(Default)]
struct Merge {
    /// (ranked item, shard): every shard's best `keep` matching items.
    kept: Vec<(Ranked, usize)>,
    /// Matching items over all shards.
    total: usize,
    /// (matching items, shard, plan index in the shard) of every plan with matches.
    plans: Vec<(usize, usize, usize)>,
    /// Scratch of one shard's intersection.
    order: Vec<usize>,
    cursors: Vec<usize>,
    found: Vec<u32>,
    per_plan: Vec<usize>,
}

impl SearchIndex for BigramIndex {
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        search_shards(&[self], query)
    }
}

/// A search over the shards of a catalog (one [`BigramIndex`] per plan, in plan order): each
/// shard ranks its matching items and keeps its best `offset + limit`, the kept items are
/// merged and ordered as one index orders them (score descending, then plan id, then the
/// item's first document), and only the shown hits get their snippets. Scores use no
/// statistic of the whole corpus (no document frequencies, no average lengths), so a shard
/// scores an item exactly as an index of every plan does.
pub fn search_shards(
    shards: &[&BigramIndex],
    query: &SearchQuery,
) -> Result<SearchResults, SearchError> {
    let prepared = Prepared::new(parse_terms(query)?);
    let limit = if query.limit == 0 { 50 } else { query.limit };
    let end = query.offset.saturating_add(limit);
    let mut merge = Merge::default();
    let filters: Vec<Option<FieldFilters>> = shards
        .iter()
        .enumerate()
        .map(|(s, shard)| shard.rank(query, &prepared, end, s, &mut merge))
        .collect();
    let Merge {
        mut kept,
        total,
        mut plans,
        ..
    } = merge;
    if kept.len() > end {
        kept.select_nth_unstable_by(end, |a, b| rank_order(&a.0, &b.0));
        kept.truncate(end);
    }
    kept.sort_by(|a, b| rank_order(&a.0, &b.0));
    let hits = kept
        .iter()
        .skip(query.offset)
        .filter_map(|&((sum, _, _, item), s)| {
            let shard = shards.get(s)?;
            let filters = (*filters.get(s)?)?;
            shard.hit(item, sum, filters, &prepared.terms)
        })
        .collect();
    plans.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    Ok(SearchResults {
        total,
        hits,
        plans: plans
            .into_iter()
            .filter_map(|(n, s, p)| Some((shards.get(s)?.plans.get(p)?.0, n)))
            .collect(),
    })
}

/// Score descending, then plan id, then the item's first document: a total order, so
/// selecting the top before sorting gives the same hits as sorting everything.
fn rank_order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// One [`BigramIndex`] shard per plan, searched together with [`search_shards`]: what the
/// catalog does over its plan entries, owned in one value (tests and benchmarks).
pub struct ShardedIndex {
    shards: Vec<BigramIndex>,
}

impl ShardedIndex {
    /// A shard per plan, in the given order (plan id order in the catalog).
    pub fn build(plans: &[(i64, Plan)]) -> Self {
        ShardedIndex {
            shards: plans
                .iter()
                .map(|(id, plan)| BigramIndex::build_one(*id, plan))
                .collect(),
        }
    }

    /// Number of indexed text fields over all shards.
    pub fn len(&self) -> usize {
        self.shards.iter().map(BigramIndex::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.shards.iter().all(BigramIndex::is_empty)
    }
}

impl SearchIndex for ShardedIndex {
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let shards: Vec<&BigramIndex> = self.shards.iter().collect();
        search_shards(&shards, query)
    }
}

impl BigramIndex {
    /// Adds this index's matching items to `merge` (its best `keep`, as shard `shard`);
    /// the filters resolved for it, or `None` when nothing of it can match.
    fn rank(
        &self,
        query: &SearchQuery,
        prepared: &Prepared,
        keep: usize,
        shard: usize,
        merge: &mut Merge,
    ) -> Option<FieldFilters> {
        // Cheapest first: a key this index does not have.
        if !prepared.keys.iter().all(|k| self.postings.contains_key(k)) {
            return None;
        }
        let terms = &prepared.terms;
        let filters = FieldFilters::new(self, query);
        if filters.unmatchable() {
            return None;
        }
        let per_field = filters.any();
        // The plan filter as a plan index.
        let plan = match query.plan {
            None => None,
            Some(id) => match self.plans.iter().position(|(p, _)| *p == id) {
                Some(i) => Some(u32::try_from(i).unwrap_or(u32::MAX)),
                None => return None,
            },
        };
        // Plans allowed by the municipality filter (by plan index).
        let municipality: Option<Vec<bool>> = query
            .municipality
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|m| {
                let m = folded(m);
                self.plans
                    .iter()
                    .map(|(_, name)| name.windows(m.len()).any(|w| w == m.as_slice()))
                    .collect()
            });
        let counted_by = &prepared.counted_by;
        let scanned = prepared.scanned;
        let mut lists: Vec<&[Posting]> = Vec::with_capacity(prepared.keys.len());
        for k in &prepared.keys {
            lists.push(self.postings.get(k)?);
        }
        // Smallest list first: it drives, the others are sought in.
        let Merge {
            kept,
            total,
            plans,
            order,
            cursors,
            found,
            per_plan,
        } = merge;
        order.clear();
        order.extend(0..lists.len());
        order.sort_by_key(|&i| lists[i].len());
        let (&driver, rest) = order.split_first()?;
        cursors.clear();
        cursors.resize(lists.len(), 0);
        found.clear();
        found.resize(lists.len(), 0);
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let Scratch {
                score: sums,
                touched,
            } = &mut *scratch;
            // Left over only by a search that panicked half-way: zero what it summed.
            for &(item, _) in touched.iter() {
                if let Some(sum) = sums.get_mut(item as usize) {
                    *sum = 0.0;
                }
            }
            touched.clear();
            if sums.len() < self.items.len() {
                sums.resize(self.items.len(), 0.0);
            }
            'docs: for p in lists[driver] {
                let mut text: Option<&[char]> = None;
                found[driver] = p.count;
                for &i in rest {
                    let list = lists[i];
                    let at = seek(list, cursors[i], p.doc);
                    cursors[i] = at;
                    match list.get(at) {
                        Some(q) if q.doc == p.doc => found[i] = q.count,
                        Some(_) => continue 'docs,
                        None => break 'docs,
                    }
                }
                let Some(hot) = self.hot.get(p.doc as usize) else {
                    continue;
                };
                if plan.is_some_and(|i| i != hot.plan)
                    || municipality
                        .as_ref()
                        .is_some_and(|m| !m.get(hot.plan as usize).copied().unwrap_or(false))
                {
                    continue;
                }
                if per_field || scanned {
                    let Some(doc) = self.docs.get(p.doc as usize) else {
                        continue;
                    };
                    if !filters.admit(self, doc, hot.plan) {
                        continue;
                    }
                    text = Some(doc.folded.as_slice());
                }
                let mut tf = 0usize;
                for (t, by) in terms.iter().zip(counted_by) {
                    let n = match (by, text) {
                        (Some(i), _) => found[*i] as usize,
                        (None, Some(text)) => count_matches(text, t),
                        (None, None) => 0,
                    };
                    if n == 0 {
                        continue 'docs;
                    }
                    tf += n;
                }
                let s = score(hot.weight, hot.len_norm, tf);
                let item = hot.item as usize;
                if let Some(sum) = sums.get_mut(item) {
                    if *sum == 0.0 {
                        touched.push((hot.item, p.doc));
                    }
                    *sum += s;
                }
            }
            // Collect and reset the scratch.
            let start = kept.len();
            per_plan.clear();
            per_plan.resize(self.plans.len(), 0);
            for &(item, first) in touched.iter() {
                let i = item as usize;
                if let (Some(sum), Some(it)) = (sums.get_mut(i), self.items.get(i)) {
                    kept.push(((*sum, it.plan_id, first, item), shard));
                    if let Some(n) = per_plan.get_mut(it.plan as usize) {
                        *n += 1;
                    }
                    *sum = 0.0;
                }
            }
            touched.clear();
            *total += kept.len() - start;
            if kept.len() - start > keep {
                if let Some(mine) = kept.get_mut(start..) {
                    mine.select_nth_unstable_by(keep, |a, b| rank_order(&a.0, &b.0));
                }
                kept.truncate(start + keep);
            }
            plans.extend(
                per_plan
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(p, n)| (*n, shard, p)),
            );
            Some(filters)
        })
    }
}

impl BigramIndex {
    /// One shown hit: its matching documents re-scored (the same scores as in the ranking),
    /// best first; the title of the best, snippets of the best three.
    fn hit(
        &self,
        item: u32,
        sum: f64,
        filters: FieldFilters,
        terms: &[Vec<char>],
    ) -> Option<SearchHit> {
        let it = self.items.get(item as usize)?;
        let mut docs: Vec<(f64, u32)> = it
            .docs
            .iter()
            .filter_map(|&d| {
                let doc = self.docs.get(d as usize)?;
                // The item passed the plan and municipality filters; the others are per field.
                if !filters.admit(self, doc, it.plan) {
                    return None;
                }
                Some((self.rescore(doc, self.hot.get(d as usize)?, terms)?, d))
            })
            .collect();
        docs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let first = self.docs.get(docs.first()?.1 as usize)?;
        let snippets = docs
            .iter()
            .take(3)
            .filter_map(|(_, d)| self.docs.get(*d as usize))
            .map(|doc| snippet(doc, terms))
            .collect();
        Some(SearchHit {
            plan_id: it.plan_id,
            item: it.item.clone(),
            title: first.title.clone(),
            score: (sum * 1000.0).round() / 1000.0,
            snippets,
        })
    }
}

/// Every text field of a plan, with its weight and scope. Linear in the plan's size: the
/// records, listings, assignments, ratings and outlooks of each item are grouped once (in
/// document order) instead of being searched for per item. A scope's `groups` are the
/// groups an item is listed under (a group: itself); the index answers the group filter for
/// their ancestors through the plan's [`GroupTree`].
pub(crate) fn index_plan(b: &mut impl FieldSink, id: i64, plan: &Plan) {
    use shinchoku_core::{DivisionKey, ProgressRecord};
    fn by_key<'a, K: std::hash::Hash + Eq, T>(
        items: impl Iterator<Item = (K, &'a T)>,
    ) -> HashMap<K, Vec<&'a T>> {
        let mut map: HashMap<K, Vec<&'a T>> = HashMap::new();
        for (k, t) in items {
            map.entry(k).or_default().push(t);
        }
        map
    }
    let records = by_key(plan.records.iter().map(|r| (&r.measure, r)));
    let listings = by_key(plan.listings.iter().map(|l| (&l.measure, l)));
    let assignments = by_key(plan.assignments.iter().map(|a| (&a.measure, a)));
    let ratings = by_key(plan.ratings.iter().map(|r| (&r.group, r)));
    let outlooks = by_key(plan.outlooks.iter().map(|o| (o.group.as_ref(), o)));
    let mut division_of: HashMap<&DivisionKey, &shinchoku_core::Division> = HashMap::new();
    for d in &plan.divisions {
        division_of.entry(&d.key).or_insert(d);
    }
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
            groups: vec![g.key.clone()],
        };
        b.add(&scope, g.label.clone(), W_NAME, &g.title);
        for r in ratings.get(&g.key).into_iter().flatten() {
            let s = Scope {
                years: vec![r.fiscal_year],
                ..scope.clone()
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
        for o in outlooks.get(&Some(&g.key)).into_iter().flatten() {
            let s = Scope {
                years: vec![o.fiscal_year],
                ..scope.clone()
            };
            b.add(
                &s,
                format!("{} 今後の取組と課題", o.fiscal_year.wareki()),
                W_TEXT,
                &o.text,
            );
        }
    }
    for o in outlooks.get(&None).into_iter().flatten() {
        let s = Scope {
            years: vec![o.fiscal_year],
            ..plan_scope.clone()
        };
        b.add(
            &s,
            format!("{} 今後の取組と課題", o.fiscal_year.wareki()),
            W_TEXT,
            &o.text,
        );
    }
    let no_records: Vec<&ProgressRecord> = Vec::new();
    for m in &plan.measures {
        let records = records.get(&m.key).unwrap_or(&no_records);
        let mut groups: Vec<GroupKey> = Vec::new();
        let mut seen: std::collections::HashSet<&GroupKey> = std::collections::HashSet::new();
        for l in listings.get(&m.key).into_iter().flatten() {
            if seen.insert(&l.group) {
                groups.push(l.group.clone());
            }
        }
        let division_names = |keys: &mut dyn Iterator<Item = &DivisionKey>| {
            let mut names = BTreeSet::new();
            for k in keys {
                if let Some(d) = division_of.get(k) {
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
            &mut assignments
                .get(&m.key)
                .into_iter()
                .flatten()
                .map(|a| &a.division)
                .chain(records.iter().filter_map(|r| r.division.as_ref())),
        );
        let status_names = |r: &ProgressRecord| {
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
            groups,
        };
        b.add(&scope, "事業名", W_NAME, &m.name);
        if let Some(t) = &m.description {
            b.add(&scope, "事業概要", W_DESCRIPTION, t);
        }
        if let Some(t) = &m.audience {
            b.add(&scope, "対象者", W_DESCRIPTION, t);
        }
        for r in records {
            let s = Scope {
                years: vec![r.fiscal_year],
                divisions: match &r.division {
                    Some(d) => division_names(&mut std::iter::once(d)),
                    None => scope.divisions.clone(),
                },
                statuses: status_names(r),
                ..scope.clone()
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
            for e in r
                .extra
                .iter()
                .filter(|e| e.kind != shinchoku_core::ExtraKind::Unplaced)
            {
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
            groups: i.group.iter().cloned().collect(),
        };
        b.add(&scope, "成果指標", W_NAME, &i.name);
        for a in &i.activities {
            let s = Scope {
                years: vec![a.fiscal_year],
                ..scope.clone()
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
        let r = idx.search(&q("相談")).unwrap_or_default();
        assert_eq!(r.total, 3);
        // The measures with 相談 in the name rank above the one with it only in the text.
        assert_ne!(r.hits[2].title, "高齢者相談");
        let r = idx.search(&q("高齢者相談")).unwrap_or_default();
        assert_eq!(r.total, 1);
        assert!(
            r.hits[0].snippets[0]
                .segments
                .iter()
                .any(|s| s.mark && s.text == "高齢者相談")
        );
        // Bigrams present but not as a phrase.
        let r = idx.search(&q("相談高齢")).unwrap_or_default();
        assert_eq!(r.total, 0);
    }

    #[test]
    fn posting_counts_are_the_counts_of_a_scan() {
        // Repeated characters: 「ーーー」 holds 「ーー」 once when matched without overlap.
        for text in [
            "ーーー",
            "ああああ",
            "ababa",
            "相談相談 相談",
            "a a",
            "ＤＶdv",
            "　ー　ーー",
        ] {
            let f = folded(text);
            let mut counts = KeyMap::default();
            term_counts(&f, &mut counts);
            for (i, &c) in f.iter().enumerate() {
                if !indexable(c) {
                    continue;
                }
                assert_eq!(
                    counts.get(&unigram_key(c)).map(|e| e.0 as usize),
                    Some(count_matches(&f, &[c])),
                    "{text} {c}"
                );
                if let Some(&d) = f.get(i + 1)
                    && indexable(d)
                {
                    assert_eq!(
                        counts.get(&bigram_key(c, d)).map(|e| e.0 as usize),
                        Some(count_matches(&f, &[c, d])),
                        "{text} {c}{d}"
                    );
                }
            }
        }
        let mut counts = KeyMap::default();
        term_counts(&folded("ーーー"), &mut counts);
        assert_eq!(counts.get(&bigram_key('ー', 'ー')).map(|e| e.0), Some(1));
        assert_eq!(counts.get(&unigram_key('ー')).map(|e| e.0), Some(3));
        // A query of a repeated character gives the same hits as the text holds.
        let idx = BigramIndex::build(&[(1, plan(&["ーーー", "ーー", "ー"]))]);
        let r = idx.search(&q("ーー")).unwrap_or_default();
        assert_eq!(r.total, 2);
    }

    #[test]
    fn full_width_and_single_chars() {
        let idx = BigramIndex::build(&[(1, plan(&["ＤＶ相談", "研修"]))]);
        let r = idx.search(&q("dv")).unwrap_or_default();
        assert_eq!(r.total, 1);
        let r = idx.search(&q("修")).unwrap_or_default();
        assert_eq!(r.total, 1);
        assert_eq!(idx.search(&q("  ")), Err(SearchError::EmptyQuery));
    }
}
