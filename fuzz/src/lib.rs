//! Helpers shared by the fuzz targets: the seed documents and a structure-aware mutator that
//! turns the fuzz input into line-level edits of a seed.
//!
//! The layout targets do not feed raw bytes to a reader (almost none of them would get past
//! layout detection or the header); they start from the real sample report and let the fuzz
//! input pick edits: delete / duplicate / swap / move lines and ranges of lines, insert or
//! delete tabs, split and join lines, shift cells, insert tokens that the readers look for,
//! insert arbitrary UTF-8, truncate. An empty input reads the unmodified seed.

use arbitrary::{Result, Unstructured};
use shinchoku_ingest::{Import, ReadError, SourceText};

/// The sample reports (samples/*.txt), one per layout.
pub const KAWAGUCHI_LIST: &str = include_str!("../../samples/000_93a6ad023fb5add3.txt");
pub const KUMAGAYA: &str = include_str!("../../samples/001_fcd6886f924c1359.txt");
pub const OTARU: &str = include_str!("../../samples/002_eba47c23c940212d.txt");
pub const KIYOSE: &str = include_str!("../../samples/003_a91a11d8f2677ccb.txt");
pub const KAWAGUCHI_EVAL: &str = include_str!("../../samples/004_052cf2803b6d324c.txt");

/// Text fragments the readers and normalisers react to, inserted by the mutator.
const TOKENS: &[&str] = &[
    "\t",
    "\t\t",
    " ",
    "\u{3000}",
    "",
    "\r",
    "\u{FEFF}",
    "\u{0301}",
    "令和",
    "平成",
    "昭和",
    "元",
    "年度",
    "令和5年度",
    "R5",
    "H31",
    "2024年度",
    "円",
    "千円",
    "万",
    "億",
    "1億2,000万円",
    "①",
    "②",
    "⑳",
    "㉑",
    "No.",
    "No.71、72の総額",
    "No.3と重複",
    "<p>",
    "</p>",
    "<br>",
    "<ul style=\"list-style-type: none\">",
    "<li>",
    "・",
    "●",
    "■",
    "▶",
    "%",
    "％",
    "1,234",
    "１２３",
    "12,",
    ",",
    "，",
    "、",
    "。",
    ".",
    "-",
    "—",
    "ー",
    "(",
    ")",
    "（",
    "）",
    "【",
    "】",
    "課",
    "係",
    "室",
    "1・2課",
    "基本施策",
    "重点施策",
    "基本施策1",
    "1-2",
    "P.3",
    "人",
    "回",
    "件",
    "名",
    "か所",
    "継続",
    "拡充",
    "縮小",
    "廃止",
    "A",
    "B",
    "C",
    "◎",
    "○",
    "△",
    "×",
    "実績",
    "計画",
    "目標",
    "現状値",
    "事業名",
    "担当",
    "評価",
    "ｶﾞｲﾄﾞ",
    "𠮷",
    "\u{200B}",
];

/// Upper bound on the mutated document, relative to the seed, so that one input cannot make
/// an execution arbitrarily slow just by being huge (a super-linear reader still shows: the
/// document may reach four times the seed).
fn cap(seed: &str) -> usize {
    seed.len() * 4 + 4096
}

/// The seed after the edits that `data` encodes.
pub fn mutate(seed: &str, data: &[u8]) -> String {
    let mut u = Unstructured::new(data);
    let mut lines: Vec<String> = seed.lines().map(str::to_owned).collect();
    // An odd first byte keeps only the first lines (the header) and a window of the body, so
    // that most executions read a short document and run fast.
    if u.arbitrary::<u8>().is_ok_and(|b| b & 1 == 1) {
        window(&mut u, &mut lines);
    }
    let cap = cap(seed);
    let mut size: usize = lines.iter().map(String::len).sum();
    let mut ops = 0;
    while !u.is_empty() && ops < 64 {
        ops += 1;
        if edit(&mut u, &mut lines, cap, &mut size).is_err() {
            break;
        }
    }
    let crlf = u.arbitrary::<u8>().unwrap_or(0) == 0xA5;
    let mut out = lines.join(if crlf { "\r\n" } else { "\n" });
    if !u.arbitrary::<bool>().unwrap_or(false) {
        out.push('\n');
    }
    out
}

/// Keeps the first 40 lines and up to 300 lines from an input-chosen start.
fn window(u: &mut Unstructured, lines: &mut Vec<String>) {
    let head = lines.len().min(40);
    let start = u.int_in_range(head..=lines.len()).unwrap_or(head);
    let len = u.int_in_range(0..=300usize).unwrap_or(300);
    let end = start.saturating_add(len).min(lines.len());
    lines.drain(end..);
    lines.drain(head..start);
}

/// A byte offset of a char boundary of `s`, chosen by the input.
fn char_pos(u: &mut Unstructured, s: &str) -> Result<usize> {
    let n = s.chars().count();
    let k = u.int_in_range(0..=n)?;
    Ok(s.char_indices().nth(k).map_or(s.len(), |(b, _)| b))
}

fn line_ix(u: &mut Unstructured, lines: &[String]) -> Result<usize> {
    if lines.is_empty() {
        return Err(arbitrary::Error::NotEnoughData);
    }
    u.choose_index(lines.len())
}

fn edit(u: &mut Unstructured, lines: &mut Vec<String>, cap: usize, size: &mut usize) -> Result<()> {
    if lines.is_empty() {
        lines.push(String::new());
    }
    let op = u.int_in_range(0u8..=21)?;
    let i = line_ix(u, lines)?;
    match op {
        // Delete a line.
        0 => {
            *size = size.saturating_sub(lines[i].len());
            lines.remove(i);
        }
        // Duplicate a line.
        1 => {
            if *size + lines[i].len() <= cap {
                *size += lines[i].len();
                let l = lines[i].clone();
                lines.insert(i, l);
            }
        }
        // Swap two lines.
        2 => {
            let j = line_ix(u, lines)?;
            lines.swap(i, j);
        }
        // Move a line.
        3 => {
            let l = lines.remove(i);
            let j = u.int_in_range(0..=lines.len())?;
            lines.insert(j, l);
        }
        // Insert a tab.
        4 => {
            let p = char_pos(u, &lines[i])?;
            lines[i].insert(p, '\t');
            *size += 1;
        }
        // Delete the k-th tab.
        5 => {
            let tabs: Vec<usize> = lines[i].match_indices('\t').map(|(b, _)| b).collect();
            if !tabs.is_empty() {
                let t = tabs[u.choose_index(tabs.len())?];
                lines[i].remove(t);
            }
        }
        // Insert a token.
        6 => {
            let t = u.choose(TOKENS)?;
            let p = char_pos(u, &lines[i])?;
            lines[i].insert_str(p, t);
            *size += t.len();
        }
        // Insert arbitrary UTF-8.
        7 => {
            let s: &str = u.arbitrary()?;
            let p = char_pos(u, &lines[i])?;
            lines[i].insert_str(p, s);
            *size += s.len();
        }
        // Replace a line with arbitrary UTF-8.
        8 => {
            let s: &str = u.arbitrary()?;
            lines[i] = s.to_owned();
            *size += s.len();
        }
        // Split a line.
        9 => {
            let p = char_pos(u, &lines[i])?;
            let rest = lines[i].split_off(p);
            lines.insert(i + 1, rest);
        }
        // Join a line with the next one.
        10 => {
            if i + 1 < lines.len() {
                let next = lines.remove(i + 1);
                let sep = *u.choose(&["", "\t", " ", "\u{3000}"])?;
                lines[i].push_str(sep);
                lines[i].push_str(&next);
            }
        }
        // Truncate the document (at a line, possibly inside it).
        11 => {
            let p = char_pos(u, &lines[i])?;
            lines[i].truncate(p);
            lines.truncate(i + 1);
            *size = lines.iter().map(String::len).sum();
        }
        // Delete a range of lines.
        12 => {
            let k = u.int_in_range(1..=64usize)?.min(lines.len() - i);
            lines.drain(i..i + k);
            *size = lines.iter().map(String::len).sum();
        }
        // Duplicate a range of lines several times.
        13 => {
            let k = u.int_in_range(1..=64usize)?.min(lines.len() - i);
            let times = u.int_in_range(1..=16usize)?;
            let block: Vec<String> = lines[i..i + k].to_vec();
            let block_len: usize = block.iter().map(String::len).sum();
            for _ in 0..times {
                if *size + block_len > cap {
                    break;
                }
                *size += block_len;
                lines.splice(i..i, block.iter().cloned());
            }
        }
        // Delete a range of characters in a line.
        14 => {
            let a = char_pos(u, &lines[i])?;
            let b = char_pos(u, &lines[i])?;
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            lines[i].replace_range(a..b, "");
        }
        // Change a digit.
        15 => {
            let digits: Vec<(usize, char)> = lines[i]
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit() || ('０'..='９').contains(c))
                .collect();
            if !digits.is_empty() {
                let (b, c) = digits[u.choose_index(digits.len())?];
                let d = *u.choose(&[
                    "0",
                    "1",
                    "9",
                    "99",
                    "00",
                    "０",
                    "１",
                    "９",
                    "",
                    "999999999999999999999",
                ])?;
                lines[i].replace_range(b..b + c.len_utf8(), d);
            }
        }
        // Overwrite a line with a copy of another.
        16 => {
            let j = line_ix(u, lines)?;
            lines[i] = lines[j].clone();
            *size = lines.iter().map(String::len).sum();
        }
        // Swap two tab-separated cells of a line.
        17 => {
            let mut cells: Vec<String> = lines[i].split('\t').map(str::to_owned).collect();
            let a = u.choose_index(cells.len())?;
            let b = u.choose_index(cells.len())?;
            cells.swap(a, b);
            lines[i] = cells.join("\t");
        }
        // Duplicate or delete a tab-separated cell (shifts the columns).
        18 => {
            let mut cells: Vec<String> = lines[i].split('\t').map(str::to_owned).collect();
            let a = u.choose_index(cells.len())?;
            if u.arbitrary()? {
                let c = cells[a].clone();
                *size += c.len() + 1;
                cells.insert(a, c);
            } else {
                cells.remove(a);
            }
            lines[i] = cells.join("\t");
        }
        // Insert an empty line.
        19 => lines.insert(i, String::new()),
        // Insert a line made of tokens.
        20 => {
            let n = u.int_in_range(1..=8usize)?;
            let mut l = String::new();
            for _ in 0..n {
                l.push_str(u.choose(TOKENS)?);
            }
            *size += l.len();
            lines.insert(i, l);
        }
        // Replace a line with a line of the same length made of repeated tokens (long lines).
        _ => {
            let t = u.choose(TOKENS)?;
            let times = u.int_in_range(1..=2000usize)?;
            if *size + t.len() * times <= cap {
                *size += t.len() * times;
                lines[i] = t.repeat(times);
            }
        }
    }
    Ok(())
}

/// Runs a reader on text the way `read_document` would, with a fixed file name.
pub fn run_reader(
    text: &str,
    detect: fn(&str) -> bool,
    read: fn(&SourceText) -> std::result::Result<Import, ReadError>,
) {
    let _ = detect(text);
    let src = SourceText {
        file_name: "fuzz.txt",
        text,
        sha256: "",
    };
    let _ = read(&src);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_is_the_seed() {
        assert_eq!(
            mutate(OTARU, b""),
            format!("{}\n", OTARU.lines().collect::<Vec<_>>().join("\n"))
        );
    }

    #[test]
    fn mutation_never_panics() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for n in 0..2000 {
            let data: Vec<u8> = (0..(n % 300))
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            let out = mutate(OTARU, &data);
            assert!(out.len() <= cap(OTARU) + 4 * 64 * 2100 + 300);
        }
    }
}
