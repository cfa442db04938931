//! Queries on `policies`. The schedule is stored as JSON of `shared::policies::Schedule`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::policies::PolicyPreset;

use super::paging::{contains_pattern, Paging};
use super::schema::{jobs, policies};
use super::{DbError, PgConn};

/// A row of `policies`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = policies)]
pub struct PolicyRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub include_patterns: Vec<Option<String>>,
    pub exclude_patterns: Vec<Option<String>>,
    pub schedule: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The key of a seeded policy not edited since (`shared::policies::PRESETS`).
    pub preset: Option<PolicyPreset>,
}

/// Values written by create and update.
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = policies)]
pub struct PolicyForm<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub include_patterns: Vec<Option<String>>,
    pub exclude_patterns: Vec<Option<String>>,
    pub schedule: serde_json::Value,
}

/// One page, filtered by name, with the total.
pub async fn list(
    c: &mut PgConn,
    q: Option<&str>,
    paging: Paging,
) -> Result<(Vec<PolicyRow>, i64), DbError> {
    let filter = |query: policies::BoxedQuery<'static, diesel::pg::Pg>| match q {
        Some(q) => query.filter(policies::name.ilike(contains_pattern(q))),
        None => query,
    };
    let total = filter(policies::table.into_boxed())
        .count()
        .get_result(c)
        .await?;
    let rows = filter(policies::table.into_boxed())
        .order(policies::id)
        .offset(paging.offset())
        .limit(paging.per_page)
        .select(PolicyRow::as_select())
        .load(c)
        .await?;
    Ok((rows, total))
}

/// One policy.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<PolicyRow>, DbError> {
    Ok(policies::table
        .find(id)
        .select(PolicyRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Every policy (for the scheduler).
pub async fn all(c: &mut PgConn) -> Result<Vec<PolicyRow>, DbError> {
    Ok(policies::table
        .select(PolicyRow::as_select())
        .load(c)
        .await?)
}

/// Inserts a policy.
/// Every policy's id and schedule (what the minute tick evaluates).
pub async fn all_schedules(c: &mut PgConn) -> Result<Vec<(i64, serde_json::Value)>, DbError> {
    Ok(policies::table
        .select((policies::id, policies::schedule))
        .load(c)
        .await?)
}

pub async fn insert(c: &mut PgConn, f: &PolicyForm<'_>) -> Result<PolicyRow, DbError> {
    Ok(diesel::insert_into(policies::table)
        .values(f)
        .returning(PolicyRow::as_returning())
        .get_result(c)
        .await?)
}

/// Updates a policy. A seeded policy stops being one: its text is now the admin's.
pub async fn update(
    c: &mut PgConn,
    id: i64,
    f: &PolicyForm<'_>,
) -> Result<Option<PolicyRow>, DbError> {
    Ok(diesel::update(policies::table.find(id))
        .set((
            f,
            policies::preset.eq(None::<PolicyPreset>),
            policies::updated_at.eq(diesel::dsl::now),
        ))
        .returning(PolicyRow::as_returning())
        .get_result(c)
        .await
        .optional()?)
}

/// Deletes a policy.
pub async fn delete(c: &mut PgConn, id: i64) -> Result<usize, DbError> {
    Ok(diesel::delete(policies::table.find(id)).execute(c).await?)
}

/// Number of jobs per policy, for the given ids.
pub async fn job_counts(c: &mut PgConn, ids: &[i64]) -> Result<Vec<(i64, i64)>, DbError> {
    Ok(jobs::table
        .filter(jobs::policy_id.eq_any(ids))
        .group_by(jobs::policy_id)
        .select((jobs::policy_id, diesel::dsl::count_star()))
        .load(c)
        .await?)
}
