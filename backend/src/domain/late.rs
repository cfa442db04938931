//! Late backups. The rule (pure, below): a job is late when no successful snapshot
//! followed an expected run of its policy by more than the job's grace. A snapshot exists
//! only for a run that succeeded (with or without warnings) and is the truth of "a backup
//! exists": runs are not consulted, so a snapshot removed by hand counts as never taken.
//! The same rule serves the job list, the job page, `/metrics` and the scheduler's
//! transitions; here also the reading of its facts.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use shared::policies::{runs_on, Schedule};

use super::DomainError;
use crate::db::late::LateFactsRow;
use crate::db::{self, PgConn};

/// What the rule needs to know of one job.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The job and its client are both active.
    pub active: bool,
    /// Its policy's schedule (`None`: not decodable, never late).
    pub schedule: Option<Schedule>,
    pub grace_hours: i32,
    pub created_at: DateTime<Utc>,
    /// When its newest snapshot was taken.
    pub last_success: Option<DateTime<Utc>>,
}

/// The first run of `schedule` in `(after, upto]`, in the time zone `tz`.
pub fn first_run_between<Tz: TimeZone>(
    schedule: &Schedule,
    tz: &Tz,
    after: DateTime<Utc>,
    upto: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if upto <= after {
        return None;
    }
    // A day either side covers every UTC offset; the days in between are walked in order,
    // so the first run found is the earliest (the walk stops at `upto`).
    let mut date = after.with_timezone(tz).date_naive().pred_opt()?;
    let last = upto.with_timezone(tz).date_naive().succ_opt()?;
    while date <= last {
        let found = runs_on(schedule, tz, date)
            .into_iter()
            .map(|r| r.at.with_timezone(&Utc))
            .find(|at| *at > after && *at <= upto);
        if found.is_some() {
            return found;
        }
        date = date.succ_opt()?;
    }
    None
}

/// Since when the job is late at `now`, or `None` when it is not: the first expected run
/// after its newest snapshot (never backed up: after its creation), plus the grace, once
/// that moment has passed. Inactive jobs (or jobs of inactive clients) and schedules that
/// never run are never late.
pub fn late_since<Tz: TimeZone>(f: &Facts, tz: &Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if !f.active {
        return None;
    }
    let schedule = f.schedule.as_ref()?;
    let grace = TimeDelta::hours(i64::from(f.grace_hours.max(0)));
    let reference = f.last_success.unwrap_or(f.created_at);
    let missed = first_run_between(schedule, tz, reference, now - grace)?;
    Some(missed + grace)
}

/// What the scheduler records when the state it stored (`recorded`) differs from the
/// computed one: `Some(true)` the job went late, `Some(false)` it recovered.
pub fn transition(
    recorded: Option<DateTime<Utc>>,
    computed: Option<DateTime<Utc>>,
) -> Option<bool> {
    match (recorded.is_some(), computed.is_some()) {
        (false, true) => Some(true),
        (true, false) => Some(false),
        _ => None,
    }
}

/// The facts of a row (a schedule that does not decode is logged and never late).
pub fn facts_of(row: &LateFactsRow) -> Facts {
    let schedule = match serde_json::from_value(row.schedule.clone()) {
        Ok(s) => Some(s),
        Err(e) => {
            tracing::error!(job_id = row.id, "policy schedule not decodable: {e}");
            None
        }
    };
    Facts {
        active: row.active,
        schedule,
        grace_hours: row.late_grace_hours,
        created_at: row.created_at,
        last_success: row.last_success,
    }
}

/// Since when each late job among `ids` (every job when `None`) is late at `now`; jobs
/// that are not late are absent.
pub async fn of_jobs<Tz: TimeZone>(
    c: &mut PgConn,
    tz: &Tz,
    ids: Option<&[i64]>,
    now: DateTime<Utc>,
) -> Result<HashMap<i64, DateTime<Utc>>, DomainError> {
    Ok(db::late::facts(c, ids)
        .await?
        .iter()
        .filter_map(|r| late_since(&facts_of(r), tz, now).map(|s| (r.id, s)))
        .collect())
}

/// The ids of the late jobs when the job list filters by lateness (`late` is `Some`).
pub async fn filter_ids<Tz: TimeZone>(
    c: &mut PgConn,
    tz: &Tz,
    late: Option<bool>,
) -> Result<Option<Vec<i64>>, DomainError> {
    if late.is_none() {
        return Ok(None);
    }
    let ids = of_jobs(c, tz, None, Utc::now()).await?;
    Ok(Some(ids.into_keys().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Madrid;
    use shared::policies::Level;

    fn level(times: &[&str], dow: &[u8]) -> Level {
        Level {
            enabled: true,
            keep: 3,
            times: times.iter().map(|s| s.to_string()).collect(),
            days_of_week: dow.to_vec(),
            ..Level::default()
        }
    }

    fn daily_21() -> Schedule {
        Schedule {
            daily: level(&["21:00"], &[]),
            ..Schedule::default()
        }
    }

    /// Madrid wall-clock time (November: UTC+1).
    fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Madrid
            .with_ymd_and_hms(2026, 11, d, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn facts(schedule: Schedule, grace: i32, last: Option<DateTime<Utc>>) -> Facts {
        Facts {
            active: true,
            schedule: Some(schedule),
            grace_hours: grace,
            created_at: at(1, 12, 0),
            last_success: last,
        }
    }

    #[test]
    fn late_once_the_missed_run_plus_grace_has_passed() {
        // Backed up on the 10th at 21:05; the run of the 11th at 21:00 brought nothing.
        let f = facts(daily_21(), 24, Some(at(10, 21, 5)));
        assert_eq!(
            late_since(&f, &Madrid, at(11, 22, 0)),
            None,
            "within the grace"
        );
        assert_eq!(
            late_since(&f, &Madrid, at(12, 20, 59)),
            None,
            "still within"
        );
        assert_eq!(late_since(&f, &Madrid, at(12, 21, 0)), Some(at(12, 21, 0)));
        // Days later it is still late since the same moment, the first run missed.
        assert_eq!(late_since(&f, &Madrid, at(20, 9, 0)), Some(at(12, 21, 0)));
    }

    #[test]
    fn the_grace_is_the_jobs() {
        let f = facts(daily_21(), 2, Some(at(10, 21, 5)));
        assert_eq!(late_since(&f, &Madrid, at(11, 22, 59)), None);
        assert_eq!(late_since(&f, &Madrid, at(11, 23, 0)), Some(at(11, 23, 0)));
    }

    #[test]
    fn the_schedule_decides_which_runs_are_expected() {
        // Weekdays only: Friday the 13th at 21:05 was the last; nothing is expected on
        // the weekend, so the first missed run is Monday the 16th.
        let s = Schedule {
            daily: level(&["21:00"], &[1, 2, 3, 4, 5]),
            ..Schedule::default()
        };
        let f = facts(s, 1, Some(at(13, 21, 5)));
        assert_eq!(late_since(&f, &Madrid, at(16, 21, 59)), None);
        assert_eq!(late_since(&f, &Madrid, at(16, 22, 0)), Some(at(16, 22, 0)));
    }

    #[test]
    fn never_backed_up_is_late_from_the_first_run_after_creation() {
        // Created on the 1st at 12:00: first expected run the 1st at 21:00.
        let f = facts(daily_21(), 24, None);
        assert_eq!(late_since(&f, &Madrid, at(2, 20, 0)), None);
        assert_eq!(late_since(&f, &Madrid, at(2, 21, 0)), Some(at(2, 21, 0)));
    }

    #[test]
    fn inactive_jobs_and_clients_are_never_late() {
        let mut f = facts(daily_21(), 1, None);
        f.active = false;
        assert_eq!(late_since(&f, &Madrid, at(30, 0, 0)), None);
    }

    #[test]
    fn no_schedule_is_never_late() {
        let f = facts(Schedule::default(), 1, None);
        assert_eq!(late_since(&f, &Madrid, at(30, 0, 0)), None);
        let mut g = facts(daily_21(), 1, None);
        g.schedule = None;
        assert_eq!(late_since(&g, &Madrid, at(30, 0, 0)), None);
    }

    #[test]
    fn a_new_snapshot_recovers() {
        let mut f = facts(daily_21(), 24, Some(at(10, 21, 5)));
        assert!(late_since(&f, &Madrid, at(13, 9, 0)).is_some());
        f.last_success = Some(at(13, 9, 30));
        assert_eq!(late_since(&f, &Madrid, at(13, 10, 0)), None);
        // … until it misses again: the run of the 13th at 21:00, plus a day.
        assert_eq!(late_since(&f, &Madrid, at(14, 21, 0)), Some(at(14, 21, 0)));
    }

    #[test]
    fn transitions() {
        let t = Some(at(2, 21, 0));
        assert_eq!(transition(None, t), Some(true));
        assert_eq!(transition(t, None), Some(false));
        assert_eq!(transition(t, t), None);
        assert_eq!(transition(None, None), None);
    }
}
