//! The scheduler: schedule evaluation and the minute tick, the dispatcher that claims
//! queued runs from PostgreSQL under the limits, and the leases that let several servers
//! share one database without running anything twice.

pub mod catalog;
pub mod choose;
pub mod digest;
pub mod dispatcher;
pub mod late;
pub mod replication;
pub mod retention;
pub mod tick;
pub mod usage;

use std::time::Duration;

use crate::engine::runner::Engine;

/// Starts the background work of a server: the minute tick (when `scheduler`) with the
/// hourly catalog dump check (when `dumps` is set), and the dispatcher with its
/// heartbeat (when `dispatcher`). Returns the cron scheduler, which must be kept alive.
pub async fn start(
    engine: &Engine,
    scheduler: bool,
    dispatcher: bool,
    dumps: Option<crate::catalog::Setup>,
) -> anyhow::Result<Option<tokio_cron_scheduler::JobScheduler>> {
    if dispatcher {
        tokio::spawn(dispatcher::run(engine.clone()));
        tokio::spawn(dispatcher::heartbeat(engine.clone()));
    }
    if !scheduler {
        return Ok(None);
    }
    // Catch up at once after downtime, then every minute at second 0.
    let first = engine.clone();
    let sampler = std::sync::Arc::new(usage::Sampler::default());
    let first_sampler = sampler.clone();
    let dumper = std::sync::Arc::new(dumps.map(catalog::Dumper::new));
    let first_dumper = dumper.clone();
    tokio::spawn(async move {
        if let Err(e) = tick::tick(&first, chrono::Utc::now()).await {
            tracing::error!("scheduler tick failed: {e}");
        }
        daily(&first, chrono::Utc::now()).await;
        first_sampler.tick(&first.pool, chrono::Utc::now()).await;
        if let Some(d) = first_dumper.as_ref() {
            d.tick(&first.pool, chrono::Utc::now());
        }
    });
    let sched = tokio_cron_scheduler::JobScheduler::new().await?;
    let e = engine.clone();
    sched
        .add(tokio_cron_scheduler::Job::new_async(
            "0 * * * * *",
            move |_, _| {
                let (e, sampler, dumper) = (e.clone(), sampler.clone(), dumper.clone());
                Box::pin(async move {
                    // A tick that fails (database briefly away) is retried by the next one,
                    // which catches the missed minute up.
                    let now = chrono::Utc::now();
                    if let Err(err) = tick::tick(&e, now).await {
                        tracing::error!("scheduler tick failed: {err}");
                    }
                    daily(&e, now).await;
                    sampler.tick(&e.pool, now).await;
                    if let Some(d) = dumper.as_ref() {
                        d.tick(&e.pool, now);
                    }
                })
            },
        )?)
        .await?;
    sched.start().await?;
    Ok(Some(sched))
}

/// The daily tasks, tried every minute; each runs once a day over every server.
async fn daily(e: &Engine, now: chrono::DateTime<chrono::Utc>) {
    retention::daily(e, now).await;
    // Retried the next minute when it fails (the day is claimed in its transaction).
    match digest::queue(&e.pool, &e.config.tz, now).await {
        Ok(0) => {}
        Ok(_) => e.outbox.notify_one(),
        Err(err) => tracing::error!("queueing the daily digest failed: {err}"),
    }
}

/// How often the dispatcher looks at the queue when nothing wakes it.
pub const POLL: Duration = Duration::from_millis(1000);
