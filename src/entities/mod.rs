//! Text in, named people, organisations, places and other things out, with
//! the folding that ties spellings of one entity across the collection.
//! Pure: no database, no screen.

use crate::config::{ConfigError, EntitiesConfig};
use crate::model::{FoundEntity, Mention};

/// An extractor built once from the gazetteer and the user's config.
#[derive(Debug, Clone)]
pub struct Extractor {
    _private: (),
}

impl Extractor {
    pub fn new(config: &EntitiesConfig) -> Result<Self, ConfigError> {
        let _ = config;
        Ok(Self { _private: () })
    }

    /// Every mention, in text order.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let _ = text;
        Vec::new()
    }

    /// Mentions grouped by entity, in order of first mention.
    pub fn entities(&self, text: &str) -> Vec<FoundEntity> {
        let _ = text;
        Vec::new()
    }
}

/// The key two spellings of one entity share (`Kim Jong-Un` and `Kim Jong-un`).
pub fn fold_key(name: &str) -> String {
    name.to_lowercase()
}
