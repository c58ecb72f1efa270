//! Alignment of the yearly cells of a row to the table's slots.
//!
//! The converter dropped empty cells (the rest moves left), padded rows with empty cells at
//! the end, split or duplicated cells. The cells are aligned to the slots by a minimum-cost
//! edit alignment: a cell may fill a slot (cost by how well it fits), a slot may stay empty
//! (a dropped cell), a cell may be surplus (an artefact). The costs prefer what the document
//! shows: achievements go to 達成度 slots, short 「取組を継続」 phrases to plan slots,
//! descriptions ending in 「…ます。」 to the 事業概要 slot.

use crate::normalise::{fold, is_blank_cell, parse_int, parse_percent};

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
enum SlotKind {
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
    let categories = f.matches("実施").count();
    if short && !sentence && (has_percent || (categories >= 2 && f.contains('課'))) {
        return CellClass::Achievement;
    }
    if f.ends_with("ます。") || f.ends_with("ます") {
        return CellClass::Description;
    }
    if f.chars().count() <= 15 && (f.contains("継続") || f.contains("検討") || f.contains("予定"))
    {
        return CellClass::Continue;
    }
    CellClass::Text
}

/// Costs in tenths.
const FORBIDDEN: i32 = 90;
const SKIP: i32 = 10;
const EXTRA_EMPTY: i32 = 3;
const EXTRA_TEXT: i32 = 25;

fn match_cost(class: CellClass, slot: Slot) -> i32 {
    let k = kind(slot);
    if k == SlotKind::Desc {
        return match class {
            CellClass::Description => -20,
            CellClass::Text => 15,
            _ => FORBIDDEN,
        };
    }
    match class {
        CellClass::Empty | CellClass::Dash => 0,
        CellClass::Achievement => match k {
            SlotKind::Ach => 0,
            SlotKind::Eval => 15,
            _ => 20,
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
    if class == CellClass::Empty {
        EXTRA_EMPTY
    } else {
        EXTRA_TEXT
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
pub fn align_cells(cells: &[CellClass], with_desc: bool) -> Vec<Op> {
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
                relax(i + 1, j + 1, match_cost(c, s) * 10, 0);
            }
            if let Some(&s) = slots.get(j) {
                relax(i, j + 1, skip_cost(s, j), 1);
            }
            if let Some(&c) = cells.get(i) {
                relax(i + 1, j, extra_cost(c) * 10, 2);
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
        assert_eq!(classify("①92.5% ②97.1% ③101.2%"), Achievement);
        assert_eq!(classify("取組を継続。"), Continue);
        assert_eq!(classify("-"), Dash);
        assert_eq!(classify("支援を行います。"), Description);
        assert_eq!(classify("年1回実施(8月)"), Text);
        assert_eq!(classify(""), Empty);
    }
}
