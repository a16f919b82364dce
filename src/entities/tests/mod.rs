//! The extractor end to end, on sentences written for these tests:
//! `names` for what is and is not a name and its kind, `linking` for
//! how mentions join entities inside and across articles.

mod companies;
mod context;
mod growth;
mod linking;
mod names;
mod people;

use super::*;

pub(super) fn extractor() -> Extractor {
    Extractor::new(&EntitiesConfig::default()).unwrap()
}

/// (name, kind) of every entity, in first-mention order.
pub(super) fn found(text: &str) -> Vec<(String, EntityKind)> {
    extractor()
        .entities(text)
        .into_iter()
        .map(|e| (e.name, e.kind))
        .collect()
}

pub(super) fn names(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(n, _)| n).collect()
}

/// The kind of the entity named `name`, if one is.
pub(super) fn kind_of(text: &str, name: &str) -> Option<EntityKind> {
    found(text)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, k)| k)
}
