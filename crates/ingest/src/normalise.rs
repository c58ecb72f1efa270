//! Normalisers for the text of Japanese municipal reports.
//!
//! Parsing always works on a folded copy ([`fold`]: NFKC, except that circled numbers ①②…
//! are kept because reports use them as item markers); callers keep the original text.

use regex::Regex;
use sha2::{Digest, Sha256};
use shinchoku_core::{DocDate, Era, FiscalYear, Output};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

mod municipality;
pub use municipality::{
    infer_municipality, is_municipality_suffix, municipality_of_title, prefecture_of_code,
    weak_municipality_evidence,
};

/// Counting units seen in reports, longest first so that 「か所」 wins over 「所」.
pub const UNITS: &[&str] = &[
    "グループ",
    "アクセス",
    "ケース",
    "事業所",
    "ヶ所",
    "か所",
    "カ所",
    "箇所",
    "世帯",
    "団体",
    "施設",
    "講座",
    "人日",
    "時間",
    "件",
    "人",
    "名",
    "回",
    "部",
    "食",
    "台",
    "校",
    "枚",
    "組",
    "冊",
    "本",
    "社",
    "店",
    "園",
    "個",
    "編",
    "%",
];

/// Decodes a document: UTF-8 (a BOM is dropped), else Shift_JIS/CP932 as Excel saves it.
/// `None` when neither decodes without errors.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_owned());
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// Whether `c` is a circled number (①–⑳, ㉑–㉟, ㊱–㊿).
pub fn is_circled(c: char) -> bool {
    circled_number(c).is_some()
}

/// The value of a circled number: ① → 1.
pub fn circled_number(c: char) -> Option<u32> {
    let c = c as u32;
    match c {
        0x2460..=0x2473 => Some(c - 0x2460 + 1),
        0x3251..=0x325F => Some(c - 0x3251 + 21),
        0x32B1..=0x32BF => Some(c - 0x32B1 + 36),
        _ => None,
    }
}

/// The folded form used for matching and parsing: NFKC (full-width digits, letters and
/// punctuation become ASCII, half-width katakana become full-width), ideographic and
/// no-break spaces become ASCII spaces, the wave dash 〜 becomes `~`; circled numbers stay.
pub fn fold(s: &str) -> String {
    // The common case: nothing to normalise or map (see `nfkc_stable`).
    if s.chars().all(nfkc_stable) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        // Most runs are plain ASCII, kana and kanji, which NFKC leaves as they are.
        if run.chars().all(nfkc_stable) {
            out.push_str(run);
        } else {
            out.extend(run.nfkc());
        }
        run.clear();
    };
    for c in s.chars() {
        if is_circled(c) {
            flush(&mut run, &mut out);
            out.push(c);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut out);
    out.chars()
        .map(|c| match c {
            '\u{3000}' | '\u{00A0}' => ' ',
            '〜' => '~',
            c => c,
        })
        .collect()
}

/// Characters that NFKC maps to themselves in any context: no decomposition, no combining
/// class, and no composition with a neighbour of this set (ASCII, 、。「」『』【】, hiragana and
/// katakana without the combining sound marks, the long-vowel mark, CJK unified ideographs).
/// A text of only these is its own NFKC form.
fn nfkc_stable(c: char) -> bool {
    matches!(
        c as u32,
        0x00..=0x7F
            | 0x3001..=0x3002
            | 0x300C..=0x3011
            | 0x3041..=0x3096
            | 0x30A1..=0x30FA
            | 0x30FC
            | 0x4E00..=0x9FFF
    )
}

/// Trims and collapses runs of white space (including ideographic spaces) to one ASCII space.
pub fn collapse_ws(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key used to compare names (divisions, measures) written in different widths and
/// spacings: folded, without any white space.
pub fn match_key(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a cell means "nothing here": empty, 「-」, 「—」, 「―」, 「－」, 「ー」 alone.
pub fn is_blank_cell(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    t.is_empty() || matches!(t, "-" | "—" | "―" | "－" | "ー" | "‐" | "−" | "--" | "――")
}

/// Parses an integer written with optional thousands separators and full-width digits:
/// 「1,478」「１，４７８」「-3」. The whole string must be the number (spaces allowed).
pub fn parse_int(s: &str) -> Option<i64> {
    let f = fold(s);
    let t = f.trim();
    let (neg, digits) = match t.strip_prefix(['-', '−', '▲', '△']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    if !valid_grouped_digits(digits) {
        return None;
    }
    let plain: String = digits.chars().filter(|c| *c != ',').collect();
    let n: i64 = plain.parse().ok()?;
    Some(if neg { -n } else { n })
}

/// Parses a decimal number written like [`parse_int`], with an optional fraction: 「12.5」.
pub fn parse_number(s: &str) -> Option<f64> {
    let f = fold(s);
    let t = f.trim();
    let (neg, rest) = match t.strip_prefix(['-', '−', '▲', '△']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    let (int_part, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if !valid_grouped_digits(int_part) {
        return None;
    }
    if let Some(frac) = frac
        && (frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let mut plain: String = int_part.chars().filter(|c| *c != ',').collect();
    if let Some(frac) = frac {
        plain.push('.');
        plain.push_str(frac);
    }
    let n: f64 = plain.parse().ok()?;
    n.is_finite().then_some(if neg { -n } else { n })
}

/// Digits, optionally grouped by commas in threes (「12,567」, not 「1,2」).
fn valid_grouped_digits(s: &str) -> bool {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return false;
    }
    if !s.contains(',') {
        return true;
    }
    let mut groups = s.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    first_ok && groups.all(|g| g.len() == 3)
}

/// Parses a cell that is a percentage and nothing else: 「100 %」「１００％」「50%」 → 50.
/// Fractions are rounded to the nearest integer.
pub fn parse_percent(s: &str) -> Option<i32> {
    let f = fold(s);
    let t = f.trim().strip_suffix('%')?.trim_end();
    let n = parse_number(t)?;
    let r = n.round();
    (r >= f64::from(i32::MIN) && r <= f64::from(i32::MAX)).then_some(r as i32)
}

static ERA_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern, checked by the tests
    Regex::new(r"(令和|平成|昭和|大正|明治)\s*(元|\d{1,2})\s*年").expect("valid regex")
});
static LETTER_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"(?:^|[^A-Za-z])([RHS])\s*(元|\d{1,2})(?:\s*年度?)?(?:$|[^0-9])")
        .expect("valid regex")
});
static WESTERN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"((?:19|20)\d{2})\s*年度").expect("valid regex")
});

/// A fiscal year mentioned in text, with its byte range in the *folded* text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearMention {
    pub year: FiscalYear,
    pub start: usize,
    pub end: usize,
}

/// Every era year (「令和元年度」「平成31年度」「令和 6 年度」「R5」) and Western fiscal year
/// (「2024年度」) in `s`, in order. Ranges refer to `fold(s)`.
pub fn find_years(s: &str) -> Vec<YearMention> {
    let f = fold(s);
    let mut found = Vec::new();
    for caps in ERA_YEAR.captures_iter(&f) {
        let (Some(all), Some(era), Some(n)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        if let Some(year) = era_year(era.as_str(), n.as_str()) {
            found.push(YearMention {
                year,
                start: all.start(),
                end: all.end(),
            });
        }
    }
    for caps in LETTER_YEAR.captures_iter(&f) {
        let (Some(letter), Some(n)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        if let Some(year) = era_year(letter.as_str(), n.as_str()) {
            found.push(YearMention {
                year,
                start: letter.start(),
                end: n.end(),
            });
        }
    }
    for caps in WESTERN_YEAR.captures_iter(&f) {
        let (Some(all), Some(y)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if let Ok(y) = y.as_str().parse::<i32>() {
            found.push(YearMention {
                year: FiscalYear(y),
                start: all.start(),
                end: all.end(),
            });
        }
    }
    found.sort_by_key(|m| m.start);
    found
}

fn era_year(era: &str, n: &str) -> Option<FiscalYear> {
    era_western_year(Era::parse(era)?, n).map(FiscalYear)
}

/// Western year of the year written `n` (「元」 or digits) of `era`.
fn era_western_year(era: Era, n: &str) -> Option<i32> {
    let n = if n == "元" { 1 } else { n.parse().ok()? };
    era.western_year(n)
}

/// The first fiscal year mentioned in `s` (see [`find_years`]).
pub fn parse_fiscal_year(s: &str) -> Option<FiscalYear> {
    find_years(s).first().map(|m| m.year)
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern, checked by the tests
    Regex::new(r"(令和|平成|昭和|大正|明治)?(元|[0-9]{1,4})年([0-9]{1,2})月(?:([0-9]{1,2})日)?")
        .expect("valid regex")
});

/// A calendar date mentioned in text, with its byte range in [`match_key`]`(s)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub date: DocDate,
    pub start: usize,
    pub end: usize,
}

/// Every calendar date in `s`, in order: 「令和 7 年 3 月」, 「令和７年３月３１日」, 「令和元年5月」,
/// 「2025年3月」. Spaces and full-width digits are allowed. A year without an era takes the
/// era of the date before it (「令和6年4月1日～7年3月31日」); a year of four digits without
/// one is a Western year; anything else without an era, and impossible dates (13月,
/// 2月30日), are skipped. Fiscal years (「令和6年度」) are not dates.
pub fn find_dates(s: &str) -> Vec<DateMention> {
    dates_in_key(&match_key(s))
}

/// [`find_dates`] in text already turned into its [`match_key`].
fn dates_in_key(key: &str) -> Vec<DateMention> {
    let mut found = Vec::new();
    let mut era: Option<Era> = None;
    for caps in DATE.captures_iter(key) {
        let (Some(all), Some(n), Some(month)) = (caps.get(0), caps.get(2), caps.get(3)) else {
            continue;
        };
        // Part of a longer number (「12025年」) or of a day (「31日」 is not a year).
        if key
            .get(..all.start())
            .is_some_and(|before| before.ends_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        if let Some(e) = caps.get(1).and_then(|m| Era::parse(m.as_str())) {
            era = Some(e);
        }
        let year = match (caps.get(1).is_some() || n.as_str().len() < 4, era) {
            (true, Some(e)) => era_western_year(e, n.as_str()),
            (false, _) => n.as_str().parse().ok(),
            (true, None) => None,
        };
        let month = month.as_str().parse().ok();
        let day = match caps.get(4) {
            Some(d) => match d.as_str().parse() {
                Ok(d) => Some(d),
                Err(_) => continue,
            },
            None => None,
        };
        if let Some(date) = year.zip(month).and_then(|(y, m)| DocDate::new(y, m, day)) {
            found.push(DateMention {
                date,
                start: all.start(),
                end: all.end(),
            });
        }
    }
    found
}

/// `s` when it is one date and nothing else (spaces aside): the cover's 「令和 7 年 3 月」, the
/// colophon's 発行日.
pub fn parse_date(s: &str) -> Option<DocDate> {
    let key = match_key(s);
    match dates_in_key(&key).as_slice() {
        [one] if one.start == 0 && one.end == key.len() => Some(one.date),
        _ => None,
    }
}

/// The first range of two dates joined by 「～」「〜」「-」「から」 in `s`:
/// 「令和6年度（令和6年4月1日～令和7年3月31日）」 → (2024-04-01, 2025-03-31). `None` when the
/// text has no such range or the range ends before it starts.
pub fn parse_date_range(s: &str) -> Option<(DocDate, DocDate)> {
    let key = match_key(s);
    let dates = dates_in_key(&key);
    dates.windows(2).find_map(|w| {
        let [a, b] = w else { return None };
        let between = key.get(a.end..b.start)?;
        let joined = matches!(between, "~" | "-" | "‐" | "−" | "―" | "から");
        (joined && a.date.earliest() <= b.date.latest()).then_some((a.date, b.date))
    })
}

/// A yen amount found in text, with its byte range in the folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YenAmount {
    pub yen: i64,
    pub start: usize,
    pub end: usize,
}

static YEN: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(
        r"(?:(\d{1,3}(?:,\d{3})+|\d+)\s*億\s*)?(?:(\d{1,3}(?:,\d{3})+|\d+)\s*万\s*)?(?:(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*)?(千円|円)",
    )
    .expect("valid regex")
});

/// Every yen amount in `s`: 「11,027,500円」「5万円」「1億2,000万円」「350千円」. Ranges refer to
/// `fold(s)`. Amounts that overflow are skipped.
pub fn find_yen(s: &str) -> Vec<YenAmount> {
    let f = fold(s);
    let mut out = Vec::new();
    for caps in YEN.captures_iter(&f) {
        let Some(all) = caps.get(0) else { continue };
        // A bare 「円」 with no number before it is a word (円滑), not an amount.
        if caps.get(1).is_none() && caps.get(2).is_none() && caps.get(3).is_none() {
            continue;
        }
        // Digits glued to the left (「No.71」 is not part of an amount) break the match.
        if f[..all.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
        {
            continue;
        }
        let part = |i: usize| caps.get(i).map(|m| m.as_str().replace(',', ""));
        let thousand = caps.get(4).is_some_and(|m| m.as_str() == "千円");
        let mut yen: i64 = 0;
        let mut ok = true;
        if let Some(oku) = part(1) {
            match oku
                .parse::<i64>()
                .ok()
                .and_then(|n| n.checked_mul(100_000_000))
            {
                Some(v) => yen = v,
                None => ok = false,
            }
        }
        if let Some(man) = part(2) {
            match man
                .parse::<i64>()
                .ok()
                .and_then(|n| n.checked_mul(10_000))
                .and_then(|v| v.checked_add(yen))
            {
                Some(v) => yen = v,
                None => ok = false,
            }
        }
        if let Some(rest) = part(3) {
            let unit = if thousand { 1000.0 } else { 1.0 };
            match rest.parse::<f64>() {
                Ok(v) if (v * unit).fract() == 0.0 && v * unit < 9.0e15 => {
                    match yen.checked_add((v * unit) as i64) {
                        Some(total) => yen = total,
                        None => ok = false,
                    }
                }
                _ => ok = false,
            }
        }
        if ok {
            out.push(YenAmount {
                yen,
                start: all.start(),
                end: all.end(),
            });
        }
    }
    out
}

/// Parses a cell that states exactly one yen amount and nothing else (「158,000円」).
pub fn parse_yen(s: &str) -> Option<i64> {
    let f = fold(s);
    let amounts = find_yen(s);
    match amounts.as_slice() {
        [one] if f[..one.start].trim().is_empty() && f[one.end..].trim().is_empty() => {
            Some(one.yen)
        }
        _ => None,
    }
}

/// Whether the text holds a number (digits with thousands separators) too large for a yen
/// amount (`i64`): such a cell is reported, never wrapped or saturated.
pub fn amount_overflows(s: &str) -> bool {
    let f = fold(s);
    let mut digits = String::new();
    let check = |digits: &mut String| {
        let over = !digits.is_empty() && digits.parse::<i64>().is_err();
        digits.clear();
        over
    };
    let mut over = false;
    for c in f.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c != ',' {
            over |= check(&mut digits);
        }
    }
    over | check(&mut digits)
}

/// Splits text at circled-number item markers: 「①各種 11円 ②消費 9円」 →
/// `[(Some(1), "各種 11円"), (Some(2), "消費 9円")]`. Text before the first marker, if any,
/// comes first with `None`. Items are trimmed.
pub fn split_circled_items(s: &str) -> Vec<(Option<u32>, String)> {
    let mut items: Vec<(Option<u32>, String)> = Vec::new();
    let mut current: (Option<u32>, String) = (None, String::new());
    for c in s.chars() {
        if let Some(n) = circled_number(c) {
            if current.0.is_some() || !current.1.trim().is_empty() {
                items.push((current.0, current.1.trim().to_owned()));
            }
            current = (Some(n), String::new());
        } else {
            current.1.push(c);
        }
    }
    if current.0.is_some() || !current.1.trim().is_empty() {
        items.push((current.0, current.1.trim().to_owned()));
    }
    items
}

static OUTPUT: LazyLock<Regex> = LazyLock::new(|| {
    let units = UNITS
        .iter()
        .map(|u| regex::escape(u))
        .collect::<Vec<_>>()
        .join("|");
    #[allow(clippy::expect_used)]
    Regex::new(&format!(
        r"(\d{{1,3}}(?:,\d{{3}})+|\d+)(\.\d+)?\s*({units})"
    ))
    .expect("valid regex")
});

/// Characters that end an output's label on the left.
fn is_label_boundary(c: char) -> bool {
    matches!(
        c,
        '\n' | '、'
            | '。'
            | ','
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
    ) || is_circled(c)
}

/// Counted outputs in text: 「参加者数 2,783名 実施回数 89回」 →
/// `[参加者数 2783 名, 実施回数 89 回]`. The label is the text between the previous
/// boundary (a punctuation mark, an item marker or the previous output) and the number; it may
/// be empty (「24グループに助成」). Numbers that are part of dates (「10月25日」), ages
/// (「60歳」) or identifiers (「No.71」) are not outputs. `original` is the matched span of the
/// folded text including its label.
pub fn parse_outputs(s: &str) -> Vec<Output> {
    let f = fold(s);
    let mut out = Vec::new();
    let mut last_end = 0usize;
    for caps in OUTPUT.captures_iter(&f) {
        let (Some(all), Some(num), Some(unit)) = (caps.get(0), caps.get(1), caps.get(3)) else {
            continue;
        };
        let before = &f[..all.start()];
        let prev = before.chars().next_back();
        // Glued to other digits or a decimal point: part of something else. A leader 「…」
        // (folded to 「...」) before the number is no decimal point: 「相談…207回」.
        let decimal_point = prev == Some('.')
            && before
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit());
        if decimal_point || prev.is_some_and(|c| c.is_ascii_digit() || c == ',') {
            continue;
        }
        // 「年1回」「月2回」 are frequencies, still outputs; but 「第3回」 is an ordinal.
        if prev == Some('第') || before.ends_with("No.") || before.ends_with("No") {
            continue;
        }
        // A unit glued to a following kanji that makes it another word: 「5名簿」 etc. are rare;
        // 「人口」「回答」「件数」 are not units here.
        let after = f[all.end()..].chars().next();
        let unit_s = unit.as_str();
        if matches!(
            (unit_s, after),
            ("人", Some('口' | '材' | '権' | '生' | '間' | '形'))
                | ("回", Some('答' | '復' | '収' | '覧' | '目'))
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
                | ("個", Some('別' | '人' | '所' | '性' | '々'))
                | ("編", Some('集' | '成'))
        ) {
            continue;
        }
        let label_start = before
            .char_indices()
            .rev()
            .take_while(|(i, c)| *i >= last_end && !is_label_boundary(*c))
            .last()
            .map_or(all.start(), |(i, _)| i);
        let label = collapse_ws(&f[label_start..all.start()]);
        let digits = num.as_str().replace(',', "");
        let frac = caps.get(2).map_or("", |m| m.as_str());
        let Ok(value) = format!("{digits}{frac}").parse::<f64>() else {
            continue;
        };
        out.push(Output {
            label,
            value,
            unit: Some(unit_s.to_owned()),
            original: collapse_ws(&f[label_start..all.end()]),
        });
        last_end = all.end();
    }
    out
}

static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(
        r#"(?i)</?(?:p|ul|ol|li|br|div|span|strong|em|b|i|u)(?:\s+[a-z-]+\s*=\s*"[^"]*")*\s*/?>"#,
    )
    .expect("valid regex")
});

/// Whether the text contains an HTML tag left by the converter.
pub fn has_html(s: &str) -> bool {
    HTML_TAG.is_match(s)
}

/// Turns HTML fragments left by the PDF converter into plain lines: block tags (`<p>`,
/// `<li>`, `<br>`, `<ul …>`) become line breaks, inline tags vanish, and the bullets that
/// the fragments carry inline (・ ● ▶ ■) start a new line. Text in angle brackets that is not
/// an HTML tag (「<配布方法>」) is kept. Lines are trimmed; empty lines dropped.
pub fn html_to_text(s: &str) -> String {
    let replaced = HTML_TAG.replace_all(s, "\n");
    let mut lines: Vec<String> = Vec::new();
    for line in replaced.lines() {
        let mut current = String::new();
        let mut prev_space = true;
        for c in line.chars() {
            let bullet = matches!(c, '・' | '●' | '▶' | '■');
            if bullet && prev_space && !current.trim().is_empty() {
                lines.push(current.trim().to_owned());
                current = String::new();
            }
            prev_space = c.is_whitespace() || c == '\u{3000}';
            current.push(c);
        }
        if !current.trim().is_empty() {
            lines.push(current.trim().to_owned());
        }
    }
    lines.join("\n")
}

/// Cleans a cell: HTML fragments to lines (when present), surrounding white space trimmed.
/// The text is otherwise unchanged (no folding).
pub fn clean_cell(s: &str) -> String {
    if has_html(s) {
        html_to_text(s)
    } else {
        s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folding() {
        assert_eq!(fold("１，４７８名"), "1,478名");
        assert_eq!(fold("ＤＶ対策"), "DV対策");
        assert_eq!(fold("①各種"), "①各種");
        assert_eq!(fold("ｶﾞｲﾄﾞ"), "ガイド");
        assert_eq!(fold("a\u{3000}b"), "a b");
    }

    #[test]
    fn integers_and_numbers() {
        assert_eq!(parse_int("1,478"), Some(1478));
        assert_eq!(parse_int("１，４７８"), Some(1478));
        assert_eq!(parse_int(" 12,567 "), Some(12567));
        assert_eq!(parse_int("1,2"), None);
        assert_eq!(parse_int("12a"), None);
        assert_eq!(parse_int(""), None);
        assert_eq!(parse_int("▲3"), Some(-3));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("1."), None);
        assert_eq!(parse_number("."), None);
    }

    #[test]
    fn percents() {
        assert_eq!(parse_percent("100 %"), Some(100));
        assert_eq!(parse_percent("１００％"), Some(100));
        assert_eq!(parse_percent("50%"), Some(50));
        assert_eq!(parse_percent("実施"), None);
        assert_eq!(parse_percent("100"), None);
    }

    #[test]
    fn years() {
        assert_eq!(parse_fiscal_year("令和元年度"), Some(FiscalYear(2019)));
        assert_eq!(parse_fiscal_year("平成31年度"), Some(FiscalYear(2019)));
        assert_eq!(parse_fiscal_year("令和 6 年度"), Some(FiscalYear(2024)));
        assert_eq!(parse_fiscal_year("令和４年度以降"), Some(FiscalYear(2022)));
        assert_eq!(parse_fiscal_year("現状値 R5"), Some(FiscalYear(2023)));
        assert_eq!(parse_fiscal_year("目標（R8）"), Some(FiscalYear(2026)));
        assert_eq!(parse_fiscal_year("2024年度"), Some(FiscalYear(2024)));
        assert_eq!(
            parse_fiscal_year("企画部(令和4年度～地域振興部)"),
            Some(FiscalYear(2022))
        );
        assert_eq!(parse_fiscal_year("PR5回"), None);
        assert_eq!(parse_fiscal_year("なし"), None);
        let all: Vec<i32> = find_years("令和元年度 – 令和5年度")
            .iter()
            .map(|m| m.year.0)
            .collect();
        assert_eq!(all, vec![2019, 2023]);
    }

    #[test]
    fn yen() {
        assert_eq!(parse_yen("158,000円"), Some(158_000));
        assert_eq!(parse_yen("0円"), Some(0));
        assert_eq!(parse_yen("5万円"), Some(50_000));
        assert_eq!(parse_yen("1億2,000万円"), Some(120_000_000));
        assert_eq!(parse_yen("350千円"), Some(350_000));
        assert_eq!(parse_yen("１１，０２７，５００円"), Some(11_027_500));
        assert_eq!(parse_yen("—"), None);
        assert_eq!(parse_yen("5万円くらい"), None);
        let found =
            find_yen("①各種専門相談(報償金) 11,027,500円 ②消費生活相談(報酬等) 9,705,336円");
        assert_eq!(
            found.iter().map(|a| a.yen).collect::<Vec<_>>(),
            vec![11_027_500, 9_705_336]
        );
        let found = find_yen("40,000円 (No.71、72、73の総額)");
        assert_eq!(
            found.iter().map(|a| a.yen).collect::<Vec<_>>(),
            vec![40_000]
        );
        assert!(find_yen("円滑な運営").is_empty());
        assert_eq!(find_yen("5万円くらい").first().map(|a| a.yen), Some(50_000));
    }

    #[test]
    fn circled_items() {
        let items = split_circled_items("①各種 11円 ②消費 9円");
        assert_eq!(
            items,
            vec![
                (Some(1), "各種 11円".to_owned()),
                (Some(2), "消費 9円".to_owned())
            ]
        );
        assert_eq!(split_circled_items("なし"), vec![(None, "なし".to_owned())]);
        assert_eq!(circled_number('⑳'), Some(20));
        assert_eq!(circled_number('㉑'), Some(21));
        assert_eq!(circled_number('1'), None);
    }

    fn outputs(s: &str) -> Vec<(String, f64, String)> {
        parse_outputs(s)
            .into_iter()
            .map(|o| (o.label, o.value, o.unit.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn output_parsing() {
        assert_eq!(
            outputs("参加者数 2,783名 実施回数 89回"),
            vec![
                ("参加者数".into(), 2783.0, "名".into()),
                ("実施回数".into(), 89.0, "回".into())
            ]
        );
        assert_eq!(
            outputs("相談件数 416件"),
            vec![("相談件数".into(), 416.0, "件".into())]
        );
        assert_eq!(
            outputs("EPDS質問票実施人数　１，４７８名"),
            vec![("EPDS質問票実施人数".into(), 1478.0, "名".into())]
        );
        assert_eq!(
            outputs("個別相談所属 8か所"),
            vec![("個別相談所属".into(), 8.0, "か所".into())]
        );
        assert_eq!(
            outputs("24グループに助成し、延べ12,567人が利用"),
            vec![
                ("".into(), 24.0, "グループ".into()),
                ("延べ".into(), 12567.0, "人".into())
            ]
        );
        assert_eq!(outputs("第3回会議"), vec![]);
        assert_eq!(outputs("人口10万人口"), vec![]);
        assert_eq!(
            outputs("相談件数 ①各種専門相談 2,377件 ②消費生活相談 2,767件"),
            vec![
                ("各種専門相談".into(), 2377.0, "件".into()),
                ("消費生活相談".into(), 2767.0, "件".into())
            ]
        );
        // 「2回目」 is an ordinal, not a count.
        assert_eq!(
            outputs("個別相談所属 8か所 (2回目希望所属は5か所)"),
            vec![
                ("個別相談所属".into(), 8.0, "か所".into()),
                ("2回目希望所属は".into(), 5.0, "か所".into())
            ]
        );
        assert_eq!(outputs("1回目から14回目"), vec![]);
        assert_eq!(
            outputs("①学校巡回教育相談…207回 ②研修会講師・打ち合わせ等…74回"),
            vec![
                ("学校巡回教育相談...".into(), 207.0, "回".into()),
                ("打ち合わせ等...".into(), 74.0, "回".into())
            ]
        );
        assert_eq!(outputs("1.5回"), vec![("".into(), 1.5, "回".into())]);
        assert_eq!(
            outputs("相談受付 20ケース 啓発品:6,760個 作品数 763編 延べ44,822アクセス"),
            vec![
                ("相談受付".into(), 20.0, "ケース".into()),
                ("".into(), 6760.0, "個".into()),
                ("作品数".into(), 763.0, "編".into()),
                ("延べ".into(), 44822.0, "アクセス".into())
            ]
        );
        assert_eq!(outputs("3個別に 2編集"), vec![]);
        assert_eq!(
            outputs("割合 12.5%"),
            vec![("割合".into(), 12.5, "%".into())]
        );
    }

    #[test]
    fn html() {
        assert_eq!(
            html_to_text(
                r#"<ul style="list-style-type: none"> ・新規相談者数 978人 ・巡回支援件数 102回 "#
            ),
            "・新規相談者数 978人\n・巡回支援件数 102回"
        );
        assert_eq!(
            html_to_text("<p>一行目</p> <p>二行目</p>"),
            "一行目\n二行目"
        );
        assert_eq!(html_to_text("<配布方法> 窓口"), "<配布方法> 窓口");
        assert!(!has_html("<配布方法>"));
        assert_eq!(clean_cell("  テキスト "), "テキスト");
    }

    #[test]
    fn blank_cells() {
        assert!(is_blank_cell("—"));
        assert!(is_blank_cell(" - "));
        assert!(is_blank_cell(""));
        assert!(!is_blank_cell("0円"));
    }

    #[test]
    fn decoding() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFabc").as_deref(), Some("abc"));
        // 「相談」 in Shift_JIS.
        assert_eq!(
            decode_text(&[0x91, 0x8A, 0x92, 0x6B]).as_deref(),
            Some("相談")
        );
        assert_eq!(sha256_hex(b"").len(), 64);
    }

    #[test]
    fn document_dates() {
        let d = |y, m, day| DocDate::new(y, m, day);
        assert_eq!(parse_date("令和 7 年 3 月"), d(2025, 3, None));
        assert_eq!(parse_date("令和 7 年 11 月"), d(2025, 11, None));
        assert_eq!(parse_date("令和７年１１月"), d(2025, 11, None));
        assert_eq!(parse_date("　令和元年５月１日 "), d(2019, 5, Some(1)));
        assert_eq!(parse_date("平成31年3月"), d(2019, 3, None));
        assert_eq!(parse_date("2025年3月"), d(2025, 3, None));
        // Not one date alone, or not a date.
        assert_eq!(parse_date("令和7年3月に策定"), None);
        assert_eq!(parse_date("令和6年度"), None);
        assert_eq!(parse_date("7年3月"), None);
        assert_eq!(parse_date("令和7年13月"), None);
        assert_eq!(parse_date("令和7年2月30日"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("12025年3月"), None);
        assert_eq!(
            parse_date_range("令和6年度（令和6年4月1日～令和7年3月31日）"),
            d(2024, 4, Some(1)).zip(d(2025, 3, Some(31)))
        );
        assert_eq!(
            parse_date_range("令和６年４月１日 〜 ７年３月３１日"),
            d(2024, 4, Some(1)).zip(d(2025, 3, Some(31)))
        );
        assert_eq!(
            parse_date_range("2024年4月1日から2025年3月31日まで"),
            d(2024, 4, Some(1)).zip(d(2025, 3, Some(31)))
        );
        // Backwards, or two dates not joined as a range.
        assert_eq!(parse_date_range("令和7年3月31日～令和6年4月1日"), None);
        assert_eq!(parse_date_range("令和6年4月1日及び令和7年3月31日"), None);
        let found = find_dates("令和2年3月に策定し、令和3年10月に開催");
        let dates: Vec<_> = found.iter().map(|m| m.date).collect();
        assert_eq!(
            dates,
            vec![
                DocDate {
                    year: 2020,
                    month: 3,
                    day: None
                },
                DocDate {
                    year: 2021,
                    month: 10,
                    day: None
                }
            ]
        );
    }

    proptest! {
        #[test]
        fn date_parsers_never_panic(s in "\\PC{0,80}") {
            let _ = find_dates(&s);
            let _ = parse_date(&s);
            let _ = parse_date_range(&s);
        }

        #[test]
        fn date_like_text_never_panics(s in "[0-9０-９令和平成昭和元年月日度～〜~\\- 　（）()から]{0,40}") {
            for m in find_dates(&s) {
                prop_assert!(DocDate::new(m.date.year, m.date.month, m.date.day).is_some());
                prop_assert!(m.start < m.end);
            }
            if let Some((a, b)) = parse_date_range(&s) {
                prop_assert!(a.earliest() <= b.latest());
            }
            let _ = parse_date(&s);
        }

        #[test]
        fn reiwa_dates_round_trip(n in 1i32..60, m in 1u8..=12, day in proptest::option::of(1u8..=28), spaced in any::<bool>()) {
            let sp = if spaced { " " } else { "" };
            let text = match day {
                Some(day) => format!("令和{sp}{n}{sp}年{sp}{m}{sp}月{sp}{day}{sp}日"),
                None => format!("令和{sp}{n}{sp}年{sp}{m}{sp}月"),
            };
            let expected = DocDate::new(2018 + n, m, day);
            prop_assert_eq!(parse_date(&text), expected);
            prop_assert_eq!(parse_date(&fold(&text)), expected);
        }

        #[test]
        fn normalisers_never_panic(s in "\\PC{0,80}") {
            let _ = fold(&s);
            let _ = parse_int(&s);
            let _ = parse_number(&s);
            let _ = parse_percent(&s);
            let _ = find_years(&s);
            let _ = find_yen(&s);
            let _ = parse_yen(&s);
            let _ = parse_outputs(&s);
            let _ = html_to_text(&s);
            let _ = split_circled_items(&s);
            let _ = decode_text(s.as_bytes());
            let _ = infer_municipality(&s);
        }

        #[test]
        fn japanese_mixtures_never_panic(s in "[0-9０-９,，.円万億千件人名回か所%％①②令和平成元年度R 　<>/pli・]{0,40}") {
            let _ = find_yen(&s);
            let _ = parse_outputs(&s);
            let _ = find_years(&s);
            let _ = html_to_text(&s);
        }

        #[test]
        fn grouped_integers_round_trip(n in 0i64..10_000_000_000) {
            let mut grouped = String::new();
            let digits = n.to_string();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            prop_assert_eq!(parse_int(&grouped), Some(n));
            prop_assert_eq!(parse_yen(&format!("{grouped}円")), Some(n));
        }

        #[test]
        fn fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }
    }

    #[test]
    fn nfkc_stable_chars_are_their_own_nfkc() {
        let stable: String = (0u32..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| nfkc_stable(*c))
            .collect();
        assert_eq!(stable.nfkc().collect::<String>(), stable);
        for c in stable.chars() {
            assert_eq!(c.to_string().nfkc().collect::<String>(), c.to_string());
        }
    }
}
