//! The dashboard: each visible job's health (classified by `shared::dashboard`), the next
//! scheduled runs, and every location's storage with its forecast. Here the reading;
//! `board` and `next` hold the pure parts.

pub mod board;
pub mod fit;
pub mod history;
pub mod next;
pub mod storage;

pub use storage::storage;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};
use shared::common::{Page, Ref};
use shared::dashboard::{Dashboard, JobHealth, StripMark, NEXT_RUNS, STRIP_DAYS, STRIP_MAX_MARKS};
use shared::policies::Schedule;

use self::board::order_key;
use self::next::Scheduled;
use super::{Actor, DomainError, PageRequest};
use crate::db::dashboard::BoardRow;
use crate::db::{self, DbPool};

/// The health board at `now`: counts of every visible job, one page of tiles (filtered by
/// `health`), and the next scheduled runs (policies read in `tz`).
pub async fn board(
    pool: &DbPool,
    tz: chrono_tz::Tz,
    actor: Actor,
    health: Option<JobHealth>,
    page: PageRequest,
    now: DateTime<Utc>,
) -> Result<Dashboard, DomainError> {
    let paging = page.paging();
    let mut c = db::conn(pool).await?;
    let rows = db::dashboard::board(&mut c, actor.owner_filter()).await?;
    let schedules: HashMap<i64, Schedule> =
        super::policies::decodable_schedules(db::policies::all_schedules(&mut c).await?);
    let judged = rows
        .iter()
        .map(|r| board::judge(r, schedules.get(&r.policy_id), tz, now))
        .collect();
    let arranged = board::arrange(judged, health, paging);
    let ids: Vec<i64> = arranged.page.iter().map(|j| j.job.id).collect();
    let since = now - TimeDelta::days(STRIP_DAYS);
    let max = i64::try_from(STRIP_MAX_MARKS).unwrap_or(i64::MAX);
    let mut strips: HashMap<i64, Vec<StripMark>> = HashMap::new();
    for m in db::dashboard::strips(&mut c, &ids, since, max).await? {
        strips.entry(m.job_id).or_default().push(StripMark {
            run_id: m.run_id,
            finished_at: m.finished_at,
            result: m.result,
        });
    }
    let successes: HashMap<i64, DateTime<Utc>> = db::dashboard::last_successes(&mut c, &ids)
        .await?
        .into_iter()
        .map(|s| (s.job_id, s.finished_at))
        .collect();
    drop(c);
    let items = arranged
        .page
        .into_iter()
        .map(|j| {
            let id = j.job.id;
            j.tile(
                successes.get(&id).copied(),
                strips.remove(&id).unwrap_or_default(),
            )
        })
        .collect();
    Ok(Dashboard {
        counts: arranged.counts,
        tiles: Page {
            items,
            total: arranged.total,
            page: paging.page,
            per_page: paging.per_page,
        },
        next_runs: next_runs(&rows, &schedules, tz, now),
        generated_at: now,
    })
}

/// The next runs of the scheduled jobs among `rows`, each policy evaluated once.
fn next_runs(
    rows: &[BoardRow],
    schedules: &HashMap<i64, Schedule>,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Vec<shared::dashboard::NextRun> {
    let mut jobs: Vec<Scheduled> = rows
        .iter()
        .filter(|r| board::scheduled(r))
        .map(|r| Scheduled {
            job: Ref {
                id: r.id,
                name: r.name.clone(),
            },
            client: Ref {
                id: r.client_id,
                name: r.client_name.clone(),
            },
            policy_id: r.policy_id,
        })
        .collect();
    jobs.sort_by_cached_key(|j| order_key(&j.client, &j.job));
    let used: HashSet<i64> = jobs.iter().map(|j| j.policy_id).collect();
    let policies = schedules
        .iter()
        .filter(|(id, _)| used.contains(id))
        .map(|(id, s)| (*id, s));
    let runs = next::policy_runs(policies, tz, now, NEXT_RUNS);
    next::pick(&runs, &jobs, NEXT_RUNS)
}
