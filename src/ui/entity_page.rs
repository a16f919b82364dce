//! An entity's page, opened with Enter on a name in the sidebar: what it
//! is, when it came up (a chart), who is named with it (each one Enter
//! away), where from; Enter again or `l` lists its articles. The user's
//! corrections are made here: `m` merge into another, `s` split a spelling
//! off, `x` not an entity, `K` change the kind, `r` rename. They are saved
//! in the user's state and applied to the index at once.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::App;
use super::ops;
use crate::entities::fold_key;
use crate::library::Catalog;
use crate::model::EntityKind;
use crate::state::{Correction, CorrectionAction, EntityRef};
use crate::store::{EntityPage, entity_ref};
use crate::text::sanitize_line;

/// The correction being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    Merge,
    Split,
    Kind,
    Rename,
}

impl Fix {
    pub fn prompt(self) -> &'static str {
        match self {
            Fix::Merge => "merge into (name): ",
            Fix::Split => "split off the spelling: ",
            Fix::Kind => "kind (person, org, place, other): ",
            Fix::Rename => "rename to: ",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityPageState {
    pub page: EntityPage,
    /// A co-occurring name, or `None` for the entity itself (Enter lists
    /// its articles).
    pub selected: Option<usize>,
    /// Pages this one was reached from, to come back with Esc.
    pub back: Vec<String>,
    /// A correction being typed: what, and the text so far.
    pub input: Option<(Fix, String)>,
}

/// Page keys, also shown in its footer.
pub const HINTS: &str = "Enter/l articles · j/k names · m merge · s split · x not an entity · K kind · r rename · Esc back";

/// Opens the page of the entity selected in the sidebar.
pub fn open_selected(app: &mut App, cat: &dyn Catalog) {
    let Some(key) = app
        .sidebar
        .selected_entity()
        .and_then(|i| app.reader.detail.as_ref()?.entities.get(i))
        .map(|e| e.key.clone())
    else {
        return;
    };
    open(app, cat, &key, Vec::new());
}

/// Opens the page of the entity `kind:key` (the entity picker's choice).
pub fn open_key(app: &mut App, cat: &dyn Catalog, key: &str) {
    open(app, cat, key, Vec::new());
}

fn open(app: &mut App, cat: &dyn Catalog, key: &str, back: Vec<String>) {
    match cat.entity_page(key) {
        Ok(Some(page)) => {
            app.entity_page = Some(EntityPageState {
                page,
                selected: None,
                back,
                input: None,
            })
        }
        Ok(None) => app.complain("that entity is no longer in the index"),
        Err(e) => app.complain(format!("cannot read the entity: {e:#}")),
    }
}

pub fn key(app: &mut App, cat: &dyn Catalog, key: &KeyEvent) {
    let Some(state) = app.entity_page.as_mut() else {
        return;
    };
    app.message = None;
    if let Some((fix, text)) = state.input.as_mut() {
        match key.code {
            KeyCode::Esc => state.input = None,
            KeyCode::Enter => {
                let (fix, text) = (*fix, text.trim().to_string());
                state.input = None;
                submit(app, cat, fix, &text);
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL) && text.chars().count() < 200 =>
            {
                text.push(c);
            }
            _ => {}
        }
        return;
    }
    let selected_name = state
        .selected
        .and_then(|i| state.page.cooccurring.get(i))
        .map(|c| c.name.clone());
    if let KeyCode::Char(c) = key.code
        && !key.modifiers.contains(KeyModifiers::CONTROL)
    {
        let fix = match c {
            'm' => Some((Fix::Merge, selected_name.unwrap_or_default())),
            's' => Some((Fix::Split, String::new())),
            'K' => Some((Fix::Kind, String::new())),
            'r' => Some((Fix::Rename, state.page.name.clone())),
            'x' => return ignore(app, cat),
            'l' => return list_articles(app, cat),
            _ => None,
        };
        if let Some((fix, text)) = fix {
            state.input = Some((fix, sanitize_line(&text).to_string()));
            return;
        }
    }
    let last = state.page.cooccurring.len();
    let at = state.selected.map_or(0, |i| i + 1);
    let move_to = |to: usize| if to == 0 { None } else { Some(to - 1) };
    match app.keymap.action(key) {
        Some(Action::Down) => state.selected = move_to((at + 1).min(last)),
        Some(Action::Up) => state.selected = move_to(at.saturating_sub(1)),
        Some(Action::Top) => state.selected = None,
        Some(Action::Bottom) => state.selected = move_to(last),
        Some(Action::Open) => match state.selected.and_then(|i| state.page.cooccurring.get(i)) {
            Some(other) => {
                let key = other.key.clone();
                let mut back = state.back.clone();
                back.push(state.page.key.clone());
                open(app, cat, &key, back);
            }
            None => list_articles(app, cat),
        },
        Some(Action::Back) => match state.back.pop() {
            Some(key) => {
                let back = std::mem::take(&mut state.back);
                open(app, cat, &key, back);
            }
            None => app.entity_page = None,
        },
        Some(Action::Quit) => app.entity_page = None,
        _ => {}
    }
}

/// Closes the page and lists the entity's articles (Esc comes back).
fn list_articles(app: &mut App, cat: &dyn Catalog) {
    let Some(state) = app.entity_page.take() else {
        return;
    };
    ops::follow_entity(app, cat, state.page.key, &state.page.name);
    app.relayout();
}

/// The entity the page shows, as a correction names it.
fn subject(page: &EntityPage) -> Option<EntityRef> {
    let (kind, key) = entity_ref(&page.key)?;
    Some(EntityRef {
        kind,
        key: key.to_string(),
        name: page.name.clone(),
    })
}

fn ignore(app: &mut App, cat: &dyn Catalog) {
    let Some(state) = app.entity_page.as_ref() else {
        return;
    };
    let Some(who) = subject(&state.page) else {
        return;
    };
    let c = Correction::new(who, state.page.aliases.clone(), CorrectionAction::Ignore);
    if save(app, cat, &c) {
        app.entity_page = None;
        app.inform(format!(
            "{} is not an entity (brief entity corrections lists it)",
            sanitize_line(&c.entity.name)
        ));
    }
}

fn submit(app: &mut App, cat: &dyn Catalog, fix: Fix, text: &str) {
    let Some(state) = app.entity_page.as_ref() else {
        return;
    };
    let page = &state.page;
    let Some(who) = subject(page) else { return };
    if text.is_empty() {
        return;
    }
    let action = match fix {
        Fix::Merge => match cat.entity_page(text) {
            Ok(Some(target)) => match subject(&target) {
                Some(into) => CorrectionAction::Merge { into },
                None => return,
            },
            Ok(None) => return app.complain(format!("no entity named {}", sanitize_line(text))),
            Err(e) => return app.complain(format!("cannot read the entity: {e:#}")),
        },
        Fix::Split => {
            let fold = fold_key(text);
            match page.aliases.iter().find(|a| fold_key(a) == fold) {
                Some(spelling) => CorrectionAction::Split {
                    spelling: spelling.clone(),
                },
                None => {
                    return app.complain(format!(
                        "{} is never spelled {}",
                        sanitize_line(&page.name),
                        sanitize_line(text)
                    ));
                }
            }
        }
        Fix::Kind => match EntityKind::parse(&text.to_lowercase()) {
            Some(kind) => CorrectionAction::Kind { kind },
            None => return app.complain("a kind is person, org, place or other"),
        },
        Fix::Rename => CorrectionAction::Rename {
            name: text.to_string(),
        },
    };
    // Where the entity is found after the correction.
    let after = match &action {
        CorrectionAction::Merge { into } => format!("{}:{}", into.kind.as_str(), into.key),
        CorrectionAction::Kind { kind } => format!("{}:{}", kind.as_str(), who.key),
        _ => page.key.clone(),
    };
    let back = state.back.clone();
    let c = Correction::new(who, page.aliases.clone(), action);
    if save(app, cat, &c) {
        open(app, cat, &after, back);
        app.inform(format!("saved: {}", sanitize_line(&c.describe())));
    }
}

/// Saves and applies a correction; the panes show it at once.
fn save(app: &mut App, cat: &dyn Catalog, c: &Correction) -> bool {
    match cat.correct_entity(c) {
        Ok(()) => {
            ops::refresh(app, cat);
            true
        }
        Err(e) => {
            app.complain(format!("could not save the correction: {e:#}"));
            false
        }
    }
}
