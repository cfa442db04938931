//! The run queue in PostgreSQL: enqueueing with level merging, the minute tick's
//! queueing, the queue view (the dispatcher's claim is `db::claim`'s).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Nullable, Text};
use diesel_async::RunQueryDsl;

use shared::common::RunResult;
use shared::runs::{RunKind, RunState, RunTrigger};

use super::runs::RunRow;
use super::schema::{clients, jobs, runs};
use super::{DbError, PgConn};

/// Levels merged into a queued run: the union, sorted, each once.
const MERGE_LEVELS: &str =
    "ARRAY(SELECT DISTINCT x FROM unnest(runs.levels || EXCLUDED.levels) AS x ORDER BY x)";

/// Queues a run of the job, or merges `levels` into the job's queued run when it has one
/// (a job running now gets one follow-up run). Returns the queued run.
pub async fn enqueue(
    c: &mut PgConn,
    job_id: i64,
    trigger: RunTrigger,
    levels: &[String],
    requested_by: Option<i64>,
) -> Result<RunRow, DbError> {
    let q = format!(
        "INSERT INTO runs (job_id, trigger, levels, requested_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (job_id) WHERE state = 'queued' AND kind = 'backup' DO UPDATE SET levels = {MERGE_LEVELS} \
         RETURNING *"
    );
    Ok(diesel::sql_query(q)
        .bind::<BigInt, _>(job_id)
        .bind::<Text, _>(trigger)
        .bind::<Array<Text>, _>(levels)
        .bind::<Nullable<BigInt>, _>(requested_by)
        .get_result(c)
        .await?)
}

/// Queues a restore run of the job's snapshot (`target`: `shared::runs::RestoreTarget`).
/// Restores never merge: each request is its own run.
pub async fn enqueue_restore(
    c: &mut PgConn,
    job_id: i64,
    target: &serde_json::Value,
    requested_by: Option<i64>,
) -> Result<RunRow, DbError> {
    Ok(diesel::sql_query(
        "INSERT INTO runs (job_id, kind, trigger, restore, requested_by) \
         VALUES ($1, $4, $5, $2, $3) RETURNING *",
    )
    .bind::<BigInt, _>(job_id)
    .bind::<diesel::sql_types::Jsonb, _>(target)
    .bind::<Nullable<BigInt>, _>(requested_by)
    .bind::<Text, _>(RunKind::Restore)
    .bind::<Text, _>(RunTrigger::Manual)
    .get_result(c)
    .await?)
}

/// Queues a replication run of a copied job, or returns the one queued already (a
/// replication copies every missing snapshot, so two queued runs would do nothing more).
pub async fn enqueue_replicate(
    c: &mut PgConn,
    job_id: i64,
    trigger: RunTrigger,
    requested_by: Option<i64>,
) -> Result<RunRow, DbError> {
    Ok(diesel::sql_query(
        "INSERT INTO runs (job_id, kind, trigger, requested_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (job_id) WHERE state = 'queued' AND kind = 'replicate' \
         DO UPDATE SET trigger = runs.trigger RETURNING *",
    )
    .bind::<BigInt, _>(job_id)
    .bind::<Text, _>(RunKind::Replicate)
    .bind::<Text, _>(trigger)
    .bind::<Nullable<BigInt>, _>(requested_by)
    .get_result(c)
    .await?)
}

/// Queues (or merges into) a run with `levels` for every active job of an active client
/// that follows the policy. Returns the ids of the queued runs.
pub async fn enqueue_policy(
    c: &mut PgConn,
    policy_id: i64,
    levels: &[String],
) -> Result<Vec<i64>, DbError> {
    let due = vec![(policy_id, levels.to_vec())];
    Ok(enqueue_policies(c, &due)
        .await?
        .into_iter()
        .map(|(_, run)| run)
        .collect())
}

#[derive(QueryableByName)]
struct LastTick {
    #[diesel(sql_type = Nullable<diesel::sql_types::Timestamptz>)]
    last_tick: Option<DateTime<Utc>>,
}

/// What one tick queued: per policy, its due levels and the runs queued or merged.
pub type TickPlan = Vec<(i64, Vec<String>)>;

/// How a minute stands before it is evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TickStart {
    /// Another server evaluated it already.
    Done,
    /// The usual quiet minute: the previous one was evaluated and nothing is due now; it
    /// is recorded as evaluated (the last minute before is given).
    Quiet(Option<DateTime<Utc>>),
    /// Policies may be due: [`evaluate`] it in a transaction.
    Evaluate,
}

/// The fast path of the minute tick, outside any transaction: one read, and for a quiet
/// minute one conditional update that records it (and loses to any other server).
pub async fn tick_start<F>(
    c: &mut PgConn,
    minute: DateTime<Utc>,
    plan: F,
) -> Result<TickStart, DbError>
where
    F: Fn(Option<DateTime<Utc>>) -> TickPlan,
{
    let seen: LastTick = diesel::sql_query("SELECT last_tick FROM scheduler_state WHERE id = 1")
        .get_result(c)
        .await?;
    if seen.last_tick.is_some_and(|l| l >= minute) {
        return Ok(TickStart::Done);
    }
    let prev = minute - chrono::TimeDelta::minutes(1);
    if seen.last_tick != Some(prev) || !plan(seen.last_tick).is_empty() {
        return Ok(TickStart::Evaluate);
    }
    let n = diesel::sql_query(
        "UPDATE scheduler_state SET last_tick = $1 WHERE id = 1 AND last_tick = $2",
    )
    .bind::<diesel::sql_types::Timestamptz, _>(minute)
    .bind::<diesel::sql_types::Timestamptz, _>(prev)
    .execute(c)
    .await?;
    Ok(if n == 1 {
        TickStart::Quiet(seen.last_tick)
    } else {
        TickStart::Done
    })
}

/// Evaluates the minute `minute` exactly once over every server; call it inside a
/// transaction (`t`), which holds the scheduler row until the commit. Only when the last
/// evaluated minute is older: `plan` gets that minute and says which policies are due
/// with which levels; their runs are queued by one statement and the new last minute
/// recorded. Returns `None` when another server already evaluated the minute, else the
/// last minute before, the plan, and the runs queued or merged into as `(policy, run)`.
#[allow(clippy::type_complexity)]
pub async fn evaluate<F>(
    t: &mut PgConn,
    minute: DateTime<Utc>,
    plan: F,
) -> Result<Option<(Option<DateTime<Utc>>, TickPlan, Vec<(i64, i64)>)>, DbError>
where
    F: Fn(Option<DateTime<Utc>>) -> TickPlan,
{
    let last: LastTick =
        diesel::sql_query("SELECT last_tick FROM scheduler_state WHERE id = 1 FOR UPDATE")
            .get_result(t)
            .await?;
    if last.last_tick.is_some_and(|l| l >= minute) {
        return Ok(None);
    }
    let due = plan(last.last_tick);
    let queued = enqueue_policies(t, &due).await?;
    diesel::sql_query("UPDATE scheduler_state SET last_tick = $1 WHERE id = 1")
        .bind::<diesel::sql_types::Timestamptz, _>(minute)
        .execute(t)
        .await?;
    Ok(Some((last.last_tick, due, queued)))
}

#[derive(QueryableByName)]
struct PolicyRun {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    policy_id: i64,
}

/// [`enqueue_policy`] for every due policy at once: one statement, whatever the number of
/// policies and jobs (a job follows one policy, so no run is touched twice). Returns the
/// runs queued or merged into, as `(policy, run)` in run id order.
pub async fn enqueue_policies(c: &mut PgConn, due: &TickPlan) -> Result<Vec<(i64, i64)>, DbError> {
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = due.iter().map(|(p, _)| *p).collect();
    // Levels are plain words ("hourly", "daily", …): joined by commas for the array.
    let levels: Vec<String> = due.iter().map(|(_, l)| l.join(",")).collect();
    let q = format!(
        "WITH due AS (SELECT * FROM unnest($1::BIGINT[], $2::TEXT[]) AS d(policy_id, levels)), \
              queued AS ( \
                INSERT INTO runs (job_id, trigger, levels) \
                SELECT j.id, 'schedule', string_to_array(due.levels, ',') \
                  FROM due JOIN jobs j ON j.policy_id = due.policy_id \
                  JOIN clients c ON c.id = j.client_id \
                 WHERE j.active AND c.active AND c.copy_of IS NULL \
                ON CONFLICT (job_id) WHERE state = 'queued' AND kind = 'backup' \
                DO UPDATE SET levels = {MERGE_LEVELS} \
                RETURNING id, job_id) \
         SELECT queued.id, j.policy_id FROM queued JOIN jobs j ON j.id = queued.job_id \
          ORDER BY queued.id"
    );
    let rows: Vec<PolicyRun> = diesel::sql_query(q)
        .bind::<Array<BigInt>, _>(&ids)
        .bind::<Array<Text>, _>(&levels)
        .load(c)
        .await?;
    Ok(rows.into_iter().map(|r| (r.policy_id, r.id)).collect())
}

/// The queue rows of the runs `ids` (those that still exist), in the order of `ids`: one
/// query for all.
pub async fn items(c: &mut PgConn, ids: &[i64]) -> Result<Vec<QueueRow>, DbError> {
    let mut rows: Vec<QueueRow> = runs::table
        .inner_join(jobs::table.inner_join(clients::table))
        .filter(runs::id.eq_any(ids))
        .select(QueueRow::as_select())
        .load(c)
        .await?;
    let order: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rows.sort_by_key(|r| order.get(&r.run.id).copied().unwrap_or(usize::MAX));
    Ok(rows)
}

/// An unfinished run with the names the queue shows.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct QueueRow {
    #[diesel(embed)]
    pub run: RunRow,
    #[diesel(select_expression = jobs::name)]
    pub job_name: String,
    #[diesel(select_expression = jobs::client_id)]
    pub client_id: i64,
    #[diesel(select_expression = clients::name)]
    pub client_name: String,
    #[diesel(select_expression = jobs::location_id)]
    pub location_id: i64,
    #[diesel(select_expression = clients::owner_id)]
    pub owner_id: Option<i64>,
}

/// Unfinished runs (of clients of `owner` when given): executing first, then queued in
/// dispatch order. Each with job name, client id and name, location id, client owner.
pub async fn list(c: &mut PgConn, owner: Option<i64>) -> Result<Vec<QueueRow>, DbError> {
    let mut q = runs::table
        .inner_join(jobs::table.inner_join(clients::table))
        .filter(runs::state.ne(RunState::Finished))
        .into_boxed();
    if let Some(o) = owner {
        q = q.filter(clients::owner_id.eq(o));
    }
    Ok(q.order((
        runs::state.eq(RunState::Queued).asc(),
        runs::started_at.asc(),
        runs::queued_at.asc(),
        jobs::priority.asc(),
        runs::id.asc(),
    ))
    .limit(5000)
    .select(QueueRow::as_select())
    .load(c)
    .await?)
}

/// One run with the names the queue shows.
pub async fn item(c: &mut PgConn, run_id: i64) -> Result<Option<QueueRow>, DbError> {
    Ok(runs::table
        .inner_join(jobs::table.inner_join(clients::table))
        .filter(runs::id.eq(run_id))
        .select(QueueRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Stores a run's live progress (a `shared::runs::RunProgress` as JSON).
pub async fn set_progress(
    c: &mut PgConn,
    run_id: i64,
    progress: &serde_json::Value,
) -> Result<(), DbError> {
    diesel::update(runs::table.find(run_id))
        .set(runs::progress.eq(progress))
        .execute(c)
        .await?;
    Ok(())
}

/// Finishes the client's queued runs as failed with `code` (its batch's pre scripts
/// failed). Returns their ids.
pub async fn fail_queued_of_client(
    c: &mut PgConn,
    client_id: i64,
    code: shared::runs::RunError,
) -> Result<Vec<i64>, DbError> {
    let ids: Vec<i64> = diesel::update(
        runs::table.filter(runs::state.eq(RunState::Queued)).filter(
            runs::job_id.eq_any(
                jobs::table
                    .filter(jobs::client_id.eq(client_id))
                    .select(jobs::id),
            ),
        ),
    )
    .set((
        runs::state.eq(RunState::Finished),
        runs::result.eq(RunResult::Failed),
        runs::error_code.eq(code),
        runs::finished_at.eq(diesel::dsl::now),
    ))
    .returning(runs::id)
    .get_results(c)
    .await?;
    diesel::update(
        jobs::table.filter(
            jobs::id.eq_any(
                runs::table
                    .filter(runs::id.eq_any(&ids))
                    .select(runs::job_id),
            ),
        ),
    )
    .set((
        jobs::last_result.eq(RunResult::Failed),
        jobs::last_run_at.eq(diesel::dsl::now),
    ))
    .execute(c)
    .await?;
    Ok(ids)
}
