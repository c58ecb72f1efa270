//! A generator of synthetic report corpora for benchmarks: one report per municipality, in
//! one of the five reference layouts, derived from the bundled sample of that layout with the
//! municipality's name replaced and every yen amount and counted output varied (±50 %),
//! deterministically from a seed. Sizes and structure are those of real reports.

use regex::Regex;

/// The reference documents, one per layout: (file name, city name in the text, text).
pub const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "000_93a6ad023fb5add3.txt",
        "川口",
        include_str!("../../../samples/000_93a6ad023fb5add3.txt"),
    ),
    (
        "001_fcd6886f924c1359.txt",
        "熊谷",
        include_str!("../../../samples/001_fcd6886f924c1359.txt"),
    ),
    (
        "002_eba47c23c940212d.txt",
        "小樽",
        include_str!("../../../samples/002_eba47c23c940212d.txt"),
    ),
    (
        "003_a91a11d8f2677ccb.txt",
        "清瀬",
        include_str!("../../../samples/003_a91a11d8f2677ccb.txt"),
    ),
    (
        "004_052cf2803b6d324c.txt",
        "川口",
        include_str!("../../../samples/004_052cf2803b6d324c.txt"),
    ),
];

const FIRST: &[&str] = &[
    "青", "桜", "松", "竹", "梅", "朝", "夕", "北", "南", "東", "西", "中", "上", "下", "新", "大",
    "小", "高", "長", "白", "黒", "赤", "金", "銀", "石", "岩", "森", "林", "川", "山", "田", "野",
];
const SECOND: &[&str] = &[
    "葉", "原", "沢", "浜", "岡", "谷", "島", "崎", "宮", "城", "津", "橋", "瀬", "里", "松", "見",
    "丘", "台", "倉", "尾", "江", "園", "戸", "根", "坂", "間", "浦", "和", "磯", "畑", "村", "木",
];

/// A small deterministic generator (SplitMix64): the corpus must be reproducible, and the
/// benchmark should not depend on a random-number crate's version.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The synthetic name of the `i`-th municipality, without 「市」: two kanji (「青葉」) for the
/// first 1,024, then the same names behind a third kanji (「青青葉」, 「桜青葉」 …); unique for
/// i < 33,792. Names are kanji only, as real ones are: a digit (「青葉2市」) is no part of a
/// name a reader can find in running text.
pub fn municipality_name(i: usize) -> String {
    let first = FIRST.get(i % FIRST.len()).copied().unwrap_or("青");
    let second = SECOND
        .get((i / FIRST.len()) % SECOND.len())
        .copied()
        .unwrap_or("葉");
    let round = i / (FIRST.len() * SECOND.len());
    match round.checked_sub(1) {
        None => format!("{first}{second}"),
        Some(r) => {
            let prefix = FIRST.get(r % FIRST.len()).copied().unwrap_or("青");
            format!("{prefix}{first}{second}")
        }
    }
}

fn with_commas(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One synthetic document.
#[derive(Debug, Clone)]
pub struct SyntheticReport {
    pub file_name: String,
    pub municipality: String,
    pub text: String,
}

/// Generates `count` reports, municipality `i` (named [`municipality_name`]`(i)` + 「市」)
/// getting layout `i % 5`.
pub fn generate(count: usize, seed: u64) -> Vec<SyntheticReport> {
    generate_named(
        (0..count).map(|i| format!("{}市", municipality_name(i))),
        seed,
    )
}

/// Generates one report per municipality name (with its suffix: 「青葉市」, 「八丈町」), the
/// `i`-th getting layout `i % 5`. [`generate`] is this with the synthetic names.
pub fn generate_named(names: impl IntoIterator<Item = String>, seed: u64) -> Vec<SyntheticReport> {
    generate_inner(names, seed, None)
}

/// "Next year's values" of [`generate`]`(count, seed)`: the same reports, except that each
/// yen amount and counted output is changed again, with probability `fraction`, by a factor
/// of 0.8–1.2 drawn from `change_seed` (never to the same number). Everything else — names,
/// layouts, measure titles, the number of records — is the same, so the plans keep their
/// keys and a re-import updates only the records whose texts or amounts changed.
pub fn generate_next_year(
    count: usize,
    seed: u64,
    change_seed: u64,
    fraction: f64,
) -> Vec<SyntheticReport> {
    generate_inner(
        (0..count).map(|i| format!("{}市", municipality_name(i))),
        seed,
        Some((SplitMix64::new(change_seed), fraction)),
    )
}

fn generate_inner(
    names: impl IntoIterator<Item = String>,
    seed: u64,
    mut change: Option<(SplitMix64, f64)>,
) -> Vec<SyntheticReport> {
    // Amounts and counts written in ASCII digits, optionally grouped: 「158,000円」「416件」.
    #[allow(clippy::expect_used)] // a constant pattern
    let number =
        Regex::new(r"(\d{1,3}(?:,\d{3})+|\d+)(円|件|人|名|回|か所|世帯)").expect("valid regex");
    let mut rng = SplitMix64::new(seed);
    let mut out = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let Some((template_name, city, text)) = TEMPLATES.get(i % TEMPLATES.len()) else {
            continue;
        };
        let renamed = text.replace(&format!("{city}市"), &name);
        let varied = number.replace_all(&renamed, |caps: &regex::Captures<'_>| {
            let digits = caps.get(1).map_or("", |m| m.as_str());
            let unit = caps.get(2).map_or("", |m| m.as_str());
            let grouped = digits.contains(',');
            let value: u64 = digits.replace(',', "").parse().unwrap_or(0);
            let factor = 0.5 + rng.next_f64();
            let mut new = ((value as f64) * factor).round() as u64;
            // The first year's draws are made whatever the change, so that the numbers that do
            // not change are those of the first year.
            if let Some((changes, fraction)) = change.as_mut()
                && changes.next_f64() < *fraction
            {
                let changed = ((new as f64) * (0.8 + 0.4 * changes.next_f64())).round() as u64;
                new = if changed == new { new + 1 } else { changed };
            }
            if grouped || new >= 1000 && digits.len() > 3 {
                format!("{}{unit}", with_commas(new))
            } else {
                format!("{new}{unit}")
            }
        });
        // 「0001_桜葉_001_….txt」: the name without its suffix, as the corpus always named files.
        let stem = name
            .strip_suffix(shinchoku_ingest::normalise::is_municipality_suffix)
            .unwrap_or(&name);
        out.push(SyntheticReport {
            file_name: format!("{i:04}_{stem}_{template_name}"),
            municipality: name.clone(),
            text: varied.into_owned(),
        });
    }
    out
}

/// The median of timing samples (zero for none), as the benchmark binaries report them.
pub fn median(mut samples: Vec<std::time::Duration>) -> std::time::Duration {
    samples.sort();
    samples
        .get(samples.len() / 2)
        .copied()
        .unwrap_or(std::time::Duration::ZERO)
}

/// The `p`-th percentile (0–100, nearest rank) of timing samples (zero for none).
pub fn percentile(mut samples: Vec<std::time::Duration>, p: f64) -> std::time::Duration {
    samples.sort();
    if samples.is_empty() {
        return std::time::Duration::ZERO;
    }
    let rank = ((p / 100.0) * samples.len() as f64).ceil() as usize;
    samples
        .get(rank.clamp(1, samples.len()) - 1)
        .copied()
        .unwrap_or(std::time::Duration::ZERO)
}

/// Wall time of `cat FILES > /dev/null` (the real `cat`, one process): the anchor the
/// benchmark tables give their throughputs against.
pub fn time_cat(files: &[std::path::PathBuf]) -> std::io::Result<std::time::Duration> {
    let start = std::time::Instant::now();
    let status = std::process::Command::new("cat")
        .args(files)
        .stdout(std::process::Stdio::null())
        .status()?;
    let elapsed = start.elapsed();
    if !status.success() {
        return Err(std::io::Error::other(format!("cat exited with {status}")));
    }
    Ok(elapsed)
}

/// Bytes this process has passed to `write`-like system calls so far (`wchar` of
/// `/proc/self/io`, all threads); `None` where that file is missing.
pub fn bytes_written_by_process() -> Option<u64> {
    std::fs::read_to_string("/proc/self/io")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("wchar:"))?
        .trim()
        .parse()
        .ok()
}

/// A duration in milliseconds with two decimals, as the benchmark tables show it.
pub fn ms(d: std::time::Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let names: std::collections::BTreeSet<_> = (0..4096).map(municipality_name).collect();
        assert_eq!(names.len(), 4096);
        assert_eq!(municipality_name(0), "青葉");
        assert_eq!(municipality_name(1024), "青青葉");
        assert_eq!(municipality_name(1025), "青桜葉");
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        );
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let d = |ms| std::time::Duration::from_millis(ms);
        let samples: Vec<_> = (1..=200).map(d).collect();
        assert_eq!(percentile(samples.clone(), 50.0), d(100));
        assert_eq!(percentile(samples.clone(), 99.0), d(198));
        assert_eq!(percentile(samples, 100.0), d(200));
        assert_eq!(percentile(Vec::new(), 50.0), d(0));
    }

    #[test]
    fn next_year_changes_some_numbers_only() {
        let first = generate(10, 7);
        let same = generate_next_year(10, 7, 8, 0.0);
        assert!(first.iter().zip(&same).all(|(x, y)| x.text == y.text));
        let next = generate_next_year(10, 7, 8, 0.1);
        assert_eq!(first.len(), next.len());
        let mut changed_lines = 0;
        let mut lines = 0;
        for (x, y) in first.iter().zip(&next) {
            assert_eq!(x.file_name, y.file_name);
            assert_eq!(x.text.lines().count(), y.text.lines().count());
            for (a, b) in x.text.lines().zip(y.text.lines()) {
                lines += 1;
                changed_lines += usize::from(a != b);
            }
        }
        assert!(
            changed_lines > 0 && changed_lines * 5 < lines,
            "{changed_lines} of {lines}"
        );
    }

    #[test]
    fn generation_is_deterministic_and_renames() {
        let a = generate(10, 7);
        let b = generate(10, 7);
        assert_eq!(a.len(), 10);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        assert!(!a[0].text.contains("川口市"));
        assert!(a[0].text.contains(&a[0].municipality));
    }

    /// Every synthetic report is read as a plan of its own municipality: readers take the city
    /// from the document, never from the layout (the 評価報告書 yields its three plans).
    #[test]
    fn every_report_reads_as_its_own_municipality() {
        for report in generate(10, 2024) {
            let import = shinchoku_ingest::read_document(&report.file_name, report.text.as_bytes())
                .unwrap_or_else(|e| panic!("{}: {e}", report.file_name));
            let expected = if report.file_name.contains("_004_") {
                3
            } else {
                1
            };
            assert_eq!(import.plans.len(), expected, "{}", report.file_name);
            for plan in &import.plans {
                assert_eq!(plan.municipality.name, report.municipality);
                assert!(
                    plan.title.starts_with(&report.municipality),
                    "{}",
                    plan.title
                );
            }
        }
    }
}
