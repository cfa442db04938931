//! Queries on `jobs`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::common::RunResult;
use shared::jobs::{NotifyMode, NotifyThreshold};

use shared::jobs::JobSort;

use super::paging::{contains_pattern, Paging};
use super::schema::{backup_locations, clients, jobs, policies};
use super::{DbError, PgConn};

/// A row of `jobs`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: i64,
    pub client_id: i64,
    pub name: String,
    pub description: String,
    pub source_path: String,
    pub policy_id: i64,
    pub location_id: i64,
    pub include_patterns: Option<Vec<Option<String>>>,
    pub exclude_patterns: Option<Vec<Option<String>>>,
    pub use_local_permissions: bool,
    pub notify_admin: bool,
    pub notify_owner: bool,
    pub notify_emails: Vec<Option<String>>,
    pub notify_threshold: NotifyThreshold,
    pub notify_mode: NotifyMode,
    pub late_grace_hours: i32,
    pub priority: i32,
    pub active: bool,
    pub trigger_token_hash: Option<String>,
    pub size_bytes: i64,
    pub last_result: Option<RunResult>,
    pub last_run_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The job's id on the primary, for a job copied by replication.
    pub primary_id: Option<i64>,
}

/// Values written by create and update.
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = jobs, treat_none_as_null = true)]
pub struct JobForm<'a> {
    pub client_id: i64,
    pub name: &'a str,
    pub description: &'a str,
    pub source_path: &'a str,
    pub policy_id: i64,
    pub location_id: i64,
    pub include_patterns: Option<Vec<Option<String>>>,
    pub exclude_patterns: Option<Vec<Option<String>>>,
    pub use_local_permissions: bool,
    pub notify_admin: bool,
    pub notify_owner: bool,
    pub notify_emails: Vec<Option<String>>,
    pub notify_threshold: NotifyThreshold,
    pub notify_mode: NotifyMode,
    pub late_grace_hours: i32,
    pub active: bool,
}

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct JobFilter<'a> {
    pub q: Option<&'a str>,
    pub client_id: Option<i64>,
    pub policy_id: Option<i64>,
    pub location_id: Option<i64>,
    pub active: Option<bool>,
    /// Only jobs of clients of this owner (operators).
    pub owner: Option<i64>,
    /// `(ids, true)`: only these jobs; `(ids, false)`: all but these (the late filter,
    /// whose rule is evaluated outside SQL).
    pub ids: Option<(&'a [i64], bool)>,
}

fn filtered<'a>(f: &JobFilter<'a>) -> jobs::BoxedQuery<'a, diesel::pg::Pg> {
    let mut query = jobs::table.into_boxed();
    if let Some(q) = f.q {
        query = query.filter(jobs::name.ilike(contains_pattern(q)));
    }
    if let Some(id) = f.client_id {
        query = query.filter(jobs::client_id.eq(id));
    }
    if let Some(id) = f.policy_id {
        query = query.filter(jobs::policy_id.eq(id));
    }
    if let Some(id) = f.location_id {
        query = query.filter(jobs::location_id.eq(id));
    }
    if let Some(a) = f.active {
        query = query.filter(jobs::active.eq(a));
    }
    if let Some((ids, inside)) = f.ids {
        query = if inside {
            query.filter(jobs::id.eq_any(ids))
        } else {
            query.filter(jobs::id.ne_all(ids))
        };
    }
    if let Some(owner) = f.owner {
        let owned = clients::table
            .filter(clients::owner_id.eq(owner))
            .select(clients::id);
        query = query.filter(jobs::client_id.eq_any(owned));
    }
    query
}

/// One page with the total.
pub async fn list(
    c: &mut PgConn,
    f: &JobFilter<'_>,
    sort: JobSort,
    paging: Paging,
) -> Result<(Vec<JobRow>, i64), DbError> {
    let total = filtered(f).count().get_result(c).await?;
    let query = filtered(f);
    let query = match sort {
        JobSort::Id => query.order(jobs::id.asc()),
        JobSort::IdDesc => query.order(jobs::id.desc()),
        JobSort::Name => query.order((jobs::name.asc(), jobs::id.asc())),
        JobSort::NameDesc => query.order((jobs::name.desc(), jobs::id.asc())),
        JobSort::Priority => query.order((jobs::priority.asc(), jobs::id.asc())),
    };
    let rows = query
        .offset(paging.offset())
        .limit(paging.per_page)
        .select(JobRow::as_select())
        .load(c)
        .await?;
    Ok((rows, total))
}

/// All jobs of the given clients, by id.
pub async fn of_clients(c: &mut PgConn, ids: &[i64]) -> Result<Vec<JobRow>, DbError> {
    Ok(jobs::table
        .filter(jobs::client_id.eq_any(ids))
        .order(jobs::id)
        .select(JobRow::as_select())
        .load(c)
        .await?)
}

/// One job.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<JobRow>, DbError> {
    Ok(jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Inserts a job at the end of the priority order.
pub async fn insert(c: &mut PgConn, f: &JobForm<'_>) -> Result<JobRow, DbError> {
    let last: Option<i32> = jobs::table
        .filter(jobs::priority.lt(i32::MAX))
        .select(diesel::dsl::max(jobs::priority))
        .first(c)
        .await?;
    let priority = last.map_or(1, |p| p.saturating_add(1));
    Ok(diesel::insert_into(jobs::table)
        .values((f, jobs::priority.eq(priority)))
        .returning(JobRow::as_returning())
        .get_result(c)
        .await?)
}

/// Updates a job.
pub async fn update(c: &mut PgConn, id: i64, f: &JobForm<'_>) -> Result<Option<JobRow>, DbError> {
    Ok(diesel::update(jobs::table.find(id))
        .set((f, jobs::updated_at.eq(diesel::dsl::now)))
        .returning(JobRow::as_returning())
        .get_result(c)
        .await
        .optional()?)
}

/// Deletes a job.
pub async fn delete(c: &mut PgConn, id: i64) -> Result<usize, DbError> {
    Ok(diesel::delete(jobs::table.find(id)).execute(c).await?)
}

/// Sets or clears the trigger token hash.
pub async fn set_token_hash(c: &mut PgConn, id: i64, hash: Option<&str>) -> Result<usize, DbError> {
    Ok(diesel::update(jobs::table.find(id))
        .set(jobs::trigger_token_hash.eq(hash))
        .execute(c)
        .await?)
}

/// Ids of the jobs visible with `owner` (all when `None`), in priority order.
pub async fn ids_by_priority(c: &mut PgConn, owner: Option<i64>) -> Result<Vec<i64>, DbError> {
    let f = JobFilter {
        owner,
        ..JobFilter::default()
    };
    Ok(filtered(&f)
        .order((jobs::priority.asc(), jobs::id.asc()))
        .select(jobs::id)
        .load(c)
        .await?)
}

/// Current priorities of the given jobs, ascending.
pub async fn priorities_of(c: &mut PgConn, ids: &[i64]) -> Result<Vec<i32>, DbError> {
    Ok(jobs::table
        .filter(jobs::id.eq_any(ids))
        .order(jobs::priority.asc())
        .select(jobs::priority)
        .load(c)
        .await?)
}

/// Sets one job's priority.
pub async fn set_priority(c: &mut PgConn, id: i64, priority: i32) -> Result<(), DbError> {
    update_one(c, id, jobs::priority.eq(priority)).await
}

/// Applies `change` (a column assignment) to job `id`.
async fn update_one<V>(c: &mut PgConn, id: i64, change: V) -> Result<(), DbError>
where
    V: AsChangeset<Target = jobs::table>,
    diesel::dsl::Update<diesel::dsl::Find<jobs::table, i64>, V>:
        diesel_async::methods::ExecuteDsl<PgConn> + Send,
{
    diesel::update(jobs::table.find(id))
        .set(change)
        .execute(c)
        .await?;
    Ok(())
}

/// Names of policies, locations and clients for references.
pub async fn names(
    c: &mut PgConn,
    policy_ids: &[i64],
    location_ids: &[i64],
    client_ids: &[i64],
) -> Result<(Vec<(i64, String)>, Vec<(i64, String)>, Vec<(i64, String)>), DbError> {
    let p = policies::table
        .filter(policies::id.eq_any(policy_ids))
        .select((policies::id, policies::name))
        .load(c)
        .await?;
    let l = backup_locations::table
        .filter(backup_locations::id.eq_any(location_ids))
        .select((backup_locations::id, backup_locations::name))
        .load(c)
        .await?;
    let cl = clients::table
        .filter(clients::id.eq_any(client_ids))
        .select((clients::id, clients::name))
        .load(c)
        .await?;
    Ok((p, l, cl))
}

/// Jobs using a policy or location (for 409 answers): (id, client name, job name).
pub async fn using(
    c: &mut PgConn,
    policy_id: Option<i64>,
    location_id: Option<i64>,
) -> Result<Vec<(i64, String, String)>, DbError> {
    let mut q = jobs::table.inner_join(clients::table).into_boxed();
    if let Some(p) = policy_id {
        q = q.filter(jobs::policy_id.eq(p));
    }
    if let Some(l) = location_id {
        q = q.filter(jobs::location_id.eq(l));
    }
    first_hundred(c, q).await
}

/// The first 100 jobs of `q` by id, for 409 answers: (id, client name, job name).
async fn first_hundred(
    c: &mut PgConn,
    q: diesel::dsl::IntoBoxed<
        '_,
        diesel::dsl::InnerJoin<jobs::table, clients::table>,
        diesel::pg::Pg,
    >,
) -> Result<Vec<(i64, String, String)>, DbError> {
    Ok(q.order(jobs::id)
        .limit(100)
        .select((jobs::id, clients::name, jobs::name))
        .load(c)
        .await?)
}

/// Jobs (with their client names) that keep snapshots in a location, at most 100.
pub async fn holding_snapshots_in(
    c: &mut PgConn,
    location_id: i64,
) -> Result<Vec<(i64, String, String)>, DbError> {
    use super::schema::snapshots;
    let q = jobs::table
        .inner_join(clients::table)
        .filter(diesel::dsl::exists(
            snapshots::table
                .filter(snapshots::job_id.eq(jobs::id))
                .filter(snapshots::location_id.eq(location_id)),
        ))
        .into_boxed();
    first_hundred(c, q).await
}

/// Records a job's size in bytes.
pub async fn set_size(c: &mut PgConn, id: i64, bytes: i64) -> Result<(), DbError> {
    update_one(c, id, jobs::size_bytes.eq(bytes)).await
}

/// Records a copied job's id on the primary.
pub async fn set_primary_id(c: &mut PgConn, id: i64, primary_id: i64) -> Result<(), DbError> {
    diesel::update(jobs::table.find(id))
        .set(jobs::primary_id.eq(primary_id))
        .execute(c)
        .await?;
    Ok(())
}

/// Records since when a copied job lags behind its primary (`None`: caught up).
pub async fn set_behind_since(
    c: &mut PgConn,
    id: i64,
    since: Option<DateTime<Utc>>,
) -> Result<(), DbError> {
    diesel::update(jobs::table.find(id))
        .set(jobs::replication_behind_since.eq(since))
        .execute(c)
        .await?;
    Ok(())
}

/// The primary snapshots a copied job's last replication saw listed but did not copy.
pub async fn replication_pending(c: &mut PgConn, id: i64) -> Result<Vec<String>, DbError> {
    let names: Option<Vec<Option<String>>> = jobs::table
        .find(id)
        .select(jobs::replication_pending)
        .first(c)
        .await
        .optional()?;
    Ok(names.unwrap_or_default().into_iter().flatten().collect())
}

/// Records the primary snapshots a replication saw listed but did not copy.
pub async fn set_replication_pending(
    c: &mut PgConn,
    id: i64,
    names: &[String],
) -> Result<(), DbError> {
    diesel::update(jobs::table.find(id))
        .set(jobs::replication_pending.eq(names))
        .execute(c)
        .await?;
    Ok(())
}
