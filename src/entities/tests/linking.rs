//! Mentions joining entities: acronyms, surnames, variants, config.

use super::*;
use crate::config::EntitiesConfig;
use crate::model::EntityKind;
use EntityKind::{Org, Other, Person, Place};

#[test]
fn demonyms_are_places_not_people_and_can_be_turned_off() {
    let text = "The talks included Chinese and Russian diplomats.";
    assert_eq!(names(text), vec!["China", "Russia"]);
    let config = EntitiesConfig {
        link_demonyms: false,
        ..Default::default()
    };
    let off = Extractor::new(&config).unwrap();
    assert!(off.entities(text).is_empty());
}

#[test]
fn mentions_carry_byte_spans_and_keys() {
    let text = "Envoys met in Geneva.";
    let m = extractor().mentions(text);
    assert_eq!(m.len(), 1);
    assert_eq!(&text[m[0].start..m[0].end], "Geneva");
    assert_eq!(m[0].text, "Geneva");
    assert_eq!(m[0].key, "geneva");
}

#[test]
fn acronym_defined_in_either_order_links_to_the_long_form() {
    let a = "The Coastal Laser Intercept System (CLIS) was tested. Critics say CLIS is costly.";
    let b = "The CLIS (Coastal Laser Intercept System) was tested. Critics say CLIS is costly.";
    for text in [a, b] {
        let e = extractor().entities(text);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].name, "Coastal Laser Intercept System");
        assert_eq!(e[0].kind, Other);
        assert_eq!(e[0].spans.len(), 3);
    }
}

#[test]
fn a_known_acronym_joins_its_gazetteer_name() {
    let text = "The United Nations Security Council (UNSC) met. The UNSC and the U.N. Security Council are one.";
    let e = extractor().entities(text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].name, "United Nations Security Council");
    assert_eq!(e[0].spans.len(), 4);
}

#[test]
fn surname_resolves_to_the_full_name_used_earlier() {
    let text = "Foreign Minister Ivan Petrenko arrived. Later, Petrenko said the talks went well.";
    let e = extractor().entities(text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].name, "Ivan Petrenko");
    assert_eq!(e[0].aliases, vec!["Ivan Petrenko", "Petrenko"]);
}

#[test]
fn east_asian_surname_comes_first() {
    let text =
        "Envoy Park Ji-hoon called Seoul. Park stressed dialogue with Wang Lei. Wang agreed.";
    let e = extractor().entities(text);
    let park = e.iter().find(|e| e.name == "Park Ji-hoon").unwrap();
    assert_eq!(park.spans.len(), 2);
    let wang = e.iter().find(|e| e.name == "Wang Lei").unwrap();
    assert_eq!(wang.spans.len(), 2);
}

#[test]
fn shared_surname_resolves_only_while_unambiguous() {
    let text = "Envoy Kim Min-su met reporters. Kim said talks would go on. \
                Later leader Kim Jong-un spoke. Kim did not elaborate.";
    let m = extractor().mentions(text);
    let kims: Vec<(&str, &str)> = m
        .iter()
        .map(|m| (m.text.as_str(), m.name.as_str()))
        .collect();
    // The first bare Kim follows only Kim Min-su; the second could be either.
    assert_eq!(
        kims,
        vec![
            ("Kim Min-su", "Kim Min-su"),
            ("Kim", "Kim Min-su"),
            ("Kim Jong-un", "Kim Jong-un")
        ]
    );
}

#[test]
fn a_lone_surname_never_takes_a_full_names_key() {
    let text = "Reporters waited. Minister Dovzhenko declined to comment, Dovzhenko's aide said.";
    let m = extractor().mentions(text);
    assert!(m.iter().all(|m| m.key == "dovzhenko"), "{m:?}");
    assert!(!m.is_empty());
}

#[test]
fn variants_fold_to_one_key_across_articles() {
    let x = extractor();
    let key = |text: &str, written: &str| {
        x.mentions(text)
            .into_iter()
            .find(|m| m.text == written)
            .map(|m| (m.name, m.key))
    };
    let un = key("Talks at the U.N. stalled.", "U.N.").unwrap();
    assert_eq!(un, key("Talks at the UN stalled.", "UN").unwrap());
    assert_eq!(
        un,
        key("Talks at the United Nations stalled.", "United Nations").unwrap()
    );
    let sk = key("Talks with S. Korea stalled.", "S. Korea").unwrap();
    assert_eq!(sk, key("Talks with SKorea stalled.", "SKorea").unwrap());
    assert_eq!(sk.0, "South Korea");
    let nk = key("Aid to N. Korea stalled.", "N. Korea").unwrap();
    assert_eq!(nk, key("Aid to NKorea stalled.", "NKorea").unwrap());
    let us = key("Aid from the U.S. stalled.", "U.S.").unwrap();
    assert_eq!(us, key("Aid from the USA stalled.", "USA").unwrap());
    assert_eq!(
        us,
        key("Aid from the United States stalled.", "United States").unwrap()
    );
    let a = key("Leader Kim Jong-Un spoke.", "Kim Jong-Un").unwrap();
    assert_eq!(
        a.1,
        key("Leader Kim Jong-un spoke.", "Kim Jong-un").unwrap().1
    );
}

#[test]
fn diacritics_fold_together() {
    let x = extractor();
    let a = x.mentions("Secretary-General António Guterres spoke.");
    let b = x.mentions("Secretary-General Antonio Guterres spoke.");
    assert_eq!(a[0].key, b[0].key);
    assert_eq!(a[0].kind, Person);
}

#[test]
fn hashtags_split_and_link() {
    let text = "Members of the #SecurityCouncil praised #China and #HarbourWatch.";
    let f = found(text);
    assert_eq!(f[0], ("United Nations Security Council".to_string(), Org));
    assert_eq!(f[1], ("China".to_string(), Place));
    assert_eq!(f[2], ("Harbour Watch".to_string(), Other));
}

#[test]
fn kanji_gazetteer_spelling_shares_the_english_key() {
    let x = extractor();
    let a = x.mentions("北京で会談した。");
    let b = x.mentions("Talks in Beijing.");
    assert_eq!(a[0].key, b[0].key);
    assert_eq!(a[0].text, "北京");
}

#[test]
fn user_config_aliases_ignore_and_kinds() {
    let mut config = EntitiesConfig::default();
    config.aliases.insert(
        "Harbour Watch Group".into(),
        vec!["HarbourWatch".into(), "the Watch".into()],
    );
    config.kinds.insert("Harbour Watch Group".into(), Org);
    config.kinds.insert("Bellmont".into(), Place);
    config.ignore.push("Geneva".into());
    let x = Extractor::new(&config).unwrap();
    let e = x.entities("HarbourWatch staff met in Geneva and in Bellmont. Bellmont was calm.");
    let got: Vec<(&str, EntityKind)> = e.iter().map(|e| (e.name.as_str(), e.kind)).collect();
    assert_eq!(got, vec![("Harbour Watch Group", Org), ("Bellmont", Place)]);
}

#[test]
fn company_short_forms_join_the_full_name() {
    let text = "Velden Capital Corp bought shares. Velden Capital said the price was fair, and Velden agreed.";
    let e = extractor().entities(text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].name, "Velden Capital Corp");
    assert_eq!(
        e[0].aliases,
        vec!["Velden Capital Corp", "Velden Capital", "Velden"]
    );
}

#[test]
fn a_user_alias_without_a_kind_takes_the_kind_the_text_suggests() {
    let mut config = EntitiesConfig::default();
    config
        .aliases
        .insert("Maria Olsen".into(), vec!["M. Olsen".into()]);
    config.aliases.insert(
        "Northgate Shipping Company".into(),
        vec!["Northgate".into()],
    );
    let x = Extractor::new(&config).unwrap();
    let e = x.entities("Envoy M. Olsen met the Northgate Shipping Company board.");
    let got: Vec<(&str, EntityKind)> = e.iter().map(|e| (e.name.as_str(), e.kind)).collect();
    assert_eq!(
        got,
        vec![("Maria Olsen", Person), ("Northgate Shipping Company", Org)]
    );
}

#[test]
fn an_acronym_rejoins_a_long_form_cut_at_and() {
    let text = "The Fisheries and Coastal Authority (FCA) met. Later the FCA agreed.";
    let e = extractor().entities(text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].name, "Fisheries and Coastal Authority");
    assert_eq!(e[0].kind, Org);
    assert_eq!(e[0].spans.len(), 3);
}

#[test]
fn a_rejoined_long_form_never_overlaps_another_name() {
    let text = "The U.S. Department of Fisheries and\nCoastal Works (FCW) said so.";
    let m = extractor().mentions(text);
    assert!(!m.is_empty());
    for w in m.windows(2) {
        assert!(w[0].end <= w[1].start, "{m:?}");
    }
}
