//! The read side of the web app: one read model per plan ([`PlanEntry`]: the plan, its
//! lookups, its audit findings, its search shard), and the [`Catalog`], a snapshot of every
//! plan's entry in plan id order. [`AppState`] holds the current catalog; applying a change
//! ([`AppState::apply`]) builds the entries of the changed plans only and swaps in a new
//! catalog that shares every other plan's entry. Views across plans (divisions, search
//! options) are merged from the per-plan summaries once per catalog, on first use.

use crate::search::{BigramIndex, ItemRef, SearchError, SearchIndex, SearchQuery, SearchResults};
use crate::tree::GroupTree;
use arc_swap::ArcSwap;
use shinchoku_core::audit::{Finding, Subject, audit};
use shinchoku_core::{
    Division, FiscalYear, GroupKey, Identities, IndicatorKey, MeasureKey, Plan, PlanId,
    ProgressRecord, Revision, StoredPlan,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One plan's read model: the plan as stored, its lookups, audit findings and search shard.
/// Built from the plan alone, in time linear in its size.
pub struct PlanEntry {
    pub id: i64,
    /// The plan's revision as stored (the validator of its pages).
    pub revision: Revision,
    /// When the plan last changed (ms since the epoch; 0 when the store does not say).
    pub updated_at_ms: i64,
    pub plan: Plan,
    /// The ids of the plan's entities (empty when the store gives none).
    pub ids: Identities,
    pub findings: Vec<Finding>,
    /// Where each finding leads (from its subject), parallel to `findings`.
    pub finding_items: Vec<Option<ItemRef>>,
    measures: HashMap<MeasureKey, usize>,
    groups: HashMap<GroupKey, usize>,
    indicators: HashMap<IndicatorKey, usize>,
    records_by_measure: HashMap<MeasureKey, Vec<usize>>,
    children: HashMap<Option<GroupKey>, Vec<usize>>,
    tree: GroupTree,
    search: BigramIndex,
    /// The Last-Modified of the plan's pages.
    modified: SystemTime,
    /// (division name, use) of every assignment, every name a division had.
    division_uses: Vec<(String, DivisionUse)>,
    years: BTreeSet<FiscalYear>,
    statuses: BTreeSet<String>,
}

impl PlanEntry {
    /// The read model of a stored plan.
    pub fn new(stored: StoredPlan) -> Self {
        let StoredPlan {
            id,
            revision,
            updated_at_ms,
            plan,
            ids,
        } = stored;
        let id = id.0;
        // The public read model: unpublished years, reviews and comments never enter it.
        let plan = shinchoku_core::cycle::public_view(&plan);
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
        let finding_items = findings
            .iter()
            .map(|f| match &f.subject {
                Subject::Indicator { key, .. } => indicators
                    .contains_key(key)
                    .then(|| ItemRef::Indicator(key.clone())),
                Subject::Record { measure: key, .. } | Subject::Measure { key } => measures
                    .contains_key(key)
                    .then(|| ItemRef::Measure(key.clone())),
                Subject::Group { key } => groups
                    .contains_key(key)
                    .then(|| ItemRef::Group(key.clone())),
                Subject::Document { .. } | Subject::Plan => None,
            })
            .collect();
        let tree = GroupTree::new(&plan);
        let search = BigramIndex::build_one(id, &plan);
        let division_uses = division_uses(id, &plan);
        let years = plan.fiscal_years.iter().copied().collect();
        let statuses = plan
            .records
            .iter()
            .filter_map(|r| r.status.as_ref().map(|s| s.label.clone()))
            .collect();
        let modified = u64::try_from(updated_at_ms)
            .ok()
            .filter(|ms| *ms > 0)
            .map_or_else(SystemTime::now, |ms| UNIX_EPOCH + Duration::from_millis(ms));
        PlanEntry {
            id,
            revision,
            updated_at_ms,
            plan,
            ids,
            findings,
            finding_items,
            measures,
            groups,
            indicators,
            records_by_measure,
            children,
            tree,
            search,
            modified,
            division_uses,
            years,
            statuses,
        }
    }

    /// The read model of a plan without store metadata (revision 1, no entity ids).
    pub fn of_plan(id: i64, plan: Plan) -> Self {
        PlanEntry::new(stored(id, plan))
    }

    pub fn measure(&self, key: &str) -> Option<&shinchoku_core::Measure> {
        self.measures
            .get(&MeasureKey::new(key))
            .and_then(|i| self.plan.measures.get(*i))
    }

    pub fn group(&self, key: &str) -> Option<&shinchoku_core::Group> {
        self.group_by_key(&GroupKey::new(key))
    }

    pub fn group_by_key(&self, key: &GroupKey) -> Option<&shinchoku_core::Group> {
        self.groups.get(key).and_then(|i| self.plan.groups.get(*i))
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

    /// The group hierarchy, depth-first (see [`GroupTree`]).
    pub(crate) fn tree(&self) -> &GroupTree {
        &self.tree
    }

    /// The groups depth-first in document order, with their depth.
    pub fn hierarchy(&self) -> impl Iterator<Item = (usize, &shinchoku_core::Group)> {
        self.tree
            .order()
            .iter()
            .filter_map(|(d, i)| Some((*d, self.plan.groups.get(*i)?)))
    }

    /// Whether group `key` is `root` or under it.
    pub fn is_under(&self, key: &GroupKey, root: &GroupKey) -> bool {
        self.tree.is_under(key, root)
    }

    /// The group and its descendants, depth-first.
    pub fn subtree(&self, key: &GroupKey) -> Vec<GroupKey> {
        let keys: Vec<GroupKey> = self
            .tree
            .subtree(key)
            .iter()
            .filter_map(|(_, i)| self.plan.groups.get(*i).map(|g| g.key.clone()))
            .collect();
        if keys.is_empty() {
            vec![key.clone()]
        } else {
            keys
        }
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
        // The dashboard charts statuses, achievements and grades: the default year is the
        // latest that has them; a year whose records hold only texts (実施計画, a mid-year
        // 実施状況) is chosen only when no year has any, and a year of plans only after that.
        let graded = |r: &&ProgressRecord| {
            r.status.is_some() || r.achievement.is_some() || r.grade.is_some()
        };
        let has_results = |r: &&ProgressRecord| {
            r.result_text.is_some()
                || r.evaluation_text.is_some()
                || r.effect_text.is_some()
                || r.direction.is_some()
                || !r.outputs.is_empty()
                || !r.costs.is_empty()
        };
        let indicators =
            plan.ratings
                .iter()
                .map(|r| r.fiscal_year)
                .chain(plan.indicators.iter().flat_map(|i| {
                    i.actuals
                        .iter()
                        .filter_map(|o| o.fiscal_year)
                        .chain(i.reported_grades.iter().map(|g| g.fiscal_year))
                }));
        let latest = |f: &dyn Fn(&&ProgressRecord) -> bool| {
            plan.records.iter().filter(f).map(|r| r.fiscal_year).max()
        };
        latest(&graded)
            .into_iter()
            .chain(indicators)
            .max()
            .or_else(|| latest(&has_results))
            .or_else(|| latest(&|_| true))
            .or_else(|| plan.fiscal_years.last().copied())
    }

    /// The plan's search shard.
    pub fn search_shard(&self) -> &BigramIndex {
        &self.search
    }

    /// The Last-Modified of the plan's pages: when it last changed.
    pub fn modified(&self) -> SystemTime {
        self.modified
    }
}

/// A plan without store metadata, as a [`StoredPlan`] (revision 1, no entity ids).
pub fn stored(id: i64, plan: Plan) -> StoredPlan {
    StoredPlan {
        id: PlanId(id),
        revision: Revision::FIRST,
        updated_at_ms: 0,
        plan,
        ids: Identities::default(),
    }
}

fn division_uses(id: i64, plan: &Plan) -> Vec<(String, DivisionUse)> {
    let mut by_key: HashMap<&shinchoku_core::DivisionKey, &Division> = HashMap::new();
    for d in &plan.divisions {
        by_key.entry(&d.key).or_insert(d);
    }
    let mut seen: HashSet<(String, &MeasureKey)> = HashSet::new();
    let mut out = Vec::new();
    for a in &plan.assignments {
        let Some(d) = by_key.get(&a.division) else {
            continue;
        };
        for name in division_names(d) {
            if seen.insert((name.clone(), &a.measure)) {
                out.push((
                    name,
                    DivisionUse {
                        plan_id: id,
                        measure: a.measure.clone(),
                        division: d.key.clone(),
                    },
                ));
            }
        }
    }
    out
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
    fn new(plans: &[Arc<PlanEntry>]) -> Self {
        let mut years: BTreeSet<FiscalYear> = BTreeSet::new();
        let mut statuses: BTreeSet<&str> = BTreeSet::new();
        for e in plans {
            years.extend(e.years.iter().copied());
            statuses.extend(e.statuses.iter().map(String::as_str));
        }
        SearchOptions {
            years: years
                .iter()
                .map(|y| (y.0.to_string(), y.display_ja()))
                .collect(),
            statuses: statuses.into_iter().map(str::to_owned).collect(),
        }
    }
}

/// The views across plans, merged from the entries' summaries.
struct CrossPlan {
    search_options: SearchOptions,
    /// Division name (every name it had) → uses across plans, in plan order.
    divisions: BTreeMap<String, Vec<DivisionUse>>,
    /// (municipality, division name) → uses in that municipality's plans: divisions are per
    /// municipality (two cities' 生活福祉課 are two divisions).
    municipal_divisions: BTreeMap<(String, String), Vec<DivisionUse>>,
}

/// A snapshot of the read side: every plan's entry, in plan id order, and the generation
/// (bumped by every change) that validates the pages across plans.
pub struct Catalog {
    plans: Vec<Arc<PlanEntry>>,
    generation: u64,
    modified: SystemTime,
    cross: OnceLock<CrossPlan>,
}

impl Catalog {
    /// Builds the catalog of plans without store metadata (revision 1). Plans are kept in
    /// plan id order; of two plans with one id, the first.
    pub fn new(plans: Vec<(i64, Plan)>) -> Self {
        Catalog::from_stored(plans.into_iter().map(|(id, p)| stored(id, p)).collect())
    }

    /// Builds the catalog of stored plans.
    pub fn from_stored(plans: Vec<StoredPlan>) -> Self {
        let mut seen = HashSet::new();
        let entries = plans
            .into_iter()
            .filter(|p| seen.insert(p.id))
            .map(|p| Arc::new(PlanEntry::new(p)))
            .collect();
        Catalog::from_entries(entries, 0)
    }

    fn from_entries(mut plans: Vec<Arc<PlanEntry>>, generation: u64) -> Self {
        plans.sort_by_key(|e| e.id);
        Catalog {
            plans,
            generation,
            modified: SystemTime::now(),
            cross: OnceLock::new(),
        }
    }

    fn cross(&self) -> &CrossPlan {
        self.cross.get_or_init(|| {
            let mut divisions: BTreeMap<String, Vec<DivisionUse>> = BTreeMap::new();
            let mut municipal_divisions: BTreeMap<(String, String), Vec<DivisionUse>> =
                BTreeMap::new();
            for e in &self.plans {
                for (name, u) in &e.division_uses {
                    divisions.entry(name.clone()).or_default().push(u.clone());
                    municipal_divisions
                        .entry((e.plan.municipality.name.clone(), name.clone()))
                        .or_default()
                        .push(u.clone());
                }
            }
            CrossPlan {
                search_options: SearchOptions::new(&self.plans),
                divisions,
                municipal_divisions,
            }
        })
    }

    /// Every plan's entry, in plan id order.
    pub fn plans(&self) -> &[Arc<PlanEntry>] {
        &self.plans
    }

    pub fn plan(&self, id: i64) -> Option<&PlanEntry> {
        self.plans
            .binary_search_by_key(&id, |e| e.id)
            .ok()
            .and_then(|i| self.plans.get(i))
            .map(Arc::as_ref)
    }

    /// The search page's filter options over every plan.
    pub fn search_options(&self) -> &SearchOptions {
        &self.cross().search_options
    }

    /// The search over every plan: a query runs over the plans' shards and merges them.
    pub fn search(&self) -> &dyn SearchIndex {
        self
    }

    /// Every division name, sorted.
    pub fn division_names(&self) -> impl Iterator<Item = &str> {
        self.cross().divisions.keys().map(String::as_str)
    }

    pub fn division_uses(&self, name: &str) -> Option<&[DivisionUse]> {
        self.cross().divisions.get(name).map(Vec::as_slice)
    }

    /// Every (municipality, division name), sorted by municipality, then name.
    pub fn municipal_divisions(&self) -> impl Iterator<Item = (&str, &str)> {
        self.cross()
            .municipal_divisions
            .keys()
            .map(|(m, n)| (m.as_str(), n.as_str()))
    }

    /// The uses of a division of one municipality (by any name it had).
    pub fn municipal_division_uses(
        &self,
        municipality: &str,
        name: &str,
    ) -> Option<&[DivisionUse]> {
        self.cross()
            .municipal_divisions
            .get(&(municipality.to_owned(), name.to_owned()))
            .map(Vec::as_slice)
    }

    /// The generation: bumped by every change applied (the validator of the pages across
    /// plans).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// When this generation was made (the Last-Modified of the pages across plans).
    pub fn modified(&self) -> SystemTime {
        self.modified
    }
}

impl SearchIndex for Catalog {
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        // A plan filter needs only that plan's shard.
        let shards: Vec<&BigramIndex> = match query.plan {
            Some(id) => self.plan(id).map(|e| &e.search).into_iter().collect(),
            None => self.plans.iter().map(|e| &e.search).collect(),
        };
        crate::search::search_shards(&shards, query)
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

/// A change to the read side: a plan added or changed (as stored now), or deleted.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // Built once per change and moved into `apply`: boxing buys nothing.
pub enum PlanUpdate {
    Upsert(StoredPlan),
    Remove(PlanId),
}

// ---------------------------------------------------------------------------------------------
// The page cache

/// A rendered page: the headers and body of a 200 answer, ETag included, and the body
/// compressed once with each encoding the app offers.
pub(crate) struct CachedPage {
    pub headers: axum::http::HeaderMap,
    pub body: axum::body::Bytes,
    pub gzip: axum::body::Bytes,
    pub br: axum::body::Bytes,
}

impl CachedPage {
    fn size(&self) -> usize {
        self.body.len() + self.gzip.len() + self.br.len()
    }
}

/// Largest body the page cache keeps, and the default of the most bytes it holds.
pub(crate) const CACHE_MAX_PAGE: usize = 1024 * 1024;
pub const DEFAULT_PAGE_CACHE_BYTES: usize = 128 * 1024 * 1024;

struct Slot {
    page: Arc<CachedPage>,
    /// The plan the page belongs to (`None`: a page across plans).
    plan: Option<i64>,
    used: u64,
    size: usize,
}

#[derive(Default)]
struct Lru {
    slots: HashMap<String, Slot>,
    /// Last use → key: the least recently used first.
    order: BTreeMap<u64, String>,
    clock: u64,
    bytes: usize,
}

impl Lru {
    fn remove(&mut self, key: &str) {
        if let Some(slot) = self.slots.remove(key) {
            self.order.remove(&slot.used);
            self.bytes = self.bytes.saturating_sub(slot.size);
        }
    }
}

/// Rendered pages, by cache key (the validator of the plan or generation, the path and the
/// query parameters the route knows; see the middleware). A page is a pure function of its
/// key, so a page never goes stale; the pages of a plan are dropped when the plan changes
/// and the pages across plans when any plan changes. Bounded: the least recently used pages
/// are evicted once the pages hold more than `max_bytes`.
pub(crate) struct PageCache {
    lru: Mutex<Lru>,
    max_bytes: usize,
}

impl PageCache {
    fn new(max_bytes: usize) -> Self {
        PageCache {
            lru: Mutex::new(Lru::default()),
            max_bytes,
        }
    }

    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        let mut lru = self.lru.lock().ok()?;
        let lru = &mut *lru;
        lru.clock += 1;
        let now = lru.clock;
        let slot = lru.slots.get_mut(key)?;
        lru.order.remove(&slot.used);
        slot.used = now;
        lru.order.insert(now, key.to_owned());
        Some(slot.page.clone())
    }

    /// Whether a page of `body_len` bytes may be stored: asked before the page is
    /// compressed, so that a page the cache cannot keep is not compressed twice per request
    /// but goes through the compression layer like any response.
    pub fn has_room(&self, body_len: usize) -> bool {
        self.max_bytes > 0 && body_len <= CACHE_MAX_PAGE
    }

    pub fn insert(&self, key: &str, plan: Option<i64>, page: Arc<CachedPage>) {
        let size = page.size() + key.len();
        if page.body.len() > CACHE_MAX_PAGE || size > self.max_bytes {
            return;
        }
        let Ok(mut lru) = self.lru.lock() else {
            return;
        };
        lru.remove(key);
        lru.clock += 1;
        let used = lru.clock;
        lru.order.insert(used, key.to_owned());
        lru.slots.insert(
            key.to_owned(),
            Slot {
                page,
                plan,
                used,
                size,
            },
        );
        lru.bytes += size;
        while lru.bytes > self.max_bytes {
            let Some((_, oldest)) = lru.order.pop_first() else {
                break;
            };
            if let Some(slot) = lru.slots.remove(&oldest) {
                lru.bytes = lru.bytes.saturating_sub(slot.size);
            }
        }
    }

    /// Drops the pages of the given plans and every page across plans.
    fn invalidate(&self, plans: &HashSet<i64>) {
        let Ok(mut lru) = self.lru.lock() else {
            return;
        };
        let stale: Vec<String> = lru
            .slots
            .iter()
            .filter(|(_, s)| s.plan.is_none_or(|p| plans.contains(&p)))
            .map(|(k, _)| k.clone())
            .collect();
        for k in stale {
            lru.remove(&k);
        }
    }

    fn clear(&self) {
        if let Ok(mut lru) = self.lru.lock() {
            *lru = Lru::default();
        }
    }

    /// (pages, bytes) held.
    fn usage(&self) -> (usize, usize) {
        self.lru
            .lock()
            .map(|l| (l.slots.len(), l.bytes))
            .unwrap_or((0, 0))
    }
}

// ---------------------------------------------------------------------------------------------
// The shared state

struct Shared {
    current: ArcSwap<Catalog>,
    /// Serialises writers (apply, replace); readers never take it.
    writer: Mutex<()>,
    cache: PageCache,
    /// Tells the ETags of this process from those of an earlier one (the rendering may have
    /// changed with the program even where the data did not).
    boot: String,
    /// The store of the staff side, when the app serves one.
    store: std::sync::OnceLock<(shinchoku_store::Store, bool)>,
}

/// The shared state of the app: the current catalog, changed plan by plan at run time.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

impl AppState {
    pub fn new(catalog: Catalog) -> Self {
        AppState::with_cache_limit(catalog, DEFAULT_PAGE_CACHE_BYTES)
    }

    /// [`AppState::new`] with a page cache of at most `max_bytes` (0: no cache).
    pub fn with_cache_limit(catalog: Catalog, max_bytes: usize) -> Self {
        let boot = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        AppState {
            shared: Arc::new(Shared {
                current: ArcSwap::from_pointee(catalog),
                writer: Mutex::new(()),
                cache: PageCache::new(max_bytes),
                boot: format!("{boot:x}"),
                store: std::sync::OnceLock::new(),
            }),
        }
    }

    /// The current catalog (a cheap snapshot; a concurrent change does not affect it).
    pub fn catalog(&self) -> Arc<Catalog> {
        self.shared.current.load_full()
    }

    /// Replaces every plan at once (a new generation; the page cache is emptied).
    pub fn replace(&self, catalog: Catalog) {
        let _writer = self.shared.writer.lock();
        let generation = self.catalog().generation + 1;
        let catalog = Catalog {
            generation,
            ..catalog
        };
        self.shared.current.store(Arc::new(catalog));
        self.shared.cache.clear();
    }

    /// Applies changes plan by plan: builds the entries of the upserted plans (and only
    /// those), then swaps in a catalog that shares every other plan's entry, atomically:
    /// readers never block and see either the old or the new catalog. The cached pages of
    /// the changed plans and the pages across plans are dropped; other plans keep theirs.
    /// Of several updates of one plan, the last wins; an upsert of an older revision than
    /// the plan's current one is ignored.
    pub fn apply(&self, updates: Vec<PlanUpdate>) {
        if updates.is_empty() {
            return;
        }
        let mut changed: HashMap<i64, Option<Arc<PlanEntry>>> = HashMap::new();
        for u in updates {
            match u {
                PlanUpdate::Upsert(p) => {
                    let id = p.id.0;
                    changed.insert(id, Some(Arc::new(PlanEntry::new(p))));
                }
                PlanUpdate::Remove(id) => {
                    changed.insert(id.0, None);
                }
            }
        }
        let _writer = self.shared.writer.lock();
        let current = self.catalog();
        // An upsert older than the entry it would replace (two appliers racing) is dropped.
        changed.retain(|id, new| match (new, current.plan(*id)) {
            (Some(new), Some(old)) => new.revision >= old.revision,
            _ => true,
        });
        let mut plans: Vec<Arc<PlanEntry>> = current
            .plans
            .iter()
            .filter(|e| !changed.contains_key(&e.id))
            .cloned()
            .collect();
        plans.extend(changed.values().flatten().cloned());
        let next = Catalog::from_entries(plans, current.generation + 1);
        self.shared.current.store(Arc::new(next));
        self.shared
            .cache
            .invalidate(&changed.keys().copied().collect());
    }

    /// Enables the staff side on `store` (once; later calls are ignored). `secure_cookies`
    /// marks the session cookie `Secure` (behind TLS).
    pub fn attach_store(&self, store: shinchoku_store::Store, secure_cookies: bool) {
        let _ = self.shared.store.set((store, secure_cookies));
    }

    /// The store of the staff side.
    pub fn store(&self) -> Option<&shinchoku_store::Store> {
        self.shared.store.get().map(|(s, _)| s)
    }

    pub(crate) fn secure_cookies(&self) -> bool {
        self.shared.store.get().is_some_and(|(_, s)| *s)
    }

    pub(crate) fn page_cache(&self) -> &PageCache {
        &self.shared.cache
    }

    pub(crate) fn boot(&self) -> &str {
        &self.shared.boot
    }

    /// The page cache's use: (pages, bytes).
    pub fn page_cache_usage(&self) -> (usize, usize) {
        self.shared.cache.usage()
    }
}
