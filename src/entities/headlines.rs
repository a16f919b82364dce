//! Lines whose capitals say nothing about names: shouting ALL-CAPS lines
//! and Title Case headlines standing alone.

use super::tokens::{Shape, Token};

/// Marks tokens on lines where capitals carry no information: mostly
/// ALL-CAPS lines, and Title Case headline lines of four or more words.
pub fn mark_headlines(text: &str, tokens: &mut [Token]) {
    let mut line_start = 0;
    while line_start < tokens.len() {
        let mut line_end = line_start + 1;
        while line_end < tokens.len()
            && !text[tokens[line_end - 1].end..tokens[line_end].start].contains('\n')
        {
            line_end += 1;
        }
        let line = &tokens[line_start..line_end];
        let (mut upper, mut title, mut lower) = (0usize, 0usize, 0usize);
        for t in line {
            match t.shape {
                Shape::Upper => upper += 1,
                Shape::Title | Shape::Glued => title += 1,
                Shape::Lower
                    if !matches!(
                        t.text(text),
                        "of" | "the" | "and" | "in" | "on" | "for" | "to" | "a" | "at"
                    ) =>
                {
                    lower += 1
                }
                _ => {}
            }
        }
        let words = upper + title + lower;
        let shouting = upper >= 2 && upper * 10 >= words * 6;
        // Title Case only counts on a line standing alone: a wrapped line
        // of prose may be all names (`Treasury Secretary James Baker and`).
        let gap_lines = |a: usize, b: usize| text[a..b].bytes().filter(|&c| c == b'\n').count();
        let alone_before =
            line_start == 0 || gap_lines(tokens[line_start - 1].end, tokens[line_start].start) >= 2;
        let alone_after = line_end == tokens.len()
            || gap_lines(tokens[line_end - 1].end, tokens[line_end].start) >= 2;
        let title_case =
            words >= 4 && title + upper == words && title >= 3 && alone_before && alone_after;
        if shouting || title_case {
            for t in &mut tokens[line_start..line_end] {
                t.headline = true;
            }
        }
        line_start = line_end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;

    #[test]
    fn headline_lines_are_marked() {
        let text = "JAPAN CUTS RICE IMPORTS\nThe Bank of Japan said.\n\nWhy Markets Fear The Fed Now\n\n\
             Talks with Treasury Secretary James Baker and\nothers went on.";
        let toks = tokenize(text);
        let by_word = |w: &str| toks.iter().find(|t| t.text(text) == w).unwrap().headline;
        assert!(by_word("JAPAN"));
        assert!(!by_word("Bank"));
        assert!(by_word("Markets"));
        // A wrapped prose line of names is not a headline.
        assert!(!by_word("Baker"));
    }
}
