//! The user's entity corrections (kept in state.db, see
//! `state/corrections.rs`) applied to the index.
//!
//! Correcting is a pure function of one article's entities as found
//! ([`correct`]). The index keeps, for each article a correction changed,
//! its entities as found (`entity_found`), so when the set of corrections
//! changes every corrected article is put back as found and corrected
//! again, without reading the article or running the extractor. Between
//! changes, an update only corrects articles it added, so a correction costs
//! nothing once applied. Which correction changed which article is kept too
//! (`entity_correction_hits`): `brief check` reports one that changes
//! nothing any more.

use std::collections::{BTreeSet, HashMap, HashSet};

use anyhow::Result;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::Index;
use super::write::{entity_id, tidy_entities};
use crate::entities::fold_key;
use crate::model::{EntityKind, FoundEntity};
use crate::state::{Correction, CorrectionAction};

/// One entity of an article as found, as `entity_found` keeps it: with
/// whether only the collection's case evidence names it there, so that a
/// row put back or corrected stays one the evidence can take out again.
/// A row saved before the flag existed reads as not by evidence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Saved {
    #[serde(flatten)]
    entity: FoundEntity,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    by_evidence: bool,
}

/// Whether each corrected entity is named only by evidence: every span of
/// it came from an entity found by evidence. A merge with an entity the
/// text names by itself is named by the text.
fn evidence_flags(found: &[Saved], fixed: &[FoundEntity]) -> Vec<bool> {
    let by_evidence: HashSet<(usize, usize)> = found
        .iter()
        .filter(|s| s.by_evidence)
        .flat_map(|s| s.entity.spans.iter().copied())
        .collect();
    fixed
        .iter()
        .map(|e| !e.spans.is_empty() && e.spans.iter().all(|sp| by_evidence.contains(sp)))
        .collect()
}

/// Whether a correction speaks of this entity: by key (whatever kind it is
/// guessed to be now); or by its name or a spelling it had when the
/// correction was made (its key changed since).
fn names(c: &Correction, e: &FoundEntity) -> bool {
    if e.key == c.entity.key {
        return true;
    }
    let name = fold_key(&e.name);
    name == c.entity.key
        || (e.kind == c.entity.kind && c.spellings.iter().any(|s| fold_key(s) == name))
}

/// The key of an entity split off another under `spelling`.
fn split_key(c: &Correction, spelling: &str) -> String {
    let key = fold_key(spelling);
    if key == c.entity.key {
        format!("{key} (split)")
    } else {
        key
    }
}

/// Puts mentions of one entity together again after corrections made two
/// of them the same.
fn merge_duplicates(found: Vec<FoundEntity>) -> Vec<FoundEntity> {
    let mut out: Vec<FoundEntity> = Vec::with_capacity(found.len());
    let mut at: HashMap<(EntityKind, String), usize> = HashMap::new();
    for e in found {
        match at.get(&(e.kind, e.key.clone())) {
            Some(&i) => {
                let into = &mut out[i];
                for a in e.aliases {
                    if !into.aliases.contains(&a) {
                        into.aliases.push(a);
                    }
                }
                into.spans.extend(e.spans);
                into.spans.sort_unstable();
                into.spans.dedup();
            }
            None => {
                at.insert((e.kind, e.key.clone()), out.len());
                out.push(e);
            }
        }
    }
    out
}

/// One article's entities after the user's corrections, in order, and
/// the ids of the corrections that changed something. `body` (the text the
/// spans point into) lets a split take exactly the spans of its spelling;
/// without it the split entity takes every span.
pub fn correct(
    mut found: Vec<FoundEntity>,
    corrections: &[Correction],
    body: Option<&str>,
) -> (Vec<FoundEntity>, Vec<i64>) {
    let mut hits = Vec::new();
    for c in corrections {
        let mut hit = false;
        let mut next = Vec::with_capacity(found.len() + 1);
        for mut e in found {
            if !names(c, &e) {
                next.push(e);
                continue;
            }
            match &c.action {
                CorrectionAction::Ignore => hit = true,
                CorrectionAction::Kind { kind } => {
                    hit |= e.kind != *kind;
                    e.kind = *kind;
                    next.push(e);
                }
                CorrectionAction::Rename { name } => {
                    hit |= e.name != *name;
                    e.name = name.clone();
                    next.push(e);
                }
                CorrectionAction::Merge { into } => {
                    hit = true;
                    e.kind = into.kind;
                    e.key = into.key.clone();
                    e.name = into.name.clone();
                    next.push(e);
                }
                CorrectionAction::Split { spelling } => {
                    let fold = fold_key(spelling);
                    let (taken, kept): (Vec<String>, Vec<String>) =
                        e.aliases.iter().cloned().partition(|a| fold_key(a) == fold);
                    if taken.is_empty() {
                        next.push(e);
                        continue;
                    }
                    hit = true;
                    let spans_of = |want: bool| -> Vec<(usize, usize)> {
                        e.spans
                            .iter()
                            .copied()
                            .filter(|&(s, t)| match body.and_then(|b| b.get(s..t)) {
                                Some(text) => (fold_key(text) == fold) == want,
                                None => want,
                            })
                            .collect()
                    };
                    let split = FoundEntity {
                        key: split_key(c, spelling),
                        name: spelling.clone(),
                        kind: e.kind,
                        aliases: taken,
                        spans: spans_of(true),
                    };
                    if !kept.is_empty() {
                        let spans = if body.is_some() {
                            spans_of(false)
                        } else {
                            e.spans.clone()
                        };
                        next.push(FoundEntity {
                            aliases: kept,
                            spans,
                            ..e
                        });
                    }
                    next.push(split);
                }
            }
        }
        found = merge_duplicates(next);
        if hit {
            hits.push(c.id);
        }
    }
    (found, hits)
}

/// A short fingerprint of a set of corrections, kept in the index's meta
/// table: when it differs, the corrections changed since last applied.
fn fingerprint(corrections: &[Correction]) -> String {
    let json = serde_json::to_string(corrections).unwrap_or_default();
    blake3::hash(json.as_bytes()).to_hex()[..16].to_string()
}

/// What applying corrections did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Articles put back as found because the corrections changed.
    pub restored: usize,
    /// Articles whose entities a correction changed.
    pub corrected: usize,
}

impl Index {
    /// Brings the index in line with the user's corrections: undoes them
    /// all and applies them again when they changed since last time, else
    /// corrects only the articles not yet seen. Cheap when nothing changed.
    pub fn apply_corrections(&self, corrections: &[Correction]) -> Result<Applied> {
        self.apply_corrections_waiting(corrections, std::time::Duration::from_secs(10))
    }

    /// [`Index::apply_corrections`], waiting at most `wait` for another
    /// session's update to finish (the reader's refresh must not hang on a
    /// long index update; it tries again at its next refresh).
    pub fn apply_corrections_waiting(
        &self,
        corrections: &[Correction],
        wait: std::time::Duration,
    ) -> Result<Applied> {
        let fp = fingerprint(corrections);
        let applied_fp = self.meta("corrections")?;
        // Nothing to do and nothing ever done: the common case, one read.
        if corrections.is_empty() && applied_fp.is_none() {
            return Ok(Applied::default());
        }
        // The same corrections, and no article added since they were last
        // applied (rowids only grow): nothing to do, and no write lock
        // taken, so a reader can ask at every refresh.
        let newest = |conn: &rusqlite::Connection| -> rusqlite::Result<i64> {
            conn.query_row("SELECT coalesce(max(rowid), 0) FROM articles", [], |r| {
                r.get(0)
            })
        };
        let upto: i64 = self
            .meta("corrections_upto")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1);
        if applied_fp.as_deref() == Some(fp.as_str()) && newest(&self.conn)? <= upto {
            return Ok(Applied::default());
        }
        self.conn.busy_timeout(wait)?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate);
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let tx = tx?;
        let mut applied = Applied::default();
        let mut touched = BTreeSet::new();
        let changed = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'corrections'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .as_deref()
            != Some(fp.as_str());
        if changed {
            applied.restored = restore_all(&tx, &mut touched)?;
        }
        // Unchanged corrections were applied to every article up to `upto`.
        let since = if changed { -1 } else { upto };
        let done: HashSet<i64> = {
            let mut stmt = tx.prepare("SELECT article FROM entity_found")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        for article in candidates(&tx, corrections, since)? {
            if done.contains(&article) {
                continue;
            }
            let saved = found_in(&tx, article)?;
            let found: Vec<FoundEntity> = saved.iter().map(|s| s.entity.clone()).collect();
            let splits = corrections.iter().any(|c| {
                matches!(c.action, CorrectionAction::Split { .. })
                    && found.iter().any(|e| names(c, e))
            });
            let body: Option<String> = if splits {
                tx.prepare_cached("SELECT body FROM article_bodies WHERE article = ?1")?
                    .query_row([article], |r| {
                        r.get::<_, super::packed::Packed>(0).map(|p| p.0)
                    })
                    .optional()?
            } else {
                None
            };
            let (fixed, hits) = correct(found, corrections, body.as_deref());
            if hits.is_empty() {
                continue;
            }
            let flags = evidence_flags(&saved, &fixed);
            tx.prepare_cached("INSERT INTO entity_found(article, found) VALUES(?1, ?2)")?
                .execute(params![article, serde_json::to_string(&saved)?])?;
            let mut hit = tx.prepare_cached(
                "INSERT OR IGNORE INTO entity_correction_hits(correction, article) VALUES(?1, ?2)",
            )?;
            for id in hits {
                hit.execute(params![id, article])?;
            }
            let fixed: Vec<Saved> = fixed
                .into_iter()
                .zip(flags)
                .map(|(entity, by_evidence)| Saved {
                    entity,
                    by_evidence,
                })
                .collect();
            replace_entities(&tx, article, &fixed, &mut touched)?;
            applied.corrected += 1;
        }
        if !touched.is_empty() {
            tidy_entities(&tx, &touched)?;
        }
        let mut meta = tx.prepare(
            "INSERT INTO meta(key, value) VALUES(?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )?;
        meta.execute(["corrections", &fp])?;
        meta.execute(["corrections_upto", &newest(&tx)?.to_string()])?;
        drop(meta);
        tx.commit()?;
        if changed || applied.corrected > 0 {
            self.corrections_applied
                .set(self.corrections_applied.get().wrapping_add(1));
        }
        Ok(applied)
    }

    /// Changes each time this connection applied corrections that changed
    /// the index, so a reader knows to load again what it shows.
    pub fn corrections_generation(&self) -> u64 {
        self.corrections_applied.get()
    }

    /// Corrections that change nothing in the collection (their entity is
    /// gone, or reads as corrected already): kept, and reported.
    pub fn unmatched_corrections<'c>(
        &self,
        corrections: &'c [Correction],
    ) -> Result<Vec<&'c Correction>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM entity_correction_hits WHERE correction = ?1 LIMIT 1")?;
        let mut out = Vec::new();
        for c in corrections {
            if !stmt.exists([c.id])? {
                out.push(c);
            }
        }
        Ok(out)
    }
}

/// Puts every corrected article back as found; returns how many.
fn restore_all(tx: &Transaction, touched: &mut BTreeSet<i64>) -> Result<usize> {
    let saved: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT article, found FROM entity_found")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (article, json) in &saved {
        // A row this brief wrote; if it cannot be read the article keeps
        // its corrected entities until it is next indexed.
        let Ok(found) = serde_json::from_str::<Vec<Saved>>(json) else {
            continue;
        };
        replace_entities(tx, *article, &found, touched)?;
    }
    tx.execute_batch("DELETE FROM entity_found; DELETE FROM entity_correction_hits;")?;
    Ok(saved.len())
}

/// Keeps an article's entities as found in step with the collection's
/// evidence: a lone word the evidence now names (`named`) or no longer
/// names, in an article a correction changed, is added to or taken out of
/// what putting it back as found restores.
pub(super) fn evidence_changed(
    tx: &rusqlite::Connection,
    article: i64,
    entity: &FoundEntity,
    named: bool,
) -> Result<()> {
    let json: Option<String> = tx
        .prepare_cached("SELECT found FROM entity_found WHERE article = ?1")?
        .query_row([article], |r| r.get(0))
        .optional()?;
    let Some(json) = json else { return Ok(()) };
    let Ok(mut saved) = serde_json::from_str::<Vec<Saved>>(&json) else {
        return Ok(());
    };
    let same = |s: &Saved| s.entity.kind == entity.kind && s.entity.key == entity.key;
    let before = saved.len();
    if named {
        if saved.iter().any(same) {
            return Ok(());
        }
        saved.push(Saved {
            entity: entity.clone(),
            by_evidence: true,
        });
    } else {
        saved.retain(|s| !(s.by_evidence && same(s)));
        if saved.len() == before {
            return Ok(());
        }
    }
    tx.prepare_cached("UPDATE entity_found SET found = ?2 WHERE article = ?1")?
        .execute(params![article, serde_json::to_string(&saved)?])?;
    Ok(())
}

/// Articles after rowid `since` naming an entity some correction may speak
/// of (the pure [`correct`] decides).
fn candidates(tx: &Transaction, corrections: &[Correction], since: i64) -> Result<BTreeSet<i64>> {
    let mut eids = BTreeSet::new();
    let mut by_key = tx.prepare_cached("SELECT eid FROM entities WHERE key = ?1")?;
    let mut by_name = tx.prepare_cached("SELECT eid FROM entities WHERE fold_key(name) = ?1")?;
    let mut by_alias =
        tx.prepare_cached("SELECT eid FROM entity_aliases WHERE fold_key(alias) = ?1")?;
    for c in corrections {
        let mut folds: BTreeSet<String> = c.spellings.iter().map(|s| fold_key(s)).collect();
        folds.insert(c.entity.key.clone());
        for f in &folds {
            for stmt in [&mut by_key, &mut by_name, &mut by_alias] {
                for eid in stmt.query_map([f], |r| r.get::<_, i64>(0))? {
                    eids.insert(eid?);
                }
            }
        }
    }
    let mut articles = BTreeSet::new();
    let mut of =
        tx.prepare_cached("SELECT article FROM article_entities WHERE eid = ?1 AND article > ?2")?;
    for eid in eids {
        for a in of.query_map(rusqlite::params![eid, since], |r| r.get::<_, i64>(0))? {
            articles.insert(a?);
        }
    }
    Ok(articles)
}

/// One article's entities as the index holds them.
fn found_in(tx: &Transaction, article: i64) -> Result<Vec<Saved>> {
    let mut stmt = tx.prepare_cached(
        "SELECT e.kind, e.key, ae.name, ae.aliases, ae.spans, ae.by_evidence FROM article_entities ae
         JOIN entities e ON e.eid = ae.eid WHERE ae.article = ?1 ORDER BY e.eid",
    )?;
    let rows = stmt.query_map([article], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, bool>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, key, name, aliases, spans, by_evidence) = row?;
        let Some(kind) = EntityKind::parse(&kind) else {
            continue;
        };
        out.push(Saved {
            entity: FoundEntity {
                key,
                name,
                kind,
                aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                spans: serde_json::from_str(&spans).unwrap_or_default(),
            },
            by_evidence,
        });
    }
    Ok(out)
}

/// Writes an article's entities in place of those it had.
fn replace_entities(
    tx: &Transaction,
    article: i64,
    found: &[Saved],
    touched: &mut BTreeSet<i64>,
) -> Result<()> {
    {
        let mut old = tx.prepare_cached("SELECT eid FROM article_entities WHERE article = ?1")?;
        for eid in old.query_map([article], |r| r.get::<_, i64>(0))? {
            touched.insert(eid?);
        }
    }
    tx.prepare_cached("DELETE FROM article_entities WHERE article = ?1")?
        .execute([article])?;
    let mut link = tx.prepare_cached(
        "INSERT OR REPLACE INTO article_entities(eid, article, name, aliases, spans, by_evidence,
             date, source)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, date, source FROM articles WHERE rowid = ?2",
    )?;
    for Saved {
        entity: e,
        by_evidence,
    } in found
    {
        let eid = entity_id(tx, e)?;
        link.execute(params![
            eid,
            article,
            e.name,
            serde_json::to_string(&e.aliases)?,
            serde_json::to_string(&e.spans)?,
            by_evidence
        ])?;
        touched.insert(eid);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::EntityRef;

    fn found(key: &str, name: &str, aliases: &[&str], spans: &[(usize, usize)]) -> FoundEntity {
        FoundEntity {
            key: key.into(),
            name: name.into(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            spans: spans.to_vec(),
        }
    }

    fn on(key: &str, name: &str, action: CorrectionAction, id: i64) -> Correction {
        let mut c = Correction::new(
            EntityRef {
                kind: EntityKind::Person,
                key: key.into(),
                name: name.into(),
            },
            vec![name.into()],
            action,
        );
        c.id = id;
        c
    }

    #[test]
    fn a_split_takes_exactly_the_spans_of_its_spelling() {
        let body = "Maria Lindqvist spoke. Lindqvist left.";
        let e = found(
            "maria lindqvist",
            "Maria Lindqvist",
            &["Maria Lindqvist", "Lindqvist"],
            &[(0, 15), (23, 32)],
        );
        let split = on(
            "maria lindqvist",
            "Maria Lindqvist",
            CorrectionAction::Split {
                spelling: "Lindqvist".into(),
            },
            7,
        );
        let (out, hits) = correct(vec![e], &[split], Some(body));
        assert_eq!(hits, [7]);
        assert_eq!(out.len(), 2);
        assert_eq!(
            (out[0].key.as_str(), out[0].spans.as_slice()),
            ("maria lindqvist", &[(0, 15)][..])
        );
        assert_eq!(
            (out[1].key.as_str(), out[1].spans.as_slice()),
            ("lindqvist", &[(23, 32)][..])
        );
        assert_eq!(out[1].aliases, ["Lindqvist"]);
    }

    #[test]
    fn a_merge_into_a_name_the_article_also_has_makes_one_entity() {
        let a = found("ann lee", "Ann Lee", &["Ann Lee"], &[(0, 7)]);
        let b = found("anne lee", "Anne Lee", &["Anne Lee"], &[(20, 28)]);
        let merge = on(
            "ann lee",
            "Ann Lee",
            CorrectionAction::Merge {
                into: EntityRef {
                    kind: EntityKind::Person,
                    key: "anne lee".into(),
                    name: "Anne Lee".into(),
                },
            },
            1,
        );
        // Later corrections apply over earlier ones: the merged entity is renamed.
        let rename = on(
            "anne lee",
            "Anne Lee",
            CorrectionAction::Rename {
                name: "Dr Anne Lee".into(),
            },
            2,
        );
        let (out, hits) = correct(vec![a, b], &[merge, rename], None);
        assert_eq!(hits, [1, 2]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].name, "Dr Anne Lee");
        assert_eq!(out[0].aliases, ["Ann Lee", "Anne Lee"]);
        assert_eq!(out[0].spans, [(0, 7), (20, 28)]);
    }

    #[test]
    fn a_correction_follows_a_spelling_when_the_key_changed() {
        // Made when the key was `a lee`; the extractor now keys it otherwise.
        let mut ignore = on("a lee", "A. Lee", CorrectionAction::Ignore, 3);
        ignore.spellings = vec!["A. Lee".into(), "Ann Lee".into()];
        let now = found("ann lee", "Ann Lee", &["Ann Lee"], &[(0, 7)]);
        let other = found("bo lee", "Bo Lee", &["Bo Lee"], &[(9, 15)]);
        let (out, hits) = correct(vec![now, other.clone()], &[ignore], None);
        assert_eq!((out, hits), (vec![other], vec![3]));
    }
}
