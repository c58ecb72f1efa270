//! The layout of a collection workbook, shared by the writer (`shinchoku_report::workbook`)
//! and the reader ([`super::read_workbook`]): the columns of a plan sheet, the hidden version
//! stamp, and how a division filter matches a record.

use shinchoku_core::{FiscalYear, Plan, ProgressRecord};

/// The version of the workbook format; a stamp of another version is refused.
pub const FORMAT_VERSION: u32 = 1;

/// The (very hidden) sheet that holds the [`Stamp`].
pub const STAMP_SHEET: &str = "_shinchoku";

/// The first cell of the stamp sheet.
pub const STAMP_MAGIC: &str = "shinchoku-workbook";

/// The row of the column headings (0-based); records start on the next row.
pub const HEADER_ROW: u32 = 0;

/// The first row of records (0-based: row 2 as Excel shows it).
pub const FIRST_DATA_ROW: u32 = 1;

/// A column of a plan sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    RecordId,
    MeasureNumber,
    MeasureName,
    Division,
    FiscalYear,
    PlanText,
    ResultText,
    EvaluationText,
    Status,
    Achievement,
    Direction,
    CostOriginal,
    NextPlanText,
    PrevResultText,
    PrevStatus,
    PrevAchievement,
    PrevDirection,
}

impl Column {
    /// Every column, left to right.
    pub const ALL: [Column; 17] = [
        Column::RecordId,
        Column::MeasureNumber,
        Column::MeasureName,
        Column::Division,
        Column::FiscalYear,
        Column::PlanText,
        Column::ResultText,
        Column::EvaluationText,
        Column::Status,
        Column::Achievement,
        Column::Direction,
        Column::CostOriginal,
        Column::NextPlanText,
        Column::PrevResultText,
        Column::PrevStatus,
        Column::PrevAchievement,
        Column::PrevDirection,
    ];

    /// The heading in the header row.
    pub fn header_ja(self) -> &'static str {
        match self {
            Column::RecordId => "記録ID",
            Column::MeasureNumber => "事業番号",
            Column::MeasureName => "事業名",
            Column::Division => "担当課",
            Column::FiscalYear => "年度",
            Column::PlanText => "計画",
            Column::ResultText => "実施状況・実績",
            Column::EvaluationText => "評価・課題",
            Column::Status => "取組状況",
            Column::Achievement => "達成度",
            Column::Direction => "今後の方向性",
            Column::CostOriginal => "経費",
            Column::NextPlanText => "今後の計画",
            Column::PrevResultText => "前年度の実施状況（参考）",
            Column::PrevStatus => "前年度の取組状況（参考）",
            Column::PrevAchievement => "前年度の達成度（参考）",
            Column::PrevDirection => "前年度の方向性（参考）",
        }
    }

    /// The record field an input column sets (the names of `shinchoku record set`), `None`
    /// for the locked columns.
    pub fn field(self) -> Option<&'static str> {
        match self {
            Column::PlanText => Some("plan_text"),
            Column::ResultText => Some("result_text"),
            Column::EvaluationText => Some("evaluation_text"),
            Column::Status => Some("status"),
            Column::Achievement => Some("achievement"),
            Column::Direction => Some("direction"),
            Column::CostOriginal => Some("cost_original"),
            Column::NextPlanText => Some("next_plan_text"),
            _ => None,
        }
    }

    /// Whether divisions write in this column (unlocked cells).
    pub fn is_input(self) -> bool {
        self.field().is_some()
    }

    /// The 0-based column index.
    pub fn index(self) -> u16 {
        let i = Column::ALL.iter().position(|c| *c == self).unwrap_or(0);
        u16::try_from(i).unwrap_or(0)
    }

    /// The input columns, left to right.
    pub fn inputs() -> impl Iterator<Item = Column> {
        Column::ALL.into_iter().filter(|c| c.is_input())
    }
}

/// The column letters of a 0-based index (`0` → `A`, `27` → `AB`).
pub fn column_letters(index: u32) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A cell address as people read it: `計画!E5` (0-based row and column).
pub fn cell_address(sheet: &str, row: u32, col: u32) -> String {
    format!("{sheet}!{}{}", column_letters(col), row + 1)
}

/// Whether a record belongs to the division a workbook was made for: the division's key,
/// its first name or its name in the record's year.
pub fn division_matches(plan: &Plan, record: &ProgressRecord, division: &str) -> bool {
    let Some(key) = &record.division else {
        return false;
    };
    if key.as_str() == division {
        return true;
    }
    plan.division(key)
        .is_some_and(|d| d.name == division || d.name_in(record.fiscal_year) == division)
}

/// The division name of a record as shown in its year (its key when the plan does not
/// define it; empty when the record has none).
pub fn division_name(plan: &Plan, record: &ProgressRecord) -> String {
    match &record.division {
        Some(key) => plan.division(key).map_or_else(
            || key.as_str().to_owned(),
            |d| d.name_in(record.fiscal_year).to_owned(),
        ),
        None => String::new(),
    }
}

/// What a workbook was made from: the hidden version stamp. An upload is matched against it
/// (sheets, rows, revisions) and against the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub version: u32,
    /// The division the workbook was made for (`None`: every division, the secretariat's).
    pub division: Option<String>,
    pub plans: Vec<StampPlan>,
}

/// One plan sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StampPlan {
    pub plan_id: i64,
    /// The plan's revision when the workbook was made.
    pub revision: i64,
    /// [`shinchoku_core::Plan::key`].
    pub key: String,
    pub fiscal_year: FiscalYear,
    pub sheet: String,
    pub records: Vec<StampRecord>,
}

/// One record row of a plan sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StampRecord {
    pub id: i64,
    /// The record's revision when the workbook was made.
    pub revision: i64,
    /// The 0-based row it was written on.
    pub row: u32,
}

impl Stamp {
    /// The stamp as rows of text cells (what the stamp sheet holds).
    pub fn to_rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![
            vec![STAMP_MAGIC.to_owned(), self.version.to_string()],
            vec![
                "division".to_owned(),
                self.division.clone().unwrap_or_default(),
            ],
        ];
        for p in &self.plans {
            rows.push(vec![
                "plan".to_owned(),
                p.plan_id.to_string(),
                p.revision.to_string(),
                p.fiscal_year.0.to_string(),
                p.sheet.clone(),
                p.key.clone(),
            ]);
            for r in &p.records {
                rows.push(vec![
                    "record".to_owned(),
                    p.plan_id.to_string(),
                    r.id.to_string(),
                    r.revision.to_string(),
                    r.row.to_string(),
                ]);
            }
        }
        rows
    }

    /// The stamp of the stamp sheet's rows, or why they are not one.
    pub fn from_rows(rows: &[Vec<String>]) -> Result<Stamp, String> {
        let cell = |row: &Vec<String>, i: usize| row.get(i).map_or("", |s| s.trim()).to_owned();
        let number = |row: &Vec<String>, i: usize| -> Result<i64, String> {
            let s = cell(row, i);
            s.parse::<i64>()
                .map_err(|_| format!("版情報の「{}」が数ではありません", s))
        };
        let mut it = rows
            .iter()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()));
        let first = it.next().ok_or("版情報が空です")?;
        if cell(first, 0) != STAMP_MAGIC {
            return Err("版情報のシートが shinchoku のものではありません".to_owned());
        }
        let version = number(first, 1)?;
        if version != i64::from(FORMAT_VERSION) {
            return Err(format!(
                "ワークブックの形式（版 {version}）がこの shinchoku（版 {FORMAT_VERSION}）と違います。新しく出力し直してください"
            ));
        }
        let mut stamp = Stamp {
            version: FORMAT_VERSION,
            division: None,
            plans: Vec::new(),
        };
        for row in it {
            match cell(row, 0).as_str() {
                "division" => {
                    let d = cell(row, 1);
                    stamp.division = (!d.is_empty()).then_some(d);
                }
                "plan" => {
                    let year = number(row, 3)?;
                    stamp.plans.push(StampPlan {
                        plan_id: number(row, 1)?,
                        revision: number(row, 2)?,
                        fiscal_year: FiscalYear(i32::try_from(year).map_err(|_| "年度が不正です")?),
                        sheet: row.get(4).cloned().unwrap_or_default(),
                        key: row.get(5).cloned().unwrap_or_default(),
                        records: Vec::new(),
                    });
                }
                "record" => {
                    let plan_id = number(row, 1)?;
                    let record = StampRecord {
                        id: number(row, 2)?,
                        revision: number(row, 3)?,
                        row: u32::try_from(number(row, 4)?).map_err(|_| "行番号が不正です")?,
                    };
                    let plan = stamp
                        .plans
                        .iter_mut()
                        .rev()
                        .find(|p| p.plan_id == plan_id)
                        .ok_or("版情報の記録が計画の前にあります")?;
                    plan.records.push(record);
                }
                other => return Err(format!("版情報に不明な行「{other}」があります")),
            }
        }
        if stamp.plans.is_empty() {
            return Err("版情報に計画がありません".to_owned());
        }
        Ok(stamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_addresses() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(cell_address("計画", 4, 4), "計画!E5");
        assert_eq!(Column::Achievement.index(), 9);
    }

    #[test]
    fn stamps_round_trip() {
        let stamp = Stamp {
            version: FORMAT_VERSION,
            division: Some("健康増進課".into()),
            plans: vec![StampPlan {
                plan_id: 3,
                revision: 7,
                key: "市/計画".into(),
                fiscal_year: FiscalYear(2025),
                sheet: "計画".into(),
                records: vec![StampRecord {
                    id: 12,
                    revision: 2,
                    row: 1,
                }],
            }],
        };
        assert_eq!(Stamp::from_rows(&stamp.to_rows()), Ok(stamp));
        assert_eq!(
            Stamp::from_rows(&[vec![STAMP_MAGIC.into(), "9".into()]]),
            Err(
                "ワークブックの形式（版 9）がこの shinchoku（版 1）と違います。新しく出力し直してください"
                    .into()
            )
        );
    }
}
