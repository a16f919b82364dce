//! How well brief finds names, against the PEOPLE, ORGS and PLACES tags
//! Reuters-21578 gives each article, and how fast it extracts them:
//!
//! `cargo run --release --example entity_eval -- [--corpus DIR] [--limit N]
//!  [--speed] [--sample N] [--misses N] [--kind K]`
//!
//! `DIR` (default `/work/shared/corpus`) holds `reuters21578/*.sgm`,
//! `reuters-briefs/` (the same stories as files, `reut-NNNNN.txt` by
//! NEWID) and `bbc/`. The briefs are indexed cold into a scratch index the
//! way `brief index` does (so collection-wide evidence counts), then each
//! article's stored entities are compared with its tags. Asserts nothing:
//! it measures. Never part of `cargo test` (CI has no corpus).
//!
//! The tags are an incomplete list of normalised names (`usa`, `west-
//! germany`, `ec`, surnames such as `reagan`), so the matching is this:
//! - gold: a tag counts for an article only if the text spells it in some
//!   form (`usa` as `U.S.`, `America`; `ec` as `EC` in capitals or
//!   `European Community`; a person by the surname), since a tag for a
//!   place the text never names cannot be found by any extractor. Recall
//!   over all tags is printed too.
//! - found: an entity matches a place or organisation tag when its name,
//!   key or a spelling used in the article folds to one of the tag's
//!   forms; a person tag when its last word is the tag's surname (and
//!   every word of a multi-word tag is in it). Typed also needs the kind
//!   (PEOPLE person, ORGS org, PLACES place).
//! - precision is judged only where the tags can judge: an entity that
//!   matches some tag of the whole Reuters vocabulary is right if that tag
//!   is the article's, wrong if not; entities outside the vocabulary are
//!   not judged here (see `--sample` for a random sample to judge by hand;
//!   `--kind other` draws it from the entities of one kind only).
//! - counts are summed over articles (micro average).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use brief::config::Config;
use brief::entities::Extractor;
use brief::ingest::{self, IngestRules, walk};
use brief::store::{Index, Toolkit};
use brief::text::fold_key;

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Cat {
    Person,
    Org,
    Place,
}

impl Cat {
    fn kind(self) -> &'static str {
        match self {
            Cat::Person => "person",
            Cat::Org => "org",
            Cat::Place => "place",
        }
    }
}

/// Tags naming a place or body by a code: the forms a text writes it in.
const FORMS: &[(&str, &[&str])] = &[
    (
        "usa",
        &[
            "united states",
            "us",
            "usa",
            "america",
            "united states of america",
        ],
    ),
    ("uk", &["united kingdom", "uk", "britain", "great britain"]),
    ("ussr", &["soviet union", "ussr"]),
    ("west-germany", &["west germany", "germany"]),
    ("east-germany", &["east germany"]),
    ("south-korea", &["south korea"]),
    ("north-korea", &["north korea"]),
    ("netherlands", &["netherlands", "holland"]),
    ("uae", &["united arab emirates", "uae"]),
    ("ivory-coast", &["ivory coast", "cote d ivoire"]),
    (
        "ec",
        &[
            "ec",
            "eec",
            "european community",
            "european economic community",
            "common market",
        ],
    ),
    (
        "opec",
        &["opec", "organization of petroleum exporting countries"],
    ),
    ("imf", &["imf", "international monetary fund"]),
    ("worldbank", &["world bank"]),
    ("gatt", &["gatt", "general agreement on tariffs and trade"]),
    (
        "oecd",
        &[
            "oecd",
            "organisation for economic cooperation and development",
            "organization for economic cooperation and development",
            "organisation for economic co operation and development",
            "organization for economic co operation and development",
        ],
    ),
    ("un", &["un", "united nations"]),
    ("who", &["who", "world health organization"]),
    ("fao", &["fao", "food and agriculture organization"]),
    ("iea", &["iea", "international energy agency"]),
    ("iaea", &["iaea", "international atomic energy agency"]),
    ("adb-asia", &["asian development bank"]),
    ("adb-africa", &["african development bank"]),
    ("bis", &["bis", "bank for international settlements"]),
    ("ico-coffee", &["international coffee organization", "ico"]),
    ("icco", &["icco", "international cocoa organization"]),
    ("itc", &["international tin council", "itc"]),
    ("iwc-wheat", &["international wheat council"]),
    ("irsg", &["irsg", "international rubber study group"]),
    (
        "inro",
        &["inro", "international natural rubber organization"],
    ),
    ("ida", &["international development association"]),
    ("gcc", &["gcc", "gulf cooperation council"]),
    ("eib", &["eib", "european investment bank"]),
    ("oapec", &["oapec"]),
    ("unctad", &["unctad"]),
];

struct Story {
    id: u32,
    tags: Vec<(Cat, String)>,
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

fn read_stories(dir: &Path) -> Result<Vec<Story>> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f)?;
        let text = String::from_utf8_lossy(&bytes);
        for doc in text.split("<REUTERS ").skip(1) {
            let Some(id) = between(doc, "NEWID=\"", "\"").and_then(|n| n.parse().ok()) else {
                continue;
            };
            let mut tags = Vec::new();
            for (cat, tag) in [
                (Cat::Person, "PEOPLE"),
                (Cat::Org, "ORGS"),
                (Cat::Place, "PLACES"),
            ] {
                let inner = between(doc, &format!("<{tag}>"), &format!("</{tag}>")).unwrap_or("");
                for d in inner.split("<D>").skip(1) {
                    let d = d.trim_end_matches("</D>").trim();
                    if !d.is_empty() {
                        tags.push((cat, d.to_string()));
                    }
                }
            }
            out.push(Story { id, tags });
        }
    }
    Ok(out)
}

/// The folded forms a tag may be written in.
fn forms(cat: Cat, tag: &str) -> Vec<String> {
    if let Some((_, fs)) = FORMS.iter().find(|(t, _)| *t == tag) {
        return fs.iter().map(|s| s.to_string()).collect();
    }
    let whole = fold_key(tag);
    if cat == Cat::Person {
        let last = whole.rsplit(' ').next().unwrap_or("").to_string();
        return vec![whole, last];
    }
    vec![whole]
}

/// An acronym form, which must be written in capitals to count as present.
fn is_acronym_form(f: &str) -> bool {
    !f.contains(' ') && f.len() <= 6 && FORMS.iter().any(|(_, fs)| fs.contains(&f))
}

/// Whether the text names the tag in one of its forms.
fn present(cat: Cat, tag: &str, folded: &str, raw: &str) -> bool {
    forms(cat, tag).iter().any(|f| {
        if is_acronym_form(f) {
            let up = f.to_uppercase();
            raw.match_indices(&up).any(|(i, _)| {
                let before = raw[..i].chars().next_back();
                let after = raw[i + up.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            }) || (f.len() > 2
                && raw.contains(
                    &f.chars()
                        .flat_map(|c| [c.to_ascii_uppercase(), '.'])
                        .collect::<String>(),
                ))
        } else {
            format!(" {folded} ").contains(&format!(" {f} "))
        }
    })
}

/// One entity as stored for one article.
#[derive(Debug, Clone)]
struct Found {
    kind: String,
    key: String,
    name: String,
    aliases: Vec<String>,
}

impl Found {
    fn folds(&self) -> Vec<String> {
        let mut v = vec![self.key.clone(), fold_key(&self.name)];
        v.extend(self.aliases.iter().map(|a| fold_key(a)));
        v
    }
}

fn matches(e: &Found, cat: Cat, tag: &str) -> bool {
    if cat == Cat::Person {
        let words: Vec<String> = fold_key(tag).split(' ').map(str::to_string).collect();
        let Some(last) = words.last() else {
            return false;
        };
        return e.folds().iter().any(|f| {
            let ws: Vec<&str> = f.split(' ').collect();
            ws.last() == Some(&last.as_str()) && words.iter().all(|w| ws.contains(&w.as_str()))
        });
    }
    let fs = forms(cat, tag);
    e.folds().iter().any(|f| fs.contains(f))
}

#[derive(Default)]
struct Counts {
    gold: usize,
    gold_all: usize,
    hit: usize,
    hit_typed: usize,
    hit_all: usize,
    judged: usize,
    right: usize,
    right_typed: usize,
    entities: usize,
    by_cat: BTreeMap<Cat, (usize, usize, usize)>,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let corpus = PathBuf::from(opt("--corpus").unwrap_or("/work/shared/corpus".into()));
    let limit: usize = opt("--limit")
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let sample: usize = opt("--sample").and_then(|s| s.parse().ok()).unwrap_or(0);
    let only_kind = opt("--kind");
    let misses: usize = opt("--misses").and_then(|s| s.parse().ok()).unwrap_or(0);
    let config = Config::builtin();
    let kit = Toolkit {
        rules: IngestRules::from_config(&config),
        extractor: Extractor::new(&config.entities)?,
        fingerprint: "entity-eval".into(),
    };
    if args.iter().any(|a| a == "--speed") {
        for sub in ["reuters-briefs", "bbc"] {
            speed(&corpus.join(sub), &kit)?;
        }
        if !args.iter().any(|a| a == "--quality") {
            return Ok(());
        }
    }

    let stories = read_stories(&corpus.join("reuters21578"))?;
    let briefs_dir = corpus.join("reuters-briefs");
    let scratch = tempfile::tempdir()?;
    let briefs = scratch.path().join("briefs");
    std::fs::create_dir(&briefs)?;
    let mut kept: Vec<&Story> = Vec::new();
    for s in &stories {
        if kept.len() >= limit {
            break;
        }
        let name = format!("reut-{:05}.txt", s.id);
        let src = briefs_dir.join(&name);
        if src.exists() {
            std::os::unix::fs::symlink(&src, briefs.join(&name))?;
            kept.push(s);
        }
    }
    let db = scratch.path().join("index.db");
    let started = Instant::now();
    let cpu0 = process_cpu_seconds();
    let mut index = Index::open(&db)?;
    let report = index.sync(&briefs, &kit)?;
    println!(
        "cold index of {} articles: {:.1} s CPU (all threads), {:.1} s wall",
        report.added,
        process_cpu_seconds() - cpu0,
        started.elapsed().as_secs_f64()
    );
    drop(index);
    let conn = rusqlite::Connection::open(&db)?;
    let mut by_article: HashMap<String, Vec<Found>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT a.id, e.kind, e.key, ae.name, ae.aliases FROM article_entities ae
         JOIN entities e ON e.eid = ae.eid JOIN articles a ON a.rowid = ae.article",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Found {
                kind: r.get(1)?,
                key: r.get(2)?,
                name: r.get(3)?,
                aliases: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
            },
        ))
    })?;
    for row in rows {
        let (id, f) = row?;
        by_article.entry(id).or_default().push(f);
    }
    let mut texts: HashMap<String, (String, String)> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT a.id, a.title, b.body FROM articles a JOIN article_bodies b ON b.article = a.rowid",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, brief::store::packed::Packed>(2)?.0,
        ))
    })? {
        let (id, t, b) = row?;
        texts.insert(id, (t, b));
    }

    // The whole tag vocabulary, to judge precision where it can.
    let mut vocab: Vec<(Cat, String)> = stories
        .iter()
        .flat_map(|s| s.tags.iter().cloned())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    vocab.sort();

    let mut c = Counts::default();
    let mut missed: Vec<(String, Cat, String)> = Vec::new();
    let mut wrong: Vec<(String, String, String)> = Vec::new();
    let mut all_found: Vec<(String, Found)> = Vec::new();
    for s in &kept {
        let id = format!("reut-{:05}", s.id);
        let Some((title, body)) = texts.get(&id) else {
            continue;
        };
        let raw = format!("{title}\n{body}");
        let folded = fold_key(&raw);
        let found = by_article.get(&id).cloned().unwrap_or_default();
        c.entities += found.len();
        let gold: Vec<&(Cat, String)> = s
            .tags
            .iter()
            .filter(|(cat, t)| present(*cat, t, &folded, &raw))
            .collect();
        c.gold_all += s.tags.len();
        c.hit_all += s
            .tags
            .iter()
            .filter(|(cat, t)| found.iter().any(|e| matches(e, *cat, t)))
            .count();
        for (cat, t) in &gold {
            c.gold += 1;
            let entry = c.by_cat.entry(*cat).or_default();
            entry.0 += 1;
            let any = found.iter().any(|e| matches(e, *cat, t));
            let typed = found
                .iter()
                .any(|e| e.kind == cat.kind() && matches(e, *cat, t));
            c.hit += usize::from(any);
            c.hit_typed += usize::from(typed);
            entry.1 += usize::from(any);
            entry.2 += usize::from(typed);
            if !typed {
                missed.push((id.clone(), *cat, t.clone()));
            }
        }
        for e in &found {
            all_found.push((id.clone(), e.clone()));
            let judged: Vec<&(Cat, String)> = vocab
                .iter()
                .filter(|(cat, t)| matches(e, *cat, t))
                .collect();
            if judged.is_empty() {
                continue;
            }
            c.judged += 1;
            let right = judged.iter().any(|g| s.tags.contains(g));
            let right_typed = judged
                .iter()
                .any(|g| s.tags.contains(g) && e.kind == g.0.kind());
            c.right += usize::from(right);
            c.right_typed += usize::from(right_typed);
            if !right {
                wrong.push((id.clone(), e.name.clone(), e.kind.clone()));
            }
        }
    }
    let r = c.hit as f64 / c.gold.max(1) as f64;
    let rt = c.hit_typed as f64 / c.gold.max(1) as f64;
    let p = c.right as f64 / c.judged.max(1) as f64;
    let pt = c.right_typed as f64 / c.judged.max(1) as f64;
    println!(
        "reuters-21578 tags: {} articles, {} tags named in the text ({} tags in all), {} entities found",
        kept.len(),
        c.gold,
        c.gold_all,
        c.entities
    );
    println!(
        "untyped  recall {:.3}  precision {:.3}  F1 {:.3}   (recall over all tags {:.3})",
        r,
        p,
        f1(p, r),
        c.hit_all as f64 / c.gold_all.max(1) as f64
    );
    println!(
        "typed    recall {:.3}  precision {:.3}  F1 {:.3}   (precision judged on {} entities the tag vocabulary knows)",
        rt,
        pt,
        f1(pt, rt),
        c.judged
    );
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, e) in &all_found {
        *kinds.entry(e.kind.as_str()).or_default() += 1;
    }
    let shares: Vec<String> = kinds
        .iter()
        .map(|(k, n)| {
            format!(
                "{k} {:.1}%",
                100.0 * *n as f64 / all_found.len().max(1) as f64
            )
        })
        .collect();
    println!("kinds of the entities found: {}", shares.join(", "));
    for (cat, (g, h, ht)) in &c.by_cat {
        println!(
            "  {:<7} {g:>6} tags  recall {:.3}  typed {:.3}",
            cat.kind(),
            *h as f64 / (*g).max(1) as f64,
            *ht as f64 / (*g).max(1) as f64
        );
    }
    let pick = |n: usize, len: usize| -> Vec<usize> {
        // A fixed-seed shuffle, so a sample can be judged again later.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut idx: Vec<usize> = (0..len).collect();
        for i in (1..len).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            idx.swap(i, (x % (i as u64 + 1)) as usize);
        }
        idx.truncate(n);
        idx
    };
    if misses > 0 {
        println!("\nmissed (typed), a sample:");
        for i in pick(misses, missed.len()) {
            let (id, cat, t) = &missed[i];
            let had: Vec<String> = by_article
                .get(id)
                .into_iter()
                .flatten()
                .map(|e| format!("{}:{}", e.kind, e.name))
                .collect();
            println!("  {id} {}:{t}   found: {}", cat.kind(), had.join(", "));
        }
        println!("\njudged wrong, a sample:");
        for i in pick(misses, wrong.len()) {
            let (id, name, kind) = &wrong[i];
            println!("  {id} {kind}:{name}");
        }
    }
    if sample > 0 {
        println!("\nrandom sample of found entities, to judge by hand:");
        let pool: Vec<&(String, Found)> = all_found
            .iter()
            .filter(|(_, e)| only_kind.as_ref().is_none_or(|k| &e.kind == k))
            .collect();
        for i in pick(sample, pool.len()) {
            let (id, e) = pool[i];
            let (title, body) = &texts[id];
            let raw = format!("{title}\n{body}");
            let ctx = e
                .aliases
                .first()
                .and_then(|a| raw.find(a.as_str()).map(|p| (p, a.len())))
                .map(|(p, l)| {
                    let s = raw[..p].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
                    let end = raw[p + l..]
                        .char_indices()
                        .nth(40)
                        .map_or(raw.len(), |(i, _)| p + l + i);
                    raw[s..end].replace('\n', " ")
                })
                .unwrap_or_default();
            println!("  {id} {}:{}  | {ctx}", e.kind, e.name);
        }
    }
    Ok(())
}

fn thread_cpu_seconds() -> f64 {
    cpu_seconds("/proc/thread-self/stat")
}

fn process_cpu_seconds() -> f64 {
    cpu_seconds("/proc/self/stat")
}

fn cpu_seconds(path: &str) -> f64 {
    let Ok(stat) = std::fs::read_to_string(path) else {
        return 0.0;
    };
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime, fields 14 and 15 counting from 1 (11, 12 here).
    (ticks(11) + ticks(12)) / 100.0
}

/// Extraction MB/s on one core: the median CPU time of three passes over
/// every article's title and body.
fn speed(dir: &Path, kit: &Toolkit) -> Result<()> {
    let (found, _) = walk::scan(dir);
    let mut texts = Vec::new();
    for f in &found {
        let bytes = walk::read_file(f).with_context(|| f.rel_path.clone())?;
        if let Ok(a) = ingest::parse_article(&f.rel_path, &bytes, &kit.rules) {
            texts.push(a.title);
            texts.push(a.body);
        }
    }
    let total: usize = texts.iter().map(String::len).sum();
    let mut cpus = Vec::new();
    let mut n = 0;
    for _ in 0..3 {
        let cpu0 = thread_cpu_seconds();
        n = texts
            .iter()
            .map(|t| kit.extractor.entities(t).len())
            .sum::<usize>();
        cpus.push(thread_cpu_seconds() - cpu0);
    }
    cpus.sort_by(f64::total_cmp);
    let cpu = cpus[1].max(0.01);
    println!(
        "{:<15} extraction {:>6.1} MB/s per CPU second ({:.1} MB, {} entities, median of 3: {:.2} s CPU)",
        dir.file_name().and_then(|s| s.to_str()).unwrap_or(""),
        total as f64 / 1e6 / cpu,
        total as f64 / 1e6,
        n,
        cpu
    );
    Ok(())
}
