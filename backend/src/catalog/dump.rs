//! Writing the dumps: one `pg_dump --format=custom` (a consistent snapshot of the whole
//! database) into a temporary file of the data directory, then copied durably into each
//! location that gets one, with `location.json`, the key copies, and pruning. A location
//! that holds another catalog's dumps is never written to.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use shared::events::{LogLevel, LogSource};

use super::files::{self, LocationFile};
use super::keys::{self, KeyOwner};
use super::{names, pgtools};
use crate::config::Config;
use crate::db::{self, DbPool};

/// What writing dumps needs: the database, where its client programs are, the server's
/// data directory (the keys, a temporary file), how many dumps a location keeps.
#[derive(Debug, Clone)]
pub struct Setup {
    pub url: String,
    pub bin_dir: Option<PathBuf>,
    pub data_dir: PathBuf,
    pub keep: u32,
}

impl Setup {
    /// The setup of a server on the database at `url`; `None` when `[catalog] backup` is
    /// off.
    pub fn of(config: &Config, url: &str) -> Option<Setup> {
        config.catalog.backup.then(|| Setup {
            url: url.to_owned(),
            bin_dir: config.postgres_bin_dir.clone(),
            data_dir: config.data_dir.clone(),
            keep: config.catalog.keep,
        })
    }
}

/// Which locations get a dump.
#[derive(Debug, Clone, Copy)]
pub enum Which {
    /// Every active, online location (after migrations).
    All,
    /// Those whose newest dump is [`names::INTERVAL`] old or more at this time, or that
    /// have none (the hourly check).
    Due(DateTime<Utc>),
}

/// What a round of dumps did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The dumps written.
    pub written: Vec<PathBuf>,
    /// Locations (an empty path: all of them) where no dump could be written, and why.
    pub failed: Vec<(PathBuf, String)>,
    /// Locations holding the dumps of another catalog (its id), left alone.
    pub refused: Vec<(PathBuf, uuid::Uuid)>,
}

/// Why no dump could be made at all.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error(transparent)]
    Tool(#[from] pgtools::ToolError),
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("pg_dump failed: {0}")]
    Failed(String),
}

/// A location that gets this round's dump.
struct Target {
    id: i64,
    name: String,
    dir: PathBuf,
}

/// What the database says before dumping.
struct Plan {
    catalog_id: uuid::Uuid,
    server_version: i64,
    owners: Vec<KeyOwner>,
    targets: Vec<Target>,
}

/// Writes a dump into the locations `which` selects. Never fails: what went wrong is in
/// the outcome (see [`record`]).
pub async fn write(setup: &Setup, pool: &DbPool, which: Which) -> Outcome {
    let mut out = Outcome::default();
    let plan = match plan(pool, which, &mut out).await {
        Ok(p) => p,
        Err(e) => {
            out.failed.push((PathBuf::new(), e.to_string()));
            return out;
        }
    };
    if plan.targets.is_empty() {
        return out;
    }
    let name = names::dump_name(Utc::now());
    let dumped = match dump_to_temp(setup, plan.server_version).await {
        Ok(t) => t,
        Err(e) => {
            let why = e.to_string();
            out.failed
                .extend(plan.targets.into_iter().map(|t| (t.dir, why.clone())));
            return out;
        }
    };
    let (data_dir, keep) = (setup.data_dir.clone(), setup.keep);
    let installed = tokio::task::spawn_blocking(move || {
        plan.targets
            .iter()
            .map(|t| {
                let r = install(t, dumped.path(), &name, &plan, &data_dir, keep);
                (t.dir.clone(), r)
            })
            .collect::<Vec<_>>()
    })
    .await;
    match installed {
        Ok(results) => {
            for (dir, r) in results {
                match r {
                    Ok(path) => out.written.push(path),
                    Err(e) => out.failed.push((dir, e.to_string())),
                }
            }
        }
        Err(e) => out.failed.push((PathBuf::new(), e.to_string())),
    }
    out
}

/// The catalog's identity, version and key owners, and the locations to write to.
async fn plan(pool: &DbPool, which: Which, out: &mut Outcome) -> Result<Plan, DumpError> {
    let mut c = db::conn(pool).await?;
    let catalog_id = db::catalog::identity(&mut c).await?;
    let server_version = db::catalog::server_version_num(&mut c).await?;
    let (clients, replications) = db::catalog::key_owners(&mut c).await?;
    // A client's restore key pair goes with its backup key pair (a copy of a restore key
    // the client never had is not made: `copy_into` skips missing files).
    let owners: Vec<KeyOwner> = clients
        .iter()
        .map(|id| KeyOwner::Client(*id))
        .chain(clients.iter().map(|id| KeyOwner::ClientRestore(*id)))
        .chain(replications.into_iter().map(KeyOwner::Replication))
        .collect();
    let mut targets = Vec::new();
    for l in db::catalog::active_locations(&mut c).await? {
        let dir = PathBuf::from(&l.directory);
        // Offline (unmounted, unreachable): its backups fail too, and say so.
        if std::fs::read_dir(&dir).is_err() {
            continue;
        }
        if let Some(f) = files::read_location_file(&dir) {
            if f.catalog_id != catalog_id {
                out.refused.push((dir, f.catalog_id));
                continue;
            }
        }
        if let Which::Due(now) = which {
            let newest = names::newest(&files::names_in(&files::catalog_dir(&dir))?);
            if !names::due(newest, now) {
                continue;
            }
        }
        targets.push(Target {
            id: l.id,
            name: l.name,
            dir,
        });
    }
    Ok(Plan {
        catalog_id,
        server_version,
        owners,
        targets,
    })
}

/// Runs `pg_dump` into a temporary file of the data directory (removed when dropped).
async fn dump_to_temp(
    setup: &Setup,
    server_version: i64,
) -> Result<tempfile::NamedTempFile, DumpError> {
    let program = pgtools::find("pg_dump", setup.bin_dir.as_deref())?;
    let major = pgtools::tool_major(&program).await?;
    pgtools::check_versions("pg_dump", major, server_version)?;
    std::fs::create_dir_all(&setup.data_dir)?;
    let tmp = tempfile::Builder::new()
        .prefix(".catalog-dump-")
        .suffix(".partial")
        .tempfile_in(&setup.data_dir)?;
    let mut file_arg = std::ffi::OsString::from("--file=");
    file_arg.push(tmp.path());
    let out = pgtools::command(&program, &setup.url)?
        .args([
            "--format=custom",
            "--no-password",
            "--lock-wait-timeout=300000",
        ])
        .arg(file_arg)
        .output()
        .await?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        return Err(DumpError::Failed(err));
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Installs the dump in one location: `location.json` first (the directory is this
/// catalog's), then the dump, the key copies, and pruning.
fn install(
    t: &Target,
    dump: &Path,
    name: &str,
    plan: &Plan,
    data_dir: &Path,
    keep: u32,
) -> std::io::Result<PathBuf> {
    let dir = files::catalog_dir(&t.dir);
    files::write_location_file(
        &t.dir,
        &LocationFile {
            format: 1,
            catalog_id: plan.catalog_id,
            location_id: t.id,
            name: t.name.clone(),
            written_at: Utc::now(),
        },
    )?;
    files::private_dir(&dir)?;
    files::copy_durably(dump, &dir, name)?;
    keys::copy_into(data_dir, &t.dir, &plan.owners)?;
    files::prune(&t.dir, keep)?;
    Ok(dir.join(name))
}

/// Traces the outcome and records its failures and refusals in the logs (source
/// `system`), where administrators see them. Never fails.
pub async fn record(pool: &DbPool, out: &Outcome) {
    for path in &out.written {
        tracing::info!("catalog dump written: {}", path.display());
    }
    let mut lines: Vec<(&str, String)> = Vec::new();
    for (dir, why) in &out.failed {
        let detail = if dir.as_os_str().is_empty() {
            format!("no catalog dump was written: {why}")
        } else {
            format!("no catalog dump was written into {}: {why}", dir.display())
        };
        lines.push(("catalog_dump_failed", detail));
    }
    for (dir, other) in &out.refused {
        lines.push((
            "catalog_dump_refused",
            format!(
                "{} holds the catalog dumps of another server's catalog ({other}); they are \
                 left alone and none of this catalog's are written there. Recover from them \
                 with `elkarbackup recover`, or move {} away",
                dir.display(),
                files::own_dir(dir).display()
            ),
        ));
    }
    if lines.is_empty() {
        return;
    }
    for (_, detail) in &lines {
        tracing::warn!("{detail}");
    }
    let stored = async {
        let mut c = db::conn(pool).await?;
        for (code, detail) in &lines {
            let r = db::events::NewLogRecord {
                level: LogLevel::Warning,
                source: LogSource::System,
                code,
                detail: detail.as_str(),
                ..Default::default()
            };
            db::events::log(&mut c, &r).await?;
        }
        Ok::<_, db::DbError>(())
    };
    if let Err(e) = stored.await {
        tracing::warn!("the catalog dump's log records were not written: {e}");
    }
}
