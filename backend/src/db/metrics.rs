//! Queries behind `/metrics`: per job its names, newest snapshot, last finished backup and
//! run counts; the queue, the locations, the notification outbox and the last tick, all
//! read in one go at scrape time.

use chrono::{DateTime, Utc};
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz};
use diesel::QueryableByName;
use diesel_async::RunQueryDsl;
use shared::common::RunResult;

use super::{DbError, PgConn};

/// One job as `/metrics` shows it.
#[derive(Debug, Clone, QueryableByName)]
pub struct JobMetricsRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub client: String,
    #[diesel(sql_type = Text)]
    pub job: String,
    #[diesel(sql_type = BigInt)]
    pub size_bytes: i64,
    #[diesel(sql_type = BigInt)]
    pub snapshots: i64,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub last_success: Option<DateTime<Utc>>,
    /// The last finished backup run: when it started and ended, its result and traffic.
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub last_started: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub last_finished: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Text>)]
    pub last_result: Option<RunResult>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub last_transferred: Option<i64>,
}

/// Every job, by id.
pub async fn jobs(c: &mut PgConn) -> Result<Vec<JobMetricsRow>, DbError> {
    Ok(diesel::sql_query(
        "SELECT j.id, c.name AS client, j.name AS job, j.size_bytes, \
                (SELECT count(*) FROM snapshots s WHERE s.job_id = j.id) AS snapshots, \
                (SELECT max(s.taken_at) FROM snapshots s WHERE s.job_id = j.id) AS last_success, \
                r.started_at AS last_started, r.finished_at AS last_finished, \
                r.result AS last_result, r.transferred_bytes AS last_transferred \
         FROM jobs j JOIN clients c ON c.id = j.client_id \
         LEFT JOIN LATERAL (SELECT started_at, finished_at, result, transferred_bytes \
             FROM runs WHERE job_id = j.id AND kind = 'backup' AND state = 'finished' \
             ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT 1) r ON TRUE \
         ORDER BY j.id",
    )
    .load(c)
    .await?)
}

/// A count under one or two keys.
#[derive(Debug, Clone, QueryableByName)]
pub struct Count {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub key: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// Finished backup runs per job (`id`) and result (`key`).
pub async fn run_counts(c: &mut PgConn) -> Result<Vec<Count>, DbError> {
    Ok(diesel::sql_query(
        "SELECT job_id AS id, result AS key, count(*) AS n FROM runs \
         WHERE kind = 'backup' AND state = 'finished' AND result IS NOT NULL \
         GROUP BY job_id, result",
    )
    .load(c)
    .await?)
}

/// Unfinished runs per state (`key`; `id` is 0).
pub async fn queue_counts(c: &mut PgConn) -> Result<Vec<Count>, DbError> {
    Ok(diesel::sql_query(
        "SELECT 0::BIGINT AS id, state AS key, count(*) AS n FROM runs \
         WHERE state <> 'finished' GROUP BY state",
    )
    .load(c)
    .await?)
}

/// Notifications per channel (`key`, as `channel/status`) in a final state, and those
/// still waiting (`pending/…`, `sending/…`).
pub async fn notification_counts(c: &mut PgConn) -> Result<Vec<Count>, DbError> {
    Ok(diesel::sql_query(
        "SELECT 0::BIGINT AS id, status || '/' || channel AS key, count(*) AS n \
         FROM notifications GROUP BY status, channel",
    )
    .load(c)
    .await?)
}

/// A location's name and directory.
#[derive(Debug, Clone, QueryableByName)]
pub struct LocationMetricsRow {
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Text)]
    pub directory: String,
}

/// Every location, by id.
pub async fn locations(c: &mut PgConn) -> Result<Vec<LocationMetricsRow>, DbError> {
    Ok(
        diesel::sql_query("SELECT name, directory FROM backup_locations ORDER BY id")
            .load(c)
            .await?,
    )
}

#[derive(QueryableByName)]
struct LastTick {
    #[diesel(sql_type = Nullable<Timestamptz>)]
    last_tick: Option<DateTime<Utc>>,
}

/// The last minute the scheduler evaluated.
pub async fn last_tick(c: &mut PgConn) -> Result<Option<DateTime<Utc>>, DbError> {
    let row: LastTick = diesel::sql_query("SELECT last_tick FROM scheduler_state WHERE id = 1")
        .get_result(c)
        .await?;
    Ok(row.last_tick)
}
