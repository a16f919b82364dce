//! Query text → [`Query`]. A recursive descent over the tokens:
//!
//! ```text
//! query  = or EOF
//! or     = and { "OR" and }
//! and    = unary { unary }          (implicit AND)
//! unary  = "-" unary | "(" or ")" | term
//! ```
//!
//! Strict mode refuses anything unfinished; typing mode (search as you
//! type) reads the last bare word as a prefix and drops an unfinished
//! construct at the end instead of failing, so the list narrows with each
//! key without an error flickering in and out.

use chrono::NaiveDate;

use super::ast::{Expr, Query, Status, Term};
use super::dates::parse_period;
use super::error::QueryError;
use super::lex::{Tok, Token, tokens};
use crate::model::EntityKind;
use crate::text::fold_key;

/// The fields a query may name, as listed in error messages.
pub const FIELDS: [&str; 9] = [
    "topic", "tag", "entity", "kind", "source", "is", "after", "before", "date",
];

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 100;

/// Letters a word being typed needs before it is read as a prefix.
pub const MIN_TYPED_PREFIX: usize = 3;

/// Parses a complete query. Relative dates count back from `today`.
pub fn parse(input: &str, today: NaiveDate) -> Result<Query, QueryError> {
    Parser::new(input, today, false).run()
}

/// Parses a query still being typed: the last bare word is a prefix (from
/// [`MIN_TYPED_PREFIX`] letters; shorter, a word), and
/// a trailing open quote, open parenthesis, dangling `OR` or `-`, or a
/// field with no (or a half-typed) value is tolerated.
pub fn parse_as_typed(input: &str, today: NaiveDate) -> Result<Query, QueryError> {
    Parser::new(input, today, true).run()
}

struct Parser<'a> {
    source: &'a str,
    toks: Vec<Token>,
    pos: usize,
    typing: bool,
    /// Length of the input in characters.
    len: usize,
    today: NaiveDate,
    depth: usize,
}

/// What a production read: its expression (None when everything in it
/// was dropped) and whether it consumed any token at all.
type Part = (Option<Expr>, bool);

fn join(mut parts: Vec<Expr>, make: fn(Vec<Expr>) -> Expr) -> Option<Expr> {
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(make(parts)),
    }
}

/// Whether free text has anything the full-text index would see as a word.
fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

impl<'a> Parser<'a> {
    fn new(source: &'a str, today: NaiveDate, typing: bool) -> Parser<'a> {
        Parser {
            source,
            toks: tokens(source),
            pos: 0,
            typing,
            len: source.chars().count(),
            today,
            depth: 0,
        }
    }

    fn run(mut self) -> Result<Query, QueryError> {
        let (expr, _) = self.or()?;
        if let Some(t) = self.toks.get(self.pos) {
            // `or` stops only at a `)` it did not open.
            return Err(QueryError::at(t.at, "unmatched `)`: no `(` opens it"));
        }
        Ok(Query {
            source: self.source.to_string(),
            expr,
        })
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    /// Whether the token at `index` is the last one: where typing mode
    /// forgives what is unfinished.
    fn is_last(&self, index: usize) -> bool {
        self.typing && index + 1 == self.toks.len()
    }

    fn or(&mut self) -> Result<Part, QueryError> {
        let start = self.pos;
        let (first, _) = self.and()?;
        let mut parts: Vec<Expr> = first.into_iter().collect();
        while let Some(Tok::Or) = self.peek() {
            let or_at = self.toks[self.pos].at;
            if self.pos == start {
                return Err(QueryError::at(or_at, "`OR` needs a term before it"));
            }
            let or_index = self.pos;
            self.pos += 1;
            let (right, right_consumed) = self.and()?;
            if !right_consumed {
                if self.is_last(or_index) {
                    continue;
                }
                return Err(QueryError::at(or_at, "`OR` needs a term after it"));
            }
            parts.extend(right);
        }
        Ok((join(parts, Expr::Or), self.pos > start))
    }

    fn and(&mut self) -> Result<Part, QueryError> {
        let start = self.pos;
        let mut parts = Vec::new();
        while let Some(tok) = self.peek() {
            if matches!(tok, Tok::Or | Tok::Close) {
                break;
            }
            if let Some(e) = self.unary()? {
                parts.push(e);
            }
        }
        Ok((join(parts, Expr::And), self.pos > start))
    }

    fn nest(&mut self, at: usize) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError::at(
                at,
                format!("nested more than {MAX_DEPTH} deep"),
            ));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Option<Expr>, QueryError> {
        let index = self.pos;
        let Some(token) = self.toks.get(index).cloned() else {
            return Ok(None);
        };
        self.pos += 1;
        match token.tok {
            Tok::Not => {
                self.nest(token.at)?;
                let next = self.peek().cloned();
                let inner = match next {
                    None | Some(Tok::Or) | Some(Tok::Close) => {
                        return Err(QueryError::at(
                            token.at,
                            "`-` must come right before a term",
                        ));
                    }
                    Some(_) => self.unary()?,
                };
                self.depth -= 1;
                Ok(inner.map(|e| Expr::Not(Box::new(e))))
            }
            Tok::LoneNot => {
                if self.is_last(index) {
                    return Ok(None);
                }
                Err(QueryError::at(
                    token.at,
                    "a lone `-`: write it against what to exclude (`-word`)",
                ))
            }
            Tok::Open => {
                self.nest(token.at)?;
                let (inner, consumed) = self.or()?;
                self.depth -= 1;
                match self.peek() {
                    Some(Tok::Close) => {
                        self.pos += 1;
                        if !consumed {
                            return Err(QueryError::at(token.at, "empty parentheses"));
                        }
                        Ok(inner)
                    }
                    // `or` stops only at `)` or the end.
                    _ if self.typing => Ok(inner),
                    _ => Err(QueryError::at(token.at, "unclosed `(`: no `)` ends it")),
                }
            }
            Tok::Close | Tok::Or => {
                // Callers stop before these; kept total for safety.
                Err(QueryError::at(token.at, "unexpected token"))
            }
            Tok::Word(w) => {
                if let Some(stem) = w.strip_suffix('*') {
                    let stem = stem.trim_end_matches('*');
                    return Ok(has_word(stem).then(|| Expr::Term(Term::Prefix(stem.to_string()))));
                }
                if !has_word(&w) {
                    return Ok(None);
                }
                // One or two letters as a prefix match most of a large
                // collection and rank all of it on every key; as words they
                // find what short words mean (UN, EU, oil is three).
                let typing_prefix = self.is_last(index)
                    && token.end == self.len
                    && w.chars().count() >= MIN_TYPED_PREFIX;
                Ok(Some(Expr::Term(if typing_prefix {
                    Term::Prefix(w)
                } else {
                    Term::Word(w)
                })))
            }
            Tok::Phrase { text, closed } => {
                if !closed && !self.typing {
                    return Err(QueryError::at(
                        token.at,
                        "unterminated quote: no closing `\"`",
                    ));
                }
                Ok(has_word(&text).then_some(Expr::Term(Term::Phrase(text))))
            }
            Tok::Field {
                name,
                value,
                value_at,
                closed,
            } => {
                if !FIELDS.contains(&name.as_str()) {
                    return Err(QueryError::at(
                        token.at,
                        format!(
                            "unknown field `{name}:`; known fields: {}",
                            FIELDS.join(", ")
                        ),
                    ));
                }
                if !closed && !self.typing {
                    return Err(QueryError::at(
                        value_at - 1,
                        "unterminated quote: no closing `\"`",
                    ));
                }
                let value = value.trim();
                if value.is_empty() {
                    if self.is_last(index) {
                        return Ok(None);
                    }
                    return Err(QueryError::at(value_at, format!("`{name}:` needs a value")));
                }
                match self.field(&name, value) {
                    Ok(term) => Ok(Some(Expr::Term(term))),
                    Err(_) if self.is_last(index) => Ok(None),
                    Err(message) => Err(QueryError::at(value_at, message)),
                }
            }
        }
    }

    /// The term a field names; the error is the message to show.
    fn field(&self, name: &str, value: &str) -> Result<Term, String> {
        Ok(match name {
            "topic" => Term::Topic(value.to_lowercase()),
            "tag" => Term::Tag(value.to_string()),
            "source" => Term::Source(value.to_string()),
            "entity" => {
                let (kind, name) = match value.split_once(':') {
                    Some((k, rest)) => match EntityKind::parse(&k.to_lowercase()) {
                        Some(kind) => (Some(kind), rest),
                        None => (None, value),
                    },
                    None => (None, value),
                };
                let fold = fold_key(name);
                if fold.is_empty() {
                    return Err(format!("`{value}` is not a name"));
                }
                Term::Entity { kind, fold }
            }
            "kind" => Term::Kind(EntityKind::parse(&value.to_lowercase()).ok_or_else(|| {
                format!("unknown kind `{value}`: use person, org, place or other")
            })?),
            "is" => {
                let lower = value.to_lowercase();
                let status = Status::ALL
                    .into_iter()
                    .find(|s| s.as_str() == lower)
                    .ok_or_else(|| {
                        format!("unknown state `{value}`: use bookmarked, unread or read")
                    })?;
                Term::Is(status)
            }
            "after" => Term::After(parse_period(value, self.today)?.from),
            "before" => Term::Before(parse_period(value, self.today)?.from),
            "date" => {
                let p = parse_period(value, self.today)?;
                Term::During {
                    from: p.from,
                    until: p.until,
                }
            }
            // FIELDS was checked by the caller.
            other => return Err(format!("unknown field `{other}:`")),
        })
    }
}
