//! The health board's pure part: every visible job judged once, counted per state,
//! filtered by the state asked for, ordered by client and job name, and cut to one page.

use chrono::{DateTime, Utc};
use shared::common::{Ref, RunResult};
use shared::dashboard::{HealthCounts, HealthFacts, HealthTile, JobHealth, StripMark};
use shared::policies::Schedule;

use crate::db::dashboard::BoardRow;
use crate::db::paging::Paging;
use crate::domain::late;

/// One visible job, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    pub job: Ref,
    pub client: Ref,
    pub health: JobHealth,
    pub last_result: Option<RunResult>,
    pub last_run_at: Option<DateTime<Utc>>,
    /// Since when it is late (`None`: not late).
    pub late_since: Option<DateTime<Utc>>,
}

impl Judged {
    /// Its tile, with the strip and last success read for the page.
    pub fn tile(self, last_success_at: Option<DateTime<Utc>>, strip: Vec<StripMark>) -> HealthTile {
        HealthTile {
            job: self.job,
            client: self.client,
            health: self.health,
            last_result: self.last_result,
            last_run_at: self.last_run_at,
            last_success_at,
            late_since: self.late_since,
            strip,
        }
    }
}

/// One page of the board: the counts over every job, the jobs in the state asked for
/// (their number is `total`), and this page of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arranged {
    pub counts: HealthCounts,
    pub total: i64,
    pub page: Vec<Judged>,
}

/// Whether the scheduler queues the job: it and its client are active, and the client is
/// no copy (a copy's primary backs it up), as `db::queue::enqueue_policy` decides.
pub fn scheduled(r: &BoardRow) -> bool {
    r.active && !r.copy
}

/// A job judged at `now`: late by the rule of `domain::late` (the one the job list uses),
/// then classified.
pub fn judge(
    r: &BoardRow,
    schedule: Option<&Schedule>,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Judged {
    let facts = late::Facts {
        active: scheduled(r),
        schedule: schedule.cloned(),
        grace_hours: r.late_grace_hours,
        created_at: r.created_at,
        last_success: r.last_snapshot,
    };
    let late_since = late::late_since(&facts, &tz, now);
    let health = JobHealth::classify(HealthFacts {
        active: r.active,
        running: r.running,
        last_result: r.last_result,
        late: late_since.is_some(),
    });
    Judged {
        job: Ref {
            id: r.id,
            name: r.name.clone(),
        },
        client: Ref {
            id: r.client_id,
            name: r.client_name.clone(),
        },
        health,
        last_result: r.last_result,
        last_run_at: r.last_run_at,
        late_since,
    }
}

/// The board's order: client name, then job name, ignoring case (names differing only in
/// case sort by their bytes), then ids, so that every page is stable.
pub fn order_key(client: &Ref, job: &Ref) -> (String, String, i64, String, String, i64) {
    (
        client.name.to_lowercase(),
        client.name.clone(),
        client.id,
        job.name.to_lowercase(),
        job.name.clone(),
        job.id,
    )
}

/// Counts every job, keeps those in `health` (all when `None`), orders them by
/// [`order_key`] and cuts the page `paging`.
pub fn arrange(jobs: Vec<Judged>, health: Option<JobHealth>, paging: Paging) -> Arranged {
    let mut counts = HealthCounts::default();
    for j in &jobs {
        counts.add(j.health);
    }
    let mut kept: Vec<Judged> = jobs
        .into_iter()
        .filter(|j| health.is_none_or(|h| j.health == h))
        .collect();
    kept.sort_by_cached_key(|j| order_key(&j.client, &j.job));
    let total = i64::try_from(kept.len()).unwrap_or(i64::MAX);
    let skip = usize::try_from(paging.offset()).unwrap_or(usize::MAX);
    let take = usize::try_from(paging.per_page).unwrap_or(0);
    Arranged {
        counts,
        total,
        page: kept.into_iter().skip(skip).take(take).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(client: (i64, &str), job: (i64, &str), health: JobHealth) -> Judged {
        Judged {
            job: Ref {
                id: job.0,
                name: job.1.into(),
            },
            client: Ref {
                id: client.0,
                name: client.1.into(),
            },
            health,
            last_result: None,
            last_run_at: None,
            late_since: None,
        }
    }

    fn board() -> Vec<Judged> {
        use JobHealth::*;
        vec![
            judged((2, "beta"), (5, "home"), Failed),
            judged((1, "Alpha"), (4, "root"), Ok),
            judged((1, "Alpha"), (3, "etc"), Failed),
            judged((3, "alpine"), (2, "Home"), Late),
            judged((3, "alpine"), (1, "home"), Running),
            judged((2, "beta"), (6, "home"), Inactive),
        ]
    }

    fn ids(a: &Arranged) -> Vec<i64> {
        a.page.iter().map(|j| j.job.id).collect()
    }

    fn paging(page: i64, per_page: i64) -> Paging {
        Paging { page, per_page }
    }

    #[test]
    fn ordered_by_client_then_job_name_ignoring_case_then_id() {
        let a = arrange(board(), None, paging(1, 20));
        // "Alpha" < "alpine" < "beta"; "Home" before "home" (bytes), ids break the tie.
        assert_eq!(ids(&a), vec![3, 4, 2, 1, 5, 6]);
        assert_eq!(a.total, 6);
    }

    #[test]
    fn counts_cover_every_job_while_the_filter_keeps_one_state() {
        let a = arrange(board(), Some(JobHealth::Failed), paging(1, 20));
        assert_eq!(ids(&a), vec![3, 5]);
        assert_eq!(a.total, 2, "the total is the filtered one");
        let c = a.counts;
        assert_eq!(
            (
                c.ok,
                c.failed,
                c.late,
                c.running,
                c.inactive,
                c.never_ran,
                c.total
            ),
            (1, 2, 1, 1, 1, 0, 6)
        );
        let none = arrange(board(), Some(JobHealth::Warning), paging(1, 20));
        assert!(none.page.is_empty());
        assert_eq!((none.total, none.counts.total), (0, 6));
    }

    #[test]
    fn pages_cut_the_ordered_list() {
        assert_eq!(ids(&arrange(board(), None, paging(1, 4))), vec![3, 4, 2, 1]);
        assert_eq!(ids(&arrange(board(), None, paging(2, 4))), vec![5, 6]);
        assert!(arrange(board(), None, paging(3, 4)).page.is_empty());
        let a = arrange(board(), None, paging(2, 1));
        assert_eq!((ids(&a), a.total), (vec![4], 6));
    }

    fn row(active: bool, copy: bool, running: bool, last: Option<RunResult>) -> BoardRow {
        BoardRow {
            id: 7,
            name: "home".into(),
            client_id: 3,
            client_name: "pc".into(),
            policy_id: 1,
            active,
            copy,
            running,
            last_result: last,
            last_run_at: None,
            late_grace_hours: 24,
            created_at: madrid(1, 12),
            last_snapshot: None,
        }
    }

    fn madrid(d: u32, h: u32) -> DateTime<Utc> {
        use chrono::TimeZone;
        chrono_tz::Europe::Madrid
            .with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn daily_21() -> Schedule {
        Schedule {
            daily: shared::policies::Level {
                enabled: true,
                keep: 3,
                times: vec!["21:00".into()],
                ..Default::default()
            },
            ..Schedule::default()
        }
    }

    /// Judged on 10 November: created on the 1st, never backed up, so late since its
    /// first run (the 1st at 21:00) plus the day of grace, when the rule applies.
    fn judged_now(r: &BoardRow, s: Option<&Schedule>) -> (JobHealth, Option<DateTime<Utc>>) {
        let j = judge(r, s, chrono_tz::Europe::Madrid, madrid(10, 9));
        assert_eq!((j.job.id, j.client.name.as_str()), (7, "pc"));
        (j.health, j.late_since)
    }

    #[test]
    fn judging_applies_the_late_rule_then_classifies() {
        let s = daily_21();
        let late = Some(madrid(2, 21));
        assert_eq!(
            judged_now(&row(true, false, false, None), Some(&s)),
            (JobHealth::Late, late)
        );
        // Failed wins over late, but the tile still says since when it is late.
        let failed = row(true, false, false, Some(RunResult::Failed));
        assert_eq!(judged_now(&failed, Some(&s)), (JobHealth::Failed, late));
        assert_eq!(
            judged_now(&row(true, false, true, None), Some(&s)),
            (JobHealth::Running, late)
        );
        // Inactive: never late. A copy is its primary's to back up: never late here.
        assert_eq!(
            judged_now(&row(false, false, true, None), Some(&s)),
            (JobHealth::Inactive, None)
        );
        assert_eq!(
            judged_now(&row(true, true, false, None), Some(&s)),
            (JobHealth::NeverRan, None)
        );
        // A schedule that did not decode: never late.
        assert_eq!(
            judged_now(&row(true, false, false, Some(RunResult::Warning)), None),
            (JobHealth::Warning, None)
        );
        // A snapshot after the last expected run: on time.
        let mut fresh = row(true, false, false, Some(RunResult::Ok));
        fresh.last_snapshot = Some(madrid(9, 21));
        assert_eq!(judged_now(&fresh, Some(&s)), (JobHealth::Ok, None));
        assert!(scheduled(&fresh) && !scheduled(&row(true, true, false, None)));
    }

    #[test]
    fn a_tile_carries_its_strip_and_last_success() {
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut j = judged((1, "a"), (2, "b"), JobHealth::Ok);
        j.last_result = Some(RunResult::Ok);
        j.late_since = Some(t0);
        let mark = StripMark {
            run_id: 9,
            finished_at: t0,
            result: RunResult::Ok,
        };
        let t = j.tile(Some(t0), vec![mark.clone()]);
        assert_eq!(
            (t.job.id, t.client.id, t.health, t.last_result),
            (2, 1, JobHealth::Ok, Some(RunResult::Ok))
        );
        assert_eq!((t.last_success_at, t.late_since), (Some(t0), Some(t0)));
        assert_eq!(t.strip, vec![mark]);
    }
}
