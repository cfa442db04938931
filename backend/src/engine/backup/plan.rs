//! The pure plan of a backup run: pre-flight checks, the levels it serves, the patterns
//! it inherits, its scripts in order and its rsync command. No I/O, no database, no clock.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use shared::client_keys::{confine, confines, Unconfinable};
use shared::clients::Connection;
use shared::locations::LocationStatus;
use shared::policies::{LevelName, Schedule};
use shared::runs::RunError;
use shared::scripts::ScriptPhase;

use super::context::{AttachedScript, JobContext};
use crate::engine::argv::{rsync_argv, RsyncPlan};
use crate::engine::hostkeys::known_hosts_path;
use crate::engine::runner::Stop;
use crate::engine::scripts::{ordered, Event};
use crate::engine::store::JobStore;

/// A script to run: its name and content.
pub type Script = (String, Vec<u8>);

/// What a backup run will do.
#[derive(Debug, Clone)]
pub struct BackupPlan {
    /// The levels the run serves (recorded on the run and the snapshot; retention input).
    pub levels: Vec<String>,
    /// The policy's schedule (retention input).
    pub schedule: Schedule,
    /// Where the job's snapshots go.
    pub store: JobStore,
    /// Pre scripts, in the order they run.
    pub pre: Vec<Script>,
    /// Post scripts, in the order they run.
    pub post: Vec<Script>,
    /// Post scripts run even after a pre script failed.
    pub post_after_pre_failure: bool,
    /// The job's notification addresses (script environment).
    pub recipients: Vec<String>,
    pub rsync: RsyncArgs,
}

/// rsync's command, but for the two paths known only once the store is prepared.
#[derive(Debug, Clone)]
pub struct RsyncArgs {
    pub connection: Connection,
    pub source_path: String,
    /// The job's own patterns, else the policy's.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub rsync_options: Vec<String>,
    pub ssh_options: Vec<String>,
    pub key_path: PathBuf,
    pub known_hosts: PathBuf,
    pub use_local_permissions: bool,
    pub fake_super: bool,
    pub timeout_secs: u32,
    /// The client's keys run `rrsync` (`source_path` is relative to its root).
    pub confined: bool,
}

impl RsyncArgs {
    /// The argv into `dest` (the run's in-progress directory), hard-linking unchanged
    /// files to `link_dest`.
    pub fn argv(&self, dest: &Path, link_dest: Option<&Path>) -> Result<Vec<OsString>, Stop> {
        rsync_argv(&RsyncPlan {
            connection: &self.connection,
            source_path: &self.source_path,
            dest,
            link_dest,
            include: &self.include,
            exclude: &self.exclude,
            rsync_options: &self.rsync_options,
            ssh_options: &self.ssh_options,
            key_path: &self.key_path,
            known_hosts: &self.known_hosts,
            use_local_permissions: self.use_local_permissions,
            fake_super: self.fake_super,
            acls_xattrs: true,
            timeout_secs: self.timeout_secs,
            confined: self.confined,
        })
        .map_err(|e| Stop(RunError::InvalidConfiguration, e.to_string()))
    }
}

/// Plans a backup run, or says why it must not start.
pub fn plan(ctx: &JobContext) -> Result<BackupPlan, Stop> {
    preflight(ctx)?;
    let (job, client) = (&ctx.job, &ctx.client);
    let (pre, post) = scripts(&ctx.scripts);
    let data_dir = &ctx.limits.data_dir;
    Ok(BackupPlan {
        levels: levels(&ctx.queued_levels, &ctx.schedule)
            .iter()
            .map(|l| l.as_str().to_owned())
            .collect(),
        schedule: ctx.schedule.clone(),
        store: JobStore::new(Path::new(&ctx.location.directory), client.id, job.id),
        pre,
        post,
        post_after_pre_failure: ctx.post_scripts_after_pre_failure,
        recipients: strings(&job.notify_emails),
        rsync: RsyncArgs {
            connection: ctx.connection.clone(),
            source_path: remote_path(ctx)?,
            confined: confined(ctx),
            include: inherited(
                job.include_patterns.as_deref(),
                &ctx.policy.include_patterns,
            ),
            exclude: inherited(
                job.exclude_patterns.as_deref(),
                &ctx.policy.exclude_patterns,
            ),
            rsync_options: strings(&client.rsync_options),
            ssh_options: strings(&client.ssh_options),
            key_path: crate::engine::keys::private_key_path(data_dir, client.id),
            known_hosts: known_hosts_path(data_dir, client.id),
            use_local_permissions: job.use_local_permissions,
            fake_super: ctx.limits.fake_super,
            timeout_secs: ctx.limits.timeout_secs,
        },
    })
}

/// Whether the client's keys run `rrsync` (ssh clients in `rrsync` mode).
fn confined(ctx: &JobContext) -> bool {
    confines(ctx.client.key_mode, &ctx.connection)
}

/// The job's source path as the client's key takes it: relative to the key's root when
/// `rrsync` confines it (a path outside the root, or one rrsync would rewrite, cannot
/// be backed up through it).
fn remote_path(ctx: &JobContext) -> Result<String, Stop> {
    let path = &ctx.job.source_path;
    if !confined(ctx) {
        return Ok(path.clone());
    }
    let root = &ctx.client.key_root;
    confine(root, path).map_err(|why| {
        let detail = match why {
            Unconfinable::Expanded => {
                format!("rrsync would expand the wildcards or braces of {path:?}")
            }
            Unconfinable::Outside => {
                format!("{path} is outside {root}, the root of the client's restricted keys")
            }
        };
        Stop(RunError::InvalidConfiguration, detail)
    })
}

/// The storage must be there, active, writable, and not nearly full (space or inodes).
pub fn preflight(ctx: &JobContext) -> Result<(), Stop> {
    let (location, status) = (&ctx.location, &ctx.status);
    if !location.active || !status.online || !status.writable {
        return Err(Stop(
            RunError::LocationUnavailable,
            location.directory.clone(),
        ));
    }
    if nearly_full(status, ctx.limits.min_free_percent) {
        return Err(Stop(RunError::LocationFull, location.directory.clone()));
    }
    Ok(())
}

/// Less than `min_percent` of the space or of the inodes is free (unknown figures pass).
pub fn nearly_full(status: &LocationStatus, min_percent: u64) -> bool {
    let low = |free: Option<u64>, total: Option<u64>| match (free, total) {
        (Some(f), Some(t)) if t > 0 => f.saturating_mul(100) / t < min_percent,
        _ => false,
    };
    low(status.free_bytes, status.total_bytes) || low(status.free_inodes, status.total_inodes)
}

/// The levels a run serves: those it was queued with, else (a manual run) the policy's
/// smallest enabled level.
pub fn levels(queued: &[LevelName], schedule: &Schedule) -> Vec<LevelName> {
    if !queued.is_empty() {
        return queued.to_vec();
    }
    schedule
        .levels()
        .iter()
        .find(|(_, l)| l.enabled)
        .map(|(n, _)| vec![*n])
        .unwrap_or_default()
}

/// The job's own patterns when it has a list (even an empty one), else the policy's.
pub fn inherited(job: Option<&[Option<String>]>, policy: &[Option<String>]) -> Vec<String> {
    strings(job.unwrap_or(policy))
}

/// The job's scripts split into pre and post, each in the order it runs: pre by name,
/// post in reverse (the last set up is the first torn down).
pub fn scripts(attached: &[AttachedScript]) -> (Vec<Script>, Vec<Script>) {
    let (pre, post): (Vec<&AttachedScript>, Vec<&AttachedScript>) =
        attached.iter().partition(|s| s.phase == ScriptPhase::Pre);
    let pairs = |v: Vec<&AttachedScript>| -> Vec<Script> {
        v.into_iter()
            .map(|s| (s.name.clone(), s.content.clone()))
            .collect()
    };
    (
        ordered(pairs(pre), Event::Pre),
        ordered(pairs(post), Event::Post),
    )
}

fn strings(v: &[Option<String>]) -> Vec<String> {
    v.iter().flatten().cloned().collect()
}
