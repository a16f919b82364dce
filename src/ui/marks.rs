//! The user's marks from the reader: read, bookmark and tags on one
//! article or on every article in view, the question a bulk change asks
//! first, and `u`, which takes back the session's last change. Every change
//! is one call to [`Catalog::mark`] (one transaction however many
//! articles), and remembers what it did so that undo puts back exactly that.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::App;
use super::ops::{after_write, mirror, not_saved, reload_list, target};
use super::prompt::parse_tag_changes;
use crate::library::Catalog;
use crate::model::ArticleSummary;
use crate::state::{Mark, Undo};

/// How many changes `u` can take back, newest first.
const UNDO_DEPTH: usize = 50;

/// A bulk change waiting for y/n.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub ids: Vec<String>,
    pub mark: Mark,
    /// What is done, for the status line and undo ("marked 3 articles read").
    pub done: String,
}

/// A change made this session, to take back with `u`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub what: String,
    pub undo: Undo,
}

/// `19043` as `19,043`, for the questions and messages.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn articles(n: usize) -> String {
    format!("{} article{}", count(n), if n == 1 { "" } else { "s" })
}

fn ids_in_view(app: &mut App, cat: &dyn Catalog, unread_only: bool) -> Option<Vec<String>> {
    let mut filter = app.list.filter.clone();
    filter.unread_only |= unread_only;
    match cat.ids_in_view(&filter) {
        Ok(ids) => Some(ids),
        Err(e) => {
            app.complain(format!("cannot list articles: {e:#}"));
            None
        }
    }
}

/// Makes the change now, or, over more than a screenful of articles, asks
/// first (`question` + " y/n").
fn change_or_ask(
    app: &mut App,
    cat: &dyn Catalog,
    ids: Vec<String>,
    mark: Mark,
    question: String,
    done: String,
) {
    if ids.is_empty() {
        return app.inform("nothing to change in this view");
    }
    if ids.len() > app.list_height().max(1) {
        app.inform(format!("{question} y/n"));
        app.confirm = Some(Pending { ids, mark, done });
    } else {
        apply(app, cat, Pending { ids, mark, done });
    }
}

/// A key while a question is open: `y` makes the change, anything else
/// leaves everything as it was.
pub fn confirm_key(app: &mut App, cat: &dyn Catalog, key: &KeyEvent) {
    let Some(pending) = app.confirm.take() else {
        return;
    };
    if matches!(key.code, KeyCode::Char('y' | 'Y')) {
        apply(app, cat, pending);
    } else {
        app.inform("nothing changed");
    }
}

/// What a failed change was to save, for the status line.
fn what(mark: &Mark) -> &'static str {
    match mark {
        Mark::Read(true) => "the read mark",
        Mark::Read(false) => "the unread mark",
        Mark::Bookmarked(true) => "the bookmark",
        Mark::Bookmarked(false) => "the bookmark's removal",
        Mark::Tags { .. } => "the tags",
    }
}

fn show_on(a: &mut ArticleSummary, mark: &Mark) {
    match mark {
        Mark::Read(on) => a.read = *on,
        Mark::Bookmarked(on) => a.bookmarked = *on,
        Mark::Tags { add, remove } => {
            a.tags.extend(add.iter().cloned());
            a.tags.retain(|t| !remove.contains(t));
            a.tags.sort();
            a.tags.dedup();
        }
    }
}

/// Makes the change in one transaction; on success it can be undone.
fn apply(app: &mut App, cat: &dyn Catalog, pending: Pending) -> bool {
    let Pending { ids, mark, done } = pending;
    match cat.mark(&ids, &mark) {
        Ok(undo) => {
            if ids.len() == 1 {
                mirror(app, &ids[0], |a| show_on(a, &mark));
            } else {
                // The rows on screen and the open article, read again.
                reload_list(app, cat);
                if let Some(d) = app.reader.detail.as_mut()
                    && ids.contains(&d.summary.id)
                {
                    show_on(&mut d.summary, &mark);
                }
            }
            if !undo.is_empty() {
                app.undo.push(Done {
                    what: done.clone(),
                    undo,
                });
                if app.undo.len() > UNDO_DEPTH {
                    app.undo.remove(0);
                }
            }
            app.inform(done);
            after_write(app, cat, matches!(mark, Mark::Tags { .. }));
            true
        }
        Err(e) => {
            not_saved(app, what(&mark), &e);
            after_write(app, cat, false);
            false
        }
    }
}

/// Marks the article read or unread without a message (opening it).
pub fn set_read(app: &mut App, cat: &dyn Catalog, id: &str, read: bool) {
    let pending = Pending {
        ids: vec![id.to_string()],
        mark: Mark::Read(read),
        done: format!("marked {}", if read { "read" } else { "unread" }),
    };
    let message = app.message.clone();
    if apply(app, cat, pending) {
        app.message = message;
    }
}

pub fn toggle_read(app: &mut App, cat: &dyn Catalog) {
    let Some(id) = target(app) else { return };
    let read = app.list.article_mut(&id).map(|a| a.read).or(app
        .reader
        .detail
        .as_ref()
        .map(|d| d.summary.read));
    let now = !read.unwrap_or(false);
    let done = if now { "marked read" } else { "marked unread" };
    apply(
        app,
        cat,
        Pending {
            ids: vec![id],
            mark: Mark::Read(now),
            done: done.into(),
        },
    );
}

pub fn toggle_bookmark(app: &mut App, cat: &dyn Catalog) {
    let Some(id) = target(app) else { return };
    let on = !app
        .list
        .article_mut(&id)
        .map(|a| a.bookmarked)
        .or(app.reader.detail.as_ref().map(|d| d.summary.bookmarked))
        .unwrap_or(false);
    let done = if on { "bookmarked" } else { "bookmark removed" };
    apply(
        app,
        cat,
        Pending {
            ids: vec![id],
            mark: Mark::Bookmarked(on),
            done: done.into(),
        },
    );
}

/// `M` (read) and its counterpart (unread) on every article in view.
pub fn mark_all(app: &mut App, cat: &dyn Catalog, read: bool) {
    // Only those not already so: the question counts what will change.
    let ids = if read {
        ids_in_view(app, cat, true)
    } else {
        ids_in_view(app, cat, false)
    };
    let Some(ids) = ids else { return };
    let word = if read { "read" } else { "unread" };
    let n = articles(ids.len());
    change_or_ask(
        app,
        cat,
        ids,
        Mark::Read(read),
        format!("mark {n} {word}?"),
        format!("marked {n} {word}"),
    );
}

/// `+a -b c` on one article or on every article in view.
pub fn change_tags(app: &mut App, cat: &dyn Catalog, input: &str, all_in_view: bool) {
    let (add, remove) = parse_tag_changes(input);
    if add.is_empty() && remove.is_empty() {
        return;
    }
    let ids: Vec<String> = if all_in_view {
        match ids_in_view(app, cat, false) {
            Some(ids) => ids,
            None => return,
        }
    } else {
        target(app).into_iter().collect()
    };
    let n = articles(ids.len());
    let changes: Vec<String> = add
        .iter()
        .map(|t| format!("+{t}"))
        .chain(remove.iter().map(|t| format!("-{t}")))
        .collect();
    let changes = crate::text::sanitize_line(&changes.join(" "));
    change_or_ask(
        app,
        cat,
        ids,
        Mark::Tags { add, remove },
        format!("change tags {changes} on {n}?"),
        format!("tags changed on {n}"),
    );
}

/// `u`: takes back the session's last change that is not undone yet.
pub fn undo(app: &mut App, cat: &dyn Catalog) {
    let Some(done) = app.undo.pop() else {
        return app.inform("nothing to undo");
    };
    match cat.undo(&done.undo) {
        Ok(_) => {
            super::ops::refresh(app, cat);
            app.inform(format!("undone: {}", done.what));
        }
        Err(e) => {
            not_saved(app, "the undo", &e);
            app.undo.push(done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(19_043), "19,043");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(articles(1), "1 article");
    }
}
