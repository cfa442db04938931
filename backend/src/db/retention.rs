//! The daily retention task's queries: its once-a-day claim, and deleting what is older
//! than the settings keep.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::events::LogSource;
use shared::notifications::NotificationStatus;
use shared::runs::RunState;

use super::schema::{log_records, notifications, runs};
use super::{DbError, PgConn};

/// Claims today's run of the task: true for exactly one caller per day over every server
/// (the row's date changes once; a second caller's update matches nothing).
pub async fn claim_day(c: &mut PgConn, today: NaiveDate) -> Result<bool, DbError> {
    let n = diesel::sql_query(
        "UPDATE scheduler_state SET retention_on = $1 \
         WHERE id = 1 AND retention_on IS DISTINCT FROM $1",
    )
    .bind::<diesel::sql_types::Date, _>(today)
    .execute(c)
    .await?;
    Ok(n == 1)
}

/// Deletes log records older than `before`: the audit trail's (`audit`) or every other.
pub async fn delete_log_records(
    c: &mut PgConn,
    before: DateTime<Utc>,
    audit: bool,
) -> Result<usize, DbError> {
    let old = log_records::table.filter(log_records::at.lt(before));
    Ok(if audit {
        diesel::delete(old.filter(log_records::source.eq(LogSource::Audit)))
            .execute(c)
            .await?
    } else {
        diesel::delete(old.filter(log_records::source.ne(LogSource::Audit)))
            .execute(c)
            .await?
    })
}

/// Deletes notifications delivered or given up (`sent`, `failed`) whose last change is
/// older than `before`; pending ones stay, whatever their age.
pub async fn delete_notifications(c: &mut PgConn, before: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::delete(
        notifications::table
            .filter(
                notifications::status
                    .eq_any([NotificationStatus::Sent, NotificationStatus::Failed]),
            )
            .filter(notifications::updated_at.lt(before)),
    )
    .execute(c)
    .await?)
}

/// Of the runs `ids`, those that exist, each with when it finished (`None` while it is
/// not finished).
pub async fn run_ends(
    c: &mut PgConn,
    ids: &[i64],
) -> Result<Vec<(i64, Option<DateTime<Utc>>)>, DbError> {
    let rows: Vec<(i64, RunState, Option<DateTime<Utc>>)> = runs::table
        .filter(runs::id.eq_any(ids))
        .select((runs::id, runs::state, runs::finished_at))
        .load(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, state, at)| (id, at.filter(|_| state == RunState::Finished)))
        .collect())
}
