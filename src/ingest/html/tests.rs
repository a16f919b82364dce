use super::*;
use crate::ingest::IngestRules;

fn page(html: &str) -> WebPage {
    read(html, &Boilerplate::new(&IngestRules::default()))
}

const ARTICLE: &str = r#"<!doctype html><html><head>
<title>Harbour reopens after storm | Coast Gazette</title>
<meta property="og:site_name" content="Coast Gazette">
<meta property="article:published_time" content="2025-03-04T07:30:00Z">
<meta property="article:section" content="Local">
<meta name="author" content="Ana Ruiz">
<link rel="canonical" href="https://gazette.example/local/harbour">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour reopens after storm</h1>
<p>The harbour at Porthmellin reopened on Tuesday after engineers spent three weeks repairing the sea wall that the January storm had breached in two places, the council said.</p>
<p>Fishing boats returned to their moorings by noon, and the ferry to the islands will resume its <a href="/timetable">winter timetable</a> from Thursday, according to the operator, which had moved its sailings to a neighbouring port.</p>
<h2>What was repaired</h2>
<ul><li>Two breaches in the outer wall</li><li>The lifeboat slipway</li></ul>
<p>Residents said the closure had cost local businesses thousands of pounds in lost trade over what is usually a quiet but steady season for the town's cafes and chandlers.</p>
</article>
<footer><p>Terms of Use | Privacy Policy | Contact Us</p></footer>
</body></html>"#;

#[test]
fn a_saved_article_yields_its_text_and_metadata() {
    let p = page(ARTICLE);
    assert_eq!(p.title, "Harbour reopens after storm");
    assert_eq!(p.date, NaiveDate::from_ymd_opt(2025, 3, 4));
    assert_eq!(p.source.as_deref(), Some("Coast Gazette"));
    assert_eq!(p.author.as_deref(), Some("Ana Ruiz"));
    assert_eq!(p.section.as_deref(), Some("Local"));
    assert_eq!(
        p.url.as_deref(),
        Some("https://gazette.example/local/harbour")
    );
    assert!(
        p.markdown.contains("## What was repaired"),
        "{}",
        p.markdown
    );
    assert!(
        p.markdown.contains("- Two breaches in the outer wall"),
        "{}",
        p.markdown
    );
    assert!(
        p.markdown.contains("[winter timetable][1]"),
        "{}",
        p.markdown
    );
    assert!(
        p.markdown
            .ends_with("[1]: <https://gazette.example/timetable>"),
        "{}",
        p.markdown
    );
    assert_eq!(p.links[0].text, "winter timetable");
    assert!(!p.text.contains("Home"), "{}", p.text);
    assert!(!p.text.contains("Privacy"), "{}", p.text);
    assert!(!p.text.starts_with("Harbour reopens"), "{}", p.text);
}

#[test]
fn truncated_html_still_gives_what_it_has() {
    let cut = &ARTICLE[..ARTICLE.find("What was repaired").unwrap()];
    let p = page(cut);
    assert_eq!(p.title, "Harbour reopens after storm");
    assert!(p.text.contains("Porthmellin"), "{}", p.text);
}

#[test]
fn a_page_without_an_article_is_empty_not_a_panic() {
    let p = page("<html><body><div></div></body></html>");
    assert!(p.title.is_empty());
    let p = page("");
    assert!(p.text.is_empty());
}

#[test]
fn a_visible_dateline_dates_a_page_without_metadata() {
    let p = page(
        "<html><head><title>Quiet week</title></head><body><article><h1>Quiet week</h1>\
         <p>Published 4 March 2025 by the desk</p>\
         <p>Nothing much happened this week in the valley, where the river stayed within its banks and the roads stayed open for everyone travelling to the market towns.</p>\
         </article></body></html>",
    );
    assert_eq!(p.date, NaiveDate::from_ymd_opt(2025, 3, 4));
}

#[test]
fn a_page_dated_by_what_it_states_then_shows_then_labels() {
    let body = "<p>The harbour reopened on Tuesday after engineers spent three weeks repairing the sea wall that the January storm had breached in two places.</p>";
    // Shown by the headline, not labelled an update: the date.
    let p = page(&format!(
        "<body><article><h1>Harbour reopens</h1><p>March 4, 2025</p>{body}</article></body>"
    ));
    assert_eq!(p.date, NaiveDate::from_ymd_opt(2025, 3, 4));
    // An update shown by the headline yields to a publication labelled further down.
    let p = page(&format!(
        "<body><article><h1>Harbour reopens</h1><p>Updated June 1, 2025</p>{body}<p>Posted on March 4, 2025</p></article></body>"
    ));
    assert_eq!(p.date, NaiveDate::from_ymd_opt(2025, 3, 4));
    // What the page states comes first.
    let p = page(&format!(
        r#"<head><meta property="article:published_time" content="2025-02-01"></head>
        <body><article><h1>Harbour reopens</h1><p>March 4, 2025</p>{body}</article></body>"#
    ));
    assert_eq!(p.date, NaiveDate::from_ymd_opt(2025, 2, 1));
}

#[test]
fn a_page_encoded_in_utf8_twice_reads_right() {
    let p = page(
        "<head><title>Investor\u{e2}\u{80}\u{99}s guide to harbours</title></head><body><h1>Investor\u{e2}\u{80}\u{99}s guide to harbours</h1></body>",
    );
    assert_eq!(p.title, "Investor's guide to harbours");
}
