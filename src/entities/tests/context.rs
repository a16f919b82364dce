//! Kinds from context, particles in surnames, and what a text tells the
//! collection about short forms. Names made up for these tests.

use super::*;
use crate::model::EntityKind;
use EntityKind::{Org, Person, Place};

#[test]
fn a_single_kept_word_takes_its_kind_from_context() {
    for (text, name, kind) in [
        (
            "Floods hit farms in Vardenholm on Monday, and rescuers reached Vardenholm late.",
            "Vardenholm",
            Place,
        ),
        (
            "The Kestrova-based firm grew. Its plant near Kestrova closed.",
            "Kestrova",
            Place,
        ),
        (
            "Investors bought shares of Quillaxo on Monday. Quillaxo shares rose.",
            "Quillaxo",
            Org,
        ),
        (
            "Brantec said it would cut jobs. Analysts expect Brantec to sell a unit.",
            "Brantec",
            Org,
        ),
        (
            "The group took a stake in Drovimex last year. Drovimex, which makes pipes, agreed.",
            "Drovimex",
            Org,
        ),
        (
            "Talks stalled, Pelmark said he feared. Pelmark, who chairs the panel, left.",
            "Pelmark",
            Person,
        ),
    ] {
        assert_eq!(kind_of(text, name), Some(kind), "{text}: {:?}", found(text));
    }
}

#[test]
fn context_gives_no_kind_where_its_words_give_one() {
    // The head word decides, not `in`.
    assert_eq!(
        kind_of("Rates rose in Varnholt Bank branches.", "Varnholt Bank"),
        Some(Org)
    );
    // No cue: no kind made up.
    let text = "Delegates from Zorvath arrived; Zorvath sent more later.";
    assert_eq!(kind_of(text, "Zorvath"), Some(EntityKind::Other));
}

#[test]
fn particles_belong_to_the_surname_also_at_a_sentence_start() {
    for (text, full) in [
        (
            "Minister Luis de Guindos spoke first. De Guindos answered questions later.",
            "Luis de Guindos",
        ),
        (
            "The chief executive Frans van Houten arrived. Van Houten said sales rose.",
            "Frans van Houten",
        ),
        (
            "Jose Eduardo dos Santos spoke. Dos Santos left later.",
            "Jose Eduardo dos Santos",
        ),
        (
            "Bashar al-Assad spoke. Assad said little.",
            "Bashar al-Assad",
        ),
    ] {
        let e = extractor().entities(text);
        let people: Vec<_> = e.iter().filter(|e| e.kind == Person).collect();
        assert_eq!(people.len(), 1, "{text}: {e:?}");
        assert_eq!(people[0].name, full, "{text}");
        assert_eq!(people[0].spans.len(), 2, "{text}: {e:?}");
    }
}

#[test]
fn a_particle_surname_alone_keeps_its_particle() {
    let text = "Yesterday De Guindos answered. Critics said De Guindos was wrong.";
    let e = extractor().entities(text);
    assert!(e.iter().any(|e| e.key == "de guindos"), "{e:?}");
}

#[test]
fn a_text_tells_the_collection_its_surnames_and_acronyms() {
    let r = extractor()
        .read("Minister Luis de Guindos met the Nordic Fisheries Authority (NFA) on Monday.");
    let forms: Vec<(&str, Via, &str)> = r
        .forms
        .iter()
        .map(|d| (d.form.as_str(), d.via, d.key.as_str()))
        .collect();
    assert!(
        forms.contains(&("de guindos", Via::Surname, "luis de guindos")),
        "{forms:?}"
    );
    assert!(
        forms.contains(&("guindos", Via::Surname, "luis de guindos")),
        "{forms:?}"
    );
    assert!(
        forms.contains(&("nfa", Via::Acronym, "nordic fisheries authority")),
        "{forms:?}"
    );
    // A lone surname or acronym the text never ties to a fuller name
    // waits for the collection; the plain extractor keeps it as it is.
    let text = "Minister Brenzoni spoke. The NFA did not reply, and the NFA offices shut.";
    let r = extractor().read(text);
    let short: Vec<(&str, Via)> = r
        .short_forms
        .iter()
        .map(|s| (s.form.as_str(), s.via))
        .collect();
    assert!(short.contains(&("brenzoni", Via::Surname)), "{short:?}");
    assert!(short.contains(&("nfa", Via::Acronym)), "{short:?}");
    assert!(
        !r.entities
            .iter()
            .any(|e| e.key == "brenzoni" || e.key == "nfa")
    );
    let plain = extractor().entities(text);
    assert!(plain.iter().any(|e| e.key == "brenzoni") && plain.iter().any(|e| e.key == "nfa"));
}

#[test]
fn the_collection_referent_of_a_short_form() {
    use super::super::collection_referent as pick;
    // A surname: the person named by at least twice as many articles.
    assert_eq!(pick(Via::Surname, &[(5, "a"), (2, "b")]), Some(0));
    assert_eq!(pick(Via::Surname, &[(3, "a"), (2, "b")]), None);
    assert_eq!(pick(Via::Surname, &[(1, "b"), (4, "a")]), Some(1));
    assert_eq!(pick(Via::Surname, &[(1, "a")]), Some(0));
    assert_eq!(pick(Via::Surname, &[]), None);
    // An acronym: only if defined one way.
    assert_eq!(pick(Via::Acronym, &[(9, "a")]), Some(0));
    assert_eq!(pick(Via::Acronym, &[(9, "a"), (1, "b")]), None);
    assert_eq!(pick(Via::Acronym, &[(0, "a"), (1, "b")]), Some(1));
    // A kind: the one given by at least twice as many articles.
    assert_eq!(pick(Via::Kind, &[(2, "x"), (1, "x")]), Some(0));
    assert_eq!(pick(Via::Kind, &[(2, "x"), (2, "x")]), None);
}

#[test]
fn nouns_around_a_name_give_its_kind() {
    for (text, name, kind) in [
        (
            "Deposits rose in Wenzhou, Kolvenzhou province, and Kolvenzhou traders cheered.",
            "Kolvenzhou",
            Place,
        ),
        (
            "Prices fell, the statistics agency Brastolat said. Brastolat gave no figures.",
            "Brastolat",
            Org,
        ),
        (
            "The exchange QORVEX said volumes rose. QORVEX will open a new floor.",
            "QORVEX",
            Org,
        ),
    ] {
        assert_eq!(kind_of(text, name), Some(kind), "{text}: {:?}", found(text));
    }
    // Used once, it waits for the collection's evidence, with its kind.
    let r = extractor().read("The clinic opened in Springfield, Tenn. The company said more.");
    let tenn = r.awaiting.iter().find(|e| e.name == "Tenn");
    assert_eq!(tenn.map(|e| e.kind), Some(Place), "{:?}", r.awaiting);
    // `the Mint said` is no person.
    let text = "Offers are due in April, the Mint said. Buyers from the Mint left.";
    assert_ne!(kind_of(text, "Mint"), Some(Person), "{:?}", found(text));
}

#[test]
fn a_town_before_where_it_is_is_a_place() {
    for text in [
        "The refinery at Kelvinmouth, Scotland, shut down. Kelvinmouth workers left.",
        "The plant moved from Dorrensbury, Conn, to Ohio. Dorrensbury lost jobs.",
    ] {
        let town = text
            .split_whitespace()
            .find(|w| w.starts_with("Kelvin") || w.starts_with("Dorrens"));
        let town = town.unwrap().trim_end_matches(',');
        assert_eq!(
            kind_of(text, town),
            Some(Place),
            "{text}: {:?}",
            found(text)
        );
    }
    // A list of a company and countries, or a possessive, is not.
    let text = "Orders came from Tarvello, Japan's biggest buyer. Tarvello sent more.";
    assert_ne!(kind_of(text, "Tarvello"), Some(Place), "{:?}", found(text));
}

#[test]
fn a_known_place_closing_a_name_belongs_to_it() {
    // A team, a company's national arm: one organisation, no place.
    for (text, name) in [
        (
            "The coach of Vrbovka Zagreb resigned after the defeat.",
            "Vrbovka Zagreb",
        ),
        ("Profits at Halvorex Lyon rose sharply.", "Halvorex Lyon"),
    ] {
        let f = found(text);
        assert_eq!(kind_of(text, name), Some(Org), "{text}: {f:?}");
        assert_eq!(f.len(), 1, "{text}: {f:?}");
    }
    // A country stays a place of its own.
    let f = found("Profits at Halvorex Canada rose sharply.");
    assert!(f.contains(&("Canada".to_string(), Place)), "{f:?}");
    // A known place inside an organisation's name is the name's: one
    // organisation, not the U.S. and a department.
    for text in [
        "The U.S. Agriculture Department said exports rose.",
        "The U.S. Fisheries Department said catches rose.",
    ] {
        let f = found(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        assert_eq!(f[0].1, Org, "{text}: {f:?}");
    }
    // A place after a known word or a name of a person stays a place.
    let f = found("Talks with Prime Minister Olsen in Zagreb ended on Monday.");
    assert!(f.contains(&("Zagreb".to_string(), Place)), "{f:?}");
    let f = found("Ships from Oslo Zagreb and Bergen arrived.");
    assert!(f.contains(&("Zagreb".to_string(), Place)), "{f:?}");
    // A word the text writes in lower case is no name's part.
    let text = "A kestrel flew over, and fans of Kestrel Zagreb cheered.";
    assert!(
        found(text).contains(&("Zagreb".to_string(), Place)),
        "{:?}",
        found(text)
    );
}

#[test]
fn a_results_line_names_teams() {
    let text = "Results on Sunday:\nDinamo Vrbovka 2 Hajduk Split 1\nLyon 3 - Nantes 0\n";
    let f = found(text);
    for team in ["Dinamo Vrbovka", "Hajduk Split", "Lyon", "Nantes"] {
        assert!(f.contains(&(team.to_string(), Org)), "{team}: {f:?}");
    }
    assert!(!f.iter().any(|(_, k)| *k == Person || *k == Place), "{f:?}");
    // Dates and figures in a table are no results line.
    let text = "Output\nFeb 87 Jan 87\nPeru 56 28 238 104\nThe figures came from Peru.";
    let f = found(text);
    assert!(!f.iter().any(|(_, k)| *k == Org), "{f:?}");
    assert!(f.contains(&("Peru".to_string(), Place)), "{f:?}");
}

#[test]
fn a_standings_row_names_a_team() {
    // Goals as a pair (`-` or `:`), or points closing the row (three for a
    // win, or two as in older tables, after a goal difference).
    let text = "League table after round 12:\n\
        1. Dinamo Vrbovka 12 9 2 1 28-9 29\n\
        2. Hajduk Split 12 8 3 1 22 10 27\n\
        3 Brodarac 12 7 1 4 19:14 22\n\
        4) Varnsdorf Rovers 12 5 2 5 15 15 +0 12\n";
    let f = found(text);
    for team in [
        "Dinamo Vrbovka",
        "Hajduk Split",
        "Brodarac",
        "Varnsdorf Rovers",
    ] {
        assert!(f.contains(&(team.to_string(), Org)), "{team}: {f:?}");
    }
    assert!(!f.iter().any(|(_, k)| *k == Person || *k == Place), "{f:?}");
    // A country is a team where the row proves it is a standings row.
    let text = "Group C\nBrazil 3 2 1 0 7-2 7\nNorway 3 1 1 1 4-4 4\n";
    let f = found(text);
    for team in ["Brazil", "Norway"] {
        assert!(f.contains(&(team.to_string(), Org)), "{team}: {f:?}");
    }
    assert!(!f.iter().any(|(_, k)| *k == Place), "{f:?}");
}

#[test]
fn a_figures_row_is_no_standings_row() {
    // Dates; figures that do not add up (also where a pair follows); a
    // total that sums three parts but with no goals or points after it; a
    // figure that is no whole number; words after the figures.
    for text in [
        "Output\nFeb 87 Jan 87\nPeru 56 28 238 104\nThe figures came from Peru.",
        "Exports by market\nPeru 12 6 4 2 15 9\nShipments to Peru rose.",
        "Exports by market\nPeru 12 9 2 3 28-9 29\nShipments to Peru rose.",
        "Exports by market\nPeru 10 5 3 2 4 1 3\nShipments to Peru rose.",
        "Exports by market\nPeru 12.5 9 2 1 28-9 29\nShipments to Peru rose.",
        "Exports by market\nPeru 12 9 2 1 28-9 29 tonnes\nShipments to Peru rose.",
    ] {
        let f = found(text);
        assert!(!f.iter().any(|(_, k)| *k == Org), "{text}: {f:?}");
        assert!(f.contains(&("Peru".to_string(), Place)), "{text}: {f:?}");
    }
}

#[test]
fn a_lone_word_typed_here_tells_the_collection_its_kind() {
    let r = extractor().read("Investors bought shares of Quillaxo on Monday. Quillaxo said more.");
    let kinds: Vec<(&str, Via, EntityKind)> = r
        .forms
        .iter()
        .map(|d| (d.form.as_str(), d.via, d.kind))
        .collect();
    assert!(kinds.contains(&("quillaxo", Via::Kind, Org)), "{kinds:?}");
    // Once, waiting for the collection's evidence, it tells it too.
    let r = extractor().read("Troops moved in Velmora on Monday.");
    assert!(
        r.forms
            .iter()
            .any(|d| d.form == "velmora" && d.via == Via::Kind && d.kind == Place),
        "{:?}",
        r.forms
    );
    // A name of no kind, or of several words, tells it nothing.
    let r = extractor().read("Delegates from Zorvath arrived; Zorvath sent Ingrid Halvorsen.");
    assert!(!r.forms.iter().any(|d| d.via == Via::Kind), "{:?}", r.forms);
}
