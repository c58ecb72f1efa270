//! Placeholder until the kiyose reader lands; claims no document.

use super::{Import, ReadError, SourceText};

pub fn detect(_text: &str) -> bool {
    false
}

pub fn read(src: &SourceText) -> Result<Import, ReadError> {
    Err(ReadError::Malformed {
        location: src.loc(1),
        message: "reader not merged yet".into(),
    })
}
