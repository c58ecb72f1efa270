//! The `otaru` reader on its sample report, edited line by line as the fuzz input dictates
//! (see `shinchoku_fuzz::mutate`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shinchoku_ingest::readers::otaru::{detect, read};

fuzz_target!(|data: &[u8]| {
    let text = shinchoku_fuzz::mutate(shinchoku_fuzz::OTARU, data);
    shinchoku_fuzz::run_reader(&text, detect, read);
});
