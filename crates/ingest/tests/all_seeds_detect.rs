//! Every seed document is claimed by exactly one reader, and the dispatcher picks that one.
//!
//! This test passes only once all five layout readers are merged (each placeholder claims
//! nothing).

use shinchoku_ingest::readers::{
    ReadError, json, kawaguchi_eval, kawaguchi_list, kiyose, kumagaya, otaru,
};
use shinchoku_ingest::{Layout, detect_layout, read_document};

macro_rules! seed {
    ($file:literal) => {
        (
            $file,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../samples/",
                $file
            )),
        )
    };
}

const SEEDS: [(&str, &str, Layout); 5] = [
    {
        let (f, t) = seed!("000_93a6ad023fb5add3.txt");
        (f, t, Layout::KawaguchiList)
    },
    {
        let (f, t) = seed!("001_fcd6886f924c1359.txt");
        (f, t, Layout::Kumagaya)
    },
    {
        let (f, t) = seed!("002_eba47c23c940212d.txt");
        (f, t, Layout::Otaru)
    },
    {
        let (f, t) = seed!("003_a91a11d8f2677ccb.txt");
        (f, t, Layout::Kiyose)
    },
    {
        let (f, t) = seed!("004_052cf2803b6d324c.txt");
        (f, t, Layout::KawaguchiEval)
    },
];

type Detector = fn(&str) -> bool;

/// Every reader's detector, with the layout it stands for.
const DETECTORS: [(Layout, Detector); 6] = [
    (Layout::Json, json::detect),
    (Layout::KawaguchiList, kawaguchi_list::detect),
    (Layout::Kumagaya, kumagaya::detect),
    (Layout::Otaru, otaru::detect),
    (Layout::Kiyose, kiyose::detect),
    (Layout::KawaguchiEval, kawaguchi_eval::detect),
];

#[test]
fn every_seed_is_claimed_by_exactly_its_reader() {
    for (file, text, layout) in SEEDS {
        let claimed: Vec<Layout> = DETECTORS
            .iter()
            .filter(|(_, detect)| detect(text))
            .map(|(l, _)| *l)
            .collect();
        assert_eq!(claimed, vec![layout], "{file}");
        assert_eq!(detect_layout(text), Some(layout), "{file}");
    }
}

#[test]
fn the_dispatcher_reads_every_seed_with_its_reader() {
    for (file, text, layout) in SEEDS {
        match read_document(file, text.as_bytes()) {
            Ok(import) => {
                assert!(!import.plans.is_empty(), "{file}");
                for plan in &import.plans {
                    assert!(
                        plan.sources
                            .iter()
                            .any(|s| s.file == file && s.layout == layout.name()),
                        "{file}"
                    );
                }
            }
            Err(e) => panic!("{file}: {e}"),
        }
    }
}

#[test]
fn text_of_no_known_layout_is_refused() {
    for text in ["", "\n\n", "基本施策\n① 何か", "a\tb\tc\n1\t2\t3"] {
        assert_eq!(detect_layout(text), None, "{text:?}");
        assert!(matches!(
            read_document("x.txt", text.as_bytes()),
            Err(ReadError::UnknownLayout { .. })
        ));
    }
}

/// The same layout from another city is that city's plan: the 熊谷市 and 清瀬市 sheets have no
/// title, so their readers name the plan after the city the text names.
#[test]
fn untitled_layouts_take_the_city_from_the_text() {
    for (file, city) in [
        ("001_fcd6886f924c1359.txt", "熊谷市"),
        ("003_a91a11d8f2677ccb.txt", "清瀬市"),
    ] {
        let path = format!("{}/../../samples/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let import = shinchoku_ingest::read_document(file, text.as_bytes()).expect("read");
        assert_eq!(import.plans[0].municipality.name, city);
        assert_eq!(import.plans[0].title, format!("{city}自殺対策計画"));
        let other = text.replace(city, "桜台市");
        let import = shinchoku_ingest::read_document(file, other.as_bytes()).expect("read");
        assert_eq!(import.plans[0].municipality.name, "桜台市");
        assert_eq!(import.plans[0].title, "桜台市自殺対策計画");
    }
}
