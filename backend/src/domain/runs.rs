//! Runs and snapshots as users see them: start a job now, list and read runs and their
//! logs, abort, list snapshots; accept a client's host key.

use shared::common::Page;
use shared::events::{LogLevel, LogSource};
use shared::runs::{Run, RunState, RunTrigger, Snapshot};

use super::copies::{ensure_client_own, writable_client, writable_job};
use super::{access, audit, Actor, DomainError, PageRequest};
use crate::db::runs::{RunFilter, RunRow};
use crate::db::{self, clients, runs, snapshots, DbPool};
use crate::engine::runner::Engine;

/// Queues a run of the job (the dispatcher starts it as soon as the limits allow). A job
/// already queued keeps its one queued run; a job running now gets one follow-up run.
pub async fn run_now(
    engine: &Engine,
    actor: Actor,
    job_id: i64,
    trigger: RunTrigger,
) -> Result<Run, DomainError> {
    let mut runs = run_many(engine, actor, &[job_id], trigger).await?;
    runs.pop().ok_or(DomainError::NotFound)
}

/// Queues runs of several jobs; all must be visible to the actor, else nothing is queued.
pub async fn run_many(
    engine: &Engine,
    actor: Actor,
    job_ids: &[i64],
    trigger: RunTrigger,
) -> Result<Vec<Run>, DomainError> {
    if job_ids.is_empty() || job_ids.len() > 1000 {
        return Err(DomainError::Validation(vec![
            shared::validate::Issue::with("job_ids", "out_of_range", &[("min", 1), ("max", 1000)]),
        ]));
    }
    let mut c = db::conn(&engine.pool).await?;
    let out = db::transaction(&mut c, async |t| {
        for id in job_ids {
            writable_job(t, actor, *id).await?;
        }
        let mut out = Vec::with_capacity(job_ids.len());
        for id in job_ids {
            let run = crate::db::queue::enqueue(t, *id, trigger, &[], Some(actor.user_id)).await?;
            out.push(run);
        }
        announce(engine, t, &out, actor.user_id).await?;
        Ok::<_, DomainError>(out)
    })
    .await?;
    queued(engine);
    Ok(out.iter().map(Run::try_from).collect::<Result<_, _>>()?)
}

/// Queues runs of every active job of a client.
pub async fn run_client(
    engine: &Engine,
    actor: Actor,
    client_id: i64,
    trigger: RunTrigger,
) -> Result<Vec<Run>, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    writable_client(&mut c, actor, client_id).await?;
    let ids: Vec<i64> = crate::db::jobs::of_clients(&mut c, &[client_id])
        .await?
        .into_iter()
        .filter(|j| j.active)
        .map(|j| j.id)
        .collect();
    drop(c);
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    run_many(engine, actor, &ids, trigger).await
}

/// Writes the log records and events of queued runs on `t`, in the transaction that
/// queued them; call [`queued`] after the commit.
pub(super) async fn announce(
    engine: &Engine,
    t: &mut db::PgConn,
    runs: &[RunRow],
    user_id: i64,
) -> Result<(), db::DbError> {
    for r in runs {
        let detail = format!("run {} of job {} queued ({})", r.id, r.job_id, r.trigger);
        let record = crate::engine::runner::Record {
            level: LogLevel::Info,
            source: LogSource::Api,
            code: "run_queued",
            detail: &detail,
            user_id: (user_id > 0).then_some(user_id),
            job_id: Some(r.job_id),
            run_id: Some(r.id),
            ..Default::default()
        };
        engine.run_changed_in(t, r.id, record).await?;
    }
    Ok(())
}

/// After runs were queued and announced: wakes the event pump and the dispatcher.
pub(super) fn queued(engine: &Engine) {
    engine.events.committed();
    engine.wake.notify_one();
}

/// One run.
pub async fn get(pool: &DbPool, actor: Actor, id: i64) -> Result<Run, DomainError> {
    let mut c = db::conn(pool).await?;
    Ok(Run::try_from(&access::run(&mut c, actor, id).await?)?)
}

/// One page of runs, newest first.
pub async fn list(
    pool: &DbPool,
    actor: Actor,
    job_id: Option<i64>,
    state: Option<RunState>,
    page: PageRequest,
) -> Result<Page<Run>, DomainError> {
    let mut c = db::conn(pool).await?;
    let paging = page.paging();
    let f = RunFilter {
        job_id,
        state,
        owner: actor.owner_filter(),
    };
    let (rows, total) = runs::list(&mut c, &f, paging).await?;
    Ok(Page {
        items: rows.iter().map(Run::try_from).collect::<Result<_, _>>()?,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// The full log of a run (rsync and script output).
pub async fn log(engine: &Engine, actor: Actor, id: i64) -> Result<Vec<u8>, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    access::run(&mut c, actor, id).await?;
    match std::fs::read(engine.log_path(id)) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(DomainError::Internal(e.to_string())),
    }
}

/// Aborts a run in any unfinished state. A queued run is finished as aborted at once; a
/// run executing here has its process group killed (post scripts then run with the
/// aborted status); a run executing on another server is marked `aborting`, which that
/// server's heartbeat acts on within a second.
pub async fn abort(engine: &Engine, actor: Actor, id: i64) -> Result<Run, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    let detail = format!("abort of run {id} requested");
    // The new state, its log record and its events commit together; killing processes
    // cannot roll back, so it happens after the commit.
    let (run, finished_queued) = db::transaction(&mut c, async |t| {
        let run = access::run(t, actor, id).await?;
        if run.state == RunState::Finished {
            return Err(DomainError::Code(shared::ErrorCode::RunFinished));
        }
        let finished_queued = run.state == RunState::Queued && runs::abort_queued(t, id).await?;
        if !finished_queued {
            runs::mark_aborting(t, id).await?;
        }
        let run = runs::find(t, id).await?.ok_or(DomainError::NotFound)?;
        let record = crate::engine::runner::Record {
            level: LogLevel::Warning,
            source: LogSource::Api,
            code: "run_abort",
            detail: &detail,
            user_id: Some(actor.user_id),
            job_id: Some(run.job_id),
            run_id: Some(id),
            ..Default::default()
        };
        engine.run_changed_in(t, id, record).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::Run, id, "");
        let mut data = serde_json::Map::new();
        data.insert("job_id".into(), run.job_id.into());
        audit::record_with(t, actor.into(), "run_aborted", subject, data).await?;
        Ok((run, finished_queued))
    })
    .await?;
    drop(c);
    engine.events.committed();
    if finished_queued {
        engine.close_batches(None, None).await;
    } else {
        engine.registry.abort(id);
    }
    Ok(Run::try_from(&run)?)
}

/// A job's snapshots, newest first.
pub async fn snapshots_of(
    pool: &DbPool,
    actor: Actor,
    job_id: i64,
) -> Result<Vec<Snapshot>, DomainError> {
    let mut c = db::conn(pool).await?;
    access::job(&mut c, actor, job_id).await?;
    Ok(snapshots::of_job(&mut c, job_id)
        .await?
        .into_iter()
        .map(Snapshot::from)
        .collect())
}

/// Accepts the client's pending host key: from now on it is the only one accepted.
pub async fn accept_host_key(
    pool: &DbPool,
    actor: Actor,
    client_id: i64,
) -> Result<shared::clients::Client, DomainError> {
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let row = writable_client(t, actor, client_id).await?;
        let pending = row
            .host_key_pending
            .ok_or(DomainError::Code(shared::ErrorCode::NoPendingHostKey))?;
        clients::set_host_keys(t, client_id, Some(&pending), None).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::Client, client_id, &row.name);
        let fingerprint = crate::engine::hostkeys::fingerprint(&pending);
        let mut data = serde_json::Map::new();
        data.insert("fingerprint".into(), fingerprint.into());
        let code = "host_key_accepted";
        audit::record_with(t, actor.into(), code, subject, data).await?;
        Ok::<_, DomainError>(())
    })
    .await?;
    drop(c);
    super::clients::get(pool, actor, client_id).await
}

/// Starts a job from outside with its trigger token (no login). A wrong token, a job
/// without one and a job that does not exist are the same `InvalidTriggerToken`, so the
/// endpoint reveals nothing; failures are rate-limited per job and address. With
/// `of_client` (the upstream address), a job of another client is a wrong token too.
pub async fn trigger(
    engine: &Engine,
    limiter: &crate::auth::rate_limit::LoginLimiter,
    job_id: i64,
    of_client: Option<i64>,
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
    let job = crate::db::jobs::find(&mut c, job_id).await?;
    let client_id = job.as_ref().map(|j| j.client_id);
    let stored = job.and_then(|j| j.trigger_token_hash);
    let presented = crate::auth::secrets::hash_api_token(token);
    let ok = stored.is_some_and(|h| bool::from(h.as_bytes().ct_eq(presented.as_bytes())));
    // The upstream address names the client too: a job of another client is a wrong
    // token (upstream did not check it).
    let right_client = of_client.is_none_or(|c| client_id == Some(c));
    if !ok || !right_client {
        limiter.record_failure(&key, ip, now);
        return Err(DomainError::Code(shared::ErrorCode::InvalidTriggerToken));
    }
    let run = db::transaction(&mut c, async |t| {
        if let Some(client_id) = client_id {
            ensure_client_own(t, client_id).await?;
        }
        let run = crate::db::queue::enqueue(t, job_id, RunTrigger::Token, &[], None).await?;
        announce(engine, t, std::slice::from_ref(&run), 0).await?;
        Ok::<_, DomainError>(run)
    })
    .await?;
    drop(c);
    queued(engine);
    Ok(Run::try_from(&run)?)
}
