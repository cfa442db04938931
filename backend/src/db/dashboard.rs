//! Queries behind the dashboard: the facts of every visible job in one pass, the strips and
//! last successes of one page of jobs, a job's finished runs for its charts, and a client's
//! size now and per day.
//!
//! Run states, kinds and results are literals in the SQL text, not bound parameters: the
//! partial index `runs_job_finished` (`WHERE state = 'finished'`) serves a query only when
//! the planner can prove that predicate, which a generic plan over a parameter cannot.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::sql_types::{Array, BigInt, Bool, Date, Integer, Nullable, Text, Timestamptz};
use diesel::QueryableByName;
use diesel_async::RunQueryDsl;
use shared::common::RunResult;

use super::{DbError, PgConn};

/// The finished runs a job's strip and charts show: its backups and replications (a
/// restore's outcome is its own, not the job's).
const CHARTED: &str = "kind IN ('backup', 'replicate') AND state = 'finished'";

/// One visible job with what its health is judged on.
#[derive(Debug, Clone, QueryableByName)]
pub struct BoardRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = BigInt)]
    pub client_id: i64,
    #[diesel(sql_type = Text)]
    pub client_name: String,
    #[diesel(sql_type = BigInt)]
    pub policy_id: i64,
    /// The job and its client are both active.
    #[diesel(sql_type = Bool)]
    pub active: bool,
    /// The client is a copy of another server's (its primary schedules it).
    #[diesel(sql_type = Bool)]
    pub copy: bool,
    /// A run of the job is past the queue and not finished.
    #[diesel(sql_type = Bool)]
    pub running: bool,
    #[diesel(sql_type = Nullable<Text>)]
    pub last_result: Option<RunResult>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub last_run_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Integer)]
    pub late_grace_hours: i32,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
    /// When its newest snapshot was taken (what lateness is judged on).
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub last_snapshot: Option<DateTime<Utc>>,
}

/// The jobs of clients owned by `owner` (every job when `None`), unordered.
pub async fn board(c: &mut PgConn, owner: Option<i64>) -> Result<Vec<BoardRow>, DbError> {
    Ok(diesel::sql_query(
        "SELECT j.id, j.name, j.client_id, c.name AS client_name, j.policy_id, \
                (j.active AND c.active) AS active, (c.copy_of IS NOT NULL) AS copy, \
                EXISTS (SELECT 1 FROM runs r WHERE r.job_id = j.id \
                        AND r.state NOT IN ('queued', 'finished')) AS running, \
                j.last_result, j.last_run_at, j.late_grace_hours, j.created_at, \
                (SELECT max(s.taken_at) FROM snapshots s WHERE s.job_id = j.id) AS last_snapshot \
         FROM jobs j JOIN clients c ON c.id = j.client_id \
         WHERE $1::BIGINT IS NULL OR c.owner_id = $1",
    )
    .bind::<Nullable<BigInt>, _>(owner)
    .load(c)
    .await?)
}

/// A finished run on a strip.
#[derive(Debug, Clone, QueryableByName)]
pub struct MarkRow {
    #[diesel(sql_type = BigInt)]
    pub job_id: i64,
    #[diesel(sql_type = BigInt)]
    pub run_id: i64,
    #[diesel(sql_type = Timestamptz)]
    pub finished_at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    pub result: RunResult,
}

/// The strips of the jobs `ids`: each job's latest `max` finished runs since `since`,
/// by job, oldest first.
pub async fn strips(
    c: &mut PgConn,
    ids: &[i64],
    since: DateTime<Utc>,
    max: i64,
) -> Result<Vec<MarkRow>, DbError> {
    Ok(diesel::sql_query(format!(
        "SELECT j.id AS job_id, r.id AS run_id, r.finished_at, r.result \
         FROM unnest($1::BIGINT[]) AS j(id) \
         CROSS JOIN LATERAL (SELECT id, finished_at, result FROM runs \
             WHERE job_id = j.id AND {CHARTED} AND finished_at >= $2 AND result IS NOT NULL \
             ORDER BY finished_at DESC, id DESC LIMIT $3) r \
         ORDER BY j.id, r.finished_at, r.id"
    ))
    .bind::<Array<BigInt>, _>(ids)
    .bind::<Timestamptz, _>(since)
    .bind::<BigInt, _>(max)
    .load(c)
    .await?)
}

/// When a job's last successful run finished.
#[derive(Debug, Clone, QueryableByName)]
pub struct SuccessRow {
    #[diesel(sql_type = BigInt)]
    pub job_id: i64,
    #[diesel(sql_type = Timestamptz)]
    pub finished_at: DateTime<Utc>,
}

/// For each of the jobs `ids` that ever succeeded (ok or warning), when its latest
/// successful run finished.
pub async fn last_successes(c: &mut PgConn, ids: &[i64]) -> Result<Vec<SuccessRow>, DbError> {
    Ok(diesel::sql_query(format!(
        "SELECT j.id AS job_id, r.finished_at \
         FROM unnest($1::BIGINT[]) AS j(id) \
         CROSS JOIN LATERAL (SELECT finished_at FROM runs \
             WHERE job_id = j.id AND {CHARTED} AND finished_at IS NOT NULL \
               AND result IN ('ok', 'warning') \
             ORDER BY finished_at DESC LIMIT 1) r"
    ))
    .bind::<Array<BigInt>, _>(ids)
    .load(c)
    .await?)
}

/// A finished run with rsync's figures, for a job's charts.
#[derive(Debug, Clone, QueryableByName)]
pub struct HistoryRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub started_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Timestamptz)]
    pub finished_at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    pub result: RunResult,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub files_total: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub total_bytes: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub literal_bytes: Option<i64>,
}

/// The latest `max` finished runs of job `id`, oldest first.
pub async fn job_history(c: &mut PgConn, id: i64, max: i64) -> Result<Vec<HistoryRow>, DbError> {
    Ok(diesel::sql_query(format!(
        "SELECT * FROM (SELECT id, started_at, finished_at, result, files_total, total_bytes, \
                literal_bytes FROM runs \
             WHERE job_id = $1 AND {CHARTED} AND finished_at IS NOT NULL AND result IS NOT NULL \
             ORDER BY finished_at DESC, id DESC LIMIT $2) r \
         ORDER BY finished_at, id"
    ))
    .bind::<BigInt, _>(id)
    .bind::<BigInt, _>(max)
    .load(c)
    .await?)
}

#[derive(QueryableByName)]
struct Sum {
    #[diesel(sql_type = BigInt)]
    bytes: i64,
}

/// The sum of the sizes of client `id`'s jobs.
pub async fn client_size(c: &mut PgConn, id: i64) -> Result<i64, DbError> {
    let s: Sum = diesel::sql_query(
        "SELECT COALESCE(sum(size_bytes), 0)::BIGINT AS bytes FROM jobs WHERE client_id = $1",
    )
    .bind::<BigInt, _>(id)
    .get_result(c)
    .await?;
    Ok(s.bytes)
}

/// A client's size on one day.
#[derive(Debug, Clone, QueryableByName)]
pub struct ClientUsageRow {
    #[diesel(sql_type = Date)]
    pub day: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub size_bytes: i64,
}

/// Client `id`'s recorded sizes from the day `from` on, oldest first.
pub async fn client_usage(
    c: &mut PgConn,
    id: i64,
    from: NaiveDate,
) -> Result<Vec<ClientUsageRow>, DbError> {
    Ok(diesel::sql_query(
        "SELECT day, size_bytes FROM client_usage WHERE client_id = $1 AND day >= $2 ORDER BY day",
    )
    .bind::<BigInt, _>(id)
    .bind::<Date, _>(from)
    .load(c)
    .await?)
}
