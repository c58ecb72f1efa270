//! The sample reports bundled into the binary for `shinchoku demo` (see samples/README.md).

/// (file name, bytes) of each bundled sample, in import order.
pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "000_93a6ad023fb5add3.txt",
        include_bytes!("../../../samples/000_93a6ad023fb5add3.txt"),
    ),
    (
        "001_fcd6886f924c1359.txt",
        include_bytes!("../../../samples/001_fcd6886f924c1359.txt"),
    ),
    (
        "002_eba47c23c940212d.txt",
        include_bytes!("../../../samples/002_eba47c23c940212d.txt"),
    ),
    (
        "003_a91a11d8f2677ccb.txt",
        include_bytes!("../../../samples/003_a91a11d8f2677ccb.txt"),
    ),
    (
        "004_052cf2803b6d324c.txt",
        include_bytes!("../../../samples/004_052cf2803b6d324c.txt"),
    ),
];
