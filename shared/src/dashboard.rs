//! The dashboard: every job's health at a glance, storage use and its forecast, and the
//! history of a job's runs and of a client's size, for the charts.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::common::{Page, Ref, RunResult};
use crate::locations::LocationStatus;
use crate::policies::LevelName;

crate::text::text_enum! {
    /// A job's state on the health board. Each job has exactly one.
    pub enum JobHealth {
        /// Its last run succeeded.
        Ok => "ok",
        /// Its last run ended with warnings (e.g. files vanished during the transfer).
        Warning => "warning",
        /// Its last run failed or was aborted.
        Failed => "failed",
        /// No successful snapshot since an expected run of its policy plus the grace.
        Late => "late",
        /// One of its runs is running now.
        Running => "running",
        /// It has never finished a run (and is not late yet).
        NeverRan => "never_ran",
        /// The job or its client is inactive: nothing is scheduled.
        Inactive => "inactive",
    }
}

/// What decides a job's health.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthFacts {
    /// The job and its client are both active.
    pub active: bool,
    /// A run of the job is past the queue and not finished.
    pub running: bool,
    /// Result of its last finished run.
    pub last_result: Option<RunResult>,
    /// The job is late (see `Job::late`).
    pub late: bool,
}

impl JobHealth {
    /// The one state of a job: inactive, then running (what happens now), then failed,
    /// late, never ran, warning and ok — the first that applies.
    pub fn classify(f: HealthFacts) -> JobHealth {
        if !f.active {
            return JobHealth::Inactive;
        }
        if f.running {
            return JobHealth::Running;
        }
        if matches!(f.last_result, Some(RunResult::Failed | RunResult::Aborted)) {
            return JobHealth::Failed;
        }
        if f.late {
            return JobHealth::Late;
        }
        match f.last_result {
            None => JobHealth::NeverRan,
            Some(RunResult::Warning) => JobHealth::Warning,
            Some(_) => JobHealth::Ok,
        }
    }
}

/// How many visible jobs are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthCounts {
    pub ok: i64,
    pub warning: i64,
    pub failed: i64,
    pub late: i64,
    pub running: i64,
    pub never_ran: i64,
    pub inactive: i64,
    /// Every visible job.
    pub total: i64,
}

impl HealthCounts {
    /// Counts one more job in `h`.
    pub fn add(&mut self, h: JobHealth) {
        *self.slot(h) += 1;
        self.total += 1;
    }

    /// How many jobs are in `h`.
    pub fn get(&self, h: JobHealth) -> i64 {
        match h {
            JobHealth::Ok => self.ok,
            JobHealth::Warning => self.warning,
            JobHealth::Failed => self.failed,
            JobHealth::Late => self.late,
            JobHealth::Running => self.running,
            JobHealth::NeverRan => self.never_ran,
            JobHealth::Inactive => self.inactive,
        }
    }

    fn slot(&mut self, h: JobHealth) -> &mut i64 {
        match h {
            JobHealth::Ok => &mut self.ok,
            JobHealth::Warning => &mut self.warning,
            JobHealth::Failed => &mut self.failed,
            JobHealth::Late => &mut self.late,
            JobHealth::Running => &mut self.running,
            JobHealth::NeverRan => &mut self.never_ran,
            JobHealth::Inactive => &mut self.inactive,
        }
    }
}

/// One finished run on a tile's 30-day strip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StripMark {
    pub run_id: i64,
    pub finished_at: DateTime<Utc>,
    pub result: RunResult,
}

/// Days a tile's strip covers.
pub const STRIP_DAYS: i64 = 30;
/// Most marks on a strip (the latest runs when a job ran more often).
pub const STRIP_MAX_MARKS: usize = 100;

/// One job on the health board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthTile {
    pub job: Ref,
    pub client: Ref,
    pub health: JobHealth,
    pub last_result: Option<RunResult>,
    pub last_run_at: Option<DateTime<Utc>>,
    /// When its last successful (ok or warning) backup finished.
    pub last_success_at: Option<DateTime<Utc>>,
    /// Since when it is late; `null` when not late.
    pub late_since: Option<DateTime<Utc>>,
    /// Its finished runs of the last [`STRIP_DAYS`] days, oldest first, at most
    /// [`STRIP_MAX_MARKS`].
    pub strip: Vec<StripMark>,
}

/// A scheduled run to come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NextRun {
    pub job: Ref,
    pub client: Ref,
    pub at: DateTime<Utc>,
    pub levels: Vec<LevelName>,
}

/// Most scheduled runs listed in [`Dashboard::next_runs`].
pub const NEXT_RUNS: usize = 10;

/// `GET /api/dashboard`: the health of the jobs the caller may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// Jobs per state, over all visible jobs (not only this page).
    pub counts: HealthCounts,
    /// One page of tiles, ordered by client name then job name, filtered by `health`.
    pub tiles: Page<HealthTile>,
    /// The next scheduled runs of active jobs, soonest first, at most [`NEXT_RUNS`].
    pub next_runs: Vec<NextRun>,
    pub generated_at: DateTime<Utc>,
}

/// One point of a location's usage history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsagePoint {
    pub at: DateTime<Utc>,
    pub used_bytes: i64,
    pub total_bytes: i64,
    pub used_inodes: i64,
    pub total_inodes: i64,
}

/// When a location will be full, from a least-squares line through its used bytes of
/// the last [`FIT_DAYS`] days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Forecast {
    /// The samples span fewer than [`MIN_FIT_DAYS`] days.
    NotEnoughData {
        /// Days the samples span.
        days: f64,
    },
    /// Used space does not grow.
    NotGrowing { bytes_per_day: f64 },
    /// At this growth the location is full at `at`.
    Full {
        at: DateTime<Utc>,
        bytes_per_day: f64,
    },
}

/// Days of samples the forecast fits.
pub const FIT_DAYS: i64 = 30;
/// Fewest days the samples must span for a forecast.
pub const MIN_FIT_DAYS: i64 = 7;

/// A location's storage on the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationStorage {
    pub location: Ref,
    pub active: bool,
    /// Free and total bytes and inodes now (the gauges).
    pub status: LocationStatus,
    /// One point per day of the last year (the day's last sample), oldest first.
    pub history: Vec<UsagePoint>,
    pub forecast: Forecast,
}

/// `GET /api/dashboard/storage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Storage {
    pub locations: Vec<LocationStorage>,
}

/// One finished run of a job, for its charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunPoint {
    pub run_id: i64,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: DateTime<Utc>,
    pub result: RunResult,
    /// From start to finish; `null` for a run that never started.
    pub duration_seconds: Option<i64>,
    /// rsync's figures (the run's `stats`); `null` when the run has none.
    pub files: Option<i64>,
    /// Size of the snapshot (rsync's total size).
    pub bytes: Option<i64>,
    /// Bytes sent whole (rsync's literal data): what the snapshot added.
    pub new_bytes: Option<i64>,
}

/// Most runs in a [`JobHistory`].
pub const HISTORY_RUNS: i64 = 100;

/// `GET /api/jobs/{id}/history`: the job's last [`HISTORY_RUNS`] finished backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobHistory {
    pub job_id: i64,
    /// Oldest first.
    pub runs: Vec<RunPoint>,
}

/// A client's size on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SizePoint {
    pub day: NaiveDate,
    pub bytes: i64,
}

/// `GET /api/clients/{id}/history`: a client's size now, its quota, and its size per day
/// over the last year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientHistory {
    pub client_id: i64,
    /// Sum of its jobs' sizes now.
    pub size_bytes: i64,
    pub quota_bytes: Option<i64>,
    /// Oldest first.
    pub points: Vec<SizePoint>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(active: bool, running: bool, last: Option<RunResult>, late: bool) -> HealthFacts {
        HealthFacts {
            active,
            running,
            last_result: last,
            late,
        }
    }

    #[test]
    fn health_takes_the_first_state_that_applies() {
        use JobHealth::*;
        use RunResult as R;
        let cases = [
            (facts(false, true, Some(R::Failed), true), Inactive),
            (facts(true, true, Some(R::Failed), true), Running),
            (facts(true, false, Some(R::Failed), true), Failed),
            (facts(true, false, Some(R::Aborted), false), Failed),
            (facts(true, false, Some(R::Ok), true), Late),
            (facts(true, false, None, true), Late),
            (facts(true, false, None, false), NeverRan),
            (facts(true, false, Some(R::Warning), false), Warning),
            (facts(true, false, Some(R::Ok), false), Ok),
        ];
        for (f, want) in cases {
            assert_eq!(JobHealth::classify(f), want, "{f:?}");
        }
    }

    #[test]
    fn counts_add_up() {
        let mut c = HealthCounts::default();
        for h in [
            JobHealth::Ok,
            JobHealth::Ok,
            JobHealth::Late,
            JobHealth::Inactive,
        ] {
            c.add(h);
        }
        assert_eq!(
            (c.get(JobHealth::Ok), c.late, c.inactive, c.failed, c.total),
            (2, 1, 1, 0, 4)
        );
    }

    #[test]
    fn forecast_is_tagged_by_kind() {
        let v = serde_json::to_value(Forecast::NotEnoughData { days: 2.5 }).unwrap();
        assert_eq!(v["kind"], "not_enough_data");
        assert_eq!(v["days"], 2.5);
    }
}
