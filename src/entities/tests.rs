//! The extractor end to end, on sentences written for these tests.

use super::*;

fn extractor() -> Extractor {
    Extractor::new(&EntitiesConfig::default()).unwrap()
}

/// (name, kind) of every entity, in first-mention order.
fn found(text: &str) -> Vec<(String, EntityKind)> {
    extractor()
        .entities(text)
        .into_iter()
        .map(|e| (e.name, e.kind))
        .collect()
}

fn names(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(n, _)| n).collect()
}

use EntityKind::{Org, Other, Person, Place};

#[test]
fn demonym_title_and_hyphenated_name() {
    let text = "South Korean Foreign Minister Yun Byung-se spoke on Tuesday.";
    assert_eq!(
        found(text),
        vec![
            ("South Korea".to_string(), Place),
            ("Yun Byung-se".to_string(), Person)
        ]
    );
}

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
fn sentence_initial_words_weekdays_and_months_are_not_entities() {
    let text = "However, talks resumed on Monday in March. Nobody expected it. Officials said Friday was quiet.";
    assert!(found(text).is_empty(), "{:?}", found(text));
}

#[test]
fn bylines_keep_the_person_not_by() {
    let text = "By Lee Min-ho\n\nThe ministry spoke in Busan.";
    let f = found(text);
    assert_eq!(f[0], ("Lee Min-ho".to_string(), Person));
    assert!(!names(text).iter().any(|n| n.contains("By")));
}

#[test]
fn datelines_keep_the_place_only() {
    let text = "TOKYO, March 3 (Kyodo) -- Ministers from the region met Kyodo staff.";
    let m = extractor().mentions(text);
    let got: Vec<&str> = m.iter().map(|m| m.text.as_str()).collect();
    // The agency in the dateline is a format bit; named in prose it counts.
    assert_eq!(got, vec!["TOKYO", "Kyodo"]);
    assert!(m[1].start > text.find("--").unwrap());
}

#[test]
fn wire_sign_offs_are_not_mentions() {
    for text in [
        "Talks in Oslo ended.\n Reuter\n",
        "Talks in Oslo ended. (Yonhap)",
        "Talks in Oslo ended.\nAP",
    ] {
        assert_eq!(names(text), vec!["Oslo"], "{text:?}");
    }
    assert_eq!(names("Reuters"), vec!["Reuters"]);
}

#[test]
fn all_caps_headlines_give_only_known_names() {
    let text = "JAPAN AND CANADA SIGN NEW FISHING DEAL\n\nThe deal was signed in Ottawa.";
    assert_eq!(names(text), vec!["Japan", "Canada", "Ottawa"]);
    // `U.S.` with its dots is the country even in a shouting headline; `US` is not.
    assert_eq!(
        names("ASSETS OF U.S. FUNDS ROSE\n\nFunds grew."),
        vec!["United States"]
    );
    assert!(names("LET US GO NOW\n\nFunds grew.").is_empty());
}

#[test]
fn acronyms_in_mixed_text_but_not_plain_capitals() {
    let text = "The Harbour Watch Group (HWG) said the NORDEX drill went well. HWG staff agreed.";
    let f = found(text);
    assert!(
        f.contains(&("Harbour Watch Group".to_string(), Org)),
        "{f:?}"
    );
    assert!(f.contains(&("NORDEX".to_string(), Other)), "{f:?}");
    let hwg = extractor()
        .entities(text)
        .into_iter()
        .find(|e| e.name == "Harbour Watch Group")
        .unwrap();
    assert_eq!(hwg.aliases, vec!["Harbour Watch Group", "HWG"]);
    assert_eq!(hwg.spans.len(), 3);
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
fn organisations_by_head_word_and_people_by_given_name() {
    let text =
        "The Northgate Shipping Company hired Maria Olsen, and the Ministry of Fisheries agreed.";
    let f = found(text);
    assert!(
        f.contains(&("Northgate Shipping Company".to_string(), Org)),
        "{f:?}"
    );
    assert!(f.contains(&("Maria Olsen".to_string(), Person)), "{f:?}");
    assert!(
        f.contains(&("Ministry of Fisheries".to_string(), Org)),
        "{f:?}"
    );
}

#[test]
fn events_and_treaties_are_other() {
    let text = "Delegates praised the Lisbon Fisheries Accord before the Harbour Cup.";
    let f = found(text);
    assert!(
        f.contains(&("Lisbon Fisheries Accord".to_string(), Other)),
        "{f:?}"
    );
    assert!(f.contains(&("Harbour Cup".to_string(), Other)), "{f:?}");
}

#[test]
fn title_before_a_name_drops_the_portfolio() {
    let text = "Unification Minister Kim Yung-ho met Ambassador Philip Goldberg. Goldberg agreed.";
    let e = extractor().entities(text);
    let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["Kim Yung-ho", "Philip Goldberg"]);
    assert_eq!(e[1].spans.len(), 2);
}

#[test]
fn hangul_and_kanji_names() {
    let text = "윤석열 대통령은 서울에서 회의를 열었다. 岸田文雄首相は東京で会見した。";
    let f = found(text);
    assert!(f.contains(&("윤석열".to_string(), Person)), "{f:?}");
    assert!(f.contains(&("Seoul".to_string(), Place)), "{f:?}");
    assert!(f.contains(&("岸田文雄".to_string(), Person)), "{f:?}");
    assert!(f.contains(&("Tokyo".to_string(), Place)), "{f:?}");
    // A Hangul word with no title after it is not guessed to be a name.
    assert!(!f.iter().any(|(n, _)| n == "회의를"));
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
    config
        .kinds
        .insert("Harbour Watch Group".into(), "org".into());
    config.kinds.insert("Bellmont".into(), "place".into());
    config.ignore.push("Geneva".into());
    let x = Extractor::new(&config).unwrap();
    let e = x.entities("HarbourWatch staff met in Geneva and in Bellmont. Bellmont was calm.");
    let got: Vec<(&str, EntityKind)> = e.iter().map(|e| (e.name.as_str(), e.kind)).collect();
    assert_eq!(got, vec![("Harbour Watch Group", Org), ("Bellmont", Place)]);
}

#[test]
fn an_invalid_kind_is_a_config_error() {
    let mut config = EntitiesConfig::default();
    config.kinds.insert("Bellmont".into(), "city".into());
    let err = Extractor::new(&config).unwrap_err();
    assert_eq!(err.key.as_deref(), Some("entities.kinds.Bellmont"));
}

#[test]
fn lone_unknown_words_need_a_cue_or_a_second_use() {
    assert!(found("Crews painted the Velmora hull.").is_empty());
    assert_eq!(
        names("Crews painted the Velmora hull. The Velmora sailed."),
        vec!["Velmora"]
    );
    assert_eq!(
        found("Crews cheered as Halvorsen said yes."),
        vec![("Halvorsen".to_string(), Person)]
    );
}

#[test]
fn navigation_text_is_not_an_entity() {
    let text = "Go to Contents Go to Navigation\nBack To Top\nMost Popular\n\nTalks in Oslo ended.";
    assert_eq!(names(text), vec!["Oslo"]);
}

#[test]
fn garbage_input_does_not_panic() {
    let x = extractor();
    for text in [
        "",
        "(",
        "#",
        "U.",
        "A.B",
        "...",
        "ÀÉ",
        "—(",
        "#Ünïcode",
        "Mr.",
        "\u{301}abc",
        "서",
        "首相",
    ] {
        let _ = x.entities(text);
    }
}

#[test]
fn sentence_opening_plain_words_are_trimmed_from_names() {
    let text = "Settlement of the Harbour Watch Group ended. The settlement was quick.";
    assert_eq!(names(text), vec!["Harbour Watch Group"]);
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
fn single_letters_and_dates_are_not_names() {
    assert!(found("The S and P index and the S and P futures. 5-MAR-1987 12:49").is_empty());
}

#[test]
fn plural_possessive_inside_an_organisation() {
    let text = "Delegates of the Workers' Party of Korea met.";
    assert_eq!(
        found(text),
        vec![("Workers' Party of Korea".to_string(), Org)]
    );
}

#[test]
fn company_names_may_start_with_a_title_or_plain_word() {
    let text = "Shares of General Widgets Corp and First Harbour Bank rose, and Velden Lynch and Co Inc sold.";
    let f = found(text);
    assert!(
        f.contains(&("General Widgets Corp".to_string(), Org)),
        "{f:?}"
    );
    assert!(
        f.contains(&("First Harbour Bank".to_string(), Org)),
        "{f:?}"
    );
    assert!(
        f.contains(&("Velden Lynch and Co Inc".to_string(), Org)),
        "{f:?}"
    );
}

#[test]
fn a_head_word_alone_is_nobody() {
    assert!(found("Later the Ministry said no. The Corp agreed, the Corp said.").is_empty());
}

#[test]
fn a_verb_of_saying_marks_only_a_lone_name() {
    // `Daily` follows a known place in one run: it is not a person.
    let f = found("Reports in China Daily said the plan was ready.");
    assert!(!f.iter().any(|(_, k)| *k == Person), "{f:?}");
}

#[test]
fn table_rows_are_not_names() {
    let text = "Quarterly results\nShr 1.20 dlrs vs 1.10 dlrs\nRevs 5.1 mln vs 4.2 mln\nYear Shr 4.10 dlrs\nRevs 20 mln";
    assert!(found(text).is_empty(), "{:?}", found(text));
}

#[test]
fn plain_capitalised_words_inside_company_names() {
    let text = "He said so.\n    International Business Widgets Corp hopes to grow. International sales rose.";
    assert_eq!(names(text), vec!["International Business Widgets Corp"]);
}

#[test]
fn labels_and_ticker_symbols_are_not_names() {
    let text = "Last Updated: 4 May\nPosted By: staff\nVelden Corp <VLDX> rose. Analysts like VLDX shares.";
    assert_eq!(names(text), vec!["Velden Corp", "VLDX"]);
    assert_eq!(extractor().entities(text)[1].spans.len(), 1);
}

#[test]
fn of_joins_only_names_with_a_head_word() {
    let text = "said Maria Olsen of Northgate, and the Bank of\nKorea agreed with the Gulf of Aden patrol.";
    let f = names(text);
    assert!(f.contains(&"Maria Olsen".to_string()), "{f:?}");
    assert!(f.contains(&"Bank of Korea".to_string()), "{f:?}");
    assert!(f.contains(&"Gulf of Aden".to_string()), "{f:?}");
    // The line break inside a name is read as a space.
    let bank = extractor()
        .entities(text)
        .into_iter()
        .find(|e| e.name == "Bank of Korea")
        .unwrap();
    assert_eq!(bank.aliases, vec!["Bank of Korea"]);
}

#[test]
fn contractions_and_titles_without_a_person() {
    let text = "\"I'm sure,\" she said. \"I'm certain I've seen Lord of the Harbours twice.\" \
                The Lord of the Harbours sold well.";
    let f = found(text);
    assert!(
        !f.iter().any(|(n, k)| *k == Person || n.starts_with('I')),
        "{f:?}"
    );
}

#[test]
fn an_abbreviated_title_with_a_dot_still_announces_a_person() {
    let text = "Talks began when Mr. Dovzhenko arrived.";
    assert_eq!(found(text), vec![("Dovzhenko".to_string(), Person)]);
}

#[test]
fn generic_acronyms_are_not_entities() {
    let text = "The test of an ICBM worried the CEO; GDP and TV ratings fell, and the ICBM flew.";
    assert!(found(text).is_empty(), "{:?}", found(text));
}

#[test]
fn a_dateline_place_not_in_the_gazetteer() {
    let text = "PORTO ALEGRE, March 3 - Farmers met.\n\nPORT LOUIS, Feb 2 (Reuter) - Talks ended.";
    let f = found(text);
    assert_eq!(f[0], ("Porto Alegre".to_string(), Place));
    assert_eq!(f[1], ("Port Louis".to_string(), Place));
    let known = found("SEOUL, Jan. 20 (Yonhap) -- Talks ended.");
    assert_eq!(known, vec![("Seoul".to_string(), Place)]);
}
