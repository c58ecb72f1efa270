//! Helpers shared by the binary's integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A reference report of `samples/`.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples")
        .join(name)
}

/// Runs the `shinchoku` binary (without `$SHINCHOKU_DB`).
pub fn shinchoku(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shinchoku"))
        .args(args)
        .env_remove("SHINCHOKU_DB")
        .output()
        .expect("run shinchoku")
}

/// Its standard output, after asserting that it succeeded.
pub fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}
