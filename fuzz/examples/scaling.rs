//! Times each reader on its seed and on the seed's lines repeated 2× and 4×, to spot readers
//! that are super-linear in the document size. `cargo run --release --example scaling`
//! (from fuzz/); optional argument: a file to time with every reader, repeated likewise.

use shinchoku_fuzz::*;
use shinchoku_ingest::readers::*;
use std::time::Instant;

type Reader = fn(&SourceText) -> Result<Import, ReadError>;

fn main() {
    let layouts: [(&str, &str, Reader); 5] = [
        ("kawaguchi_list", KAWAGUCHI_LIST, kawaguchi_list::read),
        ("kumagaya", KUMAGAYA, kumagaya::read),
        ("otaru", OTARU, otaru::read),
        ("kiyose", KIYOSE, kiyose::read),
        ("kawaguchi_eval", KAWAGUCHI_EVAL, kawaguchi_eval::read),
    ];
    let extra = std::env::args()
        .nth(1)
        .map(|p| std::fs::read_to_string(p).unwrap_or_default());
    for (name, seed, read) in layouts {
        let seed = extra.as_deref().unwrap_or(seed);
        let mut line = format!("{name:16}");
        let ks: Vec<usize> = std::env::var("SCALES")
            .ok()
            .map(|v| v.split(',').filter_map(|k| k.parse().ok()).collect())
            .unwrap_or_else(|| vec![1, 2, 4]);
        for &k in &ks {
            let text = seed.repeat(k);
            let src = SourceText {
                file_name: "x.txt",
                text: &text,
                sha256: "",
            };
            let t = Instant::now();
            let n = read(&src).map(|i| i.diagnostics.len()).unwrap_or(0);
            line.push_str(&format!(
                "  ×{k}: {:8.1} ms ({n} diags)",
                t.elapsed().as_secs_f64() * 1e3
            ));
        }
        println!("{line}");
    }
}
