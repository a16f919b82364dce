//! The entity picker (`e`): type part of a name, fuzzily (its letters in
//! order, any case, best first, as the tag and view pickers match), and
//! Enter opens that entity's page. The names are read once, when the
//! picker opens, most named first; typing only re-ranks them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::App;
use crate::library::Catalog;
use crate::store::EntityName;

/// Matches shown at most: a screenful is all anyone reads.
pub const SHOWN: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityJump {
    pub names: Vec<EntityName>,
    pub typed: String,
    /// Index into [`EntityJump::picked`].
    pub selected: usize,
    /// The ranking for `typed`: indices into `names`, best first.
    picked: Vec<usize>,
}

impl EntityJump {
    pub fn new(names: Vec<EntityName>) -> EntityJump {
        let mut jump = EntityJump {
            names,
            typed: String::new(),
            selected: 0,
            picked: Vec::new(),
        };
        jump.rank();
        jump
    }

    /// The names matching what was typed, best first ([`SHOWN`] at most).
    pub fn picked(&self) -> impl Iterator<Item = &EntityName> {
        self.picked.iter().filter_map(|&i| self.names.get(i))
    }

    pub fn picked_len(&self) -> usize {
        self.picked.len()
    }

    fn rank(&mut self) {
        let labels: Vec<String> = self.names.iter().map(|n| n.name.clone()).collect();
        self.picked = super::prompt::fuzzy_rank(&self.typed, &labels)
            .into_iter()
            .take(SHOWN)
            .filter_map(|hit| labels.iter().position(|l| std::ptr::eq(l, hit)))
            .collect();
        self.selected = 0;
    }

    fn selected_key(&self) -> Option<String> {
        let &i = self.picked.get(self.selected)?;
        Some(self.names.get(i)?.key.clone())
    }
}

/// Opens the picker over every name the collection knows.
pub fn show(app: &mut App, cat: &dyn Catalog) {
    match cat.entity_names() {
        Ok(names) if names.is_empty() => app.inform("no names found in the collection yet"),
        Ok(names) => app.entity_jump = Some(EntityJump::new(names)),
        Err(e) => app.complain(format!("cannot read the names: {e:#}")),
    }
}

/// A key while the picker is open: letters narrow it, Backspace takes one
/// back, Up/Down (and the keymap's moves, when nothing is being typed
/// over them) choose, Enter opens the page, Esc closes. (`quit_now` and
/// `suspend` never reach it: they act from anywhere.)
pub fn key(app: &mut App, cat: &dyn Catalog, key: &KeyEvent) {
    let Some(jump) = app.entity_jump.as_mut() else {
        return;
    };
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let last = jump.picked.len().saturating_sub(1);
    match key.code {
        KeyCode::Esc => app.entity_jump = None,
        KeyCode::Enter => {
            let picked = jump.selected_key();
            app.entity_jump = None;
            if let Some(key) = picked {
                super::entity_page::open_key(app, cat, &key);
            }
        }
        KeyCode::Down => jump.selected = (jump.selected + 1).min(last),
        KeyCode::Up => jump.selected = jump.selected.saturating_sub(1),
        KeyCode::Backspace => {
            if jump.typed.pop().is_some() {
                jump.rank();
            }
        }
        KeyCode::Char(c) if plain && !c.is_control() => {
            jump.typed.push(c);
            jump.rank();
        }
        _ => match app.keymap.action(key) {
            Some(Action::PageDown | Action::HalfPageDown) => {
                jump.selected = (jump.selected + 10).min(last)
            }
            Some(Action::PageUp | Action::HalfPageUp) => {
                jump.selected = jump.selected.saturating_sub(10)
            }
            _ => {}
        },
    }
}
