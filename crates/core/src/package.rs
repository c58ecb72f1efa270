//! 政策パッケージ: the national policy package of a plan kind, and each plan's groups mapped
//! onto its areas, so that plans of different cities can be compared area by area.
//!
//! For 自殺対策計画 the package is the 地域自殺対策政策パッケージ (2017): five 基本施策 that
//! every municipality implements, and 重点施策 that each chooses for its own situation. The
//! package is a definition of the kind ([`package_of`]); which of a plan's groups belongs to
//! which area is per-plan data ([`PackageMapping`], stored in the plan's header), first
//! proposed from the groups' titles ([`propose`]) and then confirmed or corrected by the
//! secretariat. A group without an entry of its own belongs to the area of its nearest
//! ancestor that has one ([`effective_areas`]).
//!
//! Matching folds titles with NFKC (「ＳＯＳ」 = 「SOS」, 「１」 = 「1」) and looks for the
//! area's keywords; the titles themselves are never changed.

use crate::fiscal::FiscalYear;
use crate::model::{
    AchievementValue, CostSharing, GroupKey, GroupKind, MeasureKey, Plan, PlanKind, ProgressRecord,
    StatusMeaning,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use unicode_normalization::UnicodeNormalization;

/// The two tiers of a package's areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaTier {
    /// 基本施策: what every municipality does.
    Basic,
    /// 重点施策: chosen for the municipality's situation.
    Priority,
}

impl AreaTier {
    pub fn label_ja(self) -> &'static str {
        match self {
            AreaTier::Basic => "基本施策",
            AreaTier::Priority => "重点施策",
        }
    }
}

/// One policy area of a package.
#[derive(Debug, PartialEq, Eq)]
pub struct PolicyArea {
    /// Stable code, stored in mappings and used in URLs and CSV (`basic-1`, `priority-elderly`).
    pub code: &'static str,
    pub tier: AreaTier,
    /// The package's own numbering of a 基本施策 (「1」…「5」); empty for 重点施策.
    pub number: &'static str,
    /// The area's name as the package writes it.
    pub title: &'static str,
    /// Words (NFKC-folded) whose presence in a group's title proposes this area.
    pub keywords: &'static [&'static str],
}

impl PolicyArea {
    /// 「基本施策1 地域におけるネットワークの強化」「重点施策 高齢者」
    pub fn label_ja(&self) -> String {
        if self.number.is_empty() {
            format!("{} {}", self.tier.label_ja(), self.title)
        } else {
            format!("{}{} {}", self.tier.label_ja(), self.number, self.title)
        }
    }
}

/// A national policy package: its areas in the package's order (基本施策 first).
#[derive(Debug, PartialEq, Eq)]
pub struct PolicyPackage {
    /// Stable id, stored in mappings (`suicide-2017`).
    pub id: &'static str,
    pub title: &'static str,
    pub areas: &'static [PolicyArea],
}

impl PolicyPackage {
    pub fn area(&self, code: &str) -> Option<&'static PolicyArea> {
        self.areas.iter().find(|a| a.code == code)
    }
}

/// 地域自殺対策政策パッケージ (2017): the five 基本施策 and the 重点施策 most plans choose from.
pub static SUICIDE_PREVENTION_2017: PolicyPackage = PolicyPackage {
    id: "suicide-2017",
    title: "地域自殺対策政策パッケージ",
    areas: &[
        PolicyArea {
            code: "basic-1",
            tier: AreaTier::Basic,
            number: "1",
            title: "地域におけるネットワークの強化",
            keywords: &["ネットワーク", "連携"],
        },
        PolicyArea {
            code: "basic-2",
            tier: AreaTier::Basic,
            number: "2",
            title: "自殺対策を支える人材の育成",
            keywords: &["人材", "ゲートキーパー"],
        },
        PolicyArea {
            code: "basic-3",
            tier: AreaTier::Basic,
            number: "3",
            title: "住民への啓発と周知",
            keywords: &["啓発", "周知"],
        },
        PolicyArea {
            code: "basic-4",
            tier: AreaTier::Basic,
            number: "4",
            title: "生きることの促進要因への支援",
            keywords: &["促進要因", "生きることの"],
        },
        PolicyArea {
            code: "basic-5",
            tier: AreaTier::Basic,
            number: "5",
            title: "児童生徒のSOSの出し方に関する教育",
            keywords: &["SOS", "児童生徒"],
        },
        PolicyArea {
            code: "priority-elderly",
            tier: AreaTier::Priority,
            number: "",
            title: "高齢者",
            keywords: &["高齢"],
        },
        PolicyArea {
            code: "priority-needy",
            tier: AreaTier::Priority,
            number: "",
            title: "生活困窮者",
            keywords: &["生活困窮", "困窮"],
        },
        PolicyArea {
            code: "priority-unemployed",
            tier: AreaTier::Priority,
            number: "",
            title: "無職者・失業者",
            keywords: &["無職", "失業"],
        },
        PolicyArea {
            code: "priority-youth",
            tier: AreaTier::Priority,
            number: "",
            title: "子ども・若者",
            keywords: &["子ども", "こども", "子供", "若者", "若年"],
        },
        PolicyArea {
            code: "priority-work",
            tier: AreaTier::Priority,
            number: "",
            title: "勤務・経営",
            keywords: &["勤務", "勤労", "経営", "労働", "職場"],
        },
        PolicyArea {
            code: "priority-women",
            tier: AreaTier::Priority,
            number: "",
            title: "女性",
            keywords: &["女性", "妊産婦"],
        },
    ],
};

/// The policy package of a plan kind, when one is defined.
pub fn package_of(kind: &PlanKind) -> Option<&'static PolicyPackage> {
    match kind {
        PlanKind::SuicidePrevention => Some(&SUICIDE_PREVENTION_2017),
        _ => None,
    }
}

/// The package with id `id`.
pub fn package_by_id(id: &str) -> Option<&'static PolicyPackage> {
    [&SUICIDE_PREVENTION_2017].into_iter().find(|p| p.id == id)
}

/// The URL and CSV name of a plan kind (`suicide_prevention`), as serde writes it.
pub fn kind_slug(kind: &PlanKind) -> &str {
    match kind {
        PlanKind::SuicidePrevention => "suicide_prevention",
        PlanKind::CommunityWelfare => "community_welfare",
        PlanKind::GuardianshipPromotion => "guardianship_promotion",
        PlanKind::RecidivismPrevention => "recidivism_prevention",
        PlanKind::Other(name) => name,
    }
}

/// Where a mapping entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MappingSource {
    /// Proposed from the group's title ([`propose`]).
    #[default]
    Proposed,
    /// Set or confirmed by a person (the secretariat's form, `shinchoku package set`).
    Confirmed,
}

/// One group's area: `area` is an area code of the package, or `None` for a group that
/// belongs to no area (then its descendants do not inherit one either).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupArea {
    pub group: GroupKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Why: the keyword found, or who decided.
    pub reason: String,
    #[serde(default)]
    pub source: MappingSource,
}

/// A plan's groups mapped onto a policy package (stored in the plan's header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageMapping {
    /// The package's id ([`PolicyPackage::id`]).
    pub package: String,
    /// One entry per mapped group, in the plan's group order.
    #[serde(default)]
    pub groups: Vec<GroupArea>,
}

impl PackageMapping {
    pub fn entry(&self, group: &GroupKey) -> Option<&GroupArea> {
        self.groups.iter().find(|g| &g.group == group)
    }

    /// Whether any entry was set by a person.
    pub fn confirmed(&self) -> bool {
        self.groups
            .iter()
            .any(|g| g.source == MappingSource::Confirmed)
    }
}

/// Folds a title for matching: NFKC, without spaces.
pub fn fold(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn tiers_for(kind: GroupKind) -> &'static [AreaTier] {
    match kind {
        GroupKind::BasicPolicy => &[AreaTier::Basic],
        GroupKind::PriorityPolicy => &[AreaTier::Priority],
        _ => &[AreaTier::Basic, AreaTier::Priority],
    }
}

/// The area a title proposes among `tiers` (in the package's order), with the reason.
pub fn match_title(
    package: &'static PolicyPackage,
    title: &str,
    tiers: &[AreaTier],
) -> Option<(&'static PolicyArea, String)> {
    let folded = fold(title);
    let mut found: Vec<(&'static PolicyArea, &'static str)> = Vec::new();
    for tier in tiers {
        for area in package.areas.iter().filter(|a| a.tier == *tier) {
            if let Some(k) = area.keywords.iter().find(|k| folded.contains(&fold(k))) {
                found.push((area, k));
            }
        }
    }
    let (area, keyword) = *found.first()?;
    let mut reason = format!("題名に「{keyword}」を含む");
    let others: Vec<String> = found
        .iter()
        .skip(1)
        .map(|(a, k)| format!("「{k}」（{}）", a.title))
        .collect();
    if !others.is_empty() {
        reason.push_str(&format!(
            "。ほかに{}にも該当するため確認してください",
            others.join("・")
        ));
    }
    Some((area, reason))
}

/// The proposal for a plan: every group whose title names an area of the tier its kind (or
/// its nearest 基本施策 / 重点施策 ancestor's) allows gets an entry; a group under a mapped
/// group inherits its area and gets no entry of its own (the city built its hierarchy on the
/// package). `None` when the plan's kind has no package.
pub fn propose(plan: &Plan) -> Option<PackageMapping> {
    let package = package_of(&plan.kind)?;
    let by_key: HashMap<&GroupKey, usize> = plan
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (&g.key, i))
        .collect();
    let mut area_of: HashMap<&GroupKey, Option<&'static str>> = HashMap::new();
    let mut groups = Vec::new();
    // Parents come before children (the model's order), so a parent's area is known.
    for g in &plan.groups {
        let inherited = g
            .parent
            .as_ref()
            .and_then(|p| area_of.get(p).copied().flatten());
        // The kind of the nearest ancestor that is a 基本施策 or 重点施策 decides the tier.
        let mut kind = g.kind;
        let mut up = g.parent.as_ref();
        let mut steps = 0;
        while !matches!(kind, GroupKind::BasicPolicy | GroupKind::PriorityPolicy) {
            let Some(p) = up
                .and_then(|k| by_key.get(k))
                .and_then(|i| plan.groups.get(*i))
            else {
                break;
            };
            kind = p.kind;
            up = p.parent.as_ref();
            steps += 1;
            if steps > plan.groups.len() {
                break;
            }
        }
        let area = match inherited {
            Some(a) => Some(a),
            None => match_title(package, &g.title, tiers_for(kind)).map(|(area, reason)| {
                groups.push(GroupArea {
                    group: g.key.clone(),
                    area: Some(area.code.to_owned()),
                    reason,
                    source: MappingSource::Proposed,
                });
                area.code
            }),
        };
        area_of.insert(&g.key, area);
    }
    Some(PackageMapping {
        package: package.id.to_owned(),
        groups,
    })
}

/// The mapping in force for a plan: the stored one, else the proposal.
pub fn mapping_of(plan: &Plan) -> Option<(PackageMapping, bool)> {
    match &plan.package {
        Some(m) => Some((m.clone(), true)),
        None => propose(plan).map(|m| (m, false)),
    }
}

/// Every group's area under `mapping` (its own entry, else its nearest ancestor's); groups
/// without one are absent.
pub fn effective_areas(plan: &Plan, mapping: &PackageMapping) -> HashMap<GroupKey, String> {
    let own: HashMap<&GroupKey, Option<&String>> = mapping
        .groups
        .iter()
        .map(|g| (&g.group, g.area.as_ref()))
        .collect();
    let parent: HashMap<&GroupKey, Option<&GroupKey>> = plan
        .groups
        .iter()
        .map(|g| (&g.key, g.parent.as_ref()))
        .collect();
    let mut out = HashMap::new();
    for g in &plan.groups {
        let mut at = Some(&g.key);
        let mut steps = 0;
        while let Some(k) = at {
            if let Some(area) = own.get(k) {
                if let Some(a) = area {
                    out.insert(g.key.clone(), (*a).clone());
                }
                break;
            }
            at = parent.get(k).copied().flatten();
            steps += 1;
            if steps > plan.groups.len() {
                break;
            }
        }
    }
    out
}

/// Checks a mapping against its plan: a known package, groups of the plan (each once) and
/// areas of the package. Every problem, in Japanese.
pub fn check_mapping(plan: &Plan, mapping: &PackageMapping) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(package) = package_by_id(&mapping.package) else {
        return vec![format!("政策パッケージ「{}」はありません", mapping.package)];
    };
    let mut seen = BTreeSet::new();
    for g in &mapping.groups {
        if plan.group(&g.group).is_none() {
            problems.push(format!("施策「{}」はこの計画にありません", g.group));
        }
        if !seen.insert(&g.group) {
            problems.push(format!("施策「{}」が二度指定されています", g.group));
        }
        if let Some(a) = &g.area
            && package.area(a).is_none()
        {
            problems.push(format!("政策領域「{a}」は{}にありません", package.title));
        }
    }
    problems
}

/// What one plan reports in one policy area for one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AreaFigures {
    /// Measures listed under the area's groups (再掲 included, each measure once).
    pub measures: usize,
    /// Of them, listed there only as 再掲 (their main listing is elsewhere).
    pub relisted: usize,
    /// Records of the year of those measures.
    pub records: usize,
    /// Records that state a status or an achievement.
    pub reported: usize,
    /// Of them, done: status 実施済 (meaning done), or, without a status, an achievement of
    /// 100 % or 「実施」「実施済」.
    pub done: usize,
    /// Records with an achievement in percent, and the sum of those percents.
    pub achievement_count: usize,
    pub achievement_sum: i64,
    /// Cost of the year in yen (a shared total counted once, a duplicate not at all), and
    /// the number of records stating an amount.
    pub cost_yen: i64,
    pub cost_records: usize,
    /// Reported grades (S–D …) of the records, by grade.
    pub grades: BTreeMap<String, usize>,
}

impl AreaFigures {
    /// Done as a share of reported records, in whole percent.
    pub fn done_percent(&self) -> Option<i64> {
        (self.reported > 0).then(|| {
            let done = i64::try_from(self.done).unwrap_or(i64::MAX);
            let reported = i64::try_from(self.reported).unwrap_or(i64::MAX);
            (done * 100 + reported / 2) / reported
        })
    }

    /// The mean achievement in whole percent.
    pub fn achievement_mean(&self) -> Option<i64> {
        let n = i64::try_from(self.achievement_count)
            .ok()
            .filter(|n| *n > 0)?;
        Some((self.achievement_sum * 2 + n).div_euclid(2 * n))
    }
}

fn is_done_value(v: &AchievementValue) -> Option<bool> {
    match v {
        AchievementValue::Percent(p) => Some(*p >= 100),
        AchievementValue::Category(c) => {
            let c = fold(c);
            Some(c == "実施" || c == "実施済")
        }
        AchievementValue::PerDivision(parts) => {
            let parts: Vec<bool> = parts
                .iter()
                .filter_map(|p| is_done_value(&p.value))
                .collect();
            (!parts.is_empty()).then(|| parts.iter().all(|d| *d))
        }
        AchievementValue::Blank | AchievementValue::Unparsed => None,
    }
}

/// Whether a record states a status or achievement, and whether it says done.
pub fn record_done(plan: &Plan, r: &ProgressRecord) -> Option<bool> {
    if let Some(s) = &r.status {
        let meaning = plan
            .status_scale
            .levels
            .iter()
            .find(|l| l.label == s.label)
            .map(|l| l.meaning);
        return Some(meaning == Some(StatusMeaning::Done));
    }
    r.achievement.as_ref().and_then(|a| is_done_value(&a.value))
}

/// A plan's figures per area code for `year` (every area of the package, empty ones too,
/// and `""` for measures under no area), in the package's order.
pub fn area_figures(
    plan: &Plan,
    mapping: &PackageMapping,
    year: Option<FiscalYear>,
) -> Vec<(String, AreaFigures)> {
    let Some(package) = package_by_id(&mapping.package) else {
        return Vec::new();
    };
    let areas = effective_areas(plan, mapping);
    // measure → (area → relisted only)
    let mut measure_areas: BTreeMap<&MeasureKey, BTreeMap<&str, bool>> = BTreeMap::new();
    for m in &plan.measures {
        measure_areas.entry(&m.key).or_default();
    }
    for l in &plan.listings {
        let area = areas.get(&l.group).map_or("", String::as_str);
        let slot = measure_areas.entry(&l.measure).or_default();
        let relisted = slot.get(area).copied().unwrap_or(true) && l.relisted;
        slot.insert(area, relisted);
    }
    let mut codes: Vec<&str> = package.areas.iter().map(|a| a.code).collect();
    codes.push("");
    let mut out: Vec<(String, AreaFigures)> = codes
        .iter()
        .map(|c| ((*c).to_owned(), AreaFigures::default()))
        .collect();
    let index: HashMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let mut in_area: HashMap<&MeasureKey, Vec<usize>> = HashMap::new();
    for (m, slot) in &measure_areas {
        let slot_areas: Vec<(&str, bool)> = if slot.is_empty() {
            vec![("", false)]
        } else {
            slot.iter().map(|(a, r)| (*a, *r)).collect()
        };
        for (a, relisted) in slot_areas {
            let Some(i) = index.get(a).copied() else {
                continue;
            };
            if let Some((_, f)) = out.get_mut(i) {
                f.measures += 1;
                if relisted {
                    f.relisted += 1;
                }
            }
            in_area.entry(m).or_default().push(i);
        }
    }
    let mut shared_seen: Vec<BTreeSet<(Vec<MeasureKey>, i64)>> = vec![BTreeSet::new(); codes.len()];
    for r in &plan.records {
        if year.is_some_and(|y| r.fiscal_year != y) {
            continue;
        }
        let Some(targets) = in_area.get(&r.measure) else {
            continue;
        };
        let done = record_done(plan, r);
        let percent = match r.achievement.as_ref().map(|a| &a.value) {
            Some(AchievementValue::Percent(p)) => Some(*p),
            _ => None,
        };
        for i in targets {
            let (Some((_, f)), Some(seen)) = (out.get_mut(*i), shared_seen.get_mut(*i)) else {
                continue;
            };
            f.records += 1;
            if let Some(d) = done {
                f.reported += 1;
                if d {
                    f.done += 1;
                }
            }
            if let Some(p) = percent {
                f.achievement_count += 1;
                f.achievement_sum += i64::from(p);
            }
            let mut stated = false;
            for c in &r.costs {
                let Some(amount) = c.amount_yen else {
                    continue;
                };
                stated = true;
                let counted = match &c.sharing {
                    CostSharing::Own => true,
                    CostSharing::DuplicateOf { .. } => false,
                    CostSharing::SharedTotal { measures } => {
                        let mut set = measures.clone();
                        if !set.contains(&r.measure) {
                            set.push(r.measure.clone());
                        }
                        set.sort();
                        set.dedup();
                        seen.insert((set, amount))
                    }
                };
                if counted {
                    f.cost_yen = f.cost_yen.saturating_add(amount);
                }
            }
            if stated {
                f.cost_records += 1;
            }
            if let Some(g) = &r.grade {
                *f.grades.entry(g.to_string()).or_insert(0) += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, Location};

    fn group(key: &str, kind: GroupKind, title: &str, parent: Option<&str>) -> Group {
        Group {
            key: GroupKey::new(key),
            kind,
            label: kind.label_ja().to_owned(),
            number: None,
            title: title.to_owned(),
            parent: parent.map(GroupKey::new),
            location: Location::default(),
        }
    }

    #[test]
    fn titles_are_folded_and_kinds_choose_the_tier() {
        let p = &SUICIDE_PREVENTION_2017;
        let basic = [AreaTier::Basic];
        let (a, reason) = match_title(p, "児童生徒の ＳＯＳ の出し方に関する教育", &basic)
            .expect("SOS in full width");
        assert_eq!(a.code, "basic-5");
        assert!(reason.contains("SOS"), "{reason}");
        // A 基本施策 titled after young people stays a 基本施策 (no 重点施策 area is offered).
        assert!(match_title(p, "子ども・若者への支援", &basic).is_none());
        let (a, reason) = match_title(
            p,
            "無職者・失業者・生活困窮者への支援",
            &[AreaTier::Priority],
        )
        .expect("needy");
        assert_eq!(a.code, "priority-needy");
        assert!(reason.contains("無職者・失業者"), "{reason}");
    }

    #[test]
    fn children_inherit_and_explicit_none_stops_inheritance() {
        let mut plan = Plan::new("市", "自殺対策計画", PlanKind::SuicidePrevention);
        plan.groups = vec![
            group(
                "b1",
                GroupKind::BasicPolicy,
                "地域におけるネットワークの強化",
                None,
            ),
            group("b1-1", GroupKind::Policy, "関係機関の連携", Some("b1")),
            group("b1-2", GroupKind::Policy, "その他", Some("b1")),
            group("x", GroupKind::Other, "計画の推進", None),
        ];
        let mut m = propose(&plan).expect("a package");
        assert_eq!(m.package, "suicide-2017");
        let keys: Vec<&str> = m.groups.iter().map(|g| g.group.as_str()).collect();
        assert_eq!(keys, ["b1"]);
        let eff = effective_areas(&plan, &m);
        assert_eq!(
            eff.get(&GroupKey::new("b1-2")).map(String::as_str),
            Some("basic-1")
        );
        assert!(!eff.contains_key(&GroupKey::new("x")));
        m.groups.push(GroupArea {
            group: GroupKey::new("b1-2"),
            area: None,
            reason: "対象外".into(),
            source: MappingSource::Confirmed,
        });
        let eff = effective_areas(&plan, &m);
        assert!(!eff.contains_key(&GroupKey::new("b1-2")));
        assert!(check_mapping(&plan, &m).is_empty());
        m.groups.push(GroupArea {
            group: GroupKey::new("nope"),
            area: Some("basic-9".into()),
            reason: String::new(),
            source: MappingSource::Confirmed,
        });
        assert_eq!(check_mapping(&plan, &m).len(), 2);
    }

    #[test]
    fn other_kinds_have_no_package() {
        let plan = Plan::new("市", "地域福祉計画", PlanKind::CommunityWelfare);
        assert!(propose(&plan).is_none());
    }
}
