//! Queries on `runs`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::common::RunResult;
use shared::runs::{RunError, RunKind, RunState, RunTrigger};

use super::paging::Paging;
use super::schema::{clients, jobs, runs};
use super::{DbError, PgConn};

/// A row of `runs`.
#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = runs)]
pub struct RunRow {
    pub id: i64,
    pub job_id: i64,
    pub kind: RunKind,
    pub trigger: RunTrigger,
    pub levels: Vec<Option<String>>,
    pub state: RunState,
    pub result: Option<RunResult>,
    pub error_code: Option<RunError>,
    pub exit_code: Option<i32>,
    pub requested_by: Option<i64>,
    pub queued_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub files_total: Option<i64>,
    pub files_transferred: Option<i64>,
    pub total_bytes: Option<i64>,
    pub transferred_bytes: Option<i64>,
    pub literal_bytes: Option<i64>,
    pub lease_owner: Option<String>,
    pub lease_until: Option<DateTime<Utc>>,
    pub pgid: Option<i32>,
    pub progress: Option<serde_json::Value>,
    pub batch_id: Option<i64>,
    /// What a restore run restores (`shared::runs::RestoreTarget`).
    pub restore: Option<serde_json::Value>,
}

/// One run.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<RunRow>, DbError> {
    Ok(runs::table
        .find(id)
        .select(RunRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// One run with the server's default language (the language of its log's phase marks),
/// in one round trip.
pub async fn find_with_language(
    c: &mut PgConn,
    id: i64,
) -> Result<Option<(RunRow, shared::Language)>, DbError> {
    use diesel::dsl::sql;
    use diesel::sql_types::Text;
    Ok(runs::table
        .find(id)
        .select((
            RunRow::as_select(),
            sql::<Text>("COALESCE((SELECT default_language FROM settings WHERE id = 1), 'en')"),
        ))
        .first(c)
        .await
        .optional()?)
}

/// The unfinished run of a job, if any.
pub async fn active_of_job(c: &mut PgConn, job_id: i64) -> Result<Option<RunRow>, DbError> {
    Ok(runs::table
        .filter(runs::job_id.eq(job_id))
        .filter(runs::state.ne(RunState::Finished))
        .select(RunRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Whether any job of the client has an unfinished run.
pub async fn client_has_active(c: &mut PgConn, client_id: i64) -> Result<bool, DbError> {
    let n: i64 = runs::table
        .inner_join(jobs::table)
        .filter(jobs::client_id.eq(client_id))
        .filter(runs::state.ne(RunState::Finished))
        .count()
        .get_result(c)
        .await?;
    Ok(n > 0)
}

/// Records the levels a run serves (decided when it starts).
pub async fn set_levels(c: &mut PgConn, id: i64, levels: &[String]) -> Result<(), DbError> {
    let levels: Vec<Option<String>> = levels.iter().cloned().map(Some).collect();
    diesel::update(runs::table.find(id))
        .set(runs::levels.eq(levels))
        .execute(c)
        .await?;
    Ok(())
}

/// Records (or clears) the process group of the run's current child.
pub async fn set_pgid(c: &mut PgConn, id: i64, pgid: Option<i32>) -> Result<(), DbError> {
    diesel::update(runs::table.find(id))
        .set(runs::pgid.eq(pgid))
        .execute(c)
        .await?;
    Ok(())
}

/// Moves a run to a new state.
pub async fn set_state(c: &mut PgConn, id: i64, state: RunState) -> Result<(), DbError> {
    diesel::update(runs::table.find(id))
        .set(runs::state.eq(state))
        .execute(c)
        .await?;
    Ok(())
}

/// Finishes a run that is still queued as aborted; false when it is no longer queued
/// (a dispatcher claimed it meanwhile).
pub async fn abort_queued(c: &mut PgConn, id: i64) -> Result<bool, DbError> {
    let n = diesel::update(
        runs::table
            .find(id)
            .filter(runs::state.eq(RunState::Queued)),
    )
    .set((
        runs::state.eq(RunState::Finished),
        runs::result.eq(RunResult::Aborted),
        runs::error_code.eq(RunError::Aborted),
        runs::finished_at.eq(diesel::dsl::now),
    ))
    .execute(c)
    .await?;
    Ok(n > 0)
}

/// Marks an executing run `aborting` (its server acts on it).
pub async fn mark_aborting(c: &mut PgConn, id: i64) -> Result<(), DbError> {
    diesel::update(
        runs::table
            .find(id)
            .filter(runs::state.ne_all([RunState::Queued, RunState::Finished])),
    )
    .set(runs::state.eq(RunState::Aborting))
    .execute(c)
    .await?;
    Ok(())
}

/// The outcome of a run.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = runs)]
pub struct RunOutcome {
    pub result: RunResult,
    /// `None` clears the column (a finished run keeps no stale code).
    #[diesel(treat_none_as_null = true)]
    pub error_code: Option<RunError>,
    pub exit_code: Option<i32>,
    pub files_total: Option<i64>,
    pub files_transferred: Option<i64>,
    pub total_bytes: Option<i64>,
    pub transferred_bytes: Option<i64>,
    pub literal_bytes: Option<i64>,
}

/// Finishes a run and, for a backup, records its result on the job.
pub async fn finish(c: &mut PgConn, run: &RunRow, o: &RunOutcome) -> Result<(), DbError> {
    diesel::update(runs::table.find(run.id))
        .set((
            o,
            runs::state.eq(RunState::Finished),
            runs::finished_at.eq(diesel::dsl::now),
            runs::lease_owner.eq(None::<String>),
            runs::lease_until.eq(None::<DateTime<Utc>>),
        ))
        .execute(c)
        .await?;
    // A job's last result is its backups'; a restore's outcome is its own run's.
    if run.kind == RunKind::Restore {
        return Ok(());
    }
    diesel::update(jobs::table.find(run.job_id))
        .set((
            jobs::last_result.eq(o.result),
            jobs::last_run_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct RunFilter {
    pub job_id: Option<i64>,
    pub state: Option<RunState>,
    /// Only runs of jobs of clients of this owner.
    pub owner: Option<i64>,
}

fn filtered(f: &RunFilter) -> runs::BoxedQuery<'static, diesel::pg::Pg> {
    let mut q = runs::table.into_boxed();
    if let Some(j) = f.job_id {
        q = q.filter(runs::job_id.eq(j));
    }
    if let Some(s) = &f.state {
        q = q.filter(runs::state.eq(*s));
    }
    if let Some(owner) = f.owner {
        let owned = jobs::table
            .inner_join(clients::table)
            .filter(clients::owner_id.eq(owner))
            .select(jobs::id);
        q = q.filter(runs::job_id.eq_any(owned));
    }
    q
}

/// One page of runs, newest first.
pub async fn list(
    c: &mut PgConn,
    f: &RunFilter,
    paging: Paging,
) -> Result<(Vec<RunRow>, i64), DbError> {
    let total = filtered(f).count().get_result(c).await?;
    let rows = filtered(f)
        .order(runs::id.desc())
        .offset(paging.offset())
        .limit(paging.per_page)
        .select(RunRow::as_select())
        .load(c)
        .await?;
    Ok((rows, total))
}
