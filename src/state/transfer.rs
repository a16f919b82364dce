//! `brief state export` / `import`: the user's state as one JSON document,
//! to move it to another machine or keep a copy. Import adds to what is
//! there and never takes anything away: flags that are on stay on, tags are
//! added, corrections already present are not doubled.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Correction, Result, StateDb, StateError};

/// The format's version, so a newer file is refused, not half read.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedArticle {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub bookmarked: bool,
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub position: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    pub brief_state: u32,
    /// By article id.
    pub articles: BTreeMap<String, ExportedArticle>,
    pub entity_corrections: Vec<Correction>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub articles: usize,
    pub corrections_added: usize,
}

impl StateDb {
    pub fn export(&self) -> Result<Exported> {
        let articles = self
            .all()?
            .into_iter()
            .map(|(id, s)| {
                (
                    id,
                    ExportedArticle {
                        tags: s.tags,
                        bookmarked: s.bookmarked,
                        read: s.read,
                        position: s.position,
                    },
                )
            })
            .collect();
        Ok(Exported {
            brief_state: FORMAT,
            articles,
            entity_corrections: self.corrections()?,
        })
    }

    pub fn import(&self, data: &Exported) -> Result<ImportReport> {
        if data.brief_state > FORMAT {
            return Err(StateError::Invalid(format!(
                "this export is of format {}, newer than this brief knows ({FORMAT})",
                data.brief_state
            )));
        }
        let mut report = ImportReport::default();
        for (id, a) in &data.articles {
            if !a.tags.is_empty() {
                self.change_tags(id, &a.tags, &[])?;
            }
            if a.bookmarked {
                self.set_bookmarked(id, true)?;
            }
            if a.read {
                self.set_read(id, true)?;
            }
            if a.position > 0 && self.get(id)?.position == 0 {
                self.set_position(id, a.position)?;
            }
            report.articles += 1;
        }
        let before = self.corrections()?.len();
        for c in &data.entity_corrections {
            let mut c = c.clone();
            c.id = 0;
            self.add_correction(&c)?;
        }
        report.corrections_added = self.corrections()?.len() - before;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;
    use crate::state::{CorrectionAction, EntityRef};

    #[test]
    fn export_then_import_elsewhere_gives_the_same_state_and_twice_changes_nothing() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let from = StateDb::open(a.path()).unwrap();
        from.change_tags("x", &["Energy".into()], &[]).unwrap();
        from.set_bookmarked("y", true).unwrap();
        from.set_read("x", true).unwrap();
        from.set_position("y", 12).unwrap();
        let who = EntityRef {
            kind: EntityKind::Org,
            key: "acme".into(),
            name: "Acme".into(),
        };
        from.add_correction(&Correction::new(
            who,
            vec!["Acme".into()],
            CorrectionAction::Ignore,
        ))
        .unwrap();
        let json = serde_json::to_string(&from.export().unwrap()).unwrap();

        let to = StateDb::open(b.path()).unwrap();
        let data: Exported = serde_json::from_str(&json).unwrap();
        let report = to.import(&data).unwrap();
        assert_eq!(report.corrections_added, 1);
        let mut strip = to.export().unwrap();
        for c in &mut strip.entity_corrections {
            c.id = 0;
        }
        let mut want = data.clone();
        for c in &mut want.entity_corrections {
            c.id = 0;
        }
        assert_eq!(strip, want);
        assert_eq!(to.import(&data).unwrap().corrections_added, 0);
        assert_eq!(to.corrections().unwrap().len(), 1);
    }
}
