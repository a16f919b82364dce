//! The reader's whole state. Each pane owns its own part (`list`, `reader`,
//! `sidebar`); `App` holds them with what is shared: focus, overlays, the
//! status message, the terminal size. Views read it; only `update` writes.

use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::effect::Effect;
use super::keymap::Keymap;
use super::layout::{self, Areas, Choices, Pane};
use super::links::LinksOverlay;
use super::list::ListPane;
use super::prompt::Prompt;
use super::reader::ReaderPane;
use super::sidebar::SidebarPane;
use super::theme::Theme;
use crate::config::{OpenConfig, UiConfig};
use crate::query::ListFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Failures {
        scroll: usize,
    },
    /// The saved searches; `selected` 0 is "every article".
    Views {
        selected: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Where the list was before following an entity, to come back with Esc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub filter: ListFilter,
    pub selected: Option<String>,
}

#[derive(Debug, Clone)]
pub struct App {
    pub keymap: Keymap,
    pub theme: Theme,
    pub size: Rect,
    pub focus: Pane,
    /// `[ui] sidebar`: show it when the terminal is wide enough.
    pub sidebar_default: bool,
    /// The user's toggle, overriding the width rule once pressed.
    pub sidebar_choice: Option<bool>,
    /// The focused pane has the whole screen (`z`), for the session.
    pub zoom: bool,
    /// `[ui] preview`: the list's selection is shown in the reader.
    pub preview: bool,
    pub list: ListPane,
    pub reader: ReaderPane,
    pub sidebar: SidebarPane,
    pub overlay: Option<Overlay>,
    /// The article's links (`o`), over everything else while open.
    pub links: Option<LinksOverlay>,
    /// Related articles (`R`), over the panes while open.
    pub related: Option<super::related::RelatedOverlay>,
    /// The entity picker (`e`), over the panes while open.
    pub entity_jump: Option<super::entity_jump::EntityJump>,
    /// An entity's page (Enter in the sidebar), over the panes while open.
    pub entity_page: Option<super::entity_page::EntityPageState>,
    /// `[open]`: the opener and whether `c` may copy.
    pub open: OpenConfig,
    /// Work for the event loop to do after this update (open, copy).
    pub effects: Vec<Effect>,
    pub prompt: Option<Prompt>,
    /// The search in force: marks in the list and reader, n/N.
    pub search: Option<super::search::ActiveSearch>,
    /// The list before the search prompt opened, for Esc.
    pub before_search: Option<Saved>,
    /// The last query searched for, offered when `/` opens again.
    pub last_query: Option<String>,
    pub message: Option<Message>,
    /// An index update is running on the worker.
    pub indexing: bool,
    /// More keys are already waiting behind the one being applied (the
    /// event loop read them together): a search typed key by key is run
    /// for the last of them only, not for each stale prefix.
    pub input_waiting: bool,
    /// A search prompt's text was not yet run against the list because
    /// more keys were waiting; run once they have been applied.
    pub search_owed: bool,
    /// Files the running update has stored, out of those it must read.
    pub index_progress: Option<(usize, usize)>,
    /// The index's version when the list was last loaded during an update.
    pub index_seen: Option<u64>,
    pub failures: Vec<(String, String)>,
    pub history: Vec<Saved>,
    /// For date groups; set by the event loop so views stay pure.
    pub today: NaiveDate,
    /// The catalog's state version last seen.
    pub version: Option<u64>,
    pub mouse: bool,
    /// Who is reading, when the reader serves many (`brief serve`: the
    /// name from the authorized key); `None` for the local user.
    pub user: Option<String>,
    /// Draw link text as OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// Saved searches from the config: (name, query).
    pub views: Vec<(String, String)>,
    /// What is typed in the saved-searches picker, to narrow it.
    pub views_typed: String,
    pub quit: bool,
    /// A bulk change waiting for the user's y/n.
    pub confirm: Option<super::marks::Pending>,
    /// This session's changes of marks, newest last, for `u`.
    pub undo: Vec<super::marks::Done>,
    /// Bulk changes go to a worker (the event loop has one); without one
    /// they are made at once on this thread.
    pub bulk_worker: bool,
    /// The bulk change on the worker, if one runs.
    pub bulk: Option<super::marks::Running>,
}

impl App {
    pub fn new(keymap: Keymap, theme: Theme, ui: &UiConfig, today: NaiveDate) -> App {
        App {
            keymap,
            theme,
            size: Rect::new(0, 0, 80, 24),
            focus: Pane::List,
            sidebar_default: ui.sidebar,
            sidebar_choice: None,
            zoom: false,
            preview: ui.preview,
            list: ListPane::new(ui.group),
            reader: ReaderPane::default(),
            sidebar: SidebarPane::default(),
            overlay: None,
            links: None,
            related: None,
            entity_jump: None,
            entity_page: None,
            open: OpenConfig::default(),
            effects: Vec::new(),
            prompt: None,
            search: None,
            before_search: None,
            last_query: None,
            message: None,
            indexing: false,
            input_waiting: false,
            search_owed: false,
            index_progress: None,
            index_seen: None,
            failures: Vec::new(),
            history: Vec::new(),
            today,
            version: None,
            mouse: ui.mouse,
            user: None,
            hyperlinks: ui.hyperlinks,
            views: Vec::new(),
            views_typed: String::new(),
            quit: false,
            confirm: None,
            undo: Vec::new(),
            bulk_worker: false,
            bulk: None,
        }
    }

    /// What the layout depends on besides the size.
    pub fn choices(&self) -> Choices {
        Choices {
            focus: self.focus,
            sidebar_default: self.sidebar_default,
            sidebar_choice: self.sidebar_choice,
            zoom: self.zoom,
        }
    }

    /// Whether the sidebar is on screen now.
    pub fn sidebar_on(&self) -> bool {
        self.areas().sidebar.is_some()
    }

    pub fn areas(&self) -> Areas {
        layout::areas(self.size, self.choices())
    }

    /// The panes Tab moves through, in order.
    pub fn panes(&self) -> Vec<Pane> {
        let wanted = self.sidebar_choice.unwrap_or(self.sidebar_default);
        if wanted || layout::full_width(self.size.width) {
            vec![Pane::List, Pane::Reader, Pane::Sidebar]
        } else {
            vec![Pane::List, Pane::Reader]
        }
    }

    /// Fits every pane to the current size: the reader is wrapped again
    /// only when its width changed.
    pub fn relayout(&mut self) {
        if !self.panes().contains(&self.focus) {
            self.focus = Pane::List;
        }
        let inner = |r: Option<Rect>| {
            r.map_or((0, 0), |r| {
                (
                    r.width.saturating_sub(2) as usize,
                    r.height.saturating_sub(2) as usize,
                )
            })
        };
        let now = self.areas();
        let (size, choices) = (self.size, self.choices());
        let as_focused = |pane| layout::areas(size, choices.focused(pane));
        // The reader is laid out for the width it has on screen (a preview
        // beside the list, a column when reading), or for the width it
        // will have when focused while another pane has the screen.
        let reader = now.reader.or(as_focused(Pane::Reader).reader);
        let (rw, rh) = inner(reader);
        self.reader.height = rh;
        self.reader.set_width(rw, &self.theme);
        self.reader.scroll_to(self.reader.scroll);
        let (_, lh) = inner(now.list.or(as_focused(Pane::List).list));
        self.list.scroll_into_view(lh);
        let (_, sh) = inner(now.sidebar.or(as_focused(Pane::Sidebar).sidebar));
        self.sidebar.scroll_into_view(sh);
    }

    pub fn list_height(&self) -> usize {
        layout::areas(self.size, self.choices().focused(Pane::List))
            .list
            .map_or(1, |r| r.height.saturating_sub(2) as usize)
    }

    /// The saved-searches picker's entries as shown: indices into
    /// "Every article" (0) then `views` (1…), those whose name matches
    /// what was typed fuzzily, best first.
    pub fn picked_views(&self) -> Vec<usize> {
        let names: Vec<String> = std::iter::once("Every article".to_string())
            .chain(self.views.iter().map(|(name, _)| name.clone()))
            .collect();
        super::prompt::fuzzy_rank(&self.views_typed, &names)
            .into_iter()
            .filter_map(|hit| names.iter().position(|n| std::ptr::eq(n, hit)))
            .collect()
    }

    pub fn inform(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn complain(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }
}
