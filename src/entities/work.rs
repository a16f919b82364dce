//! A count of the steps the linking passes take, so a test can check that
//! they grow with the number of mentions and not with its square (an
//! article of nothing but names once stalled indexing for minutes). Only
//! tests count; elsewhere `step` does nothing.

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// One comparison or lookup in a pass whose cost could grow with the text.
#[inline(always)]
pub fn step() {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + 1));
}

/// Steps taken on this thread so far.
#[cfg(test)]
pub fn steps() -> u64 {
    STEPS.with(|s| s.get())
}
