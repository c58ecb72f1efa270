//! What the otaru reader takes out of a narrative cell: counted outputs written as prose
//! (「延べ51人が参加」「相談件数693件」「1,555枚配布」「24グループに助成し、延べ12,567人が利用」)
//! and calendar dates (「令和2年1月21日」, with an optional weekday 「(金)」) to check against
//! the report's fiscal year.
//!
//! Matching works on the folded text ([`crate::normalise::fold`]) character by character;
//! every match is mapped back to the original text, which is what `original` keeps.

use crate::normalise::{UNITS, fold, is_circled, parse_number};
use shinchoku_core::{Era, FiscalYear, Output};

/// One folded character and the byte range of the original character it came from.
#[derive(Debug, Clone, Copy)]
struct Folded {
    c: char,
    start: usize,
    end: usize,
}

/// Folds `s` one original character at a time, so that every folded character knows where it
/// came from.
fn fold_mapped(s: &str) -> Vec<Folded> {
    let mut out = Vec::with_capacity(s.len());
    for (start, c) in s.char_indices() {
        let end = start + c.len_utf8();
        let mut buf = [0u8; 4];
        for fc in fold(c.encode_utf8(&mut buf)).chars() {
            out.push(Folded { c: fc, start, end });
        }
    }
    out
}

/// The original text of the folded characters `from..to`.
fn original_of<'a>(s: &'a str, chars: &[Folded], from: usize, to: usize) -> &'a str {
    let (Some(first), Some(last)) = (
        chars.get(from),
        to.checked_sub(1).and_then(|i| chars.get(i)),
    ) else {
        return "";
    };
    s.get(first.start..last.end).unwrap_or("")
}

fn starts_with_at(chars: &[Folded], at: usize, word: &str) -> bool {
    let mut i = at;
    for w in word.chars() {
        match chars.get(i) {
            Some(f) if f.c == w => i += 1,
            _ => return false,
        }
    }
    true
}

fn char_at(chars: &[Folded], i: usize) -> Option<char> {
    chars.get(i).map(|f| f.c)
}

/// Verbs that say what was counted when they follow the number (「51人が参加」「7団体に補助」).
const VERBS: &[&str] = &[
    "参加", "利用", "配布", "配付", "補助", "助成", "実施", "開催", "開設", "受講", "受診", "来場",
    "派遣", "配置", "登録", "交付", "相談", "訪問", "養成", "設置", "発行", "掲載", "支援",
];

/// Particles allowed between the number and its verb.
const PARTICLES: &[char] = &['が', 'に', 'を'];

/// Characters that end a label written before the number (「。相談件数693件」).
fn is_boundary(c: char) -> bool {
    c.is_whitespace()
        || is_circled(c)
        || matches!(
            c,
            '、' | '。'
                | ','
                | '.'
                | '('
                | ')'
                | '「'
                | '」'
                | '・'
                | '●'
                | '○'
                | '■'
                | '▶'
                | ':'
                | ';'
                | '/'
                | '~'
        )
}

/// A label written before the number that ends in one of these is the end of a phrase
/// (「関係機関等に」), not a label.
fn ends_in_particle(label: &str) -> bool {
    label.chars().next_back().is_some_and(|c| {
        matches!(
            c,
            'に' | 'を' | 'が' | 'は' | 'で' | 'と' | 'の' | 'も' | 'へ'
        )
    })
}

/// Units followed by these characters are part of another word (「人口」「回答」「件数」).
fn unit_is_word(unit: &str, after: Option<char>) -> bool {
    matches!(
        (unit, after),
        ("人", Some('口' | '材' | '権' | '生' | '間' | '形'))
            | ("回", Some('答' | '復' | '収' | '覧'))
            | ("件", Some('数'))
            | ("部", Some('会' | '署' | '長' | '門' | '局'))
            | ("名", Some('称' | '簿' | '前'))
            | ("校", Some('長' | '生' | '区' | '舎'))
            | ("組", Some('織' | '合' | 'み'))
            | ("本", Some('人' | '市' | '会'))
            | ("社", Some('会'))
            | ("食", Some('事' | '品' | '生'))
            | ("台", Some('帳'))
            | ("店", Some('舗'))
    )
}

#[derive(Debug)]
struct Token {
    /// Folded char range of the whole output phrase (label/prefix … unit or verb).
    from: usize,
    to: usize,
    /// End of the unit (folded char index).
    unit_end: usize,
    value: f64,
    unit: String,
    label: Option<String>,
    /// The verb found after the number, for chaining (「61施設、108人が参加」).
    verb: Option<String>,
    /// 延べ / 延 before the number.
    cumulative: bool,
}

/// Counted outputs in a narrative, in text order.
///
/// The label is the counted thing written before the number when there is one
/// (「相談件数693件」 → 相談件数, 「小学校10回」 → 小学校), else the verb after it
/// (「1,555枚配布」 → 配布, 「51人が参加」 → 参加), with 「延べ」 in front for cumulative counts
/// (「延べ51人」「延20人」). A number without a verb that is followed by 「、」 and another
/// count takes that count's verb (「61施設、108人が参加」 → 参加 61施設). Numbers with neither
/// (dates, 「市内4圏域」) are not outputs.
pub fn outputs(text: &str) -> Vec<Output> {
    let chars = fold_mapped(text);
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0usize;
    while i < chars.len() {
        let Some(c) = char_at(&chars, i) else { break };
        let prev = i.checked_sub(1).and_then(|p| char_at(&chars, p));
        if !c.is_ascii_digit() || prev.is_some_and(|p| p.is_ascii_digit() || p == '.' || p == ',') {
            i += 1;
            continue;
        }
        // The number: digits, commas followed by three digits, an optional fraction.
        let start = i;
        let mut j = i;
        loop {
            match char_at(&chars, j) {
                Some(d) if d.is_ascii_digit() => j += 1,
                Some(',')
                    if (1..=3)
                        .all(|k| char_at(&chars, j + k).is_some_and(|d| d.is_ascii_digit()))
                        && !char_at(&chars, j + 4).is_some_and(|d| d.is_ascii_digit()) =>
                {
                    j += 1
                }
                Some('.') if char_at(&chars, j + 1).is_some_and(|d| d.is_ascii_digit()) => j += 1,
                _ => break,
            }
        }
        let number: String = chars
            .get(start..j)
            .map(|s| s.iter().map(|f| f.c).collect())
            .unwrap_or_default();
        i = j.max(start + 1);
        let mut k = j;
        while char_at(&chars, k) == Some(' ') {
            k += 1;
        }
        let Some(unit) = UNITS.iter().find(|u| starts_with_at(&chars, k, u)) else {
            continue;
        };
        let unit_end = k + unit.chars().count();
        if unit_is_word(unit, char_at(&chars, unit_end))
            || prev == Some('第')
            || (start >= 3 && starts_with_at(&chars, start - 3, "No."))
        {
            continue;
        }
        let Some(value) = parse_number(&number) else {
            continue;
        };
        // 延べ / 延 just before the number.
        let (cumulative, phrase_start) = if start >= 2 && starts_with_at(&chars, start - 2, "延べ")
        {
            (true, start - 2)
        } else if start >= 1 && char_at(&chars, start - 1) == Some('延') {
            (true, start - 1)
        } else {
            (false, start)
        };
        // A verb after the unit, possibly behind one particle.
        let mut v = unit_end;
        if char_at(&chars, v).is_some_and(|c| PARTICLES.contains(&c)) {
            v += 1;
        }
        let verb = VERBS.iter().find(|w| starts_with_at(&chars, v, w));
        // A label before the number (or before 延べ).
        let mut l = phrase_start;
        while l > 0 && char_at(&chars, l - 1).is_some_and(|c| !is_boundary(c)) {
            l -= 1;
        }
        let before: String = chars
            .get(l..phrase_start)
            .map(|s| s.iter().map(|f| f.c).collect())
            .unwrap_or_default();
        let before_ok =
            !before.is_empty() && before.chars().count() <= 12 && !ends_in_particle(&before);
        let prefix = if cumulative { "延べ" } else { "" };
        let (label, from, to) = match (before_ok, verb) {
            (true, _) => (Some(format!("{prefix}{before}")), l, unit_end),
            (false, Some(verb)) => (
                Some(format!("{prefix}{verb}")),
                phrase_start,
                v + verb.chars().count(),
            ),
            (false, None) => (None, phrase_start, unit_end),
        };
        tokens.push(Token {
            from,
            to,
            unit_end,
            value,
            unit: (*unit).to_owned(),
            label,
            verb: verb.map(|v| (*v).to_owned()),
            cumulative,
        });
        i = i.max(unit_end);
    }
    // Chain: 「61施設、108人が参加」.
    for t in (0..tokens.len()).rev() {
        let next_verb = tokens.get(t + 1).and_then(|n| n.verb.clone());
        let Some(token) = tokens.get_mut(t) else {
            continue;
        };
        if token.label.is_none()
            && char_at(&chars, token.unit_end) == Some('、')
            && let Some(verb) = next_verb
        {
            token.verb = Some(verb.clone());
            let prefix = if token.cumulative { "延べ" } else { "" };
            token.label = Some(format!("{prefix}{verb}"));
        }
    }
    tokens
        .into_iter()
        .filter_map(|t| {
            Some(Output {
                label: t.label?,
                value: t.value,
                unit: Some(t.unit),
                original: original_of(text, &chars, t.from, t.to).to_owned(),
            })
        })
        .collect()
}

/// A calendar date written in the narrative (era year, month, optional day and weekday).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
    /// The weekday written after the date (「(金)」), as written.
    pub weekday: Option<char>,
    pub original: String,
}

impl DateMention {
    /// The fiscal year the date falls in (April–March).
    pub fn fiscal_year(&self) -> FiscalYear {
        if self.month >= 4 {
            FiscalYear(self.year)
        } else {
            FiscalYear(self.year.saturating_sub(1))
        }
    }

    /// The weekday of the date, when the date is a real day: 日 月 火 水 木 金 土.
    pub fn actual_weekday(&self) -> Option<char> {
        let day = self.day?;
        if !(1..=12).contains(&self.month) || day == 0 || day > days_in_month(self.year, self.month)
        {
            return None;
        }
        // Sakamoto's method; 0 = Sunday.
        const T: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let m = usize::try_from(self.month).ok()?;
        let mut y = i64::from(self.year);
        if m < 3 {
            y -= 1;
        }
        let t = *T.get(m.checked_sub(1)?)?;
        let w = (y + y / 4 - y / 100 + y / 400 + t + i64::from(day)).rem_euclid(7);
        ['日', '月', '火', '水', '木', '金', '土']
            .get(usize::try_from(w).ok()?)
            .copied()
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn read_int(chars: &[Folded], mut i: usize) -> Option<(u32, usize)> {
    let start = i;
    let mut n: u32 = 0;
    while let Some(d) = char_at(chars, i).and_then(|c| c.to_digit(10)) {
        n = n.checked_mul(10)?.checked_add(d)?;
        i += 1;
    }
    (i > start).then_some((n, i))
}

/// Dates written with an era year and a month: 「令和元年10月25日」「令和2年3月号」
/// 「令和元年11月1日(金)」. A later date with its era left out (「令和2年1月21日・28日」) is
/// not a separate mention.
pub fn dates(text: &str) -> Vec<DateMention> {
    let chars = fold_mapped(text);
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < chars.len() {
        let Some(era) = Era::ALL
            .into_iter()
            .find(|e| starts_with_at(&chars, i, e.kanji()))
        else {
            i += 1;
            continue;
        };
        let from = i;
        let mut j = i + era.kanji().chars().count();
        let n = if char_at(&chars, j) == Some('元') {
            j += 1;
            Some(1)
        } else {
            read_int(&chars, j).map(|(n, e)| {
                j = e;
                n
            })
        };
        let (Some(n), Some('年')) = (n, char_at(&chars, j)) else {
            i += 1;
            continue;
        };
        let Some((month, after_month)) = read_int(&chars, j + 1) else {
            i = j;
            continue;
        };
        if char_at(&chars, after_month) != Some('月') {
            i = j;
            continue;
        }
        let Some(year) = i32::try_from(n).ok().and_then(|n| era.western_year(n)) else {
            i = after_month;
            continue;
        };
        let mut end = after_month + 1;
        let mut day = None;
        if let Some((d, after_day)) = read_int(&chars, end)
            && char_at(&chars, after_day) == Some('日')
        {
            day = Some(d);
            end = after_day + 1;
        }
        let mut weekday = None;
        if day.is_some()
            && char_at(&chars, end) == Some('(')
            && char_at(&chars, end + 2) == Some(')')
            && let Some(w) = char_at(&chars, end + 1)
            && "日月火水木金土".contains(w)
        {
            weekday = Some(w);
            end += 3;
        }
        out.push(DateMention {
            year,
            month,
            day,
            weekday,
            original: original_of(text, &chars, from, end).to_owned(),
        });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(text: &str) -> Vec<(String, f64, String, String)> {
        outputs(text)
            .into_iter()
            .map(|o| (o.label, o.value, o.unit.unwrap_or_default(), o.original))
            .collect()
    }

    fn o(label: &str, value: f64, unit: &str, original: &str) -> (String, f64, String, String) {
        (label.into(), value, unit.into(), original.into())
    }

    #[test]
    fn prose_outputs() {
        assert_eq!(
            short("24グループに助成し、延べ12,567人が利用。"),
            vec![
                o("助成", 24.0, "グループ", "24グループに助成"),
                o("延べ利用", 12567.0, "人", "延べ12,567人が利用")
            ]
        );
        assert_eq!(
            short("講座を開催しました。延べ51人が参加。"),
            vec![o("延べ参加", 51.0, "人", "延べ51人が参加")]
        );
        assert_eq!(
            short("「友遊クラブ」を6回開催しました。延20人が参加。"),
            vec![
                o("開催", 6.0, "回", "6回開催"),
                o("延べ参加", 20.0, "人", "延20人が参加")
            ]
        );
        assert_eq!(
            short("研修会を開催しました。61施設、108人が参加。"),
            vec![
                o("参加", 61.0, "施設", "61施設"),
                o("参加", 108.0, "人", "108人が参加")
            ]
        );
        assert_eq!(
            short("相談件数693件。 （電話相談481件、来所相談111件、訪問101件）。"),
            vec![
                o("相談件数", 693.0, "件", "相談件数693件"),
                o("電話相談", 481.0, "件", "電話相談481件"),
                o("来所相談", 111.0, "件", "来所相談111件"),
                o("訪問", 101.0, "件", "訪問101件")
            ]
        );
        assert_eq!(
            short("関係機関等に1,555枚配布。"),
            vec![o("配布", 1555.0, "枚", "1,555枚配布")]
        );
        // Full-width digits are folded for parsing; the original keeps them.
        assert_eq!(
            short("関係機関等に１，５５５枚配布。"),
            vec![o("配布", 1555.0, "枚", "１，５５５枚配布")]
        );
    }

    #[test]
    fn numbers_that_are_not_outputs() {
        assert!(short("令和元年10月25日に開催しました。").is_empty());
        assert!(short("総合相談業務等を市内4圏域において実施しました。").is_empty());
        assert!(short("第3回会議を開催").is_empty());
        assert!(short("人口10万人口").is_empty());
    }

    #[test]
    fn date_mentions() {
        let d = dates("令和元年11月1日(金)～令和元年12月31日(火)「届けよう!」");
        assert_eq!(d.len(), 2);
        assert_eq!(
            d.first().map(|d| (d.year, d.month, d.day)),
            Some((2019, 11, Some(1)))
        );
        assert_eq!(d.first().and_then(|d| d.weekday), Some('金'));
        assert_eq!(d.first().and_then(DateMention::actual_weekday), Some('金'));
        assert_eq!(d.get(1).and_then(DateMention::actual_weekday), Some('火'));
        assert_eq!(
            d.first().map(|d| d.original.as_str()),
            Some("令和元年11月1日(金)")
        );
        let d = dates("広報おたるの令和2年3月号に掲載");
        assert_eq!(
            d.first().map(DateMention::fiscal_year),
            Some(FiscalYear(2019))
        );
        assert_eq!(d.first().and_then(|d| d.day), None);
        assert!(dates("令和元年度").is_empty());
        assert!(dates("令和").is_empty());
        assert!(dates("令和99999999999年1月").is_empty());
    }
}
