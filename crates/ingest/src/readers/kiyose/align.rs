//! Alignment of the yearly cells of a row to the table's slots.
//!
//! The converter dropped empty cells (the rest moves left), padded rows with empty cells at
//! the end, split or duplicated cells. The cells are aligned to the slots by a minimum-cost
//! edit alignment: a cell may fill a slot (cost by how well it fits), a slot may stay empty
//! (a dropped cell), a cell may be surplus (an artefact). The costs prefer what the document
//! shows: achievements go to 達成度 slots, short 「取組を継続」 phrases to plan slots,
//! descriptions ending in 「…ます。」 to the 事業概要 slot.

use crate::normalise::{find_years, fold, is_blank_cell, parse_int, parse_percent};

/// The slots of a row after 再掲, in order. `Desc` is optional and only used when the row had no
/// description before the page cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    Desc,
    R1Result,
    R1Eval,
    R1Ach,
    R2Result,
    R2Eval,
    R2Ach,
    R3Result,
    R3Eval,
    R3Ach,
    R4Plan,
    R4Result,
    R4Eval,
    R4Ach,
    Future,
    R5Result,
}

pub const SLOTS: [Slot; 16] = [
    Slot::Desc,
    Slot::R1Result,
    Slot::R1Eval,
    Slot::R1Ach,
    Slot::R2Result,
    Slot::R2Eval,
    Slot::R2Ach,
    Slot::R3Result,
    Slot::R3Eval,
    Slot::R3Ach,
    Slot::R4Plan,
    Slot::R4Result,
    Slot::R4Eval,
    Slot::R4Ach,
    Slot::Future,
    Slot::R5Result,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    Desc,
    Result,
    Eval,
    Ach,
    Plan,
}

fn kind(slot: Slot) -> SlotKind {
    match slot {
        Slot::Desc => SlotKind::Desc,
        Slot::R1Ach | Slot::R2Ach | Slot::R3Ach | Slot::R4Ach => SlotKind::Ach,
        Slot::R4Plan | Slot::Future => SlotKind::Plan,
        Slot::R1Eval | Slot::R2Eval | Slot::R3Eval | Slot::R4Eval => SlotKind::Eval,
        Slot::R1Result | Slot::R2Result | Slot::R3Result | Slot::R4Result | Slot::R5Result => {
            SlotKind::Result
        }
    }
}

/// What a cell looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellClass {
    Empty,
    /// 「-」
    Dash,
    /// 「80%」「実施」「未実施」「企画課 80% 福祉総務課 実施」「①92.5% ②97.1%」
    Achievement,
    /// A short plan phrase: 「取組を継続」「実施を継続する。」「実施検討」
    Continue,
    /// A description: ends with 「ます。」
    Description,
    /// An empty cell after the row's last non-empty cell: padding the converter added, which
    /// says nothing about the slots (filling a slot with it costs as much as skipping it).
    Padding,
    /// A sentence in plan wording: 「…を図る。」「…する予定」「…していく。」
    Plan,
    /// A sentence in report wording (past or progressive): 「…を実施した。」「…行っている。」
    Past,
    Text,
}

pub fn classify(cell: &str) -> CellClass {
    let t = cell.trim();
    if t.is_empty() {
        return CellClass::Empty;
    }
    if is_blank_cell(t) {
        return CellClass::Dash;
    }
    let f = fold(t);
    if f == "実施" || f == "未実施" || parse_percent(&f).is_some() || parse_int(&f).is_some() {
        return CellClass::Achievement;
    }
    let has_percent = f.contains('%');
    let sentence = f.contains('。') || f.contains('、');
    let short = f.chars().count() < 60;
    if short && !sentence && (has_percent || per_division_categories(&f)) {
        return CellClass::Achievement;
    }
    if f.ends_with("ます。") || f.ends_with("ます") {
        return CellClass::Description;
    }
    if f.chars().count() <= 15 && (f.contains("継続") || f.contains("検討") || f.contains("予定"))
    {
        return CellClass::Continue;
    }
    let end = f.trim_end_matches(['。', '.', '、', ' ', ')', '」']);
    if PAST_ENDINGS.iter().any(|e| end.ends_with(e)) {
        return CellClass::Past;
    }
    if PLAN_ENDINGS.iter().any(|e| end.ends_with(e)) {
        return CellClass::Plan;
    }
    CellClass::Text
}

/// 「企画課 実施 福祉総務課 未実施」「市民協働課80% 福祉総務課実施」: every token is a division
/// name, an achievement category, or a name with its category glued on.
fn per_division_categories(folded: &str) -> bool {
    let mut categories = 0;
    let all = folded
        .split(|c: char| c.is_whitespace() || c == '【' || c == '】')
        .filter(|t| !t.is_empty())
        .all(|token| {
            let rest = ["未実施", "実施"]
                .iter()
                .find_map(|c| token.strip_suffix(c))
                .or_else(|| parse_percent(token).map(|_| ""));
            let rest = match rest {
                Some(r) => {
                    categories += 1;
                    r
                }
                None => token,
            };
            rest.is_empty()
                || ["課", "センター", "室", "係"]
                    .iter()
                    .any(|e| rest.ends_with(e))
        });
    all && categories >= 2
}

/// Endings of report wording: what was done.
const PAST_ENDINGS: [&str; 6] = ["た", "だ", "ている", "ていた", "ておる", "ました"];
/// Endings of plan wording: what is to be done.
const PLAN_ENDINGS: [&str; 14] = [
    "する",
    "図る",
    "行う",
    "目指す",
    "努める",
    "進める",
    "取り組む",
    "予定",
    "継続",
    "検討",
    "ていく",
    "ていきたい",
    "たい",
    "実施予定",
];

/// The fiscal year (2019 = 令和元年度 … 2023 = 令和5年度) a slot reports or plans for.
fn slot_year(slot: Slot) -> Option<i32> {
    match slot {
        Slot::Desc => None,
        Slot::R1Result | Slot::R1Eval | Slot::R1Ach => Some(2019),
        Slot::R2Result | Slot::R2Eval | Slot::R2Ach => Some(2020),
        Slot::R3Result | Slot::R3Eval | Slot::R3Ach => Some(2021),
        Slot::R4Plan | Slot::R4Result | Slot::R4Eval | Slot::R4Ach => Some(2022),
        Slot::Future | Slot::R5Result => Some(2023),
    }
}

/// The latest fiscal year of the table's period (2019–2023) that a cell mentions
/// (「令和3年度の…求人情報」), if any: a hint for which year's column the cell belongs to.
pub fn year_hint(cell: &str) -> Option<i32> {
    // Only years written with 年 count (「令和3年度」「令和4年2月」「2021年度」; not 「R3」).
    if !cell.contains('年') {
        return None;
    }
    find_years(cell)
        .iter()
        .map(|m| m.year.0)
        .filter(|y| (2019..=2023).contains(y))
        .max()
}

/// Extra cost (in tenths) of placing a cell that mentions `mentioned` in `slot`: none for the
/// slot's own year or the year before (「令和3年度から開始した…」 in a 令和4年度 cell), a
/// penalty for any other year.
fn year_cost(mentioned: Option<i32>, slot: Slot) -> i32 {
    match (mentioned, slot_year(slot)) {
        (Some(m), Some(y)) if m == y => -3,
        (Some(m), Some(y)) if m + 1 == y => 0,
        (Some(_), Some(_)) => 8,
        _ => 0,
    }
}

/// Costs in tenths.
const FORBIDDEN: i32 = 90;
const SKIP: i32 = 10;
const EXTRA_EMPTY: i32 = 3;
const EXTRA_TEXT: i32 = 25;
const EXTRA_COPY: i32 = 8;

fn match_cost(class: CellClass, slot: Slot) -> i32 {
    let k = kind(slot);
    if k == SlotKind::Desc {
        return match class {
            CellClass::Description => -20,
            CellClass::Text | CellClass::Plan => 15,
            CellClass::Past => 30,
            _ => FORBIDDEN,
        };
    }
    match class {
        CellClass::Empty | CellClass::Dash => 0,
        CellClass::Padding => SKIP,
        // 令和5年度 has no 達成度 column: 「未実施」 there is the year's result.
        CellClass::Achievement if slot == Slot::R5Result => 10,
        CellClass::Achievement => match k {
            SlotKind::Ach => 0,
            SlotKind::Eval => 15,
            _ => 45,
        },
        CellClass::Plan => match k {
            SlotKind::Plan => 0,
            SlotKind::Ach => 50,
            _ => 6,
        },
        CellClass::Past => match k {
            SlotKind::Plan => 12,
            SlotKind::Ach => 50,
            _ => 0,
        },
        CellClass::Continue => match k {
            SlotKind::Plan => 0,
            SlotKind::Result => 3,
            SlotKind::Eval => 5,
            _ => 30,
        },
        CellClass::Description => match k {
            SlotKind::Ach => 50,
            _ => 5,
        },
        CellClass::Text => match k {
            SlotKind::Plan => 2,
            SlotKind::Ach => 50,
            _ => 0,
        },
    }
}

/// Skipping a later slot is a little cheaper, so that ties go to "the cells at the end were
/// dropped" (the converter drops trailing empty cells most often).
fn skip_cost(slot: Slot, position: usize) -> i32 {
    if slot == Slot::Desc {
        0
    } else {
        SKIP * 10 + i32::try_from(SLOTS.len().saturating_sub(position)).unwrap_or(0)
    }
}

fn extra_cost(class: CellClass) -> i32 {
    match class {
        CellClass::Empty | CellClass::Padding => EXTRA_EMPTY,
        _ => EXTRA_TEXT,
    }
}

/// One step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Cell `i` fills the slot.
    Match(usize, Slot),
    /// The slot has no cell.
    Skip(Slot),
    /// Cell `i` is surplus.
    Extra(usize),
}

/// Aligns cells to the slots (with or without the optional description slot). The result is in
/// cell order and covers every cell and every slot exactly once.
#[cfg(test)]
pub fn align_cells(cells: &[CellClass], with_desc: bool) -> Vec<Op> {
    align_cells_hinted(cells, &[], with_desc)
}

/// What a row's text says about where a cell belongs, beyond its class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hint {
    /// The latest fiscal year of the table the cell mentions ([`year_hint`]).
    year: Option<i32>,
    /// The kind of slot the cell's identical twins in the same row were placed in (a row
    /// often repeats a year's evaluation word for word in the next years).
    twin: Option<SlotKind>,
    /// A cell the converter copied: a 達成度 value that stands again after the next text cell
    /// (「結果, 30%, 評価, 30%」), or a plan phrase repeated after the 達成度 that follows it.
    /// More likely surplus than a slot's value.
    copy: bool,
}

fn twin_cost(twin: Option<SlotKind>, slot: Slot) -> i32 {
    match twin {
        Some(k) if k == kind(slot) => -2,
        Some(_) => 2,
        None => 0,
    }
}

/// Aligns the trailing cells of a row to the slots: by class and mentioned year first, then
/// once more with each cell leaning towards the slot kind its identical twins got.
pub fn align_row(cells: &[&str], with_desc: bool) -> Vec<Op> {
    let mut classes: Vec<CellClass> = cells.iter().map(|c| classify(c)).collect();
    for class in classes.iter_mut().rev() {
        if *class != CellClass::Empty {
            break;
        }
        *class = CellClass::Padding;
    }
    let mut hints: Vec<Hint> = cells
        .iter()
        .map(|c| Hint {
            year: year_hint(c),
            twin: None,
            copy: false,
        })
        .collect();
    for i in 0..classes.len() {
        let same_later = match (classes.get(i), classes.get(i + 1), classes.get(i + 2)) {
            (
                Some(CellClass::Achievement),
                Some(CellClass::Text | CellClass::Plan | CellClass::Past),
                Some(CellClass::Achievement),
            ) => cells.get(i).map(|c| fold(c.trim())) == cells.get(i + 2).map(|c| fold(c.trim())),
            _ => false,
        };
        if same_later && let Some(h) = hints.get_mut(i) {
            h.copy = true;
        }
    }
    // A plan phrase repeated right after the 達成度 that follows it (「取組を継続, 結果, 70%,
    // 取組を継続」): the converter's copy of the plan cell.
    for i in 3..classes.len() {
        let copy = matches!(classes.get(i), Some(CellClass::Continue))
            && matches!(classes.get(i - 1), Some(CellClass::Achievement))
            && matches!(classes.get(i - 3), Some(CellClass::Continue))
            && cells.get(i).map(|c| fold(c.trim())) == cells.get(i - 3).map(|c| fold(c.trim()));
        if copy && let Some(h) = hints.get_mut(i) {
            h.copy = true;
        }
    }
    let first = align_cells_hinted(&classes, &hints, with_desc);
    let mut placed: Vec<Option<SlotKind>> = vec![None; cells.len()];
    for op in &first {
        if let Op::Match(i, slot) = op
            && let Some(p) = placed.get_mut(*i)
        {
            *p = Some(kind(*slot));
        }
    }
    let keys: Vec<String> = cells.iter().map(|c| fold(c.trim())).collect();
    let mut any = false;
    for (i, key) in keys.iter().enumerate() {
        let twin_class = classes.get(i).copied();
        if key.chars().count() < 8
            || !matches!(
                twin_class,
                Some(CellClass::Text | CellClass::Plan | CellClass::Past)
            )
        {
            continue;
        }
        let mut counts: Vec<(SlotKind, usize)> = Vec::new();
        for (j, other) in keys.iter().enumerate() {
            if j == i || other != key {
                continue;
            }
            if let Some(Some(k)) = placed.get(j) {
                match counts.iter_mut().find(|(c, _)| c == k) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((*k, 1)),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let unanimous = match counts.as_slice() {
            [(k, _)] => Some(*k),
            [(k, a), (_, b), ..] if a > b => Some(*k),
            _ => None,
        };
        if let (Some(k), Some(h)) = (unanimous, hints.get_mut(i)) {
            h.twin = Some(k);
            any = true;
        }
    }
    if any {
        align_cells_hinted(&classes, &hints, with_desc)
    } else {
        first
    }
}

/// Aligns cells to the slots (with or without the optional description slot), each cell's
/// [`Hint`] (missing entries count as none) weighing in. The result is in cell order and covers
/// every cell and every slot exactly once.
pub fn align_cells_hinted(cells: &[CellClass], hints: &[Hint], with_desc: bool) -> Vec<Op> {
    let slots: Vec<Slot> = SLOTS
        .iter()
        .copied()
        .filter(|s| with_desc || *s != Slot::Desc)
        .collect();
    let n = cells.len();
    let m = slots.len();
    let width = m + 1;
    let inf = i32::MAX / 4;
    let mut dist = vec![inf; (n + 1) * width];
    let mut back: Vec<Option<(u8, usize, usize)>> = vec![None; (n + 1) * width];
    if let Some(d) = dist.get_mut(0) {
        *d = 0;
    }
    for i in 0..=n {
        for j in 0..=m {
            let Some(&v) = dist.get(i * width + j) else {
                continue;
            };
            if v >= inf {
                continue;
            }
            let mut relax = |ni: usize, nj: usize, cost: i32, op: u8| {
                let idx = ni * width + nj;
                if let (Some(d), Some(b)) = (dist.get(idx).copied(), back.get_mut(idx))
                    && v + cost < d
                {
                    *b = Some((op, i, j));
                    if let Some(slot) = dist.get_mut(idx) {
                        *slot = v + cost;
                    }
                }
            };
            if let (Some(&c), Some(&s)) = (cells.get(i), slots.get(j)) {
                let hint = hints.get(i).copied().unwrap_or_default();
                let cost = match_cost(c, s) + year_cost(hint.year, s) + twin_cost(hint.twin, s);
                relax(i + 1, j + 1, cost * 10, 0);
            }
            if let Some(&s) = slots.get(j) {
                relax(i, j + 1, skip_cost(s, j), 1);
            }
            if let Some(&c) = cells.get(i) {
                let copy = hints.get(i).is_some_and(|h| h.copy);
                let cost = if copy { EXTRA_COPY } else { extra_cost(c) };
                relax(i + 1, j, cost * 10, 2);
            }
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(Some((op, pi, pj))) = back.get(i * width + j).copied() else {
            break;
        };
        match op {
            0 => {
                if let Some(&s) = slots.get(pj) {
                    ops.push(Op::Match(pi, s));
                }
            }
            1 => {
                if let Some(&s) = slots.get(pj) {
                    ops.push(Op::Skip(s));
                }
            }
            _ => ops.push(Op::Extra(pi)),
        }
        i = pi;
        j = pj;
    }
    ops.reverse();
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use CellClass::*;

    #[test]
    fn plain_row_is_identity() {
        let row = [
            Text,
            Text,
            Achievement,
            Text,
            Text,
            Achievement,
            Text,
            Text,
            Achievement,
            Continue,
            Text,
            Text,
            Achievement,
            Continue,
            Continue,
        ];
        let ops = align_cells(&row, true);
        assert!(
            ops.iter()
                .all(|o| matches!(o, Op::Match(..) | Op::Skip(Slot::Desc)))
        );
        assert!(ops.contains(&Op::Match(2, Slot::R1Ach)));
        assert!(ops.contains(&Op::Match(14, Slot::R5Result)));
    }

    #[test]
    fn dropped_evaluation_is_a_skip() {
        // R3 evaluation missing, padded with one empty cell at the end.
        let row = [
            Text,
            Text,
            Achievement,
            Text,
            Text,
            Achievement,
            Text,
            Achievement,
            Continue,
            Text,
            Text,
            Achievement,
            Continue,
            Continue,
            Empty,
        ];
        let ops = align_cells(&row, false);
        assert!(ops.contains(&Op::Skip(Slot::R3Eval)));
        assert!(ops.contains(&Op::Match(7, Slot::R3Ach)));
        assert!(ops.contains(&Op::Extra(14)));
    }

    #[test]
    fn classes() {
        assert_eq!(classify(" 100% "), Achievement);
        assert_eq!(classify("実施"), Achievement);
        assert_eq!(classify("企画課 80% 福祉総務課 実施"), Achievement);
        assert_eq!(classify("市民協働課80% 福祉総務課実施"), Achievement);
        assert_eq!(classify("【徴収課】未実施 【下水道課】実施"), Achievement);
        assert_eq!(
            classify("【徴収課】実施内容検討 【下水道課】継続実施"),
            Text
        );
        assert_eq!(classify("①92.5% ②97.1% ③101.2%"), Achievement);
        assert_eq!(classify("取組を継続。"), Continue);
        assert_eq!(classify("-"), Dash);
        assert_eq!(classify("支援を行います。"), Description);
        assert_eq!(classify("年1回実施(8月)"), Text);
        assert_eq!(classify(""), Empty);
    }
}
