//! Collection-wide case evidence: a lone capitalised word used once at a
//! sentence start is a name where no article writes it in lower case and
//! one capitalises it mid-sentence; and the index gives the same entities
//! however its articles arrived.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Index, Toolkit};
use crate::config::Config;
use crate::entities::Extractor;
use crate::ingest::IngestRules;

pub(super) fn toolkit() -> Toolkit {
    let config = Config::builtin();
    Toolkit {
        rules: IngestRules::from_config(&config),
        extractor: Extractor::new(&config.entities).unwrap(),
        fingerprint: "test".into(),
    }
}

/// Every article's entities as `kind:key`, sorted, by article id.
pub(super) fn snapshot(index: &Index) -> BTreeMap<String, Vec<String>> {
    index
        .live()
        .unwrap()
        .into_iter()
        .map(|(id, _)| {
            let mut keys: Vec<String> = index
                .entity_links(&id, Some(0))
                .unwrap()
                .into_iter()
                .map(|l| l.key)
                .collect();
            keys.sort();
            (id, keys)
        })
        .collect()
}

fn names(index: &Index, id: &str, word: &str) -> bool {
    index
        .entity_links(id, Some(0))
        .unwrap()
        .iter()
        .any(|l| l.name == word)
}

/// A scratch folder (removed when the first value drops) holding an empty
/// `briefs/` folder and an index.
fn scratch() -> (tempfile::TempDir, PathBuf, Index) {
    let root = tempfile::tempdir().unwrap();
    let briefs = root.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    let index = Index::open(&root.path().join("index.db")).unwrap();
    (root, briefs, index)
}

/// The entities a cold index of `briefs` gives (see [`snapshot`]).
pub(super) fn cold(briefs: &Path, kit: &Toolkit) -> BTreeMap<String, Vec<String>> {
    let scratch = tempfile::tempdir().unwrap();
    let mut index = Index::open(&scratch.path().join("index.db")).unwrap();
    index.sync(briefs, kit).unwrap();
    snapshot(&index)
}

const POSTED: &str =
    "Quarterly results\n\nVarnholt posted a loss on Tuesday. Analysts had expected more.\n";
const SIGNED: &str = "Pipeline deal\n\nThe deal with Varnholt was signed in Oslo on Friday.\n";
const ROSE: &str = "Markets\n\nBrimstone rose sharply. Traders watched the screens.\n";
const SOLD: &str = "Trading notes\n\nFunds sold Brimstone shares all week.\n";
const SMELL: &str = "Town notes\n\nThe smell of brimstone lingered over the harbour.\n";

#[test]
fn a_word_capitalised_mid_sentence_elsewhere_and_never_lower_case_is_a_name() {
    let (_root, briefs, mut index) = scratch();
    let kit = toolkit();
    let put = |name: &str, text: &str| std::fs::write(briefs.join(name), text).unwrap();

    // Alone, a word opening the only sentence naming it proves nothing.
    put("a.txt", POSTED);
    index.sync(&briefs, &kit).unwrap();
    assert!(!names(&index, "a", "Varnholt"));
    assert!(!names(&index, "a", "Analysts"));
    assert_eq!(snapshot(&index), cold(&briefs, &kit));

    // Another article capitalises it mid-sentence: a name in both.
    put("b.txt", SIGNED);
    index.sync(&briefs, &kit).unwrap();
    assert!(names(&index, "a", "Varnholt") && names(&index, "b", "Varnholt"));
    assert_eq!(snapshot(&index), cold(&briefs, &kit));

    put("c.txt", ROSE);
    put("e.txt", SOLD);
    index.sync(&briefs, &kit).unwrap();
    assert!(names(&index, "c", "Brimstone"));
    assert_eq!(snapshot(&index), cold(&briefs, &kit));

    // One article writing it in lower case makes it a plain word everywhere.
    put("d.txt", SMELL);
    index.sync(&briefs, &kit).unwrap();
    assert!(!names(&index, "c", "Brimstone") && !names(&index, "e", "Brimstone"));
    assert_eq!(snapshot(&index), cold(&briefs, &kit));

    // The evidence leaves with the article that gave it.
    put(
        "b.txt",
        "Pipeline deal\n\nThe deal was signed in Oslo on Friday.\n",
    );
    index.sync(&briefs, &kit).unwrap();
    assert!(!names(&index, "a", "Varnholt"));
    std::fs::remove_file(briefs.join("d.txt")).unwrap();
    index.sync(&briefs, &kit).unwrap();
    assert!(names(&index, "c", "Brimstone"));
    assert_eq!(snapshot(&index), cold(&briefs, &kit));
}

#[test]
fn any_order_of_updates_gives_the_cold_index() {
    let texts = [
        ("a.txt", POSTED),
        ("b.txt", SIGNED),
        ("c.txt", ROSE),
        ("d.txt", SMELL),
        ("e.txt", SOLD),
    ];
    let kit = toolkit();
    let all = tempfile::tempdir().unwrap();
    for (name, text) in texts {
        std::fs::write(all.path().join(name), text).unwrap();
    }
    let expected = cold(all.path(), &kit);
    assert!(expected["a"].iter().any(|k| k.ends_with(":varnholt")));
    assert!(!expected["c"].iter().any(|k| k.ends_with(":brimstone")));
    // Several orders, one file per update.
    for order in [
        [0, 1, 2, 3, 4],
        [4, 3, 2, 1, 0],
        [2, 4, 0, 3, 1],
        [3, 2, 4, 1, 0],
    ] {
        let (_root, briefs, mut index) = scratch();
        for i in order {
            let (name, text) = texts[i];
            std::fs::write(briefs.join(name), text).unwrap();
            index.sync(&briefs, &kit).unwrap();
        }
        assert_eq!(snapshot(&index), expected, "order {order:?}");
    }
}

#[test]
fn a_sign_off_fills_an_empty_source() {
    let (_root, briefs, mut index) = scratch();
    std::fs::write(
        briefs.join("wire.txt"),
        "Port reopens\n\nThe port of Halden reopened on Monday, officials said.\n Reuter\n",
    )
    .unwrap();
    std::fs::write(
        briefs.join("own.md"),
        "+++\ntitle = \"Port reopens\"\nsource = \"Harbour Desk\"\n+++\n\nThe port reopened.\n Reuter\n",
    )
    .unwrap();
    index.sync(&briefs, &toolkit()).unwrap();
    let source = |id: &str| index.article(id).unwrap().unwrap().row.source;
    assert_eq!(source("wire").as_deref(), Some("Reuters"));
    assert_eq!(source("own").as_deref(), Some("Harbour Desk"));
    assert!(!names(&index, "wire", "Reuters"));
}

#[test]
fn the_sidebar_order_is_salience_a_name_found_everywhere_sinks() {
    let (_root, briefs, mut index) = scratch();
    let put = |name: &str, text: &str| std::fs::write(briefs.join(name), text).unwrap();
    put(
        "a.txt",
        "Port talks\n\nEnvoys met in Geneva. Talks in Oslo resumed, and Oslo traders \
         cheered. Ships left Oslo at dawn.\n",
    );
    put("b.txt", "Talks\n\nEnvoys met in Geneva again.\n");
    put("c.txt", "More talks\n\nThe envoys stayed in Geneva.\n");
    index.sync(&briefs, &toolkit()).unwrap();
    let links = index.entity_links("a", Some(0)).unwrap();
    let order: Vec<&str> = links.iter().map(|l| l.name.as_str()).collect();
    let at = |n: &str| order.iter().position(|o| *o == n).unwrap();
    assert!(at("Oslo") < at("Geneva"), "{order:?}");
    let oslo = links.iter().find(|l| l.name == "Oslo").unwrap();
    assert_eq!(
        oslo.kind,
        links.iter().find(|l| l.name == "Geneva").unwrap().kind
    );
    assert_eq!(oslo.mentions, 3);
}

#[test]
fn a_name_found_by_evidence_carries_its_articles_date_and_source() {
    let (_root, briefs, mut index) = scratch();
    let kit = toolkit();
    let dated = |title: &str, date: &str, body: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\nsource = \"Desk\"\n+++\n{body}")
    };
    std::fs::write(
        briefs.join("a.md"),
        dated(
            "Results",
            "2025-03-04",
            "Varnholt posted a loss on Tuesday.\n",
        ),
    )
    .unwrap();
    std::fs::write(
        briefs.join("b.md"),
        dated(
            "Deal",
            "2025-04-01",
            "The deal with Varnholt was signed on Friday.\n",
        ),
    )
    .unwrap();
    index.sync(&briefs, &kit).unwrap();
    assert!(names(&index, "a", "Varnholt"));
    // An entity page's timeline and sources read these columns.
    let (found, mismatched): (i64, i64) = index
        .conn
        .query_row(
            "SELECT count(*), sum(ae.date IS NOT a.date OR ae.source IS NOT a.source)
             FROM article_entities ae JOIN articles a ON a.rowid = ae.article
             WHERE ae.by_evidence = 1",
            [],
            |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0))),
        )
        .unwrap();
    assert!(found > 0, "a name found by evidence");
    assert_eq!(
        mismatched, 0,
        "its rows carry the article's date and source"
    );
}

/// A rename of the word `Varnholt`, which articles name only by evidence.
fn rename_varnholt() -> crate::state::Correction {
    use crate::model::EntityKind;
    use crate::state::{Correction, CorrectionAction, EntityRef};
    let mut c = Correction::new(
        EntityRef {
            kind: EntityKind::Other,
            key: "varnholt".into(),
            name: "Varnholt".into(),
        },
        vec!["Varnholt".into()],
        CorrectionAction::Rename {
            name: "Varnholt Group".into(),
        },
    );
    c.id = 1;
    c
}

#[test]
fn a_corrected_name_found_by_evidence_still_leaves_with_its_evidence() {
    let kit = toolkit();
    // Corrected, then the evidence goes; and corrected, put back as found
    // (the corrections changed), then the evidence goes.
    for restore_first in [false, true] {
        let (_root, briefs, mut index) = scratch();
        std::fs::write(briefs.join("a.txt"), POSTED).unwrap();
        std::fs::write(briefs.join("b.txt"), SIGNED).unwrap();
        index.sync(&briefs, &kit).unwrap();
        assert!(names(&index, "a", "Varnholt"));
        let applied = index.apply_corrections(&[rename_varnholt()]).unwrap();
        assert!(applied.corrected > 0, "{applied:?}");
        assert!(names(&index, "a", "Varnholt Group"));
        if restore_first {
            index.apply_corrections(&[]).unwrap();
            assert!(names(&index, "a", "Varnholt"));
        }
        std::fs::write(
            briefs.join("b.txt"),
            "Pipeline deal\n\nThe deal was signed in Oslo on Friday.\n",
        )
        .unwrap();
        index.sync(&briefs, &kit).unwrap();
        let gone =
            |index: &Index| !names(index, "a", "Varnholt") && !names(index, "a", "Varnholt Group");
        assert!(gone(&index), "restore first: {restore_first}");
        // Nor does putting the article back as found bring it back.
        index.apply_corrections(&[]).unwrap();
        assert!(gone(&index), "restore first: {restore_first}");
        assert_eq!(snapshot(&index), cold(&briefs, &kit));
    }
}

// A made-up company, named once at a sentence start in one article and
// once mid-sentence after `shares of` in another; no article writes it
// in lower case.
const OPENS: &str = "Drilling plans\n\nQuorvane said on Monday it would drill two wells. \
     The plan was welcomed.\n";
const SHARES: &str = "Oslo market\n\nTraders said shares of Quorvane rose on the news.\n";

#[test]
fn a_word_opening_a_sentence_is_a_name_where_another_article_writes_shares_of_it() {
    let kit = toolkit();
    // Either article first, one per update, and both at once.
    for order in [[0, 1], [1, 0]] {
        let texts = [("opens.txt", OPENS), ("shares.txt", SHARES)];
        let (_root, briefs, mut index) = scratch();
        let (first, _) = texts[order[0]];
        std::fs::write(briefs.join(first), texts[order[0]].1).unwrap();
        index.sync(&briefs, &kit).unwrap();
        // Alone, neither article shows it to be a name at its start.
        if first == "opens.txt" {
            assert!(!names(&index, "opens", "Quorvane"));
        }
        std::fs::write(briefs.join(texts[order[1]].0), texts[order[1]].1).unwrap();
        index.sync(&briefs, &kit).unwrap();
        assert!(names(&index, "opens", "Quorvane"), "order {order:?}");
        assert!(names(&index, "shares", "Quorvane"), "order {order:?}");
        assert_eq!(snapshot(&index), cold(&briefs, &kit), "order {order:?}");
    }
    // One article writing it in lower case takes it back everywhere.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("opens.txt"), OPENS).unwrap();
    std::fs::write(dir.path().join("shares.txt"), SHARES).unwrap();
    std::fs::write(
        dir.path().join("plain.txt"),
        "Notes\n\nThe quorvane in the garden flowered early.\n",
    )
    .unwrap();
    let snap = cold(dir.path(), &kit);
    assert!(
        !snap["opens"].iter().any(|k| k.ends_with(":quorvane")),
        "{snap:?}"
    );
}

// A made-up town: typed by `in` in one article, named with no cue in another.
const IN_TOWN: &str = "Front line\n\nTroops moved in Velmora on Monday.\n";
const TOWN_ALONE: &str = "Quiet day\n\nReporters toured Velmora, and Velmora stayed calm.\n";
// The same word as a company, in two other articles.
const TOWN_SHARES: &str = "Stocks\n\nBuyers took shares of Velmora all day.\n";
const TOWN_STAKE: &str = "Deals\n\nA fund bought a stake in Velmora last week.\n";

fn kinds_of(snap: &BTreeMap<String, Vec<String>>, id: &str, word: &str) -> Vec<String> {
    snap.get(id)
        .into_iter()
        .flatten()
        .filter(|k| k.ends_with(&format!(":{word}")))
        .cloned()
        .collect()
}

#[test]
fn a_word_typed_by_a_cue_in_one_article_has_that_kind_where_it_has_none() {
    let kit = toolkit();
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("opens.txt", OPENS),
        ("shares.txt", SHARES),
        ("in.txt", IN_TOWN),
        ("alone.txt", TOWN_ALONE),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let snap = cold(dir.path(), &kit);
    // `Quorvane said` has no kind of its own; `shares of Quorvane` does.
    assert_eq!(kinds_of(&snap, "opens", "quorvane"), vec!["org:quorvane"]);
    assert_eq!(kinds_of(&snap, "shares", "quorvane"), vec!["org:quorvane"]);
    // `in Velmora` makes the bare `Velmora` elsewhere a place.
    assert_eq!(kinds_of(&snap, "alone", "velmora"), vec!["place:velmora"]);
    assert_eq!(kinds_of(&snap, "in", "velmora"), vec!["place:velmora"]);

    // Two kinds given comparably often: neither is forced on it.
    std::fs::write(dir.path().join("shares2.txt"), TOWN_SHARES).unwrap();
    let snap = cold(dir.path(), &kit);
    assert_eq!(kinds_of(&snap, "alone", "velmora"), vec!["other:velmora"]);
    // Twice as often a company as a place: a company where it has no kind.
    std::fs::write(dir.path().join("stake.txt"), TOWN_STAKE).unwrap();
    let snap = cold(dir.path(), &kit);
    assert_eq!(kinds_of(&snap, "alone", "velmora"), vec!["org:velmora"]);
    // A cue in the article itself wins over the collection.
    assert_eq!(kinds_of(&snap, "in", "velmora"), vec!["place:velmora"]);
}

#[test]
fn a_kind_carried_across_articles_is_the_same_in_any_order_of_updates() {
    let texts = [
        ("opens.txt", OPENS),
        ("shares.txt", SHARES),
        ("in.txt", IN_TOWN),
        ("alone.txt", TOWN_ALONE),
        ("shares2.txt", TOWN_SHARES),
        ("stake.txt", TOWN_STAKE),
    ];
    let kit = toolkit();
    let all = tempfile::tempdir().unwrap();
    for (name, text) in texts {
        std::fs::write(all.path().join(name), text).unwrap();
    }
    let expected = cold(all.path(), &kit);
    assert_eq!(kinds_of(&expected, "alone", "velmora"), vec!["org:velmora"]);
    for order in [
        [0, 1, 2, 3, 4, 5],
        [5, 4, 3, 2, 1, 0],
        [3, 2, 5, 0, 4, 1],
        [1, 3, 0, 4, 2, 5],
    ] {
        let (_root, briefs, mut index) = scratch();
        for i in order {
            let (name, text) = texts[i];
            std::fs::write(briefs.join(name), text).unwrap();
            index.sync(&briefs, &kit).unwrap();
        }
        assert_eq!(snapshot(&index), expected, "order {order:?}");
        // The cues leave with their articles: back to no kind, then to a
        // place, as a cold index of what is left gives.
        for gone in ["stake.txt", "shares2.txt", "in.txt"] {
            std::fs::remove_file(briefs.join(gone)).unwrap();
            index.sync(&briefs, &kit).unwrap();
            assert_eq!(
                snapshot(&index),
                cold(&briefs, &kit),
                "order {order:?}, {gone} removed"
            );
        }
        assert_eq!(
            kinds_of(&snapshot(&index), "alone", "velmora"),
            vec!["other:velmora"]
        );
    }
}

#[test]
fn an_update_decides_again_only_the_articles_whose_evidence_changed() {
    let (_root, briefs, mut index) = scratch();
    let kit = toolkit();
    let put = |name: &str, text: &str| std::fs::write(briefs.join(name), text).unwrap();
    // Each holds lone words at a sentence start, waiting for evidence.
    put("a.txt", POSTED);
    put("c.txt", ROSE);
    put(
        "f.txt",
        "Harbour notes\n\nDredgers worked through the night. Crews left at dawn.\n",
    );
    index.sync(&briefs, &kit).unwrap();
    let untouched = |index: &Index| {
        let s = snapshot(index);
        (s["c"].clone(), s["f"].clone())
    };
    let before = untouched(&index);

    // `Varnholt` capitalised mid-sentence: a name now, so only the article
    // holding it as a candidate is decided again.
    put("b.txt", SIGNED);
    let report = index.sync(&briefs, &kit).unwrap();
    assert!(names(&index, "a", "Varnholt"));
    assert_eq!(report.redecided, 1, "{report:?}");
    assert_eq!(untouched(&index), before);

    // More of the same evidence, and evidence that changes no verdict
    // (`brimstone` in lower case, where no article capitalised it
    // mid-sentence): nothing stored before is decided again.
    put(
        "g.txt",
        "More deals\n\nBankers expect Varnholt to sign again.\n",
    );
    put("d.txt", SMELL);
    let report = index.sync(&briefs, &kit).unwrap();
    assert_eq!(report.redecided, 0, "{report:?}");
    assert!(names(&index, "a", "Varnholt"));
    assert_eq!(untouched(&index), before);
    assert_eq!(snapshot(&index), cold(&briefs, &kit));

    // The evidence leaves: the articles holding the word, and only they.
    std::fs::remove_file(briefs.join("b.txt")).unwrap();
    std::fs::remove_file(briefs.join("g.txt")).unwrap();
    let report = index.sync(&briefs, &kit).unwrap();
    assert!(!names(&index, "a", "Varnholt"));
    assert_eq!(report.redecided, 1, "{report:?}");
    assert_eq!(snapshot(&index), cold(&briefs, &kit));
}
