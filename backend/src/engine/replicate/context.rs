//! Loading a replication run's context: the copied job, its client and location, the
//! replication source (how to reach the primary), the source policy's schedule; checked
//! before anything moves. The source's pinned host key is written where ssh checks it.

use std::path::{Path, PathBuf};

use shared::policies::Schedule;
use shared::runs::RunError;

use crate::db::clients::ClientRow;
use crate::db::jobs::JobRow;
use crate::db::locations::LocationRow;
use crate::db::runs::RunRow;
use crate::db::{self, clients, jobs, locations, policies};
use crate::engine::hostkeys::host_pattern;
use crate::engine::keys;
use crate::engine::runner::{found, Engine, LoadError, Stop};
use crate::engine::store::JobStore;
use crate::replication::replica::source::{self, SourceRow};

/// Everything a replication run works from.
#[derive(Debug, Clone)]
pub struct ReplicaContext {
    pub job: JobRow,
    /// The job's id on the primary.
    pub primary_job_id: i64,
    pub client: ClientRow,
    pub location: LocationRow,
    pub source: SourceRow,
    /// The source policy's schedule (retention in mode `policy`).
    pub schedule: Schedule,
    /// Where this job's copies are published.
    pub store: JobStore,
    pub key_path: PathBuf,
    pub known_hosts: PathBuf,
}

impl Engine {
    /// Loads and checks a replication run's context.
    pub(super) async fn load_replica(&self, run: &RunRow) -> Result<ReplicaContext, Stop> {
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        let loaded = async {
            let job = found(jobs::find(&mut c, run.job_id).await?, RunError::JobDeleted)?;
            let client = found(
                clients::find(&mut c, job.client_id).await?,
                RunError::JobDeleted,
            )?;
            let location = found(
                locations::find(&mut c, job.location_id).await?,
                RunError::LocationMissing,
            )?;
            let source = match client.replication_id {
                Some(id) => source::find(&mut c, id).await?,
                None => None,
            };
            let source = found(source, RunError::InvalidConfiguration)?;
            let policy = found(
                policies::find(&mut c, source.policy_id).await?,
                RunError::PolicyMissing,
            )?;
            let schedule: Schedule = serde_json::from_value(policy.schedule)?;
            Ok::<_, LoadError>((job, client, location, source, schedule))
        };
        let (job, client, location, source, schedule) = loaded.await?;
        let primary_job_id = job.primary_id.ok_or_else(|| {
            Stop(
                RunError::InvalidConfiguration,
                "the job is not a copy".into(),
            )
        })?;
        let status = crate::engine::usage::location_status(Path::new(&location.directory));
        if !location.active || !status.online || !status.writable {
            return Err(Stop(RunError::LocationUnavailable, location.directory));
        }
        if crate::engine::backup::plan::nearly_full(&status, self.config.min_free_percent) {
            return Err(Stop(RunError::LocationFull, location.directory));
        }
        let data_dir = &self.config.data_dir;
        let known_hosts = pin_host_key(data_dir, &source)?;
        Ok(ReplicaContext {
            store: JobStore::new(Path::new(&location.directory), job.client_id, job.id),
            primary_job_id,
            key_path: keys::private_path(data_dir, &keys::KeyName::replication(source.id)),
            known_hosts,
            job,
            client,
            location,
            source,
            schedule,
        })
    }
}

/// Writes the source's accepted host key into its known_hosts file; no accepted key
/// stops the run (`host_key_unverified`) before any connection.
fn pin_host_key(data_dir: &Path, src: &SourceRow) -> Result<PathBuf, Stop> {
    use std::os::unix::fs::PermissionsExt;
    let Some(key) = src.host_key.as_deref().filter(|k| !k.trim().is_empty()) else {
        return Err(Stop(
            RunError::HostKeyUnverified,
            format!("source {}: no accepted host key", src.name),
        ));
    };
    let path = crate::engine::hostkeys::replication_known_hosts_path(data_dir, src.id);
    let written = (|| {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        let line = format!(
            "{} {}\n",
            host_pattern(&src.ssh_host, src.port()),
            key.trim()
        );
        std::fs::write(&path, line)
    })();
    written.map_err(|e| Stop(RunError::StorageError, format!("{}: {e}", path.display())))?;
    Ok(path)
}
