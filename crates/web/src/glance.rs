//! The 「概況」 section of a plan's dashboard: the year's headline figures beside the year
//! before, grade distributions S → D (as a bar and as a table), and the 「要注意」 list with a
//! link to every item. Built from [`shinchoku_core::glance`]; a plan shows what it has.

use crate::catalog::PlanEntry;
use crate::view::{group_href, indicator_href, measure_href, year_ja};
use shinchoku_core::glance::{
    Figures, Glance, PERCENT_BANDS, WatchItem, WatchReason, WatchSubject, glance, grade_rank,
};
use shinchoku_core::{FiscalYear, Grade, Plan};
use shinchoku_report::format_yen;
use shinchoku_report::tables::heading_of;

/// Items shown per reason; the rest are counted (the tables below list every record).
const ITEMS_PER_REASON: usize = 30;

/// One headline figure: its label, this year's value, and the year before.
pub struct Headline {
    pub label: String,
    pub value: String,
    /// 「前年度 118」 or empty.
    pub previous: String,
    /// 「2件増」「5.2%減」 or empty.
    pub change: String,
}

/// One segment of a grade bar.
pub struct GradeSegment {
    pub x: String,
    pub width: String,
    pub class: &'static str,
    pub title: String,
}

/// A grade distribution of one kind (goals, indicators, measures).
pub struct GradeDistribution {
    pub caption: String,
    pub grades: Vec<(String, usize)>,
    pub total: usize,
    pub bar: Vec<GradeSegment>,
    pub bar_label: String,
    pub previous: String,
}

pub struct WatchLine {
    pub href: String,
    pub text: String,
    pub detail: String,
}

pub struct WatchGroup {
    pub heading: String,
    pub count: usize,
    pub items: Vec<WatchLine>,
    /// How many more items there are than shown.
    pub more: usize,
}

/// The view model of the 概況 section.
pub struct GlanceView {
    pub year_label: String,
    pub previous_label: String,
    pub headlines: Vec<Headline>,
    pub grades: Vec<GradeDistribution>,
    pub watch: Vec<WatchGroup>,
    pub watch_total: usize,
    pub findings: usize,
    pub findings_href: String,
}

const GRADE_BAR_WIDTH: f64 = 200.0;

fn grade_class(g: &Grade) -> &'static str {
    match grade_rank(g) {
        Some(0) => "gr-s",
        Some(1) => "gr-a",
        Some(2) => "gr-b",
        Some(3) => "gr-c",
        Some(_) => "gr-d",
        None => "gr-other",
    }
}

fn grades_text(grades: &[(Grade, usize)]) -> String {
    grades
        .iter()
        .map(|(g, n)| format!("{g} {n}件"))
        .collect::<Vec<_>>()
        .join("、")
}

fn distribution(
    caption: &str,
    grades: &[(Grade, usize)],
    previous: Option<(FiscalYear, &[(Grade, usize)])>,
) -> Option<GradeDistribution> {
    if grades.is_empty() {
        return None;
    }
    let total: usize = grades.iter().map(|(_, n)| n).sum();
    let mut x = 0.0;
    let bar = grades
        .iter()
        .map(|(g, n)| {
            let w = GRADE_BAR_WIDTH * *n as f64 / total.max(1) as f64;
            let seg = GradeSegment {
                x: format!("{x:.2}"),
                width: format!("{w:.2}"),
                class: grade_class(g),
                title: format!("{g} {n}件"),
            };
            x += w;
            seg
        })
        .collect();
    Some(GradeDistribution {
        caption: caption.to_owned(),
        grades: grades.iter().map(|(g, n)| (g.to_string(), *n)).collect(),
        total,
        bar,
        bar_label: format!("{caption}: {}", grades_text(grades)),
        previous: match previous {
            Some((y, p)) if !p.is_empty() => format!("{}: {}", y.wareki(), grades_text(p)),
            _ => String::new(),
        },
    })
}

fn count_change(now: usize, before: usize, unit: &str) -> String {
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => format!("{}{unit}増", now - before),
        std::cmp::Ordering::Less => format!("{}{unit}減", before - now),
        std::cmp::Ordering::Equal => "増減なし".into(),
    }
}

fn percent_change(now: i64, before: i64) -> String {
    if before == 0 {
        return String::new();
    }
    let pct = (now - before) as f64 * 100.0 / before as f64;
    if pct.abs() < 0.05 {
        "増減なし".into()
    } else if pct > 0.0 {
        format!("{pct:.1}%増")
    } else {
        format!("{:.1}%減", -pct)
    }
}

fn headlines(f: &Figures, prev: Option<&(FiscalYear, Figures)>) -> Vec<Headline> {
    let mut out = Vec::new();
    let p = prev.map(|(_, f)| f);
    // A plan without measures (one that reports on indicators only) has no such figure.
    if f.measures > 0 || f.records > 0 {
        out.push(Headline {
            label: "報告のあった事業".into(),
            value: format!(
                "{}事業（全{}事業・記録{}件）",
                f.measures_reported, f.measures, f.records
            ),
            previous: p.map_or_else(String::new, |p| format!("{}事業", p.measures_reported)),
            change: p.map_or_else(String::new, |p| {
                count_change(f.measures_reported, p.measures_reported, "事業")
            }),
        });
    }
    if let Some(statuses) = &f.statuses {
        for s in statuses.iter().filter(|s| {
            matches!(
                s.meaning,
                shinchoku_core::StatusMeaning::Done | shinchoku_core::StatusMeaning::NotDone
            )
        }) {
            let before = p
                .and_then(|p| p.statuses.as_ref())
                .and_then(|ss| ss.iter().find(|x| x.label == s.label))
                .map(|x| x.count);
            out.push(Headline {
                label: format!("取組状況「{}」", s.label),
                value: format!("{}件（記録{}件中）", s.count, f.records),
                previous: before.map_or_else(String::new, |b| format!("{b}件")),
                change: before.map_or_else(String::new, |b| count_change(s.count, b, "件")),
            });
        }
    }
    if let Some(a) = &f.achievement {
        let before = p.and_then(|p| p.achievement.as_ref());
        if let Some(median) = a.median_percent {
            let bands: Vec<String> = PERCENT_BANDS
                .iter()
                .zip(a.bands)
                .map(|(l, n)| format!("{l} {n}件"))
                .collect();
            out.push(Headline {
                label: "達成度（%）".into(),
                value: format!("中央値 {median}%（{}）", bands.join("、")),
                previous: before
                    .and_then(|b| b.median_percent)
                    .map_or_else(String::new, |m| format!("中央値 {m}%")),
                change: before
                    .and_then(|b| b.median_percent)
                    .map_or_else(String::new, |m| match median - m {
                        0 => "増減なし".into(),
                        d if d > 0 => format!("{d}ポイント上昇"),
                        d => format!("{}ポイント低下", -d),
                    }),
            });
        }
        if !a.categories.is_empty() {
            let text = |cats: &[(String, usize)]| {
                cats.iter()
                    .map(|(c, n)| format!("{c} {n}件"))
                    .collect::<Vec<_>>()
                    .join("、")
            };
            out.push(Headline {
                label: "達成度（区分）".into(),
                value: text(&a.categories),
                previous: before
                    .filter(|b| !b.categories.is_empty())
                    .map_or_else(String::new, |b| text(&b.categories)),
                change: String::new(),
            });
        }
    }
    if let Some(cost) = f.cost_yen {
        let before = p.and_then(|p| p.cost_yen);
        out.push(Headline {
            label: "経費の合計".into(),
            value: format_yen(cost),
            previous: before.map_or_else(String::new, format_yen),
            change: before.map_or_else(String::new, |b| percent_change(cost, b)),
        });
    }
    if !f.directions.is_empty() {
        out.push(Headline {
            label: "翌年度の方向性".into(),
            value: f
                .directions
                .iter()
                .map(|(d, n)| format!("{d} {n}件"))
                .collect::<Vec<_>>()
                .join("、"),
            previous: String::new(),
            change: String::new(),
        });
    }
    out
}

fn measure_name(plan: &Plan, key: &shinchoku_core::MeasureKey) -> String {
    plan.measures.iter().find(|m| &m.key == key).map_or_else(
        || key.to_string(),
        |m| match &m.number {
            Some(n) => format!("{n} {}", m.name),
            None => m.name.clone(),
        },
    )
}

fn watch_line(entry: &PlanEntry, year: FiscalYear, item: &WatchItem) -> WatchLine {
    let plan = &entry.plan;
    let (href, text) = match &item.subject {
        WatchSubject::Record { measure, division } => {
            let mut text = measure_name(plan, measure);
            if let Some(d) = division.as_ref().and_then(|k| plan.division(k)) {
                text.push_str(&format!("（{}）", d.name_in(year)));
            }
            (measure_href(entry.id, measure.as_str()), text)
        }
        WatchSubject::Measure { key } => (
            measure_href(entry.id, key.as_str()),
            measure_name(plan, key),
        ),
        WatchSubject::Indicator { key } => (
            indicator_href(entry.id, key.as_str()),
            plan.indicators
                .iter()
                .find(|i| &i.key == key)
                .map_or_else(|| key.to_string(), |i| format!("成果指標: {}", i.name)),
        ),
        WatchSubject::Group { key } => (
            format!("{}?year={}", group_href(entry.id, key.as_str()), year.0),
            plan.groups
                .iter()
                .find(|g| &g.key == key)
                .map_or_else(|| key.to_string(), heading_of),
        ),
    };
    let detail = match &item.reason {
        WatchReason::Overdue { due } => format!("提出期限 {}", due.display_ja()),
        WatchReason::LowGrade { grade } => format!("評価 {grade}"),
        WatchReason::NotDone { label } => format!("取組状況「{label}」"),
        WatchReason::AchievementFell { from, to } => {
            format!("達成度 {from}% → {to}%")
        }
        WatchReason::NotReported => "今年度の報告なし".into(),
    };
    WatchLine { href, text, detail }
}

/// The 概況 of `year` for a plan's dashboard.
pub fn glance_view(
    entry: &PlanEntry,
    year: FiscalYear,
    findings_href: String,
    today: Option<shinchoku_core::cycle::Date>,
) -> GlanceView {
    let plan = &entry.plan;
    let g: Glance = glance(plan, year, &entry.findings, today);
    let prev = g.previous.as_ref();
    let grades = [
        (
            "目標の評価",
            &g.figures.goal_grades,
            prev.map(|(y, f)| (*y, f.goal_grades.as_slice())),
        ),
        (
            "成果指標の評価",
            &g.figures.indicator_grades,
            prev.map(|(y, f)| (*y, f.indicator_grades.as_slice())),
        ),
        (
            "事業の評価",
            &g.figures.measure_grades,
            prev.map(|(y, f)| (*y, f.measure_grades.as_slice())),
        ),
    ]
    .into_iter()
    .filter_map(|(caption, grades, previous)| distribution(caption, grades, previous))
    .collect();
    let mut watch: Vec<WatchGroup> = Vec::new();
    for item in &g.watch {
        let heading = item.reason.heading_ja();
        let group = match watch.last_mut() {
            Some(w) if w.heading == heading => w,
            _ => {
                watch.push(WatchGroup {
                    heading: heading.to_owned(),
                    count: 0,
                    items: Vec::new(),
                    more: 0,
                });
                match watch.last_mut() {
                    Some(w) => w,
                    None => continue,
                }
            }
        };
        group.count += 1;
        if group.items.len() < ITEMS_PER_REASON {
            group.items.push(watch_line(entry, year, item));
        } else {
            group.more += 1;
        }
    }
    GlanceView {
        year_label: year_ja(year),
        previous_label: prev.map_or_else(String::new, |(y, _)| year_ja(*y)),
        headlines: headlines(&g.figures, prev),
        grades,
        watch_total: g.watch.len(),
        watch,
        findings: g.findings,
        findings_href,
    }
}
