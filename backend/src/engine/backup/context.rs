//! Loading a backup run's context: every row and reading it needs, fetched once, before
//! anything is decided or changed. Errors map in one place (`LoadError`).

use std::path::PathBuf;

use shared::clients::Connection;
use shared::locations::LocationStatus;
use shared::policies::{LevelName, Schedule};
use shared::runs::RunError;
use shared::scripts::ScriptPhase;

use crate::db::clients::ClientRow;
use crate::db::jobs::JobRow;
use crate::db::locations::LocationRow;
use crate::db::policies::PolicyRow;
use crate::db::runs::RunRow;
use crate::db::{self, clients, jobs, locations, policies, run_context, PgConn};
use crate::engine::runner::{found, Engine, LoadError, Stop};

/// The engine's settings a plan depends on.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The server's data directory (client keys and known_hosts files live there).
    pub data_dir: PathBuf,
    /// Refuse to start below this share of free space or inodes on the location.
    pub min_free_percent: u64,
    /// rsync I/O and ssh connect timeout.
    pub timeout_secs: u32,
    /// Store ownership as xattrs: the server does not run as root.
    pub fake_super: bool,
}

/// A script attached to the job.
#[derive(Debug, Clone)]
pub struct AttachedScript {
    pub name: String,
    pub phase: ScriptPhase,
    pub content: Vec<u8>,
}

/// Everything a backup run's plan is made from.
#[derive(Debug, Clone)]
pub struct JobContext {
    pub run_id: i64,
    /// The levels the run was queued with (none for a manual run).
    pub queued_levels: Vec<LevelName>,
    pub job: JobRow,
    pub client: ClientRow,
    pub location: LocationRow,
    pub policy: PolicyRow,
    pub schedule: Schedule,
    pub connection: Connection,
    /// The location's directory as seen when the run started.
    pub status: LocationStatus,
    /// In the order the database gives them (the plan orders them).
    pub scripts: Vec<AttachedScript>,
    /// Settings: post scripts run even after a pre script failed.
    pub post_scripts_after_pre_failure: bool,
    /// The client owner's address, or empty (script environment).
    pub owner_email: String,
    /// The client owner's user name (the snapshot's metadata), none without an owner.
    pub owner_name: Option<String>,
    /// The sum of the sizes of the client's jobs (script environment).
    pub client_total: i64,
    pub limits: Limits,
}

impl Engine {
    /// Loads a backup run's context; a row that is gone stops the run with its code.
    pub(in crate::engine) async fn load_job(&self, run: &RunRow) -> Result<JobContext, Stop> {
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        Ok(self.load_rows(&mut c, run).await?)
    }

    /// The context in two queries: the job with every row it names, and its scripts. When
    /// a row is gone, [`Engine::load_rows_one_by_one`] finds out which.
    async fn load_rows(&self, c: &mut PgConn, run: &RunRow) -> Result<JobContext, LoadError> {
        let Some(row) = run_context::run_context(c, run.job_id).await? else {
            return self.load_rows_one_by_one(c, run).await;
        };
        let scripts = run_context::scripts_with_content(c, row.job.id)
            .await?
            .into_iter()
            .map(|(name, phase, content)| AttachedScript {
                name,
                phase,
                content,
            })
            .collect();
        let schedule: Schedule = serde_json::from_value(row.policy.schedule.clone())?;
        let connection: Connection = serde_json::from_value(row.client.connection.clone())?;
        let status = crate::engine::usage::location_status(&PathBuf::from(&row.location.directory));
        Ok(JobContext {
            run_id: run.id,
            queued_levels: queued_levels(run),
            job: row.job,
            client: row.client,
            location: row.location,
            policy: row.policy,
            schedule,
            connection,
            status,
            scripts,
            post_scripts_after_pre_failure: row.post_scripts_after_pre_failure,
            owner_email: row.owner_email.unwrap_or_default(),
            owner_name: row.owner_name,
            client_total: row.client_total,
            limits: self.limits(),
        })
    }

    /// The context row by row: slower, but says which row is gone.
    async fn load_rows_one_by_one(
        &self,
        c: &mut PgConn,
        run: &RunRow,
    ) -> Result<JobContext, LoadError> {
        let job = found(jobs::find(c, run.job_id).await?, RunError::JobDeleted)?;
        let client = found(clients::find(c, job.client_id).await?, RunError::JobDeleted)?;
        let location = found(
            locations::find(c, job.location_id).await?,
            RunError::LocationMissing,
        )?;
        let policy = found(
            policies::find(c, job.policy_id).await?,
            RunError::PolicyMissing,
        )?;
        let schedule: Schedule = serde_json::from_value(policy.schedule.clone())?;
        let connection: Connection = serde_json::from_value(client.connection.clone())?;
        let status = crate::engine::usage::location_status(&PathBuf::from(&location.directory));
        let scripts = attached_scripts(c, job.id).await?;
        let settings = db::settings::get(c).await?;
        let owner = match client.owner_id {
            Some(id) => db::users::find(c, id).await?,
            None => None,
        };
        let owner_name = owner.as_ref().map(|u| u.username.clone());
        let owner_email = owner.and_then(|u| u.email).unwrap_or_default();
        let client_total = jobs::of_clients(c, &[client.id])
            .await?
            .iter()
            .map(|j| j.size_bytes)
            .sum();
        Ok(JobContext {
            run_id: run.id,
            queued_levels: queued_levels(run),
            job,
            client,
            location,
            policy,
            schedule,
            connection,
            status,
            scripts,
            post_scripts_after_pre_failure: settings.post_scripts_after_pre_failure,
            owner_email,
            owner_name,
            client_total,
            limits: self.limits(),
        })
    }

    /// The engine's settings a plan depends on.
    pub(in crate::engine) fn limits(&self) -> Limits {
        Limits {
            data_dir: self.config.data_dir.clone(),
            min_free_percent: self.config.min_free_percent,
            timeout_secs: self.config.timeout_secs,
            fake_super: !nix::unistd::Uid::effective().is_root(),
        }
    }
}

/// The levels a run was queued with (unknown names are skipped).
pub fn queued_levels(run: &RunRow) -> Vec<LevelName> {
    db::level_names(&run.levels)
}

async fn attached_scripts(c: &mut PgConn, job_id: i64) -> Result<Vec<AttachedScript>, LoadError> {
    let mut out = Vec::new();
    for (_, script_id, name, phase) in
        db::scripts::attached(c, db::scripts::Owner::Job, &[job_id]).await?
    {
        // A script deleted in between is skipped, as it would be a moment later.
        if let Some((_, content)) = db::scripts::content(c, script_id).await? {
            out.push(AttachedScript {
                name,
                phase,
                content,
            });
        }
    }
    Ok(out)
}
