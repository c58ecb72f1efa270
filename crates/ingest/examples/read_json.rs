//! Reads one document and prints the import as JSON (plans and diagnostics):
//! `cargo run -p shinchoku-ingest --example read_json -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_json FILE");
        std::process::exit(2);
    };
    let path = std::path::Path::new(&path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let result = shinchoku_ingest::read_file_bounded(path, shinchoku_ingest::DEFAULT_MAX_BYTES)
        .and_then(|bytes| shinchoku_ingest::read_document(&name, &bytes));
    match result {
        Ok(import) => println!(
            "{}",
            serde_json::to_string_pretty(&import).unwrap_or_else(|e| e.to_string())
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
