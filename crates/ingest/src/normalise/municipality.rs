//! Municipality names (自治体名) in titles and running text.
//!
//! A name is a stem and one of the suffixes 市 / 区 / 町 / 村, optionally after a prefecture
//! (「埼玉県」) and a district (「西多摩郡」), which are no part of it. The suffix characters also
//! occur inside names — at the start (市川市, 町田市, 村山市), doubled (四日市市, 十日町市, 羽村市,
//! 大町町) or in the middle (東村山市, 武蔵村山市) — and start common words right after a name
//! (川口市市民…, 市町村). The rules below read all of these; [`KNOWN_NAMES`] lists the real names
//! that no general rule can tell from a name followed by a word.

use std::collections::HashMap;

/// The characters a municipality's name ends with.
pub fn is_municipality_suffix(c: char) -> bool {
    matches!(c, '市' | '区' | '町' | '村')
}

/// The 47 prefectures: a title may name one before the municipality.
const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// The prefecture of a 全国地方公共団体コード: its first two digits are the prefecture's number
/// (JIS X 0401, 01 北海道 … 47 沖縄県).
pub fn prefecture_of_code(code: &str) -> Option<&'static str> {
    let n: usize = code.get(..2)?.parse().ok()?;
    PREFECTURES.get(n.checked_sub(1)?).copied()
}

/// Real names with a suffix character inside, longest first. The general rule reads most of
/// them too (四日市市, 十日町市, 市川市); these are here because it cannot tell 「東村山市」 from a
/// village 「東村」 followed by text, nor 「四日市市民…」 from 「四日市」 followed by 「市民」.
const KNOWN_NAMES: &[&str] = &[
    "いちき串木野市",
    "武蔵村山市",
    "八日市場市",
    "市川三郷町",
    "東村山市",
    "四日市市",
    "廿日市市",
    "野々市市",
    "十日町市",
    "東市来町",
    "五日市町",
    "市川市",
    "市原市",
    "大町市",
    "大町町",
    "町田市",
    "村山市",
    "村上市",
    "羽村市",
    "田村市",
    "大村市",
    "玉村町",
    "上市町",
    "下市町",
    "市貝町",
    "八丈町",
];

/// Words ending in a suffix character that are not a municipality's name.
const NOT_NAMES: &[&str] = &[
    "都市",
    "全市",
    "本市",
    "当市",
    "各市",
    "他市",
    "同市",
    "県市",
    "近隣市",
    "一般市",
    "地域市",
    "市内市",
    "中核市",
    "政令市",
    "指定市",
    "大都市",
    "市町",
    "市町村",
    "区市町",
    "区市町村",
    "市区町",
    "市区町村",
    "全町",
    "本町",
    "当町",
    "各町",
    "全村",
    "本村",
    "当村",
    "各村",
    "町村",
    "全区",
    "本区",
    "当区",
    "各区",
    "地区",
    "各地区",
    "全地区",
    "同地区",
    "本地区",
    "当地区",
    "学区",
    "校区",
    "通学区",
    "小学校区",
    "中学校区",
    "選挙区",
];

/// Second characters of common words that start with a suffix character (市民, 市立, 町内,
/// 村長, 区域, 市町村 …).
const WORD_SECOND: &str =
    "民立内外営政長議役会場街報職有域税制章部費債況販井価並家落人画分別間切市区町村";

/// Longest stem of a name read from a title (いちき串木野, つくばみらい: 6).
const MAX_STEM: usize = 6;

fn is_kanji(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3400}'..='\u{4dbf}').contains(&c)
        || matches!(c, '々' | '〆' | 'ヶ' | 'ヵ')
}

fn is_kana(c: char) -> bool {
    ('\u{3041}'..='\u{309f}').contains(&c) || (('\u{30a0}'..='\u{30ff}').contains(&c) && c != '・')
}

fn is_name_char(c: char) -> bool {
    is_kanji(c) || is_kana(c)
}

/// Whether the suffix at `i` is doubled by the name itself: 四日市市, 羽村市, 十日町市 — the
/// next character is a suffix too, and does not start a word (川口市市民, 川口市町村).
fn doubled(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_some_and(|c| is_municipality_suffix(*c))
        && !chars.get(i + 2).is_some_and(|c| WORD_SECOND.contains(*c))
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, w)| chars.get(at + k) == Some(&w))
}

/// Whether a stem reads as one name: kanji, kana, or kanji then kana (南アルプス, 南さつま).
/// Kana followed by kanji are words before a name (「支える川口」「ではなく熊谷」); the one real
/// name of that shape, いちき串木野市, is a known name.
fn one_word(stem: &[char]) -> bool {
    !stem.windows(2).any(|w| is_kana(w[0]) && is_kanji(w[1]))
}

/// The name starting at char index `s`, as a char range.
fn name_at(chars: &[char], mut s: usize) -> Option<(usize, usize)> {
    // 「第2次」「令和6年度」: a counter after a number is no part of a name.
    let digit = |c: &char| c.is_ascii_digit() || ('０'..='９').contains(c);
    if s > 0 && chars.get(s - 1).is_some_and(digit) {
        for w in ["年度", "次", "期", "年", "版"] {
            if starts_with(chars, s, w) {
                s += w.chars().count();
                break;
            }
        }
    }
    // 「第二次」「第3期」 written in one run with the name.
    if chars.get(s) == Some(&'第') {
        let numeral = |c: &char| digit(c) || "一二三四五六七八九十".contains(*c);
        let n = chars
            .get(s + 1..)
            .map_or(0, |rest| rest.iter().take_while(|c| numeral(c)).count());
        if n > 0
            && chars
                .get(s + 1 + n)
                .is_some_and(|c| matches!(c, '次' | '期'))
        {
            s += n + 2;
        }
    }
    let name_follows = |k: usize| chars.get(k).is_some_and(|c| is_name_char(*c));
    if let Some(p) = PREFECTURES
        .iter()
        .find(|p| starts_with(chars, s, p) && name_follows(s + p.chars().count()))
    {
        s += p.chars().count();
    }
    // 「西多摩郡」: a district of one to four characters.
    if let Some(g) = (s + 1..=s + 4).find(|&k| chars.get(k) == Some(&'郡'))
        && chars
            .get(s..g)
            .is_some_and(|t| t.iter().all(|c| is_kanji(*c)))
        && name_follows(g + 1)
    {
        s = g + 1;
    }
    if let Some(known) = KNOWN_NAMES.iter().find(|n| starts_with(chars, s, n)) {
        return Some((s, s + known.chars().count()));
    }
    // The first suffix after at least one character of stem.
    let mut e = None;
    for k in s + 1..=s + MAX_STEM {
        let c = *chars.get(k)?;
        if !is_name_char(c) {
            return None;
        }
        if is_municipality_suffix(c) {
            e = Some(k);
            break;
        }
    }
    let e = e?;
    if !chars.get(s).is_some_and(|c| is_name_char(*c)) {
        return None;
    }
    if !one_word(chars.get(s..e)?) {
        return None;
    }
    let end = if doubled(chars, e) { e + 2 } else { e + 1 };
    let name: String = chars.get(s..end)?.iter().collect();
    if NOT_NAMES.contains(&name.as_str()) {
        return None;
    }
    Some((s, end))
}

/// The municipality a plan title names: 「川口市自殺対策推進計画」 → 「川口市」,
/// 「令和6年度 市川市地域福祉計画」 → 「市川市」, 「東京都八丈町…」 → 「八丈町」,
/// 「四日市市自殺対策計画」 → 「四日市市」, 「東村山市…」 → 「東村山市」. The first name in the
/// title, read at the start of a run of kanji and kana (or where kana turn to kanji); a
/// prefecture or district before it is not part of it. `None` when the title names none.
/// The result is always a slice of `title`.
pub fn municipality_of_title(title: &str) -> Option<&str> {
    let indexed: Vec<(usize, char)> = title.char_indices().collect();
    let chars: Vec<char> = indexed.iter().map(|(_, c)| *c).collect();
    let byte = |k: usize| indexed.get(k).map_or(title.len(), |(b, _)| *b);
    for (k, c) in chars.iter().enumerate() {
        if !is_name_char(*c) {
            continue;
        }
        let prev = k.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let run_start = prev.is_none_or(|p| !is_name_char(p));
        let kana_to_kanji = prev.is_some_and(is_kana) && is_kanji(*c);
        if !(run_start || kana_to_kanji) {
            continue;
        }
        if let Some((s, e)) = name_at(&chars, k) {
            return title.get(byte(s)..byte(e));
        }
    }
    None
}

/// The municipality a document is about, for layouts whose text names it only in passing
/// (「熊谷市自殺予防対策連絡協議会」, 「清瀬市の電話相談」): the most frequent name of two kanji
/// before its suffix (市 / 区 / 町 / 村), or three or four when the longer form is about as
/// frequent (八王子市, 東村山市, 武蔵村山市), with its count. A suffix doubled by the name
/// (四日市市, 羽村市) ends it; one that starts a word (川口市市民, 市町村) does not belong to it.
/// `None` when no name is written.
pub fn infer_municipality(text: &str) -> Option<(String, usize)> {
    let chars: Vec<char> = text.chars().collect();
    // counts[0]: two characters before the suffix, [1]: three, [2]: four.
    let mut counts: [HashMap<String, usize>; 3] = Default::default();
    for (i, c) in chars.iter().enumerate() {
        if !is_municipality_suffix(*c) || doubled(&chars, i) {
            continue;
        }
        for (slot, len) in counts.iter_mut().zip(2usize..=4) {
            let Some(stem) = i.checked_sub(len).and_then(|s| chars.get(s..i)) else {
                break;
            };
            if !stem.iter().all(|c| is_kanji(*c)) {
                break;
            }
            let name: String = stem.iter().chain(std::iter::once(c)).collect();
            *slot.entry(name).or_insert(0) += 1;
        }
    }
    // Most frequent first; on a tie the name with fewer suffix characters inside (「川口市」
    // before 「口市市」 of 「川口市市民」), then the first in character order.
    let inner = |name: &str| name.chars().filter(|c| is_municipality_suffix(*c)).count();
    let rank = |x: &(&String, &usize), y: &(&String, &usize)| {
        x.1.cmp(y.1)
            .then_with(|| inner(y.0).cmp(&inner(x.0)))
            .then_with(|| y.0.cmp(x.0))
    };
    let [two, three, four] = counts;
    let (mut name, mut n) = two
        .iter()
        .filter(|(name, _)| !NOT_NAMES.contains(&name.as_str()))
        .max_by(rank)
        .map(|(name, n)| (name.clone(), *n))?;
    for longer in [&three, &four] {
        let Some((t, count)) = longer
            .iter()
            .filter(|(t, count)| t.ends_with(&name) && **count * 5 >= n * 4)
            .max_by(rank)
        else {
            break;
        };
        name = t.clone();
        n = *count;
    }
    // 「四日市市内」 also reads as 「四日市」 and 「市内」, 「武蔵村山市」 as 「武蔵村」 and 「山市」: a
    // known name that starts with the pick and that the text writes about as often is the name.
    if let Some((known, count)) = KNOWN_NAMES
        .iter()
        .filter(|k| k.len() > name.len() && k.starts_with(name.as_str()))
        .map(|k| (*k, text.matches(*k).count()))
        .find(|(_, count)| *count * 5 >= n * 4)
    {
        name = known.to_owned();
        n = count;
    }
    Some((name, n))
}

/// Why a name [`infer_municipality`] found in running text (named `count` times) is weak
/// evidence of the document's municipality, if it is: named fewer than three times, or the
/// text refers to its city as 「本市」/「当市」 more often than by that name (a sheet that
/// says 本市 throughout names its city rarely; a name read from a word such as 「窓口担当市」
/// is then likely invented).
pub fn weak_municipality_evidence(text: &str, name: &str, count: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut self_references = 0usize;
    for (i, pair) in chars.windows(2).enumerate() {
        let standalone = i
            .checked_sub(1)
            .and_then(|j| chars.get(j))
            .is_none_or(|c| !is_kanji(*c));
        if pair == ['本', '市'] || (pair == ['当', '市'] && standalone) {
            self_references += 1;
        }
    }
    if self_references > count {
        Some(format!(
            "the text calls its city 「本市」/「当市」 {self_references} times and names 「{name}」 only {count} times"
        ))
    } else if count < 3 {
        Some(format!(
            "「{name}」 is named only {count} times in the text"
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_at_the_start_of_titles() {
        for (title, name) in [
            ("川口市自殺対策推進計画", "川口市"),
            ("小樽市自殺対策計画", "小樽市"),
            ("市川市自殺対策計画", "市川市"),
            ("市原市地域福祉計画", "市原市"),
            ("四日市市自殺対策計画", "四日市市"),
            ("廿日市市自殺対策計画", "廿日市市"),
            ("野々市市自殺対策計画", "野々市市"),
            ("大町市自殺対策計画", "大町市"),
            ("町田市自殺対策計画", "町田市"),
            ("村山市自殺対策計画", "村山市"),
            ("東村山市自殺対策計画", "東村山市"),
            ("武蔵村山市自殺対策計画", "武蔵村山市"),
            ("羽村市自殺対策計画", "羽村市"),
            ("十日町市自殺対策計画", "十日町市"),
            ("八丈町自殺対策計画", "八丈町"),
            ("大潟村自殺対策計画", "大潟村"),
            ("世田谷区自殺対策計画", "世田谷区"),
            ("さいたま市自殺対策計画", "さいたま市"),
            ("南アルプス市自殺対策計画", "南アルプス市"),
            ("いちき串木野市自殺対策計画", "いちき串木野市"),
            // Names of the synthetic corpus.
            ("山村市自殺対策推進計画", "山村市"),
            ("田村市地域共生社会推進計画", "田村市"),
            ("青葉市自殺対策計画", "青葉市"),
        ] {
            assert_eq!(municipality_of_title(title), Some(name), "{title}");
        }
    }

    #[test]
    fn prefixes_and_words_around_the_name() {
        for (title, name) in [
            ("令和6年度 川口市地域共生社会推進計画 評価報告書", "川口市"),
            ("第2次市川市地域福祉計画", "市川市"),
            ("第２次市川市地域福祉計画", "市川市"),
            ("第二次川口市自殺対策計画", "川口市"),
            ("第3期羽村市地域福祉計画", "羽村市"),
            ("令和６年度川口市地域共生社会推進計画", "川口市"),
            ("埼玉県川口市自殺対策計画", "川口市"),
            ("東京都八丈町自殺対策計画", "八丈町"),
            ("東京都西多摩郡瑞穂町自殺対策計画", "瑞穂町"),
            ("山形県北村山郡大石田町自殺対策計画", "大石田町"),
            ("京都府京都市自殺対策計画", "京都市"),
            ("京都市自殺対策計画", "京都市"),
            // A word starting with a suffix character right after the name.
            ("川口市市民活動推進計画", "川口市"),
            ("四日市市市民活動推進計画", "四日市市"),
            ("十日町市民活動推進計画", "十日町市"),
            ("川口市町会連合会", "川口市"),
            ("大潟村村民憲章", "大潟村"),
            ("みんなで支える川口市自殺対策計画", "川口市"),
            ("「本市」ではなく熊谷市の計画", "熊谷市"),
        ] {
            assert_eq!(municipality_of_title(title), Some(name), "{title}");
        }
        for title in [
            "自殺対策計画",
            "",
            "市",
            "市町村自殺対策計画",
            "本市の計画",
            "東京都",
        ] {
            assert_eq!(municipality_of_title(title), None, "{title}");
        }
    }

    #[test]
    fn names_in_running_text() {
        let text = "熊谷市自殺予防対策連絡協議会。事業清瀬市内ではなく熊谷市の。近隣市と都市";
        assert_eq!(infer_municipality(text), Some(("熊谷市".to_owned(), 2)));
        assert_eq!(
            infer_municipality("八王子市の事業、八王子市役所"),
            Some(("八王子市".to_owned(), 2))
        );
        assert_eq!(infer_municipality("市の事業"), None);
        assert_eq!(infer_municipality("近隣市と都市"), None);
        for name in [
            "市川市",
            "四日市市",
            "野々市市",
            "十日町市",
            "大町市",
            "羽村市",
            "東村山市",
            "武蔵村山市",
            "八丈町",
            "大潟村",
            "山村市",
        ] {
            let text = format!(
                "{name}の事業。{name}市民課と{name}役所、市町村と{name}内の区市町村。各市町村の{name}"
            );
            assert_eq!(
                infer_municipality(&text).map(|(n, _)| n).as_deref(),
                Some(name),
                "{text}"
            );
        }
    }

    proptest! {
        #[test]
        fn title_names_are_slices_of_the_title(s in "\\PC{0,40}") {
            if let Some(name) = municipality_of_title(&s) {
                prop_assert!(s.contains(name));
                prop_assert!(name.chars().last().is_some_and(is_municipality_suffix));
            }
            let _ = infer_municipality(&s);
        }

        #[test]
        fn titles_of_name_characters_never_panic(
            s in "[市区町村郡県都府道川口四日十大東武蔵山羽野々八丈第次年度令和0-9 　のさいたまアルプス・自殺対策計画民内]{0,30}"
        ) {
            if let Some(name) = municipality_of_title(&s) {
                prop_assert!(s.contains(name));
            }
            let _ = infer_municipality(&s);
        }

        /// A synthetic name (kanji stem + 市/町/村) at the start of a title is read back whole.
        #[test]
        fn synthetic_names_round_trip(
            stem in "[青桜松竹梅朝夕北南東西中上下新大小高長白黒赤金銀石岩森林川山田野][葉原沢浜岡谷島崎宮城津橋瀬里松見丘台倉尾江園戸根坂間浦和磯畑村木町]",
            suffix in "[市町村]",
            rest in "(自殺対策推進計画|地域共生社会推進計画|自殺対策計画)",
        ) {
            let name = format!("{stem}{suffix}");
            let title = format!("{name}{rest}");
            prop_assert_eq!(municipality_of_title(&title), Some(name.as_str()));
        }
    }
}
