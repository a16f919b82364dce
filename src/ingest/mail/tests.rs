use super::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mail/");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}{name}")).unwrap()
}

#[test]
fn an_html_newsletter_is_read_from_its_html_part_without_its_furniture() {
    let a = read_message_file(
        "mail/newsletter.eml",
        &fixture("newsletter.eml"),
        &IngestRules::default(),
    )
    .unwrap();
    assert_eq!(a.title, "Night ferries and a new pier");
    assert_eq!(a.date, NaiveDate::from_ymd_opt(2025, 3, 5));
    assert_eq!(a.source.as_deref(), Some("The Harbour Letter"));
    assert!(
        a.topics.contains(&"harbour letter".to_string()),
        "{:?}",
        a.topics
    );
    assert!(a.body.contains("new pier at Skeld"), "{}", a.body);
    assert!(
        !a.body.contains("text version"),
        "the HTML part wins: {}",
        a.body
    );
    assert!(!a.body.to_lowercase().contains("unsubscribe"), "{}", a.body);
    assert!(
        !a.body.to_lowercase().contains("in your browser"),
        "{}",
        a.body
    );
    let doc = message_document("mail/newsletter.eml", &a.raw).unwrap();
    assert_eq!(doc.plain(), a.body);
}

#[test]
fn a_quoted_printable_latin1_message_is_decoded() {
    let a = read_message_file(
        "mail/latin1-qp.eml",
        &fixture("latin1-qp.eml"),
        &IngestRules::default(),
    )
    .unwrap();
    assert_eq!(a.title, "Menu dégustation à la créole");
    assert_eq!(a.source.as_deref(), Some("Café du Port"));
    assert!(
        a.body.contains("Le café ouvre une terrasse près du quai"),
        "{}",
        a.body
    );
    assert!(a.body.contains("André Loisel"), "{}", a.body);
}

#[test]
fn an_mbox_gives_each_message_with_a_stable_key() {
    let bytes = fixture("digest.mbox");
    let items = read_mbox(
        "mail/digest.mbox",
        &bytes,
        &IngestRules::default(),
        &HashMap::new(),
    )
    .unwrap()
    .items;
    assert_eq!(items.len(), 3);
    let titles: Vec<&str> = items
        .iter()
        .map(|i| i.article.as_ref().unwrap().title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Cranes arrive at the container quay",
            "Tug crews sign a new contract",
            "Fog closes the outer channel"
        ]
    );
    assert_eq!(
        items[0].key,
        collection::key_of("mbox-1@harbour-desk.example")
    );
    let first = items[0].article.as_ref().unwrap();
    assert!(
        first.body.contains("From the quay"),
        "unquoted: {}",
        first.body
    );
    // Read again knowing the first two: they keep their keys, unparsed.
    let known: HashMap<String, String> = items[..2]
        .iter()
        .map(|i| (i.hash.clone(), i.key.clone()))
        .collect();
    let again = read_mbox("mail/digest.mbox", &bytes, &IngestRules::default(), &known)
        .unwrap()
        .items;
    assert!(again[0].article.is_none() && again[1].article.is_none());
    assert_eq!(again[2].key, items[2].key);
    assert!(again[2].article.is_some());
}

#[test]
fn subjects_lose_reply_marks_and_list_tags() {
    assert_eq!(
        clean_subject("Re: [List] Fwd: Harbour news"),
        "Harbour news"
    );
    assert_eq!(clean_subject("AW: WG: Re[2]: Budget"), "Budget");
    assert_eq!(
        clean_subject("Regarding: the budget"),
        "Regarding: the budget"
    );
    assert_eq!(clean_subject("[List]"), "[List]");
}

#[test]
fn maildir_messages_are_named_by_their_folder() {
    assert_eq!(
        maildir_of("inbox/cur/1733.M1.host:2,S"),
        Some(("inbox", "1733.M1.host"))
    );
    assert_eq!(
        maildir_of("inbox/new/1733.M1.host"),
        Some(("inbox", "1733.M1.host"))
    );
    assert_eq!(maildir_of("inbox/cur/notes.md"), None);
    assert_eq!(maildir_of("inbox/tmp/1733"), None);
}

#[test]
fn a_message_whose_boundary_never_occurs_is_read_by_the_boundary_its_parts_have() {
    let bytes = fixture("bad-boundary.mbox");
    let read = read_mbox(
        "mail/bad-boundary.mbox",
        &bytes,
        &IngestRules::default(),
        &HashMap::new(),
    )
    .unwrap();
    assert_eq!(read.items.len(), 3);
    assert!(read.faults.is_empty(), "{:?}", read.faults);
    let fire = read.items[1].article.as_ref().unwrap();
    assert_eq!(fire.title, "Grain silo fire put out overnight");
    // The HTML part, as for any multipart/alternative message, and no
    // part headers or boundary lines in the text.
    assert!(fire.body.contains("east grain silo"), "{}", fire.body);
    assert!(!fire.body.contains("Content-Type"), "{}", fire.body);
    assert!(!fire.body.contains("different-boundary"), "{}", fire.body);
    assert_eq!(fire.warnings.len(), 1, "{:?}", fire.warnings);
    assert_eq!(fire.warnings[0].line, 18);
    assert!(
        fire.warnings[0]
            .message
            .starts_with("MIME boundary `==never-used==` never occurs"),
        "{:?}",
        fire.warnings
    );
    // The reader lays it out from the same repaired message.
    let doc = message_document("mail/bad-boundary.mbox", &fire.raw).unwrap();
    assert_eq!(doc.plain(), fire.body);
    // The others are untouched; the last one's unsubscribe line dropped.
    assert!(read.items[0].article.as_ref().unwrap().warnings.is_empty());
    let lights = read.items[2].article.as_ref().unwrap();
    assert!(lights.body.contains("LED lamps"), "{}", lights.body);
    assert!(!lights.body.to_lowercase().contains("unsubscribe"));
}

#[test]
fn a_boundary_with_no_parts_at_all_is_reported_and_read_as_text() {
    let message = b"From: A <a@example.org>\nSubject: Cut short\nContent-Type: multipart/mixed; boundary=zzz\n\nOnly a line of text, no parts.\n";
    let a = read_message_file("cut.eml", message, &IngestRules::default()).unwrap();
    assert_eq!(a.warnings.len(), 1);
    assert_eq!(a.warnings[0].line, 3);
    assert!(
        a.warnings[0]
            .message
            .ends_with("the body is read as plain text"),
        "{:?}",
        a.warnings
    );
    assert!(a.body.contains("Only a line of text"), "{}", a.body);
    // A boundary that occurs is no fault.
    let fine = b"From: A <a@example.org>\nSubject: Fine\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\nHello there.\n--b1--\n";
    let a = read_message_file("fine.eml", fine, &IngestRules::default()).unwrap();
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert!(a.body.contains("Hello there."));
}
