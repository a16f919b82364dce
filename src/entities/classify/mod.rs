//! Cutting a run of capitalised words into names and guessing each one's
//! kind: the gazetteer first (longest spelling wins), then demonyms, titles
//! and head words, then given names and surnames.
//!
//! `South Korean Foreign Minister Yun Byung-se said` becomes the place
//! South Korea (from the demonym), a title that is dropped but announces a
//! person, and the person `Yun Byung-se`.

mod context;
pub(super) mod guess;
mod lookup;

use std::cell::OnceCell;
use std::ops::Range;

use super::fold::fold_key;
use super::gazetteer::Gazetteer;
use super::lexicon::{Lexicon, is_connector};
use super::tokens::{LowerWords, Shape, Token};
use super::word::Word;
use crate::model::EntityKind;
use guess::title_case;

/// What the rules guessed about one name before linking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// A gazetteer entry (a demonym gives its place).
    Known(usize),
    Kind(EntityKind),
    /// An all-capitals word not in the gazetteer (`THAAD`).
    Acronym,
    /// A capitalised word with no evidence either way.
    Unknown,
}

/// One name found in the text, before linking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    pub start: usize,
    pub end: usize,
    /// The spelling to name it by (`Security Council` for `#SecurityCouncil`).
    pub spelling: String,
    pub guess: Guess,
    /// Words in the name, not counting connectors.
    pub words: usize,
    pub first: Word,
    pub last: Word,
    /// The surname with the particles before it (`de guindos` for `Luis
    /// de Guindos` and for `De Guindos`), folded: what a bare mention of
    /// the person is looked up by.
    pub surname: Word,
    /// The name opens a sentence, so its capital proves nothing.
    pub sentence_start: bool,
    /// A title or a verb of saying marks it as a person.
    pub person_cue: bool,
    /// A verb of saying next to it (`Halvorsen said`, `said Halvorsen`):
    /// too weak alone (`Experts said`), but enough to show that the earlier
    /// full name a bare surname fits is a person.
    pub said_cue: bool,
    /// For a user's alias given no kind, or a name its own words give none:
    /// the kind the text around it suggests.
    pub hint: Option<EntityKind>,
    /// `other` because a head word says so (`... Treaty`), not for want of
    /// a kind: no context overrides it.
    pub definite_other: bool,
    /// Named on a line of a results table or standings: a team's name, kept
    /// even alone.
    pub team: bool,
}

pub struct Segmenter<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub gaz: &'a Gazetteer,
    pub lex: &'a Lexicon,
    pub link_demonyms: bool,
    /// Every word the text writes in lower case.
    pub lower_words: &'a LowerWords<'a>,
    /// Each token's `fold_key` (see `tokens::folds`).
    pub folds: &'a [&'a str],
}

/// The folded words of one run, with their tokens.
struct Run<'b> {
    toks: &'b [Token],
    folds: &'b [&'b str],
    headline: bool,
    /// Per word, whether a head word follows from it (`head_follows`),
    /// worked out once for the run: asked afresh at every word, a run of
    /// thousands of capitalised words cost their square.
    heads_ahead: OnceCell<Vec<bool>>,
    /// Per word, the next connector and the next company word at or after
    /// it (`company_word_follows`), likewise.
    company_ahead: OnceCell<(Vec<usize>, Vec<usize>)>,
}

impl Run<'_> {
    fn len(&self) -> usize {
        self.folds.len()
    }
    fn is_connector(&self, i: usize) -> bool {
        self.toks[i].shape == Shape::Lower && is_connector(self.folds[i])
    }
}

/// Words opening an apposition before its role (`, the chief executive`).
const APPOSITION_OPENERS: &[&str] = &["the", "a", "an", "its", "his", "her", "their", "our"];

/// `By` in other languages' bylines, as written at a line start.
const BYLINE_WORDS: &[&str] = &["Von", "Par", "Por", "Door", "Av", "Af"];

/// Titles that address a person rather than say what they do: no role in
/// apposition (`Natchez, Miss.` is a state).
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "lord", "lady", "dame", "crown", "count",
    "countess", "duke", "duchess", "baron", "baroness", "king", "queen", "prince", "princess",
];

impl Segmenter<'_> {
    /// Whether the run ending before token `end` is followed by a comma and
    /// a role: `, Nordvik's chief executive`, `, a spokeswoman for`, `, head
    /// of`. Only the first few words count, so a clause that merely
    /// mentions someone's role later does not.
    fn role_follows(&self, end: usize) -> bool {
        let Some(last) = end.checked_sub(1).and_then(|e| self.tokens.get(e)) else {
            return false;
        };
        let Some(rest) = self.text[last.end..].strip_prefix(',') else {
            return false;
        };
        let clause = rest
            .split([',', '.', ';', ':', '(', ')', '\n', '"'])
            .next()
            .unwrap_or("");
        let words: Vec<String> = clause
            .split_whitespace()
            .take(5)
            .map(|w| {
                w.trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .to_lowercase()
            })
            .collect();
        let Some(first) = words.first() else {
            return false;
        };
        // `Nordvik's chief executive`, `Brisa Lines' chief executive`: a
        // capitalised possessor may open it instead.
        let possessor = clause
            .split_whitespace()
            .take(4)
            .take_while(|w| w.starts_with(char::is_uppercase))
            .last()
            .is_some_and(|w| w.ends_with(['\'', '’']) || w.ends_with("'s") || w.ends_with("’s"));
        let opens =
            APPOSITION_OPENERS.contains(&first.as_str()) || possessor || self.is_role(first);
        opens && words.iter().take(4).any(|w| self.is_role(w))
    }

    fn is_role(&self, word: &str) -> bool {
        let f = crate::entities::fold::fold_word(word);
        let f = f.as_ref();
        (self.lex.cues_before.contains(f) || self.lex.titles.contains(f))
            && !HONORIFICS.contains(&f)
    }

    /// The names in the run of tokens `range`, appended to `out`.
    pub fn segment(&self, range: Range<usize>, out: &mut Vec<Raw>) {
        let toks = &self.tokens[range.clone()];
        let run = Run {
            toks,
            folds: &self.folds[range.clone()],
            // A table row (`Shr 1.20 dlrs vs 1.10`) or a label opening a
            // line (`Updated: ...`) says as little about names as a headline.
            headline: toks[0].headline
                || (toks[0].line_start
                    && self.tokens.get(range.end).is_some_and(|t| {
                        !t.line_start
                            && (t.shape == Shape::Number
                                || (t.shape == Shape::Punct && t.text(self.text) == ":"))
                    })),
            heads_ahead: OnceCell::new(),
            company_ahead: OnceCell::new(),
        };
        let n = run.len();
        // `Dinamo Zagreb 2 Hajduk Split 1`: a results line names teams, and
        // so does a row of a league table (`Hajduk Split 12 8 3 1 22 10 27`).
        if self.results_line(range.start, range.end) || self.standings_line(range.start, range.end)
        {
            let mut raw = self.raw(&run, 0..n, Guess::Kind(EntityKind::Org), false, false);
            raw.team = true;
            out.push(raw);
            return;
        }
        if self.dateline_place(&run, range.end) {
            let mut raw = self.raw(&run, 0..n, Guess::Kind(EntityKind::Place), false, false);
            if let Some((len, hit)) = self.gazetteer_match(&run, 0).filter(|(len, _)| *len == n) {
                raw = self.raw(&run, 0..len, Guess::Known(hit), false, false);
            } else {
                raw.spelling = title_case(&raw.spelling);
            }
            out.push(raw);
            return;
        }
        let prev = range.start.checked_sub(1).map(|p| &self.tokens[p]);
        let lower_cue = prev.is_some_and(|p| {
            p.shape == Shape::Lower
                && toks[0].joined
                && self
                    .lex
                    .cues_before
                    .contains(crate::entities::fold::fold_word(p.text(self.text)).as_ref())
        });
        // `Mr. Moon`, `Gen. Milley`: the dot cut the title from the name.
        let dotted_title = range.start >= 2 && {
            let (title, dot) = (&self.tokens[range.start - 2], &self.tokens[range.start - 1]);
            dot.shape == Shape::Punct
                && dot.text(self.text) == "."
                && dot.start == title.end
                && title.shape == Shape::Title
                && self.lex.titles.contains(&fold_key(title.text(self.text)))
        };
        let said_before = prev.is_some_and(|p| {
            p.shape == Shape::Lower
                && toks[0].joined
                && self.lex.cues_after.contains(p.text(self.text))
        });
        let mut cue = lower_cue || dotted_title;
        // `Ingrid Halvorsen, the company's chief executive`: a role in
        // apposition marks the last name of the run as a person.
        let role_after = self.role_follows(range.end);
        let mut initial = toks[0].sentence_start;
        let said_after = self.tokens.get(range.end).is_some_and(|t| {
            t.shape == Shape::Lower && t.joined && self.lex.cues_after.contains(t.text(self.text))
        });
        // Whether a name or title came before in this run.
        let mut spoken_for = false;
        // `Von Katrin Moosbrugger` opening a line: a byline in another
        // language, whose first word is `By`.
        let byline = toks[0].line_start
            && n >= 3
            && BYLINE_WORDS.contains(&toks[0].text(self.text))
            && !run.is_connector(1);
        let mut i = usize::from(byline);
        if byline {
            // A byline names a person.
            cue = true;
            initial = false;
        }
        while i < n {
            if run.is_connector(i) {
                i += 1;
                continue;
            }
            let mut whole_name = false;
            if let Some((len, hit)) = self.gazetteer_match(&run, i) {
                let is_place = self.gaz.entry(hit).kind == Some(EntityKind::Place);
                // `Gulf of Aden` is not the Gulf: a head word with `of` after
                // it starts a longer name.
                let head_of =
                    len == 1 && self.is_head(run.folds[i]) && i + 2 < n && run.is_connector(i + 1);
                let head_after = self.head_follows(&run, i + len) || head_of;
                if run.headline || !is_place || !head_after {
                    let mut raw = self.raw(&run, i..i + len, Guess::Known(hit), initial, false);
                    if self.gaz.entry(hit).kind.is_none()
                        && let Guess::Kind(k) = self.guess(&run, i..i + len, cue)
                    {
                        raw.hint = Some(k);
                    }
                    out.push(raw);
                    spoken_for = true;
                    i += len;
                    initial = false;
                    cue = false;
                    continue;
                }
                whole_name = true;
            } else if run.headline {
                i += 1;
                continue;
            }
            if !whole_name {
                if let Some((len, place)) = self.demonym_match(&run, i)
                    && !self.head_follows(&run, i + len)
                {
                    if self.link_demonyms {
                        let raw = self.raw(&run, i..i + len, Guess::Known(place), initial, false);
                        out.push(raw);
                    }
                    spoken_for = true;
                    i += len;
                    initial = false;
                    continue;
                }
                let f = run.folds[i];
                let starts_company = (self.lex.titles.contains(f)
                    || self.lex.stop.contains(f)
                    || self.lex.portfolios.contains(f))
                    && !self.lex.function_words.contains(f)
                    && (self.head_follows(&run, i + 1) || self.company_word_follows(&run, i + 1));
                // `Settlement of the CBOE` opening a sentence: the article
                // also writes `settlement` in lower case, so it is a plain word.
                // So is `Shares of ...`: a name starting `X of` has a head word
                // as X (`Bank of Korea`), which this is not.
                let plain_opener = initial
                    && ((self.lower_words.contains(f) && !self.head_follows(&run, i + 1))
                        || (i + 1 < n && run.is_connector(i + 1) && !self.is_head(f)))
                    && !self.lex.given.contains(f)
                    && !self.lex.surnames.contains(f)
                    // `De Guindos answered`: the particle is the surname's.
                    && !(guess::is_leading_particle(f) && i + 1 < n && !run.is_connector(i + 1));
                if starts_company {
                    // `General Motors Corp`, `First Boston Corp`: a name below.
                } else if self.lex.titles.contains(f) {
                    spoken_for = true;
                    initial = false;
                    i += 1;
                    // `Secretary of State George Shultz`: skip the portfolio.
                    // `Lord of the Rings` has none: no person follows.
                    let (mut connectors, mut portfolio) = (false, false);
                    while i < n {
                        if run.is_connector(i) {
                            connectors = true;
                        } else if self.lex.portfolios.contains(run.folds[i]) {
                            portfolio = true;
                        } else {
                            break;
                        }
                        i += 1;
                    }
                    cue = portfolio || !connectors;
                    continue;
                } else if self.lex.stop.contains(f)
                    || self.lex.portfolios.contains(f)
                    || plain_opener
                {
                    i += 1;
                    continue;
                }
            }
            let end = self.name_end(&run, i);
            let mut stop = end;
            while stop > i && run.is_connector(stop - 1) {
                stop -= 1;
            }
            let before_title = end < n && self.lex.titles.contains(run.folds[end]);
            let has_head = (i..stop).any(|k| self.lex.org_heads.contains(run.folds[k]));
            // Words right before a title are its portfolio (`Unification
            // Minister`), unless they name an organisation.
            // `Director General`: a rank alone is nobody in particular.
            let lone_rank = stop == i + 1 && self.lex.is_lone_title(run.folds[i]);
            if (has_head || !before_title) && stop > i && !lone_rank {
                // `Experts said`: a verb of saying after one sentence-opening
                // word proves nothing.
                // Nor does one after another name (`China Daily said`).
                // Nor after an article or a company noun (`the Mint said`,
                // `agency Eurostat said`): people are not written so.
                let said = end == n
                    && said_after
                    && !spoken_for
                    && !(initial && stop - i == 1)
                    && !(i == 0 && self.thing_before(range.start));
                // `Earlier, the minister said`: one word before a comma is
                // too often no name at all.
                // Nor is a single word in a list (`Citibank, the head of`).
                let apposed = end == n && role_after && stop - i > 1;
                let person_cue = cue || said || apposed;
                let mut guess = self.guess(&run, i..stop, person_cue);
                if guess == Guess::Kind(EntityKind::Other) && self.place_closes_name(&run, i, stop)
                {
                    guess = Guess::Kind(EntityKind::Org);
                }
                let mut raw = self.raw(&run, i..stop, guess, initial, person_cue);
                raw.said_cue = (end == n && said_after) || (i == 0 && said_before);
                // A name its own words give no kind takes one from its
                // neighbours (`in X`, `X-based`, `shares of X`).
                if matches!(guess, Guess::Unknown | Guess::Kind(EntityKind::Other)) {
                    raw.hint = self.context_kind(range.start + i, range.start + stop);
                }
                // An acronym no list knows is most often a body or company
                // (`NYMEX`, `ZCCM`); one with digits is a code (`M-2`, `B-2`).
                if guess == Guess::Acronym {
                    raw.hint = self
                        .context_kind(range.start + i, range.start + stop)
                        .or_else(|| {
                            (!raw.spelling.chars().any(|c| c.is_ascii_digit()))
                                .then_some(EntityKind::Org)
                        });
                }
                out.push(raw);
            }
            cue = false;
            initial = false;
            spoken_for = true;
            i = end.max(i + 1);
        }
    }
}
