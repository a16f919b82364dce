//! The user's corrections to the entities found in the briefs: merge one
//! entity into another, split a spelling off, "not an entity", change the
//! kind, rename. Stored here as the user's data; the index applies them
//! (`store/corrections.rs`). Each names its entity by kind, key and the
//! spellings seen when it was made, so it still finds the entity when the
//! index is rebuilt.

use rusqlite::{Row, params};
use serde::{Deserialize, Serialize};

use super::{Result, StateDb, StateError};
use crate::model::EntityKind;

/// An entity as a correction names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    pub kind: EntityKind,
    pub key: String,
    pub name: String,
}

/// What the user said about an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "lowercase")]
pub enum CorrectionAction {
    /// The same entity as `into`: its mentions become `into`'s.
    Merge {
        into: EntityRef,
    },
    /// This spelling names another entity.
    Split {
        spelling: String,
    },
    /// Not an entity at all.
    Ignore,
    Kind {
        kind: EntityKind,
    },
    Rename {
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// Order of making (later corrections apply over earlier ones). Not
    /// kept by an export: an import numbers them afresh.
    #[serde(default)]
    pub id: i64,
    pub entity: EntityRef,
    /// Spellings of the entity when the correction was made, so that it
    /// still finds the entity if its key changes.
    #[serde(default)]
    pub spellings: Vec<String>,
    #[serde(flatten)]
    pub action: CorrectionAction,
    #[serde(default)]
    pub created_at: String,
}

impl Correction {
    pub fn new(entity: EntityRef, spellings: Vec<String>, action: CorrectionAction) -> Self {
        Correction {
            id: 0,
            entity,
            spellings,
            action,
            created_at: String::new(),
        }
    }

    /// One line for `brief entity corrections` and `brief check`.
    pub fn describe(&self) -> String {
        let who = format!("{} ({})", self.entity.name, self.entity.kind.as_str());
        match &self.action {
            CorrectionAction::Merge { into } => {
                format!("merge {who} into {} ({})", into.name, into.kind.as_str())
            }
            CorrectionAction::Split { spelling } => format!("split {spelling:?} off {who}"),
            CorrectionAction::Ignore => format!("ignore {who}: not an entity"),
            CorrectionAction::Kind { kind } => format!("{who} is a {}", kind.as_str()),
            CorrectionAction::Rename { name } => format!("rename {who} to {name}"),
        }
    }

    fn check(&self) -> Result<()> {
        let empty = |s: &str| s.trim().is_empty();
        let bad = match &self.action {
            _ if empty(&self.entity.key) || empty(&self.entity.name) => Some("no entity named"),
            CorrectionAction::Merge { into } if empty(&into.key) => Some("no entity to merge into"),
            CorrectionAction::Merge { into }
                if into.key == self.entity.key && into.kind == self.entity.kind =>
            {
                Some("an entity cannot be merged into itself")
            }
            CorrectionAction::Split { spelling } if empty(spelling) => Some("no spelling given"),
            CorrectionAction::Rename { name } if empty(name) => Some("the new name is empty"),
            _ => None,
        };
        match bad {
            Some(why) => Err(StateError::Invalid(format!("correction refused: {why}"))),
            None => Ok(()),
        }
    }

    /// (action, value, value_name) as stored.
    fn columns(&self) -> (&'static str, Option<String>, Option<String>) {
        match &self.action {
            CorrectionAction::Merge { into } => (
                "merge",
                Some(format!("{}:{}", into.kind.as_str(), into.key)),
                Some(into.name.clone()),
            ),
            CorrectionAction::Split { spelling } => ("split", Some(spelling.clone()), None),
            CorrectionAction::Ignore => ("ignore", None, None),
            CorrectionAction::Kind { kind } => ("kind", Some(kind.as_str().into()), None),
            CorrectionAction::Rename { name } => ("rename", Some(name.clone()), None),
        }
    }
}

const COLUMNS: &str = "id, action, kind, key, name, spellings, value, value_name, created_at";

/// A stored row, or `None` for one this brief cannot read (written by
/// hand, or by a newer brief): it is kept in the file, just not applied.
fn from_row(r: &Row) -> rusqlite::Result<Option<Correction>> {
    let kind: String = r.get(2)?;
    let Some(kind) = EntityKind::parse(&kind) else {
        return Ok(None);
    };
    let action: String = r.get(1)?;
    let value: Option<String> = r.get(6)?;
    let value_name: Option<String> = r.get(7)?;
    let action = match (action.as_str(), value) {
        ("merge", Some(v)) => {
            let Some((k, key)) = v.split_once(':') else {
                return Ok(None);
            };
            let Some(k) = EntityKind::parse(k) else {
                return Ok(None);
            };
            CorrectionAction::Merge {
                into: EntityRef {
                    kind: k,
                    key: key.to_string(),
                    name: value_name.unwrap_or_else(|| key.to_string()),
                },
            }
        }
        ("split", Some(spelling)) => CorrectionAction::Split { spelling },
        ("ignore", _) => CorrectionAction::Ignore,
        ("kind", Some(v)) => match EntityKind::parse(&v) {
            Some(kind) => CorrectionAction::Kind { kind },
            None => return Ok(None),
        },
        ("rename", Some(name)) => CorrectionAction::Rename { name },
        _ => return Ok(None),
    };
    let spellings: String = r.get(5)?;
    Ok(Some(Correction {
        id: r.get(0)?,
        entity: EntityRef {
            kind,
            key: r.get(3)?,
            name: r.get(4)?,
        },
        spellings: serde_json::from_str(&spellings).unwrap_or_default(),
        action,
        created_at: r.get(8)?,
    }))
}

pub(super) fn insert(tx: &rusqlite::Transaction, c: &Correction) -> rusqlite::Result<i64> {
    let (action, value, value_name) = c.columns();
    let spellings = serde_json::to_string(&c.spellings).unwrap_or_else(|_| "[]".into());
    let created = if c.created_at.is_empty() {
        None
    } else {
        Some(c.created_at.as_str())
    };
    tx.execute(
        "INSERT INTO entity_correction (action, kind, key, name, spellings, value, value_name, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
        params![
            action,
            c.entity.kind.as_str(),
            c.entity.key,
            c.entity.name,
            spellings,
            value,
            value_name,
            created
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl StateDb {
    /// Every correction this brief can apply, oldest first (the order they
    /// apply in).
    pub fn corrections(&self) -> Result<Vec<Correction>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM entity_correction ORDER BY id"
            ))?;
            let rows = stmt.query_map([], from_row)?;
            let mut all = Vec::new();
            for row in rows {
                all.extend(row?);
            }
            Ok(all)
        })
    }

    /// Saves a correction; returns its id. The same correction made again
    /// is kept once.
    pub fn add_correction(&self, c: &Correction) -> Result<i64> {
        c.check()?;
        let existing = self
            .corrections()?
            .into_iter()
            .find(|old| old.entity == c.entity && old.action == c.action);
        if let Some(old) = existing {
            return Ok(old.id);
        }
        self.write(|tx| insert(tx, c))
    }

    /// Takes a correction back; false when there was none with that id.
    pub fn remove_correction(&self, id: i64) -> Result<bool> {
        self.write(|tx| Ok(tx.execute("DELETE FROM entity_correction WHERE id = ?1", [id])? > 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str) -> EntityRef {
        EntityRef {
            kind: EntityKind::Person,
            key: crate::entities::fold_key(name),
            name: name.into(),
        }
    }

    #[test]
    fn corrections_are_kept_in_order_and_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let db = StateDb::open(dir.path()).unwrap();
        let all = [
            CorrectionAction::Merge {
                into: person("Angela Merkel"),
            },
            CorrectionAction::Split {
                spelling: "Merkel".into(),
            },
            CorrectionAction::Ignore,
            CorrectionAction::Kind {
                kind: EntityKind::Org,
            },
            CorrectionAction::Rename {
                name: "Chancellor Merkel".into(),
            },
        ];
        for action in &all {
            let c = Correction::new(
                person("A. Merkel"),
                vec!["A. Merkel".into()],
                action.clone(),
            );
            db.add_correction(&c).unwrap();
        }
        let back = db.corrections().unwrap();
        let actions: Vec<_> = back.iter().map(|c| c.action.clone()).collect();
        assert_eq!(actions, all);
        assert!(back.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(back[0].spellings, vec!["A. Merkel".to_string()]);
        assert!(!back[0].created_at.is_empty());

        // Made twice, kept once; taken back, gone.
        let again = Correction::new(person("A. Merkel"), vec![], CorrectionAction::Ignore);
        assert_eq!(db.add_correction(&again).unwrap(), back[2].id);
        assert!(db.remove_correction(back[2].id).unwrap());
        assert_eq!(db.corrections().unwrap().len(), 4);
    }

    #[test]
    fn nonsense_is_refused_and_unknown_rows_are_kept_unread() {
        let dir = tempfile::tempdir().unwrap();
        let db = StateDb::open(dir.path()).unwrap();
        let me = person("Ann Lee");
        let into_itself = Correction::new(
            me.clone(),
            vec![],
            CorrectionAction::Merge { into: me.clone() },
        );
        assert!(db.add_correction(&into_itself).is_err());
        let empty = Correction::new(me, vec![], CorrectionAction::Rename { name: " ".into() });
        assert!(db.add_correction(&empty).is_err());
        db.write(|tx| {
            tx.execute(
                "INSERT INTO entity_correction (action, kind, key, name, created_at)
                 VALUES ('kind', 'robot', 'x', 'X', 'now')",
                [],
            )
        })
        .unwrap();
        assert!(db.corrections().unwrap().is_empty());
    }
}
