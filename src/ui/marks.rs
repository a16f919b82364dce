//! The user's marks from the reader: read, bookmark and tags on one
//! article or on every article in view, the question a bulk change asks
//! first, and `u`, which takes back the session's last change. Every change
//! is one call to [`Catalog::mark`] (one transaction however many
//! articles), and remembers what it did so that undo puts back exactly that.
//!
//! A change (or an undo) over more than a screenful is handed to a worker
//! when the reader has one ([`App::bulk_worker`]): the screen keeps
//! answering while it runs (`marking 100,000 articles…`), and
//! [`finished`] applies its outcome when the worker reports back. Without
//! a worker (tests, scripts) it runs here, at once.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::App;
use super::ops::{after_write, mirror, not_saved, reload_list, target};
use super::prompt::parse_tag_changes;
use crate::library::Catalog;
use crate::model::ArticleSummary;
use crate::state::{Mark, StateDb, Undo};

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

/// Work handed to the bulk worker, which opens its own state (the
/// reader's connection stays on the reader's thread).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    /// `hashes`: the content hashes to record with the marks, when few
    /// (see [`Catalog::hashes_for_marks`]).
    Mark {
        ids: Vec<String>,
        mark: Mark,
        hashes: Vec<(String, String)>,
    },
    Undo(Undo),
}

/// What the worker did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finished {
    Marked(Undo),
    Undone,
}

/// A bulk change on the worker, until it reports back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    /// For the status line: `marking 100,000 articles…`.
    pub label: String,
    pub what: RunningWhat,
    /// The work, until the event loop hands it to the worker.
    pub work: Option<Work>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunningWhat {
    /// A change of marks; `done` is said when it is saved.
    Mark { mark: Mark, done: String },
    /// Taking back this change, off the undo stack meanwhile.
    Undo(Done),
}

impl Work {
    /// Does the work on the worker's own connection to the state, in one
    /// transaction.
    pub fn run(self, state: &StateDb) -> anyhow::Result<Finished> {
        Ok(match self {
            Work::Mark { ids, mark, hashes } => {
                Finished::Marked(state.mark_remembering(&ids, &mark, &hashes)?)
            }
            Work::Undo(undo) => {
                state.undo(&undo)?;
                Finished::Undone
            }
        })
    }
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
    if refused_while_running(app) {
        return;
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
        if app.bulk_worker {
            in_background(app, cat, pending);
        } else {
            apply(app, cat, pending);
        }
    } else {
        app.inform("nothing changed");
    }
}

/// One bulk change at a time: a second one (or an undo) while one runs
/// is refused, and says so. Whether it was.
fn refused_while_running(app: &mut App) -> bool {
    let Some(running) = &app.bulk else {
        return false;
    };
    let message = format!(
        "one bulk change at a time ({}): try again when it is done",
        running.label
    );
    app.inform(message);
    true
}

/// Hands the change to the worker; the ids are taken, nothing is written
/// on this thread.
fn in_background(app: &mut App, cat: &dyn Catalog, pending: Pending) {
    let Pending { ids, mark, done } = pending;
    let label = format!("marking {}…", articles(ids.len()));
    let hashes = cat.hashes_for_marks(&ids);
    app.inform(label.clone());
    app.bulk = Some(Running {
        label,
        what: RunningWhat::Mark {
            mark: mark.clone(),
            done,
        },
        work: Some(Work::Mark { ids, mark, hashes }),
    });
}

/// The worker reported back: the change is saved (and can be undone) and
/// the rows show it, or it failed and nothing changed.
pub fn finished(app: &mut App, cat: &dyn Catalog, result: Result<Finished, String>) {
    let Some(running) = app.bulk.take() else {
        return;
    };
    let result = result.map_err(anyhow::Error::msg);
    match (running.what, result) {
        (RunningWhat::Mark { mark, done }, Ok(Finished::Marked(undo))) => {
            reload_list(app, cat);
            if let Some(d) = app.reader.detail.as_mut()
                && touches(&undo, &d.summary.id)
            {
                show_on(&mut d.summary, &mark);
            }
            push_undo(app, done.clone(), undo);
            app.inform(done);
            after_write(app, cat, matches!(mark, Mark::Tags { .. }));
        }
        (RunningWhat::Mark { .. }, Ok(Finished::Undone)) => super::ops::refresh(app, cat),
        (RunningWhat::Mark { mark, .. }, Err(e)) => {
            not_saved(app, what(&mark), &e);
            after_write(app, cat, false);
        }
        (RunningWhat::Undo(done), Ok(_)) => {
            super::ops::refresh(app, cat);
            app.inform(format!("undone: {}", done.what));
        }
        (RunningWhat::Undo(done), Err(e)) => {
            not_saved(app, "the undo", &e);
            app.undo.push(done);
        }
    }
}

/// Whether the change changed this article.
fn touches(undo: &Undo, id: &str) -> bool {
    match undo {
        Undo::Flag { rows, .. } => rows.iter().any(|(a, _)| a == id),
        Undo::Tags {
            added,
            removed,
            desk_added,
            desk_removed,
        } => {
            added.iter().any(|(a, _)| a == id)
                || removed.iter().any(|(a, ..)| a == id)
                || desk_added.iter().any(|(a, _)| a == id)
                || desk_removed.iter().any(|(a, _)| a == id)
        }
    }
}

/// How many rows an undo puts back: over a screenful, it runs on the worker.
fn rows(undo: &Undo) -> usize {
    match undo {
        Undo::Flag { rows, .. } => rows.len(),
        Undo::Tags {
            added,
            removed,
            desk_added,
            desk_removed,
        } => added.len() + removed.len() + desk_added.len() + desk_removed.len(),
    }
}

fn push_undo(app: &mut App, what: String, undo: Undo) {
    if undo.is_empty() {
        return;
    }
    app.undo.push(Done { what, undo });
    if app.undo.len() > UNDO_DEPTH {
        app.undo.remove(0);
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
            push_undo(app, done.clone(), undo);
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
    if refused_while_running(app) {
        return;
    }
    let Some(done) = app.undo.pop() else {
        return app.inform("nothing to undo");
    };
    if app.bulk_worker && rows(&done.undo) > app.list_height().max(1) {
        let label = format!("undoing {}…", articles(done.undo.articles()));
        app.inform(label.clone());
        app.bulk = Some(Running {
            label,
            work: Some(Work::Undo(done.undo.clone())),
            what: RunningWhat::Undo(done),
        });
        return;
    }
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
    fn the_workers_work_marks_and_undoes_on_its_own_connection() {
        let dir = tempfile::tempdir().unwrap();
        let reader = StateDb::open(dir.path()).unwrap();
        let ids: Vec<String> = (0..100).map(|i| format!("a{i}")).collect();
        let work = Work::Mark {
            ids: ids.clone(),
            mark: Mark::Read(true),
            hashes: Vec::new(),
        };
        let worker = StateDb::open(dir.path()).unwrap();
        let Finished::Marked(undo) = work.run(&worker).unwrap() else {
            panic!("a change of marks says what it changed");
        };
        assert_eq!(undo.articles(), 100);
        assert!(
            reader.get("a42").unwrap().read,
            "seen by the reader's connection"
        );
        assert_eq!(Work::Undo(undo).run(&worker).unwrap(), Finished::Undone);
        assert!(!reader.get("a42").unwrap().read);
    }

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
