//! Splits query text into tokens, with the character index each starts at.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Open,
    Close,
    Or,
    /// `-` directly before a term, a field or `(`.
    Not,
    /// `-` with nothing after it.
    LoneNot,
    Word(String),
    /// `"..."`; `closed` is false when the input ended inside it.
    Phrase {
        text: String,
        closed: bool,
    },
    /// `name:value`; `value_at` is where the value starts (after the quote
    /// when quoted), `closed` as for a phrase.
    Field {
        name: String,
        value: String,
        value_at: usize,
        closed: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    /// 0-based character index of its first character.
    pub at: usize,
    /// 0-based character index just past it.
    pub end: usize,
}

/// Characters that end a bare word.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

/// Reads a quoted run starting at the quote `chars[start]`: its text and
/// the index past it, and whether the closing quote was found.
fn quoted(chars: &[char], start: usize) -> (String, usize, bool) {
    let mut i = start + 1;
    let mut text = String::new();
    while i < chars.len() {
        if chars[i] == '"' {
            return (text, i + 1, true);
        }
        text.push(chars[i]);
        i += 1;
    }
    (text, i, false)
}

pub fn tokens(input: &str) -> Vec<Token> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        let tok = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => {
                i += 1;
                Tok::Open
            }
            ')' => {
                i += 1;
                Tok::Close
            }
            '-' => {
                i += 1;
                if i >= chars.len() || chars[i].is_whitespace() || chars[i] == ')' {
                    Tok::LoneNot
                } else {
                    Tok::Not
                }
            }
            '"' => {
                let (text, next, closed) = quoted(&chars, i);
                i = next;
                Tok::Phrase { text, closed }
            }
            _ => {
                let start = i;
                while i < chars.len() && !ends_word(chars[i]) && chars[i] != ':' {
                    i += 1;
                }
                let head: String = chars[start..i].iter().collect();
                let is_field = i < chars.len()
                    && chars[i] == ':'
                    && !head.is_empty()
                    && head.chars().all(|c| c.is_ascii_alphabetic());
                if is_field {
                    i += 1; // the colon
                    if i < chars.len() && chars[i] == '"' {
                        let (value, next, closed) = quoted(&chars, i);
                        let value_at = i + 1;
                        i = next;
                        Tok::Field {
                            name: head.to_ascii_lowercase(),
                            value,
                            value_at,
                            closed,
                        }
                    } else {
                        let value_at = i;
                        while i < chars.len() && !ends_word(chars[i]) {
                            i += 1;
                        }
                        Tok::Field {
                            name: head.to_ascii_lowercase(),
                            value: chars[value_at..i].iter().collect(),
                            value_at,
                            closed: true,
                        }
                    }
                } else {
                    // A colon inside a word (`3:30`) is part of it.
                    while i < chars.len() && !ends_word(chars[i]) {
                        i += 1;
                    }
                    let word: String = chars[start..i].iter().collect();
                    if word == "OR" {
                        Tok::Or
                    } else {
                        Tok::Word(word)
                    }
                }
            }
        };
        out.push(Token { tok, at, end: i });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        tokens(s).into_iter().map(|t| t.tok).collect()
    }

    fn word(s: &str) -> Tok {
        Tok::Word(s.into())
    }

    #[test]
    fn words_phrases_and_operators() {
        assert_eq!(
            toks(r#"grain "port strike" OR -(x) covid-19 or"#),
            vec![
                word("grain"),
                Tok::Phrase {
                    text: "port strike".into(),
                    closed: true
                },
                Tok::Or,
                Tok::Not,
                Tok::Open,
                word("x"),
                Tok::Close,
                word("covid-19"),
                word("or"),
            ]
        );
    }

    #[test]
    fn fields_with_bare_and_quoted_values() {
        let t = tokens(r#"Topic:energy entity:"Wang Yi" 3:30 after:-7d"#);
        assert_eq!(
            t[0].tok,
            Tok::Field {
                name: "topic".into(),
                value: "energy".into(),
                value_at: 6,
                closed: true
            }
        );
        assert_eq!(
            t[1].tok,
            Tok::Field {
                name: "entity".into(),
                value: "Wang Yi".into(),
                value_at: 21,
                closed: true
            }
        );
        assert_eq!((t[1].at, t[1].end), (13, 29));
        assert_eq!(t[2].tok, word("3:30"));
        assert!(matches!(&t[3].tok, Tok::Field { value, .. } if value == "-7d"));
    }

    #[test]
    fn a_dash_alone_is_its_own_token() {
        assert_eq!(toks("a - b"), vec![word("a"), Tok::LoneNot, word("b")]);
        assert_eq!(toks("a -"), vec![word("a"), Tok::LoneNot]);
    }

    #[test]
    fn an_open_quote_runs_to_the_end() {
        assert_eq!(
            toks(r#"a "b c"#),
            vec![
                word("a"),
                Tok::Phrase {
                    text: "b c".into(),
                    closed: false
                }
            ]
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let t = tokens("é ü");
        assert_eq!((t[1].at, t[1].end), (2, 3));
    }
}
