//! Untrusted article text made safe and fitted to the screen: sanitising and
//! wrapping by display width. No I/O.

mod reflow;
mod sanitize;
mod wrap;

pub use reflow::reflow;
pub use sanitize::{sanitize, sanitize_line};
pub use wrap::{display_width, truncate, wrap};
