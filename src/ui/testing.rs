//! An in-memory catalog for driving the reader in tests.

use std::cell::{Cell, RefCell};

use crate::library::{Catalog, Result};
use crate::model::{ArticleDetail, ArticleSummary, EntityKind, EntityLink};
use crate::query::ListFilter;

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

impl Catalog for FakeCatalog {
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
