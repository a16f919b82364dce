//! The three-pane reader: state → update(event) → view(state).

use crate::config::Config;
use crate::library::Catalog;

/// Slow work the reader runs off its thread (an index update), returning a
/// one-line summary for the status line.
pub type BackgroundJob = Box<dyn FnOnce() -> anyhow::Result<String> + Send>;

/// Opens the reader until the user quits.
pub fn run(catalog: &dyn Catalog, config: &Config, job: Option<BackgroundJob>) -> anyhow::Result<()> {
    let _ = (config, job);
    for a in catalog.list(&Default::default())? {
        println!("{}\t{}", a.id, a.title);
    }
    Ok(())
}
