//! Words with their byte spans and the facts the name rules need: shape
//! (capitalised, all caps, initial, dotted abbreviation, hashtag, a script
//! without capitals), whether a sentence starts there, and whether the line
//! is a shouting headline.

/// What a token looks like, which is most of what tells a name apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `Seoul`, `Jong-un`, `McDonald`.
    Title,
    /// `THAAD`, `G7`, `SEOUL`: no lower-case letter, two or more characters.
    Upper,
    /// `said`, `al-Assad` is promoted to `Title`.
    Lower,
    /// `J.`: one capital and a dot.
    Initial,
    /// `U.S.`, `N.K.`: two or more capitals each with a dot.
    Dotted,
    /// `#SecurityCouncil`, span includes the `#`.
    Hashtag,
    /// A run of Hangul syllables.
    Hangul,
    /// A run of Han ideographs or kana.
    Cjk,
    Number,
    /// `HomeWorldAsiaKim`: words glued together by a scraper.
    Glued,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    /// The first word of a sentence, paragraph or text.
    pub sentence_start: bool,
    /// Only spaces or one line break since the previous token, so a name
    /// may continue across it.
    pub joined: bool,
    /// The first token on its line.
    pub line_start: bool,
    /// The token sits on a line written in capitals or Title Case
    /// (a headline), where capitals say nothing about names.
    pub headline: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Abbreviations whose dot does not end a sentence (`Mr. Kim`, `Jan. 20`).
const NO_STOP_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen",
    "Rep", "Prof", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "No", "vs", "Mt", "Ft", "Adm", "Maj", "Rev", "Hon", "Pres", "Gens",
];

/// Words that, hyphened to a name, make an adjective of it.
const MODIFIERS: &[&str] = &[
    "based",
    "born",
    "led",
    "owned",
    "backed",
    "made",
    "style",
    "run",
    "controlled",
    "funded",
    "bound",
    "related",
    "linked",
    "listed",
    "registered",
    "speaking",
    "flagged",
    "allied",
    "held",
];

/// Arabic article prefixes that start a name in lower case (`al-Assad`).
const NAME_PREFIXES: &[&str] = &[
    "al-", "el-", "ad-", "ar-", "as-", "at-", "az-", "an-", "bin-", "ibn-", "abu-", "abd-",
];

/// Each token's `fold_key`, worked out once for every step that looks
/// words up (runs, cutting, case evidence): the words that may be in a
/// name (capitalised words and connectors); an empty string for the rest.
/// All in one buffer ([`Folds::words`] gives them as slices): a string
/// for each capitalised word was a tenth of extraction in the allocator.
pub struct Folds {
    buf: String,
    ends: Vec<u32>,
}

impl Folds {
    pub fn new(text: &str, tokens: &[Token]) -> Self {
        let mut buf = String::with_capacity(text.len() / 4);
        let mut ends = Vec::with_capacity(tokens.len());
        for t in tokens {
            match t.shape {
                Shape::Title | Shape::Upper | Shape::Initial | Shape::Dotted => {
                    crate::text::fold_key_into(t.text(text), &mut buf)
                }
                // Already folded: a connector is lower-case ASCII.
                Shape::Lower if super::lexicon::is_connector(t.text(text)) => {
                    buf.push_str(t.text(text))
                }
                _ => {}
            }
            ends.push(buf.len() as u32);
        }
        Self { buf, ends }
    }

    /// Token by token, the folded words.
    pub fn words(&self) -> Vec<&str> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&e| {
                let w = &self.buf[start..e as usize];
                start = e as usize;
                w
            })
            .collect()
    }
}

/// The words a text writes in lower case, as written: a set built the
/// first time it is asked, since most texts are read without a question
/// (it is asked of sentence-opening names), and hashing every word of
/// every text to fill it was a large share of extraction.
pub struct LowerWords<'a> {
    text: &'a str,
    tokens: &'a [Token],
    set: std::cell::OnceCell<super::fast_hash::FastSet<&'a str>>,
}

impl<'a> LowerWords<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        Self {
            text,
            tokens,
            set: std::cell::OnceCell::new(),
        }
    }

    /// The set itself, built now if not yet.
    pub fn set(&self) -> &super::fast_hash::FastSet<&'a str> {
        self.set.get_or_init(|| {
            let lower = || self.tokens.iter().filter(|t| t.shape == Shape::Lower);
            // Sized up front: growing it as it fills cost as much as filling it.
            let mut set = super::fast_hash::FastSet::with_capacity_and_hasher(
                lower().count(),
                Default::default(),
            );
            set.extend(lower().map(|t| t.text(self.text)));
            set
        })
    }

    pub fn contains(&self, word: &str) -> bool {
        self.set().contains(word)
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut newlines = 0usize;
    let mut sentence_pending = true;
    while i < text.len() {
        // Fast path for ASCII whitespace, the commonest byte.
        let b = bytes[i];
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        if b == b'\n' {
            newlines += 1;
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if is_escape_start(c) {
            // A terminal escape sequence is furniture or an attack, never
            // words (`ESC ] 0 ; PWNED BEL` sets a window title). It also
            // parts what stands either side of it, like a blank line.
            i = skip_escape(text, i, c);
            newlines = newlines.max(2);
            continue;
        }
        if newlines >= 2 {
            sentence_pending = true;
        }
        let joined = newlines <= 1;
        let line_start = newlines > 0 || tokens.is_empty();
        newlines = 0;
        let start = i;
        let (end, shape) = scan_token(text, i, c);
        let mut tok = Token {
            start,
            end,
            shape,
            sentence_start: false,
            joined,
            line_start,
            headline: false,
        };
        match shape {
            Shape::Punct => {
                match c {
                    '.' | '!' | '?' | '…' => {
                        let after_abbrev = tokens.last().is_some_and(|t: &Token| {
                            t.end == start && NO_STOP_ABBREVIATIONS.contains(&t.text(text))
                        });
                        if !after_abbrev {
                            sentence_pending = true;
                        }
                    }
                    // Quotes, brackets and dashes may open a sentence.
                    '"' | '“' | '‘' | '\'' | '(' | '[' | '-' | '–' | '—' | '«' | '„' | '*'
                    | '•' => {}
                    _ => sentence_pending = false,
                }
            }
            _ => {
                tok.sentence_start = sentence_pending;
                sentence_pending = false;
            }
        }
        tokens.push(tok);
        i = end;
    }
    super::headlines::mark_headlines(text, &mut tokens);
    tokens
}

fn is_escape_start(c: char) -> bool {
    matches!(
        c,
        '\u{1b}' | '\u{90}' | '\u{98}' | '\u{9b}' | '\u{9d}' | '\u{9e}' | '\u{9f}'
    )
}

/// The end of the escape sequence starting at `i` with `c`: a CSI runs to
/// its final byte, a string (OSC, DCS, SOS, PM, APC) to BEL or ST, any
/// other escape takes one more character. An unterminated one runs to the
/// end of its line, so a stray ESC cannot swallow the article.
fn skip_escape(text: &str, i: usize, c: char) -> usize {
    let mut rest = text[i + c.len_utf8()..].char_indices();
    let base = i + c.len_utf8();
    let kind = if c == '\u{1b}' {
        match rest.next() {
            Some((_, '[')) => '\u{9b}',
            Some((_, ']')) => '\u{9d}',
            Some((_, 'P' | 'X' | '^' | '_')) => '\u{90}',
            Some((j, n)) => return base + j + n.len_utf8(),
            None => return text.len(),
        }
    } else {
        c
    };
    for (j, n) in rest {
        let end = base + j + n.len_utf8();
        if n == '\n' {
            return base + j;
        }
        if kind == '\u{9b}' {
            if ('\u{40}'..='\u{7e}').contains(&n) {
                return end;
            }
        } else if matches!(n, '\u{7}' | '\u{9c}') {
            return end;
        } else if n == '\u{1b}' {
            // ST is ESC then a backslash.
            return if text[end..].starts_with('\\') {
                end + 1
            } else {
                end
            };
        }
    }
    text.len()
}

fn scan_token(text: &str, i: usize, c: char) -> (usize, Shape) {
    if c == '#' {
        let end = scan_word(text, i + 1);
        if end > i + 1 {
            return (end, Shape::Hashtag);
        }
        return (i + 1, Shape::Punct);
    }
    if is_hangul(c) {
        return (scan_while(text, i, is_hangul), Shape::Hangul);
    }
    if is_cjk(c) {
        return (scan_while(text, i, is_cjk), Shape::Cjk);
    }
    if c.is_ascii_digit() {
        let end = scan_while(text, i, |c| {
            c.is_ascii_digit() || c == '.' || c == ',' || c == ':'
        });
        // A trailing dot or comma belongs to the sentence, not the number.
        let trimmed = text[i..end].trim_end_matches(['.', ',', ':']).len();
        return (i + trimmed.max(1), Shape::Number);
    }
    if c.is_alphabetic() {
        if c.is_uppercase()
            && let Some(end) = scan_dotted(text, i)
        {
            let letters = text[i..end].chars().filter(|c| c.is_alphabetic()).count();
            return (
                end,
                if letters >= 2 {
                    Shape::Dotted
                } else {
                    Shape::Initial
                },
            );
        }
        let end = scan_word(text, i);
        return (end, word_shape(&text[i..end]));
    }
    (i + c.len_utf8(), Shape::Punct)
}

fn scan_while(text: &str, i: usize, f: impl Fn(char) -> bool) -> usize {
    text[i..]
        .char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(text.len(), |(j, _)| i + j)
}

/// `U.S.`, `J.`: capitals each followed by a dot, not followed by a letter.
fn scan_dotted(text: &str, i: usize) -> Option<usize> {
    let mut chars = text[i..].char_indices().peekable();
    let mut end = None;
    loop {
        let (ci, c) = chars.next()?;
        if !c.is_uppercase() {
            return end;
        }
        match chars.next() {
            Some((j, '.')) => end = Some(i + j + 1),
            // `U.S` with its last dot lost at a line end.
            next if end.is_some() && next.is_none_or(|(_, n)| !n.is_alphanumeric()) => {
                return Some(i + ci + c.len_utf8());
            }
            _ => return end,
        }
        match chars.peek() {
            Some(&(_, n)) if n.is_uppercase() => continue,
            Some(&(_, n)) if n.is_alphanumeric() => return None,
            _ => return end,
        }
    }
}

/// A word: letters and digits, joined by inner hyphens (`Jong-un`) and by
/// apostrophes that are not a possessive (`O'Brien`, not `Yun's`).
fn scan_word(text: &str, i: usize) -> usize {
    // ASCII letters and digits first, a byte at a time: most words are
    // only that, and the loop below then sees just what ends them.
    let ascii = text.as_bytes()[i..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let mut end = i + ascii;
    if end == text.len() {
        return end;
    }
    let mut it = text[end..]
        .char_indices()
        .map(|(j, c)| (j + ascii, c))
        .peekable();
    while let Some((j, c)) = it.next() {
        if c.is_alphanumeric() && !is_hangul(c) && !is_cjk(c) {
            end = i + j + c.len_utf8();
            continue;
        }
        let next = it.peek().map(|&(_, n)| n);
        let joins = match c {
            // `New York-based` is New York, then a plain word.
            '-' => {
                next.is_some_and(|n| n.is_alphanumeric())
                    && !MODIFIERS.iter().any(|m| {
                        let rest = &text[i + j + 1..];
                        rest.starts_with(m)
                            && !rest[m.len()..].starts_with(|c: char| c.is_alphanumeric())
                    })
            }
            c if is_apostrophe(c) => {
                let word = &text[i..end];
                let after_next = text[i + j + c.len_utf8()..].chars().nth(1);
                match next {
                    // `Workers' Party`: a plural possessive inside a name.
                    Some(' ') => {
                        word.ends_with('s')
                            && word.starts_with(char::is_uppercase)
                            && after_next.is_some_and(char::is_uppercase)
                    }
                    // `O'Neil`, `D'Arcy`, but not `I'm`, `Yun's`, `don't`.
                    Some(n) => n.is_uppercase() && end > i,
                    None => false,
                }
            }
            _ => false,
        };
        if !joins {
            break;
        }
        end = i + j + c.len_utf8();
    }
    end
}

/// `al-Sadr`: an Arabic article or patronymic before a capital. Compared
/// byte by byte without lower-casing the word, as almost every word is
/// lower-case prose that starts with none of them.
fn has_name_prefix(word: &str, prefix: &str) -> bool {
    if !word.is_char_boundary(prefix.len().min(word.len())) || word.len() < prefix.len() {
        return false;
    }
    let (head, rest) = word.split_at(prefix.len());
    if head.is_ascii() {
        head.eq_ignore_ascii_case(prefix) && rest.starts_with(char::is_uppercase)
    } else {
        // Rare: lower-casing may change lengths, so do it as before.
        let lower = word.to_lowercase();
        lower.starts_with(prefix)
            && word.is_char_boundary(prefix.len())
            && word[prefix.len()..].starts_with(char::is_uppercase)
    }
}

fn word_shape(word: &str) -> Shape {
    let first = word.chars().next().unwrap_or(' ');
    // `MAR-1987`, `Q3-2024`: dates and codes, not names (`F-16` is kept).
    // Only a hyphened word can be one (a word starts with a letter).
    if word.as_bytes().contains(&b'-')
        && word
            .split('-')
            .any(|part| part.len() >= 3 && part.bytes().all(|b| b.is_ascii_digit()))
    {
        return Shape::Number;
    }
    let has_lower = word.chars().any(char::is_lowercase);
    if first.is_uppercase() {
        if !has_lower && word.chars().count() >= 2 {
            return Shape::Upper;
        }
        let humps = word
            .chars()
            .zip(word.chars().skip(1))
            .filter(|(a, b)| a.is_lowercase() && b.is_uppercase())
            .count();
        return if humps >= 2 {
            Shape::Glued
        } else {
            Shape::Title
        };
    }
    if first.is_lowercase() {
        // Every prefix ends in a hyphen by its fourth byte.
        let promoted = word.bytes().take(4).any(|b| b == b'-')
            && NAME_PREFIXES.iter().any(|p| has_name_prefix(word, p));
        return if promoted { Shape::Title } else { Shape::Lower };
    }
    Shape::Number
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(&str, Shape)> {
        tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.shape))
            .collect()
    }

    #[test]
    fn names_keep_hyphens_and_drop_possessives() {
        let s = shapes("Kim Jong-un's aide O'Neil met al-Assad.");
        assert_eq!(shapes("I'm sure")[0], ("I", Shape::Title));
        assert_eq!(shapes("a York-based firm")[1], ("York", Shape::Title));
        assert_eq!(shapes("the U.S.-led bloc")[1], ("U.S.", Shape::Dotted));
        assert_eq!(shapes("the Farmers' Union")[1], ("Farmers'", Shape::Title));
        assert_eq!(shapes("the farmers' crops")[1], ("farmers", Shape::Lower));
        assert_eq!(s[0], ("Kim", Shape::Title));
        assert_eq!(s[1], ("Jong-un", Shape::Title));
        assert_eq!(s[2], ("'", Shape::Punct));
        assert_eq!(s[3], ("s", Shape::Lower));
        assert_eq!(s[5], ("O'Neil", Shape::Title));
        assert_eq!(s[7], ("al-Assad", Shape::Title));
    }

    #[test]
    fn dotted_abbreviations_and_initials() {
        let s = shapes("The U.S. envoy J. R. Smith and N.K. staff, then U.S.-led talks.");
        assert_eq!(shapes("aid from the U.S\nwas")[3], ("U.S", Shape::Dotted));
        assert!(s.contains(&("U.S.", Shape::Dotted)));
        assert!(s.contains(&("J.", Shape::Initial)));
        assert!(s.contains(&("R.", Shape::Initial)));
        assert!(s.contains(&("N.K.", Shape::Dotted)));
        assert_eq!(s.iter().filter(|(t, _)| *t == "U.S.").count(), 2);
    }

    #[test]
    fn acronyms_hashtags_and_scripts() {
        let s = shapes("THAAD and G7 #SecurityCouncil 서울에서 東京都 HomeWorldAsiaNews 2,500.");
        assert_eq!(s[0], ("THAAD", Shape::Upper));
        assert_eq!(s[2], ("G7", Shape::Upper));
        assert_eq!(s[3], ("#SecurityCouncil", Shape::Hashtag));
        assert_eq!(s[4], ("서울에서", Shape::Hangul));
        assert_eq!(s[5], ("東京都", Shape::Cjk));
        assert_eq!(s[6].1, Shape::Glued);
        assert_eq!(s[7], ("2,500", Shape::Number));
    }

    #[test]
    fn sentence_starts_after_stops_quotes_and_paragraphs_not_titles() {
        let text = "Talks ended. \"Seoul agreed,\" said Mr. Park\n\nBy Lee Min-ho";
        let toks = tokenize(text);
        let starts: Vec<&str> = toks
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, vec!["Talks", "Seoul", "By"]);
    }

    #[test]
    fn nothing_inside_an_escape_sequence_is_a_word() {
        let text = "Talks\u{1b}]0;PWNED NOW\u{7} went\u{1b}[2J\u{1b}[31mRED\u{1b}[0m on\u{9d}2;OSC\u{9c} here\u{1b}P1$qm\u{1b}\\ Geneva";
        let words: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
        // Text between colour codes is shown, so it is words.
        assert_eq!(words, vec!["Talks", "went", "RED", "on", "here", "Geneva"]);
        // Unterminated: only its own line is lost.
        let text = "Oslo\u{1b}]0;PWNED\nBergen";
        let words: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
        assert_eq!(words, vec!["Oslo", "Bergen"]);
    }

    #[test]
    fn line_breaks_join_but_blank_lines_do_not() {
        let text = "Treasury Secretary James\nBaker said\n\nNext";
        let toks = tokenize(text);
        let baker = toks.iter().find(|t| t.text(text) == "Baker").unwrap();
        assert!(baker.joined && !baker.sentence_start);
        let next = toks.iter().find(|t| t.text(text) == "Next").unwrap();
        assert!(!next.joined && next.sentence_start);
    }
}
