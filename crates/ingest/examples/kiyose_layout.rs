//! Prints how the 清瀬市 reader placed every field of every data row, one line per row in the
//! format of `tests/data/kiyose_truth.txt`:
//!
//! ```text
//! cargo run -p shinchoku-ingest --example kiyose_layout -- samples/003_a91a11d8f2677ccb.txt
//! ```

use shinchoku_ingest::readers::{SourceText, kiyose};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: kiyose_layout FILE");
        return ExitCode::FAILURE;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let src = SourceText {
        file_name: &path,
        text: &text,
        sha256: "",
    };
    let layouts = match kiyose::read_explained(&src) {
        Ok((_, layouts)) => layouts,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for l in layouts {
        let mut slots: Vec<(usize, String)> = l
            .fields
            .iter()
            .map(|(slot, fields)| {
                let list: Vec<String> = fields.iter().map(usize::to_string).collect();
                (
                    fields.first().copied().unwrap_or(0),
                    format!("{slot}={}", list.join(",")),
                )
            })
            .collect();
        slots.sort();
        let slots: Vec<String> = slots.into_iter().map(|(_, s)| s).collect();
        let divs = if l.divisions.is_empty() {
            "-".to_owned()
        } else {
            l.divisions.join(",")
        };
        println!("L{}\t{}\tdivs={divs}", l.line, slots.join(" "));
    }
    ExitCode::SUCCESS
}
