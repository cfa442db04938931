//! Restoring a catalog dump: the catalog's schema emptied, `pg_restore` (one transaction,
//! stopping at the first error) of the dump onto it, then the migrations, which bring a
//! dump of an older version up to date.

use std::path::Path;

use anyhow::Context;

use crate::catalog::pgtools;
use crate::config::Config;
use crate::db::{self, DbPool};

/// Restores `dump` into the database at `url`; returns how many migrations ran after it.
pub async fn restore(
    config: &Config,
    url: &str,
    pool: &DbPool,
    dump: &Path,
) -> anyhow::Result<usize> {
    let program = pgtools::find("pg_restore", config.postgres_bin_dir.as_deref())?;
    let major = pgtools::tool_major(&program).await?;
    let mut c = db::conn(pool).await?;
    let server = db::catalog::server_version_num(&mut c).await?;
    pgtools::check_versions("pg_restore", major, server)?;
    db::recovery::empty_schema(&mut c).await?;
    drop(c);
    let dbname = pgtools::dbname_of(url)?;
    let out = pgtools::command(&program, url)?
        .args([
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
        ])
        .arg(format!("--dbname={}", pgtools::dbname_conninfo(&dbname)))
        .arg(dump)
        .output()
        .await
        .with_context(|| format!("running {}", program.display()))?;
    if !out.status.success() {
        anyhow::bail!(
            "pg_restore of {} failed: {}",
            dump.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(db::run_migrations(url).await?)
}
