//! Charts as view models: pure geometry from plan data to what the templates draw (inline SVG,
//! classes only — the CSP allows no inline styles). No I/O, no clock: the year that counts as
//! "now" comes from the plan's own data ([`latest_actual_year`]).
//!
//! * [`indicator_chart`]: an indicator's 現状値, 実績値 and 目標値 per fiscal year. Actuals are
//!   filled circles on a solid line, targets hollow diamonds on a dashed line (shape, not only
//!   colour); every point carries its value with separators and unit (「1,478人」「94.3%」);
//!   the y scale starts at 0 unless the values lie far from 0, in which case the axis carries a
//!   break mark and the caption says where it starts; years after the latest year with actuals
//!   are marked 「未到来」.
//! * [`grade_chart`]: how many indicators got each grade S → D (and any other label), as
//!   horizontal bars with the count written beside each bar.

use shinchoku_core::glance::grade_rank;
use shinchoku_core::{FiscalYear, Grade, Indicator, Observation, Plan, Value};

/// A text placed in the SVG.
pub(crate) struct ChartText {
    pub x: String,
    pub y: String,
    pub text: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// CSS class (`val-actual`, `val-target`, `note` …); may be empty.
    pub class: &'static str,
}

/// A marker of a series, with its tooltip.
pub(crate) struct ChartPoint {
    pub cx: String,
    pub cy: String,
    /// The diamond's outline (targets); empty for circles.
    pub d: String,
    pub title: String,
}

/// A shaded column (a year not yet due).
pub(crate) struct ChartBand {
    pub x: String,
    pub y: String,
    pub w: String,
    pub h: String,
}

/// One fiscal-year column of an indicator chart, as the chart shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChartColumn {
    /// 「R6」, or 「R5」 for the 現状値 column.
    pub label: String,
    /// 「現状値」, 「未到来」, 「未公表」 or empty.
    pub note: &'static str,
    pub actual: Option<f64>,
    pub target: Option<f64>,
}

pub(crate) struct IndicatorChart {
    pub width: u32,
    pub height: u32,
    /// aria-label and `<title>`: what the chart shows, with every value.
    pub label: String,
    /// What the y axis starts at when it does not start at 0 (empty otherwise).
    pub scale_note: String,
    pub grid: Vec<String>,
    pub axis: String,
    /// The zigzag on the y axis when it does not start at 0 (empty otherwise).
    pub axis_break: String,
    pub unit_label: ChartText,
    pub yticks: Vec<ChartText>,
    pub xlabels: Vec<ChartText>,
    pub xnotes: Vec<ChartText>,
    pub future: Vec<ChartBand>,
    /// Solid polylines through consecutive actuals (a missing year breaks the line).
    pub actual_lines: Vec<String>,
    pub actual_points: Vec<ChartPoint>,
    /// Dashed polylines through consecutive targets.
    pub target_lines: Vec<String>,
    pub target_points: Vec<ChartPoint>,
    pub values: Vec<ChartText>,
    /// The columns, for tests and the text alternative.
    #[allow(dead_code)]
    pub columns: Vec<ChartColumn>,
}

/// The latest fiscal year for which any indicator of the plan states an actual (a number, a
/// text or 「未公表」), else the latest year of a progress record: the plan's "now". Years
/// after it have not come yet.
pub(crate) fn latest_actual_year(plan: &Plan) -> Option<FiscalYear> {
    plan.indicators
        .iter()
        .flat_map(|i| &i.actuals)
        .filter(|o| !matches!(o.value, Value::Blank))
        .filter_map(|o| o.fiscal_year)
        .max()
        .or_else(|| {
            plan.records
                .iter()
                .filter(|r| shinchoku_core::glance::reports_something(r))
                .map(|r| r.fiscal_year)
                .max()
        })
}

/// Whether `year` is after the plan's latest year with actuals.
pub(crate) fn is_future(year: FiscalYear, latest: Option<FiscalYear>) -> bool {
    latest.is_some_and(|l| year > l)
}

/// Digits after the decimal point as the document writes the value (「58.0%」 → 1), so that a
/// label shows 「58.0%」 rather than 「58%」. Full-width digits count.
fn decimals_of(original: &str) -> Option<usize> {
    let folded: Vec<char> = original
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .collect();
    let dot = folded
        .windows(2)
        .position(|w| w[0] == '.' && w[1].is_ascii_digit())?;
    if dot == 0 || !folded[dot - 1].is_ascii_digit() {
        return None;
    }
    Some(
        folded[dot + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
            .min(6),
    )
}

/// A number with thousands separators and `decimals` digits after the point (at most 3 when
/// not given: trailing zeros dropped).
pub(crate) fn format_value(v: f64, decimals: Option<usize>) -> String {
    let text = match decimals {
        Some(d) => format!("{:.*}", d, v),
        None => {
            let t = format!("{:.3}", v);
            let t = t.trim_end_matches('0').trim_end_matches('.').to_owned();
            if t == "-0" { "0".to_owned() } else { t }
        }
    };
    let (sign, body) = match text.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", text.as_str()),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut grouped = String::new();
    for (n, c) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A value with its unit: 「1,478人」「94.3%」.
pub(crate) fn value_label(v: f64, decimals: Option<usize>, unit: &str) -> String {
    format!("{}{}", format_value(v, decimals), unit.trim())
}

fn observed(o: Option<&Observation>) -> Option<(f64, Option<usize>)> {
    o.and_then(|o| o.value.as_number().map(|v| (v, decimals_of(&o.original))))
}

/// A step of 1, 2, 2.5 or 5 × 10ⁿ, so that `span` is covered in about `parts` steps.
fn nice_step(span: f64, parts: f64) -> f64 {
    let raw = span / parts;
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if step * mag >= raw {
            return step * mag;
        }
    }
    10.0 * mag
}

/// The y axis: (lowest, highest, step). It starts at 0 when the lowest value is at most half
/// the highest, when all values are equal, or when a value is negative; else one step below the
/// lowest value, so that a change of a few points is visible (the chart then marks the break).
pub(crate) fn y_scale(values: &[f64]) -> (f64, f64, f64) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0, 0.25);
    }
    if (lo >= 0.0 && lo <= hi / 2.0) || hi <= 0.0 || lo < 0.0 || hi == lo {
        let (lo, hi) = (lo.min(0.0), hi.max(0.0));
        let span = if hi > lo { hi - lo } else { 1.0 };
        let step = nice_step(span * 1.1, 4.0);
        let bottom = (lo / step).floor() * step;
        let top = ((hi + span * 0.05) / step).ceil() * step;
        return (bottom, top.max(bottom + step), step);
    }
    // Far from 0: a non-zero baseline one step below the lowest value.
    let span = hi - lo;
    let step = nice_step(span, 4.0);
    let bottom = ((lo / step).floor() * step - step).max(0.0);
    let top = ((hi + span * 0.05) / step).ceil() * step;
    (bottom, top.max(bottom + step), step)
}

fn f1(v: f64) -> String {
    format!("{v:.1}")
}

/// The columns of an indicator's chart: its 現状値 (when numeric), then each year.
pub(crate) fn chart_columns(
    i: &Indicator,
    years: &[FiscalYear],
    latest: Option<FiscalYear>,
) -> Vec<ChartColumn> {
    let mut columns = Vec::new();
    if let Some(b) = i.baseline.as_ref()
        && let Some(v) = b.value.as_number()
    {
        columns.push(ChartColumn {
            label: b.fiscal_year.map(FiscalYear::short).unwrap_or_default(),
            note: "現状値",
            actual: Some(v),
            target: None,
        });
    }
    for y in years {
        let actual = i.actual(*y);
        columns.push(ChartColumn {
            label: y.short(),
            note: if is_future(*y, latest) && actual.is_none() {
                "未到来"
            } else if actual.is_some_and(|o| matches!(o.value, Value::NotYetAvailable)) {
                "未公表"
            } else {
                ""
            },
            actual: actual.and_then(|o| o.value.as_number()),
            target: i.target(*y).and_then(|o| o.value.as_number()),
        });
    }
    columns
}

/// An indicator's chart, or `None` when it has no numeric value to draw.
pub(crate) fn indicator_chart(
    i: &Indicator,
    years: &[FiscalYear],
    latest: Option<FiscalYear>,
) -> Option<IndicatorChart> {
    let columns = chart_columns(i, years, latest);
    // Decimals per value as written; the baseline's from the baseline.
    let mut decimals: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    if columns.first().is_some_and(|c| c.note == "現状値") {
        decimals.push((observed(i.baseline.as_ref()).and_then(|o| o.1), None));
    }
    for y in years {
        decimals.push((
            observed(i.actual(*y)).and_then(|o| o.1),
            observed(i.target(*y)).and_then(|o| o.1),
        ));
    }
    let values: Vec<f64> = columns
        .iter()
        .flat_map(|c| c.actual.into_iter().chain(c.target))
        .filter(|v| v.is_finite())
        .collect();
    if values.is_empty() {
        return None;
    }
    let unit = i.unit.clone().unwrap_or_default();
    let (bottom, top_value, step) = y_scale(&values);
    // About 92 units a column: at 390 px a 4-column chart (448 units) is drawn at ~0.76, so
    // the 16-unit value labels stay at ~12 px.
    let slot = 92.0;
    let (left, right, top, foot) = (60.0, 12.0, 40.0, 56.0);
    let width_f = (left + right + slot * columns.len() as f64).max(400.0);
    let width = width_f.round() as u32;
    let height = 330u32;
    let plot_h = f64::from(height) - top - foot;
    let plot_w = width_f - left - right;
    let slot = plot_w / columns.len().max(1) as f64;
    let base_y = top + plot_h;
    let y_of = |v: f64| base_y - (v - bottom) / (top_value - bottom) * plot_h;
    let x_of = |n: usize| left + slot * (n as f64 + 0.5);

    let mut grid = Vec::new();
    let mut yticks = Vec::new();
    let mut k = 0.0;
    while bottom + k * step <= top_value + step * 1e-9 && k < 20.0 {
        let v = bottom + k * step;
        let y = y_of(v);
        grid.push(format!("M{} {} H{}", f1(left), f1(y), f1(width_f - right)));
        yticks.push(ChartText {
            x: f1(left - 8.0),
            y: f1(y + 4.0),
            text: format_value(v, None),
            anchor: "end",
            class: "",
        });
        k += 1.0;
    }
    let axis = format!(
        "M{} {} V{} H{}",
        f1(left),
        f1(top - 8.0),
        f1(base_y),
        f1(width_f - right)
    );
    let (axis_break, scale_note) = if bottom > 0.0 {
        (
            // Two short slanted strokes across the axis, just above the baseline.
            format!(
                "M{} {} l12 -6 M{} {} l12 -6",
                f1(left - 6.0),
                f1(base_y - 10.0),
                f1(left - 6.0),
                f1(base_y - 4.0)
            ),
            format!(
                "縦軸は0からではなく{}から始まります（軸の二重線は省略の印）。",
                value_label(bottom, None, &unit)
            ),
        )
    } else {
        (String::new(), String::new())
    };

    let mut xlabels = Vec::new();
    let mut xnotes = Vec::new();
    let mut future = Vec::new();
    let mut actual_lines = Vec::new();
    let mut target_lines = Vec::new();
    let mut actual_points = Vec::new();
    let mut target_points = Vec::new();
    let mut values_text = Vec::new();
    let mut actual_run: Vec<String> = Vec::new();
    let mut target_run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, lines: &mut Vec<String>| {
        if run.len() > 1 {
            lines.push(run.join(" "));
        }
        run.clear();
    };
    let mut described = Vec::new();
    for (n, c) in columns.iter().enumerate() {
        let cx = x_of(n);
        let (actual_dec, target_dec) = decimals.get(n).copied().unwrap_or((None, None));
        xlabels.push(ChartText {
            x: f1(cx),
            y: f1(base_y + 20.0),
            text: c.label.clone(),
            anchor: "middle",
            class: "",
        });
        if !c.note.is_empty() {
            xnotes.push(ChartText {
                x: f1(cx),
                y: f1(base_y + 40.0),
                text: c.note.to_owned(),
                anchor: "middle",
                class: "note",
            });
        }
        if c.note == "未到来" {
            future.push(ChartBand {
                x: f1(cx - slot / 2.0),
                y: f1(top - 8.0),
                w: f1(slot),
                h: f1(base_y - top + 8.0),
            });
        }
        let what_actual = if c.note == "現状値" {
            "現状値"
        } else {
            "実績値"
        };
        let actual = c.actual.map(|v| (v, value_label(v, actual_dec, &unit)));
        let target = c.target.map(|v| (v, value_label(v, target_dec, &unit)));
        let mut said = Vec::new();
        match &actual {
            Some((v, text)) => {
                let cy = y_of(*v);
                actual_run.push(format!("{},{}", f1(cx), f1(cy)));
                actual_points.push(ChartPoint {
                    cx: f1(cx),
                    cy: f1(cy),
                    d: String::new(),
                    title: format!("{} {what_actual} {text}", c.label),
                });
                said.push(format!("{what_actual} {text}"));
            }
            None => flush(&mut actual_run, &mut actual_lines),
        }
        match &target {
            Some((v, text)) => {
                let cy = y_of(*v);
                target_run.push(format!("{},{}", f1(cx), f1(cy)));
                target_points.push(ChartPoint {
                    cx: f1(cx),
                    cy: f1(cy),
                    d: format!("M{} {} l7 7 l-7 7 l-7 -7 Z", f1(cx), f1(cy - 7.0)),
                    title: format!("{} 目標値 {text}", c.label),
                });
                said.push(format!("目標値 {text}"));
            }
            None => flush(&mut target_run, &mut target_lines),
        }
        if !c.note.is_empty() && c.note != "現状値" {
            said.push(c.note.to_owned());
        }
        described.push(format!("{} {}", c.label, said.join("、")));
        // Labels: the higher value's above its marker, the lower one's below.
        let place = |v: f64, above: bool| {
            let y = y_of(v);
            if above {
                (y - 12.0).max(14.0)
            } else {
                (y + 24.0).min(base_y - 4.0)
            }
        };
        match (&actual, &target) {
            (Some((a, at)), Some((t, tt))) => {
                let actual_above = a >= t;
                values_text.push(ChartText {
                    x: f1(cx),
                    y: f1(place(*a, actual_above)),
                    text: at.clone(),
                    anchor: "middle",
                    class: "val-actual",
                });
                values_text.push(ChartText {
                    x: f1(cx),
                    y: f1(place(*t, !actual_above)),
                    text: tt.clone(),
                    anchor: "middle",
                    class: "val-target",
                });
            }
            (Some((a, at)), None) => values_text.push(ChartText {
                x: f1(cx),
                y: f1(place(*a, true)),
                text: at.clone(),
                anchor: "middle",
                class: "val-actual",
            }),
            (None, Some((t, tt))) => values_text.push(ChartText {
                x: f1(cx),
                y: f1(place(*t, true)),
                text: tt.clone(),
                anchor: "middle",
                class: "val-target",
            }),
            (None, None) => {}
        }
    }
    flush(&mut actual_run, &mut actual_lines);
    flush(&mut target_run, &mut target_lines);
    Some(IndicatorChart {
        width,
        height,
        label: format!(
            "「{}」の実績値（塗りつぶした丸・実線）と目標値（白抜きのひし形・破線）。{}。{}",
            i.name,
            described.join("。"),
            scale_note
        )
        .trim_end()
        .to_owned(),
        scale_note,
        grid,
        axis,
        axis_break,
        unit_label: ChartText {
            x: f1(left - 8.0),
            y: f1(16.0),
            text: if unit.trim().is_empty() {
                String::new()
            } else {
                format!("（{}）", unit.trim())
            },
            anchor: "start",
            class: "note",
        },
        yticks,
        xlabels,
        xnotes,
        future,
        actual_lines,
        actual_points,
        target_lines,
        target_points,
        values: values_text,
        columns,
    })
}

/// One bar of a grade distribution.
pub(crate) struct GradeBar {
    /// 「S」…「D」, another label as reported, or 「評価なし」.
    pub grade: String,
    pub count: usize,
    /// `gr-s` … `gr-d`, `gr-other`, `gr-none`.
    pub class: &'static str,
    pub y: String,
    pub w: String,
    pub label_y: String,
    pub count_x: String,
}

pub(crate) struct GradeChart {
    /// The caption of the table beside the chart (set by the page).
    pub caption: String,
    pub width: u32,
    pub height: u32,
    /// aria-label and `<title>`.
    pub label: String,
    /// Where the grade labels end (right-aligned before the bars).
    pub label_x: String,
    pub bar_x: String,
    pub bar_h: String,
    pub bars: Vec<GradeBar>,
    pub total: usize,
}

/// The class of a grade's colour (the text is always beside it).
pub(crate) fn grade_class(g: &Grade) -> &'static str {
    match grade_rank(g) {
        Some(0) => "gr-s",
        Some(1) => "gr-a",
        Some(2) => "gr-b",
        Some(3) => "gr-c",
        Some(4) => "gr-d",
        _ => "gr-other",
    }
}

/// Counts per grade: S, A, B, C, D always (0 included, so goals compare row by row), then
/// other labels in label order, then 「評価なし」 when some indicator has no grade.
pub(crate) fn grade_counts(grades: &[Option<Grade>]) -> Vec<(String, usize, &'static str)> {
    let mut out: Vec<(String, usize, &'static str)> = ["S", "A", "B", "C", "D"]
        .iter()
        .map(|g| ((*g).to_owned(), 0, grade_class(&Grade::new(*g))))
        .collect();
    let mut others: std::collections::BTreeMap<String, usize> = Default::default();
    let mut none = 0;
    for g in grades {
        match g {
            Some(g) => match grade_rank(g) {
                Some(r @ 0..=4) => out[usize::from(r)].1 += 1,
                _ => *others.entry(g.as_str().trim().to_owned()).or_insert(0) += 1,
            },
            None => none += 1,
        }
    }
    out.extend(others.into_iter().map(|(g, n)| (g, n, "gr-other")));
    if none > 0 {
        out.push(("評価なし".into(), none, "gr-none"));
    }
    out
}

/// A grade distribution as horizontal bars; `scale` is the count a full bar stands for (the
/// largest count of the page, so that the goals' charts compare).
pub(crate) fn grade_chart(
    subject: &str,
    what: &str,
    grades: &[Option<Grade>],
    scale: usize,
) -> GradeChart {
    let counts = grade_counts(grades);
    let (width, row_h, bar_h, label_w, count_w) = (360u32, 30.0, 20.0, 72.0, 56.0);
    let full = f64::from(width) - label_w - count_w;
    let scale = scale.max(1) as f64;
    let mut bars = Vec::new();
    for (n, (grade, count, class)) in counts.iter().enumerate() {
        let y = 6.0 + row_h * n as f64;
        let w = full * (*count as f64) / scale;
        bars.push(GradeBar {
            grade: grade.clone(),
            count: *count,
            class,
            y: f1(y),
            w: f1(w),
            label_y: f1(y + bar_h - 5.0),
            count_x: f1(label_w + w + 6.0),
        });
    }
    let total = grades.len();
    GradeChart {
        caption: String::new(),
        width,
        height: (12.0 + row_h * counts.len() as f64).round() as u32,
        label: format!(
            "{subject}の{what}{total}件の評価の分布: {}",
            counts
                .iter()
                .map(|(g, n, _)| format!("{g} {n}件"))
                .collect::<Vec<_>>()
                .join("、")
        ),
        label_x: f1(label_w - 8.0),
        bar_x: f1(label_w),
        bar_h: f1(bar_h),
        bars,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_have_separators_and_units() {
        assert_eq!(value_label(1478.0, None, "人"), "1,478人");
        assert_eq!(value_label(94.3, None, "%"), "94.3%");
        assert_eq!(value_label(58.0, Some(1), "%"), "58.0%");
        assert_eq!(value_label(100758.0, None, "人"), "100,758人");
        assert_eq!(value_label(-1234.5, None, ""), "-1,234.5");
        assert_eq!(value_label(0.0, None, "件"), "0件");
        assert_eq!(format_value(1234567.0, None), "1,234,567");
        assert_eq!(decimals_of("58.0%"), Some(1));
        assert_eq!(decimals_of("１，４６７．５０件"), Some(2));
        assert_eq!(decimals_of("1,467 件"), None);
    }

    #[test]
    fn the_scale_starts_at_zero_unless_values_are_far_from_it() {
        // 34 → 136: from 0.
        let (lo, hi, _) = y_scale(&[34.0, 41.0, 68.0, 136.0]);
        assert_eq!(lo, 0.0);
        assert!(hi >= 136.0);
        // 92.1 … 94.9 %: not from 0, just below the lowest value.
        let (lo, hi, step) = y_scale(&[94.9, 94.3, 92.1, 92.9]);
        assert!(lo > 0.0 && lo < 92.1, "{lo}");
        assert!(hi >= 94.9 && hi - lo < 10.0, "{lo} {hi} {step}");
        // Negative values include 0.
        let (lo, hi, _) = y_scale(&[-5.0, 10.0]);
        assert!(lo <= -5.0 && hi >= 10.0);
        // One value.
        let (lo, hi, _) = y_scale(&[3.0]);
        assert!(lo == 0.0 && hi >= 3.0);
    }

    #[test]
    fn grade_counts_run_s_to_d_then_others() {
        let g = |s: &str| Some(Grade::new(s));
        let counts = grade_counts(&[g("B"), g("Ａ"), g("A"), g("D"), None, g("済")]);
        let flat: Vec<(String, usize)> = counts.iter().map(|(g, n, _)| (g.clone(), *n)).collect();
        assert_eq!(
            flat,
            [
                ("S", 0),
                ("A", 2),
                ("B", 1),
                ("C", 0),
                ("D", 1),
                ("済", 1),
                ("評価なし", 1)
            ]
            .map(|(g, n)| (g.to_owned(), n))
        );
    }
}
