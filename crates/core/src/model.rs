//! The plan model: everything a progress report holds.
//!
//! A [`Plan`] is self-contained: all cross references inside it are keys ([`MeasureKey`],
//! [`GroupKey`], …) that are unique within the plan and stable across re-imports of the same
//! document (readers derive them deterministically from the source, e.g. the report's own
//! numbering). Every value parsed from text keeps its `original` text beside it, and every
//! item keeps the [`Location`] it was read from.

use crate::fiscal::{DocDate, FiscalYear};
use crate::rating::{Grade, RatingScheme};
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! key_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(key: impl Into<String>) -> Self {
                Self(key.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

key_type!(
    /// Key of a [`Group`] within its plan (e.g. 「基本施策1」, 「1-1」).
    GroupKey
);
key_type!(
    /// Key of a [`Measure`] within its plan (e.g. the report's own 「No.38」).
    MeasureKey
);
key_type!(
    /// Key of a [`Department`] within its plan (its first name).
    DepartmentKey
);
key_type!(
    /// Key of a [`Division`] within its plan (its first name).
    DivisionKey
);
key_type!(
    /// Key of an [`Indicator`] within its plan.
    IndicatorKey
);

/// Where something was read from: the source file, the 1-based line, and the field (column
/// header, cell or block name) when that helps a reader of the diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Location {
    pub file: String,
    pub line: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Location {
    pub fn new(file: impl Into<String>, line: u32) -> Self {
        Location {
            file: file.into(),
            line,
            field: None,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(field) = &self.field {
            write!(f, " [{field}]")?;
        }
        Ok(())
    }
}

/// 自治体: the city or town that owns the plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    /// Name as written, e.g. 「川口市」.
    pub name: String,
    /// 全国地方公共団体コード when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The kind of policy plan. Known kinds get a variant; anything else keeps its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// 自殺対策計画
    SuicidePrevention,
    /// 地域福祉計画 / 地域共生社会推進計画
    CommunityWelfare,
    /// 成年後見制度利用促進計画
    GuardianshipPromotion,
    /// 再犯防止推進計画
    RecidivismPrevention,
    Other(String),
}

impl PlanKind {
    pub fn label_ja(&self) -> &str {
        match self {
            PlanKind::SuicidePrevention => "自殺対策計画",
            PlanKind::CommunityWelfare => "地域福祉計画",
            PlanKind::GuardianshipPromotion => "成年後見制度利用促進計画",
            PlanKind::RecidivismPrevention => "再犯防止推進計画",
            PlanKind::Other(name) => name,
        }
    }
}

/// 計画期間: first and last fiscal year, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub first: FiscalYear,
    pub last: FiscalYear,
}

/// The document a plan (or part of it) was imported from.
///
/// The dates a document states about itself (cover, 報告対象期間, 発行日) are recorded on the
/// source entry of the plan the document's title names; plans embedded in the same document
/// (the Kawaguchi report's 成年後見 and 再犯防止 sections) name the document without them, so
/// that a document-level finding is made once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDocument {
    /// File name as given to the importer (no directories).
    pub file: String,
    /// The document's own title line, e.g. 「川口市自殺対策推進計画掲載事業」.
    pub title: String,
    /// Name of the reader layout that read it (e.g. `kiyose`).
    pub layout: String,
    /// SHA-256 of the bytes, hex; lets the store recognise a re-import.
    pub sha256: String,
    /// The date on the cover (「令和 7 年 3 月」 under the title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_date: Option<StatedDate>,
    /// 報告対象期間: the period the report reports on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting_period: Option<ReportingPeriod>,
    /// 発行日 of the colophon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<StatedDate>,
}

impl SourceDocument {
    /// A document without stated dates.
    pub fn new(
        file: impl Into<String>,
        title: impl Into<String>,
        layout: impl Into<String>,
        sha256: impl Into<String>,
    ) -> Self {
        SourceDocument {
            file: file.into(),
            title: title.into(),
            layout: layout.into(),
            sha256: sha256.into(),
            cover_date: None,
            reporting_period: None,
            issue_date: None,
        }
    }
}

/// A date a document states about itself, as written and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedDate {
    pub date: DocDate,
    /// The text it was read from (「令和 7 年 3 月」).
    pub original: String,
    pub location: Location,
}

/// 報告対象期間: first and last day of the period a report covers, as written and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingPeriod {
    pub start: DocDate,
    pub end: DocDate,
    /// The text it was read from (「令和6年度（令和6年4月1日～令和7年3月31日）」).
    pub original: String,
    pub location: Location,
}

/// A plan with everything a report says about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub municipality: Municipality,
    /// 計画名, e.g. 「川口市自殺対策推進計画」.
    pub title: String,
    pub kind: PlanKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// 基本理念
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub philosophy: Option<String>,
    /// The fiscal years that records, targets or actuals of this plan refer to, ascending.
    #[serde(default)]
    pub fiscal_years: Vec<FiscalYear>,
    /// The plan's own status vocabulary (ア 実施済 … オ その他).
    #[serde(default)]
    pub status_scale: StatusScale,
    /// The plan's own direction vocabulary (継続 / 拡充 / …).
    #[serde(default)]
    pub direction_vocabulary: DirectionVocabulary,
    /// How indicator grades are derived, when the plan states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_scheme: Option<RatingScheme>,
    #[serde(default)]
    pub departments: Vec<Department>,
    #[serde(default)]
    pub divisions: Vec<Division>,
    /// The hierarchy, in document order; parents before children.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// In document order.
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// Where measures are listed (one measure may be listed under several groups: 再掲).
    #[serde(default)]
    pub listings: Vec<Listing>,
    /// Which divisions are responsible for which measure.
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    #[serde(default)]
    pub records: Vec<ProgressRecord>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Goal-level ratings with reasons.
    #[serde(default)]
    pub ratings: Vec<Rating>,
    /// 今後の取組と課題 per goal or policy.
    #[serde(default)]
    pub outlooks: Vec<Outlook>,
    /// Prose sections of the report that are not otherwise modelled (目的, 計画の位置づけ …),
    /// kept verbatim so that nothing of the document is lost.
    #[serde(default)]
    pub narratives: Vec<Narrative>,
    #[serde(default)]
    pub sources: Vec<SourceDocument>,
    /// Measures no longer in force from a fiscal year on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retirements: Vec<crate::identity::Retirement>,
    /// The fiscal years opened for collection (`crate::cycle`), ascending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cycles: Vec<crate::cycle::Cycle>,
    /// The plan's groups mapped onto the national policy package of its kind
    /// (`crate::package`); `None` until proposed and stored, or set by the secretariat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<crate::package::PackageMapping>,
}

impl Plan {
    /// An empty plan of a municipality; readers fill it.
    pub fn new(municipality: impl Into<String>, title: impl Into<String>, kind: PlanKind) -> Self {
        Plan {
            municipality: Municipality {
                name: municipality.into(),
                code: None,
            },
            title: title.into(),
            kind,
            period: None,
            philosophy: None,
            fiscal_years: Vec::new(),
            status_scale: StatusScale::default(),
            direction_vocabulary: DirectionVocabulary::default(),
            rating_scheme: None,
            departments: Vec::new(),
            divisions: Vec::new(),
            groups: Vec::new(),
            measures: Vec::new(),
            listings: Vec::new(),
            assignments: Vec::new(),
            records: Vec::new(),
            indicators: Vec::new(),
            ratings: Vec::new(),
            outlooks: Vec::new(),
            narratives: Vec::new(),
            sources: Vec::new(),
            retirements: Vec::new(),
            cycles: Vec::new(),
            package: None,
        }
    }

    /// The plan's identity across imports: municipality and title.
    pub fn key(&self) -> String {
        format!("{}/{}", self.municipality.name, self.title)
    }

    pub fn group(&self, key: &GroupKey) -> Option<&Group> {
        self.groups.iter().find(|g| &g.key == key)
    }

    pub fn measure(&self, key: &MeasureKey) -> Option<&Measure> {
        self.measures.iter().find(|m| &m.key == key)
    }

    pub fn division(&self, key: &DivisionKey) -> Option<&Division> {
        self.divisions.iter().find(|d| &d.key == key)
    }

    pub fn department(&self, key: &DepartmentKey) -> Option<&Department> {
        self.departments.iter().find(|d| &d.key == key)
    }

    /// The fiscal year from which a measure is no longer in force, if it is retired.
    pub fn retired_from(&self, key: &MeasureKey) -> Option<FiscalYear> {
        self.retirements
            .iter()
            .find(|r| &r.measure == key)
            .map(|r| r.from)
    }

    /// Whether a measure is in force in a fiscal year (not retired by then).
    pub fn in_force(&self, key: &MeasureKey, year: FiscalYear) -> bool {
        self.retired_from(key).is_none_or(|from| year < from)
    }

    /// Recomputes `fiscal_years` from records, indicators, ratings and outlooks.
    pub fn refresh_fiscal_years(&mut self) {
        let mut years: Vec<FiscalYear> = self.records.iter().map(|r| r.fiscal_year).collect();
        for indicator in &self.indicators {
            years.extend(indicator.targets.iter().filter_map(|o| o.fiscal_year));
            years.extend(indicator.actuals.iter().filter_map(|o| o.fiscal_year));
        }
        years.extend(self.ratings.iter().map(|r| r.fiscal_year));
        years.extend(self.outlooks.iter().map(|o| o.fiscal_year));
        years.sort();
        years.dedup();
        self.fiscal_years = years;
    }
}

/// A renaming that takes effect from a fiscal year on: 「企画部(令和4年度～地域振興部)」 is a
/// department named 企画部 with the rename `{from: 2022, name: 地域振興部}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rename {
    pub from: FiscalYear,
    pub name: String,
    /// The text the rename was read from.
    pub original: String,
}

fn name_in<'a>(name: &'a str, renames: &'a [Rename], year: FiscalYear) -> &'a str {
    renames
        .iter()
        .filter(|r| r.from <= year)
        .max_by_key(|r| r.from)
        .map_or(name, |r| r.name.as_str())
}

/// 部 / 担当部署: a top-level organisation unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub key: DepartmentKey,
    /// The name it had first (in the document's earliest year).
    pub name: String,
    #[serde(default)]
    pub renames: Vec<Rename>,
}

impl Department {
    pub fn name_in(&self, year: FiscalYear) -> &str {
        name_in(&self.name, &self.renames, year)
    }
}

/// 課 / 担当課 / 実施課 / 所管課, or a partner organisation (`external`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Division {
    pub key: DivisionKey,
    /// The name it had first (in the document's earliest year).
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<DepartmentKey>,
    /// A partner organisation (医師会, 社会福祉協議会 …) that reports like a division.
    #[serde(default)]
    pub external: bool,
    #[serde(default)]
    pub renames: Vec<Rename>,
}

impl Division {
    pub fn name_in(&self, year: FiscalYear) -> &str {
        name_in(&self.name, &self.renames, year)
    }
}

/// What level of the hierarchy a group is. The city's own word is kept in [`Group::label`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// 基本目標
    BasicGoal,
    /// 基本施策
    BasicPolicy,
    /// 重点施策
    PriorityPolicy,
    /// 施策
    Policy,
    /// 項目 (計画における項目)
    Item,
    Other,
}

impl GroupKind {
    pub fn label_ja(self) -> &'static str {
        match self {
            GroupKind::BasicGoal => "基本目標",
            GroupKind::BasicPolicy => "基本施策",
            GroupKind::PriorityPolicy => "重点施策",
            GroupKind::Policy => "施策",
            GroupKind::Item => "項目",
            GroupKind::Other => "区分",
        }
    }
}

/// A node of the plan's hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub key: GroupKey,
    pub kind: GroupKind,
    /// The city's word for the level, as written (「基本施策」「重点施策」「基本目標」).
    pub label: String,
    /// The city's numbering as written (「1」「①」「1-1」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<GroupKey>,
    pub location: Location,
}

/// 事業 / 取組 / 実施内容: one concrete program of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub key: MeasureKey,
    /// The report's own number (「No.」 column), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub name: String,
    /// 事業概要
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 対象者
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// 計画書ページ, as written (「P.21」「18」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_page: Option<String>,
    pub location: Location,
}

/// A measure shown under a group. `relisted` marks a 再掲 listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub measure: MeasureKey,
    pub group: GroupKey,
    #[serde(default)]
    pub relisted: bool,
    pub location: Location,
}

/// A division responsible for a measure. A measure has one or more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub measure: MeasureKey,
    pub division: DivisionKey,
    pub location: Location,
}

/// One level of a plan's status vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusLevel {
    /// The mark written before the label (「ア」), if the scale has marks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 「実施済」
    pub label: String,
    pub meaning: StatusMeaning,
}

/// What a status level means, for roll-ups and colours across plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusMeaning {
    Done,
    Partial,
    Preparing,
    NotDone,
    Other,
}

/// 取組状況 vocabulary of a plan (may be empty when the plan has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct StatusScale {
    pub levels: Vec<StatusLevel>,
}

impl StatusScale {
    /// The Kumagaya-style scale ア 実施済 / イ 一部実施 / ウ 準備中 / エ 未実施 / オ その他.
    pub fn a_to_o() -> Self {
        let level = |code: &str, label: &str, meaning| StatusLevel {
            code: Some(code.to_owned()),
            label: label.to_owned(),
            meaning,
        };
        StatusScale {
            levels: vec![
                level("ア", "実施済", StatusMeaning::Done),
                level("イ", "一部実施", StatusMeaning::Partial),
                level("ウ", "準備中", StatusMeaning::Preparing),
                level("エ", "未実施", StatusMeaning::NotDone),
                level("オ", "その他", StatusMeaning::Other),
            ],
        }
    }

    /// Finds the level a written status refers to, by code (「ア」) or label (「実施済」).
    pub fn find(&self, code_or_label: &str) -> Option<&StatusLevel> {
        let s = code_or_label.trim();
        self.levels
            .iter()
            .find(|l| l.code.as_deref() == Some(s) || l.label == s)
    }
}

/// A record's status, as a level of the plan's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub label: String,
    pub original: String,
}

/// What a direction term means, for comparisons across cities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DirectionMeaning {
    Continue,
    Expand,
    Improve,
    Integrate,
    Reduce,
    Suspend,
    Abolish,
    Complete,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectionTerm {
    pub label: String,
    pub meaning: DirectionMeaning,
}

/// 方向性 vocabulary of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DirectionVocabulary {
    pub terms: Vec<DirectionTerm>,
}

impl DirectionVocabulary {
    /// 継続 / 拡充 / 縮小 / 廃止 / 完了.
    pub fn standard() -> Self {
        let term = |label: &str, meaning| DirectionTerm {
            label: label.to_owned(),
            meaning,
        };
        DirectionVocabulary {
            terms: vec![
                term("継続", DirectionMeaning::Continue),
                term("拡充", DirectionMeaning::Expand),
                term("縮小", DirectionMeaning::Reduce),
                term("廃止", DirectionMeaning::Abolish),
                term("完了", DirectionMeaning::Complete),
            ],
        }
    }

    pub fn find(&self, label: &str) -> Option<&DirectionTerm> {
        let s = label.trim();
        self.terms.iter().find(|t| t.label == s)
    }
}

/// 方向性: what happens to the measure in the fiscal year after the record's year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Direction {
    /// The vocabulary term (「継続」).
    pub label: String,
    pub original: String,
}

/// 達成度 as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Achievement {
    pub value: AchievementValue,
    /// The cell text it was read from (empty for an empty cell).
    pub original: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum AchievementValue {
    /// Empty, 「-」 or 「—」: no achievement stated.
    Blank,
    /// Integer percent.
    Percent(i32),
    /// A category such as 「実施」「未実施」.
    Category(String),
    /// Separate values per division (「(健康推進課) 100% (企画課) 実施」).
    PerDivision(Vec<DivisionAchievement>),
    /// Text that is none of the above; the original is kept.
    Unparsed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DivisionAchievement {
    /// The division as written in the cell.
    pub division_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<DivisionKey>,
    pub value: AchievementValue,
}

/// How a cost item relates to other measures' costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum CostSharing {
    /// The measure's own cost.
    #[default]
    Own,
    /// One amount that is the total for several measures (「40,000円 (No.71、72、73の総額)」):
    /// counted once in totals, whichever of those measures states it.
    SharedTotal { measures: Vec<MeasureKey> },
    /// The same money as stated for another measure (「(No.75と重複)」): not counted again.
    DuplicateOf { measure: MeasureKey },
}

/// 経費: one yen amount with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostItem {
    /// 「各種専門相談(報償金)」, when the cell labels its amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The amount in yen; `None` when the cell states no amount (「—」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_yen: Option<i64>,
    /// A remark attached to the amount (「内部講師のため」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub sharing: CostSharing,
    pub original: String,
}

/// A yen amount as read, with the text it was read from (「1,234」 in a sheet in 千円 is
/// 1,234,000 yen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    pub yen: i64,
    pub original: String,
}

/// A count or a number of hours as read (正規職員数 「1.5」, 延べ業務時間 「1,200」).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub original: String,
}

/// 財源: where the money of a 事業費 comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundingSource {
    /// 国庫支出金
    National,
    /// 都道府県支出金
    Prefectural,
    /// 地方債
    LocalBond,
    /// その他（特定財源）
    Other,
    /// 一般財源
    General,
}

impl FundingSource {
    pub const ALL: [FundingSource; 5] = [
        FundingSource::National,
        FundingSource::Prefectural,
        FundingSource::LocalBond,
        FundingSource::Other,
        FundingSource::General,
    ];

    pub fn label_ja(self) -> &'static str {
        match self {
            FundingSource::National => "国庫支出金",
            FundingSource::Prefectural => "都道府県支出金",
            FundingSource::LocalBond => "地方債",
            FundingSource::Other => "その他",
            FundingSource::General => "一般財源",
        }
    }

    /// The name used in exports (`national` …).
    pub fn code(self) -> &'static str {
        match self {
            FundingSource::National => "national",
            FundingSource::Prefectural => "prefectural",
            FundingSource::LocalBond => "local_bond",
            FundingSource::Other => "other",
            FundingSource::General => "general",
        }
    }
}

/// One funding source's share of a 事業費.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funding {
    pub source: FundingSource,
    pub amount: Amount,
}

/// The cost of a measure in one fiscal year as a 事務事業評価シート states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CostBreakdown {
    /// 事業費（計）
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_cost: Option<Amount>,
    /// 財源内訳, in [`FundingSource::ALL`] order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding: Vec<Funding>,
    /// 人件費
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnel_cost: Option<Amount>,
    /// 正規職員数（人）
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<Quantity>,
    /// 延べ業務時間（時間）
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_hours: Option<Quantity>,
    /// トータルコスト（フルコスト）
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_cost: Option<Amount>,
}

impl CostBreakdown {
    /// Whether nothing is stated.
    pub fn is_empty(&self) -> bool {
        self.project_cost.is_none()
            && self.funding.is_empty()
            && self.personnel_cost.is_none()
            && self.staff.is_none()
            && self.work_hours.is_none()
            && self.full_cost.is_none()
    }

    /// The amount of a funding source, when stated.
    pub fn funding_of(&self, source: FundingSource) -> Option<&Amount> {
        self.funding
            .iter()
            .find(|f| f.source == source)
            .map(|f| &f.amount)
    }
}

/// 実績(その他): a counted output such as 「相談件数 416件」.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Output {
    pub label: String,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub original: String,
}

/// Words that qualify a count rather than name it (「年1回」 is once a year, not an item 「年」).
const OUTPUT_QUALIFIERS: &[&str] = &[
    "年", "年間", "月", "月間", "週", "日", "毎年", "毎月", "毎週", "毎日", "延べ", "延", "全",
    "計", "通算", "約", "各", "計画",
];

/// Endings of a sentence fragment rather than a name (「個別検討会議を」「2回目希望所属は」).
const FRAGMENT_ENDINGS: &[&str] = &[
    "は",
    "を",
    "に",
    "で",
    "が",
    "と",
    "も",
    "へ",
    "や",
    "から",
    "まで",
    "より",
    "として",
    "、",
    "。",
];

impl Output {
    /// Whether the label names what was counted (「相談件数」「参加者」), so that the pair
    /// (label, value) can be shown as such. A label that is empty, only qualifies the count
    /// (「年」 of 「年1回」, 「延べ」), is a sentence fragment (「…との関係で」「個別検討会議を」) or
    /// is longer than a name is not: the output is then shown as written.
    pub fn label_is_readable(&self) -> bool {
        let label = self.label.trim();
        !label.is_empty()
            && label.chars().count() <= 24
            && !OUTPUT_QUALIFIERS.contains(&label)
            && !FRAGMENT_ENDINGS.iter().any(|e| label.ends_with(e))
    }
}

/// A field of a record that the layout has but the model has no slot for, kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraField {
    /// The column's header (for [`ExtraKind::Column`]), the field the text would belong to
    /// (「実施状況」 for [`ExtraKind::Relisted`]), or 「位置不明のセル」.
    pub label: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "ExtraKind::is_column")]
    pub kind: ExtraKind,
    /// Where the text was read, when it is not where the record was read (a 再掲 row, a cell
    /// the reader could not place). For admins and diagnostics; never shown in public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl ExtraField {
    /// A column the model has no slot for, read where the record was read.
    pub fn column(label: impl Into<String>, text: impl Into<String>) -> Self {
        ExtraField {
            label: label.into(),
            text: text.into(),
            kind: ExtraKind::Column,
            location: None,
        }
    }
}

/// What an [`ExtraField`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ExtraKind {
    /// A column of the document the model has no slot for (shown and exported as such).
    #[default]
    Column,
    /// The text a 再掲 (re-listing) row of the same measure states differently for `label`.
    Relisted,
    /// A cell the reader could not place in any column: a data-quality note for admins, not
    /// shown to the public.
    Unplaced,
}

impl ExtraKind {
    pub fn is_column(&self) -> bool {
        *self == ExtraKind::Column
    }
}

/// What one division reported for one measure in one fiscal year.
///
/// Keyed by (measure, division, fiscal year). `division` is `None` when the report gives one
/// joint entry for all the measure's divisions and does not say whose text it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressRecord {
    pub measure: MeasureKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<DivisionKey>,
    pub fiscal_year: FiscalYear,
    /// 実施計画 / 今後の計画
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_text: Option<String>,
    /// 実施状況 / 実績
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_text: Option<String>,
    /// 評価 / 課題
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_text: Option<String>,
    /// 効果
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// `None` when the layout has no 達成度 for this year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<Achievement>,
    #[serde(default)]
    pub costs: Vec<CostItem>,
    /// The 経費 cell as the document writes it (「40,000円 (No.71、72、73の総額)」「—」「なし」),
    /// when the layout has a cost cell: what a reproduced table shows, while `costs` holds the
    /// amounts read from it. `None` when the layout has no such cell or the cell is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_original: Option<String>,
    /// The 事務事業評価's cost of the measure in this year: 事業費 by funding source,
    /// personnel and トータルコスト. `None` for reports that have no such breakdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_breakdown: Option<CostBreakdown>,
    #[serde(default)]
    pub outputs: Vec<Output>,
    /// Direction for the following fiscal year, decided in this record's year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// 評価 (S / A / B …) the report gives the measure itself for this year, when it grades
    /// measures rather than indicators (self-assessed; the plan's scheme names the scale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    #[serde(default)]
    pub extra: Vec<ExtraField>,
    /// 今後の計画: what the division plans for the following year (carried into that year's
    /// `plan_text` when the year is opened for collection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_plan_text: Option<String>,
    /// The review of a record collected in a cycle (never public).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<crate::cycle::Review>,
    pub location: Location,
}

impl ProgressRecord {
    /// An empty record; readers fill the fields they have.
    pub fn new(
        measure: MeasureKey,
        division: Option<DivisionKey>,
        fiscal_year: FiscalYear,
        location: Location,
    ) -> Self {
        ProgressRecord {
            measure,
            division,
            fiscal_year,
            plan_text: None,
            result_text: None,
            evaluation_text: None,
            effect_text: None,
            status: None,
            achievement: None,
            costs: Vec::new(),
            cost_original: None,
            cost_breakdown: None,
            outputs: Vec::new(),
            direction: None,
            grade: None,
            extra: Vec::new(),
            next_plan_text: None,
            review: None,
            location,
        }
    }
}

/// Whether a larger value of an indicator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
    /// Neither can be told from the document; grades cannot be computed.
    Unknown,
}

/// A value of an indicator as stated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum Value {
    Number(f64),
    /// A qualitative statement (「前年度より増加」「実施」).
    Text(String),
    /// Not yet published (national statistics come a year late): a state, not a zero.
    NotYetAvailable,
    /// Nothing stated.
    Blank,
}

impl Value {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// One statement of a baseline, target or actual value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_year: Option<FiscalYear>,
    pub value: Value,
    pub original: String,
    pub location: Location,
}

/// A grade as the document reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedGrade {
    pub fiscal_year: FiscalYear,
    pub grade: Grade,
    pub location: Location,
}

/// A text per fiscal year (取組内容 of an indicator block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearText {
    pub fiscal_year: FiscalYear,
    pub text: String,
    pub location: Location,
}

/// What an indicator of a 事務事業評価 counts: 活動指標 / 対象指標 / 成果指標.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// 活動指標: what the measure did (回数, 件数).
    Activity,
    /// 対象指標: whom or what it served (対象者数).
    Target,
    /// 成果指標: what changed because of it.
    Outcome,
}

impl IndicatorKind {
    pub fn label_ja(self) -> &'static str {
        match self {
            IndicatorKind::Activity => "活動指標",
            IndicatorKind::Target => "対象指標",
            IndicatorKind::Outcome => "成果指標",
        }
    }

    /// The name used in exports and mapping profiles (`activity` …).
    pub fn code(self) -> &'static str {
        match self {
            IndicatorKind::Activity => "activity",
            IndicatorKind::Target => "target",
            IndicatorKind::Outcome => "outcome",
        }
    }
}

/// 成果指標 / 評価指標 / KPI.
///
/// A document may state the same value twice (a summary table and a detail block): every
/// statement is kept as its own [`Observation`] / [`ReportedGrade`] with its location, so that
/// the audit can compare them. The first statement of a year is the authoritative one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub key: IndicatorKey,
    pub name: String,
    /// The group the indicator measures (a 基本目標 or 施策).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupKey>,
    /// The measure the indicator belongs to (the 活動指標 … of a 事務事業評価).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<MeasureKey>,
    /// 活動指標 / 対象指標 / 成果指標, when the document says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<IndicatorKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default)]
    pub polarity: Polarity,
    /// 現状値
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Observation>,
    #[serde(default)]
    pub targets: Vec<Observation>,
    #[serde(default)]
    pub actuals: Vec<Observation>,
    #[serde(default)]
    pub reported_grades: Vec<ReportedGrade>,
    /// 取組内容 per year.
    #[serde(default)]
    pub activities: Vec<YearText>,
    pub location: Location,
}

impl Indicator {
    /// The first (authoritative) target stated for a year.
    pub fn target(&self, year: FiscalYear) -> Option<&Observation> {
        self.targets.iter().find(|o| o.fiscal_year == Some(year))
    }

    /// The first (authoritative) actual stated for a year.
    pub fn actual(&self, year: FiscalYear) -> Option<&Observation> {
        self.actuals.iter().find(|o| o.fiscal_year == Some(year))
    }

    /// The first reported grade of a year.
    pub fn reported_grade(&self, year: FiscalYear) -> Option<&ReportedGrade> {
        self.reported_grades.iter().find(|g| g.fiscal_year == year)
    }
}

/// A goal-level (or policy-level) grade with the city's justification (評価の理由).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub group: GroupKey,
    pub fiscal_year: FiscalYear,
    pub grade: Grade,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub location: Location,
}

/// 今後の取組と課題 of a goal or policy (or of the whole plan when `group` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlook {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupKey>,
    pub fiscal_year: FiscalYear,
    pub text: String,
    pub location: Location,
}

/// A prose section of the report kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narrative {
    pub title: String,
    pub text: String,
    pub location: Location,
}

/// How a plan writes 達成度: the categories it uses (「実施」「未実施」 …, in first-use order)
/// and whether it also uses percentages.
impl Plan {
    /// The achievement categories the plan's records use, in first-use order.
    pub fn achievement_categories(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |c: &str| {
            if !out.iter().any(|x| x == c) {
                out.push(c.to_owned());
            }
        };
        for r in &self.records {
            match r.achievement.as_ref().map(|a| &a.value) {
                Some(AchievementValue::Category(c)) => add(c),
                Some(AchievementValue::PerDivision(parts)) => {
                    for p in parts {
                        if let AchievementValue::Category(c) = &p.value {
                            add(c);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Whether any record states its achievement as a percentage.
    pub fn uses_percent_achievement(&self) -> bool {
        self.records.iter().any(|r| {
            matches!(
                r.achievement.as_ref().map(|a| &a.value),
                Some(AchievementValue::Percent(_))
            )
        })
    }
}

#[cfg(test)]
mod output_tests {
    use super::Output;

    fn output(label: &str) -> Output {
        Output {
            label: label.into(),
            value: 1.0,
            unit: Some("回".into()),
            original: format!("{label}1回"),
        }
    }

    #[test]
    fn labels_that_name_the_count_are_readable_and_fragments_are_not() {
        for ok in ["相談件数", "参加者", "部会", "面接", "母子訪問指導 (延べ)"] {
            assert!(output(ok).label_is_readable(), "{ok}");
        }
        for not in [
            "",
            "年",
            "延べ",
            "全",
            "個別検討会議を",
            "2回目希望所属は",
            "新型コロナウイルス感染症との関係で",
            "支給実績 :育英資金 新規貸付を行った件数を集計した結果として",
        ] {
            assert!(!output(not).label_is_readable(), "{not}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rename_applies_from_its_year() {
        let d = Department {
            key: DepartmentKey::new("企画部"),
            name: "企画部".into(),
            renames: vec![Rename {
                from: FiscalYear(2022),
                name: "地域振興部".into(),
                original: "企画部(令和4年度～地域振興部)".into(),
            }],
        };
        assert_eq!(d.name_in(FiscalYear(2021)), "企画部");
        assert_eq!(d.name_in(FiscalYear(2022)), "地域振興部");
        assert_eq!(d.name_in(FiscalYear(2025)), "地域振興部");
    }

    #[test]
    fn status_scale_lookup() {
        let s = StatusScale::a_to_o();
        assert_eq!(s.find("ア").map(|l| l.label.as_str()), Some("実施済"));
        assert_eq!(
            s.find("未実施").map(|l| l.meaning),
            Some(StatusMeaning::NotDone)
        );
        assert!(s.find("カ").is_none());
    }
}
