//! `elkarbackup recover`: rebuilds the catalog of a fresh installation from its locations
//! (the newest catalog dump, then the snapshots' own metadata).

use std::path::PathBuf;

use crate::config::Config;

/// Recovers from the given location directories and prints what was done.
pub async fn run(_config: &Config, _locations: &[PathBuf]) -> anyhow::Result<()> {
    anyhow::bail!("recover: not built yet")
}
