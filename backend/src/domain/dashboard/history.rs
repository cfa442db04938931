//! The figures behind the job and client charts: a job's last finished runs, a client's
//! size per day.

use chrono::{TimeDelta, Utc};
use shared::dashboard::{ClientHistory, JobHistory, RunPoint, SizePoint, HISTORY_RUNS};

use crate::db::dashboard::HistoryRow;
use crate::db::{self, DbPool};
use crate::domain::{access, Actor, DomainError};

/// Days of a client's size history: a year, today included.
const CLIENT_DAYS: i64 = 366;

/// A job's last finished backups (see `JobHistory`), if the actor may use the job.
pub async fn job(pool: &DbPool, actor: Actor, id: i64) -> Result<JobHistory, DomainError> {
    let mut c = db::conn(pool).await?;
    access::job(&mut c, actor, id).await?;
    let rows = db::dashboard::job_history(&mut c, id, HISTORY_RUNS).await?;
    Ok(JobHistory {
        job_id: id,
        runs: rows.into_iter().map(point).collect(),
    })
}

/// A run's point on the charts. Its figures are its `stats` as `GET /api/runs/{id}` shows
/// them (`views.rs`): present when rsync reported a file count, the other figures then
/// 0 when missing.
pub fn point(r: HistoryRow) -> RunPoint {
    let stats = r.files_total.is_some();
    let figure = |v: Option<i64>| stats.then(|| v.unwrap_or(0));
    RunPoint {
        run_id: r.id,
        started_at: r.started_at,
        finished_at: r.finished_at,
        result: r.result,
        duration_seconds: r.started_at.map(|s| (r.finished_at - s).num_seconds()),
        files: r.files_total,
        bytes: figure(r.total_bytes),
        new_bytes: figure(r.literal_bytes),
    }
}

/// A client's size history (see `ClientHistory`), if the actor may use the client.
pub async fn client(pool: &DbPool, actor: Actor, id: i64) -> Result<ClientHistory, DomainError> {
    let mut c = db::conn(pool).await?;
    let row = access::client(&mut c, actor, id).await?;
    let size_bytes = db::dashboard::client_size(&mut c, id).await?;
    let from = Utc::now().date_naive() - TimeDelta::days(CLIENT_DAYS - 1);
    let points = db::dashboard::client_usage(&mut c, id, from)
        .await?
        .into_iter()
        .map(|p| SizePoint {
            day: p.day,
            bytes: p.size_bytes,
        })
        .collect();
    Ok(ClientHistory {
        client_id: id,
        size_bytes,
        quota_bytes: row.quota_bytes,
        points,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use shared::common::RunResult;

    fn row(
        started: Option<i64>,
        files: Option<i64>,
        total: Option<i64>,
        literal: Option<i64>,
    ) -> HistoryRow {
        HistoryRow {
            id: 4,
            started_at: started.and_then(|s| DateTime::from_timestamp(s, 0)),
            finished_at: DateTime::from_timestamp(1_000_090, 0).unwrap(),
            result: RunResult::Warning,
            files_total: files,
            total_bytes: total,
            literal_bytes: literal,
        }
    }

    #[test]
    fn a_point_has_the_runs_stats_and_duration() {
        let p = point(row(Some(1_000_000), Some(12), Some(3456), Some(78)));
        assert_eq!((p.run_id, p.result), (4, RunResult::Warning));
        assert_eq!(p.duration_seconds, Some(90));
        assert_eq!(
            (p.files, p.bytes, p.new_bytes),
            (Some(12), Some(3456), Some(78))
        );
    }

    #[test]
    fn figures_follow_the_stats_rule() {
        // A file count and nothing else: the stats exist, the missing figures are 0.
        let p = point(row(Some(1_000_000), Some(3), None, None));
        assert_eq!((p.files, p.bytes, p.new_bytes), (Some(3), Some(0), Some(0)));
        // No file count: no stats at all, whatever else was recorded.
        let p = point(row(None, None, Some(5), Some(1)));
        assert_eq!((p.files, p.bytes, p.new_bytes), (None, None, None));
        assert_eq!(p.duration_seconds, None, "never started");
    }
}
