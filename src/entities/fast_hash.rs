//! A fast hash for the extractor's fixed word lists (the lexicon, the
//! gazetteer, the config's names), which it consults for nearly every word
//! of every article: std's SipHash was a tenth of extraction time.
//!
//! foldhash (already compiled in through hashbrown) rather than our own
//! copy of the Fx hash; its per-process random seed keeps a crafted article
//! from aiming at collisions. The per-article tables of the linking passes
//! (names, surnames, spellings) use it too: SipHash there was another
//! tenth of extraction, and each holds one article's names only.

use std::collections::{HashMap, HashSet};

pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
pub type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;
