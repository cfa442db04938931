//! Queries behind late backups: the facts each job is judged on (its policy's schedule,
//! grace, creation and newest snapshot), and the recorded state `jobs.late_since`.

use chrono::{DateTime, Utc};
use diesel::sql_types::{Array, BigInt, Bool, Integer, Jsonb, Nullable, Timestamptz};
use diesel::{OptionalExtension, QueryableByName};
use diesel_async::RunQueryDsl;

use super::{DbError, PgConn};

/// What lateness is computed from, for one job.
#[derive(Debug, Clone, QueryableByName)]
pub struct LateFactsRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    /// The job and its client are both active, and the client is no copy of another
    /// server's (its primary backs it up: a copy is never late here).
    #[diesel(sql_type = Bool)]
    pub active: bool,
    /// The policy's schedule as stored.
    #[diesel(sql_type = Jsonb)]
    pub schedule: serde_json::Value,
    #[diesel(sql_type = Integer)]
    pub late_grace_hours: i32,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
    /// When its newest snapshot was taken (a snapshot exists only for a run that
    /// succeeded, with or without warnings).
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub last_success: Option<DateTime<Utc>>,
    /// What the scheduler last recorded.
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub late_since: Option<DateTime<Utc>>,
}

/// The facts of the jobs `ids` (every job when `None`), by id.
pub async fn facts(c: &mut PgConn, ids: Option<&[i64]>) -> Result<Vec<LateFactsRow>, DbError> {
    Ok(diesel::sql_query(
        "SELECT j.id, (j.active AND c.active AND c.copy_of IS NULL) AS active, p.schedule, j.late_grace_hours, \
                j.created_at, j.late_since, \
                (SELECT max(s.taken_at) FROM snapshots s WHERE s.job_id = j.id) AS last_success \
         FROM jobs j JOIN clients c ON c.id = j.client_id JOIN policies p ON p.id = j.policy_id \
         WHERE $1::BIGINT[] IS NULL OR j.id = ANY($1) \
         ORDER BY j.id",
    )
    .bind::<Nullable<Array<BigInt>>, _>(ids)
    .load(c)
    .await?)
}

/// Records that job `id` is late since `since`; false when it already was (another
/// server recorded it first), so each transition is recorded once.
pub async fn mark_late(c: &mut PgConn, id: i64, since: DateTime<Utc>) -> Result<bool, DbError> {
    let n =
        diesel::sql_query("UPDATE jobs SET late_since = $2 WHERE id = $1 AND late_since IS NULL")
            .bind::<BigInt, _>(id)
            .bind::<Timestamptz, _>(since)
            .execute(c)
            .await?;
    Ok(n == 1)
}

/// Records that job `id` is on time again: when it had been late since, `None` when it
/// was not recorded late.
pub async fn mark_on_time(c: &mut PgConn, id: i64) -> Result<Option<DateTime<Utc>>, DbError> {
    #[derive(QueryableByName)]
    struct Since {
        #[diesel(sql_type = Timestamptz)]
        late_since: DateTime<Utc>,
    }
    let row: Option<Since> = diesel::sql_query(
        "WITH old AS (SELECT id, late_since FROM jobs \
                      WHERE id = $1 AND late_since IS NOT NULL FOR UPDATE) \
         UPDATE jobs SET late_since = NULL FROM old WHERE jobs.id = old.id \
         RETURNING old.late_since",
    )
    .bind::<BigInt, _>(id)
    .get_result(c)
    .await
    .optional()?;
    Ok(row.map(|r| r.late_since))
}
