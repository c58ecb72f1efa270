//! The JSON export reader on an export of the Otaru sample (pretty-printed, so one value per
//! line), edited line by line as the fuzz input dictates (see `shinchoku_fuzz::mutate`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shinchoku_ingest::readers::json::{Export, detect, read};
use std::sync::LazyLock;

static SEED: LazyLock<String> = LazyLock::new(|| {
    let plans = shinchoku_ingest::read_document("otaru.txt", shinchoku_fuzz::OTARU.as_bytes())
        .map(|i| i.plans)
        .unwrap_or_default();
    serde_json::to_string_pretty(&Export::new(plans)).unwrap_or_default()
});

fuzz_target!(|data: &[u8]| {
    let text = shinchoku_fuzz::mutate(&SEED, data);
    shinchoku_fuzz::run_reader(&text, detect, read);
});
