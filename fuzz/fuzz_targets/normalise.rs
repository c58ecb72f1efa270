//! Every public function of `shinchoku_ingest::normalise` on arbitrary input, with the
//! documented invariants checked (ranges are char boundaries of the folded text, folding and
//! white-space collapsing are idempotent, …).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shinchoku_ingest::normalise::*;

fuzz_target!(|data: &[u8]| {
    let _ = decode_text(data);
    let _ = sha256_hex(data);
    let s = String::from_utf8_lossy(data);
    let s = s.as_ref();
    for c in s.chars() {
        assert_eq!(is_circled(c), circled_number(c).is_some());
    }
    let f = fold(s);
    assert_eq!(fold(&f), f, "fold is idempotent");
    let c = collapse_ws(s);
    assert_eq!(collapse_ws(&c), c, "collapse_ws is idempotent");
    assert!(!match_key(s).chars().any(char::is_whitespace));
    let _ = is_blank_cell(s);
    let _ = parse_int(s);
    let _ = parse_number(s);
    let _ = parse_percent(s);
    for m in find_years(s) {
        assert!(f.get(m.start..m.end).is_some(), "year range in folded text");
    }
    let _ = parse_fiscal_year(s);
    for a in find_yen(s) {
        assert!(f.get(a.start..a.end).is_some(), "yen range in folded text");
    }
    let _ = parse_yen(s);
    let _ = split_circled_items(s);
    for o in parse_outputs(s) {
        assert!(o.value.is_finite());
    }
    let _ = has_html(s);
    let h = html_to_text(s);
    assert!(h.lines().all(|l| !l.trim().is_empty()));
    let _ = clean_cell(s);
    let key = match_key(s);
    for d in find_dates(s) {
        assert!(key.get(d.start..d.end).is_some(), "date range in the match key");
    }
    let _ = parse_date(s);
    let _ = parse_date_range(s);
    if let Some(name) = municipality_of_title(s) {
        assert!(s.contains(name), "the municipality is a slice of the title");
    }
    let _ = infer_municipality(s);
});
