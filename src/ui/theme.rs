//! Colours by role from `[theme]`, brought down to what the terminal says it
//! can show (truecolor, 256, 16, or none under NO_COLOR), and the border and
//! marker glyphs the locale can show.

use std::collections::BTreeMap;

use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;

use super::colour::{fit, parse_color};
use crate::config::{Config, ConfigError};

macro_rules! roles {
    ($($variant:ident = $name:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub enum Role { $($variant,)* }
        impl Role {
            pub const ALL: &[Role] = &[$(Role::$variant,)*];
            pub fn name(self) -> &'static str { match self { $(Role::$variant => $name,)* } }
        }
    };
}

roles! {
    Border = "border",
    BorderFocused = "border_focused",
    Title = "title",
    Selected = "selected",
    Unread = "unread",
    MarkerUnread = "marker_unread",
    MarkerBookmark = "marker_bookmark",
    Date = "date",
    Tag = "tag",
    Topic = "topic",
    Group = "group",
    Meta = "meta",
    Match = "match",
    Status = "status",
    StatusKey = "status_key",
    Error = "error",
    Heading = "heading",
    Code = "code",
    Quote = "quote",
    Link = "link",
}

/// How many colours the terminal declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    None,
    Ansi16,
    Indexed256,
    TrueColor,
}

/// What the environment says about the terminal, read once at start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermEnv {
    pub no_color: bool,
    pub colorterm: Option<String>,
    pub term: Option<String>,
    /// The first of LC_ALL, LC_CTYPE, LANG that is set and not empty.
    pub locale: Option<String>,
}

impl TermEnv {
    pub fn from_process() -> TermEnv {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.is_empty());
        TermEnv {
            no_color: var("NO_COLOR").is_some(),
            colorterm: var("COLORTERM"),
            term: var("TERM"),
            locale: ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|n| var(n)),
        }
    }

    pub fn depth(&self) -> ColorDepth {
        if self.no_color || self.term.as_deref() == Some("dumb") {
            return ColorDepth::None;
        }
        let colorterm = self.colorterm.as_deref().unwrap_or("").to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return ColorDepth::TrueColor;
        }
        match &self.term {
            Some(t) if t.contains("256color") => ColorDepth::Indexed256,
            _ => ColorDepth::Ansi16,
        }
    }

    pub fn utf8(&self) -> bool {
        self.locale
            .as_deref()
            .map(str::to_ascii_lowercase)
            .is_some_and(|l| l.contains("utf-8") || l.contains("utf8"))
    }
}

/// Glyphs, in Unicode or ASCII by the locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub border: border::Set<'static>,
    pub unread: &'static str,
    pub bookmark: &'static str,
    /// The terminal shows more than ASCII (Markdown bullets, bars, rules).
    pub utf8: bool,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

#[derive(Debug, Clone)]
pub struct Theme {
    styles: BTreeMap<Role, Style>,
    pub glyphs: Glyphs,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            styles: BTreeMap::new(),
            glyphs: glyphs(true),
        }
    }
}

fn glyphs(utf8: bool) -> Glyphs {
    if utf8 {
        Glyphs {
            border: border::ROUNDED,
            unread: "●",
            bookmark: "★",
            utf8: true,
        }
    } else {
        Glyphs {
            border: ASCII_BORDER,
            unread: "*",
            bookmark: "+",
            utf8: false,
        }
    }
}

impl Theme {
    /// The bundled `[theme]` with the config's over it, fitted to `env`.
    pub fn from_config(config: &Config, env: &TermEnv) -> Result<Theme, ConfigError> {
        let depth = env.depth();
        let mut styles = BTreeMap::new();
        let builtin = Config::builtin();
        for (cfg, table) in [(&builtin, &builtin.theme), (config, &config.theme)] {
            for (name, value) in table {
                let key = format!("theme.{name}");
                let role = Role::ALL
                    .iter()
                    .copied()
                    .find(|r| r.name() == name)
                    .ok_or_else(|| {
                        cfg.source.error_at(
                            value.span(),
                            &key,
                            &format!("unknown theme role `{name}`"),
                        )
                    })?;
                let style = parse_style(value.get_ref(), depth)
                    .map_err(|msg| cfg.source.error_at(value.span(), &key, &msg))?;
                styles.insert(role, style);
            }
        }
        Ok(Theme {
            styles,
            glyphs: glyphs(env.utf8()),
        })
    }

    pub fn style(&self, role: Role) -> Style {
        self.styles.get(&role).copied().unwrap_or_default()
    }
}

/// `"bold yellow on blue"` → a style, colours fitted to `depth`.
pub fn parse_style(text: &str, depth: ColorDepth) -> Result<Style, String> {
    let mut style = Style::default();
    let mut background = false;
    for word in text.split_whitespace() {
        let word = word.to_ascii_lowercase();
        let modifier = match word.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "reverse" | "reversed" => Some(Modifier::REVERSED),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if word == "on" {
            background = true;
        } else {
            let color =
                parse_color(&word).ok_or_else(|| format!("unknown colour or modifier `{word}`"))?;
            if let Some(color) = fit(color, depth) {
                style = if background {
                    style.bg(color)
                } else {
                    style.fg(color)
                };
            }
        }
    }
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn env(
        no_color: bool,
        colorterm: Option<&str>,
        term: Option<&str>,
        locale: Option<&str>,
    ) -> TermEnv {
        TermEnv {
            no_color,
            colorterm: colorterm.map(String::from),
            term: term.map(String::from),
            locale: locale.map(String::from),
        }
    }

    #[test]
    fn depth_follows_colorterm_then_term() {
        assert_eq!(
            env(false, Some("truecolor"), Some("xterm"), None).depth(),
            ColorDepth::TrueColor
        );
        assert_eq!(
            env(false, None, Some("tmux-256color"), None).depth(),
            ColorDepth::Indexed256
        );
        assert_eq!(
            env(false, None, Some("screen-256color"), None).depth(),
            ColorDepth::Indexed256
        );
        assert_eq!(
            env(false, None, Some("xterm"), None).depth(),
            ColorDepth::Ansi16
        );
        assert_eq!(
            env(true, Some("truecolor"), Some("xterm-256color"), None).depth(),
            ColorDepth::None
        );
    }

    #[test]
    fn no_color_keeps_modifiers_only() {
        let s = parse_style("bold yellow on blue", ColorDepth::None).unwrap();
        assert_eq!(s, Style::default().add_modifier(Modifier::BOLD));
        let s = parse_style("bold yellow on blue", ColorDepth::Ansi16).unwrap();
        assert_eq!(
            s,
            Style::default()
                .fg(Color::Yellow)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD)
        );
    }

    #[test]
    fn bundled_theme_loads_and_bad_entries_name_their_line() {
        let e = env(false, None, Some("xterm-256color"), Some("en_GB.UTF-8"));
        let t = Theme::from_config(&Config::builtin(), &e).unwrap();
        assert_eq!(
            t.style(Role::Selected),
            Style::default().add_modifier(Modifier::REVERSED)
        );
        let c = Config::parse("[theme]\ntag = \"green\"\ndate = \"chartreuse\"\n", None).unwrap();
        let err = Theme::from_config(&c, &e).unwrap_err();
        assert_eq!(err.line, Some(3));
        let c = Config::parse("[theme]\nsparkle = \"red\"\n", None).unwrap();
        assert!(
            Theme::from_config(&c, &e)
                .unwrap_err()
                .message
                .contains("sparkle")
        );
    }

    #[test]
    fn ascii_borders_unless_the_locale_is_utf8() {
        assert!(env(false, None, None, Some("en_US.UTF-8")).utf8());
        assert!(env(false, None, None, Some("C.utf8")).utf8());
        assert!(!env(false, None, None, Some("C")).utf8());
        assert!(!env(false, None, None, None).utf8());
        assert_eq!(glyphs(false).border.top_left, "+");
    }
}
