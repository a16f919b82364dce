//! Words in scripts written without spaces. FTS5's `unicode61` makes one
//! token of a whole run of Han, kana or Hangul (`東京都庁に行く`, `서울에서`),
//! so no word inside it could be found. Such runs are cut into overlapping
//! pairs of characters (`東京 京都 都庁 …`), the way CJK search engines
//! without a dictionary do: a word of two or more characters is then the
//! phrase of its own pairs, found anywhere in a run. The index, the query
//! and the highlighter all cut by this one rule, so what is highlighted is
//! what matched.

use std::borrow::Cow;

/// Han (unified ideographs, extensions and compatibility forms), kana
/// (with the half-width forms and the prolonged sound mark), and Hangul
/// (syllables and jamo): the scripts whose words run together.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF      // Hangul jamo
        | 0x3005..=0x3007    // 々 〆 〇
        | 0x3041..=0x309F    // Hiragana
        | 0x30A0..=0x30FF    // Katakana (ー included)
        | 0x3130..=0x318F    // Hangul compatibility jamo
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xA960..=0xA97F    // Hangul jamo extended A
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xD7B0..=0xD7FF    // Hangul jamo extended B
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width katakana
        | 0xFFA0..=0xFFDC    // half-width Hangul
        | 0x20000..=0x3134F  // CJK extensions B–G
    )
}

/// The pieces a run of CJK characters is indexed as, with their byte
/// ranges in `run`: each pair of neighbours, or the one character of a
/// run of one.
pub fn pairs(run: &str) -> Vec<std::ops::Range<usize>> {
    let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).collect();
    match starts.len() {
        0 => Vec::new(),
        1 => std::iter::once(0..run.len()).collect(),
        n => (0..n - 1)
            .map(|k| starts[k]..starts.get(k + 2).copied().unwrap_or(run.len()))
            .collect(),
    }
}

/// `text` with every CJK run written as its pairs apart (`東京都に` →
/// ` 東京 京都 都に `), the rest untouched; borrowed when there is no CJK.
/// Spaces around a run part it from Latin letters or digits beside it, as
/// the highlighter parts them.
pub fn spaced_pairs(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(is_cjk) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(start) = rest.find(is_cjk) {
        out.push_str(&rest[..start]);
        let run_len = rest[start..]
            .find(|c: char| !is_cjk(c))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        out.push(' ');
        for (k, r) in pairs(run).into_iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(&run[r]);
        }
        out.push(' ');
        rest = &rest[start + run_len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether `text` ends in a CJK run of one character (`都`, `G7都`): it is
/// looked for as the first half of a pair (`都` finds `都庁`), since a
/// character inside a run is indexed only within pairs.
pub fn ends_in_lone_character(text: &str) -> bool {
    let mut tail = text.trim_end().chars().rev();
    matches!(
        (tail.next(), tail.next()),
        (Some(last), before) if is_cjk(last) && !before.is_some_and(is_cjk)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_become_overlapping_pairs() {
        assert_eq!(spaced_pairs("東京都庁"), " 東京 京都 都庁 ");
        assert_eq!(spaced_pairs("서울에서 만나"), " 서울 울에 에서   만나 ");
        assert_eq!(spaced_pairs("東"), " 東 ");
    }

    #[test]
    fn latin_and_digits_beside_a_run_are_parted_from_it() {
        assert_eq!(
            spaced_pairs("G7東京サミット"),
            "G7 東京 京サ サミ ミッ ット "
        );
        assert_eq!(spaced_pairs("2025年3月"), "2025 年 3 月 ");
    }

    #[test]
    fn text_without_cjk_is_borrowed_as_is() {
        assert!(matches!(spaced_pairs("Port reopens"), Cow::Borrowed(_)));
        assert!(matches!(
            spaced_pairs("Москва, São Paulo"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn pairs_are_on_character_boundaries() {
        let run = "𠮷野家";
        let ranges = pairs(run);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&run[ranges[0].clone()], "𠮷野");
        assert_eq!(&run[ranges[1].clone()], "野家");
        assert!(ends_in_lone_character(" 都 ") && ends_in_lone_character("port 都"));
        assert!(ends_in_lone_character("a都") && ends_in_lone_character(" a 都 "));
        assert!(!ends_in_lone_character(" 東京 ") && !ends_in_lone_character("都a"));
        assert!(!is_cjk('a') && !is_cjk('。') && is_cjk('ー') && is_cjk('한'));
    }
}
