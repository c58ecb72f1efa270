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
    /// Earlier result years of an edition with more year columns than the reference one
    /// (E3 is the year just before R1); see [`Table`].
    E1Result,
    E1Eval,
    E1Ach,
    E2Result,
    E2Eval,
    E2Ach,
    E3Result,
    E3Eval,
    E3Ach,
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

/// The slots of the reference edition (令和元年度〜令和5年度).
#[cfg(test)]
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

/// The past result years, earliest first: (result, evaluation, 達成度) each.
const PAST: [[Slot; 3]; 6] = [
    [Slot::E1Result, Slot::E1Eval, Slot::E1Ach],
    [Slot::E2Result, Slot::E2Eval, Slot::E2Ach],
    [Slot::E3Result, Slot::E3Eval, Slot::E3Ach],
    [Slot::R1Result, Slot::R1Eval, Slot::R1Ach],
    [Slot::R2Result, Slot::R2Eval, Slot::R2Ach],
    [Slot::R3Result, Slot::R3Eval, Slot::R3Ach],
];

/// The yearly columns of an edition of the table, read from its header row: `past` years with
/// (実施状況, 評価, 達成度) from `first_year` on, then the plan year (実施計画, 実施状況, 評価,
/// 達成度), then 今後(…以降)の実施計画 and that year's 実施状況. The reference edition is
/// [`Table::REFERENCE`] (令和元年度〜令和3年度 past, 令和4年度 plan year, 令和5年度 next).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    pub first_year: i32,
    /// 1 to 6.
    pub past: usize,
}

impl Table {
    pub const REFERENCE: Table = Table {
        first_year: 2019,
        past: 3,
    };

    /// The most past years an edition may have.
    pub const MAX_PAST: usize = PAST.len();

    /// The slots of a row after 再掲, in order.
    pub fn slots(&self) -> Vec<Slot> {
        let past = self.past.clamp(1, PAST.len());
        let mut slots = vec![Slot::Desc];
        for triple in PAST.iter().skip(PAST.len() - past) {
            slots.extend(triple);
        }
        slots.extend([
            Slot::R4Plan,
            Slot::R4Result,
            Slot::R4Eval,
            Slot::R4Ach,
            Slot::Future,
            Slot::R5Result,
        ]);
        slots
    }

    /// The past years' slots, earliest first.
    pub fn past_slots(&self) -> impl Iterator<Item = &'static [Slot; 3]> {
        let past = self.past.clamp(1, PAST.len());
        PAST.iter().skip(PAST.len() - past)
    }

    /// The plan year (the year of `R4…`).
    pub fn plan_year(&self) -> i32 {
        self.first_year + i32::try_from(self.past.clamp(1, PAST.len())).unwrap_or(3)
    }

    /// The last year of the table (今後(…以降) and its 実施状況).
    pub fn last_year(&self) -> i32 {
        self.plan_year() + 1
    }

    /// The fiscal year a slot reports or plans for.
    pub fn year(&self, slot: Slot) -> Option<i32> {
        if slot == Slot::Desc {
            return None;
        }
        match slot {
            Slot::R4Plan | Slot::R4Result | Slot::R4Eval | Slot::R4Ach => Some(self.plan_year()),
            Slot::Future | Slot::R5Result => Some(self.last_year()),
            _ => {
                let index = PAST.iter().position(|t| t.contains(&slot))?;
                let offset = index + self.past.clamp(1, PAST.len());
                let offset = i32::try_from(offset).ok()? - i32::try_from(PAST.len()).ok()?;
                Some(self.first_year + offset)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    Desc,
    Result,
    Eval,
    Ach,
    Plan,
}

pub fn kind(slot: Slot) -> SlotKind {
    match slot {
        Slot::Desc => SlotKind::Desc,
        Slot::E1Ach
        | Slot::E2Ach
        | Slot::E3Ach
        | Slot::R1Ach
        | Slot::R2Ach
        | Slot::R3Ach
        | Slot::R4Ach => SlotKind::Ach,
        Slot::R4Plan | Slot::Future => SlotKind::Plan,
        Slot::E1Eval
        | Slot::E2Eval
        | Slot::E3Eval
        | Slot::R1Eval
        | Slot::R2Eval
        | Slot::R3Eval
        | Slot::R4Eval => SlotKind::Eval,
        Slot::E1Result
        | Slot::E2Result
        | Slot::E3Result
        | Slot::R1Result
        | Slot::R2Result
        | Slot::R3Result
        | Slot::R4Result
        | Slot::R5Result => SlotKind::Result,
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

#[cfg(test)]
pub fn classify(cell: &str) -> CellClass {
    classify_folded(cell, &fold(cell.trim()))
}

/// [`classify`] of a cell whose folded, trimmed text the caller has already.
fn classify_folded(cell: &str, f: &str) -> CellClass {
    let t = cell.trim();
    if t.is_empty() {
        return CellClass::Empty;
    }
    if is_blank_cell(t) {
        return CellClass::Dash;
    }
    if f == "実施" || f == "未実施" || parse_percent(f).is_some() || parse_int(f).is_some() {
        return CellClass::Achievement;
    }
    let has_percent = f.contains('%');
    let sentence = f.contains('。') || f.contains('、');
    let short = f.chars().count() < 60;
    if short && !sentence && (has_percent || per_division_categories(f)) {
        return CellClass::Achievement;
    }
    if f.ends_with("ます。") || f.ends_with("ます") {
        return CellClass::Description;
    }
    let end = f.trim_end_matches(['。', '.', '、', ' ', ')', '」']);
    // A report comes first: 「継続して実施することができた。」 is short and names 継続, but
    // says what was done, not what is to be done.
    if PAST_ENDINGS.iter().any(|e| end.ends_with(e)) {
        return CellClass::Past;
    }
    // A text that opens with a report sentence is a report even when it closes with the
    // outlook (「…事業を継続した。また、…支援を行っていきたい。」).
    if let Some((opening, rest)) = f.split_once('。')
        && !rest.trim().is_empty()
        && PAST_ENDINGS.iter().any(|e| opening.trim_end().ends_with(e))
    {
        return CellClass::Past;
    }
    if f.chars().count() <= 15 && (f.contains("継続") || f.contains("検討") || f.contains("予定"))
    {
        return CellClass::Continue;
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

/// The latest fiscal year of the table's period (2019–2023 in the reference edition) that a
/// cell mentions (「令和3年度の…求人情報」), if any: a hint for which year's column the cell
/// belongs to.
pub fn year_hint(cell: &str, table: &Table) -> Option<i32> {
    // Only years written with 年 count (「令和3年度」「令和4年2月」「2021年度」; not 「R3」).
    if !cell.contains('年') {
        return None;
    }
    find_years(cell)
        .iter()
        .map(|m| m.year.0)
        .filter(|y| (table.first_year..=table.last_year()).contains(y))
        .max()
}

/// Extra cost (in tenths) of placing a cell that mentions `mentioned` in `slot`: none for the
/// slot's own year or the year before (「令和3年度から開始した…」 in a 令和4年度 cell), a
/// penalty for any other year.
fn year_cost(mentioned: Option<i32>, slot: Slot, table: &Table) -> i32 {
    match (mentioned, table.year(slot)) {
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
const EXTRA_REPEAT: i32 = 12;

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
fn skip_cost(slot: Slot, position: usize, slot_count: usize) -> i32 {
    if slot == Slot::Desc {
        0
    } else {
        SKIP * 10 + i32::try_from(slot_count.saturating_sub(position)).unwrap_or(0)
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
    /// The kind of slot the cell's twins ([`TwinKey::twins`]: the same text up to spelling,
    /// counts and quoted titles, or the same opening sentence) in the same row were placed in
    /// (a row often repeats a year's evaluation word for word in the next years, or its result
    /// with the year's count).
    twin: Option<SlotKind>,
    /// By how many twins the kind in `twin` leads the other kinds the cell's twins got: the
    /// more twins agree, the stronger the pull (1 to 3).
    twin_votes: i32,
    /// A cell the converter copied: a 達成度 value that stands again after the next text cell
    /// (「結果, 30%, 評価, 30%」: the first; 「結果, 30%, 計画, 30%」: the second), or a plan
    /// phrase repeated after the 達成度 that follows it. More likely surplus than a slot's value.
    copy: bool,
    /// A text cell repeating the cell right before it word for word: possibly the converter's
    /// copy, less surely than `copy` (a row may state the same plan for two years).
    repeat: bool,
}

fn twin_cost(hint: Hint, slot: Slot) -> i32 {
    let pull = 1 + hint.twin_votes.clamp(1, 3);
    match hint.twin {
        Some(k) if k == kind(slot) => -pull,
        Some(_) => pull,
        None => 0,
    }
}

/// Aligns the trailing cells of a row to the slots: by class, mentioned year and the converter's
/// copies first, then once more with each cell leaning towards the slot kind its twins got.
#[cfg(test)]
pub fn align_row(cells: &[&str], with_desc: bool) -> Vec<Op> {
    align_row_in(cells, with_desc, &Table::REFERENCE)
}

/// [`align_row`] for the slots of an edition of the table.
pub fn align_row_in(cells: &[&str], with_desc: bool, table: &Table) -> Vec<Op> {
    // Every feature reads the folded text: fold each cell once.
    let folded: Vec<String> = cells.iter().map(|c| fold(c.trim())).collect();
    let mut classes: Vec<CellClass> = cells
        .iter()
        .zip(&folded)
        .map(|(c, f)| classify_folded(c, f))
        .collect();
    for class in classes.iter_mut().rev() {
        if *class != CellClass::Empty {
            break;
        }
        *class = CellClass::Padding;
    }
    let mut hints = copy_hints(cells, &folded, &classes, table);
    let (_, first) = align_with_cost(&classes, &hints, with_desc, table);
    let mut placed: Vec<Option<SlotKind>> = vec![None; cells.len()];
    for op in &first {
        if let Op::Match(i, slot) = op
            && let Some(p) = placed.get_mut(*i)
        {
            *p = Some(kind(*slot));
        }
    }
    let keys: Vec<TwinKey> = folded.iter().map(|f| TwinKey::of_folded(f)).collect();
    let groups = twin_groups(&keys, &classes);
    // Twins fill the same kind of slot (a row repeats a year's text in the next years), so each
    // cell leans towards the kind most of its twins got in the first pass. A pair of twins
    // placed differently (one of them misplaced) would only swap kinds that way: for such a
    // pair each of the two kinds is tried for both, and the cheaper alignment decides.
    let mut pairs: Vec<(&Vec<usize>, Vec<SlotKind>)> = Vec::new();
    for group in &groups {
        let kinds: Vec<Option<SlotKind>> = group
            .iter()
            .map(|i| placed.get(*i).copied().flatten())
            .collect();
        if let [Some(a), Some(b)] = kinds.as_slice()
            && a != b
        {
            pairs.push((group, vec![*a, *b]));
            continue;
        }
        for (n, i) in group.iter().enumerate() {
            let mut counts: Vec<(SlotKind, usize)> = Vec::new();
            for k in kinds
                .iter()
                .enumerate()
                .filter(|(m, _)| *m != n)
                .filter_map(|(_, k)| *k)
            {
                match counts.iter_mut().find(|(c, _)| *c == k) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((k, 1)),
                }
            }
            counts.sort_by_key(|c| std::cmp::Reverse(c.1));
            let majority = match counts.as_slice() {
                [(k, a)] => Some((*k, *a)),
                [(k, a), (_, b), ..] if a > b => Some((*k, a - b)),
                _ => None,
            };
            if let (Some((k, lead)), Some(h)) = (majority, hints.get_mut(*i)) {
                h.twin = Some(k);
                h.twin_votes = i32::try_from(lead).unwrap_or(3);
            }
        }
    }
    for (pair, kinds) in pairs {
        let mut chosen: Option<(i64, SlotKind)> = None;
        for k in kinds {
            let mut trial = hints.clone();
            for i in pair {
                if let Some(h) = trial.get_mut(*i) {
                    h.twin = Some(k);
                    h.twin_votes = 1;
                }
            }
            let (cost, _) = align_with_cost(&classes, &trial, with_desc, table);
            if chosen.is_none_or(|(c, _)| cost < c) {
                chosen = Some((cost, k));
            }
        }
        if let Some((_, k)) = chosen {
            for i in pair {
                if let Some(h) = hints.get_mut(*i) {
                    h.twin = Some(k);
                    h.twin_votes = 1;
                }
            }
        }
    }
    if hints.iter().any(|h| h.twin.is_some()) {
        align_with_cost(&classes, &hints, with_desc, table).1
    } else {
        first
    }
}

/// The year each cell mentions and the converter's copies among the cells ([`Hint`], without
/// the twins).
fn copy_hints(
    cells: &[&str],
    folded: &[String],
    classes: &[CellClass],
    table: &Table,
) -> Vec<Hint> {
    let mut hints: Vec<Hint> = cells
        .iter()
        .map(|c| Hint {
            year: year_hint(c, table),
            twin: None,
            twin_votes: 0,
            copy: false,
            repeat: false,
        })
        .collect();
    for i in 0..classes.len() {
        // The text cell after the 達成度, and any word-for-word repeats of it (themselves
        // copies: 「結果, 100%, 評価, 評価, 100%」).
        let mut next = i + 2;
        while next < folded.len() && folded.get(next) == folded.get(i + 1) {
            next += 1;
        }
        let same_later = matches!(classes.get(i), Some(CellClass::Achievement))
            && matches!(
                classes.get(i + 1),
                Some(CellClass::Text | CellClass::Plan | CellClass::Past)
            )
            && matches!(classes.get(next), Some(CellClass::Achievement))
            && folded.get(i) == folded.get(next);
        // Which of the two is the copy depends on the text between them: an evaluation
        // (「結果, 30%, 評価, 30%」) is followed by its year's 達成度, so the first value is the
        // copy; a text in plan wording is the next year's plan (「結果, 30%, 計画, 30%」), so
        // the value after it is the 達成度 copied past the plan.
        let copied = if matches!(classes.get(i + 1), Some(CellClass::Plan)) {
            next
        } else {
            i
        };
        if same_later && let Some(h) = hints.get_mut(copied) {
            h.copy = true;
        }
    }
    // A plan phrase repeated right after the 達成度 that follows it (「取組を継続, 結果, 70%,
    // 取組を継続」): the converter's copy of the plan cell.
    for i in 3..classes.len() {
        let copy = matches!(classes.get(i), Some(CellClass::Continue))
            && matches!(classes.get(i - 1), Some(CellClass::Achievement))
            && matches!(classes.get(i - 3), Some(CellClass::Continue))
            && folded.get(i) == folded.get(i - 3);
        if copy && let Some(h) = hints.get_mut(i) {
            h.copy = true;
        }
    }
    // A run of text cells repeating the run right before it word for word (「…, 取組を継続。,
    // 取組を継続。」; 「結果, 評価, 結果, 評価」): the converter's copy when the row has cells
    // too many; when the slots have room for all, filling them still costs less than a copy
    // plus a skipped slot.
    let text = |i: usize| {
        matches!(
            classes.get(i),
            Some(
                CellClass::Text
                    | CellClass::Plan
                    | CellClass::Past
                    | CellClass::Continue
                    | CellClass::Description
            )
        )
    };
    for run in 1..=2 {
        for start in run..classes.len() {
            let repeats = (0..run).all(|k| {
                text(start + k)
                    && text(start + k - run)
                    && start + k < folded.len()
                    && folded.get(start + k) == folded.get(start + k - run)
            });
            if repeats {
                for k in 0..run {
                    if let Some(h) = hints.get_mut(start + k) {
                        h.repeat = true;
                    }
                }
            }
        }
    }
    hints
}

/// The groups (of two or more) of a row's text cells that are twins ([`twins`]) of one
/// another, directly or through a third; each group in cell order.
fn twin_groups(keys: &[TwinKey], classes: &[CellClass]) -> Vec<Vec<usize>> {
    let eligible = |i: usize| {
        keys.get(i).is_some_and(|k| k.whole.len() >= 8)
            && matches!(
                classes.get(i),
                Some(CellClass::Text | CellClass::Plan | CellClass::Past)
            )
    };
    let mut group_of: Vec<Option<usize>> = vec![None; keys.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in (0..keys.len()).filter(|&i| eligible(i)) {
        let Some(key) = keys.get(i) else { continue };
        let joined = (0..i)
            .filter(|&j| eligible(j))
            .find(|&j| keys.get(j).is_some_and(|other| key.twins(other)))
            .and_then(|j| group_of.get(j).copied().flatten());
        let g = match joined {
            Some(g) => g,
            None => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        if let Some(members) = groups.get_mut(g) {
            members.push(i);
        }
        if let Some(slot) = group_of.get_mut(i) {
            *slot = Some(g);
        }
    }
    groups.retain(|g| g.len() >= 2);
    groups
}

/// What makes two cells twins, spelled out: the folded text with spelling variants of the same
/// word made alike (「出来た」 = 「できた」), without spaces and punctuation, and every run of
/// digits replaced by one `#` — a row repeats a year's sentence in the next years with only
/// the count changed (「申込13件を受付けた」, 「申込50件を受付けた」), and such a sentence
/// fills the same kind of slot each year.
#[cfg(test)]
fn twin_key(cell: &str) -> Vec<char> {
    twin_key_of_folded(&fold(cell.trim()))
}

/// [`twin_key`] of a folded text.
fn twin_key_of_folded(folded: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut in_digits = false;
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == ',' && in_digits {
            if !in_digits {
                out.push('#');
                in_digits = true;
            }
            continue;
        }
        in_digits = false;
        if c == '出' && chars.peek() == Some(&'来') {
            chars.next();
            out.extend(['で', 'き']);
            continue;
        }
        if c == '「' {
            // A quoted title: the year's theme (「いのちを守る」, 「眠りの不思議」).
            for q in chars.by_ref() {
                if q == '」' {
                    break;
                }
            }
            out.push('「');
            continue;
        }
        if c.is_whitespace() || matches!(c, '。' | '、' | '.' | ',' | '・') {
            continue;
        }
        out.push(c);
    }
    out
}

/// A cell's [`twin_key`], and that of its opening sentence when more sentences follow.
struct TwinKey {
    whole: Vec<char>,
    opening: Option<Vec<char>>,
}

impl TwinKey {
    #[cfg(test)]
    fn new(cell: &str) -> TwinKey {
        TwinKey::of_folded(&fold(cell.trim()))
    }

    /// The keys of a cell's folded, trimmed text (white space does not count in a key, so the
    /// opening sentence needs no trimming of its own).
    fn of_folded(folded: &str) -> TwinKey {
        let opening = folded
            .split_once('。')
            .filter(|(_, rest)| !rest.trim().is_empty())
            .map(|(first, _)| twin_key_of_folded(first))
            .filter(|k| k.len() >= 20);
        TwinKey {
            whole: twin_key_of_folded(folded),
            opening,
        }
    }

    /// Twins are the same text ([`twins`]), or texts that open with the same sentence of 20
    /// characters or more (「…就職情報室において、…事業を継続した。また、…」): a row's
    /// yearly report often keeps its first sentence and changes what follows.
    fn twins(&self, other: &TwinKey) -> bool {
        twins(&self.whole, &other.whole)
            || matches!((&self.opening, &other.opening), (Some(a), Some(b)) if twins(a, b))
    }
}

/// Whether two [`twin_key`]s are the same text: equal, or — for texts of 20 characters or
/// more — differing in at most one character in twenty (「作成し」 / 「制作し」, a dropped
/// or doubled character), counted as edit distance.
fn twins(a: &[char], b: &[char]) -> bool {
    if a == b {
        return true;
    }
    let longer = a.len().max(b.len());
    if a.len().min(b.len()) < 20 {
        return false;
    }
    edit_distance_within(a, b, longer / 20)
}

/// Whether the edit distance (insertions, deletions, substitutions) of `a` and `b` is at most
/// `limit`; only the band of width `limit` around the diagonal is computed.
fn edit_distance_within(a: &[char], b: &[char], limit: usize) -> bool {
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let big = limit + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(big)).collect();
    let mut cur = vec![big; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(c0) = cur.get_mut(0) {
            *c0 = (i + 1).min(big);
        }
        let lo = (i + 1).saturating_sub(limit).max(1);
        let hi = (i + 1 + limit).min(b.len());
        // Only the band is computed; the cells just outside it, which the band of this row and
        // the next reads, are "too far" (the rest of the row holds older values, never read).
        if lo >= 2
            && let Some(c) = cur.get_mut(lo - 1)
        {
            *c = big;
        }
        if let Some(c) = cur.get_mut(hi + 1) {
            *c = big;
        }
        let mut best = cur.first().copied().unwrap_or(big);
        for j in lo..=hi {
            let sub =
                prev.get(j - 1).copied().unwrap_or(big) + usize::from(b.get(j - 1) != Some(ca));
            let del = prev.get(j).copied().unwrap_or(big) + 1;
            let ins = cur.get(j - 1).copied().unwrap_or(big) + 1;
            let v = sub.min(del).min(ins).min(big);
            if let Some(c) = cur.get_mut(j) {
                *c = v;
            }
            best = best.min(v);
        }
        if best > limit {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(b.len()).is_some_and(|&d| d <= limit)
}

/// Aligns cells to the slots (with or without the optional description slot), each cell's
/// [`Hint`] (missing entries count as none) weighing in. The result is in cell order and covers
/// every cell and every slot exactly once.
#[cfg(test)]
pub fn align_cells_hinted(cells: &[CellClass], hints: &[Hint], with_desc: bool) -> Vec<Op> {
    align_with_cost(cells, hints, with_desc, &Table::REFERENCE).1
}

/// [`align_cells_hinted`], with the alignment's total cost.
fn align_with_cost(
    cells: &[CellClass],
    hints: &[Hint],
    with_desc: bool,
    table: &Table,
) -> (i64, Vec<Op>) {
    let all = table.slots();
    let slot_count = all.len();
    let slots: Vec<Slot> = all
        .into_iter()
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
                let cost = match_cost(c, s) + year_cost(hint.year, s, table) + twin_cost(hint, s);
                relax(i + 1, j + 1, cost * 10, 0);
            }
            if let Some(&s) = slots.get(j) {
                relax(i, j + 1, skip_cost(s, j, slot_count), 1);
            }
            if let Some(&c) = cells.get(i) {
                let hint = hints.get(i).copied().unwrap_or_default();
                let cost = if hint.copy {
                    EXTRA_COPY
                } else if hint.repeat {
                    EXTRA_REPEAT.min(extra_cost(c))
                } else {
                    extra_cost(c)
                };
                relax(i + 1, j, cost * 10, 2);
            }
        }
    }
    let total = i64::from(dist.get(n * width + m).copied().unwrap_or(inf));
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
    (total, ops)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CellClass::*;

    #[test]
    fn reference_table_has_the_reference_slots() {
        assert_eq!(Table::REFERENCE.slots(), SLOTS.to_vec());
        let t = Table::REFERENCE;
        assert_eq!(t.year(Slot::R1Result), Some(2019));
        assert_eq!(t.year(Slot::R3Ach), Some(2021));
        assert_eq!(t.year(Slot::R4Plan), Some(2022));
        assert_eq!(t.year(Slot::R5Result), Some(2023));
        let more = Table {
            first_year: 2019,
            past: 4,
        };
        assert_eq!(more.year(Slot::E3Result), Some(2019));
        assert_eq!(more.year(Slot::R1Result), Some(2020));
        assert_eq!(more.year(Slot::R4Plan), Some(2023));
        assert_eq!(more.year(Slot::Future), Some(2024));
        assert_eq!(more.slots().len(), 19);
    }

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
    /// The yearly cells of a plain row (R1–R3), for the tests below to continue.
    fn r1_to_r3() -> Vec<&'static str> {
        vec![
            "相談会を開催した。",
            "相談者を支援につなげた。",
            "100%",
            "相談会を書面で開催した。",
            "関係機関と連携した。",
            "100%",
        ]
    }

    #[test]
    fn twin_keys_fold_spelling_counts_and_titles() {
        assert_eq!(
            twin_key("継続して実施することが出来た。"),
            twin_key("継続して実施することができた。")
        );
        assert_eq!(
            twin_key("小口事業資金融資あつせん申込13件を受付けた。"),
            twin_key("小口事業資金融資あつせん申込1,250件を受付けた。")
        );
        assert_eq!(
            twin_key("健康大学TVとして「いのちを守る」をテーマに放送した"),
            twin_key("健康大学TVとして「眠りの不思議」をテーマに放送した")
        );
        assert_ne!(
            twin_key("講演会を開催した。"),
            twin_key("講演会を中止した。")
        );
        // One character in twenty may differ (作成 / 制作: two in 47), not more.
        let a = twin_key(
            "市の電話相談を含めたコロナ禍におけるこころの相談先一覧を作成し、健康センターにポスターを掲示した。",
        );
        let b = twin_key(
            "市の電話相談を含めたコロナ禍におけるこころの相談先一覧を制作し、健康センターにポスターを掲示した。",
        );
        let c = twin_key(
            "市の電話相談を含めたコロナ禍の相談先の一覧を制作して、市役所と健康センターにポスターを掲示した。",
        );
        assert!(twins(&a, &b));
        assert!(!twins(&a, &c));
        // Short texts must be equal.
        assert!(!twins(&twin_key("会議を開いた"), &twin_key("会議を開けた")));
    }

    #[test]
    fn texts_opening_with_the_same_sentence_are_twins() {
        let a = TwinKey::new(
            "就職情報室において、求職者への情報提供、就労相談等の事業を継続した。また、面接会は中止となった。",
        );
        let b = TwinKey::new(
            "就職情報室において、求職者への情報提供、就労相談等の事業を継続した。また、セミナーを実施した。",
        );
        let single =
            TwinKey::new("就職情報室において、求職者への情報提供、就労相談等の事業を継続した。");
        assert!(a.twins(&b));
        // A one-sentence text has no separate opening: it is compared whole.
        assert!(!a.twins(&single));
    }

    #[test]
    fn report_wording_wins_over_continue_and_closing_plan() {
        assert_eq!(classify("継続して実施することができた。"), Past);
        assert_eq!(classify("実施を継続する。"), Continue);
        assert_eq!(
            classify("事業を継続した。また、求職者の実態に合わせた支援を行っていきたい。"),
            Past
        );
        assert_eq!(
            classify("情報共有を図る。また、研修を行っていきたい。"),
            Plan
        );
    }

    #[test]
    fn achievement_copied_past_a_plan_is_the_second_one() {
        // R3: result, 30%; R4: plan, a copy of 30%, the plan text again as the result, 100%.
        let mut cells = r1_to_r3();
        cells.extend([
            "連絡会は書面にて実施した。",
            "30%",
            "関係機関との情報共有を図る。",
            "30%",
            "関係機関との情報共有を図る。",
            "100%",
            "取組を継続。",
            "会議を開催した。",
        ]);
        let ops = align_row(&cells, false);
        assert!(ops.contains(&Op::Match(7, Slot::R3Ach)), "{ops:?}");
        assert!(ops.contains(&Op::Match(8, Slot::R4Plan)), "{ops:?}");
        assert!(ops.contains(&Op::Extra(9)), "{ops:?}");
        assert!(ops.contains(&Op::Match(10, Slot::R4Result)), "{ops:?}");
        // With an evaluation between them, the first value is the copy.
        let mut cells = r1_to_r3();
        cells.extend([
            "連絡会は書面にて実施した。",
            "30%",
            "書面でも情報を共有できた。",
            "30%",
            "取組を継続",
            "会議を開催した。",
            "対面で情報を共有できた。",
            "100%",
            "取組を継続。",
            "会議を開催した。",
        ]);
        let ops = align_row(&cells, false);
        assert!(ops.contains(&Op::Extra(7)), "{ops:?}");
        assert!(ops.contains(&Op::Match(8, Slot::R3Eval)), "{ops:?}");
        assert!(ops.contains(&Op::Match(9, Slot::R3Ach)), "{ops:?}");
    }

    #[test]
    fn repeated_last_cell_is_surplus_only_when_a_cell_too_many() {
        // R4: plan missing, result, eval, 達成度 missing; then future plan, R5 and a copy.
        let mut cells = r1_to_r3();
        cells.extend([
            "講演会をテレビで放送した。",
            "関係機関と連携した。",
            "100%",
            "テレビで放送した。",
            "関係機関と連携した。",
            "2月に講演会を開催予定。",
            "取組を継続。",
            "取組を継続。",
        ]);
        let ops = align_row(&cells, false);
        assert!(ops.contains(&Op::Match(9, Slot::R4Result)), "{ops:?}");
        assert!(ops.contains(&Op::Match(10, Slot::R4Eval)), "{ops:?}");
        assert!(ops.contains(&Op::Match(11, Slot::Future)), "{ops:?}");
        assert!(ops.contains(&Op::Match(12, Slot::R5Result)), "{ops:?}");
        assert!(ops.contains(&Op::Extra(13)), "{ops:?}");
        // A full row: the same phrase as future plan and R5 fills both.
        let mut cells = r1_to_r3();
        cells.extend([
            "講演会をテレビで放送した。",
            "関係機関と連携した。",
            "100%",
            "取組を継続",
            "テレビで放送した。",
            "関係機関と連携した。",
            "100%",
            "取組を継続。",
            "取組を継続。",
        ]);
        let ops = align_row(&cells, false);
        assert!(ops.contains(&Op::Match(13, Slot::Future)), "{ops:?}");
        assert!(ops.contains(&Op::Match(14, Slot::R5Result)), "{ops:?}");
    }

    #[test]
    fn twins_placed_differently_are_tried_together() {
        // 「出来た」 in R2's evaluation and 「できた」 after the R4 plan: the same
        // evaluation, so R4 has no result cell.
        let cells = [
            "利用者11人、協力員28人。",
            "利用者が増えていないが、見守りは続いた。",
            "50%",
            "利用者数 8名 協力員 27名",
            "継続して実施することが出来た。",
            "60%",
            "利用者数 7名 協力員 20名",
            "60%",
            "見守りを強化し、早期発見に努めていく。",
            "継続して実施することができた。",
            "60%",
            "見守りを継続し、早期発見できるようにする。",
            "取組を継続。",
        ];
        let ops = align_row(&cells, false);
        assert!(ops.contains(&Op::Match(4, Slot::R2Eval)), "{ops:?}");
        assert!(ops.contains(&Op::Match(9, Slot::R4Eval)), "{ops:?}");
        assert!(ops.contains(&Op::Skip(Slot::R4Result)), "{ops:?}");
    }

    #[test]
    fn yearly_count_sentences_pull_to_the_result_kind() {
        // R2: result, 100%, (eval missing); R3: a result with the next year's count, a copy of
        // 100%, the evaluation, 100%; R4: plan, result with the count, 100%.
        let cells = [
            "申込33件を受付けた。",
            "滞りなく融資が実行され、事業を継続させることができた。",
            "100%",
            "申込13件を受付けた。また、新型コロナの影響を受けた事業者には補助を行った。",
            "100%",
            "申込50件を受付けた。また、昨年度から引き続き、保証料全額補助を行い事業者を支援した。",
            "100%",
            "スピード感をもって対応し、事業者の事業継続を支援した。",
            "100%",
            "実施を継続する。",
            "申込58件を受付けた。また、昨年度から引き続き、保証料全額補助を行い事業者を支援した。",
            "滞りなく融資が実行され、自立を促すことができた。",
            "100%",
            "実施を継続する。",
            "取組を継続。",
        ];
        let ops = align_row(&cells, false);
        assert!(ops.contains(&Op::Match(4, Slot::R2Ach)), "{ops:?}");
        assert!(ops.contains(&Op::Match(5, Slot::R3Result)), "{ops:?}");
        assert!(ops.contains(&Op::Extra(6)), "{ops:?}");
        assert!(ops.contains(&Op::Match(7, Slot::R3Eval)), "{ops:?}");
        assert!(ops.contains(&Op::Match(10, Slot::R4Result)), "{ops:?}");
    }

    #[test]
    fn achievement_copy_is_seen_across_a_repeated_evaluation() {
        // R1 and R2 without 達成度; R3: result, a copy of 100%, the evaluation twice, 100%.
        let cells = [
            "健康診査(706)、特定健康診査(6165)",
            "冊子を個別送付した。リーフレットの郵送は見送った。",
            "健康診査(414)、特定健康診査(5,336)",
            "冊子を個別送付した。リーフレットの郵送を行い啓発した。",
            "健康診査(723)、特定健康診査(6,047)",
            "100%",
            "こころの健康をテーマとして、冊子を個別送付した。",
            "こころの健康をテーマとして、冊子を個別送付した。",
            "100%",
            "取組を継続。",
            "健康診査(630)、特定健康診査(5,996)",
            "こころの健康をテーマとして、冊子を個別送付した。",
            "100%",
            "取組を継続。",
            "取組を継続。",
        ];
        let ops = align_row(&cells, false);
        assert!(ops.contains(&Op::Skip(Slot::R2Ach)), "{ops:?}");
        assert!(ops.contains(&Op::Match(4, Slot::R3Result)), "{ops:?}");
        assert!(ops.contains(&Op::Extra(5)), "{ops:?}");
        assert!(ops.contains(&Op::Match(6, Slot::R3Eval)), "{ops:?}");
        assert!(ops.contains(&Op::Extra(7)), "{ops:?}");
        assert!(ops.contains(&Op::Match(8, Slot::R3Ach)), "{ops:?}");
    }

    #[test]
    fn repeated_runs_of_cells_are_marked() {
        // 「結果, 結果, 評価, 結果, 評価」: the second cell repeats the first, and the last two
        // repeat the two before them.
        let cells = [
            "取組を継続",
            "講演会をテレビで放送した。",
            "講演会をテレビで放送した。",
            "テレビ放映により開催することができた。",
            "講演会をテレビで放送した。",
            "テレビ放映により開催することができた。",
            "100%",
            "100%",
        ];
        let classes: Vec<CellClass> = cells.iter().map(|c| classify(c)).collect();
        let folded: Vec<String> = cells.iter().map(|c| fold(c.trim())).collect();
        let repeats: Vec<bool> = copy_hints(&cells, &folded, &classes, &Table::REFERENCE)
            .iter()
            .map(|h| h.repeat)
            .collect();
        assert_eq!(
            repeats,
            [false, false, true, false, true, true, false, false],
            "an achievement repeated is no text repeat"
        );
    }
}

#[cfg(test)]
mod edit_distance_props {
    use super::edit_distance_within;
    use proptest::prelude::*;

    /// The full Levenshtein table.
    fn levenshtein(a: &[char], b: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    proptest! {
        /// The banded computation answers exactly as the full table does.
        #[test]
        fn banded_equals_full(a in "[あいう]{0,40}", b in "[あいう]{0,40}", limit in 0usize..5) {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            prop_assert_eq!(edit_distance_within(&a, &b, limit), levenshtein(&a, &b) <= limit);
        }
    }
}
