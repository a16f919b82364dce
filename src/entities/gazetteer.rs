//! The built-in list of well-known places, organisations and things with
//! their other spellings (`data/gazetteer.tsv`), merged with the user's
//! `[entities]` aliases, and looked up by folded key.

use super::fast_hash::{FastMap, FastSet};

use super::fold::fold_key;
use crate::config::{ConfigError, EntitiesConfig};
use crate::model::EntityKind;

const BUILT_IN: &str = include_str!("../../data/gazetteer.tsv");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The canonical display name.
    pub name: String,
    /// `None` for a user alias with no kind given: the text decides.
    pub kind: Option<EntityKind>,
}

/// A spelling found in the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    /// Written in capitals only (`WHO`, `US`): matches only capitals.
    pub caps_only: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    spellings: FastMap<String, Hit>,
    demonyms: FastMap<String, usize>,
    /// The first words of demonyms of two words or more (`south` for
    /// `South Korean`): only after one is a pair of words looked up.
    demonym_openers: FastSet<String>,
    /// The places a demonym names (countries and regions, mostly; not
    /// towns).
    with_demonym: FastSet<usize>,
    /// Spellings in scripts without word spaces, keyed as written.
    unspaced: FastMap<String, usize>,
    /// Every leading part of a spelling of several words (`general`,
    /// `general agreement`, `general agreement on`, ...), so a run of
    /// capitals may continue over `and` or `on` into a known long name.
    prefixes: FastSet<String>,
    /// The most words any spelling has, to bound the longest-match search.
    pub max_words: usize,
    pub max_unspaced_chars: usize,
}

fn is_caps_only(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

fn is_unspaced_script(s: &str) -> bool {
    s.chars()
        .any(|c| c as u32 >= 0x1100 && c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase())
}

impl Gazetteer {
    /// The built-in list with the user's aliases laid over it.
    pub fn new(config: &EntitiesConfig) -> Result<Self, ConfigError> {
        let mut g = Gazetteer::default();
        g.load_built_in();
        for (canonical, variants) in &config.aliases {
            g.add_user_alias(canonical, variants);
        }
        for (name, kind) in &config.kinds {
            if let Some(hit) = g.spellings.get(&fold_key(name)) {
                g.entries[hit.entry].kind = Some(*kind);
            }
        }
        Ok(g)
    }

    fn load_built_in(&mut self) {
        for line in BUILT_IN.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(kind), Some(name)) = (cols.next(), cols.next()) else {
                continue;
            };
            let aliases = cols.next().unwrap_or("");
            let spellings = std::iter::once(name)
                .chain(aliases.split('|'))
                .filter(|s| !s.trim().is_empty());
            if kind == "demonym" {
                // A demonym row names a place listed above it.
                let Some(hit) = self.spellings.get(&fold_key(name)).copied() else {
                    continue;
                };
                for s in aliases.split('|').filter(|s| !s.trim().is_empty()) {
                    let key = fold_key(s);
                    if let Some((first, _)) = key.split_once(' ') {
                        self.demonym_openers.insert(first.to_string());
                    }
                    self.demonyms.insert(key, hit.entry);
                    self.with_demonym.insert(hit.entry);
                    self.note_words(s);
                }
                continue;
            }
            let Some(kind) = EntityKind::parse(kind) else {
                continue;
            };
            let entry = match self.spellings.get(&fold_key(name)) {
                // A second row for a known name (`Hong Kong`) adds spellings.
                Some(hit) if self.entries[hit.entry].name == name => hit.entry,
                _ => {
                    self.entries.push(Entry {
                        name: name.to_string(),
                        kind: Some(kind),
                    });
                    self.entries.len() - 1
                }
            };
            for s in spellings {
                self.insert(s.trim(), entry);
            }
        }
    }

    fn add_user_alias(&mut self, canonical: &str, variants: &[String]) {
        let existing = std::iter::once(canonical)
            .chain(variants.iter().map(String::as_str))
            .find_map(|s| self.lookup_any(s));
        let entry = match existing {
            Some(entry) => {
                // The user's canonical spelling becomes the display name.
                self.entries[entry].name = canonical.to_string();
                entry
            }
            None => {
                self.entries.push(Entry {
                    name: canonical.to_string(),
                    kind: None,
                });
                self.entries.len() - 1
            }
        };
        for s in std::iter::once(canonical).chain(variants.iter().map(String::as_str)) {
            self.insert(s.trim(), entry);
        }
    }

    fn lookup_any(&self, s: &str) -> Option<usize> {
        self.spellings
            .get(&fold_key(s))
            .map(|h| h.entry)
            .or_else(|| self.unspaced.get(s).copied())
    }

    fn insert(&mut self, spelling: &str, entry: usize) {
        if spelling.is_empty() {
            return;
        }
        if is_unspaced_script(spelling) {
            self.max_unspaced_chars = self.max_unspaced_chars.max(spelling.chars().count());
            self.unspaced.insert(spelling.to_string(), entry);
            return;
        }
        let key = fold_key(spelling);
        let caps_only = is_caps_only(spelling);
        // A later spelling of the same key wins (user aliases override), but
        // a spelling that matches any case beats a capitals-only one.
        let caps_only = caps_only
            && self
                .spellings
                .get(&key)
                .is_none_or(|h| h.entry != entry || h.caps_only);
        self.note_words(spelling);
        let mut prefix = String::new();
        for word in key.split(' ') {
            if !prefix.is_empty() {
                prefix.push(' ');
                self.prefixes.insert(prefix.trim_end().to_string());
            }
            prefix.push_str(word);
        }
        self.spellings.insert(key, Hit { entry, caps_only });
    }

    fn note_words(&mut self, spelling: &str) {
        let words = spelling.split_whitespace().count();
        self.max_words = self.max_words.max(words + 1);
    }

    pub fn get(&self, key: &str) -> Option<Hit> {
        self.spellings.get(key).copied()
    }

    /// Whether some spelling starts with these folded words.
    pub fn is_prefix(&self, words: &str) -> bool {
        self.prefixes.contains(words)
    }

    /// Whether some demonym names the entry (`Canadian` for Canada): a
    /// country or region, not a town.
    pub fn has_demonym(&self, entry: usize) -> bool {
        self.with_demonym.contains(&entry)
    }

    /// Whether a demonym of several words starts with the folded `word`.
    pub fn opens_demonym(&self, word: &str) -> bool {
        self.demonym_openers.contains(word)
    }

    pub fn demonym(&self, key: &str) -> Option<usize> {
        self.demonyms.get(key).copied()
    }

    pub fn unspaced(&self, written: &str) -> Option<usize> {
        self.unspaced.get(written).copied()
    }

    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Gazetteer {
        Gazetteer::new(&EntitiesConfig::default()).unwrap()
    }

    fn name_of(g: &Gazetteer, s: &str) -> Option<String> {
        g.get(&fold_key(s)).map(|h| g.entry(h.entry).name.clone())
    }

    #[test]
    fn abbreviations_reach_their_canonical_name() {
        let g = built_in();
        for s in ["U.N.", "UN", "United Nations"] {
            assert_eq!(name_of(&g, s).as_deref(), Some("United Nations"), "{s}");
        }
        for s in ["S. Korea", "SKorea", "South Korea"] {
            assert_eq!(name_of(&g, s).as_deref(), Some("South Korea"), "{s}");
        }
        for s in ["U.S.", "US", "USA", "United States"] {
            assert_eq!(name_of(&g, s).as_deref(), Some("United States"), "{s}");
        }
        for s in [
            "UNSC",
            "U.N. Security Council",
            "UN Security Council",
            "Security Council",
        ] {
            assert_eq!(
                name_of(&g, s).as_deref(),
                Some("United Nations Security Council"),
                "{s}"
            );
        }
    }

    #[test]
    fn leading_parts_of_long_spellings_are_known() {
        let g = built_in();
        assert!(g.is_prefix("general agreement on tariffs and"));
        assert!(g.is_prefix("general agreement"));
        assert!(!g.is_prefix("general agreement on tariffs and trade"));
    }

    #[test]
    fn capitals_only_spellings_are_marked() {
        let g = built_in();
        assert!(g.get("who").unwrap().caps_only);
        assert!(g.get("us").unwrap().caps_only);
        assert!(!g.get("seoul").unwrap().caps_only);
        // `Fed` is written mixed-case in the list, so it matches any case.
        assert!(!g.get("fed").unwrap().caps_only);
    }

    #[test]
    fn demonyms_and_unspaced_scripts() {
        let g = built_in();
        let china = g.demonym("chinese").unwrap();
        assert_eq!(g.entry(china).name, "China");
        assert_eq!(
            g.entry(g.demonym("south korean").unwrap()).name,
            "South Korea"
        );
        assert_eq!(g.entry(g.unspaced("서울").unwrap()).name, "Seoul");
        assert_eq!(g.entry(g.unspaced("東京").unwrap()).name, "Tokyo");
        assert_eq!(g.entry(g.unspaced("北京").unwrap()).name, "Beijing");
    }

    #[test]
    fn user_aliases_extend_and_override() {
        let mut config = EntitiesConfig::default();
        config
            .aliases
            .insert("UN".into(), vec!["Vereinte Nationen".into()]);
        config
            .aliases
            .insert("Acme Widgets".into(), vec!["AWI".into()]);
        config.kinds.insert("Acme Widgets".into(), EntityKind::Org);
        let g = Gazetteer::new(&config).unwrap();
        assert_eq!(name_of(&g, "United Nations").as_deref(), Some("UN"));
        assert_eq!(name_of(&g, "Vereinte Nationen").as_deref(), Some("UN"));
        let acme = g.get("awi").unwrap();
        assert_eq!(g.entry(acme.entry).kind, Some(EntityKind::Org));
    }
}
