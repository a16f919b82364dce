//! A folded word of a name (its first word, last word, surname), kept
//! inline when short. Each name found carried three of them as `String`s,
//! most a few bytes long: three allocations per name were most of what
//! making a name's record cost.

use std::fmt;
use std::ops::Deref;

/// Longer words go on the heap (few do: `brzezinski` is ten bytes).
const INLINE: usize = 22;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Word(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// The bytes, zero after `len`, so equal words compare equal.
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

impl Word {
    pub fn new(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Word(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            Word(Repr::Heap(s.into()))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Copied whole from a `str`, so always UTF-8.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
    }
}

impl Deref for Word {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for Word {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::Word;

    #[test]
    fn a_word_reads_back_as_written_short_or_long() {
        for s in [
            "",
            "kim",
            "jong-un",
            "abcdefghijklmnopqrstuv",
            "abcdefghijklmnopqrstuvw",
            "ünïcødé-wörd-of-some-length",
        ] {
            assert_eq!(Word::new(s).as_str(), s);
        }
        assert_eq!(Word::new("kim"), Word::new("kim"));
        assert_ne!(Word::new("kim"), Word::new("lee"));
    }
}
