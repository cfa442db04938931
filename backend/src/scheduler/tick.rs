//! The minute tick: which policies are due (pure), and queueing their jobs' runs once per
//! minute over every server, with catch-up after downtime.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use shared::events::{LogLevel, LogSource};
use shared::policies::{due_between, Schedule};

use crate::db::{self, queue::TickPlan, queue::TickStart};
use crate::engine::runner::Engine;

/// The policies due in the minute `minute` (the window since the last evaluated minute
/// when catching up, else only this minute), each with its due levels.
pub fn plan<Tz: chrono::TimeZone>(
    policies: &[(i64, Schedule)],
    tz: &Tz,
    last: Option<DateTime<Utc>>,
    minute: DateTime<Utc>,
    catch_up: bool,
) -> TickPlan {
    let one = minute - TimeDelta::minutes(1);
    let after = match last {
        Some(l) if catch_up && l < one => l,
        _ => one,
    };
    policies
        .iter()
        .filter_map(|(id, s)| {
            let due = due_between(s, tz, after, minute);
            (!due.is_empty()).then(|| (*id, due.iter().map(|l| l.as_str().to_owned()).collect()))
        })
        .collect()
}

/// What one evaluation did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TickReport {
    /// False when another server had already evaluated this minute.
    pub evaluated: bool,
    /// Runs queued or merged into.
    pub runs: Vec<i64>,
    /// Minutes missed since the last evaluation (0 in normal operation).
    pub missed_minutes: i64,
}

/// Evaluates the minute containing `now`: queues a run (or merges levels into the queued
/// one) for every active job whose policy is due, exactly once over every server. The
/// runs, a `schedule_due` record per due policy and every run's queue event commit in one
/// transaction, each kind stored by one statement whatever the number of runs.
pub async fn tick(engine: &Engine, now: DateTime<Utc>) -> anyhow::Result<TickReport> {
    let minute = now.duration_trunc(TimeDelta::minutes(1))?;
    let tz = engine.config.tz;
    let catch_up = engine.config.catch_up;
    let mut c = db::conn(&engine.pool).await?;
    let policies: Vec<(i64, Schedule)> =
        crate::domain::policies::decodable_schedules(db::policies::all_schedules(&mut c).await?);
    let due = |last| plan(&policies, &tz, last, minute, catch_up);
    let (last, queued) = match db::queue::tick_start(&mut c, minute, due).await? {
        TickStart::Done => return Ok(TickReport::default()),
        TickStart::Quiet(last) => (last, Vec::new()),
        TickStart::Evaluate => match evaluate(engine, &mut c, minute, due).await? {
            Some(done) => done,
            None => return Ok(TickReport::default()),
        },
    };
    drop(c);
    let missed_minutes = last.map_or(0, |l| ((minute - l).num_minutes() - 1).max(0));
    if missed_minutes > 0 {
        let detail = format!(
            "{missed_minutes} minutes not evaluated since {}; {}",
            last.map(|l| l.to_rfc3339()).unwrap_or_default(),
            if catch_up {
                "each missed level queued once"
            } else {
                "missed levels skipped"
            }
        );
        tracing::warn!("{detail}");
        engine
            .record(crate::engine::runner::Record {
                level: LogLevel::Warning,
                source: LogSource::Scheduler,
                code: if catch_up {
                    "catch_up"
                } else {
                    "missed_skipped"
                },
                detail: &detail,
                ..Default::default()
            })
            .await;
    }
    let mut runs = Vec::new();
    for (policy_id, levels, ids) in queued {
        tracing::info!(policy_id, ?levels, runs = ids.len(), "schedule due");
        runs.extend(ids);
    }
    if !runs.is_empty() {
        engine.wake.notify_one();
    }
    // Late jobs, by the server that evaluated the minute (each transition is recorded
    // once anyway); a failure only postpones the check to the next minute.
    if let Err(e) = super::late::check(engine, now).await {
        tracing::error!("late check failed: {e}");
    }
    super::replication::spawn_check(engine, now);
    Ok(TickReport {
        evaluated: true,
        runs,
        missed_minutes,
    })
}

/// Per due policy: its levels and the runs queued or merged into.
type Queued = Vec<(i64, Vec<String>, Vec<i64>)>;

/// The minute's evaluation in one transaction: the runs, a `schedule_due` record per due
/// policy, the runs' queue events. `None` when another server evaluated it first.
async fn evaluate<F>(
    engine: &Engine,
    c: &mut db::PgConn,
    minute: DateTime<Utc>,
    due: F,
) -> anyhow::Result<Option<(Option<DateTime<Utc>>, Queued)>>
where
    F: Fn(Option<DateTime<Utc>>) -> TickPlan + Copy + Send + Sync,
{
    let done = db::transaction(c, async |t| {
        let Some((last, planned, runs)) = db::queue::evaluate(t, minute, due).await? else {
            return Ok::<_, db::DbError>(None);
        };
        let queued = group_by_policy(planned, runs);
        for (policy_id, levels, ids) in &queued {
            let detail = format!(
                "policy {policy_id} due ({}): {} runs queued or merged",
                levels.join("+"),
                ids.len()
            );
            let record = crate::engine::runner::Record {
                level: LogLevel::Info,
                source: LogSource::Scheduler,
                code: "schedule_due",
                detail: &detail,
                ..Default::default()
            };
            engine.record_in(t, record).await?;
        }
        let ids: Vec<i64> = queued.iter().flat_map(|q| q.2.iter().copied()).collect();
        engine.events.store_runs(t, &ids, |_| Vec::new()).await?;
        Ok(Some((last, queued)))
    })
    .await?;
    if done.is_some() {
        engine.events.committed();
    }
    Ok(done)
}

/// Per due policy of `due` (in its order): its levels and its runs among `runs`, given as
/// `(policy, run)`.
pub fn group_by_policy(due: TickPlan, runs: Vec<(i64, i64)>) -> Queued {
    let mut by_policy: std::collections::HashMap<i64, Vec<i64>> = Default::default();
    for (policy, run) in runs {
        by_policy.entry(policy).or_default().push(run);
    }
    due.into_iter()
        .map(|(p, levels)| {
            let ids = by_policy.remove(&p).unwrap_or_default();
            (p, levels, ids)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;
    use shared::policies::Level;

    fn daily_at(t: &str) -> Schedule {
        Schedule {
            daily: Level {
                enabled: true,
                keep: 3,
                times: vec![t.into()],
                days_of_week: vec![],
                days_of_month: vec![],
                months: vec![],
            },
            ..Schedule::default()
        }
    }

    #[test]
    fn only_policies_due_this_minute() {
        let p = [(1, daily_at("21:00")), (2, daily_at("22:00"))];
        let minute = Madrid
            .with_ymd_and_hms(2026, 11, 23, 21, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let got = plan(
            &p,
            &Madrid,
            Some(minute - TimeDelta::minutes(1)),
            minute,
            true,
        );
        assert_eq!(got, vec![(1, vec!["daily".to_string()])]);
        // The next minute nothing is due.
        let next = minute + TimeDelta::minutes(1);
        assert!(plan(&p, &Madrid, Some(minute), next, true).is_empty());
    }

    #[test]
    fn catch_up_covers_the_downtime_only_when_asked() {
        let p = [(1, daily_at("21:00")), (2, daily_at("03:00"))];
        let last = Madrid
            .with_ymd_and_hms(2026, 11, 23, 20, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let minute = Madrid
            .with_ymd_and_hms(2026, 11, 26, 10, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let got = plan(&p, &Madrid, Some(last), minute, true);
        assert_eq!(
            got,
            vec![
                (1, vec!["daily".to_string()]),
                (2, vec!["daily".to_string()])
            ]
        );
        assert!(plan(&p, &Madrid, Some(last), minute, false).is_empty());
        // A first start catches nothing up.
        assert!(plan(&p, &Madrid, None, minute, true).is_empty());
    }

    #[test]
    fn queued_runs_are_grouped_under_their_policy_in_plan_order() {
        let due = vec![
            (7, vec!["daily".to_string()]),
            (3, vec!["hourly".to_string(), "daily".to_string()]),
            (9, vec!["weekly".to_string()]),
        ];
        let got = group_by_policy(due, vec![(3, 10), (7, 11), (3, 12)]);
        assert_eq!(
            got,
            vec![
                (7, vec!["daily".to_string()], vec![11]),
                (
                    3,
                    vec!["hourly".to_string(), "daily".to_string()],
                    vec![10, 12]
                ),
                // A due policy without active jobs queued nothing.
                (9, vec!["weekly".to_string()], vec![]),
            ]
        );
    }
}
