//! Everything the user can ask for, by name. The same names are the keys of
//! the `[keys]` table, the lines of the help overlay and the status hints.

macro_rules! actions {
    ($($variant:ident = $name:literal : $desc:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant,)* }

        impl Action {
            /// In the order the help overlay lists them.
            pub const ALL: &[Action] = &[$(Action::$variant,)*];

            /// The name used in `[keys]`.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// One line for the help overlay.
            pub fn describe(self) -> &'static str {
                match self { $(Action::$variant => $desc,)* }
            }
        }
    };
}

actions! {
    Down = "down": "move down / scroll down a line",
    Up = "up": "move up / scroll up a line",
    Top = "top": "go to the first article / top of the text",
    Bottom = "bottom": "go to the last article / end of the text",
    HalfPageDown = "half_page_down": "half a page down",
    HalfPageUp = "half_page_up": "half a page up",
    PageDown = "page_down": "a page down",
    PageUp = "page_up": "a page up",
    FocusNext = "focus_next": "focus the next pane",
    FocusPrev = "focus_prev": "focus the previous pane",
    Open = "open": "open the article / list the articles naming the entity",
    Back = "back": "go back: close, leave the reader, or the list's previous view",
    Search = "search": "search titles and full text (the query language); the list narrows",
    NextMatch = "next_match": "next match in the article (reader) / next article (list)",
    PrevMatch = "prev_match": "previous match in the article / previous article",
    ToggleRead = "toggle_read": "mark read / unread",
    Bookmark = "bookmark": "bookmark / unbookmark",
    Tag = "tag": "add or remove tags (+tag -tag, Tab completes)",
    TagAll = "tag_all": "add or remove tags on every article in view",
    MarkAllRead = "mark_all_read": "mark every article in view read",
    MarkAllUnread = "mark_all_unread": "mark every article in view unread",
    Undo = "undo": "undo the last change of read, bookmark or tags",
    ShowBookmarked = "show_bookmarked": "show bookmarked articles",
    ShowTag = "show_tag": "show articles with a tag (Tab completes)",
    ShowUnread = "show_unread": "show unread articles only",
    ShowAll = "show_all": "show every article (clear the view)",
    FilterHere = "filter": "filter the list: to the entity (sidebar) or the article's topic",
    Views = "views": "saved searches: pick a named view",
    EntityJump = "entity_jump": "jump to an entity's page: type part of its name",
    Links = "links": "list the article's links, to open or copy one",
    Related = "related": "related articles: those sharing the rarest names",
    Group = "group": "group the list: none / topic / date",
    ToggleRaw = "toggle_raw": "show the raw file text / the cleaned text",
    ToggleSidebar = "toggle_sidebar": "show / hide the entity sidebar",
    Zoom = "zoom": "give the focused pane the whole screen / share it again",
    Failures = "failures": "list files that failed to load",
    Help = "help": "this help",
    Quit = "quit": "go back one level (reader, overlay); quit from the list",
    QuitNow = "quit_now": "quit from anywhere",
    Suspend = "suspend": "suspend to the shell (its `fg` resumes)",
}

impl Action {
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for &a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
        let mut names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        assert_eq!(Action::from_name("fly"), None);
    }

    /// Issue 13: `/` runs the query language over titles and text, from
    /// any pane; the help once said titles only in the list.
    #[test]
    fn the_search_line_says_full_text() {
        let line = Action::Search.describe();
        assert!(
            line.contains("full text") && !line.contains("titles (list)"),
            "{line}"
        );
    }
}
