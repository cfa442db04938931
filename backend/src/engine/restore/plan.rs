//! The pure plan of a restore: where on the client it writes, which entry of which
//! snapshot it sends, and rsync's argv (a push over the target client's own key and
//! pinned host key, no shell). No I/O, no database.

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use shared::client_keys::{confine, confines, Unconfinable};
use shared::clients::Connection;
use shared::runs::RunError;

use super::context::RestoreContext;
use crate::engine::argv::{ssh_command, ArgvError};
use crate::engine::hostkeys::known_hosts_path;
use crate::engine::runner::Stop;
use crate::engine::store::recorded_data;
use crate::snapfs::path::RelPath;

/// What a restore run (or its dry run) will do.
#[derive(Debug, Clone)]
pub struct PlannedRestore {
    /// The snapshot's data directory, in the snapshot's own place (its job may have
    /// moved to another client or location since).
    pub data: PathBuf,
    /// The restored entry, beneath `data`.
    pub rel: RelPath,
    /// `data` joined with `rel`.
    pub source: PathBuf,
    pub connection: Connection,
    pub destination: String,
    pub delete: bool,
    pub dry_run: bool,
    pub ssh_options: Vec<String>,
    pub key_path: PathBuf,
    pub known_hosts: PathBuf,
    pub fake_super: bool,
    pub timeout_secs: u32,
    /// The target client's keys run `rrsync`: the push goes over its restore key, to
    /// `destination` relative to the keys' root.
    pub confined: bool,
}

/// Plans a restore, or says why it cannot be.
pub fn plan(ctx: &RestoreContext, dry_run: bool) -> Result<PlannedRestore, Stop> {
    let (snap, target, client) = (&ctx.snapshot, &ctx.target, &ctx.client);
    let data = recorded_data(
        Path::new(&ctx.location.directory),
        &snap.store_path,
        &snap.name,
    )
    .ok_or_else(|| Stop(RunError::SnapshotMissing, snap.store_path.clone()))?;
    let rel = RelPath::decode(&target.path)
        .map_err(|_| Stop(RunError::InvalidPath, target.path.clone()))?;
    let source = data.join(std::ffi::OsStr::from_bytes(&rel.to_bytes()));
    let data_dir = &ctx.limits.data_dir;
    let confined = confines(client.key_mode, &ctx.connection);
    let (destination, key_path) = if confined {
        if client.restore_public_key.is_none() {
            return Err(Stop(
                RunError::RestoreKeyMissing,
                "the client has no restore key yet: make one on its page and install it".into(),
            ));
        }
        (
            confined_destination(&client.key_root, &target.destination)?,
            crate::engine::keys::restore_key_path(data_dir, client.id),
        )
    } else {
        (
            target.destination.clone(),
            crate::engine::keys::private_key_path(data_dir, client.id),
        )
    };
    Ok(PlannedRestore {
        data,
        rel,
        source,
        connection: ctx.connection.clone(),
        destination,
        delete: target.delete,
        dry_run,
        confined,
        ssh_options: client.ssh_options.iter().flatten().cloned().collect(),
        key_path,
        known_hosts: known_hosts_path(data_dir, client.id),
        fake_super: ctx.limits.fake_super,
        timeout_secs: ctx.limits.timeout_secs,
    })
}

/// A restore target as the client's `rrsync` takes it: relative to the keys' root.
fn confined_destination(root: &str, destination: &str) -> Result<String, Stop> {
    confine(root, destination).map_err(|why| match why {
        Unconfinable::Expanded => Stop(
            RunError::InvalidPath,
            format!("rrsync would expand the wildcards or braces of {destination:?}"),
        ),
        Unconfinable::Outside => Stop(
            RunError::OutsideKeyRoot,
            format!("{destination} is outside {root}, the root of the client's restricted keys"),
        ),
    })
}

impl PlannedRestore {
    /// rsync's argv; restores go to ssh and local clients only.
    pub fn argv(&self) -> Result<Vec<OsString>, Stop> {
        restore_argv(&RestorePlan {
            connection: &self.connection,
            source: &self.source,
            whole_snapshot: self.rel.is_root(),
            destination: &self.destination,
            delete: self.delete,
            dry_run: self.dry_run,
            ssh_options: &self.ssh_options,
            key_path: &self.key_path,
            known_hosts: &self.known_hosts,
            fake_super: self.fake_super,
            timeout_secs: self.timeout_secs,
            confined: self.confined,
        })
        .map_err(|e| Stop(RunError::RestoreUnsupported, e.to_string()))
    }
}

/// Everything a restore's rsync command depends on.
#[derive(Debug, Clone)]
pub struct RestorePlan<'a> {
    /// The target client's connection.
    pub connection: &'a Connection,
    /// The restored entry on the server, inside the snapshot's data directory.
    pub source: &'a Path,
    /// The source is the snapshot root: its contents go into the destination.
    pub whole_snapshot: bool,
    /// Directory on the client receiving the entry.
    pub destination: &'a str,
    pub delete: bool,
    pub dry_run: bool,
    pub ssh_options: &'a [String],
    pub key_path: &'a Path,
    pub known_hosts: &'a Path,
    /// Ownership and specials are stored as xattrs in the snapshot (server not root).
    pub fake_super: bool,
    pub timeout_secs: u32,
    /// The key runs `rrsync` (no `--secluded-args`, which it refuses).
    pub confined: bool,
}

/// Why a restore cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    Argv(#[from] ArgvError),
    #[error("restores go to ssh or local clients, not rsync daemons")]
    Unsupported,
}

/// The directory on the client that receives the entry: `target` (or the place it was
/// backed up from: the job's source path plus the entry's parent), and unless
/// `overwrite`, a new `restore-<UTC time>` directory inside it. `None` when no usable
/// default exists (a parent whose name is not UTF-8) and no target was given.
pub fn destination(
    job_source: &str,
    parent: &[u8],
    target: Option<&str>,
    overwrite: bool,
    now: DateTime<Utc>,
) -> Option<String> {
    let base = match target {
        Some(t) => t.trim_end_matches('/').to_owned(),
        None => {
            let parent = std::str::from_utf8(parent).ok()?;
            let source = job_source.trim_end_matches('/');
            if parent.is_empty() {
                source.to_owned()
            } else {
                format!("{source}/{parent}")
            }
        }
    };
    let base = if base.is_empty() {
        "/".to_owned()
    } else {
        base
    };
    Some(if overwrite {
        base
    } else {
        format!(
            "{}/restore-{}",
            base.trim_end_matches('/'),
            now.format("%Y%m%dT%H%M%SZ")
        )
    })
}

/// Whether a target path given by a user is acceptable: absolute, no control characters,
/// no `..` (the destination must be what it says).
pub fn target_ok(t: &str) -> bool {
    t.starts_with('/')
        && t.len() <= 4096
        && !t.chars().any(char::is_control)
        && !t.split('/').any(|c| c == "..")
}

/// The argv of a restore (without the program name).
pub fn restore_argv(plan: &RestorePlan<'_>) -> Result<Vec<OsString>, PlanError> {
    let mut a: Vec<OsString> = [
        "--archive",
        "--hard-links",
        "--acls",
        "--xattrs",
        "--numeric-ids",
        "--sparse",
        "--no-inc-recursive",
        // The destination directory and its parents are created (`restore-<time>/`).
        "--mkpath",
        "--stats",
        "--no-human-readable",
        "--itemize-changes",
        "--out-format=%i|%l|%n%L",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    a.push(format!("--timeout={}", plan.timeout_secs).into());
    if plan.dry_run {
        a.push("--dry-run".into());
    } else {
        a.push("--info=flist2,progress2".into());
    }
    if plan.delete {
        a.push("--delete".into());
    }
    if plan.fake_super {
        a.push("--fake-super".into());
    }
    let dest = format!("{}/", plan.destination.trim_end_matches('/'));
    let dest = match plan.connection {
        Connection::Local => dest,
        Connection::Ssh {
            user, host, port, ..
        } => {
            if !plan.confined {
                a.push("--secluded-args".into());
            }
            a.push("-e".into());
            a.push(
                ssh_command(
                    *port,
                    plan.key_path,
                    plan.known_hosts,
                    plan.ssh_options,
                    plan.timeout_secs,
                )?
                .into(),
            );
            format!("{user}@{host}:{dest}")
        }
        Connection::RsyncDaemon { .. } => return Err(PlanError::Unsupported),
    };
    a.push("--".into());
    let mut src = plan.source.as_os_str().to_owned();
    if plan.whole_snapshot {
        src.push("/");
    }
    a.push(src);
    a.push(dest.into());
    Ok(a)
}

#[cfg(test)]
mod tests;
