//! The read model of the web app: every plan with precomputed lookups, audit findings and the
//! search index. Immutable once built; [`AppState`] swaps whole catalogs atomically.

use crate::search::{BigramIndex, ItemRef, SearchIndex};
use arc_swap::ArcSwap;
use shinchoku_core::audit::{Finding, audit};
use shinchoku_core::{
    Division, FiscalYear, GroupKey, IndicatorKey, Location, MeasureKey, Plan, ProgressRecord,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use std::time::SystemTime;

/// One plan with its lookups.
pub struct PlanEntry {
    pub id: i64,
    pub plan: Plan,
    pub findings: Vec<Finding>,
    /// Where each finding leads, parallel to `findings`.
    pub finding_items: Vec<Option<ItemRef>>,
    measures: HashMap<MeasureKey, usize>,
    groups: HashMap<GroupKey, usize>,
    indicators: HashMap<IndicatorKey, usize>,
    records_by_measure: HashMap<MeasureKey, Vec<usize>>,
    children: HashMap<Option<GroupKey>, Vec<usize>>,
}

impl PlanEntry {
    fn new(id: i64, plan: Plan) -> Self {
        let findings = audit(&plan);
        let mut measures = HashMap::new();
        for (i, m) in plan.measures.iter().enumerate() {
            measures.entry(m.key.clone()).or_insert(i);
        }
        let mut groups = HashMap::new();
        let mut children: HashMap<Option<GroupKey>, Vec<usize>> = HashMap::new();
        for (i, g) in plan.groups.iter().enumerate() {
            groups.entry(g.key.clone()).or_insert(i);
            children.entry(g.parent.clone()).or_default().push(i);
        }
        let mut indicators = HashMap::new();
        for (i, ind) in plan.indicators.iter().enumerate() {
            indicators.entry(ind.key.clone()).or_insert(i);
        }
        let mut records_by_measure: HashMap<MeasureKey, Vec<usize>> = HashMap::new();
        for (i, r) in plan.records.iter().enumerate() {
            records_by_measure
                .entry(r.measure.clone())
                .or_default()
                .push(i);
        }
        // Locations of items, to link findings to the page of their item.
        let mut by_location: HashMap<(String, u32), ItemRef> = HashMap::new();
        let mut put = |loc: &Location, item: ItemRef| {
            by_location
                .entry((loc.file.clone(), loc.line))
                .or_insert(item);
        };
        for ind in &plan.indicators {
            let item = ItemRef::Indicator(ind.key.clone());
            put(&ind.location, item.clone());
            for o in ind.targets.iter().chain(&ind.actuals).chain(&ind.baseline) {
                put(&o.location, item.clone());
            }
            for g in &ind.reported_grades {
                put(&g.location, item.clone());
            }
        }
        for r in &plan.records {
            put(&r.location, ItemRef::Measure(r.measure.clone()));
        }
        for m in &plan.measures {
            put(&m.location, ItemRef::Measure(m.key.clone()));
        }
        for g in &plan.groups {
            put(&g.location, ItemRef::Group(g.key.clone()));
        }
        for r in &plan.ratings {
            put(&r.location, ItemRef::Group(r.group.clone()));
        }
        let finding_items = findings
            .iter()
            .map(|f| {
                f.location
                    .as_ref()
                    .and_then(|l| by_location.get(&(l.file.clone(), l.line)).cloned())
                    .or_else(|| {
                        plan.indicators
                            .iter()
                            .find(|i| f.item.starts_with(&format!("指標: {}", i.name)))
                            .map(|i| ItemRef::Indicator(i.key.clone()))
                    })
            })
            .collect();
        PlanEntry {
            id,
            plan,
            findings,
            finding_items,
            measures,
            groups,
            indicators,
            records_by_measure,
            children,
        }
    }

    pub fn measure(&self, key: &str) -> Option<&shinchoku_core::Measure> {
        self.measures
            .get(&MeasureKey::new(key))
            .and_then(|i| self.plan.measures.get(*i))
    }

    pub fn group(&self, key: &str) -> Option<&shinchoku_core::Group> {
        self.groups
            .get(&GroupKey::new(key))
            .and_then(|i| self.plan.groups.get(*i))
    }

    pub fn indicator(&self, key: &str) -> Option<&shinchoku_core::Indicator> {
        self.indicators
            .get(&IndicatorKey::new(key))
            .and_then(|i| self.plan.indicators.get(*i))
    }

    /// The records of a measure, in document order.
    pub fn records_of(&self, key: &MeasureKey) -> Vec<&ProgressRecord> {
        self.records_by_measure
            .get(key)
            .map(|v| v.iter().filter_map(|i| self.plan.records.get(*i)).collect())
            .unwrap_or_default()
    }

    /// Indices into `plan.records` of the records of a measure, ascending.
    pub fn record_indices_of(&self, key: &MeasureKey) -> &[usize] {
        self.records_by_measure
            .get(key)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Child groups of a group (`None`: the top-level groups), in document order.
    pub fn children_of(&self, key: Option<&GroupKey>) -> Vec<&shinchoku_core::Group> {
        self.children
            .get(&key.cloned())
            .map(|v| v.iter().filter_map(|i| self.plan.groups.get(*i)).collect())
            .unwrap_or_default()
    }

    /// The group and its descendants.
    pub fn subtree(&self, key: &GroupKey) -> Vec<GroupKey> {
        let mut out = vec![key.clone()];
        let mut seen: HashSet<GroupKey> = HashSet::from([key.clone()]);
        let mut i = 0;
        while i < out.len() {
            let k = out[i].clone();
            for c in self.children_of(Some(&k)) {
                if seen.insert(c.key.clone()) {
                    out.push(c.key.clone());
                }
            }
            i += 1;
        }
        out
    }

    /// Measures listed under any group of `groups`, in document order, without duplicates.
    pub fn measures_under(&self, groups: &[GroupKey]) -> Vec<&shinchoku_core::Measure> {
        let groups: HashSet<&GroupKey> = groups.iter().collect();
        let keys: HashSet<&MeasureKey> = self
            .plan
            .listings
            .iter()
            .filter(|l| groups.contains(&l.group))
            .map(|l| &l.measure)
            .collect();
        self.plan
            .measures
            .iter()
            .filter(|m| keys.contains(&m.key))
            .collect()
    }

    /// The latest fiscal year the plan reports on: the last year with a progress record, an
    /// actual, a reported grade or a rating (a year that only has targets is the future), or
    /// the plan's last year when it reports nothing.
    pub fn latest_year(&self) -> Option<FiscalYear> {
        let plan = &self.plan;
        let reported = plan
            .records
            .iter()
            .map(|r| r.fiscal_year)
            .chain(plan.ratings.iter().map(|r| r.fiscal_year))
            .chain(plan.indicators.iter().flat_map(|i| {
                i.actuals
                    .iter()
                    .filter_map(|o| o.fiscal_year)
                    .chain(i.reported_grades.iter().map(|g| g.fiscal_year))
            }))
            .max();
        reported.or_else(|| plan.fiscal_years.last().copied())
    }
}

/// Where a division appears: one (plan, measure) pair.
#[derive(Debug, Clone)]
pub struct DivisionUse {
    pub plan_id: i64,
    pub measure: MeasureKey,
    pub division: shinchoku_core::DivisionKey,
}

/// The filter options of the search page over the whole catalog, as (value, label) pairs.
/// (Plans and groups are offered per search: the plans with hits, the groups of the chosen
/// plan.)
pub struct SearchOptions {
    /// Every fiscal year of any plan, ascending: (2022, 「令和4年度（2022年度）」).
    pub years: Vec<(String, String)>,
    /// Every status label of any record, sorted.
    pub statuses: Vec<String>,
}

impl SearchOptions {
    fn new(plans: &[PlanEntry]) -> Self {
        let mut years: BTreeSet<FiscalYear> = BTreeSet::new();
        let mut statuses: BTreeSet<String> = BTreeSet::new();
        for e in plans {
            years.extend(e.plan.fiscal_years.iter().copied());
            statuses.extend(
                e.plan
                    .records
                    .iter()
                    .filter_map(|r| r.status.as_ref().map(|s| s.label.clone())),
            );
        }
        SearchOptions {
            years: years
                .iter()
                .map(|y| (y.0.to_string(), y.display_ja()))
                .collect(),
            statuses: statuses.into_iter().collect(),
        }
    }
}

/// A rendered page: the headers and body of a 200 answer, ETag included, and the body
/// compressed once with each encoding the app offers.
pub(crate) struct CachedPage {
    pub headers: axum::http::HeaderMap,
    pub body: axum::body::Bytes,
    pub gzip: axum::body::Bytes,
    pub br: axum::body::Bytes,
}

/// Largest body a page cache keeps, and the most bytes one catalog's cache holds.
const CACHE_MAX_PAGE: usize = 1024 * 1024;
const CACHE_MAX_BYTES: usize = 128 * 1024 * 1024;

/// Rendered HTML pages of one catalog, by request URI. Every page is a pure function of the
/// catalog and the URI, so a page never goes stale: the cache is dropped with its catalog.
/// Bounded: once full, further pages are rendered per request as without a cache.
#[derive(Default)]
pub(crate) struct PageCache {
    pages: std::sync::RwLock<(HashMap<String, Arc<CachedPage>>, usize)>,
}

impl PageCache {
    pub fn get(&self, uri: &str) -> Option<Arc<CachedPage>> {
        self.pages.read().ok()?.0.get(uri).cloned()
    }

    /// Whether a page of `body_len` bytes may still be stored: asked before the page is
    /// compressed, so that a page the cache cannot keep (too large, or the cache is full) is
    /// not compressed twice per request but goes through the compression layer like any
    /// response. [`PageCache::insert`] checks again with the compressed sizes.
    pub fn has_room(&self, uri: &str, body_len: usize) -> bool {
        body_len <= CACHE_MAX_PAGE
            && self
                .pages
                .read()
                .is_ok_and(|pages| pages.1 + body_len + uri.len() <= CACHE_MAX_BYTES)
    }

    pub fn insert(&self, uri: &str, page: Arc<CachedPage>) {
        let size = page.body.len() + page.gzip.len() + page.br.len() + uri.len();
        if page.body.len() > CACHE_MAX_PAGE {
            return;
        }
        if let Ok(mut pages) = self.pages.write()
            && pages.1 + size <= CACHE_MAX_BYTES
            && !pages.0.contains_key(uri)
        {
            pages.0.insert(uri.to_owned(), page);
            pages.1 += size;
        }
    }
}

/// The immutable read model.
pub struct Catalog {
    search_options: SearchOptions,
    page_cache: PageCache,
    plans: Vec<PlanEntry>,
    by_id: HashMap<i64, usize>,
    /// Division name (every name it had) → uses across plans.
    divisions: BTreeMap<String, Vec<DivisionUse>>,
    search: Arc<dyn SearchIndex>,
    built_at: SystemTime,
}

impl Catalog {
    /// Builds the catalog with the in-memory bigram search index. Plans keep the given order.
    pub fn new(plans: Vec<(i64, Plan)>) -> Self {
        let index = BigramIndex::build(&plans);
        Catalog::with_search(plans, Arc::new(index))
    }

    /// Builds the catalog with another search implementation (e.g. SQLite FTS5).
    pub fn with_search(plans: Vec<(i64, Plan)>, search: Arc<dyn SearchIndex>) -> Self {
        let plans: Vec<PlanEntry> = plans
            .into_iter()
            .map(|(id, plan)| PlanEntry::new(id, plan))
            .collect();
        let mut by_id = HashMap::new();
        let mut divisions: BTreeMap<String, Vec<DivisionUse>> = BTreeMap::new();
        for (i, entry) in plans.iter().enumerate() {
            by_id.entry(entry.id).or_insert(i);
            for a in &entry.plan.assignments {
                let Some(d) = entry.plan.division(&a.division) else {
                    continue;
                };
                for name in division_names(d) {
                    let uses = divisions.entry(name).or_default();
                    if !uses
                        .iter()
                        .any(|u| u.plan_id == entry.id && u.measure == a.measure)
                    {
                        uses.push(DivisionUse {
                            plan_id: entry.id,
                            measure: a.measure.clone(),
                            division: d.key.clone(),
                        });
                    }
                }
            }
        }
        Catalog {
            search_options: SearchOptions::new(&plans),
            page_cache: PageCache::default(),
            plans,
            by_id,
            divisions,
            search,
            built_at: SystemTime::now(),
        }
    }

    pub fn plans(&self) -> &[PlanEntry] {
        &self.plans
    }

    pub fn plan(&self, id: i64) -> Option<&PlanEntry> {
        self.by_id.get(&id).and_then(|i| self.plans.get(*i))
    }

    pub(crate) fn page_cache(&self) -> &PageCache {
        &self.page_cache
    }

    /// The search page's filter options over every plan.
    pub fn search_options(&self) -> &SearchOptions {
        &self.search_options
    }

    pub fn search(&self) -> &dyn SearchIndex {
        self.search.as_ref()
    }

    /// Every division name, sorted.
    pub fn division_names(&self) -> impl Iterator<Item = &str> {
        self.divisions.keys().map(String::as_str)
    }

    pub fn division_uses(&self, name: &str) -> Option<&[DivisionUse]> {
        self.divisions.get(name).map(Vec::as_slice)
    }

    /// When the catalog was built (the Last-Modified of every page).
    pub fn built_at(&self) -> SystemTime {
        self.built_at
    }
}

fn division_names(d: &Division) -> Vec<String> {
    let mut names = vec![d.name.clone()];
    for r in &d.renames {
        if !names.contains(&r.name) {
            names.push(r.name.clone());
        }
    }
    names
}

/// The shared state of the app: the current catalog, swappable at run time.
#[derive(Clone)]
pub struct AppState {
    catalog: Arc<ArcSwap<Catalog>>,
}

impl AppState {
    pub fn new(catalog: Catalog) -> Self {
        AppState {
            catalog: Arc::new(ArcSwap::from_pointee(catalog)),
        }
    }

    /// The current catalog (a cheap snapshot; a concurrent swap does not affect it).
    pub fn catalog(&self) -> Arc<Catalog> {
        self.catalog.load_full()
    }

    /// Replaces the catalog atomically (after a re-import).
    pub fn replace(&self, catalog: Catalog) {
        self.catalog.store(Arc::new(catalog));
    }
}
