//! Untrusted article text made safe and fitted to the screen: sanitising,
//! wrapping by display width, and folding (the one form the index, the
//! highlighter and the entity keys compare words by). No I/O.

pub mod cjk;
mod fold;
mod sanitize;
mod urls;
mod wrap;

pub use fold::{fold_char, fold_key, fold_key_into, index_form, strip_accents};
pub use sanitize::{escape_json_for_terminal, is_terminal_safe, sanitize, sanitize_line};
pub use urls::find_urls;
pub use wrap::{display_width, truncate, wrap};
