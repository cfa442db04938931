//! A replication source's sync: fetch the primary's catalog, create or update the copied
//! clients and jobs ([`super::plan`] decides), queue a replication run for each copied job.

use std::collections::HashMap;
use std::path::Path;

use shared::events::{LogLevel, LogSource};
use shared::replication::{Catalog, ReplicationStarted};
use shared::runs::{RunError, RunTrigger};

use super::plan::{self, ClientStep, JobStep, Local, Selection, SyncPlan};
use super::primary_client::PrimaryClient;
use super::source::{self, SourceRow};
use crate::db::clients::ClientForm;
use crate::db::jobs::JobForm;
use crate::db::runs::RunRow;
use crate::db::{self, clients, jobs, DbError, PgConn};
use crate::engine::keys;
use crate::engine::runner::{Engine, Record};

/// Why a sync did not queue anything.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No such replication source.
    #[error("no such replication source")]
    NotFound,
    /// The primary did not answer or refused (`PrimaryUnreachable`, `PrimaryRefused`),
    /// with the detail for the log.
    #[error("{0}: {1}")]
    Primary(RunError, String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("{0}")]
    Internal(String),
}

/// Syncs source `replication_id` now: the copied clients and jobs follow the primary's
/// catalog, and a replication run is queued (or kept, when one is queued already) for
/// every copied job.
pub async fn sync(
    engine: &Engine,
    replication_id: i64,
    trigger: RunTrigger,
    requested_by: Option<i64>,
) -> Result<ReplicationStarted, SyncError> {
    let mut c = db::conn(&engine.pool).await?;
    let src = source::find(&mut c, replication_id)
        .await?
        .ok_or(SyncError::NotFound)?;
    drop(c);
    let fetched = async { PrimaryClient::new(&src.url, &src.token)?.catalog().await };
    let catalog = match fetched.await {
        Ok(cat) => cat,
        Err(e) => {
            let detail = e.to_string();
            record_failure(engine, &src, "replication_sync_failed", &detail).await;
            return Err(SyncError::Primary(e.0, e.1));
        }
    };
    let applied = apply(engine, &src, &catalog, trigger, requested_by).await;
    if let Err(e) = &applied {
        record_failure(engine, &src, "replication_sync_failed", &e.to_string()).await;
    }
    let (started, _) = applied?;
    engine.events.committed();
    engine.wake.notify_one();
    Ok(started)
}

/// The catalog applied in one transaction: copies created or updated, runs queued and
/// announced, the source's sync recorded. New clients' key files are removed when the
/// transaction fails (files do not roll back with it).
async fn apply(
    engine: &Engine,
    src: &SourceRow,
    catalog: &Catalog,
    trigger: RunTrigger,
    requested_by: Option<i64>,
) -> Result<(ReplicationStarted, Vec<i64>), SyncError> {
    let data_dir = engine.config.data_dir.clone();
    let mut keyed: Vec<i64> = Vec::new();
    let mut c = db::conn(&engine.pool).await?;
    let out = db::transaction(&mut c, async |t| {
        let local = local_state(t, src.id).await?;
        let mapping = src.mapping();
        let selected = src.selected();
        let sel = Selection {
            source_name: &src.name,
            all_clients: src.all_clients,
            client_ids: &selected,
            locations: &mapping,
        };
        let p = plan::plan(catalog, &sel, &local);
        let ids = write_clients(t, &data_dir, src, &p.clients, &mut keyed).await?;
        let job_ids = write_jobs(t, src, &p, &ids).await?;
        skipped_records(engine, t, src, &p).await?;
        let mut runs: Vec<RunRow> = Vec::new();
        for id in &job_ids {
            runs.push(db::queue::enqueue_replicate(t, *id, trigger, requested_by).await?);
        }
        announce(engine, t, src, &runs, requested_by).await?;
        source::set_synced(t, src.id, None).await?;
        let detail = format!(
            "source {}: {} clients, {} jobs copied, {} runs queued",
            src.name,
            p.clients.len(),
            job_ids.len(),
            runs.len()
        );
        engine
            .record_in(
                t,
                replication_record(LogLevel::Info, "replication_synced", &detail),
            )
            .await?;
        Ok::<_, SyncError>(ReplicationStarted {
            clients: p.clients.len(),
            runs: runs.iter().map(|r| r.id).collect(),
        })
    })
    .await;
    if out.is_err() {
        for id in &keyed {
            keys::remove(&data_dir, *id);
        }
    }
    out.map(|s| (s, keyed))
}

/// The copies of this source and the names of every other client.
async fn local_state(t: &mut PgConn, source_id: i64) -> Result<Local, DbError> {
    let copies = clients::of_replication(t, source_id).await?;
    let ids: Vec<i64> = copies.iter().map(|c| c.id).collect();
    let jobs = jobs::of_clients(t, &ids)
        .await?
        .into_iter()
        .filter_map(|j| Some((j.id, j.primary_id?)))
        .collect();
    let other_names = clients::all_names(t)
        .await?
        .into_iter()
        .filter(|(id, _)| !ids.contains(id))
        .map(|(_, n)| n.to_lowercase())
        .collect();
    Ok(Local {
        clients: copies
            .iter()
            .filter_map(|c| Some((c.id, c.primary_id?, c.name.clone())))
            .collect(),
        jobs,
        other_names,
    })
}

/// Creates or updates the copied clients; returns local id per primary client id. A new
/// client gets its own key pair, like any client (shown after a take-over).
async fn write_clients(
    t: &mut PgConn,
    data_dir: &Path,
    src: &SourceRow,
    steps: &[ClientStep<'_>],
    keyed: &mut Vec<i64>,
) -> Result<HashMap<i64, i64>, SyncError> {
    let mut out = HashMap::new();
    for s in steps {
        let pc = s.primary;
        let connection =
            serde_json::to_value(&pc.connection).map_err(|e| SyncError::Internal(e.to_string()))?;
        let form = ClientForm {
            name: &s.name,
            description: &pc.description,
            connection,
            active: true,
            owner_id: None,
            quota_bytes: None,
            max_parallel_jobs: 1,
            ssh_options: pc.ssh_options.iter().cloned().map(Some).collect(),
            rsync_options: pc.rsync_options.iter().cloned().map(Some).collect(),
            // A copy runs nothing until taken over, then with this server's own keys:
            // restricted ones, as for any new client.
            key_mode: shared::clients::KeyMode::Rrsync,
            key_root: shared::client_keys::DEFAULT_ROOT,
        };
        let id = match s.local_id {
            Some(id) => {
                clients::update(t, id, &form).await?;
                id
            }
            None => {
                let row = clients::insert(t, &form).await?;
                keyed.push(row.id);
                let key = keys::generate(data_dir, row.id)
                    .await
                    .map_err(|e| SyncError::Internal(format!("client key: {e}")))?;
                clients::set_public_key(t, row.id, &key).await?;
                row.id
            }
        };
        clients::set_copy(t, id, src.id, pc.id, &src.name).await?;
        out.insert(pc.id, id);
    }
    Ok(out)
}

/// Creates or updates the copied jobs; returns their local ids.
async fn write_jobs(
    t: &mut PgConn,
    src: &SourceRow,
    p: &SyncPlan<'_>,
    client_ids: &HashMap<i64, i64>,
) -> Result<Vec<i64>, SyncError> {
    let mut out = Vec::new();
    for s in &p.jobs {
        let Some(&client_id) = client_ids.get(&s.primary.client_id) else {
            continue;
        };
        let form = job_form(src, s, client_id);
        let id = match s.local_id {
            Some(id) => jobs::update(t, id, &form).await?.map(|j| j.id),
            None => Some(jobs::insert(t, &form).await?.id),
        };
        if let Some(id) = id {
            jobs::set_primary_id(t, id, s.primary.id).await?;
            out.push(id);
        }
    }
    Ok(out)
}

/// A copied job's row: the primary's description of it, the source's policy, the mapped
/// location, failures told to the admins.
fn job_form<'a>(src: &SourceRow, s: &'a JobStep<'_>, client_id: i64) -> JobForm<'a> {
    let pj = s.primary;
    let patterns =
        |l: &Option<Vec<String>>| l.as_ref().map(|v| v.iter().cloned().map(Some).collect());
    JobForm {
        client_id,
        name: &pj.name,
        description: &pj.description,
        source_path: &pj.source_path,
        policy_id: src.policy_id,
        location_id: s.location_id,
        include_patterns: patterns(&pj.include),
        exclude_patterns: patterns(&pj.exclude),
        use_local_permissions: pj.use_local_permissions,
        notify_admin: true,
        notify_owner: false,
        notify_emails: Vec::new(),
        // Warnings too: a snapshot pruned on the primary before it could be copied ends
        // the run with a warning, and the administrators must hear of it.
        notify_threshold: shared::jobs::NotifyThreshold::Warning,
        notify_mode: Default::default(),
        late_grace_hours: 24,
        active: true,
    }
}

/// One log record per primary job left out.
async fn skipped_records(
    engine: &Engine,
    t: &mut PgConn,
    src: &SourceRow,
    p: &SyncPlan<'_>,
) -> Result<(), DbError> {
    for s in &p.skipped {
        let detail = format!(
            "source {}: job {} ({}) of the primary not copied: {}",
            src.name, s.primary.id, s.primary.name, s.reason
        );
        let r = replication_record(LogLevel::Warning, "replication_job_skipped", &detail);
        engine.record_in(t, r).await?;
    }
    Ok(())
}

/// The queued runs' records and events, in the transaction that queued them.
async fn announce(
    engine: &Engine,
    t: &mut PgConn,
    src: &SourceRow,
    runs: &[RunRow],
    user_id: Option<i64>,
) -> Result<(), DbError> {
    for r in runs {
        let detail = format!(
            "replication run {} of job {} queued ({}, source {})",
            r.id, r.job_id, r.trigger, src.name
        );
        let record = Record {
            level: LogLevel::Info,
            source: LogSource::Replication,
            code: "run_queued",
            detail: &detail,
            user_id,
            job_id: Some(r.job_id),
            run_id: Some(r.id),
            ..Default::default()
        };
        engine.run_changed_in(t, r.id, record).await?;
    }
    Ok(())
}

fn replication_record<'a>(level: LogLevel, code: &'a str, detail: &'a str) -> Record<'a> {
    Record {
        level,
        source: LogSource::Replication,
        code,
        detail,
        ..Default::default()
    }
}

/// A failed sync: the source's `last_error` and a log record (best effort: the caller
/// returns the failure anyway).
async fn record_failure(engine: &Engine, src: &SourceRow, code: &str, detail: &str) {
    let saved = async {
        let mut c = db::conn(&engine.pool).await?;
        source::set_synced(&mut c, src.id, Some(detail)).await
    };
    if let Err(e) = saved.await {
        tracing::warn!(source = src.id, "recording the failed sync: {e}");
    }
    let detail = format!("source {}: {detail}", src.name);
    engine
        .record(replication_record(LogLevel::Error, code, &detail))
        .await;
}
