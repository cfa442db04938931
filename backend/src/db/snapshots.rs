//! Queries on `snapshots`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::snapshots;
use super::{DbError, PgConn};

/// A row of `snapshots`; also what is inserted, without its `id` (the database assigns it).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = snapshots)]
pub struct SnapshotRow {
    /// Ignored on insert: give 0.
    #[diesel(skip_insertion)]
    pub id: i64,
    pub job_id: i64,
    pub run_id: Option<i64>,
    pub location_id: i64,
    pub name: String,
    pub levels: Vec<Option<String>>,
    pub taken_at: DateTime<Utc>,
    pub files: i64,
    pub bytes: i64,
    pub new_bytes: i64,
    pub warnings: bool,
    /// The job store holding it, relative to the location (`<client id>/<job id>`).
    pub store_path: String,
    /// Taken with rewritten permissions (the job's `use_local_permissions`).
    pub rewritten_permissions: bool,
    /// When a replicated snapshot arrived here; `None` for the server's own backups.
    pub received_at: Option<DateTime<Utc>>,
}

/// Records a published snapshot (under a new id); a second call for the same run or name
/// changes nothing.
pub async fn insert(c: &mut PgConn, s: &SnapshotRow) -> Result<(), DbError> {
    diesel::insert_into(snapshots::table)
        .values(s)
        .on_conflict_do_nothing()
        .execute(c)
        .await?;
    Ok(())
}

/// One snapshot.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<SnapshotRow>, DbError> {
    Ok(snapshots::table
        .find(id)
        .select(SnapshotRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// A job's snapshots, newest first.
pub async fn of_job(c: &mut PgConn, job_id: i64) -> Result<Vec<SnapshotRow>, DbError> {
    Ok(snapshots::table
        .filter(snapshots::job_id.eq(job_id))
        .order((snapshots::taken_at.desc(), snapshots::id.desc()))
        .select(SnapshotRow::as_select())
        .load(c)
        .await?)
}

/// Deletes snapshot rows.
pub async fn delete(c: &mut PgConn, ids: &[i64]) -> Result<usize, DbError> {
    Ok(
        diesel::delete(snapshots::table.filter(snapshots::id.eq_any(ids)))
            .execute(c)
            .await?,
    )
}

/// Whether a snapshot with this name is recorded for the job in this store.
pub async fn exists(
    c: &mut PgConn,
    job_id: i64,
    location_id: i64,
    store_path: &str,
    name: &str,
) -> Result<bool, DbError> {
    let n: i64 = snapshots::table
        .filter(snapshots::job_id.eq(job_id))
        .filter(snapshots::location_id.eq(location_id))
        .filter(snapshots::store_path.eq(store_path))
        .filter(snapshots::name.eq(name))
        .count()
        .get_result(c)
        .await?;
    Ok(n > 0)
}

/// The stores holding snapshots of these jobs: distinct `(job, location, store path)`.
pub async fn stores_of_jobs(
    c: &mut PgConn,
    job_ids: &[i64],
) -> Result<Vec<(i64, i64, String)>, DbError> {
    Ok(snapshots::table
        .filter(snapshots::job_id.eq_any(job_ids))
        .select((
            snapshots::job_id,
            snapshots::location_id,
            snapshots::store_path,
        ))
        .distinct()
        .load(c)
        .await?)
}

/// Whether any snapshot lies in this location (a location still holding history cannot
/// be deleted).
pub async fn any_in_location(c: &mut PgConn, location_id: i64) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(
        snapshots::table.filter(snapshots::location_id.eq(location_id)),
    ))
    .get_result(c)
    .await?)
}

/// Marks snapshots as no longer listed by the primary since `at`, or (`None`) listed again.
/// A mark already set keeps its time.
pub async fn set_vanished(
    c: &mut PgConn,
    ids: &[i64],
    at: Option<DateTime<Utc>>,
) -> Result<usize, DbError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let rows = snapshots::table.filter(snapshots::id.eq_any(ids));
    Ok(match at {
        Some(t) => {
            diesel::update(rows.filter(snapshots::vanished_at.is_null()))
                .set(snapshots::vanished_at.eq(t))
                .execute(c)
                .await?
        }
        None => {
            diesel::update(rows)
                .set(snapshots::vanished_at.eq(None::<DateTime<Utc>>))
                .execute(c)
                .await?
        }
    })
}

/// Per snapshot of a job, when the primary stopped listing it (replicas only).
pub async fn vanished_of_job(
    c: &mut PgConn,
    job_id: i64,
) -> Result<Vec<(i64, Option<DateTime<Utc>>)>, DbError> {
    Ok(snapshots::table
        .filter(snapshots::job_id.eq(job_id))
        .select((snapshots::id, snapshots::vanished_at))
        .load(c)
        .await?)
}
