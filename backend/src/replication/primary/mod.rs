//! The primary's side of replication: the `authorized_keys` file it manages for the
//! replicas' keys and the view directory they read through one forced command.
//!
//! rrsync (3.5.0 here) refuses any path whose real path leaves its root, so a view of
//! symlinks under one rrsync root cannot reach locations elsewhere on disk. The forced
//! command is therefore [`gate`]: it reads the location id heading the requested path,
//! resolves `<view dir>/<id>` (a symlink to the location's directory) and hands the rest
//! of the path to `rrsync -ro <that directory>`, which keeps all its own checks. The path
//! a replica asks for stays `<location id>/<store_path>/snapshots/<name>/data/`.

pub mod gate;
pub mod keys;
pub mod setup;
pub mod view;

pub use setup::Setup;

use crate::db::{self, DbPool};

/// Rewrites the view directory and the `authorized_keys` file from the database: at
/// start-up, after an access is created or revoked and after a location changes.
pub async fn install(pool: &DbPool, setup: &Setup) -> anyhow::Result<()> {
    let mut c = db::conn(pool).await?;
    let accesses = db::replication_accesses::active(&mut c).await?;
    let (locations, _) = db::locations::list(
        &mut c,
        None,
        db::paging::Paging {
            page: 1,
            per_page: i64::MAX,
        },
    )
    .await?;
    drop(c);
    let links: Vec<(i64, std::path::PathBuf)> = locations
        .iter()
        .map(|l| (l.id, std::path::PathBuf::from(&l.directory)))
        .collect();
    view::refresh(&setup.view_dir, &links)?;
    let lines: Vec<String> = accesses
        .iter()
        .map(|a| keys::line(setup, &a.public_key, a.from_address.as_deref()))
        .collect();
    keys::write(&setup.authorized_keys, &lines)?;
    Ok(())
}

/// [`install`], logging a failure instead of returning it (the change that asked for it
/// is already committed; the next change or restart writes the files again).
pub async fn reinstall(pool: &DbPool, setup: &Setup) {
    if let Err(e) = install(pool, setup).await {
        tracing::error!("writing the replication keys and view: {e:#}");
    }
}
