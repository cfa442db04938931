//! The dispatcher loop (claim queued runs, execute them), the heartbeat that renews this
//! server's leases and hears aborts requested elsewhere, and the recovery of runs and
//! batches whose server stopped renewing its leases.

use shared::events::{LogLevel, LogSource};
use std::time::Duration;

use super::choose::choose;
use crate::db;
use crate::engine::runner::{owner_is_dead_here, Engine, Record};

/// Claims and starts runs until the process ends; woken at once by new runs and freed
/// slots, else polls (for runs queued by other servers).
pub async fn run(engine: Engine) {
    let mut since_recovery = Duration::MAX;
    loop {
        if since_recovery >= recovery_interval(&engine) {
            recover(&engine).await;
            since_recovery = Duration::ZERO;
        }
        if let Err(e) = dispatch_once(&engine).await {
            tracing::warn!("dispatcher: {e}");
        }
        let started = std::time::Instant::now();
        tokio::select! {
            _ = engine.wake.notified() => {}
            _ = tokio::time::sleep(super::POLL) => {}
        }
        since_recovery = since_recovery.saturating_add(started.elapsed());
    }
}

fn recovery_interval(engine: &Engine) -> Duration {
    Duration::from_secs_f64((engine.config.lease_secs / 4.0).clamp(0.5, 15.0))
}

/// One claim: starts every run the limits allow now. Returns the runs started. The
/// claims, their log records and their events commit together, in a fixed number of
/// statements whatever the number of runs (see `db::claim::claim`).
pub async fn dispatch_once(engine: &Engine) -> anyhow::Result<Vec<i64>> {
    let free = engine
        .config
        .local_slots
        .saturating_sub(engine.registry.len());
    if free == 0 {
        return Ok(Vec::new());
    }
    let mut c = db::conn(&engine.pool).await?;
    let claimed = db::transaction(&mut c, async |t| {
        let claimed = db::claim::claim(
            t,
            &engine.owner,
            engine.config.lease_secs,
            |cands, busy, limit| choose(cands, busy, limit, free),
        )
        .await?;
        announce(engine, t, &claimed).await?;
        Ok::<_, db::DbError>(claimed)
    })
    .await?;
    drop(c);
    if claimed.is_empty() {
        return Ok(Vec::new());
    }
    engine.events.committed();
    let mut started = Vec::with_capacity(claimed.len());
    for cl in claimed {
        // Registered before the task starts, so that the next claim counts it.
        engine.registry.begin(cl.run_id);
        let e = engine.clone();
        tokio::spawn(async move { e.execute(cl.run_id).await });
        started.push(cl.run_id);
    }
    Ok(started)
}

/// The `run_state` log records of the claimed runs and, per run, its queue event then its
/// record's event: one insert of records, one query of the runs, one insert of events.
async fn announce(
    engine: &Engine,
    t: &mut db::PgConn,
    claimed: &[db::claim::Claimed],
) -> Result<(), db::DbError> {
    if claimed.is_empty() {
        return Ok(());
    }
    let details: Vec<String> = claimed
        .iter()
        .map(|cl| claim_detail(cl, &engine.owner))
        .collect();
    let records: Vec<Record> = claimed
        .iter()
        .zip(&details)
        .map(|(cl, detail)| Record {
            level: LogLevel::Info,
            source: LogSource::Dispatcher,
            code: "run_state",
            detail,
            client_id: Some(cl.client_id),
            run_id: Some(cl.run_id),
            ..Default::default()
        })
        .collect();
    let rows = db::events::log_many(t, &records).await?;
    let mut logs: std::collections::HashMap<i64, db::events::NewEvent> = rows
        .into_iter()
        .filter_map(|record| {
            let run_id = record.run_id?;
            let owner = claimed
                .iter()
                .find(|cl| cl.run_id == run_id)
                .and_then(|cl| cl.owner_id);
            let client = record.client_id;
            let json = serde_json::to_value(shared::events::Event::Log { record }).ok()?;
            Some((run_id, (client, owner, json)))
        })
        .collect();
    let ids: Vec<i64> = claimed.iter().map(|cl| cl.run_id).collect();
    engine
        .events
        .store_runs(t, &ids, |run_id| logs.remove(&run_id).into_iter().collect())
        .await?;
    Ok(())
}

/// The detail of a claim's log record.
fn claim_detail(cl: &db::claim::Claimed, owner: &str) -> String {
    match cl.batch_id {
        Some(b) => format!("run {} claimed by {owner} in batch {b}", cl.run_id),
        None => format!("run {} claimed by {owner}", cl.run_id),
    }
}

/// Renews this server's leases a few times per lease period, and aborts runs that an
/// abort request on another server moved to `aborting`.
pub async fn heartbeat(engine: Engine) {
    let every = Duration::from_secs_f64((engine.config.lease_secs / 3.0).max(0.5));
    loop {
        tokio::time::sleep(every.min(Duration::from_secs(1))).await;
        let beat = match db::conn(&engine.pool).await {
            Ok(mut c) => {
                db::leases::heartbeat(&mut c, &engine.owner, engine.config.lease_secs).await
            }
            Err(e) => Err(e),
        };
        match beat {
            Ok(aborting) => {
                for id in aborting {
                    if !engine.registry.aborted(id) {
                        engine.registry.abort(id);
                    }
                }
            }
            Err(e) => tracing::warn!("lease renewal failed: {e}"),
        }
    }
}

/// Recovers runs and batches of servers that died: expired leases, or (at once) leases of
/// a dead process on this machine. Runs still executing here are never touched.
pub async fn recover(engine: &Engine) {
    if let Err(e) = recover_runs(engine).await {
        tracing::warn!("recovery: {e}");
    }
    if let Err(e) = recover_batches(engine).await {
        tracing::warn!("batch recovery: {e}");
    }
    // Batches whose last runs ended without closing them (aborted while queued, deleted).
    engine.close_batches(None, None).await;
    engine.wake.notify_one();
}

/// Re-queues or fails each run whose lease lapsed: its new state, its `run_recovered`
/// record and its events commit together, one run a transaction (a run another server
/// recovers first is skipped). Then stops the rsync a dead server of this machine left.
async fn recover_runs(engine: &Engine) -> Result<(), db::DbError> {
    let requeue = engine.config.requeue_interrupted;
    let mut c = db::conn(&engine.pool).await?;
    for run in db::leases::lapsed(&mut c, &engine.owner, owner_is_dead_here).await? {
        let detail = format!(
            "server {} stopped renewing the lease of run {} ({}); {}",
            run.lease_owner.as_deref().unwrap_or("?"),
            run.id,
            run.state,
            if requeue {
                "queued again"
            } else {
                "failed as interrupted"
            }
        );
        let record = Record {
            level: LogLevel::Warning,
            source: LogSource::Dispatcher,
            code: "run_recovered",
            detail: &detail,
            job_id: Some(run.job_id),
            run_id: Some(run.id),
            ..Default::default()
        };
        let recovered = db::transaction(&mut c, async |t| {
            let done = db::leases::recover_one(t, &run, requeue).await?;
            if done {
                engine.run_changed_in(t, run.id, record).await?;
                notify_interrupted(t, &run).await?;
            }
            Ok::<_, db::DbError>(done)
        })
        .await?;
        if !recovered {
            continue;
        }
        engine.events.committed();
        engine.outbox.notify_one();
        tracing::warn!("{detail}");
        // A process group left by a dead server of this machine (or by a version without
        // leases) is stopped; `stop_orphan` checks it is still the run's rsync.
        if let Some(pgid) = run.pgid {
            if run.lease_owner.as_deref().is_none_or(owner_is_dead_here) {
                crate::engine::reconcile::stop_orphan(pgid, run.id);
            }
        }
    }
    Ok(())
}

/// A run failed as interrupted (not queued again) tells its job's recipients, as any
/// failed run does, in the transaction that fails it.
async fn notify_interrupted(t: &mut db::PgConn, run: &db::runs::RunRow) -> Result<(), db::DbError> {
    let failed = db::runs::find(t, run.id)
        .await?
        .is_some_and(|r| r.state == shared::runs::RunState::Finished);
    if failed {
        let outcome = crate::engine::runner::failed(shared::runs::RunError::Interrupted);
        crate::notify::outbox::queue_run(t, run, &outcome, chrono::Utc::now()).await?;
    }
    Ok(())
}

/// Fails the client batches whose server stopped renewing their lease, with their
/// clients' state events in the same transaction.
async fn recover_batches(engine: &Engine) -> Result<(), db::DbError> {
    let mut c = db::conn(&engine.pool).await?;
    let recovered = db::transaction(&mut c, async |t| {
        let batches = db::batches::recover(t).await?;
        for b in &batches {
            engine.events.store_client(t, b.client_id).await?;
        }
        Ok::<_, db::DbError>(!batches.is_empty())
    })
    .await?;
    if recovered {
        engine.events.committed();
    }
    Ok(())
}
