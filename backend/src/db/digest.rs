//! What the administrators' daily digest reads: the day it was last queued (over every
//! server), the runs that failed or warned in the last day, and the jobs that are late.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::common::RunResult;
use shared::runs::{RunKind, RunState};

use super::schema::{clients, jobs, runs, scheduler_state};
use super::{DbError, PgConn};

/// Claims `day` for the digest: true for exactly one caller over every server, the
/// first that asks on that day. Call it in the transaction that queues the digest, so
/// that a failure to queue gives the day back.
pub async fn claim_day(c: &mut PgConn, day: NaiveDate) -> Result<bool, DbError> {
    let claimed = diesel::update(scheduler_state::table.find(1))
        .filter(
            scheduler_state::digest_on
                .is_null()
                .or(scheduler_state::digest_on.ne(day)),
        )
        .set(scheduler_state::digest_on.eq(day))
        .execute(c)
        .await?;
    Ok(claimed == 1)
}

/// A run the digest lists.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, serde::Serialize, serde::Deserialize)]
pub struct DigestRun {
    pub run_id: i64,
    pub job_id: i64,
    pub job: String,
    pub client: String,
    pub result: Option<RunResult>,
    pub error_code: Option<String>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Backups that finished after `since` with a result other than ok, oldest first.
pub async fn troubled_runs(
    c: &mut PgConn,
    since: DateTime<Utc>,
) -> Result<Vec<DigestRun>, DbError> {
    Ok(runs::table
        .inner_join(jobs::table.inner_join(clients::table))
        .filter(runs::state.eq(RunState::Finished))
        .filter(runs::kind.eq(RunKind::Backup))
        .filter(runs::finished_at.gt(since))
        .filter(runs::result.ne(RunResult::Ok))
        .order((runs::finished_at.asc(), runs::id.asc()))
        .select((
            runs::id,
            runs::job_id,
            jobs::name,
            clients::name,
            runs::result,
            runs::error_code,
            runs::finished_at,
        ))
        .load(c)
        .await?)
}

/// A late job the digest lists.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, serde::Serialize, serde::Deserialize)]
pub struct DigestLate {
    pub job_id: i64,
    pub job: String,
    pub client: String,
    pub late_since: Option<DateTime<Utc>>,
}

/// The jobs marked late, by client and job name.
pub async fn late_jobs(c: &mut PgConn) -> Result<Vec<DigestLate>, DbError> {
    Ok(jobs::table
        .inner_join(clients::table)
        .filter(jobs::late_since.is_not_null())
        .order((clients::name.asc(), jobs::name.asc()))
        .select((jobs::id, jobs::name, clients::name, jobs::late_since))
        .load(c)
        .await?)
}
