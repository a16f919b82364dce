//! A query the parser could not read, pointing at where.

/// What went wrong and where: `column` is the 1-based character column of
/// the problem in the query text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

impl QueryError {
    /// `at` is a 0-based character index.
    pub(crate) fn at(at: usize, message: impl Into<String>) -> QueryError {
        QueryError {
            column: at + 1,
            message: message.into(),
        }
    }

    /// The query on one line and a caret under the problem, for a terminal
    /// (tabs and line breaks shown as spaces so the caret lines up).
    pub fn pointer(&self, input: &str) -> String {
        let line: String = input
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let pad = self.column.saturating_sub(1);
        format!("{line}\n{}^", " ".repeat(pad))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_pointer() {
        let e = QueryError::at(6, "unknown field `tpic`");
        assert_eq!(e.to_string(), "column 7: unknown field `tpic`");
        assert_eq!(e.pointer("grain tpic:x"), "grain tpic:x\n      ^");
        assert_eq!(e.pointer("a\tb"), "a b\n      ^");
    }
}
