//! The mapping profile: which columns of a spreadsheet hold what (TOML; every field is
//! described in docs/mapping.md).

use super::MappingError;
use serde::{Deserialize, Serialize};
use shinchoku_core::{
    DirectionMeaning, FiscalYear, GroupKind, IndicatorKind, Polarity, StatusMeaning,
};

/// A whole profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile format; 1.
    #[serde(default = "one")]
    pub version: u32,
    #[serde(default)]
    pub source: Source,
    pub plan: PlanSpec,
    #[serde(default)]
    pub shape: Shape,
    /// The plan's hierarchy, top level first (any depth).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    pub measure: MeasureSpec,
    #[serde(default)]
    pub record: RecordSpec,
    #[serde(default)]
    pub costs: CostSpec,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorSpec>,
    /// The city's status words (状態, 取組状況) and what each means.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<StatusTermSpec>,
    /// The city's direction words (方向性) and what each means.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub direction: Vec<DirectionTermSpec>,
    /// Columns deliberately left out (no extra field, no warning).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
}

fn one() -> u32 {
    1
}

fn default_header_rows() -> Vec<u32> {
    vec![1]
}

/// Where the table is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The sheet of a workbook (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// The 1-based rows of the header; several when header cells are merged over two rows.
    #[serde(default = "default_header_rows")]
    pub header_rows: Vec<u32>,
    /// The first 1-based row of data (default: the row after the last header row).
    #[serde(default)]
    pub first_data_row: Option<u32>,
    /// CSV: the separator, `","` or `"\t"` (default: by the file).
    #[serde(default)]
    pub delimiter: Option<String>,
}

impl Default for Source {
    fn default() -> Self {
        Source {
            sheet: None,
            header_rows: default_header_rows(),
            first_data_row: None,
            delimiter: None,
        }
    }
}

/// A fiscal year as a Western year (`2023`) or as written (`"令和5年度"`, `"R5"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum YearSpec {
    Number(i32),
    Text(String),
}

impl YearSpec {
    pub fn year(&self) -> Option<FiscalYear> {
        match self {
            YearSpec::Number(n) => Some(FiscalYear(*n)),
            YearSpec::Text(t) => crate::normalise::parse_fiscal_year(t)
                .or_else(|| crate::normalise::parse_int(t).map(|n| FiscalYear(n as i32))),
        }
    }
}

/// The plan the rows belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSpec {
    pub municipality: String,
    pub title: String,
    /// `suicide_prevention`, `community_welfare`, `guardianship_promotion`,
    /// `recidivism_prevention`, or any other name (kept as written).
    #[serde(default)]
    pub kind: Option<String>,
    /// The year of columns whose header names none (and of the rows' measure-level extras).
    #[serde(default)]
    pub fiscal_year: Option<YearSpec>,
}

/// How rows relate to measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One row per measure; yearly values in repeated column blocks.
    #[default]
    Measure,
    /// One row per (measure, division).
    MeasureDivision,
    /// One row per (measure, year): the year in a column (`record.year`).
    MeasureYear,
}

/// One level of the hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The city's word for the level (「政策」「施策」「基本事業」).
    pub label: String,
    /// `basic_goal`, `basic_policy`, `priority_policy`, `policy`, `item` or `other`.
    #[serde(default = "other_kind")]
    pub kind: GroupKind,
    /// The column of the level's code (「施策コード」).
    #[serde(default)]
    pub code: Option<String>,
    /// The column of the level's name.
    #[serde(default)]
    pub name: Option<String>,
}

fn other_kind() -> GroupKind {
    GroupKind::Other
}

/// Columns of the measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MeasureSpec {
    /// The measure's own code (事業番号); the measure's key. Default: its name.
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub division: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub plan_page: Option<String>,
}

/// Yearly columns of a record: each names the header without its year (「実績」 matches
/// 「令和5年度 実績」 and 「R6 実績」), or a whole header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RecordSpec {
    /// Shape `measure_year`: the column holding the row's fiscal year.
    #[serde(default)]
    pub year: Option<String>,
    #[serde(default)]
    pub plan: Option<String>,
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub evaluation: Option<String>,
    #[serde(default)]
    pub effect: Option<String>,
    #[serde(default)]
    pub next_plan: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub achievement: Option<String>,
    #[serde(default)]
    pub direction: Option<String>,
    #[serde(default)]
    pub grade: Option<String>,
}

/// The unit amounts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AmountUnit {
    #[default]
    Yen,
    ThousandYen,
}

impl AmountUnit {
    pub fn factor(self) -> i64 {
        match self {
            AmountUnit::Yen => 1,
            AmountUnit::ThousandYen => 1000,
        }
    }
}

/// Yearly cost columns (事務事業評価).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CostSpec {
    /// `yen` or `thousand_yen` (「単位：千円」).
    #[serde(default)]
    pub unit: AmountUnit,
    /// 事業費（計）
    #[serde(default)]
    pub project_cost: Option<String>,
    /// 国庫支出金
    #[serde(default)]
    pub national: Option<String>,
    /// 都道府県支出金
    #[serde(default)]
    pub prefectural: Option<String>,
    /// 地方債
    #[serde(default)]
    pub local_bond: Option<String>,
    /// その他
    #[serde(default)]
    pub other: Option<String>,
    /// 一般財源
    #[serde(default)]
    pub general: Option<String>,
    /// 人件費
    #[serde(default)]
    pub personnel_cost: Option<String>,
    /// 正規職員数
    #[serde(default)]
    pub staff: Option<String>,
    /// 延べ業務時間
    #[serde(default)]
    pub work_hours: Option<String>,
    /// トータルコスト
    #[serde(default)]
    pub full_cost: Option<String>,
}

/// One indicator of each measure (活動指標1 …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// `activity` (活動指標), `target` (対象指標) or `outcome` (成果指標).
    pub kind: IndicatorKind,
    /// The indicator's label within its measure (default: the kind's word and its number,
    /// 「活動指標1」).
    #[serde(default)]
    pub label: Option<String>,
    /// The column of the indicator's name (default: the label).
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    /// 現状値 / 基準値 (one column).
    #[serde(default)]
    pub baseline: Option<String>,
    /// 目標値, yearly.
    #[serde(default)]
    pub target: Option<String>,
    /// 実績値, yearly.
    #[serde(default)]
    pub actual: Option<String>,
    #[serde(default)]
    pub polarity: Polarity,
}

/// A status word and its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusTermSpec {
    pub label: String,
    #[serde(default)]
    pub code: Option<String>,
    pub meaning: StatusMeaning,
}

/// A direction word and its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectionTermSpec {
    pub label: String,
    pub meaning: DirectionMeaning,
}

impl Profile {
    /// Parses a profile; the error names the line and the field.
    pub fn from_toml(text: &str) -> Result<Profile, MappingError> {
        let profile: Profile =
            toml::from_str(text).map_err(|e| MappingError::Profile(e.to_string()))?;
        if profile.version != 1 {
            return Err(MappingError::Profile(format!(
                "version {} is not known (this shinchoku reads version 1)",
                profile.version
            )));
        }
        if profile.source.header_rows.is_empty() || profile.source.header_rows.contains(&0) {
            return Err(MappingError::Profile(
                "source.header_rows must name 1-based rows".to_owned(),
            ));
        }
        if profile.shape == Shape::MeasureYear && profile.record.year.is_none() {
            return Err(MappingError::Profile(
                "shape = \"measure_year\" needs record.year, the column of the year".to_owned(),
            ));
        }
        if let Some(y) = &profile.plan.fiscal_year
            && y.year()
                .is_none_or(|y| !crate::options::SANE_YEARS.contains(&y.0))
        {
            return Err(MappingError::Profile(format!(
                "plan.fiscal_year {y:?} is not a fiscal year"
            )));
        }
        if let Some(d) = &profile.source.delimiter
            && d.len() != 1
        {
            return Err(MappingError::Profile(format!(
                "source.delimiter {d:?} must be one character (\",\" or \"\\t\")"
            )));
        }
        Ok(profile)
    }

    /// The profile as TOML (without comments).
    pub fn to_toml(&self) -> Result<String, MappingError> {
        toml::to_string(self).map_err(|e| MappingError::Profile(e.to_string()))
    }

    /// The layout name of documents read through this profile: `mapping:` and the first 12
    /// hex digits of the SHA-256 of the profile (as [`Profile::to_toml`] writes it, so comments
    /// and spacing do not count).
    pub fn layout_name(&self) -> String {
        let canonical = self.to_toml().unwrap_or_default();
        let hash = crate::normalise::sha256_hex(canonical.as_bytes());
        format!("{}:{}", super::LAYOUT, hash.get(..12).unwrap_or(&hash))
    }

    /// The plan kind named by `plan.kind`.
    pub fn plan_kind(&self) -> shinchoku_core::PlanKind {
        use shinchoku_core::PlanKind;
        match self.plan.kind.as_deref() {
            Some("suicide_prevention") => PlanKind::SuicidePrevention,
            Some("community_welfare") => PlanKind::CommunityWelfare,
            Some("guardianship_promotion") => PlanKind::GuardianshipPromotion,
            Some("recidivism_prevention") => PlanKind::RecidivismPrevention,
            Some(other) => PlanKind::Other(other.to_owned()),
            None => PlanKind::Other("事務事業評価".to_owned()),
        }
    }
}
