//! Parser tests: every construct and every error, with its column.

use chrono::NaiveDate;

use super::*;
use crate::model::EntityKind;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn q(input: &str) -> Option<Expr> {
    parse(input, today())
        .unwrap_or_else(|e| panic!("{input}: {e}"))
        .expr
}

fn typed(input: &str) -> Option<Expr> {
    parse_as_typed(input, today())
        .unwrap_or_else(|e| panic!("{input}: {e}"))
        .expr
}

fn err(input: &str) -> (usize, String) {
    let e = parse(input, today()).expect_err(input);
    (e.column, e.message)
}

fn t(term: Term) -> Expr {
    Expr::Term(term)
}

fn word(w: &str) -> Expr {
    t(Term::Word(w.into()))
}

fn not(e: Expr) -> Expr {
    Expr::Not(Box::new(e))
}

#[test]
fn empty_and_punctuation_only_queries_match_everything() {
    assert_eq!(q(""), None);
    assert_eq!(q("   "), None);
    assert_eq!(q("& —"), None);
    assert_eq!(parse("  x ", today()).unwrap().source, "  x ");
}

#[test]
fn free_words_are_anded() {
    assert_eq!(q("grain"), Some(word("grain")));
    assert_eq!(
        q("grain  port"),
        Some(Expr::And(vec![word("grain"), word("port")]))
    );
    // A hyphen or colon inside a word is part of it.
    assert_eq!(
        q("covid-19 3:30"),
        Some(Expr::And(vec![word("covid-19"), word("3:30")]))
    );
}

#[test]
fn phrases_and_prefixes() {
    assert_eq!(
        q("\"port strike\""),
        Some(t(Term::Phrase("port strike".into())))
    );
    assert_eq!(q("sanct*"), Some(t(Term::Prefix("sanct".into()))));
    assert_eq!(q("*"), None);
}

#[test]
fn exclusions() {
    assert_eq!(q("-wheat"), Some(not(word("wheat"))));
    assert_eq!(q("-topic:trade"), Some(not(t(Term::Topic("trade".into())))));
    assert_eq!(
        q("-(a OR b)"),
        Some(not(Expr::Or(vec![word("a"), word("b")])))
    );
    assert_eq!(q("--a"), Some(not(not(word("a")))));
}

#[test]
fn or_binds_looser_than_and() {
    assert_eq!(
        q("a b OR c"),
        Some(Expr::Or(vec![
            Expr::And(vec![word("a"), word("b")]),
            word("c")
        ]))
    );
    assert_eq!(
        q("a (b OR c)"),
        Some(Expr::And(vec![
            word("a"),
            Expr::Or(vec![word("b"), word("c")])
        ]))
    );
    // Lower-case `or` is a word.
    assert_eq!(
        q("a or b").map(|e| matches!(e, Expr::And(v) if v.len() == 3)),
        Some(true)
    );
}

#[test]
fn text_fields() {
    assert_eq!(q("topic:Energy"), Some(t(Term::Topic("energy".into()))));
    assert_eq!(q("TAG:Urgent"), Some(t(Term::Tag("Urgent".into()))));
    assert_eq!(
        q("source:\"Yonhap News\""),
        Some(t(Term::Source("Yonhap News".into())))
    );
}

#[test]
fn entity_values_are_folded() {
    assert_eq!(
        q("entity:\"Wáng  Yi\""),
        Some(t(Term::Entity {
            kind: None,
            fold: "wang yi".into()
        }))
    );
    assert_eq!(
        q("entity:person:kim-jong-un"),
        Some(t(Term::Entity {
            kind: Some(EntityKind::Person),
            fold: "kim jong un".into()
        }))
    );
    assert_eq!(
        q("entity:U.N."),
        Some(t(Term::Entity {
            kind: None,
            fold: "un".into()
        }))
    );
}

#[test]
fn kind_and_is() {
    assert_eq!(q("kind:Person"), Some(t(Term::Kind(EntityKind::Person))));
    assert_eq!(q("kind:org"), Some(t(Term::Kind(EntityKind::Org))));
    assert_eq!(q("kind:place"), Some(t(Term::Kind(EntityKind::Place))));
    assert_eq!(q("kind:other"), Some(t(Term::Kind(EntityKind::Other))));
    assert_eq!(q("is:bookmarked"), Some(t(Term::Is(Status::Bookmarked))));
    assert_eq!(q("is:unread"), Some(t(Term::Is(Status::Unread))));
    assert_eq!(q("is:READ"), Some(t(Term::Is(Status::Read))));
}

#[test]
fn date_fields() {
    assert_eq!(q("after:2022-01-01"), Some(t(Term::After(d("2022-01-01")))));
    assert_eq!(q("after:2022"), Some(t(Term::After(d("2022-01-01")))));
    assert_eq!(q("before:2022-02"), Some(t(Term::Before(d("2022-02-01")))));
    assert_eq!(
        q("date:2016-09"),
        Some(t(Term::During {
            from: d("2016-09-01"),
            until: d("2016-10-01")
        }))
    );
    assert_eq!(q("after:-7d"), Some(t(Term::After(d("2026-03-24")))));
    assert_eq!(q("before:-2w"), Some(t(Term::Before(d("2026-03-17")))));
    assert_eq!(q("after:\"-3m\""), Some(t(Term::After(d("2025-12-31")))));
    assert_eq!(
        q("date:-1y"),
        Some(t(Term::During {
            from: d("2025-03-31"),
            until: d("2025-04-01")
        }))
    );
}

#[test]
fn errors_point_at_their_column() {
    let cases: &[(&str, usize, &str)] = &[
        ("(a b", 1, "unclosed `(`"),
        ("a (b (c)", 3, "unclosed `(`"),
        ("a b)", 4, "unmatched `)`"),
        ("a \"port strike", 3, "unterminated quote"),
        ("entity:\"Wang Yi", 8, "unterminated quote"),
        (
            "grain tpic:x",
            7,
            "unknown field `tpic:`; known fields: topic, tag, entity, kind, source, is, after, before, date",
        ),
        ("topic: energy", 7, "`topic:` needs a value"),
        ("tag:\"\" x", 6, "`tag:` needs a value"),
        ("x topic:", 9, "`topic:` needs a value"),
        ("after:2024-02-30", 7, "no such date `2024-02-30`"),
        ("before:2024-13", 8, "no such date"),
        ("date:soon", 6, "bad date `soon`"),
        ("after:-7q", 7, "bad relative date"),
        (
            "is:starred",
            4,
            "unknown state `starred`: use bookmarked, unread or read",
        ),
        (
            "kind:city",
            6,
            "unknown kind `city`: use person, org, place or other",
        ),
        ("entity:...", 8, "is not a name"),
        ("a OR", 3, "`OR` needs a term after it"),
        ("a OR OR b", 3, "`OR` needs a term after it"),
        ("OR a", 1, "`OR` needs a term before it"),
        ("(OR a)", 2, "`OR` needs a term before it"),
        ("a - b", 3, "a lone `-`"),
        ("a -", 3, "a lone `-`"),
        ("-)", 1, "a lone `-`"),
        ("-OR a", 1, "`-` must come right before a term"),
        ("a () b", 3, "empty parentheses"),
        ("a ( ) b", 3, "empty parentheses"),
    ];
    for (input, column, message) in cases {
        let (c, m) = err(input);
        assert_eq!(c, *column, "{input}: {m}");
        assert!(m.contains(message), "{input}: {m}");
    }
}

#[test]
fn columns_count_characters() {
    assert_eq!(err("été tpic:x").0, 5);
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let deep = "(".repeat(100_000);
    assert!(err(&deep).1.contains("nested"));
    let negs = "-".repeat(100_000) + "a";
    assert!(err(&negs).1.contains("nested"));
    let fine = "(".repeat(50) + "a" + &")".repeat(50);
    assert_eq!(q(&fine), Some(word("a")));
}

#[test]
fn typing_reads_the_last_word_as_a_prefix() {
    assert_eq!(
        typed("grain sanc"),
        Some(Expr::And(vec![
            word("grain"),
            t(Term::Prefix("sanc".into()))
        ]))
    );
    // A space after it means the word is finished.
    assert_eq!(typed("grain "), Some(word("grain")));
    assert_eq!(typed("-whe"), Some(not(t(Term::Prefix("whe".into())))));
    assert_eq!(typed(""), None);
}

#[test]
fn typing_tolerates_what_is_unfinished_at_the_end() {
    assert_eq!(
        typed("a \"port str"),
        Some(Expr::And(vec![
            word("a"),
            t(Term::Phrase("port str".into()))
        ]))
    );
    assert_eq!(
        typed("a (b"),
        Some(Expr::And(vec![word("a"), t(Term::Prefix("b".into()))]))
    );
    assert_eq!(typed("a ("), Some(word("a")));
    assert_eq!(typed("a OR"), Some(word("a")));
    assert_eq!(typed("a OR "), Some(word("a")));
    assert_eq!(typed("a -"), Some(word("a")));
    assert_eq!(typed("a topic:"), Some(word("a")));
    assert_eq!(typed("a after:2024-0"), Some(word("a")));
    assert_eq!(typed("a is:bo"), Some(word("a")));
    assert_eq!(
        typed("a entity:\"Wang"),
        Some(Expr::And(vec![
            word("a"),
            t(Term::Entity {
                kind: None,
                fold: "wang".into()
            })
        ]))
    );
}

#[test]
fn typing_still_reports_real_errors() {
    for bad in [
        "a) b",
        "tpic:x",
        "a () b",
        "a - b",
        "a OR OR b",
        "after:2024-02-30 x",
        "OR a",
    ] {
        assert!(parse_as_typed(bad, today()).is_err(), "{bad}");
    }
}

#[test]
fn arbitrary_text_never_panics() {
    let pieces = [
        "(",
        ")",
        "\"",
        "-",
        "OR",
        " ",
        "a",
        "é",
        "topic:",
        "after:",
        "*",
        ":",
        "is:",
        "\t",
        "-7d",
        "2024-02-30",
    ];
    // Every string of up to four pieces, in both modes.
    let mut inputs = vec![String::new()];
    for _ in 0..4 {
        let mut next = Vec::new();
        for s in &inputs {
            for p in pieces {
                next.push(format!("{s}{p}"));
            }
        }
        inputs.extend(next);
        inputs.dedup();
    }
    for input in &inputs {
        let _ = parse(input, today());
        let _ = parse_as_typed(input, today());
        if let Err(e) = parse(input, today()) {
            assert!(
                e.column >= 1 && e.column <= input.chars().count() + 1,
                "{input:?}: {e}"
            );
        }
    }
}
