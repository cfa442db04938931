//! Leases: a server renews its runs' and batches' leases while it works; runs whose
//! server stopped renewing (it died or lost the database) are recovered by another.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Double, Text};
use diesel_async::RunQueryDsl;

use shared::common::RunResult;
use shared::runs::{RunError, RunState};

use super::runs::RunRow;
use super::schema::{jobs, runs};
use super::{DbError, PgConn};

/// Renews the leases of this server's runs and batches; returns its runs that another
/// server asked to abort (state `aborting`).
pub async fn heartbeat(c: &mut PgConn, owner: &str, lease_secs: f64) -> Result<Vec<i64>, DbError> {
    diesel::sql_query(
        "UPDATE runs SET lease_until = now() + make_interval(secs => $2) \
          WHERE lease_owner = $1 AND state NOT IN ('queued', 'finished')",
    )
    .bind::<Text, _>(owner)
    .bind::<Double, _>(lease_secs)
    .execute(c)
    .await?;
    diesel::sql_query(
        "UPDATE client_batches SET lease_until = now() + make_interval(secs => $2) \
          WHERE lease_owner = $1 AND state <> 'finished'",
    )
    .bind::<Text, _>(owner)
    .bind::<Double, _>(lease_secs)
    .execute(c)
    .await?;
    Ok(runs::table
        .filter(runs::lease_owner.eq(owner))
        .filter(runs::state.eq(RunState::Aborting))
        .select(runs::id)
        .load(c)
        .await?)
}

/// Runs whose server stopped renewing their lease (it died or lost the database), or that
/// `dead_owner` says belong to a dead process of this machine (never those of `me`): the
/// candidates for [`recover_one`], as they are now.
pub async fn lapsed<D>(c: &mut PgConn, me: &str, dead_owner: D) -> Result<Vec<RunRow>, DbError>
where
    D: Fn(&str) -> bool,
{
    let candidates: Vec<RunRow> = runs::table
        .filter(runs::state.ne_all([RunState::Queued, RunState::Finished]))
        .select(RunRow::as_select())
        .load(c)
        .await?;
    let now = Utc::now();
    Ok(candidates
        .into_iter()
        .filter(|r| {
            // This server's own runs are its own business (their tasks are alive).
            if r.lease_owner.as_deref() == Some(me) {
                return false;
            }
            let expired = r.lease_until.is_none_or(|t| t < now);
            expired || r.lease_owner.as_deref().is_some_and(&dead_owner)
        })
        .collect())
}

/// Re-queues (when `requeue` and the job has no queued run yet) or finishes as failed
/// (`interrupted`) one run whose lease lapsed, as it was when read (`r`); false when
/// another server recovered it first.
pub async fn recover_one(c: &mut PgConn, r: &RunRow, requeue: bool) -> Result<bool, DbError> {
    // The guard on the old lease makes recovery race-free between servers.
    let guard = runs::table
        .filter(runs::id.eq(r.id))
        .filter(runs::state.eq(r.state))
        .filter(runs::lease_owner.is_not_distinct_from(r.lease_owner.clone()))
        .filter(runs::lease_until.is_not_distinct_from(r.lease_until));
    let mut done = 0;
    if requeue {
        let queued_exists: i64 = runs::table
            .filter(runs::job_id.eq(r.job_id))
            .filter(runs::state.eq(RunState::Queued))
            .count()
            .get_result(c)
            .await?;
        if queued_exists == 0 {
            done = diesel::update(guard.clone())
                .set((
                    runs::state.eq(RunState::Queued),
                    runs::lease_owner.eq(None::<String>),
                    runs::lease_until.eq(None::<DateTime<Utc>>),
                    runs::started_at.eq(None::<DateTime<Utc>>),
                    runs::batch_id.eq(None::<i64>),
                    runs::pgid.eq(None::<i32>),
                ))
                .execute(c)
                .await?;
        }
    }
    if done == 0 {
        done = diesel::update(guard)
            .set((
                runs::state.eq(RunState::Finished),
                runs::result.eq(RunResult::Failed),
                runs::error_code.eq(RunError::Interrupted),
                runs::finished_at.eq(diesel::dsl::now),
                runs::lease_owner.eq(None::<String>),
                runs::lease_until.eq(None::<DateTime<Utc>>),
            ))
            .execute(c)
            .await?;
        if done > 0 {
            diesel::update(jobs::table.find(r.job_id))
                .set((
                    jobs::last_result.eq(RunResult::Failed),
                    jobs::last_run_at.eq(diesel::dsl::now),
                ))
                .execute(c)
                .await?;
        }
    }
    Ok(done > 0)
}
