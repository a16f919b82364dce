//! What is a name, what is not, and which kind it is.

use super::*;
use crate::model::EntityKind;
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
    // An acronym no list knows leans to a body or company.
    assert!(f.contains(&("NORDEX".to_string(), Org)), "{f:?}");
    let hwg = extractor()
        .entities(text)
        .into_iter()
        .find(|e| e.name == "Harbour Watch Group")
        .unwrap();
    assert_eq!(hwg.aliases, vec!["Harbour Watch Group", "HWG"]);
    assert_eq!(hwg.spans.len(), 3);
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
    let text = "Last Updated: 4 May\nPosted By: staff\nVelden Corp <VLDX> rose, Harbour Ltd <HBR.L> fell. Analysts like VLDX shares.";
    assert_eq!(names(text), vec!["Velden Corp", "Harbour Ltd", "VLDX"]);
    assert_eq!(extractor().entities(text)[2].spans.len(), 1);
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

#[test]
fn adjectives_made_from_names_and_saints_places() {
    let text = "The New York-based Harbour Widgets Corp opened an office in San Avelino.";
    assert_eq!(
        found(text),
        vec![
            ("New York".to_string(), Place),
            ("Harbour Widgets Corp".to_string(), Org),
            ("San Avelino".to_string(), Place)
        ]
    );
}

#[test]
fn central_european_demonyms_link_to_their_countries() {
    let text = "Hungarian and Romanian engineers met Slovak and Croatian officials.";
    assert_eq!(
        names(text),
        vec!["Hungary", "Romania", "Slovakia", "Croatia"]
    );
    assert!(found(text).iter().all(|(_, k)| *k == Place));
}

#[test]
fn a_sign_off_names_the_source_and_is_an_entity_only_where_the_text_names_it() {
    let ex = extractor();
    // Lines joined by the cleaner: the sign-off follows the last sentence.
    let joined = ex.read("Talks in Oslo ended, officials said. Reuter");
    assert_eq!(joined.credit.as_deref(), Some("Reuters"));
    assert!(!joined.entities.iter().any(|e| e.name == "Reuters"));
    let dateline = ex.read("SEOUL, Jan. 20 (Yonhap) -- Talks began in Busan on Monday.");
    assert_eq!(dateline.credit.as_deref(), Some("Yonhap"));
    assert!(!dateline.entities.iter().any(|e| e.name == "Yonhap"));
    // Named in the text too: an entity once, and still the source.
    let named = ex.read("The ministry told Reuters it would appeal.\n Reuter\n");
    assert_eq!(named.credit.as_deref(), Some("Reuters"));
    let reuters: Vec<_> = named
        .entities
        .iter()
        .filter(|e| e.name == "Reuters")
        .collect();
    assert_eq!(reuters.len(), 1);
    assert_eq!(reuters[0].spans.len(), 1);
    // After a table row whose line break was lost.
    let table = ex.read("Shr 1.20 dlrs vs 1.10 dlrs\nNet 9,059,692 vs 8,100,000 Reuter");
    assert_eq!(table.credit.as_deref(), Some("Reuters"));
    assert!(table.entities.is_empty());
    // A name closing a sentence is not a sign-off.
    assert_eq!(ex.read("The ministry spoke to Reuters.").credit, None);
}

#[test]
fn nothing_from_an_escape_sequence_is_an_entity() {
    let text =
        "Envoys met in Geneva.\u{1b}]0;PWNED NOW\u{7} Later\u{1b}]52;c;SGVsbG8=\u{7} talks ended.";
    assert_eq!(names(text), vec!["Geneva"]);
}
