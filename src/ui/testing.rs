//! An in-memory catalog for driving the reader in tests.

use std::cell::{Cell, RefCell};

use crate::library::{Catalog, Result};
use crate::model::{ArticleDetail, ArticleSummary, EntityKind, EntityLink};
use crate::query::{ListFilter, Status, Term};
use crate::state::{Flag, Mark, Undo};

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
        desk_tags: Vec::new(),
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
        mentions: 1,
        salience: 0,
    }
}

#[derive(Default)]
pub struct FakeCatalog {
    pub articles: RefCell<Vec<ArticleDetail>>,
    pub version: Cell<u64>,
    /// How many bulk or single mark calls were made.
    pub mark_calls: Cell<usize>,
    pub failures: Vec<(String, String)>,
    pub list_calls: Cell<usize>,
    /// Entity corrections made through the reader.
    pub corrections: RefCell<Vec<crate::state::Correction>>,
    /// The searches remembered, latest first.
    pub searches: RefCell<Vec<String>>,
    /// Counts an ungrouped list only up to the cap asked for, as the
    /// index does (off: every outline is whole).
    pub counts_in_part: bool,
    /// Whole counts made (outlines asked for without a cap).
    pub whole_counts: Cell<usize>,
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

/// The fake's entities are keyed without their kind; pages and corrections
/// use `kind:key` as the index does.
fn fake_key_is(e: &EntityLink, key: &str) -> bool {
    e.key == key || format!("{}:{}", e.kind.as_str(), e.key) == key
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
                    .is_none_or(|k| a.entities.iter().any(|e| fake_key_is(e, k)))
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

    fn outline(
        &self,
        filter: &ListFilter,
        grouping: crate::config::Grouping,
        today: chrono::NaiveDate,
    ) -> Result<Vec<crate::model::Group>> {
        self.whole_counts.set(self.whole_counts.get() + 1);
        let all = self.list(filter)?;
        Ok(crate::query::grouping::outline_of(
            &crate::query::grouping::group_positions(&all, grouping, today),
        ))
    }

    fn outline_upto(
        &self,
        filter: &ListFilter,
        grouping: crate::config::Grouping,
        today: chrono::NaiveDate,
        cap: usize,
    ) -> Result<(Vec<crate::model::Group>, bool)> {
        let all = self.list(filter)?;
        let groups = crate::query::grouping::outline_of(&crate::query::grouping::group_positions(
            &all, grouping, today,
        ));
        if !self.counts_in_part || grouping != crate::config::Grouping::None || all.len() <= cap {
            return Ok((groups, true));
        }
        Ok((
            vec![crate::model::Group {
                name: None,
                count: cap,
            }],
            false,
        ))
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

    fn mark(&self, ids: &[String], mark: &Mark) -> Result<Undo> {
        self.mark_calls.set(self.mark_calls.get() + 1);
        let mut undo = match mark {
            Mark::Read(on) | Mark::Bookmarked(on) => Undo::Flag {
                flag: if matches!(mark, Mark::Read(_)) {
                    Flag::Read
                } else {
                    Flag::Bookmarked
                },
                set_to: *on,
                rows: Vec::new(),
            },
            Mark::Tags { .. } => Undo::Tags {
                added: Vec::new(),
                removed: Vec::new(),
                desk_added: Vec::new(),
                desk_removed: Vec::new(),
            },
        };
        for id in ids {
            let Some(now) = self.article(id)?.map(|a| a.summary) else {
                continue;
            };
            match (&mut undo, mark) {
                (Undo::Flag { rows, .. }, Mark::Read(on)) if now.read != *on => {
                    rows.push((id.clone(), None));
                    self.edit(id, |a| a.summary.read = *on)?;
                }
                (Undo::Flag { rows, .. }, Mark::Bookmarked(on)) if now.bookmarked != *on => {
                    rows.push((id.clone(), None));
                    self.edit(id, |a| a.summary.bookmarked = *on)?;
                }
                (Undo::Tags { added, removed, .. }, Mark::Tags { add, remove }) => {
                    for t in remove.iter().filter(|t| now.tags.contains(t)) {
                        removed.push((id.clone(), t.to_lowercase(), t.clone(), None));
                    }
                    for t in add.iter().filter(|t| !now.tags.contains(t)) {
                        added.push((id.clone(), t.to_lowercase()));
                    }
                    self.change_tags(id, add, remove)?;
                }
                _ => {}
            }
        }
        Ok(undo)
    }

    fn undo(&self, undo: &Undo) -> Result<usize> {
        let mut n = 0;
        match undo {
            Undo::Flag { flag, set_to, rows } => {
                for (id, _) in rows {
                    self.edit(id, |a| match flag {
                        Flag::Read => a.summary.read = !*set_to,
                        Flag::Bookmarked => a.summary.bookmarked = !*set_to,
                    })?;
                    n += 1;
                }
            }
            Undo::Tags { added, removed, .. } => {
                for (id, fold) in added {
                    self.edit(id, |a| a.summary.tags.retain(|t| t.to_lowercase() != *fold))?;
                    n += 1;
                }
                for (id, _, tag, _) in removed {
                    self.change_tags(id, std::slice::from_ref(tag), &[])?;
                    n += 1;
                }
            }
        }
        Ok(n)
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

    /// Articles sharing entities, most shared first.
    fn related(&self, id: &str, limit: usize) -> Result<Vec<crate::store::Related>> {
        let me = self.get(id);
        let mut out: Vec<crate::store::Related> = self
            .articles
            .borrow()
            .iter()
            .filter(|a| a.summary.id != id)
            .filter_map(|a| {
                let shared: Vec<String> = me
                    .entities
                    .iter()
                    .filter(|e| a.entities.iter().any(|o| o.key == e.key))
                    .map(|e| e.name.clone())
                    .collect();
                (!shared.is_empty()).then(|| crate::store::Related {
                    id: a.summary.id.clone(),
                    title: a.summary.title.clone(),
                    date: a.summary.date,
                    score: shared.len() as f64,
                    shared,
                })
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out.truncate(limit);
        Ok(out)
    }

    /// Every entity some article names, most named first, then by name.
    fn entity_names(&self) -> Result<Vec<crate::store::EntityName>> {
        let mut counts: std::collections::BTreeMap<String, (String, EntityKind, usize)> =
            Default::default();
        for a in self.articles.borrow().iter() {
            for e in &a.entities {
                counts
                    .entry(format!("{}:{}", e.kind.as_str(), e.key))
                    .or_insert((e.name.clone(), e.kind, 0))
                    .2 += 1;
            }
        }
        let mut names: Vec<crate::store::EntityName> = counts
            .into_iter()
            .map(|(key, (name, kind, articles))| crate::store::EntityName {
                key,
                name,
                kind,
                articles,
            })
            .collect();
        names.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
        Ok(names)
    }

    /// Built from the articles naming the entity (by key or name).
    fn entity_page(&self, key: &str) -> Result<Option<crate::store::EntityPage>> {
        let fold = crate::entities::fold_key(key);
        let articles = self.articles.borrow();
        let naming: Vec<&ArticleDetail> = articles
            .iter()
            .filter(|a| {
                a.entities
                    .iter()
                    .any(|e| fake_key_is(e, key) || crate::entities::fold_key(&e.name) == fold)
            })
            .collect();
        let Some(link) = naming.first().and_then(|a| {
            a.entities
                .iter()
                .find(|e| fake_key_is(e, key) || crate::entities::fold_key(&e.name) == fold)
        }) else {
            return Ok(None);
        };
        let dates: Vec<chrono::NaiveDate> = naming.iter().filter_map(|a| a.summary.date).collect();
        let undated = naming.len() - dates.len();
        let mut with: std::collections::BTreeMap<String, (String, EntityKind, usize)> =
            Default::default();
        let mut sources: std::collections::BTreeMap<String, usize> = Default::default();
        for a in &naming {
            for e in a.entities.iter().filter(|e| e.key != link.key) {
                with.entry(format!("{}:{}", e.kind.as_str(), e.key))
                    .or_insert((e.name.clone(), e.kind, 0))
                    .2 += 1;
            }
            if let Some(s) = &a.summary.source {
                *sources.entry(s.clone()).or_default() += 1;
            }
        }
        let mut cooccurring: Vec<crate::store::Cooccurring> = with
            .into_iter()
            .map(|(key, (name, kind, count))| crate::store::Cooccurring {
                key,
                name,
                kind,
                count,
            })
            .collect();
        cooccurring.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
        Ok(Some(crate::store::EntityPage {
            key: format!("{}:{}", link.kind.as_str(), link.key),
            name: link.name.clone(),
            kind: link.kind,
            aliases: link.aliases.clone(),
            count: naming.len(),
            articles: naming.iter().map(|a| a.summary.id.clone()).collect(),
            first: dates.iter().min().copied(),
            last: dates.iter().max().copied(),
            timeline: crate::store::timeline(&dates, undated),
            undated,
            cooccurring,
            cooccurring_from: naming.len(),
            sources: sources.into_iter().collect(),
        }))
    }

    /// Kept; an ignore or a rename is applied to the articles' entities.
    fn correct_entity(&self, c: &crate::state::Correction) -> Result<()> {
        use crate::state::CorrectionAction;
        self.corrections.borrow_mut().push(c.clone());
        for a in self.articles.borrow_mut().iter_mut() {
            match &c.action {
                CorrectionAction::Ignore => a.entities.retain(|e| e.key != c.entity.key),
                CorrectionAction::Rename { name } => {
                    for e in a.entities.iter_mut().filter(|e| e.key == c.entity.key) {
                        e.name = name.clone();
                    }
                }
                _ => {}
            }
        }
        self.version.set(self.version.get() + 1);
        Ok(())
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
