//! The whole path from bytes to an article, on briefs written for these tests.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;

fn parse(rel_path: &str, text: &str) -> Article {
    parse_article(rel_path, text.as_bytes(), &IngestRules::default()).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

const SCRAPED: &str = "Skip to content\nHome > World > Europe\n\nFerry link to the islands restored\n\nTuesday, 14 March 2023 09:12\n\nBy Ola Nordmann\n\nThe ferry between the mainland and the islands sailed again on Tuesday after a week of storms.\n\nPassengers wait at the quay\nPassengers wait at the quay\n\nThe operator said that the timetable of 2 March 2023 applies again.\n\nShare\nAdvertisement\n\nFerry link to the islands restored\n";

#[test]
fn scraped_text_is_cleaned() {
    let a = parse("transport/ferry.txt", SCRAPED);
    assert_eq!(a.id, "transport/ferry");
    assert_eq!(a.path, "transport/ferry.txt");
    assert_eq!(a.title, "Ferry link to the islands restored");
    assert_eq!(a.date, day(2023, 3, 14));
    assert_eq!(a.topics, vec!["transport"]);
    assert_eq!(
        a.body,
        "By Ola Nordmann\n\nThe ferry between the mainland and the islands sailed again on Tuesday after a week of storms.\n\nPassengers wait at the quay\n\nThe operator said that the timetable of 2 March 2023 applies again."
    );
    assert_eq!(a.raw, SCRAPED);
    assert_eq!(a.encoding, None);
    assert_eq!(a.source, None);
}

#[test]
fn scraped_wire_copy_and_web_text_are_repaired() {
    let wire = "COPPER QUOTA REVIEW\n\n4-MAR-1987 10:00:00.00&#5;&#5;\n\nPeru has set no quota for\nits copper exports this year, the mining ministry said on\nTuesday, and output would rise by about a tenth.\n    Smelters expect higher ore grades.\n";
    let a = parse("wire/copper.txt", wire);
    assert_eq!(a.title, "COPPER QUOTA REVIEW");
    assert_eq!(a.date, day(1987, 3, 4));
    assert_eq!(
        a.body,
        "Peru has set no quota for its copper exports this year, the mining ministry said on Tuesday, and output would rise by about a tenth.\n\nSmelters expect higher ore grades."
    );
    let web = "Caf&eacute; owners win &#163;2m grant | Harbour Voice\n\nFacebook\nTwitter\n\nThe grant, worth &#163;2m, goes to twelve caf&eacute;s.\n\nTerms of Use | Privacy Policy | Contact Us\n";
    let a = parse("local/cafes.txt", web);
    assert_eq!(a.title, "Café owners win £2m grant");
    assert_eq!(a.source.as_deref(), Some("Harbour Voice"));
    assert_eq!(a.body, "The grant, worth £2m, goes to twelve cafés.");
    assert_eq!(a.raw, web);
}

const MARKDOWN: &str = "+++\ntitle = \"Grid operators agree on winter reserve\"\ndate = 2025-01-10\ntopics = [\"Energy\"]\ntags = [\"winter\", \"follow-up\", \"winter\"]\nsource = \"Example Wire\"\nurl = \"https://example.com/grid\"\nid = \"grid-reserve\"\n+++\n\n# Grid operators agree on winter reserve\n\nPublished 3 January 2025\n\nThe four operators will hold a shared *reserve* of gas plants.\n";

#[test]
fn markdown_front_matter_wins() {
    let mut keywords = BTreeMap::new();
    keywords.insert("Gas".to_string(), vec!["gas plants".to_string()]);
    let rules = IngestRules {
        topic_keywords: keywords,
        ..IngestRules::default()
    };
    let a = parse_article("europe/2024-12-30-grid.md", MARKDOWN.as_bytes(), &rules).unwrap();
    assert_eq!(a.id, "grid-reserve");
    assert_eq!(a.title, "Grid operators agree on winter reserve");
    // Front matter beats the head's date line and the file name.
    assert_eq!(a.date, day(2025, 1, 10));
    assert_eq!(a.topics, vec!["energy", "europe", "gas"]);
    assert_eq!(a.tags, vec!["follow-up", "winter"]);
    assert_eq!(a.source.as_deref(), Some("Example Wire"));
    assert_eq!(a.url.as_deref(), Some("https://example.com/grid"));
    assert_eq!(
        a.body,
        "Published 3 January 2025\n\nThe four operators will hold a shared reserve of gas plants."
    );
    assert_eq!(a.raw, MARKDOWN);
}

#[test]
fn date_falls_back_from_head_to_file_name_to_none() {
    let head = parse(
        "2024-12-30-grid.md",
        "# Grid deal\n\nPublished 3 January 2025\n\nText.\n",
    );
    assert_eq!(head.date, day(2025, 1, 3));
    let name = parse(
        "notes/2024-12-30-grid.md",
        "# Grid deal\n\nText mentioning 3 January 2025 in a sentence of prose.\n",
    );
    assert_eq!(name.date, day(2024, 12, 30));
    let none = parse(
        "notes/grid.md",
        "# Grid deal\n\nText mentioning 3 January 2025 in a sentence of prose.\n",
    );
    assert_eq!(none.date, None);
}

#[test]
fn prose_dateline_without_year_is_not_a_date() {
    let a = parse(
        "a.txt",
        "Talks resume in the capital\n\nOSLO, Jan. 20 (Wire) -- Talks resumed on Jan. 19, 2022, in this account.\n",
    );
    assert_eq!(a.date, None);
}

#[test]
fn latin1_file_through_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sport")).unwrap();
    std::fs::write(
        dir.path().join("sport/fee.txt"),
        b"Club pays record fee\n\nThe fee of \xA312m was agreed.\n",
    )
    .unwrap();
    let (found, skipped) = walk::scan(dir.path());
    assert!(skipped.is_empty());
    let bytes = walk::read_file(&found[0]).unwrap();
    let a = parse_article(&found[0].rel_path, &bytes, &IngestRules::default()).unwrap();
    assert_eq!(a.encoding.as_deref(), Some("windows-1252"));
    assert!(a.encoding_guessed);
    assert_eq!(a.body, "The fee of £12m was agreed.");
    assert_eq!(a.topics, vec!["sport"]);
}

#[test]
fn crlf_files_read_like_lf_files() {
    let a = parse(
        "a.txt",
        "Headline of the day\r\n\r\nFirst line.\r\nSecond line.\r\n",
    );
    assert_eq!(a.title, "Headline of the day");
    assert_eq!(a.body, "First line.\nSecond line.");
    assert!(!a.raw.contains('\r'));
}

#[test]
fn bad_files_are_errors_not_panics() {
    let rules = IngestRules::default();
    assert_eq!(
        parse_article("a.txt", b"\x00\x01\x02binary", &rules),
        Err(IngestError::Binary)
    );
    assert_eq!(
        parse_article("a.txt", b"  \n\n", &rules),
        Err(IngestError::Empty)
    );
    assert_eq!(
        parse_article("a.md", b"+++\ndate = 2024-01-01\n+++\n\n", &rules),
        Err(IngestError::Empty)
    );
    match parse_article(
        "a.md",
        b"+++\ntitle = \"x\"\ntpoics = [\"a\"]\n+++\nBody\n",
        &rules,
    ) {
        Err(IngestError::FrontMatter { line: 3, message }) => assert!(message.contains("tpoics")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn front_matter_title_without_body_is_fine() {
    let a = parse("a.md", "+++\ntitle = \"Only a title\"\n+++\n");
    assert_eq!(a.title, "Only a title");
    assert_eq!(a.body, "");
}

#[test]
fn text_files_have_no_front_matter() {
    let a = parse("a.txt", "+++\nNot front matter here\n");
    assert_eq!(a.title, "Not front matter here");
}

#[test]
fn derived_ids() {
    assert_eq!(derive_id("energy/grid.md"), "energy/grid");
    assert_eq!(derive_id("a/b.c.txt"), "a/b.c");
    assert_eq!(derive_id("dir.v2/readme"), "dir.v2/readme");
}

/// A tiny deterministic generator, so odd inputs are tried without a crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

#[test]
fn odd_inputs_never_panic() {
    const PIECES: &[&str] = &[
        "+++",
        "---",
        "#",
        "# ",
        "title = \"x\"",
        "date = ",
        "2024-02-30",
        "31.12.2023",
        "Jan.",
        "Eylül",
        "EYLÜL",
        "İ",
        "ß",
        "£",
        "€",
        "…",
        "...",
        "\n",
        "\n\n",
        "\r",
        " ",
        "\t",
        "Home",
        "HomeWorldAsia",
        ">",
        "|",
        "/",
        "By ",
        "Share",
        "Go to Contents",
        "20",
        "2022",
        ":",
        ",",
        "&#5;",
        "```",
        "==",
        "é",
        "日本",
        "🙂",
        "Source:",
        "https://x.y",
        "\u{307}",
        "\u{feff}",
    ];
    let rules = IngestRules {
        boilerplate: vec!["ß".into(), "İ".into()],
        boilerplate_prefixes: vec!["£".into()],
        topic_keywords: BTreeMap::from([("t".to_string(), vec!["é".to_string(), "İ".to_string()])]),
    };
    let mut rng = Lcg(7);
    for round in 0..3000 {
        let mut text = String::new();
        for _ in 0..rng.next(60) {
            text.push_str(PIECES[rng.next(PIECES.len())]);
        }
        let path = if round % 2 == 0 {
            "x/2024-01-01.md"
        } else {
            "y.txt"
        };
        if let Ok(a) = parse_article(path, text.as_bytes(), &rules) {
            assert!(!a.title.is_empty());
        }
        let mut bytes = text.into_bytes();
        if !bytes.is_empty() {
            let at = rng.next(bytes.len());
            bytes[at] = 0xE9;
        }
        let _ = parse_article(path, &bytes, &rules);
    }
}

const SAVED_PAGE: &str = r#"<html><head><meta charset="utf-8">
<title>Dam inspection finds cracks – Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Dam inspection finds cracks","datePublished":"2024-06-02","articleSection":"Environment"}</script>
</head><body><header><a href="/">Valley Post</a></header>
<main><h1>Dam inspection finds cracks</h1>
<p>Engineers inspecting the upper reservoir dam found hairline cracks in the spillway, the water board said on Sunday, adding that there was no immediate danger to homes below.</p>
<p>The board will lower the water level by two metres while repairs, expected to take most of the summer, are carried out by a contractor from the coast.</p>
</main></body></html>"#;

#[test]
fn a_saved_web_page_becomes_an_article() {
    let a = parse("news/dam.html", SAVED_PAGE);
    assert_eq!(a.id, "news/dam");
    assert_eq!(a.title, "Dam inspection finds cracks");
    assert_eq!(a.date, day(2024, 6, 2));
    assert_eq!(a.source.as_deref(), Some("Valley Post"));
    assert!(
        a.topics.contains(&"environment".to_string()),
        "{:?}",
        a.topics
    );
    assert!(a.body.starts_with("Engineers inspecting"), "{}", a.body);
    assert!(!a.body.contains("Valley Post"), "{}", a.body);
    assert_eq!(a.raw, SAVED_PAGE);
}

#[test]
fn a_page_in_a_declared_legacy_encoding_is_read_in_it() {
    let page = SAVED_PAGE
        .replace("utf-8", "windows-1251")
        .replace("hairline cracks", "трещины");
    let bytes = encoding_rs::WINDOWS_1251.encode(&page).0.into_owned();
    let a = parse_article("dam.htm", &bytes, &IngestRules::default()).unwrap();
    assert_eq!(a.encoding.as_deref(), Some("windows-1251"));
    assert!(!a.encoding_guessed);
    assert!(a.body.contains("трещины"), "{}", a.body);
}

#[test]
fn broken_pages_are_read_or_refused_never_a_panic() {
    for cut in [10, 100, 400, SAVED_PAGE.len() / 2] {
        let _ = parse_article(
            "cut.html",
            &SAVED_PAGE.as_bytes()[..cut],
            &IngestRules::default(),
        );
    }
    let nested = "<div>".repeat(600) + "deep text";
    let _ = parse_article("deep.html", nested.as_bytes(), &IngestRules::default());
    assert!(matches!(
        parse_article("empty.html", b"  \n", &IngestRules::default()),
        Err(IngestError::Empty)
    ));
}
