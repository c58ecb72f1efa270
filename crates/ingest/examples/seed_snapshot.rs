//! Prints every sample report's import (plans and diagnostics) as JSON, one document per
//! line: `cargo run -p shinchoku-ingest --example seed_snapshot > before.jsonl`, then compare
//! with the output after a change to the readers.

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for path in names {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).unwrap_or_default();
        match shinchoku_ingest::read_document(&name, &bytes) {
            Ok(import) => println!(
                "{}",
                serde_json::to_string(&import).unwrap_or_else(|e| e.to_string())
            ),
            Err(e) => println!("{name}: {e}"),
        }
    }
}
