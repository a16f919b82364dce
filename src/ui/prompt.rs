//! A one-line prompt in the status line: tags to add or remove, a tag to
//! view, or a search. Tab completes tag names from the ones in use. The
//! line edits like a shell's (`tui-input`: cursor movement, Ctrl-W/A/E/K/U,
//! Alt-B/F); text it opens with is selected, so typing replaces it and
//! Right/End keeps it.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::{Input, InputRequest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `+tag -tag tag` on the selected article, or on every one in view.
    Tags { all_in_view: bool },
    /// One tag whose articles to show.
    ShowTag,
    /// A query: the list narrows as it is typed.
    Search,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    /// What is typed so far; read it with [`Prompt::text`].
    line: Input,
    /// The text the prompt opened with is selected: the next character
    /// replaces it, a movement keeps it.
    pub selected: bool,
    /// Earlier entries, latest first (searches), for Up/Down, and which
    /// one is shown with what was typed before Up was first pressed.
    history: Vec<String>,
    browsing: Option<(usize, String)>,
    /// Tags in use, for completion.
    pub tags: Vec<String>,
    /// What was typed before Tab was first pressed, and which candidate is shown.
    cycle: Option<(String, usize)>,
    /// Why the input cannot be used as it is (a malformed query).
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Editing,
    Cancel,
    Submit(String),
}

impl Prompt {
    pub fn new(kind: PromptKind, tags: Vec<String>) -> Prompt {
        Prompt {
            kind,
            line: Input::default(),
            selected: false,
            history: Vec::new(),
            browsing: None,
            tags,
            cycle: None,
            error: None,
        }
    }

    pub fn label(&self) -> &'static str {
        match self.kind {
            PromptKind::Tags { all_in_view: false } => "tags (+add -remove): ",
            PromptKind::Tags { all_in_view: true } => "tags for all in view (+add -remove): ",
            PromptKind::ShowTag => "show tag: ",
            PromptKind::Search => "/",
        }
    }

    /// Opens on `text`, selected.
    pub fn with_text(mut self, text: &str) -> Prompt {
        self.line = Input::new(text.to_string());
        self.selected = !text.is_empty();
        self
    }

    pub fn with_history(mut self, history: Vec<String>) -> Prompt {
        self.history = history;
        self
    }

    /// Up (`older`) or Down through the history; past the newest entry
    /// the text typed before comes back.
    fn walk_history(&mut self, older: bool) {
        let typed = match &self.browsing {
            Some((_, typed)) => typed.clone(),
            None => self.text().to_string(),
        };
        let next = match (&self.browsing, older) {
            (None, true) => Some(0),
            (None, false) => return,
            (Some((i, _)), true) => Some((i + 1).min(self.history.len().saturating_sub(1))),
            (Some((0, _)), false) => None,
            (Some((i, _)), false) => Some(i - 1),
        };
        match next.and_then(|i| Some((i, self.history.get(i)?.clone()))) {
            Some((i, entry)) => {
                self.set_text(&entry);
                self.browsing = Some((i, typed));
            }
            None => {
                self.set_text(&typed);
                self.browsing = None;
            }
        }
    }

    /// Replaces the text (completion, a history entry), cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        self.line = Input::new(text.to_string());
        self.selected = false;
    }

    pub fn text(&self) -> &str {
        self.line.value()
    }

    /// The text before and from the cursor.
    pub fn around_cursor(&self) -> (&str, &str) {
        let text = self.line.value();
        let at = text
            .char_indices()
            .nth(self.line.cursor())
            .map_or(text.len(), |(i, _)| i);
        text.split_at(at)
    }

    /// Text pasted in (bracketed paste): inserted at the cursor as one
    /// line, replacing a selection.
    pub fn paste(&mut self, text: &str) {
        if self.selected {
            self.set_text("");
        }
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.line.handle(InputRequest::InsertChar(c));
        }
        self.cycle = None;
    }

    /// Prompt keys are fixed (Enter, Esc, Tab, the line-editing keys, text)
    /// so that any text can be typed whatever the keymap says.
    pub fn key(&mut self, key: &KeyEvent) -> Outcome {
        if key.code != KeyCode::Tab {
            self.cycle = None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Enter => return Outcome::Submit(self.text().trim().to_string()),
            KeyCode::Tab => self.complete(),
            KeyCode::Char('c') if ctrl => return Outcome::Cancel,
            KeyCode::Up => self.walk_history(true),
            KeyCode::Down => self.walk_history(false),
            // Alt-B/F arrive as Alt, which tui-input reads as Meta only.
            KeyCode::Char('b') if alt => self.edit(InputRequest::GoToPrevWord),
            KeyCode::Char('f') if alt => self.edit(InputRequest::GoToNextWord),
            _ => {
                let Some(request) =
                    tui_input::backend::crossterm::to_input_request(&Event::Key(*key))
                else {
                    return Outcome::Editing;
                };
                self.edit(request);
            }
        }
        Outcome::Editing
    }

    /// One editing request; a selection is replaced by what is typed,
    /// deleted by a deletion and kept by a movement.
    fn edit(&mut self, request: InputRequest) {
        use InputRequest::*;
        // Editing an entry makes it the text typed.
        self.browsing = None;
        if std::mem::take(&mut self.selected) {
            match request {
                InsertChar(_) => self.set_text(""),
                DeletePrevChar | DeleteNextChar | DeletePrevWord | DeleteNextWord | DeleteLine
                | DeleteTillEnd | DeleteFromStart => {
                    return self.set_text("");
                }
                // Right/End keep the text with the cursor at its end.
                GoToNextChar | GoToEnd => return,
                _ => {}
            }
        }
        self.line.handle(request);
    }

    fn complete(&mut self) {
        self.selected = false;
        let input = self.text().to_string();
        let start = input.rfind(' ').map_or(0, |i| i + 1);
        let word = &input[start..];
        let (sign, typed) = match word.chars().next() {
            Some(c @ ('+' | '-')) if self.kind != PromptKind::Search => {
                (c.to_string(), word[1..].to_string())
            }
            _ => (String::new(), word.to_string()),
        };
        let (prefix, index) = match &self.cycle {
            Some((p, i)) => (p.clone(), i + 1),
            None => (typed, 0),
        };
        let candidates = fuzzy_rank(&prefix, &self.tags);
        if candidates.is_empty() {
            return;
        }
        let pick = candidates[index % candidates.len()].clone();
        let index = index % candidates.len();
        self.set_text(&format!("{}{sign}{pick}", &input[..start]));
        self.cycle = Some((prefix, index));
    }
}

/// The `items` that `typed` matches fuzzily (its letters in order, any
/// case), best first (nucleo-matcher: words' starts and runs score higher),
/// ties in the given order; all of them when nothing is typed.
pub fn fuzzy_rank<'a>(typed: &str, items: &'a [String]) -> Vec<&'a String> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    if typed.trim().is_empty() {
        return items.iter().collect();
    }
    let mut matcher = nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT);
    Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart)
        .match_list(items, &mut matcher)
        .into_iter()
        .map(|(item, _)| item)
        .collect()
}

/// `"+a -b c"` → (add [a, c], remove [b]).
pub fn parse_tag_changes(input: &str) -> (Vec<String>, Vec<String>) {
    let mut add = Vec::new();
    let mut remove = Vec::new();
    for word in input.split_whitespace() {
        if let Some(t) = word.strip_prefix('-') {
            if !t.is_empty() {
                remove.push(t.to_string());
            }
        } else {
            let t = word.strip_prefix('+').unwrap_or(word);
            if !t.is_empty() {
                add.push(t.to_string());
            }
        }
    }
    (add, remove)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_keys(p: &mut Prompt, keys: &[KeyCode]) -> Outcome {
        let mut last = Outcome::Editing;
        for &k in keys {
            last = p.key(&KeyEvent::new(k, KeyModifiers::NONE));
        }
        last
    }

    #[test]
    fn tab_completes_and_cycles_through_tags() {
        let tags = vec![
            "energy".to_string(),
            "europe".to_string(),
            "trade".to_string(),
        ];
        let mut p = Prompt::new(PromptKind::Tags { all_in_view: false }, tags);
        type_keys(
            &mut p,
            &[KeyCode::Char('-'), KeyCode::Char('e'), KeyCode::Tab],
        );
        assert_eq!(p.text(), "-energy");
        type_keys(&mut p, &[KeyCode::Tab]);
        assert_eq!(p.text(), "-europe");
        type_keys(&mut p, &[KeyCode::Tab]);
        assert_eq!(p.text(), "-trade", "its e matches too, ranked last");
        type_keys(&mut p, &[KeyCode::Tab]);
        assert_eq!(p.text(), "-energy");
        let out = type_keys(
            &mut p,
            &[
                KeyCode::Char(' '),
                KeyCode::Char('t'),
                KeyCode::Tab,
                KeyCode::Enter,
            ],
        );
        assert_eq!(out, Outcome::Submit("-energy trade".into()));
    }

    #[test]
    fn esc_cancels_and_backspace_edits() {
        let mut p = Prompt::new(PromptKind::Search, vec![]);
        type_keys(
            &mut p,
            &[KeyCode::Char('a'), KeyCode::Char('b'), KeyCode::Backspace],
        );
        assert_eq!(p.text(), "a");
        assert_eq!(type_keys(&mut p, &[KeyCode::Esc]), Outcome::Cancel);
    }

    fn press(p: &mut Prompt, code: KeyCode, mods: KeyModifiers) -> Outcome {
        p.key(&KeyEvent::new(code, mods))
    }

    #[test]
    fn the_line_edits_like_a_shell() {
        let (ctrl, alt, none) = (KeyModifiers::CONTROL, KeyModifiers::ALT, KeyModifiers::NONE);
        let mut p = Prompt::new(PromptKind::Search, vec![]);
        for c in "grain prices rise".chars() {
            press(&mut p, KeyCode::Char(c), none);
        }
        press(&mut p, KeyCode::Char('w'), ctrl);
        assert_eq!(p.text(), "grain prices ", "C-w deletes a word");
        press(&mut p, KeyCode::Char('a'), ctrl);
        press(&mut p, KeyCode::Char('"'), none);
        assert_eq!(p.text(), "\"grain prices ", "C-a goes to the start");
        press(&mut p, KeyCode::Char('e'), ctrl);
        press(&mut p, KeyCode::Backspace, none);
        press(&mut p, KeyCode::Char('"'), none);
        assert_eq!(p.text(), "\"grain prices\"", "C-e to the end");
        press(&mut p, KeyCode::Char('b'), alt);
        assert_eq!(
            p.around_cursor(),
            ("\"grain ", "prices\""),
            "Alt-b a word back"
        );
        press(&mut p, KeyCode::Char('k'), ctrl);
        assert_eq!(p.text(), "\"grain ", "C-k kills to the end");
        press(&mut p, KeyCode::Char('b'), alt);
        let back = p.around_cursor().0.len();
        press(&mut p, KeyCode::Char('f'), alt);
        assert!(p.around_cursor().0.len() > back, "Alt-f a word on");
        press(&mut p, KeyCode::Char('u'), ctrl);
        assert_eq!(p.text(), "", "C-u clears");
    }

    #[test]
    fn text_it_opens_with_is_replaced_by_typing_and_kept_by_a_movement() {
        let none = KeyModifiers::NONE;
        let mut p = Prompt::new(PromptKind::Search, vec![]).with_text("topic:energy");
        assert!(p.selected);
        press(&mut p, KeyCode::Char('x'), none);
        assert_eq!((p.text(), p.selected), ("x", false), "typing replaces");
        for keep in [KeyCode::Right, KeyCode::End] {
            let mut p = Prompt::new(PromptKind::Search, vec![]).with_text("lng");
            press(&mut p, keep, none);
            press(&mut p, KeyCode::Char('*'), none);
            assert_eq!(p.text(), "lng*", "{keep:?} keeps it");
        }
        let mut p = Prompt::new(PromptKind::Search, vec![]).with_text("lng");
        press(&mut p, KeyCode::Backspace, none);
        assert_eq!(p.text(), "", "a deletion takes the selection");
        let mut p = Prompt::new(PromptKind::Search, vec![]).with_text("old");
        p.paste("new\ntext");
        assert_eq!(p.text(), "new text", "a paste replaces it, on one line");
    }

    #[test]
    fn up_and_down_walk_the_history_and_come_back_to_what_was_typed() {
        let none = KeyModifiers::NONE;
        let history = vec!["lng".to_string(), "grain".to_string()];
        let mut p = Prompt::new(PromptKind::Search, vec![]).with_history(history);
        press(&mut p, KeyCode::Char('x'), none);
        press(&mut p, KeyCode::Up, none);
        assert_eq!(p.text(), "lng", "the latest first");
        press(&mut p, KeyCode::Up, none);
        press(&mut p, KeyCode::Up, none);
        assert_eq!(p.text(), "grain", "stops at the oldest");
        press(&mut p, KeyCode::Down, none);
        assert_eq!(p.text(), "lng");
        press(&mut p, KeyCode::Down, none);
        assert_eq!(p.text(), "x", "what was typed comes back");
        press(&mut p, KeyCode::Up, none);
        press(&mut p, KeyCode::Char('*'), none);
        assert_eq!(p.text(), "lng*", "an entry is edited in place");
    }

    #[test]
    fn tags_match_fuzzily_best_first() {
        let tags: Vec<String> = ["energy", "follow-up", "lng", "nordics"]
            .map(String::from)
            .to_vec();
        assert_eq!(fuzzy_rank("flup", &tags), vec!["follow-up"]);
        assert_eq!(fuzzy_rank("NOR", &tags), vec!["nordics"]);
        assert_eq!(fuzzy_rank("ng", &tags)[0], "lng");
        assert!(fuzzy_rank("zz", &tags).is_empty());
        assert_eq!(fuzzy_rank("", &tags).len(), 4);
    }

    #[test]
    fn tag_changes_parse() {
        assert_eq!(
            parse_tag_changes(" +a -b c - + "),
            (
                vec!["a".to_string(), "c".to_string()],
                vec!["b".to_string()]
            )
        );
    }
}
