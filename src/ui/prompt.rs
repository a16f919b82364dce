//! A one-line prompt in the status line: tags to add or remove, a tag to
//! view, or a search. Tab completes tag names from the ones in use.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `+tag -tag tag` on the selected article, or on every one in view.
    Tags { all_in_view: bool },
    /// One tag whose articles to show.
    ShowTag,
    /// A query: the list narrows as it is typed.
    Search,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
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
            input: String::new(),
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

    /// Prompt keys are fixed (Enter, Esc, Tab, Backspace, text) so that
    /// any text can be typed whatever the keymap says.
    pub fn key(&mut self, key: &KeyEvent) -> Outcome {
        if key.code != KeyCode::Tab {
            self.cycle = None;
        }
        match key.code {
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Enter => return Outcome::Submit(self.input.trim().to_string()),
            KeyCode::Tab => self.complete(),
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Outcome::Cancel;
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.input.clear()
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.input.push(c)
            }
            _ => {}
        }
        Outcome::Editing
    }

    fn complete(&mut self) {
        let start = self.input.rfind(' ').map_or(0, |i| i + 1);
        let word = &self.input[start..];
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
        let lower = prefix.to_lowercase();
        let candidates: Vec<&String> = self
            .tags
            .iter()
            .filter(|t| t.to_lowercase().starts_with(&lower))
            .collect();
        if candidates.is_empty() {
            return;
        }
        let pick = candidates[index % candidates.len()].clone();
        self.input.truncate(start);
        self.input.push_str(&sign);
        self.input.push_str(&pick);
        self.cycle = Some((prefix, index % candidates.len()));
    }
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
        assert_eq!(p.input, "-energy");
        type_keys(&mut p, &[KeyCode::Tab]);
        assert_eq!(p.input, "-europe");
        type_keys(&mut p, &[KeyCode::Tab]);
        assert_eq!(p.input, "-energy");
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
        assert_eq!(p.input, "a");
        assert_eq!(type_keys(&mut p, &[KeyCode::Esc]), Outcome::Cancel);
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
