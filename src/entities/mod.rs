//! Text in, named people, organisations, places and other things out, with
//! the folding that ties spellings of one entity across the collection.
//! Pure: no database, no screen.
//!
//! The pipeline, one file per step: `tokens` (words with shapes and
//! sentence starts) → `candidates` (runs of capitalised words, hashtags,
//! unspaced scripts) → `classify` (cut runs into names, guess kinds, with
//! the `gazetteer` and `lexicon`) and `cjk` → `people` (surnames that show
//! a name is a person's) → `resolve` (acronyms, bare surnames, lone words,
//! with `companies` for a company's short forms) → mentions named and
//! keyed here (`fold`).
//!
//! What is not a name: sentence-opening plain words (also written in lower
//! case in the article, or followed by `of`), weekdays, months, navigation
//! words, `By` in a byline, the date and wire credit in a dateline
//! (`SEOUL, Jan. 20 (Yonhap) --` gives Seoul only), a sign-off closing the
//! text (`Reuter`), ticker symbols (`<XON>`), table rows and labels at a
//! line start (`Shr 1.20 vs 1.10`, `Updated: ...`), and in headline lines
//! (ALL CAPS, or a Title Case line standing alone) anything the gazetteer
//! does not know. `Mention::text` is the text as written with line breaks
//! read as spaces; the span is exact.
//!
//! Keys: a gazetteer entity's key is `fold_key` of its canonical name, so it
//! is the same in every article; another entity's key is `fold_key` of its
//! fullest spelling in the article. A bare surname that could not be
//! resolved inside its article is dropped, never keyed as someone's full
//! name (see `resolve`).

mod candidates;
mod cjk;
mod classify;
mod companies;
mod fast_hash;
mod fold;
mod gazetteer;
mod headlines;
mod lexicon;
mod people;
mod resolve;
mod tokens;
mod word;
mod work;

use candidates::Candidate;
use classify::{Guess, Raw, Segmenter, guess};
use fast_hash::{FastMap, FastSet};
use gazetteer::Gazetteer;
use lexicon::Lexicon;
use resolve::Target;

use crate::config::{ConfigError, EntitiesConfig};
use crate::model::{EntityKind, FoundEntity, Mention};

pub use fold::fold_key;

/// An extractor built once from the gazetteer and the user's config.
#[derive(Debug, Clone)]
pub struct Extractor {
    gaz: Gazetteer,
    lex: Lexicon,
    /// Folded names never treated as entities.
    ignore: FastSet<String>,
    /// Folded name → kind, overriding the guess.
    kinds: FastMap<String, EntityKind>,
    link_demonyms: bool,
}

impl Extractor {
    pub fn new(config: &EntitiesConfig) -> Result<Self, ConfigError> {
        let gaz = Gazetteer::new(config)?;
        let kinds = config
            .kinds
            .iter()
            .map(|(name, kind)| (fold_key(name), *kind))
            .collect();
        Ok(Self {
            gaz,
            lex: Lexicon::new(),
            ignore: config.ignore.iter().map(|s| fold_key(s)).collect(),
            kinds,
            link_demonyms: config.link_demonyms,
        })
    }

    /// Every mention, in text order.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        self.analyse(text, false).mentions
    }

    /// Mentions grouped by entity, in order of first mention.
    pub fn entities(&self, text: &str) -> Vec<FoundEntity> {
        group(self.mentions(text))
    }

    /// What the store keeps of a text: its entities, the lone capitalised
    /// words that are entities only if the collection shows them to be
    /// names (`Equinor said` opening the only sentence that names it), and
    /// the words it writes in lower case and capitalises mid-sentence, the
    /// evidence that decides them (see [`is_collection_name`]).
    pub fn read(&self, text: &str) -> Reading {
        let a = self.analyse(text, true);
        Reading {
            entities: group(a.mentions),
            awaiting: group(a.awaiting),
            case: a.case,
            credit: a.credit,
            short_forms: a.refs,
            forms: a.forms,
        }
    }

    /// The case evidence of a text alone, the same as [`Extractor::read`]
    /// gives, at the cost of splitting it into words.
    pub fn case_words(&self, text: &str) -> CaseWords {
        let tokens = tokens::tokenize(text);
        let lower = tokens::LowerWords::new(text, &tokens);
        case_words(
            &tokens,
            &tokens::Folds::new(text, &tokens).words(),
            lower.set(),
        )
    }

    fn analyse(&self, text: &str, want_case: bool) -> Analysis {
        let (mut raws, case, credit) = self.raws(text, want_case);
        resolve::join_defined_long_forms(text, &mut raws);
        people::promote_people(&mut raws);
        let known_person = |e: usize| self.gaz.entry(e).kind == Some(EntityKind::Person);
        let resolve::Linked {
            targets,
            awaiting,
            acronyms,
        } = resolve::link(text, &raws, &self.lex, &known_person);
        let names = self.name_entities(&raws, &targets);
        let mut mentions = Vec::with_capacity(raws.len());
        let mut short = Vec::new();
        let mut kinds_seen: Vec<FormDef> = Vec::new();
        let mut folded_names: FastMap<&Target, String> = FastMap::default();
        for (raw, target) in raws.iter().zip(&targets) {
            let Some(target) = target else { continue };
            let Some((name, kind)) = names.get(target) else {
                continue;
            };
            // Each entity's name folded once, however often it is named.
            let folded = folded_names
                .entry(target)
                .or_insert_with(|| fold_key(name))
                .clone();
            let Some(m) = self.mention_folded(text, raw, name, folded, *kind) else {
                continue;
            };
            // A name no list knows, typed here: the kind it is given where
            // another article gives it none (see `Via::Kind`).
            if want_case && matches!(target, Target::Named(_)) {
                kind_def(&m, &mut kinds_seen);
            }
            // A lone word the article never ties to a fuller name: the
            // collection may know whom it means (see `ShortForm`).
            match (want_case, short_form_via(&raws, target, &m)) {
                (true, Some(via)) => short.push((via, m)),
                _ => mentions.push(m),
            }
        }
        let mut forms = if want_case {
            self.form_defs(&raws, &targets, &names, &acronyms)
        } else {
            Vec::new()
        };
        forms.append(&mut kinds_seen);
        let mut refs = Vec::new();
        for (via, m) in short {
            let form = m.key.clone();
            for e in group(vec![m]) {
                match refs
                    .iter_mut()
                    .find(|r: &&mut ShortForm| r.entity.key == e.key && r.entity.kind == e.kind)
                {
                    Some(r) => {
                        for a in e.aliases {
                            if !r.entity.aliases.contains(&a) {
                                r.entity.aliases.push(a);
                            }
                        }
                        r.entity.spans.extend(e.spans);
                    }
                    None => refs.push(ShortForm {
                        form: form.clone(),
                        via,
                        entity: e,
                    }),
                }
            }
        }
        let mut pending = Vec::new();
        if want_case {
            for &i in &awaiting {
                let raw = &raws[i];
                let kind = group_kind(&[raw]);
                pending.extend(self.mention(text, raw, &raw.spelling, kind));
            }
            for m in &pending {
                kind_def(m, &mut forms);
            }
        }
        Analysis {
            mentions,
            awaiting: pending,
            case,
            credit,
            refs,
            forms,
        }
    }

    /// What the article tells the collection about short forms: each
    /// person named in full by the forms of their surname, each acronym
    /// defined by the entity of its long form.
    fn form_defs(
        &self,
        raws: &[Raw],
        targets: &[Option<Target>],
        names: &FastMap<Target, (String, EntityKind)>,
        acronyms: &[(String, Target)],
    ) -> Vec<FormDef> {
        let mut out: Vec<FormDef> = Vec::new();
        let entity = |t: &Target| {
            names.get(t).map(|(name, kind)| {
                let key = entity_key(name, *kind);
                let kind = self.kinds.get(&key).copied().unwrap_or(*kind);
                (key, kind, name.clone())
            })
        };
        let push =
            |out: &mut Vec<FormDef>, form: &str, via: Via, e: &(String, EntityKind, String)| {
                if !out
                    .iter()
                    .any(|d| d.form == form && d.via == via && d.key == e.0 && d.kind == e.1)
                {
                    out.push(FormDef {
                        form: form.to_string(),
                        via,
                        key: e.0.clone(),
                        kind: e.1,
                        name: e.2.clone(),
                    });
                }
            };
        for (raw, t) in raws.iter().zip(targets) {
            let Some(t) = t else { continue };
            if raw.words < 2 || matches!(raw.guess, Guess::Acronym) {
                continue;
            }
            let Some(e) = entity(t) else { continue };
            if e.1 != EntityKind::Person || self.ignore.contains(&e.0) {
                continue;
            }
            let east_asian =
                raw.first != raw.last && self.lex.east_asian.contains(raw.first.as_str());
            for form in resolve::surname_forms(raw, east_asian) {
                push(&mut out, form, Via::Surname, &e);
            }
        }
        for (letters, t) in acronyms {
            if let Some(e) = entity(t)
                && !self.ignore.contains(&e.0)
            {
                push(&mut out, letters, Via::Acronym, &e);
            }
        }
        out
    }

    /// The mention of `raw` as the entity `name`, unless the user ignores it.
    fn mention(&self, text: &str, raw: &Raw, name: &str, kind: EntityKind) -> Option<Mention> {
        self.mention_folded(text, raw, name, fold_key(name), kind)
    }

    /// [`Extractor::mention`] with `name` already folded.
    fn mention_folded(
        &self,
        text: &str,
        raw: &Raw,
        name: &str,
        folded: String,
        kind: EntityKind,
    ) -> Option<Mention> {
        // Folded once; most configs ignore nothing, so nothing more is folded.
        if !self.ignore.is_empty()
            && (self.ignore.contains(&folded)
                || self.ignore.contains(&fold_key(&raw.spelling))
                || self
                    .ignore
                    .contains(&entity_key_of_fold(folded.clone(), kind)))
        {
            return None;
        }
        let key = entity_key_of_fold(folded, kind);
        let kind = self.kinds.get(&key).copied().unwrap_or(kind);
        Some(Mention {
            start: raw.start,
            end: raw.end,
            // As written, with a line break inside a name read as a space.
            text: fold::one_line(&text[raw.start..raw.end]),
            kind,
            name: name.to_string(),
            key,
        })
    }

    /// Every name the rules find, before linking, in text order.
    fn raws(&self, text: &str, want_case: bool) -> (Vec<Raw>, CaseWords, Option<String>) {
        let tokens = tokens::tokenize(text);
        let lower_words = tokens::LowerWords::new(text, &tokens);
        let fold_buf = tokens::Folds::new(text, &tokens);
        let folds = fold_buf.words();
        let seg = Segmenter {
            lower_words: &lower_words,
            folds: &folds,
            text,
            tokens: &tokens,
            gaz: &self.gaz,
            lex: &self.lex,
            link_demonyms: self.link_demonyms,
        };
        let mut out = Vec::new();
        for c in candidates::candidates(text, &tokens, &folds, &self.lex, &self.gaz) {
            match c {
                Candidate::Run(r) => seg.segment(r, &mut out),
                Candidate::Hashtag(i) => out.extend(self.hashtag(text, &tokens[i])),
                Candidate::Unspaced(i) => {
                    cjk::unspaced_names(text, &tokens, i, &self.gaz, &mut out)
                }
            }
        }
        // The last credit names the article's source (`Reuter` signing
        // off, `(Yonhap)` in a dateline).
        let credit = out
            .iter()
            .rev()
            .find(|r| is_credit(text, r))
            .map(|r| match r.guess {
                Guess::Known(e) => self.gaz.entry(e).name.clone(),
                _ => guess::title_case_if_shouting(&r.spelling),
            });
        out.retain(|r| !is_credit(text, r));
        // Already in text order; linking relies on it, so make it certain.
        out.sort_by_key(|r| r.start);
        let case = if want_case {
            case_words(&tokens, &folds, lower_words.set())
        } else {
            CaseWords::default()
        };
        (out, case, credit)
    }

    /// `#SecurityCouncil` is read as `Security Council`.
    fn hashtag(&self, text: &str, tok: &tokens::Token) -> Option<Raw> {
        let tag = &tok.text(text)[1..];
        let spelling = fold::split_camel(tag);
        let words: Vec<String> = spelling.split_whitespace().map(fold_key).collect();
        let key = words.join(" ");
        let known = self
            .gaz
            .get(&key)
            .filter(|h| !h.caps_only || !tag.chars().any(char::is_lowercase));
        let guess = match known {
            Some(hit) => Guess::Known(hit.entry),
            None if !tag.starts_with(char::is_uppercase) => return None,
            None if words.len() > 1 => Guess::Kind(EntityKind::Other),
            None => Guess::Unknown,
        };
        Some(Raw {
            start: tok.start,
            end: tok.end,
            first: word::Word::new(words.first()?),
            last: word::Word::new(words.last()?),
            surname: word::Word::new(words.last()?),
            words: words.len(),
            spelling,
            guess,
            sentence_start: false,
            person_cue: false,
            said_cue: false,
            hint: None,
            definite_other: false,
            team: false,
        })
    }

    /// The display name and kind of every linked entity.
    fn name_entities(
        &self,
        raws: &[Raw],
        targets: &[Option<Target>],
    ) -> FastMap<Target, (String, EntityKind)> {
        let mut members: FastMap<&Target, Vec<&Raw>> = FastMap::default();
        for (raw, t) in raws.iter().zip(targets) {
            if let Some(t) = t {
                members.entry(t).or_default().push(raw);
            }
        }
        members
            .into_iter()
            .map(|(target, rs)| {
                let named = match target {
                    Target::Known(e) => {
                        let entry = self.gaz.entry(*e);
                        let guessed = group_kind(&rs);
                        (entry.name.clone(), entry.kind.unwrap_or(guessed))
                    }
                    Target::Named(owner) => {
                        let owner = &raws[*owner];
                        // The fullest spelling names it (`Kim Jong-un`, not `Kim`).
                        let name = rs
                            .iter()
                            .filter(|r| r.words >= owner.words)
                            .map(|r| r.spelling.as_str())
                            .fold(owner.spelling.as_str(), |best, s| {
                                if s.chars().count() > best.chars().count() {
                                    s
                                } else {
                                    best
                                }
                            });
                        (name.to_string(), group_kind(&rs))
                    }
                };
                (target.clone(), named)
            })
            .collect()
    }
}

/// Mentions grouped by entity, in order of first mention.
fn group(mentions: Vec<Mention>) -> Vec<FoundEntity> {
    let mut found: Vec<FoundEntity> = Vec::new();
    let mut index: FastMap<String, usize> = FastMap::default();
    // The aliases of an entity written in many ways, as a set: searching
    // a long list at every mention cost its square. Few are searched.
    const FEW: usize = 16;
    let mut many: FastMap<usize, FastSet<String>> = FastMap::default();
    for m in mentions {
        // Looked up before the key is copied: most mentions repeat one.
        let i = match index.get(&m.key) {
            Some(&i) => i,
            None => {
                found.push(FoundEntity {
                    key: m.key.clone(),
                    name: m.name,
                    kind: m.kind,
                    aliases: Vec::new(),
                    spans: Vec::new(),
                });
                index.insert(m.key, found.len() - 1);
                found.len() - 1
            }
        };
        let e = &mut found[i];
        let fresh = if e.aliases.len() < FEW {
            !e.aliases.contains(&m.text)
        } else {
            many.entry(i)
                .or_insert_with(|| e.aliases.iter().cloned().collect())
                .insert(m.text.clone())
        };
        if fresh {
            e.aliases.push(m.text);
        }
        e.spans.push((m.start, m.end));
    }
    found
}

struct Analysis {
    mentions: Vec<Mention>,
    awaiting: Vec<Mention>,
    case: CaseWords,
    credit: Option<String>,
    refs: Vec<ShortForm>,
    forms: Vec<FormDef>,
}

/// How a short form names a fuller entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Via {
    /// A surname alone (`Reagan`, `De Guindos`) for a person named in full.
    Surname,
    /// An acronym (`IAEA`) for the long form it was defined with.
    Acronym,
    /// A lone word of no kind (`Quorvane said`) for the same word typed by
    /// a cue elsewhere (`shares of Quorvane`): the form is the entity's key.
    Kind,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Surname => "surname",
            Via::Acronym => "acronym",
            Via::Kind => "kind",
        }
    }

    pub fn parse(s: &str) -> Option<Via> {
        match s {
            "surname" => Some(Via::Surname),
            "acronym" => Some(Via::Acronym),
            "kind" => Some(Via::Kind),
            _ => None,
        }
    }
}

/// A lone word an article never ties to a fuller name (`Reagan` with no
/// `Ronald Reagan` in it, `IAEA` never spelt out): the entity of the one
/// person or long form the collection gives for `form`, or `entity` itself
/// where it gives none (see [`collection_referent`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortForm {
    /// The folded word (`reagan`, `iaea`).
    pub form: String,
    pub via: Via,
    pub entity: FoundEntity,
}

/// What an article tells the collection a short form means: `reagan` is
/// the person `Ronald Reagan` (named in full here), `iaea` the
/// `International Atomic Energy Agency` (defined here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDef {
    pub form: String,
    pub via: Via,
    pub key: String,
    pub kind: EntityKind,
    pub name: String,
}

/// Which of the entities the collection gives a short form it stands for,
/// from how many articles give each: an acronym the one long form it was
/// defined with (none where it was defined two ways); a surname the person
/// named in full by at least twice as many articles as any other with that
/// surname (none where two are named comparably often). `defs` are
/// (articles, key) of one form by one `via`; a pure function of them, so
/// no order of indexing changes the answer.
pub fn collection_referent(via: Via, defs: &[(i64, &str)]) -> Option<usize> {
    let live: Vec<usize> = (0..defs.len()).filter(|&i| defs[i].0 > 0).collect();
    match via {
        Via::Acronym => match live[..] {
            [only] => Some(only),
            _ => None,
        },
        Via::Surname | Via::Kind => {
            // Most named first; the key breaks ties so the answer is one.
            let mut by_count = live.clone();
            by_count.sort_by(|&a, &b| defs[b].0.cmp(&defs[a].0).then(defs[a].1.cmp(defs[b].1)));
            let top = *by_count.first()?;
            let second = by_count.get(1).map_or(0, |&s| defs[s].0);
            (second == 0 || defs[top].0 >= 2 * second).then_some(top)
        }
    }
}

/// Records that the lone word `m` is typed here (`shares of Quorvane`
/// makes it an organisation), once per kind: an article where the word
/// has no kind (`Quorvane said`) takes the kind the collection gives it
/// most (see [`collection_referent`]). Names of several words keep the kind
/// their own words give; no list knows this one, so its key is the word.
fn kind_def(m: &Mention, out: &mut Vec<FormDef>) {
    if m.kind == EntityKind::Other || m.key.contains(' ') || m.key.is_empty() {
        return;
    }
    if !out
        .iter()
        .any(|d| d.via == Via::Kind && d.form == m.key && d.kind == m.kind)
    {
        out.push(FormDef {
            form: m.key.clone(),
            via: Via::Kind,
            key: m.key.clone(),
            kind: m.kind,
            name: m.name.clone(),
        });
    }
}

/// Whether the mention `m` of `target` is a short form the collection may
/// resolve, and how: a lone word, never linked to a fuller name here; an
/// acronym by its capitals, a surname by a person or kindless word.
fn short_form_via(raws: &[Raw], target: &Target, m: &Mention) -> Option<Via> {
    let Target::Named(owner) = target else {
        return None;
    };
    let owner = raws.get(*owner)?;
    if owner.words != 1 {
        return None;
    }
    let letters = || owner.spelling.chars().filter(|c| c.is_alphabetic());
    if letters().count() >= 2 && !letters().any(char::is_lowercase) {
        return Some(Via::Acronym);
    }
    (matches!(m.kind, EntityKind::Person | EntityKind::Other) && resolve::is_bare(owner))
        .then_some(Via::Surname)
}

/// What [`Extractor::read`] finds in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    pub entities: Vec<FoundEntity>,
    /// Lone capitalised words that are entities where the collection shows
    /// them to be names; their keys are the folded words.
    pub awaiting: Vec<FoundEntity>,
    pub case: CaseWords,
    /// The wire credit or sign-off that names the text's source (`Reuters`
    /// for a closing `Reuter`, `Yonhap` for `(Yonhap) --`): page furniture,
    /// not a mention, so an entity only where the text also names it.
    pub credit: Option<String>,
    /// Lone words the collection may tie to a fuller entity; not among
    /// `entities`.
    pub short_forms: Vec<ShortForm>,
    /// What this text defines short forms as.
    pub forms: Vec<FormDef>,
}

/// The case evidence one text gives, folded, each word once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseWords {
    /// Words written in lower case.
    pub lower: Vec<String>,
    /// Words written capitalised away from a sentence start and outside a
    /// headline or table line, where a capital means a name.
    pub capital: Vec<String>,
}

impl CaseWords {
    /// Both texts' evidence together (an article's title and body).
    pub fn merge(&mut self, other: CaseWords) {
        for (mine, theirs) in [
            (&mut self.lower, other.lower),
            (&mut self.capital, other.capital),
        ] {
            mine.extend(theirs);
            mine.sort_unstable();
            mine.dedup();
        }
    }
}

/// How much an entity matters to one article: its mentions there times
/// how rare it is in the collection (the log of articles over articles
/// naming it, plus one so a name every article gives still counts a
/// little), in thousandths.
pub fn salience(mentions: usize, naming: usize, articles: usize) -> u64 {
    let rarity = ((articles.max(1) as f64) / (naming.max(1) as f64))
        .ln()
        .max(0.0)
        + 0.05;
    (mentions.max(1) as f64 * rarity * 1000.0).round() as u64
}

/// The collection's verdict on a lone capitalised word, from the number of
/// articles writing it in lower case and capitalising it mid-sentence: a
/// word never written in lower case anywhere and capitalised mid-sentence
/// somewhere is a name, even where it opens a sentence. A sum over the
/// articles, so no order of indexing changes it.
pub fn is_collection_name(lower_articles: i64, capital_articles: i64) -> bool {
    lower_articles <= 0 && capital_articles > 0
}

/// The words of a text by case, each folded once.
fn case_words(tokens: &[tokens::Token], folds: &[&str], lower: &FastSet<&str>) -> CaseWords {
    let mut lower: Vec<String> = lower
        .iter()
        .map(|w| fold::fold_word(w).into_owned())
        .collect();
    lower.sort_unstable();
    lower.dedup();
    // Capitalised words were folded with the tokens: taken from there.
    let mut capital: FastSet<&str> = FastSet::default();
    for (t, f) in tokens.iter().zip(folds) {
        if t.shape == tokens::Shape::Title && !t.sentence_start && !t.headline {
            capital.insert(f);
        }
    }
    let mut capital: Vec<String> = capital.into_iter().map(str::to_string).collect();
    capital.sort_unstable();
    capital.dedup();
    CaseWords { lower, capital }
}

/// The key tying spellings of one entity together. A company's legal form
/// is left out (`Nordvik Energy ASA` and `Nordvik Energy` are one company);
/// the display name keeps it.
fn entity_key(name: &str, kind: EntityKind) -> String {
    entity_key_of_fold(fold_key(name), kind)
}

/// [`entity_key`] of a name already folded.
fn entity_key_of_fold(key: String, kind: EntityKind) -> String {
    if kind != EntityKind::Org {
        return key;
    }
    let mut words: Vec<&str> = key.split(' ').collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| lexicon::is_legal_suffix_fold(w))
    {
        words.pop();
    }
    words.join(" ")
}

/// A wire credit is page furniture, not a mention: `(Yonhap) --` in a
/// dateline, or a name alone (or in brackets) closing the text, like a
/// `Reuter` sign-off. Named in every article, it would only crowd the
/// sidebar.
fn is_credit(text: &str, r: &Raw) -> bool {
    let before = text[..r.start].trim_end_matches([' ', '\t']);
    let after = text[r.end..].trim_start_matches([' ', '\t']);
    let bracketed = before.ends_with('(') && after.starts_with(')');
    let after_bracket = if bracketed {
        after[1..].trim_start()
    } else {
        after
    };
    let dateline = bracketed
        && ["--", "-", "—", "–"]
            .iter()
            .any(|d| after_bracket.starts_with(d));
    let line_start = {
        let b = before
            .strip_suffix('(')
            .unwrap_or(before)
            .trim_end_matches([' ', '\t']);
        // `... dealers said. Reuter`: a sign-off whose line break was
        // lost when the lines were joined still follows a sentence's end.
        b.is_empty()
            || b.ends_with('\n')
            || (r.words == 1 && b.ends_with(['.', '!', '?', '"', '”']))
            // `Avg shrs 11,833,883 vs 9,059,692 Reuter`: after a table row.
            || (r.words == 1 && b.ends_with(|c: char| c.is_ascii_digit()))
    };
    // Trimmed from one side only: `trim` would walk all of a long blank
    // stretch at the other end once per name.
    let at_end = after_bracket
        .trim_start_matches(['.', ' '])
        .trim_start()
        .is_empty();
    // A text that is nothing but the name is not signed off by it.
    let alone = before
        .trim_end()
        .trim_end_matches('(')
        .trim_end()
        .is_empty();
    dateline || (at_end && !alone && (bracketed || line_start))
}

/// Person if any mention was marked as one, else the first kind the
/// names' own words give (a head word like `Treaty` gives `other`), else
/// the first the context of a full name gives, then of a lone word (`in X`).
fn group_kind(rs: &[&Raw]) -> EntityKind {
    let own = || {
        rs.iter().filter_map(|r| match r.guess {
            Guess::Kind(k) if k != EntityKind::Other || r.definite_other => Some(k),
            _ => None,
        })
    };
    let hinted = |many: bool| {
        rs.iter()
            .filter(move |r| (r.words > 1) == many)
            .filter_map(|r| r.hint)
    };
    if own()
        .chain(hinted(true))
        .chain(hinted(false))
        .any(|k| k == EntityKind::Person)
    {
        return EntityKind::Person;
    }
    own()
        .next()
        .or_else(|| hinted(true).next())
        .or_else(|| hinted(false).next())
        .unwrap_or(EntityKind::Other)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod salience_tests {
    use super::salience;

    #[test]
    fn a_name_found_everywhere_sinks_below_one_named_often_here() {
        // Named once by nearly every article vs three times here and rare.
        assert!(salience(3, 4, 1000) > salience(1, 990, 1000));
        // More mentions here rank higher at the same spread.
        assert!(salience(5, 10, 1000) > salience(2, 10, 1000));
        // Even a name in every article keeps some weight.
        assert!(salience(1, 1000, 1000) > 0);
    }
}
