//! `elkarbackup doctor`: checks what a new installation needs and says, in the language of
//! the environment, what is wrong and how to fix it.

use crate::config::Config;

/// Runs every check and prints the findings; an error when any check fails.
pub async fn run(_config: &Config) -> anyhow::Result<()> {
    anyhow::bail!("doctor: not built yet")
}
