//! An in-memory catalog for driving the reader in tests.

use std::cell::{Cell, RefCell};

use crate::library::{Catalog, Result};
use crate::model::{ArticleDetail, ArticleSummary, EntityKind, EntityLink};
use crate::query::{ListFilter, Status, Term};

pub fn summary(id: &str, title: &str, date: Option<&str>, topics: &[&str]) -> ArticleSummary {
    ArticleSummary {
        id: id.into(),
        path: format!("{id}.md"),
        title: title.into(),
        date: date.map(|d| d.parse().expect("test date")),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        tags: Vec::new(),
        bookmarked: false,
        read: false,
        source: Some("Wire".into()),
    }
}

pub fn detail(summary: ArticleSummary, body: &str) -> ArticleDetail {
    ArticleDetail {
        summary,
        url: None,
        body: body.into(),
        raw: format!("RAW FILE\n{body}"),
        entities: Vec::new(),
        position: 0,
        filed: None,
    }
}

pub fn entity(key: &str, name: &str, kind: EntityKind, articles: &[&str]) -> EntityLink {
    EntityLink {
        key: key.into(),
        name: name.into(),
        kind,
        aliases: vec![name.into()],
        count: articles.len(),
        articles: articles.iter().map(|a| a.to_string()).collect(),
    }
}

#[derive(Default)]
pub struct FakeCatalog {
    pub articles: RefCell<Vec<ArticleDetail>>,
    pub version: Cell<u64>,
    pub failures: Vec<(String, String)>,
    pub list_calls: Cell<usize>,
    /// The searches remembered, latest first.
    pub searches: RefCell<Vec<String>>,
}

impl FakeCatalog {
    pub fn new(articles: Vec<ArticleDetail>) -> FakeCatalog {
        FakeCatalog {
            articles: RefCell::new(articles),
            ..Default::default()
        }
    }

    /// Three dated articles and an undated one, with shared entities.
    pub fn sample() -> FakeCatalog {
        let mut a = detail(
            summary(
                "a1",
                "Harbour strike enters second week",
                Some("2026-11-20"),
                &["labour"],
            ),
            "Dock workers in Portmere stayed away for a second week.\n\nThe union said talks would resume on Monday, while the port authority warned of delays to grain shipments.",
        );
        a.entities = vec![
            entity("portmere", "Portmere", EntityKind::Place, &["a1", "a2"]),
            entity("dockers union", "Dockers Union", EntityKind::Org, &["a1"]),
            entity(
                "ana vell",
                "Ana Vell",
                EntityKind::Person,
                &["a1", "a2", "a3"],
            ),
        ];
        let mut b = detail(
            summary(
                "a2",
                "Grain prices climb on port delays",
                Some("2026-11-18"),
                &["trade"],
            ),
            "Grain prices rose as the Portmere stoppage dragged on. Ana Vell, a trader, said buyers were looking elsewhere.",
        );
        b.entities = vec![
            entity("portmere", "Portmere", EntityKind::Place, &["a1", "a2"]),
            entity(
                "ana vell",
                "Ana Vell",
                EntityKind::Person,
                &["a1", "a2", "a3"],
            ),
        ];
        let mut c = detail(
            summary(
                "a3",
                "Council approves new tram line",
                Some("2026-10-02"),
                &["transport"],
            ),
            "The city council approved a tram line linking the harbour to the old town.",
        );
        c.entities = vec![entity(
            "ana vell",
            "Ana Vell",
            EntityKind::Person,
            &["a1", "a2", "a3"],
        )];
        let d = detail(
            summary("a4", "Notes on a quiet week", None, &[]),
            "Nothing much happened.",
        );
        FakeCatalog::new(vec![a, b, c, d])
    }

    pub fn get(&self, id: &str) -> ArticleDetail {
        self.articles
            .borrow()
            .iter()
            .find(|a| a.summary.id == id)
            .cloned()
            .expect("test article")
    }

    fn edit(&self, id: &str, f: impl FnOnce(&mut ArticleDetail)) -> Result<()> {
        let mut arts = self.articles.borrow_mut();
        let a = arts
            .iter_mut()
            .find(|a| a.summary.id == id)
            .ok_or_else(|| anyhow::anyhow!("no article {id}"))?;
        f(a);
        self.version.set(self.version.get() + 1);
        Ok(())
    }
}

/// How the fake catalog decides a query term, a simple in-memory stand-in
/// for the index: a word, prefix or phrase is a case-insensitive substring
/// of the title or body; `topic:` and `tag:` compare whole names, any case;
/// `entity:` matches the key, name or an alias, folded; `kind:`, `source:`
/// (substring), `is:` and the date fields as in the real catalog. Results
/// keep list order (no ranking).
fn fake_matches(a: &ArticleDetail, term: &Term) -> bool {
    use crate::entities::fold_key;
    let s = &a.summary;
    let text = |needle: &str| {
        let needle = needle.to_lowercase();
        s.title.to_lowercase().contains(&needle) || a.body.to_lowercase().contains(&needle)
    };
    let dated = |ok: &dyn Fn(chrono::NaiveDate) -> bool| s.date.is_some_and(ok);
    match term {
        Term::Word(w) | Term::Prefix(w) | Term::Phrase(w) => text(w),
        Term::Topic(t) => s.topics.iter().any(|x| x.eq_ignore_ascii_case(t)),
        Term::Tag(t) => s.tags.iter().any(|x| x.to_lowercase() == t.to_lowercase()),
        Term::Entity { kind, fold } => a.entities.iter().any(|e| {
            kind.is_none_or(|k| k == e.kind)
                && (fold_key(&e.key) == *fold
                    || fold_key(&e.name) == *fold
                    || e.aliases.iter().any(|al| fold_key(al) == *fold))
        }),
        Term::Kind(k) => a.entities.iter().any(|e| e.kind == *k),
        Term::Source(x) => s
            .source
            .as_ref()
            .is_some_and(|src| src.to_lowercase().contains(&x.to_lowercase())),
        Term::Is(Status::Bookmarked) => s.bookmarked,
        Term::Is(Status::Read) => s.read,
        Term::Is(Status::Unread) => !s.read,
        Term::After(d) => dated(&|x| x >= *d),
        Term::Before(d) => dated(&|x| x < *d),
        Term::During { from, until } => dated(&|x| x >= *from && x < *until),
    }
}

impl Catalog for FakeCatalog {
    fn search_history(&self) -> Result<Vec<String>> {
        Ok(self.searches.borrow().clone())
    }

    fn remember_search(&self, query: &str) -> Result<()> {
        let mut all = self.searches.borrow_mut();
        all.retain(|q| q != query);
        all.insert(0, query.to_string());
        Ok(())
    }

    fn list(&self, f: &ListFilter) -> Result<Vec<ArticleSummary>> {
        self.list_calls.set(self.list_calls.get() + 1);
        Ok(self
            .articles
            .borrow()
            .iter()
            .filter(|a| {
                f.topic
                    .as_ref()
                    .is_none_or(|t| a.summary.topics.contains(t))
            })
            .filter(|a| f.tag.as_ref().is_none_or(|t| a.summary.tags.contains(t)))
            .filter(|a| !f.bookmarked_only || a.summary.bookmarked)
            .filter(|a| !f.unread_only || !a.summary.read)
            .filter(|a| {
                f.entity
                    .as_ref()
                    .is_none_or(|k| a.entities.iter().any(|e| &e.key == k))
            })
            .filter(|a| {
                f.query
                    .as_ref()
                    .and_then(|q| q.expr.as_ref())
                    .is_none_or(|e| e.eval(&mut |t| fake_matches(a, t)))
            })
            .map(|a| a.summary.clone())
            .collect())
    }

    fn article(&self, id: &str) -> Result<Option<ArticleDetail>> {
        Ok(self
            .articles
            .borrow()
            .iter()
            .find(|a| a.summary.id == id)
            .cloned())
    }

    fn set_read(&self, id: &str, read: bool) -> Result<()> {
        self.edit(id, |a| a.summary.read = read)
    }

    fn set_bookmarked(&self, id: &str, on: bool) -> Result<()> {
        self.edit(id, |a| a.summary.bookmarked = on)
    }

    fn change_tags(&self, id: &str, add: &[String], remove: &[String]) -> Result<()> {
        self.edit(id, |a| {
            a.summary.tags.extend(add.iter().cloned());
            a.summary.tags.retain(|t| !remove.contains(t));
            a.summary.tags.sort();
            a.summary.tags.dedup();
        })
    }

    fn all_tags(&self) -> Result<Vec<(String, usize)>> {
        let mut counts = std::collections::BTreeMap::new();
        for a in self.articles.borrow().iter() {
            for t in &a.summary.tags {
                *counts.entry(t.clone()).or_insert(0) += 1;
            }
        }
        Ok(counts.into_iter().collect())
    }

    fn set_position(&self, id: &str, line: u32) -> Result<()> {
        self.edit(id, |a| a.position = line)
    }

    fn failures(&self) -> Result<Vec<(String, String)>> {
        Ok(self.failures.clone())
    }

    fn state_version(&self) -> Result<u64> {
        Ok(self.version.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Grouping;

    fn ids(cat: &FakeCatalog, query: &str) -> Vec<String> {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let filter = ListFilter {
            query: Some(crate::query::parse(query, today).unwrap()),
            ..Default::default()
        };
        cat.list(&filter)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect()
    }

    #[test]
    fn the_fake_catalog_honours_a_query() {
        let cat = FakeCatalog::sample();
        assert_eq!(ids(&cat, "grain"), vec!["a1", "a2"]);
        assert_eq!(ids(&cat, "grain -topic:trade"), vec!["a1"]);
        assert_eq!(ids(&cat, "tram OR quiet"), vec!["a3", "a4"]);
        assert_eq!(ids(&cat, "entity:\"ANA VELL\" before:2026-11"), vec!["a3"]);
        assert_eq!(ids(&cat, "kind:org"), vec!["a1"]);
        assert_eq!(ids(&cat, "date:2026-11 -is:read"), vec!["a1", "a2"]);
        assert_eq!(ids(&cat, ""), vec!["a1", "a2", "a3", "a4"]);
    }

    #[test]
    fn default_paging_follows_the_grouping() {
        let cat = FakeCatalog::sample();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let all = ListFilter::default();
        let outline = cat.outline(&all, Grouping::Topic, today).unwrap();
        let names: Vec<_> = outline.iter().map(|g| g.name.clone().unwrap()).collect();
        assert_eq!(names, vec!["labour", "trade", "transport", "(no topic)"]);
        let page = cat.page(&all, Grouping::Date, today, 1, 2).unwrap();
        let page: Vec<_> = page.into_iter().map(|a| a.id).collect();
        assert_eq!(page, vec!["a2", "a3"]);
        assert_eq!(
            cat.locate(&all, Grouping::Topic, today, "a4").unwrap(),
            Some(3)
        );
        assert_eq!(cat.locate(&all, Grouping::None, today, "zz").unwrap(), None);
        let none = cat.outline(&all, Grouping::None, today).unwrap();
        assert_eq!(
            none,
            vec![crate::model::Group {
                name: None,
                count: 4
            }]
        );
    }
}
