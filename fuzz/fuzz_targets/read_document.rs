//! Arbitrary bytes through the whole pipeline: decoding (UTF-8 / CP932), layout detection and
//! whichever reader claims the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = shinchoku_ingest::read_document("fuzz.txt", data);
});
