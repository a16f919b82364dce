//! Keys → actions, from the `[keys]` table. The bundled config holds the
//! default keymap; a user's `[keys]` entry replaces the defaults of that one
//! action, and a key the user binds is taken away from any default action.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use crate::config::{Config, ConfigError, ConfigSource, KeyList};

/// A key press after normalising away what terminals disagree on (the Shift
/// of a capital letter, the Shift of Shift-Tab).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            other => other,
        };
        Key { code, mods }
    }

    /// The key a press means, or `None` for releases and repeats reported
    /// by terminals with the kitty protocol: only presses count.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        (event.kind == KeyEventKind::Press).then(|| Key::new(event.code, event.modifiers))
    }

    /// Parses a key name as written in `[keys]`: `j`, `G`, `?`, `Enter`,
    /// `Esc`, `Tab`, `S-Tab`, `C-d`, `Ctrl-d`, `A-x`, `PageDown`, `F1`, ...
    pub fn parse(name: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = name;
        'strip: loop {
            for (prefix, m) in [
                ("ctrl-", KeyModifiers::CONTROL),
                ("ctrl+", KeyModifiers::CONTROL),
                ("c-", KeyModifiers::CONTROL),
                ("alt-", KeyModifiers::ALT),
                ("alt+", KeyModifiers::ALT),
                ("a-", KeyModifiers::ALT),
                ("m-", KeyModifiers::ALT),
                ("shift-", KeyModifiers::SHIFT),
                ("shift+", KeyModifiers::SHIFT),
                ("s-", KeyModifiers::SHIFT),
            ] {
                let matches = rest.len() > prefix.len()
                    && rest.is_char_boundary(prefix.len())
                    && rest[..prefix.len()].eq_ignore_ascii_case(prefix);
                if matches {
                    mods |= m;
                    rest = &rest[prefix.len()..];
                    continue 'strip;
                }
            }
            break;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if mods.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => named(&rest.to_ascii_lowercase())?,
        };
        Some(Key::new(code, mods))
    }
}

fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" | "bs" => KeyCode::Backspace,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        f if f.len() >= 2 && f.starts_with('f') => {
            let n: u8 = f[1..].parse().ok()?;
            if (1..=12).contains(&n) {
                KeyCode::F(n)
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// The live keymap: what each key does, and each action's keys as the
/// config spells them (for the help overlay and the status hints).
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    labels: BTreeMap<Action, Vec<String>>,
}

struct Binding {
    key: Key,
    label: String,
}

impl Keymap {
    /// The bundled keymap with the config's `[keys]` over it.
    pub fn from_config(config: &Config) -> Result<Keymap, ConfigError> {
        let builtin = Config::builtin();
        let mut defaults = parse_table(&builtin.keys, &builtin.source)?;
        let users = parse_table(&config.keys, &config.source)?;
        let mut map = Keymap::default();
        for (action, (bindings, span)) in &users {
            defaults.remove(action);
            for b in bindings {
                if let Some(other) = map.by_key.insert(b.key, *action) {
                    let msg = format!(
                        "key `{}` is bound to both `{}` and `{}`",
                        b.label,
                        other.name(),
                        action.name()
                    );
                    return Err(config.source.error_at(
                        span.clone(),
                        &format!("keys.{}", action.name()),
                        &msg,
                    ));
                }
            }
            map.labels
                .insert(*action, bindings.iter().map(|b| b.label.clone()).collect());
        }
        for (action, (bindings, _)) in defaults {
            let kept: Vec<Binding> = bindings
                .into_iter()
                .filter(|b| !map.by_key.contains_key(&b.key))
                .collect();
            for b in &kept {
                map.by_key.entry(b.key).or_insert(action);
            }
            map.labels
                .insert(action, kept.into_iter().map(|b| b.label).collect());
        }
        Ok(map)
    }

    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.by_key.get(&Key::from_event(event)?).copied()
    }

    /// The keys bound to an action, as written in the config.
    pub fn keys(&self, action: Action) -> &[String] {
        self.labels.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The first key of an action, for a short hint.
    pub fn hint(&self, action: Action) -> Option<&str> {
        self.keys(action).first().map(String::as_str)
    }
}

type Parsed = BTreeMap<Action, (Vec<Binding>, std::ops::Range<usize>)>;

fn parse_table(
    table: &BTreeMap<String, toml::Spanned<KeyList>>,
    source: &ConfigSource,
) -> Result<Parsed, ConfigError> {
    let mut out = Parsed::new();
    for (name, spanned) in table {
        let span = spanned.span();
        let key = format!("keys.{name}");
        let action = Action::from_name(name).ok_or_else(|| {
            source.error_at(
                span.clone(),
                &key,
                &format!("unknown action `{name}` (see the list in the bundled config.toml)"),
            )
        })?;
        let mut bindings = Vec::new();
        let mut seen = BTreeSet::new();
        for label in spanned.get_ref().keys() {
            let parsed = Key::parse(label).ok_or_else(|| {
                source.error_at(span.clone(), &key, &format!("unknown key name `{label}` (examples: j, G, C-d, S-Tab, PageDown, Enter, Esc, F1)"))
            })?;
            if seen.insert(label.to_string()) {
                bindings.push(Binding {
                    key: parsed,
                    label: label.to_string(),
                });
            }
        }
        out.insert(action, (bindings, span));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn keymap(toml: &str) -> Result<Keymap, ConfigError> {
        Keymap::from_config(&Config::parse(toml, Some(Path::new("/c/config.toml")))?)
    }

    #[test]
    fn bundled_keymap_loads_and_binds_every_action() {
        let map = keymap("").unwrap();
        for &a in Action::ALL {
            assert!(!map.keys(a).is_empty(), "no default key for {}", a.name());
        }
        assert_eq!(
            map.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(&press(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.action(&press(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            map.action(&press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            map.action(&press(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Back)
        );
    }

    #[test]
    fn only_presses_count() {
        let map = keymap("").unwrap();
        let mut release = press(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(map.action(&release), None);
        release.kind = KeyEventKind::Repeat;
        assert_eq!(map.action(&release), None);
    }

    #[test]
    fn user_binding_replaces_default_and_steals_the_key() {
        let map = keymap("[keys]\ndown = \"e\"\nbookmark = \"j\"\n").unwrap();
        assert_eq!(
            map.action(&press(KeyCode::Char('e'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Bookmark)
        );
        assert_eq!(map.action(&press(KeyCode::Down, KeyModifiers::NONE)), None);
        assert_eq!(map.keys(Action::Down), ["e"]);
    }

    #[test]
    fn unknown_key_name_is_an_error_naming_the_line() {
        let err =
            keymap("[ui]\nmouse = false\n\n[keys]\nquit = [\"q\", \"Hyper-Q\"]\n").unwrap_err();
        assert_eq!(err.line, Some(5));
        assert_eq!(err.key.as_deref(), Some("keys.quit"));
        assert!(err.message.contains("Hyper-Q"), "{err}");
        assert!(err.to_string().starts_with("/c/config.toml:5"), "{err}");
    }

    #[test]
    fn unknown_action_is_an_error_naming_the_line() {
        let err = keymap("[keys]\nquit = \"q\"\nteleport = \"x\"\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("teleport"), "{err}");
    }

    #[test]
    fn one_key_for_two_user_actions_is_an_error() {
        let err = keymap("[keys]\nquit = \"x\"\nbookmark = \"x\"\n").unwrap_err();
        assert!(err.message.contains("`x`"), "{err}");
    }

    #[test]
    fn key_names_parse() {
        let k = |s| Key::parse(s).unwrap();
        assert_eq!(
            k("C-d"),
            Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            k("Ctrl-D"),
            Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(k("S-Tab"), Key::new(KeyCode::BackTab, KeyModifiers::NONE));
        assert_eq!(
            k("pagedown"),
            Key::new(KeyCode::PageDown, KeyModifiers::NONE)
        );
        assert_eq!(k("F5"), Key::new(KeyCode::F(5), KeyModifiers::NONE));
        assert_eq!(k("-"), Key::new(KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!(k("Space"), Key::new(KeyCode::Char(' '), KeyModifiers::NONE));
        for bad in ["", "C-", "F13", "Hyper-x", "jj"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }
}
