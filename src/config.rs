//! `config.toml`: its schema, its defaults, and where it is found.
//!
//! The bundled `config.toml` is also the built-in default (it is compiled in),
//! so the documented defaults and the real ones cannot drift apart. A unknown
//! key or a wrong type is an error naming the file, line and key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

/// The bundled configuration, which documents and defines every default.
pub const BUNDLED: &str = include_str!("../config.toml");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The briefs folder, relative to the config file's folder.
    pub briefs: String,
    pub ingest: IngestConfig,
    /// topic name → keywords that put an article in it.
    pub topics: BTreeMap<String, Vec<String>>,
    pub entities: EntitiesConfig,
    pub ui: UiConfig,
    pub open: OpenConfig,
    /// `[serve]`: `brief serve`, the reader as an SSH service.
    pub serve: ServeConfig,
    /// role → colour name (validated by the UI's theme).
    pub theme: BTreeMap<String, Spanned<String>>,
    /// action → key or keys (validated by the UI's keymap).
    pub keys: BTreeMap<String, Spanned<KeyList>>,
    /// `[[search]]` tables as written; read through `searches`.
    #[serde(rename = "search")]
    search_tables: Vec<SearchTable>,
    /// Saved searches, the named views of the list, in file order; each
    /// query was parsed when the config was read.
    #[serde(skip)]
    pub searches: Vec<SavedSearch>,
    /// Where this configuration came from, for error messages.
    #[serde(skip)]
    pub source: ConfigSource,
}

/// Enough about the config file to turn a span into "file:line".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConfigSource {
    pub path: Option<PathBuf>,
    pub text: String,
}

impl ConfigSource {
    pub fn name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "built-in config".to_string(),
        }
    }

    /// 1-based line number of a byte offset in the config text.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// An error pointing at a span of this config.
    pub fn error_at(&self, span: std::ops::Range<usize>, key: &str, message: &str) -> ConfigError {
        ConfigError {
            file: self.name(),
            line: Some(self.line_of(span.start)),
            key: Some(key.to_string()),
            message: message.to_string(),
        }
    }
}

/// A `[[search]]` table as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchTable {
    name: Spanned<String>,
    query: Spanned<String>,
}

/// A named view of the list: a search the user keeps in the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSearch {
    pub name: String,
    /// Parsed on the day the config was read; [`SavedSearch::on`] reads it
    /// again for another day, so `after:-7d` keeps meaning the last week.
    pub query: crate::query::Query,
}

impl SavedSearch {
    /// The query with relative dates counted from `today`.
    pub fn on(&self, today: chrono::NaiveDate) -> crate::query::Query {
        crate::query::parse(&self.query.source, today).unwrap_or_else(|_| self.query.clone())
    }
}

/// Parses each `[[search]]` query, naming the line of a bad one.
fn saved_searches(
    tables: &[SearchTable],
    source: &ConfigSource,
) -> Result<Vec<SavedSearch>, ConfigError> {
    let today = chrono::Local::now().date_naive();
    let mut out: Vec<SavedSearch> = Vec::new();
    for t in tables {
        let name = t.name.get_ref().trim();
        if name.is_empty() {
            return Err(source.error_at(
                t.name.span(),
                "search.name",
                "a saved search needs a name",
            ));
        }
        if out.iter().any(|s| s.name == name) {
            return Err(source.error_at(
                t.name.span(),
                "search.name",
                &format!("a saved search named `{name}` is already defined"),
            ));
        }
        let query = crate::query::parse(t.query.get_ref(), today)
            .map_err(|e| source.error_at(t.query.span(), "search.query", &format!("query {e}")))?;
        out.push(SavedSearch {
            name: name.to_string(),
            query,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(k) => vec![k.as_str()],
            KeyList::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Extra whole lines to drop as page boilerplate (case-insensitive).
    pub boilerplate: Vec<String>,
    /// Extra line prefixes to drop as page boilerplate (case-insensitive).
    pub boilerplate_prefixes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EntitiesConfig {
    /// canonical name → other spellings that mean it.
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Names never treated as entities.
    pub ignore: Vec<String>,
    /// name → kind ("person", "org", "place", "other"), overriding the
    /// guess; a misspelt kind fails when the config is read, naming its line.
    pub kinds: BTreeMap<String, crate::model::EntityKind>,
    /// Link demonyms ("Chinese") to their country as a place.
    pub link_demonyms: bool,
}

impl Default for EntitiesConfig {
    fn default() -> Self {
        Self {
            aliases: BTreeMap::new(),
            ignore: Vec::new(),
            kinds: BTreeMap::new(),
            link_demonyms: true,
        }
    }
}

/// How the article list is grouped. Typed here so that a misspelt
/// `[ui] group` fails when the config is read, naming its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grouping {
    None,
    Topic,
    Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UiConfig {
    /// Capture the mouse (stops plain text selection in most terminals).
    pub mouse: bool,
    /// How the list starts: "none", "topic" or "date".
    pub group: Grouping,
    /// Show the entity sidebar when the terminal is wide enough.
    pub sidebar: bool,
    /// Milliseconds between checks for changes made by other sessions.
    pub refresh_ms: u64,
    /// Update the index as soon as files change in the briefs folder.
    pub watch: bool,
    /// Link text is also an OSC 8 hyperlink (never on TERM=linux or dumb).
    pub hyperlinks: bool,
    /// Show the article selected in the list in the reader (not marked read).
    pub preview: bool,
    /// The slowest link to keep up with, in kbit/s: frames are paced so the
    /// output never runs ahead of it (0: no pacing).
    pub link_kbit: u32,
}

impl Default for UiConfig {
    fn default() -> Self {
        Self {
            mouse: false,
            group: Grouping::None,
            sidebar: true,
            refresh_ms: 2000,
            watch: true,
            hyperlinks: true,
            preview: true,
            link_kbit: 256,
        }
    }
}

/// `[open]`: how a link leaves the reader.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OpenConfig {
    /// The opener's argument vector, run without a shell; the URL replaces
    /// an element that is exactly `{url}`, else is appended.
    pub command: Vec<String>,
    /// Let `c` copy a link to the user's clipboard with OSC 52.
    pub osc52: bool,
}

impl Default for OpenConfig {
    fn default() -> Self {
        Self {
            command: vec!["xdg-open".into()],
            osc52: false,
        }
    }
}

/// `[serve]`: the defaults of `brief serve`'s options (each option on the
/// command line wins). Paths are relative to the config file's folder; left
/// empty, they are in the state folder.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServeConfig {
    /// The address to listen on.
    pub listen: String,
    /// The OpenSSH authorized_keys file naming the desk's users.
    pub authorized_keys: String,
    /// The server's ed25519 host key, created on first run.
    pub host_key: String,
    /// Sessions open at once; further connections are turned away.
    pub max_sessions: usize,
    /// A session with no key pressed for this long is closed ("30m", "2h",
    /// "90s"; "0" never).
    pub idle_timeout: String,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:2222".into(),
            authorized_keys: String::new(),
            host_key: String::new(),
            max_sessions: 50,
            idle_timeout: "1h".into(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            briefs: "briefs".into(),
            ingest: IngestConfig::default(),
            topics: BTreeMap::new(),
            entities: EntitiesConfig::default(),
            ui: UiConfig::default(),
            open: OpenConfig::default(),
            serve: ServeConfig::default(),
            theme: BTreeMap::new(),
            keys: BTreeMap::new(),
            search_tables: Vec::new(),
            searches: Vec::new(),
            source: ConfigSource::default(),
        }
    }
}

/// A configuration problem, always naming where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ": key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl Config {
    /// Parses config text; `path` is only used to name the file in errors.
    pub fn parse(text: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
        let source = ConfigSource {
            path: path.map(Path::to_path_buf),
            text: text.to_string(),
        };
        match toml::from_str::<Config>(text) {
            Ok(mut config) => {
                config.searches = saved_searches(&config.search_tables, &source)?;
                config.source = source;
                Ok(config)
            }
            Err(e) => {
                let (line, key) = match e.span() {
                    Some(span) => (
                        Some(source.line_of(span.start)),
                        key_at(text, span.start).or_else(|| backticked(e.message())),
                    ),
                    None => (None, backticked(e.message())),
                };
                Err(ConfigError {
                    file: source.name(),
                    line,
                    key,
                    message: e.message().trim().to_string(),
                })
            }
        }
    }

    /// The built-in defaults (the bundled file).
    pub fn builtin() -> Config {
        // The bundled file is checked by a test; fall back to the struct
        // defaults rather than fail if it ever did not parse.
        Config::parse(BUNDLED, None).unwrap_or_default()
    }

    /// `--config`, else the user's XDG config file, else built-in defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => crate::paths::user_config_file().filter(|p| p.is_file()),
        };
        match path {
            None => Ok(Config::builtin()),
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
                    file: path.display().to_string(),
                    line: None,
                    key: None,
                    message: format!("cannot read: {e}"),
                })?;
                Config::parse(&text, Some(&path))
            }
        }
    }

    /// The briefs folder this config names, resolved against its file.
    pub fn briefs_dir(&self) -> PathBuf {
        self.relative_to_file(&self.briefs)
    }

    /// A path written in this config, resolved against its file's folder.
    pub fn relative_to_file(&self, path: &str) -> PathBuf {
        let p = PathBuf::from(path);
        if p.is_absolute() {
            return p;
        }
        match self.source.path.as_ref().and_then(|f| f.parent()) {
            Some(dir) if !dir.as_os_str().is_empty() => dir.join(p),
            _ => p,
        }
    }
}

/// The key named on the line holding `offset` (`mouse = "yes"` → `mouse`),
/// qualified by the table it sits in.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    if key.is_empty() {
        return None;
    }
    let table = text[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').to_string());
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_config_parses_and_matches_struct_defaults() {
        let bundled = Config::parse(BUNDLED, None).expect("bundled config.toml must parse");
        let defaults = Config::default();
        assert_eq!(bundled.briefs, defaults.briefs);
        assert_eq!(bundled.ingest, defaults.ingest);
        assert_eq!(
            bundled.entities.link_demonyms,
            defaults.entities.link_demonyms
        );
        assert_eq!(bundled.ui, defaults.ui);
        assert_eq!(bundled.open, defaults.open);
        assert_eq!(bundled.serve, defaults.serve);
    }

    #[test]
    fn open_takes_an_argument_vector_and_osc52_is_off_by_default() {
        let c = Config::parse("", None).unwrap();
        assert_eq!(c.open.command, ["xdg-open"]);
        assert!(!c.open.osc52);
        let c = Config::parse(
            "[open]\ncommand = [\"firefox\", \"--new-tab\", \"{url}\"]\nosc52 = true\n",
            None,
        )
        .unwrap();
        assert_eq!(c.open.command, ["firefox", "--new-tab", "{url}"]);
        assert!(c.open.osc52);
        // A string is not an argument vector: no guessing how to split it.
        let err = Config::parse("[open]\ncommand = \"xdg-open --x\"\n", None).unwrap_err();
        assert_eq!(err.key.as_deref(), Some("open.command"));
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let text = "briefs = \"x\"\n\n[ui]\nmouse = false\nmose = true\n";
        let err = Config::parse(text, Some(Path::new("/tmp/c.toml"))).unwrap_err();
        assert_eq!(err.file, "/tmp/c.toml");
        assert_eq!(err.line, Some(5));
        assert_eq!(err.key.as_deref(), Some("ui.mose"));
        assert!(
            err.to_string().starts_with("/tmp/c.toml:5: key `ui.mose`"),
            "{err}"
        );
    }

    #[test]
    fn wrong_type_names_the_key() {
        let text = "[ui]\nmouse = \"yes\"\n";
        let err = Config::parse(text, Some(Path::new("c.toml"))).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.key.as_deref(), Some("ui.mouse"));
    }

    #[test]
    fn a_misspelt_entity_kind_names_its_line() {
        let text = "[entities]\nlink_demonyms = true\n\n[entities.kinds]\nBellmont = \"city\"\n";
        let err = Config::parse(text, Some(Path::new("c.toml"))).unwrap_err();
        assert_eq!(err.line, Some(5));
        assert_eq!(err.key.as_deref(), Some("entities.kinds.Bellmont"));
        assert!(err.message.contains("city"), "{}", err.message);
        let ok = Config::parse("[entities.kinds]\nBellmont = \"place\"\n", None).unwrap();
        assert_eq!(
            ok.entities.kinds["Bellmont"],
            crate::model::EntityKind::Place
        );
    }

    #[test]
    fn an_unknown_grouping_names_its_line() {
        let err = Config::parse("[ui]\nmouse = false\ngroup = \"topics\"\n", None).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(err.key.as_deref(), Some("ui.group"));
        assert!(err.message.contains("topics"), "{err}");
        for (text, want) in [
            ("none", Grouping::None),
            ("topic", Grouping::Topic),
            ("date", Grouping::Date),
        ] {
            let c = Config::parse(&format!("[ui]\ngroup = \"{text}\"\n"), None).unwrap();
            assert_eq!(c.ui.group, want);
        }
    }

    #[test]
    fn unknown_top_level_table_is_an_error() {
        let err = Config::parse("[colours]\nx = 1\n", None).unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("colours"), "{}", err.message);
    }

    #[test]
    fn briefs_dir_is_relative_to_the_config_file() {
        let c = Config::parse(
            "briefs = \"news\"\n",
            Some(Path::new("/srv/brief/config.toml")),
        )
        .unwrap();
        assert_eq!(c.briefs_dir(), PathBuf::from("/srv/brief/news"));
        let c = Config::parse("briefs = \"/abs\"\n", Some(Path::new("/srv/config.toml"))).unwrap();
        assert_eq!(c.briefs_dir(), PathBuf::from("/abs"));
    }

    #[test]
    fn saved_searches_keep_file_order_and_are_parsed() {
        let text = "[[search]]\nname = \"Wheat\"\nquery = \"wheat -topic:weather\"\n\n[[search]]\nname = \"Recent\"\nquery = \"after:-7d\"\n";
        let c = Config::parse(text, None).unwrap();
        let names: Vec<&str> = c.searches.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Wheat", "Recent"]);
        assert_eq!(c.searches[0].query.source, "wheat -topic:weather");
        assert!(c.searches[0].query.expr.is_some());
        let day = chrono::NaiveDate::from_ymd_opt(2026, 5, 10).unwrap();
        assert_eq!(
            c.searches[1].on(day).expr,
            Some(crate::query::Expr::Term(crate::query::Term::After(
                chrono::NaiveDate::from_ymd_opt(2026, 5, 3).unwrap()
            )))
        );
    }

    #[test]
    fn a_bad_saved_search_names_file_line_and_problem() {
        let text = "[ui]\nmouse = false\n\n[[search]]\nname = \"Odd\"\nquery = \"grain tpic:x\"\n";
        let err = Config::parse(text, Some(Path::new("c.toml"))).unwrap_err();
        assert_eq!(err.line, Some(6));
        assert_eq!(err.key.as_deref(), Some("search.query"));
        assert!(
            err.message.contains("column 7: unknown field `tpic:`"),
            "{err}"
        );
        let dup =
            "[[search]]\nname = \"A\"\nquery = \"x\"\n[[search]]\nname = \"A\"\nquery = \"y\"\n";
        let err = Config::parse(dup, None).unwrap_err();
        assert_eq!(
            (err.line, err.key.as_deref()),
            (Some(5), Some("search.name"))
        );
        let missing = Config::parse("[[search]]\nname = \"A\"\n", None).unwrap_err();
        assert!(missing.message.contains("query"), "{missing}");
        let empty = Config::parse("[[search]]\nname = \" \"\nquery = \"x\"\n", None).unwrap_err();
        assert!(empty.message.contains("needs a name"), "{empty}");
    }

    #[test]
    fn the_bundled_saved_searches_parse() {
        let c = Config::builtin();
        assert!(c.searches.len() >= 2);
    }

    #[test]
    fn keys_accept_one_or_many() {
        let c = Config::parse("[keys]\ndown = [\"j\", \"Down\"]\nquit = \"q\"\n", None).unwrap();
        assert_eq!(c.keys["down"].get_ref().keys(), vec!["j", "Down"]);
        assert_eq!(c.keys["quit"].get_ref().keys(), vec!["q"]);
        assert_eq!(c.source.line_of(c.keys["quit"].span().start), 3);
    }
}
