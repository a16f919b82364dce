//! The links overlay (`o`): a numbered list of the article's links, one of
//! which is shown in full and confirmed before it is opened or copied.
//!
//! The front matter's own `url` comes first, then a Markdown article's
//! links in the order its document numbers them (the reader shows each
//! link's number, `[2]`, after its text), then any other URL in the file. Opening and
//! copying are not done here: they become [`Effect`]s that the event loop
//! runs after `update`, which keeps `update` free of I/O.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use crate::model::ArticleDetail;
use crate::open;
use crate::text::{find_urls, sanitize_line, truncate};

/// More links than anyone reads through; a hostile file cannot make the
/// list grow without end.
pub const MAX_LINKS: usize = 500;

/// A link as the list shows it: where it goes and the text that carried it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleLink {
    pub url: String,
    /// The link's text in the article (empty for a bare URL).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinksOverlay {
    /// As found: checked again before anything is done with one.
    pub links: Vec<String>,
    /// The text of each link, beside it in the list.
    pub texts: Vec<String>,
    pub selected: usize,
    /// The selected link is shown in full, waiting for Enter/y, c or Esc.
    pub confirming: bool,
}

impl LinksOverlay {
    pub fn selected_link(&self) -> Option<&str> {
        self.links.get(self.selected).map(String::as_str)
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.links.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }
}

/// The article's links in order of appearance, without repeats: the front
/// matter's `url` first, then every http(s) URL in the file.
pub fn article_links(detail: &ArticleDetail) -> Vec<String> {
    article_links_of(detail, None)
        .into_iter()
        .map(|l| l.url)
        .collect()
}

/// The links list of an article: the front matter's `url`, then the
/// document's links in order (so the numbers the reader shows are the
/// list's), then any other http(s) URL in the file; without repeats.
pub fn article_links_of(
    detail: &ArticleDetail,
    document: Option<&crate::ingest::document::Document>,
) -> Vec<ArticleLink> {
    let mut links: Vec<ArticleLink> = Vec::new();
    let front = detail
        .url
        .iter()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .map(|url| ArticleLink {
            url,
            text: String::new(),
        });
    let linked = document.into_iter().flat_map(|d| {
        d.links.iter().map(|l| ArticleLink {
            url: l.url.clone(),
            text: l.text.clone(),
        })
    });
    let bare = find_urls(&detail.raw).into_iter().map(|url| ArticleLink {
        url,
        text: String::new(),
    });
    for link in front.chain(linked).chain(bare) {
        if links.len() >= MAX_LINKS {
            break;
        }
        match links.iter_mut().find(|l| l.url == link.url) {
            Some(known) if known.text.is_empty() => known.text = link.text,
            Some(_) => {}
            None => links.push(link),
        }
    }
    links
}

/// Opens the overlay on an article's links.
pub fn show(app: &mut App, links: Vec<ArticleLink>) {
    if links.is_empty() {
        return app.inform("this article has no links");
    }
    let (links, texts) = links.into_iter().map(|l| (l.url, l.text)).unzip();
    app.links = Some(LinksOverlay {
        links,
        texts,
        selected: 0,
        confirming: false,
    });
}

/// A key while the overlay is open. Digits pick a link, `c` copies,
/// Enter/`y` opens once the link is shown in full; movement and Esc go
/// through the keymap like everywhere else.
pub fn key(app: &mut App, key: &KeyEvent) {
    let Some(mut overlay) = app.links.take() else {
        return;
    };
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let action = app.keymap.action(key);
    match (key.code, overlay.confirming) {
        (KeyCode::Char(d @ '1'..='9'), _) if plain => {
            let i = d as usize - '1' as usize;
            if i < overlay.links.len() {
                overlay.selected = i;
                overlay.confirming = true;
            }
        }
        (KeyCode::Char('c'), _) if plain => {
            copy(app, &overlay);
        }
        (KeyCode::Char('y'), true) if plain => {
            if open(app, &overlay) {
                return;
            }
        }
        (KeyCode::Enter, true) => {
            if open(app, &overlay) {
                return;
            }
        }
        (KeyCode::Char('n'), true) if plain => overlay.confirming = false,
        _ => match action {
            Some(Action::Open) => overlay.confirming = true,
            Some(Action::Back) if overlay.confirming => overlay.confirming = false,
            Some(Action::Back | Action::Quit | Action::Links) => return,
            Some(Action::Down) if !overlay.confirming => overlay.move_by(1),
            Some(Action::Up) if !overlay.confirming => overlay.move_by(-1),
            Some(Action::Top) if !overlay.confirming => overlay.selected = 0,
            Some(Action::Bottom) if !overlay.confirming => overlay.move_by(isize::MAX / 2),
            _ => {}
        },
    }
    app.links = Some(overlay);
}

/// Queues the opener for the selected link; false when it was refused
/// (the overlay stays open, with the reason in the status line).
fn open(app: &mut App, overlay: &LinksOverlay) -> bool {
    let Some(url) = overlay.selected_link() else {
        return false;
    };
    match open::command_line(&app.open.command, url) {
        Ok(argv) => {
            app.effects.push(Effect::Open(argv));
            app.inform(format!("opening {}", shown(url)));
            true
        }
        Err(e) => {
            app.complain(format!("not opened: {e}"));
            false
        }
    }
}

fn copy(app: &mut App, overlay: &LinksOverlay) {
    let Some(url) = overlay.selected_link() else {
        return;
    };
    if !app.open.osc52 {
        return app.complain(
            "copying is off: set `osc52 = true` under [open] in the config \
             (your terminal must support OSC 52)",
        );
    }
    match open::check_url(url) {
        Ok(url) => {
            app.effects.push(Effect::Copy(url.to_string()));
            app.inform(format!(
                "sent to the terminal's clipboard (tmux needs set-clipboard on): {}",
                shown(url)
            ));
        }
        Err(e) => app.complain(format!("not copied: {e}")),
    }
}

/// A URL as the status line may show it.
fn shown(url: &str) -> String {
    truncate(&sanitize_line(url), 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_found_in_markdown_and_plain_text() {
        let text = "See [the report](https://example.org/report.pdf) and <HTTP://Example.org/b>.\n\
                    Plain: https://example.org/c?x=1&y=2, then (https://example.org/d_(e)).\n\
                    **https://example.org/f** 'https://example.org/g'\n\
                    [ref]: https://example.org/h \"Title\"\n\
                    nothttps://example.org/no and https:// alone and http://";
        assert_eq!(
            find_urls(text),
            [
                "https://example.org/report.pdf",
                "HTTP://Example.org/b",
                "https://example.org/c?x=1&y=2",
                "https://example.org/d_(e)",
                "https://example.org/f",
                "https://example.org/g",
                "https://example.org/h",
            ]
        );
    }

    #[test]
    fn a_url_keeps_its_control_characters_to_be_refused() {
        let found = find_urls("go https://example.org/\x1b]52;c;eA==\x07 now");
        assert_eq!(found, ["https://example.org/\x1b]52;c;eA==\x07"]);
    }

    #[test]
    fn links_start_with_the_source_url_and_are_deduplicated_in_order() {
        let mut detail =
            crate::ui::testing::detail(crate::ui::testing::summary("x", "T", None, &[]), "body");
        detail.url = Some("https://example.org/story".into());
        detail.raw = "+++\nurl = \"https://example.org/story\"\n+++\n\
                      Read https://example.org/b then https://example.org/a \
                      and again https://example.org/b."
            .into();
        assert_eq!(
            article_links(&detail),
            [
                "https://example.org/story",
                "https://example.org/b",
                "https://example.org/a",
            ]
        );
    }

    #[test]
    fn the_list_is_capped() {
        let text: String = (0..MAX_LINKS + 50)
            .map(|i| format!("https://example.org/{i} "))
            .collect();
        let detail = ArticleDetail {
            raw: text,
            ..crate::ui::testing::detail(crate::ui::testing::summary("x", "T", None, &[]), "")
        };
        assert_eq!(article_links(&detail).len(), MAX_LINKS);
    }
}
