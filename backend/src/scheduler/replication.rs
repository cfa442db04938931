//! Replication sources on the minute tick (by the server that evaluated the minute): an
//! active source is due when its interval has elapsed since its last sync (or it never
//! synced), or, without an interval, when its policy's schedule is due this minute; and
//! only inside its transfer window when it has one (local time, which may cross
//! midnight). A due source is synced; a failure is recorded on the source.

use chrono::{DateTime, DurationRound, NaiveTime, TimeDelta, Utc};
use shared::policies::{due_between, Schedule};
use shared::runs::RunTrigger;

use crate::db::{self, replications};
use crate::domain::replications::run::prepare;
use crate::engine::runner::Engine;
use crate::replication::replica::sync::sync;

/// What a source's turn is judged on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub interval_minutes: Option<i32>,
    pub window: Option<(NaiveTime, NaiveTime)>,
    pub last_sync_at: Option<DateTime<Utc>>,
    /// Whether the source's policy is due in this minute (used without an interval).
    pub policy_due: bool,
}

/// Whether `t` lies in the window `[start, end)`; a window ending before it starts
/// crosses midnight; an empty one (`start == end`) is the whole day.
pub fn in_window(start: NaiveTime, end: NaiveTime, t: NaiveTime) -> bool {
    match start.cmp(&end) {
        std::cmp::Ordering::Less => start <= t && t < end,
        std::cmp::Ordering::Greater => t >= start || t < end,
        std::cmp::Ordering::Equal => true,
    }
}

/// Whether a source is due in `minute` (UTC, truncated), whose local time is `local`.
pub fn is_due(f: &Facts, minute: DateTime<Utc>, local: NaiveTime) -> bool {
    if let Some((start, end)) = f.window {
        if !in_window(start, end, local) {
            return false;
        }
    }
    match (f.interval_minutes, f.last_sync_at) {
        (Some(_), None) => true,
        (Some(every), Some(last)) => {
            // Counted from the minute of the last sync: a sync that ended a few seconds
            // into its minute does not push the next one a minute later.
            let last = last.duration_trunc(TimeDelta::minutes(1)).unwrap_or(last);
            minute >= last + TimeDelta::minutes(i64::from(every))
        }
        (None, _) => f.policy_due,
    }
}

/// The sources due in the minute containing `now`.
pub async fn due(engine: &Engine, now: DateTime<Utc>) -> anyhow::Result<Vec<i64>> {
    let tz = engine.config.tz;
    let minute = now.duration_trunc(TimeDelta::minutes(1))?;
    let local = minute.with_timezone(&tz).time();
    let mut c = db::conn(&engine.pool).await?;
    let rows = replications::due_facts(&mut c).await?;
    drop(c);
    let mut out = Vec::new();
    for (id, interval, start, end, last, policy_id, schedule) in rows {
        let policy_due = interval.is_none()
            && match serde_json::from_value::<Schedule>(schedule) {
                Ok(s) => !due_between(&s, &tz, minute - TimeDelta::minutes(1), minute).is_empty(),
                Err(e) => {
                    tracing::error!(policy_id, "policy schedule not decodable: {e}");
                    false
                }
            };
        let facts = Facts {
            interval_minutes: interval,
            window: start.zip(end),
            last_sync_at: last,
            policy_due,
        };
        if is_due(&facts, minute, local) {
            out.push(id);
        }
    }
    Ok(out)
}

/// Checks the sources due at `now` in the background (called by the minute tick): a
/// sync waits for its primary's answer, and must not hold the tick.
pub fn spawn_check(engine: &Engine, now: DateTime<Utc>) {
    let e = engine.clone();
    tokio::spawn(async move {
        if let Err(err) = check(&e, now).await {
            tracing::error!("replication check failed: {err}");
        }
    });
}

/// Syncs every source due at `now`, one after the other; returns each one's outcome
/// (`Err` with the failure, already recorded on the source).
pub async fn check(
    engine: &Engine,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(i64, Result<usize, String>)>> {
    let mut out = Vec::new();
    for id in due(engine, now).await? {
        let done = match prepare(engine, None, id).await {
            Ok(()) => sync(engine, id, RunTrigger::Schedule, None)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        let outcome = match done {
            Ok(started) => Ok(started.runs.len()),
            Err(e) => {
                tracing::warn!(source = id, "scheduled replication failed: {e}");
                Err(e)
            }
        };
        out.push((id, outcome));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, h, m, 0).unwrap()
    }

    fn facts(interval: Option<i32>, last: Option<DateTime<Utc>>) -> Facts {
        Facts {
            interval_minutes: interval,
            window: None,
            last_sync_at: last,
            policy_due: false,
        }
    }

    #[test]
    fn windows_may_cross_midnight() {
        assert!(in_window(t(9, 0), t(17, 0), t(9, 0)));
        assert!(!in_window(t(9, 0), t(17, 0), t(17, 0)));
        assert!(in_window(t(22, 0), t(6, 0), t(23, 30)));
        assert!(in_window(t(22, 0), t(6, 0), t(2, 0)));
        assert!(!in_window(t(22, 0), t(6, 0), t(12, 0)));
        assert!(in_window(t(3, 0), t(3, 0), t(12, 0)));
    }

    #[test]
    fn an_interval_counts_from_the_last_sync_or_runs_at_once() {
        assert!(is_due(&facts(Some(30), None), at(10, 0), t(10, 0)));
        let last = at(10, 0) + TimeDelta::seconds(4);
        let f = facts(Some(30), Some(last));
        assert!(!is_due(&f, at(10, 29), t(10, 29)));
        assert!(is_due(&f, at(10, 30), t(10, 30)));
        // With an interval the policy's times do not matter.
        let mut f = facts(Some(30), Some(at(10, 0)));
        f.policy_due = true;
        assert!(!is_due(&f, at(10, 1), t(10, 1)));
    }

    #[test]
    fn without_an_interval_the_policy_decides_and_the_window_limits() {
        let mut f = facts(None, None);
        assert!(!is_due(&f, at(21, 0), t(21, 0)));
        f.policy_due = true;
        assert!(is_due(&f, at(21, 0), t(21, 0)));
        f.window = Some((t(22, 0), t(6, 0)));
        assert!(!is_due(&f, at(21, 0), t(21, 0)));
        assert!(is_due(&f, at(23, 0), t(23, 0)));
        let mut f = facts(Some(5), None);
        f.window = Some((t(22, 0), t(6, 0)));
        assert!(!is_due(&f, at(12, 0), t(12, 0)));
        assert!(is_due(&f, at(5, 59), t(5, 59)));
    }
}
