//! A fast hash for the extractor's fixed word lists (the lexicon, the
//! gazetteer, the config's names), which it consults for nearly every word
//! of every article: std's SipHash was a tenth of extraction time.
//!
//! Only for tables built from our own data and the user's config: a
//! crafted article can make lookups in them no slower than a miss. Tables
//! filled from article text keep std's keyed hash.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
pub type FastSet<T> = HashSet<T, BuildHasherDefault<WordHasher>>;

/// The Fx hash (as in rustc): a rotate, xor and multiply per 8 bytes.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_it_holds_and_only_that() {
        let words: FastSet<String> = ["minister", "said", "a", "a\0", "chief executive"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(words.len(), 5);
        assert!(words.contains("minister") && words.contains("a\0"));
        assert!(!words.contains("ministers") && !words.contains(""));
    }
}
