#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Reading a ZIP bomb takes bounded memory: the process's peak resident size (Linux
//! `VmHWM`) grows by a few MiB at most while a workbook carrying 64 MiB of zeros (64 KiB
//! compressed) is checked, whether the entry declares its size honestly (decompressed into
//! a sink and read) or lies about it (refused at the declared size). Its own test binary, so
//! that no other test allocates meanwhile.

use shinchoku_commands::{Actor, ImportedDocument, import_document};
use shinchoku_ingest::workbook::{WorkbookError, WorkbookLimits, read_workbook};
use shinchoku_report::workbook::{WorkbookScope, collection_workbook};
use shinchoku_store::Store;
use std::io::{Read, Write};

/// The peak resident size of this process, in KiB.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn workbook() -> Vec<u8> {
    let store = Store::in_memory().await.unwrap();
    let name = "001_fcd6886f924c1359.txt";
    let bytes = std::fs::read(format!(
        "{}/../../samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let doc = ImportedDocument::read(name, &bytes).unwrap();
    let report = import_document(&store, &doc, &Actor::command_line("import"))
        .await
        .unwrap();
    let stored = store.load(report.plans[0].id).await.unwrap().unwrap();
    collection_workbook(
        std::slice::from_ref(&stored),
        WorkbookScope {
            division: Some("熊谷保健センター"),
            fiscal_year: Some(shinchoku_core::FiscalYear(2022)),
        },
    )
    .unwrap()
}

/// The workbook with one more entry of `size` zero bytes, streamed (never held in memory).
fn with_zeros(bytes: &[u8], size: usize) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(false);
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            w.start_file(f.name(), options).unwrap();
            w.write_all(&data).unwrap();
        }
        w.start_file("xl/media/zeros.bin", options).unwrap();
        let chunk = vec![0u8; 1024 * 1024];
        for _ in 0..size / chunk.len() {
            w.write_all(&chunk).unwrap();
        }
        w.finish().unwrap();
    }
    out.into_inner()
}

/// Sets the uncompressed size an entry declares, in its local header and the central
/// directory.
fn declare_size(bytes: &mut [u8], entry: &str, size: u32) {
    let name = entry.as_bytes();
    for i in 0..bytes.len().saturating_sub(46) {
        if bytes[i..i + 4] == *b"PK\x03\x04" {
            let n = usize::from(u16::from_le_bytes([bytes[i + 26], bytes[i + 27]]));
            if bytes.get(i + 30..i + 30 + n) == Some(name) {
                bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
            }
        } else if bytes[i..i + 4] == *b"PK\x01\x02" {
            let n = usize::from(u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]));
            if bytes.get(i + 46..i + 46 + n) == Some(name) {
                bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            }
        }
    }
}

#[tokio::test]
async fn zip_bombs_are_read_with_bounded_memory() {
    const ZEROS: usize = 64 * 1024 * 1024;
    let honest = with_zeros(&workbook().await, ZEROS);
    assert!(honest.len() < 1024 * 1024, "{}", honest.len());
    let mut lying = honest.clone();
    declare_size(&mut lying, "xl/media/zeros.bin", 1000);
    let Some(before) = peak_kib() else {
        eprintln!("note: no /proc/self/status; the memory bound is not measured");
        return;
    };
    // Declared honestly (under the 100 MiB limit): inflated into a sink, then read.
    let read = read_workbook(&honest, &WorkbookLimits::default()).unwrap();
    assert_eq!(read.rows.len(), 18);
    // Declared as 1,000 bytes: refused 1,001 bytes in.
    assert_eq!(
        read_workbook(&lying, &WorkbookLimits::default()).err(),
        Some(WorkbookError::ZipBomb(
            "xl/media/zeros.bin が申告された大きさ（1000 バイト）を超えて展開されます".into()
        ))
    );
    let after = peak_kib().unwrap();
    let grown = after.saturating_sub(before);
    assert!(
        grown < 16 * 1024,
        "peak resident size grew by {grown} KiB while 64 MiB were inflated"
    );
}
