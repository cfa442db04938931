//! Late transitions, on the minute tick: each job whose lateness (the rule of
//! [`crate::domain::late`]) differs from what `jobs.late_since` records gets its new state
//! recorded, with a log record, in one transaction per job. The conditional update makes
//! each transition recorded once, however many servers tick.

use chrono::{DateTime, Utc};
use shared::events::{LogLevel, LogSource};

use crate::db::jobs::JobRow;
use crate::db::{self, DbError, PgConn};
use crate::domain::late::{facts_of, late_since, transition};
use crate::engine::runner::{Engine, Record};

/// What one check recorded: the jobs that went late and those that recovered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LateReport {
    pub went_late: Vec<i64>,
    pub on_time: Vec<i64>,
}

/// Compares every job's lateness at `now` with the recorded state and records each change.
pub async fn check(engine: &Engine, now: DateTime<Utc>) -> anyhow::Result<LateReport> {
    let tz = engine.config.tz;
    let mut c = db::conn(&engine.pool).await?;
    let mut report = LateReport::default();
    for row in db::late::facts(&mut c, None).await? {
        let since = late_since(&facts_of(&row), &tz, now);
        let Some(went_late) = transition(row.late_since, since) else {
            continue;
        };
        let recorded = db::transaction(&mut c, async |t| {
            record(engine, t, row.id, since, went_late).await
        })
        .await?;
        if recorded {
            engine.events.committed();
            engine.outbox.notify_one();
            if went_late {
                report.went_late.push(row.id);
            } else {
                report.on_time.push(row.id);
            }
        }
    }
    Ok(report)
}

/// Records one transition of job `id` on `t`; false when another server already did.
async fn record(
    engine: &Engine,
    t: &mut PgConn,
    id: i64,
    since: Option<DateTime<Utc>>,
    went_late: bool,
) -> Result<bool, DbError> {
    // When the late episode began: its notifications, late and on time, are keyed by it.
    let episode = match since {
        Some(s) if went_late => db::late::mark_late(t, id, s).await?.then_some(s),
        _ => db::late::mark_on_time(t, id).await?,
    };
    let (Some(episode), Some(job)) = (episode, db::jobs::find(t, id).await?) else {
        return Ok(false);
    };
    let detail = match since {
        Some(s) if went_late => format!(
            "job {id} is late: no successful snapshot since its expected run, {} hours before {}",
            job.late_grace_hours,
            s.to_rfc3339()
        ),
        _ => format!("job {id} is on time again"),
    };
    engine
        .record_in(
            t,
            Record {
                level: if went_late {
                    LogLevel::Warning
                } else {
                    LogLevel::Info
                },
                source: LogSource::Scheduler,
                code: if went_late { "job_late" } else { "job_on_time" },
                detail: &detail,
                job_id: Some(id),
                ..Default::default()
            },
        )
        .await?;
    on_late_transition(t, &job, went_late, episode).await?;
    Ok(true)
}

/// Called once per transition, in the transaction that records it: `went_late` true when
/// `job` went late, false when it recovered; `since` is when the episode began. Queues
/// the notifications (one per episode, event and recipient, so they are written exactly
/// once with the state).
pub async fn on_late_transition(
    t: &mut PgConn,
    job: &JobRow,
    went_late: bool,
    since: DateTime<Utc>,
) -> Result<usize, DbError> {
    crate::notify::late::queue_late(t, job, went_late, since).await
}
