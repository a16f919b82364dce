//! Companies: head words, legal forms, and their short forms.

use super::*;
use crate::model::EntityKind;
use EntityKind::{Org, Other, Person};

#[test]
fn corporate_head_words_make_an_organisation() {
    let text = "Freight rates rose at Tarrow Shipping and Quillon Semiconductors this week, \
                while Brisa Lines cut routes.";
    assert_eq!(kind_of(text, "Tarrow Shipping"), Some(Org));
    assert_eq!(kind_of(text, "Quillon Semiconductors"), Some(Org));
    assert_eq!(kind_of(text, "Brisa Lines"), Some(Org));
}

#[test]
fn a_company_that_speaks_is_still_a_company() {
    let text = "Shipments were delayed, and Morvena Gas said the pipeline would reopen.";
    assert_eq!(found(text), vec![("Morvena Gas".to_string(), Org)]);
}

#[test]
fn a_weak_head_after_a_plain_word_is_no_company() {
    // `Compressed Natural Gas` is a fuel, and `Tidal Power` is written in
    // lower case elsewhere in the text, so neither is a company.
    let text = "Buses in Oslo run on Compressed Natural Gas. Officials hope tidal power helps. \
                Tidal Power is costly.";
    assert_ne!(kind_of(text, "Compressed Natural Gas"), Some(Org));
    assert_ne!(kind_of(text, "Tidal Power"), Some(Org));
}

#[test]
fn legal_forms_make_an_organisation() {
    let text = "Investors bought shares of Fjellstad ASA, Brenner GmbH and Oakhurst PLC.";
    assert_eq!(kind_of(text, "Fjellstad ASA"), Some(Org));
    assert_eq!(kind_of(text, "Brenner GmbH"), Some(Org));
    assert_eq!(kind_of(text, "Oakhurst PLC"), Some(Org));
}

#[test]
fn a_legal_form_does_not_split_a_company_across_articles() {
    let ex = extractor();
    let a = ex.entities("Analysts rated Selvik Power ASA highly on Monday.");
    let b = ex.entities("Output at Selvik Power slipped in the spring.");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(b.len(), 1, "{b:?}");
    assert_eq!(a[0].key, b[0].key);
    // The display name keeps the legal form.
    assert_eq!(a[0].name, "Selvik Power ASA");
    // Only an organisation's key loses the legal form, and never its last word.
    assert_eq!(entity_key("Selvik Power ASA", Person), "selvik power asa");
    assert_eq!(entity_key("Group", Org), "group");
}

#[test]
fn inside_an_article_a_legal_form_joins_the_bare_name() {
    let text = "Daewon Gas Corporation signed the deal. Daewon Gas will build the terminal.";
    let e = extractor().entities(text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].name, "Daewon Gas Corporation");
    assert_eq!(e[0].spans.len(), 2);
}

#[test]
fn a_short_form_before_the_full_name_still_joins_it() {
    // A headline names the company without its legal form first.
    let text = "Selvik Power wins a licence\n\nSelvik Power ASA has won a licence. \
                Analysts expect Selvik to hire.";
    let e = extractor().entities(text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].name, "Selvik Power ASA");
    assert_eq!(e[0].spans.len(), 3);
}

#[test]
fn a_short_form_joins_the_one_company_it_starts() {
    let text = "Ostrava Gas Transmission runs the line. Ostrava Gas says demand is up, \
                and Ostrava expects more.";
    let e = extractor().entities(text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].name, "Ostrava Gas Transmission");
    assert_eq!(e[0].spans.len(), 3);
}

#[test]
fn two_companies_joined_by_and_stay_two() {
    let text = "Contracts went to Tarrow Shipping and Quillon Steel last year.";
    assert_eq!(
        names(text),
        vec!["Tarrow Shipping".to_string(), "Quillon Steel".to_string()]
    );
}

#[test]
fn a_short_form_shared_by_two_companies_joins_neither() {
    let text = "Halden Shipping reported losses, as did Halden Steel. Halden declined to comment.";
    let e = extractor().entities(text);
    let halden: Vec<_> = e.iter().filter(|e| e.name.starts_with("Halden")).collect();
    assert_eq!(halden.len(), 2, "{e:?}");
    assert!(halden.iter().all(|e| e.spans.len() == 1), "{e:?}");
}

#[test]
fn a_lone_title_or_rank_is_never_an_entity() {
    for text in [
        "The report went to the Secretary General on Monday.",
        "Later the General said the drill was over.",
        "Delegates met with the Chancellor. The Chancellor said little.",
        "The Admiral told sailors to wait. The Governor agreed.",
    ] {
        let f = found(text);
        assert!(
            f.iter().all(|(n, _)| n.split(' ').count() > 1),
            "{text}: {f:?}"
        );
    }
    // A rank still announces the person after it.
    let text = "Admiral Odile Marchetti inspected the base.";
    assert_eq!(found(text), vec![("Odile Marchetti".to_string(), Person)]);
    // And companies named with a title word stay companies.
    let text = "Shares of General Motors rose.";
    assert_ne!(kind_of(text, "General Motors"), Some(Other));
    let text = "Sales at General Tarpon Inc rose, and General Quenby gained too.";
    assert_eq!(kind_of(text, "General Tarpon Inc"), Some(Org));
    assert!(
        found(text).iter().all(|(_, k)| *k != Person),
        "{:?}",
        found(text)
    );
}
