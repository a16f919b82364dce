//! People the text shows to be people: surname cues, roles, given names.

use super::*;
use crate::model::EntityKind;
use EntityKind::{Org, Person};

#[test]
fn a_later_cued_surname_makes_the_full_name_a_person() {
    for text in [
        "The inquiry was chaired by Oddrun Kvalheim. Kvalheim said the findings were clear.",
        "The inquiry was chaired by Oddrun Kvalheim. \"It is clear,\" said Kvalheim.",
        "The inquiry was chaired by Oddrun Kvalheim. Later Mr Kvalheim left early.",
    ] {
        let e = extractor().entities(text);
        assert_eq!(e.len(), 1, "{text}: {e:?}");
        assert_eq!(e[0].name, "Oddrun Kvalheim");
        assert_eq!(e[0].kind, Person);
        assert_eq!(e[0].spans.len(), 2, "{text}");
    }
}

#[test]
fn a_cued_surname_fitting_two_names_promotes_neither_and_merges_nobody() {
    let text = "Papers by Oddrun Kvalheim and by Sverre Kvalheim were read. Kvalheim said more.";
    let e = extractor().entities(text);
    let both: Vec<_> = e.iter().filter(|e| e.name.ends_with("Kvalheim")).collect();
    assert_eq!(both.len(), 2, "{e:?}");
    assert!(both.iter().all(|e| e.spans.len() == 1), "{e:?}");
}

#[test]
fn a_role_in_apposition_makes_a_person() {
    for text in [
        "Quorvel Atanassian, Brisa Lines' chief executive, spoke first.",
        "Quorvel Atanassian, the company's chief executive, spoke first.",
        "Quorvel Atanassian, a spokeswoman for the port, spoke first.",
        "Quorvel Atanassian, head of the port authority, spoke first.",
    ] {
        let f = found(text);
        assert!(
            f.contains(&("Quorvel Atanassian".to_string(), Person)),
            "{text}: {f:?}"
        );
    }
    // One word before a comma is too often a list item or an adverb.
    for text in [
        "Envoys met bankers from Brennmark, the head of the guild and others.",
        "Earlier, the minister spoke.",
    ] {
        assert!(
            found(text).iter().all(|(_, k)| *k != Person),
            "{text}: {:?}",
            found(text)
        );
    }
    // A clause that is no role leaves the name as it was.
    let text = "Quorvel Atanassian, the new terminal, opened in May.";
    assert!(!found(text).contains(&("Quorvel Atanassian".to_string(), Person)));
}

#[test]
fn a_role_before_the_name_makes_a_person() {
    let text = "The board thanked chief executive Quorvel Atanassian for the results.";
    assert!(found(text).contains(&("Quorvel Atanassian".to_string(), Person)));
}

#[test]
fn a_role_after_a_company_leaves_it_a_company() {
    let text = "Brisa Shipping, the owner of the tanker, declined to comment.";
    assert_eq!(found(text), vec![("Brisa Shipping".to_string(), Org)]);
}

#[test]
fn known_given_names_from_many_languages_make_a_person() {
    for name in [
        "Ingrid Holmsen",
        "Tamás Orbanyi",
        "Aiko Morinaga",
        "Chidi Okonkwe",
        "Priya Venkatram",
        "Zsofia Lakatar",
    ] {
        let text = format!("The panel also heard from {name} on Tuesday.");
        assert_eq!(found(&text), vec![(name.to_string(), Person)], "{name}");
    }
}

#[test]
fn initials_join_the_fuller_name_in_the_same_article() {
    let text = "The review was led by Kwabena T. Mensah. Later, K. T. Mensah signed it, \
                and Mensah said more.";
    let e = extractor().entities(text);
    let mensah: Vec<_> = e.iter().filter(|e| e.name.ends_with("Mensah")).collect();
    assert_eq!(mensah.len(), 1, "{e:?}");
    assert_eq!(mensah[0].name, "Kwabena T. Mensah");
    assert_eq!(mensah[0].spans.len(), 3);
}

#[test]
fn initials_fitting_two_people_join_neither_and_other_articles_stay_apart() {
    let text = "Kwabena T. Mensah and Kojo T. Mensah met. K. T. Mensah chaired.";
    let e = extractor().entities(text);
    let mensah: Vec<_> = e.iter().filter(|e| e.name.ends_with("Mensah")).collect();
    assert_eq!(mensah.len(), 3, "{e:?}");
    // Wrong initials never join.
    let text = "The review was led by Kwabena T. Mensah. Later, A. T. Mensah signed it.";
    let e = extractor().entities(text);
    assert_eq!(
        e.iter().filter(|e| e.name.ends_with("Mensah")).count(),
        2,
        "{e:?}"
    );
    // Another article's initials keep their own key.
    let a = extractor().entities("Talks were led by K. T. Mensah of Ghana.");
    let b = extractor().entities("Talks were led by Kwabena T. Mensah of Ghana.");
    assert_ne!(a[0].key, b[0].key);
}

#[test]
fn a_byline_in_another_language_keeps_the_person_only() {
    let text = "Lithium rules eased\n\nVon Katja Brandstetter\n\nThe ministry in Berlin agreed.";
    let f = found(text);
    assert!(
        f.contains(&("Katja Brandstetter".to_string(), Person)),
        "{f:?}"
    );
    assert!(f.iter().all(|(n, _)| !n.starts_with("Von")), "{f:?}");
    // A name that merely starts with `Von` mid-line is left alone.
    let text = "The rocket was designed by Wernher Von Braun and his team.";
    assert!(names(text).iter().any(|n| n.contains("Braun")));
}
