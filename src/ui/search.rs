//! Searching from the reader: the query typed after `/` narrows the list
//! with every key, its words are marked in the list and the article, and
//! `n`/`N` jump between them in the article. The query language is the
//! one of `brief list --query` (crate::query).

use super::app::{App, Saved};
use super::layout::Pane;
use super::ops;
use super::prompt::{Prompt, PromptKind};
use crate::library::Catalog;
use crate::query::{Highlight, ListFilter, Query, find_highlights, parse, parse_as_typed};

/// The search in force: what the list is narrowed by and what to mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveSearch {
    pub source: String,
    pub highlights: Vec<Highlight>,
}

impl ActiveSearch {
    pub fn of(query: &Query) -> Option<ActiveSearch> {
        query.expr.as_ref()?;
        Some(ActiveSearch {
            source: query.source.trim().to_string(),
            highlights: query.highlights(),
        })
    }

    /// Whether a line of text holds a match.
    pub fn hits(&self, text: &str) -> bool {
        !find_highlights(text, &self.highlights).is_empty()
    }
}

/// Opens the search prompt on the query in force, so it can be refined;
/// Esc will bring the list back as it is now.
pub fn begin(app: &mut App, cat: &dyn Catalog) {
    app.before_search = Some(Saved {
        filter: app.list.filter.clone(),
        selected: app.list.selected_article().map(|a| a.id.clone()),
    });
    // The query in force, else the last one searched for, selected: typing
    // replaces it, Right/End keeps it to refine.
    let last = match &app.list.filter.query {
        Some(q) => q.source.trim().to_string(),
        None => app.last_query.clone().unwrap_or_default(),
    };
    // Up/Down walk the searches of this and earlier sessions; without
    // them the prompt still works.
    let history = cat.search_history().unwrap_or_default();
    app.prompt = Some(
        Prompt::new(PromptKind::Search, Vec::new())
            .with_text(&last)
            .with_history(history),
    );
}

/// The list as it was before the search, with `query` in force.
fn narrowed(app: &App, query: Option<Query>) -> ListFilter {
    let base = app
        .before_search
        .as_ref()
        .map_or(&app.list.filter, |s| &s.filter);
    ListFilter {
        query: query.filter(|q| q.expr.is_some()),
        ..base.clone()
    }
}

fn apply(app: &mut App, cat: &dyn Catalog, query: Option<Query>) {
    app.search = query.as_ref().and_then(ActiveSearch::of);
    let filter = narrowed(app, query);
    if filter != app.list.filter {
        app.list.filter = filter;
        app.list.offset = 0;
        app.list.selected = 0;
        ops::reload_list_at(app, cat, None);
    }
}

/// A key was typed: narrow the list to what the text means so far. An
/// unfinished query (an open quote, a dangling OR) is read as far as it
/// goes; a wrong one is shown in the prompt and the list stays as it was.
pub fn typed(app: &mut App, cat: &dyn Catalog) {
    let Some(input) = app.prompt.as_ref().map(|p| p.text().to_string()) else {
        return;
    };
    // The next key, already read, changes the text again: searching for
    // this one would only delay that one (at a million articles each
    // search is tens of milliseconds).
    if app.input_waiting {
        app.search_owed = true;
        return;
    }
    app.search_owed = false;
    match parse_as_typed(&input, app.today) {
        Ok(query) => {
            set_error(app, None);
            apply(app, cat, Some(query));
        }
        Err(e) => set_error(app, Some(e.to_string())),
    }
}

/// After a run of keys read together: the search their last edit owes,
/// when no later key ran it (one the prompt did not take). Returns
/// whether the list changed.
pub fn settle(app: &mut App, cat: &dyn Catalog) -> bool {
    if !std::mem::take(&mut app.search_owed) {
        return false;
    }
    if app
        .prompt
        .as_ref()
        .is_some_and(|p| p.kind == PromptKind::Search)
    {
        typed(app, cat);
        return true;
    }
    false
}

fn set_error(app: &mut App, error: Option<String>) {
    if let Some(p) = app.prompt.as_mut() {
        p.error = error;
    }
}

/// Enter: the query is read strictly; a malformed one keeps the prompt
/// open with the problem and its column.
pub fn submit(app: &mut App, cat: &dyn Catalog, text: String) {
    app.search_owed = false;
    if text.is_empty() {
        apply(app, cat, None);
        app.before_search = None;
        return;
    }
    match parse(&text, app.today) {
        Ok(query) => {
            apply(app, cat, Some(query));
            app.before_search = None;
            if let Err(e) = cat.remember_search(&text) {
                app.complain(format!("could not save the search history: {e:#}"));
            }
            app.last_query = Some(text.clone());
            app.focus = Pane::List;
            if app.list.is_empty() {
                app.complain(format!(
                    "nothing matches {}",
                    crate::text::sanitize_line(&text)
                ));
            }
        }
        Err(e) => {
            let mut prompt = Prompt::new(PromptKind::Search, Vec::new());
            prompt.set_text(&text);
            prompt.error = Some(e.to_string());
            app.prompt = Some(prompt);
        }
    }
}

/// Esc: the list comes back as it was before the prompt opened.
pub fn cancel(app: &mut App, cat: &dyn Catalog) {
    app.search_owed = false;
    if let Some(saved) = app.before_search.take() {
        app.search = saved.filter.query.as_ref().and_then(ActiveSearch::of);
        if saved.filter != app.list.filter {
            app.list.filter = saved.filter;
            ops::reload_list_at(app, cat, saved.selected.as_deref());
        }
    }
}

/// Shows the articles matching `source` (a query built by the reader, such
/// as `topic:energy`), remembering where the list was for Esc.
pub fn show_query(app: &mut App, cat: &dyn Catalog, source: &str) {
    match parse(source, app.today) {
        Ok(query) => {
            app.history.push(Saved {
                filter: app.list.filter.clone(),
                selected: app.list.selected_article().map(|a| a.id.clone()),
            });
            app.search = ActiveSearch::of(&query);
            app.list.filter = ListFilter {
                query: Some(query),
                ..ListFilter::default()
            };
            ops::reload_list(app, cat);
            app.focus = Pane::List;
            // The status line shows the query already; say how to go back.
            let back = app
                .keymap
                .hint(super::action::Action::Back)
                .unwrap_or("Esc");
            app.inform(format!("{back}: back"));
        }
        Err(e) => app.complain(format!("cannot search for {source}: {e}")),
    }
}

/// Shows saved search `index - 1` of the config (0: every article), named
/// in the list's title.
pub fn show_view(app: &mut App, cat: &dyn Catalog, index: usize) {
    let Some(i) = index.checked_sub(1) else {
        ops::show(app, cat, ListFilter::default());
        return;
    };
    let Some((name, source)) = app.views.get(i).cloned() else {
        return;
    };
    match parse(&source, app.today) {
        Ok(query) => {
            let search = ActiveSearch::of(&query);
            ops::show(
                app,
                cat,
                ListFilter {
                    query: Some(query),
                    ..ListFilter::default()
                },
            );
            app.search = search;
            app.list.view = Some(name);
        }
        // Saved searches are checked when the config loads; a relative
        // date can still go wrong at midnight of an odd calendar.
        Err(e) => app.complain(format!(
            "cannot use the saved search {}: {e}",
            crate::text::sanitize_line(&name)
        )),
    }
}

/// A query value in quotes when it needs them; quotes inside are dropped
/// (no name needs them to be found).
pub fn quoted(value: &str) -> String {
    let clean: String = value.chars().filter(|&c| c != '"').collect();
    if clean
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !clean.is_empty()
    {
        clean
    } else {
        format!("\"{clean}\"")
    }
}

/// `f`: the list narrowed to the sidebar's entity, or to the topic of the
/// article in the reader or under the cursor.
pub fn filter_here(app: &mut App, cat: &dyn Catalog) {
    if app.focus == Pane::Sidebar {
        let Some(entity) = app
            .sidebar
            .selected_entity()
            .and_then(|i| app.reader.detail.as_ref()?.entities.get(i))
        else {
            return app.inform("no name selected");
        };
        let source = format!("entity:{}", quoted(&entity.name));
        return show_query(app, cat, &source);
    }
    let topic = match (app.focus, &app.reader.detail) {
        (Pane::Reader, Some(d)) => d.summary.topics.first().cloned(),
        _ => app
            .list
            .selected_article()
            .and_then(|a| a.topics.first().cloned()),
    };
    match topic {
        Some(t) => show_query(app, cat, &format!("topic:{}", quoted(&t))),
        None => app.inform("this article has no topic"),
    }
}

/// n/N: the next line of the article holding a match, or in the list the
/// next article (the list holds only matches).
pub fn jump(app: &mut App, forward: bool) {
    let Some(search) = app.search.clone() else {
        return app.inform("no search yet: press the search key");
    };
    if app.focus != Pane::Reader {
        app.list.move_by(if forward { 1 } else { -1 });
        return app.relayout();
    }
    let lines = &app.reader.lines;
    let n = lines.len();
    let from = app.reader.scroll;
    let found = (1..=n)
        .map(|s| {
            if forward {
                (from + s) % n.max(1)
            } else {
                (from + 2 * n - s) % n.max(1)
            }
        })
        .find(|&i| search.hits(&super::reader::plain(&lines[i])));
    match found {
        Some(line) => {
            app.reader.scroll_to(line);
            app.relayout();
        }
        None => app.complain(format!(
            "no match for {} in this article",
            crate::text::sanitize_line(&search.source)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_only_when_needed() {
        assert_eq!(quoted("energy"), "energy");
        assert_eq!(quoted("Wang Yi"), "\"Wang Yi\"");
        assert_eq!(quoted("Kim Jong-un"), "\"Kim Jong-un\"");
        assert_eq!(quoted("say \"x\""), "\"say x\"");
        assert_eq!(quoted(""), "\"\"");
    }
}
