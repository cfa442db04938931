//! `elkarbackup recover --location DIR…`: rebuilds the catalog of a fresh installation from
//! its locations. The newest catalog dump found in them is restored (then migrated); each
//! directory is mapped to its location; every published snapshot the catalog lacks is
//! adopted, its job and client made again from its metadata when the catalog has neither;
//! the ssh key pairs are copied back or made again; and a summary says what came back
//! and which clients need a new key installed, in the language of the environment.

mod adopt;
mod checked;
mod keys;
mod locations;
mod report;
mod restore;
mod scan;

use std::path::PathBuf;

use shared::Language;

pub use report::Report;

use crate::config::Config;
use crate::db::{self, DbPool};

/// Recovers from the given location directories and prints what was done. Refuses a
/// catalog that already has clients or jobs unless `force`.
pub async fn run(config: &Config, locations: &[PathBuf], force: bool) -> anyhow::Result<()> {
    let lang = crate::i18n::environment_language();
    let report = recover(config, locations, force, lang).await?;
    print!("{}", report::text(&report, lang));
    Ok(())
}

/// [`run`] without printing: the report.
pub async fn recover(
    config: &Config,
    locations: &[PathBuf],
    force: bool,
    lang: Language,
) -> anyhow::Result<Report> {
    let t = crate::i18n::translations();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for d in locations {
        if !d.is_dir() {
            anyhow::bail!(t.text(
                lang,
                "recover-not-a-directory",
                &[("dir", d.display().to_string())]
            ));
        }
        let d = std::path::absolute(d)?;
        if !dirs.contains(&d) {
            dirs.push(d);
        }
    }
    let found = tokio::task::spawn_blocking(move || {
        dirs.iter()
            .map(|d| scan::scan(d))
            .collect::<std::io::Result<Vec<_>>>()
    })
    .await??;
    // Never the post-migration dump: this fresh catalog must not be dumped over the one
    // about to be restored.
    let db = crate::startup::migrate_database(config).await?;
    let result = rebuild(config, &db.url, &found, force, lang).await;
    db.release().await;
    result
}

/// Checks that the catalog may be rebuilt: nobody else connected, nothing in it yet.
async fn ensure_fresh(pool: &DbPool, force: bool, lang: Language) -> anyhow::Result<()> {
    let t = crate::i18n::translations();
    let mut c = db::conn(pool).await?;
    if db::recovery::other_sessions(&mut c).await? > 0 {
        anyhow::bail!(t.text(lang, "recover-server-running", &[]));
    }
    let (_, clients, jobs, _) = db::recovery::counts(&mut c).await?;
    if (clients > 0 || jobs > 0) && !force {
        anyhow::bail!(t.text(
            lang,
            "recover-not-empty",
            &[("clients", clients.to_string()), ("jobs", jobs.to_string())],
        ));
    }
    Ok(())
}

async fn rebuild(
    config: &Config,
    url: &str,
    found: &[scan::Found],
    force: bool,
    lang: Language,
) -> anyhow::Result<Report> {
    let checking = db::build_pool(url, 1)?;
    ensure_fresh(&checking, force, lang).await?;
    let mut report = Report::default();
    if let Some(dump) = scan::newest_dump(found) {
        restore::restore(config, url, &checking, &dump).await?;
        report.dump = Some(dump);
    }
    drop(checking);
    // New connections: none remembers a statement prepared on the tables replaced.
    let pool = db::build_pool(url, 2)?;
    let mut c = db::conn(&pool).await?;
    let catalog_id = db::catalog::identity(&mut c).await?;
    let ids = db::transaction(&mut c, async |t| {
        let ids = locations::map(t, found, catalog_id, &mut report).await?;
        adopt::remove_stale(t, found, &ids, &mut report).await?;
        adopt::adopt_all(t, found, &ids, &mut report).await?;
        db::recovery::bump_sequences(t).await?;
        Ok::<_, db::DbError>(ids)
    })
    .await?;
    keys::recover(&config.data_dir, found, &pool, &mut report).await?;
    let names: Vec<(i64, String)> = db::recovery::locations(&mut c)
        .await?
        .into_iter()
        .map(|l| (l.id, l.name))
        .collect();
    let claimed = found.to_vec();
    tokio::task::spawn_blocking(move || locations::claim(&claimed, &ids, &names, catalog_id))
        .await?;
    report.totals = db::recovery::counts(&mut c).await?;
    Ok(report)
}
