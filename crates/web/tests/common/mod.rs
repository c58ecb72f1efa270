//! What the web's test files share: the five seed reports of `samples/`, read as the importer
//! reads them.

use shinchoku_core::Plan;

/// The plans of the five seeds, in file-name order. A seed that does not read fails the test:
/// every test here is about what the seeds hold.
pub fn seed_plans() -> Vec<Plan> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".txt"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    assert_eq!(names.len(), 5, "five seeds expected in samples/");
    let mut plans = Vec::new();
    for name in names {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap_or_default();
        let import = shinchoku_ingest::read_document(&name, &bytes)
            .unwrap_or_else(|e| panic!("seed {name} reads: {e}"));
        plans.extend(import.plans);
    }
    plans
}
