//! Runs and snapshots as users see them: start a job now, list and read runs and their
//! logs, abort, list snapshots; accept a client's host key.

use shared::common::{Page, RunResult};
use shared::policies::LevelName;
use shared::runs::{Run, RunState, RunStats, Snapshot};

use super::{Actor, DomainError, PageRequest};
use crate::db::runs::{RunFilter, RunRow};
use crate::db::{self, clients, runs, snapshots};
use crate::engine::runner::Engine;

/// The API view of a run row.
pub fn view(r: &RunRow) -> Run {
    Run {
        id: r.id,
        job_id: r.job_id,
        trigger: r.trigger.clone(),
        levels: r
            .levels
            .iter()
            .flatten()
            .filter_map(|l| LevelName::parse(l))
            .collect(),
        state: RunState::parse(&r.state).unwrap_or(RunState::Finished),
        result: r.result.as_deref().and_then(RunResult::parse),
        error_code: r.error_code.clone(),
        exit_code: r.exit_code,
        queued_at: r.queued_at,
        started_at: r.started_at,
        finished_at: r.finished_at,
        stats: r.files_total.map(|files| RunStats {
            files,
            files_transferred: r.files_transferred.unwrap_or(0),
            total_bytes: r.total_bytes.unwrap_or(0),
            transferred_bytes: r.transferred_bytes.unwrap_or(0),
            literal_bytes: r.literal_bytes.unwrap_or(0),
        }),
        progress: None,
        batch_id: None,
    }
}

/// Queues a run of the job and executes it in the background. Until the scheduler lands,
/// runs start at once; a job with an unfinished run gets 409.
pub async fn run_now(
    engine: &Engine,
    actor: Actor,
    job_id: i64,
    trigger: &str,
) -> Result<Run, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    super::jobs::visible_row(&mut c, actor, job_id).await?;
    let run = runs::insert(&mut c, job_id, trigger, &[], Some(actor.user_id))
        .await?
        .ok_or_else(|| DomainError::Conflict("the job already has a run in progress".into()))?;
    let engine2 = engine.clone();
    let id = run.id;
    tokio::spawn(async move { engine2.execute(id).await });
    Ok(view(&run))
}

/// The run row if the actor may see its job.
async fn visible(c: &mut db::DbConn, actor: Actor, id: i64) -> Result<RunRow, DomainError> {
    let run = runs::find(c, id).await?.ok_or(DomainError::NotFound)?;
    super::jobs::visible_row(c, actor, run.job_id).await?;
    Ok(run)
}

/// One run.
pub async fn get(engine: &Engine, actor: Actor, id: i64) -> Result<Run, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    Ok(view(&visible(&mut c, actor, id).await?))
}

/// One page of runs, newest first.
pub async fn list(
    engine: &Engine,
    actor: Actor,
    job_id: Option<i64>,
    state: Option<String>,
    page: PageRequest,
) -> Result<Page<Run>, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    let paging = page.paging();
    let f = RunFilter {
        job_id,
        state,
        owner: actor.owner_filter(),
    };
    let (rows, total) = runs::list(&mut c, &f, paging).await?;
    Ok(Page {
        items: rows.iter().map(view).collect(),
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// The full log of a run (rsync and script output).
pub async fn log(engine: &Engine, actor: Actor, id: i64) -> Result<Vec<u8>, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    visible(&mut c, actor, id).await?;
    match std::fs::read(engine.log_path(id)) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(DomainError::Internal(e.to_string())),
    }
}

/// Aborts a run: kills its whole process group; a run not executing here is finished as
/// aborted at once.
pub async fn abort(engine: &Engine, actor: Actor, id: i64) -> Result<Run, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    let run = visible(&mut c, actor, id).await?;
    if run.state == "finished" {
        return Err(DomainError::Conflict("the run has finished".into()));
    }
    if engine.registry.abort(id) {
        runs::set_state(&mut c, id, "aborting").await?;
    } else {
        let o = crate::db::runs::RunOutcome {
            result: "aborted",
            error_code: Some("aborted"),
            exit_code: None,
            files_total: None,
            files_transferred: None,
            total_bytes: None,
            transferred_bytes: None,
            literal_bytes: None,
        };
        runs::finish(&mut c, &run, &o).await?;
    }
    let run = runs::find(&mut c, id).await?.ok_or(DomainError::NotFound)?;
    Ok(view(&run))
}

/// A job's snapshots, newest first.
pub async fn snapshots_of(
    engine: &Engine,
    actor: Actor,
    job_id: i64,
) -> Result<Vec<Snapshot>, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    super::jobs::visible_row(&mut c, actor, job_id).await?;
    Ok(snapshots::of_job(&mut c, job_id)
        .await?
        .into_iter()
        .map(|s| Snapshot {
            id: s.id,
            job_id: s.job_id,
            run_id: s.run_id,
            location_id: s.location_id,
            name: s.name,
            levels: s
                .levels
                .iter()
                .flatten()
                .filter_map(|l| LevelName::parse(l))
                .collect(),
            taken_at: s.taken_at,
            files: s.files,
            bytes: s.bytes,
            new_bytes: s.new_bytes,
            warnings: s.warnings,
        })
        .collect())
}

/// Accepts the client's pending host key: from now on it is the only one accepted.
pub async fn accept_host_key(
    engine: &Engine,
    actor: Actor,
    client_id: i64,
) -> Result<shared::clients::Client, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    let row = super::clients::visible_row(&mut c, actor, client_id).await?;
    let pending = row
        .host_key_pending
        .ok_or_else(|| DomainError::Conflict("no host key awaits acceptance".into()))?;
    clients::set_host_keys(&mut c, client_id, Some(&pending), None).await?;
    drop(c);
    super::clients::get(&engine.pool, actor, client_id).await
}

/// Tests the connection to a client: host key, login with the client's key, rsync there.
/// A first contact records the host key as pending.
pub async fn test_connection(
    engine: &Engine,
    actor: Actor,
    client_id: i64,
) -> Result<shared::clients::ConnectionTest, DomainError> {
    use crate::engine::hostkeys;
    use crate::engine::probe::{self, Diagnosis};
    use shared::clients::Connection;
    let mut c = db::conn(&engine.pool).await?;
    let row = super::clients::visible_row(&mut c, actor, client_id).await?;
    let connection: Connection = serde_json::from_value(row.connection.clone())
        .map_err(|e| DomainError::Internal(e.to_string()))?;
    let diagnosis = match &connection {
        Connection::Local => probe::local(&engine.rsync).await,
        Connection::RsyncDaemon { host, port } => {
            probe::daemon(&engine.rsync, host, *port, engine.timeout_secs).await
        }
        Connection::Ssh { user, host, port } => match (&row.host_key, &row.host_key_pending) {
            (_, Some(_)) => Diagnosis::HostKeyUnverified,
            (None, None) => match hostkeys::scan(host, *port, engine.timeout_secs).await {
                Some(key) => {
                    clients::set_host_keys(&mut c, client_id, None, Some(&key)).await?;
                    Diagnosis::HostKeyUnverified
                }
                None => Diagnosis::Unreachable,
            },
            (Some(key), None) => {
                let kh = hostkeys::write_known_hosts(&engine.data_dir, client_id, host, *port, key)
                    .map_err(|e| DomainError::Internal(e.to_string()))?;
                let private = crate::domain::keys::private_key_path(&engine.data_dir, client_id);
                let opts = crate::db::paging::strings(row.ssh_options.clone());
                let d = probe::ssh_rsync_version(
                    user,
                    host,
                    *port,
                    &private,
                    &kh,
                    &opts,
                    engine.timeout_secs,
                )
                .await;
                if d == Diagnosis::HostKeyMismatch {
                    if let Some(new_key) = hostkeys::scan(host, *port, engine.timeout_secs).await {
                        clients::set_host_keys(&mut c, client_id, Some(key), Some(&new_key))
                            .await?;
                    }
                }
                d
            }
        },
    };
    Ok(shared::clients::ConnectionTest {
        ok: matches!(diagnosis, Diagnosis::Ok(_)),
        code: diagnosis.code().map(str::to_owned),
        rsync_version: match diagnosis {
            Diagnosis::Ok(v) => Some(v),
            _ => None,
        },
    })
}

/// Starts a job from outside with its trigger token (no login). A wrong token, a job
/// without one and a job that does not exist are the same `InvalidCredentials`, so the
/// endpoint reveals nothing; failures are rate-limited per job and address.
pub async fn trigger(
    engine: &Engine,
    limiter: &crate::auth::rate_limit::LoginLimiter,
    job_id: i64,
    token: &str,
    ip: std::net::IpAddr,
) -> Result<Run, DomainError> {
    use subtle::ConstantTimeEq;
    let key = format!("trigger:{job_id}");
    let now = std::time::Instant::now();
    if let Some(wait) = limiter.blocked(&key, ip, now) {
        return Err(DomainError::RateLimited(wait));
    }
    let mut c = db::conn(&engine.pool).await?;
    let stored = crate::db::jobs::find(&mut c, job_id)
        .await?
        .and_then(|j| j.trigger_token_hash);
    let presented = crate::auth::secrets::hash_api_token(token);
    let ok = stored.is_some_and(|h| bool::from(h.as_bytes().ct_eq(presented.as_bytes())));
    if !ok {
        limiter.record_failure(&key, ip, now);
        return Err(DomainError::InvalidCredentials);
    }
    let run = runs::insert(&mut c, job_id, "token", &[], None)
        .await?
        .ok_or_else(|| DomainError::Conflict("the job already has a run in progress".into()))?;
    let engine2 = engine.clone();
    let id = run.id;
    tokio::spawn(async move { engine2.execute(id).await });
    Ok(view(&run))
}
