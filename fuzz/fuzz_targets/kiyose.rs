//! The `kiyose` reader on its sample report, edited line by line as the fuzz input dictates
//! (see `shinchoku_fuzz::mutate`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shinchoku_ingest::readers::kiyose::{detect, read};

fuzz_target!(|data: &[u8]| {
    let text = shinchoku_fuzz::mutate(shinchoku_fuzz::KIYOSE, data);
    shinchoku_fuzz::run_reader(&text, detect, read);
});
