//! Writes that fail (a full disk, a read-only state): the status line says
//! what was not saved and why; the reader keeps going; what was saved stays.

use super::*;
use crate::library::{Catalog, Result};
use crate::model::{ArticleDetail, ArticleSummary};
use crate::query::ListFilter;
use crate::state::{Fault, Mark, StateDb, Undo};

/// The fake collection, with the user's writes going to a real state
/// database first, so the errors are the real ones.
struct WithState {
    fake: FakeCatalog,
    state: StateDb,
    _dir: tempfile::TempDir,
}

impl WithState {
    fn new(state: impl FnOnce(&std::path::Path) -> StateDb) -> WithState {
        let dir = tempfile::tempdir().unwrap();
        WithState {
            fake: FakeCatalog::sample(),
            state: state(dir.path()),
            _dir: dir,
        }
    }
}

impl Catalog for WithState {
    fn list(&self, filter: &ListFilter) -> Result<Vec<ArticleSummary>> {
        self.fake.list(filter)
    }
    fn article(&self, id: &str) -> Result<Option<ArticleDetail>> {
        self.fake.article(id)
    }
    fn set_read(&self, id: &str, read: bool) -> Result<()> {
        self.state.set_read(id, read)?;
        self.fake.set_read(id, read)
    }
    fn set_bookmarked(&self, id: &str, on: bool) -> Result<()> {
        self.state.set_bookmarked(id, on)?;
        self.fake.set_bookmarked(id, on)
    }
    fn change_tags(&self, id: &str, add: &[String], remove: &[String]) -> Result<()> {
        self.state.change_tags(id, add, remove)?;
        self.fake.change_tags(id, add, remove)
    }
    fn mark(&self, ids: &[String], mark: &Mark) -> Result<Undo> {
        let undo = self.state.mark(ids, mark)?;
        self.fake.mark(ids, mark)?;
        Ok(undo)
    }
    fn undo(&self, undo: &Undo) -> Result<usize> {
        let n = self.state.undo(undo)?;
        self.fake.undo(undo)?;
        Ok(n)
    }
    fn all_tags(&self) -> Result<Vec<(String, usize)>> {
        self.fake.all_tags()
    }
    fn set_position(&self, id: &str, line: u32) -> Result<()> {
        self.state.set_position(id, line)?;
        self.fake.set_position(id, line)
    }
    fn failures(&self) -> Result<Vec<(String, String)>> {
        self.fake.failures()
    }
    fn state_version(&self) -> Result<u64> {
        self.fake.state_version()
    }
    fn read_only(&self) -> Option<String> {
        self.state.read_only().map(str::to_string)
    }
}

fn start(cat: &WithState, w: u16, h: u16) -> App {
    let config = Config::builtin();
    let keymap = Keymap::from_config(&config).unwrap();
    let theme = Theme::from_config(&config, &env(true)).unwrap();
    let mut app = App::new(keymap, theme, &config.ui, "2026-11-21".parse().unwrap());
    app.size = Rect::new(0, 0, w, h);
    super::super::update::start(&mut app, cat);
    app.relayout();
    app
}

fn press(app: &mut App, cat: &WithState, names: &[&str]) {
    for name in names {
        let key = Key::parse(name).unwrap_or_else(|| panic!("key {name}"));
        update(app, cat, Event::Key(KeyEvent::new(key.code, key.mods)));
    }
}

fn error_message(app: &App) -> String {
    let m = app.message.clone().expect("a message");
    assert!(m.error, "not shown as an error: {m:?}");
    m.text
}

#[test]
fn a_full_disk_is_reported_for_the_action_and_saved_marks_stay() {
    let cat = WithState::new(|d| StateDb::open(d).unwrap());
    let mut app = start(&cat, 200, 30);
    press(&mut app, &cat, &["b"]);
    assert!(cat.state.get("a1").unwrap().bookmarked);

    cat.state.inject_fault(Fault::DiskFull).unwrap();
    // Fill what room is left in each table, so the next write needs a
    // new page.
    let mut i = 0;
    while cat
        .state
        .set_bookmarked(&format!("filler-{i}"), true)
        .is_ok()
    {
        i += 1;
    }
    while cat
        .state
        .change_tags(&format!("filler-{i}"), &[format!("filler tag {i}")], &[])
        .is_ok()
    {
        i += 1;
    }

    press(&mut app, &cat, &["j", "b"]);
    let text = error_message(&app);
    assert_eq!(
        text,
        "could not save the bookmark: the disk is full: nothing was written \
         (free some space and try again)"
    );
    assert!(screen(&app).contains("could not save the bookmark: the disk is full"));
    assert!(!cat.state.get("a2").unwrap().bookmarked);
    assert!(
        !app.list.selected_article().unwrap().bookmarked,
        "the list does not pretend it was saved"
    );

    press(&mut app, &cat, &["t"]);
    type_text_to(&mut app, &cat, "+urgent");
    press(&mut app, &cat, &["Enter"]);
    assert!(error_message(&app).starts_with("could not save the tags: the disk is full"));

    // What was saved before is untouched, and the reader goes on.
    assert!(cat.state.get("a1").unwrap().bookmarked);
    press(&mut app, &cat, &["k"]);
    assert!(app.list.selected_article().unwrap().bookmarked);

    cat.state.inject_fault(Fault::None).unwrap();
    press(&mut app, &cat, &["j", "b"]);
    assert!(cat.state.get("a2").unwrap().bookmarked);
    assert_eq!(app.message.unwrap().text, "bookmarked");
}

#[test]
fn a_read_only_database_is_reported_for_each_action() {
    let cat = WithState::new(|d| StateDb::open(d).unwrap());
    let mut app = start(&cat, 200, 30);
    cat.state.inject_fault(Fault::ReadOnly).unwrap();
    press(&mut app, &cat, &["b"]);
    assert!(
        error_message(&app).starts_with("could not save the bookmark: the database is read-only"),
        "{:?}",
        app.message
    );
    press(&mut app, &cat, &["m"]);
    assert!(
        error_message(&app).starts_with("could not save the read mark: the database is read-only")
    );
    press(&mut app, &cat, &["M"]);
    assert!(
        error_message(&app).starts_with("could not save the read mark"),
        "mark-all does not claim success: {:?}",
        app.message
    );
    assert!(cat.state.all().unwrap().is_empty());
}

#[test]
fn a_read_only_session_says_so_at_start_and_on_every_change() {
    let cat = WithState::new(|d| {
        StateDb::open_read_only(d, "cannot create its folder /x: Not a directory").unwrap()
    });
    let mut app = start(&cat, 200, 30);
    let text = error_message(&app);
    assert!(
        text.starts_with("read-only: changes will not be saved (cannot create its folder")
            && text.contains("Not a directory"),
        "{text}"
    );
    assert!(screen(&app).contains("read-only: changes will not be saved"));

    // Reading works: the article opens; marking it read cannot be kept.
    press(&mut app, &cat, &["Enter"]);
    assert!(screen(&app).contains("Dock workers in Portmere"));
    assert!(
        error_message(&app)
            .starts_with("could not save the read mark: changes are not saved this session"),
        "{:?}",
        app.message
    );
    press(&mut app, &cat, &["b"]);
    assert!(error_message(&app).starts_with("could not save the bookmark: changes are not saved"));

    // The index summary keeps the warning.
    update(
        &mut app,
        &cat,
        Event::JobDone(Ok("indexed 4 articles".into())),
    );
    let text = error_message(&app);
    assert!(
        text.starts_with("read-only: changes will not be saved")
            && text.ends_with(" · indexed 4 articles"),
        "{text}"
    );
}

fn type_text_to(app: &mut App, cat: &WithState, text: &str) {
    for c in text.chars() {
        press(app, cat, &[&c.to_string()]);
    }
}
