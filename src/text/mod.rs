//! Untrusted article text made safe and fitted to the screen: sanitising and
//! wrapping by display width. No I/O.

mod sanitize;
mod urls;
mod wrap;

pub use sanitize::{escape_json_for_terminal, is_terminal_safe, sanitize, sanitize_line};
pub use urls::find_urls;
pub use wrap::{display_width, truncate, wrap};
