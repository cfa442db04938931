//! Policies: CRUD (reads for everyone, writes for admins), refusing to delete one in use.

use shared::common::Page;
use shared::policies::{Policy, PolicyInput, Schedule};

use super::{
    audit, ensure_valid, merge_patch, unique_to_duplicate, Actor, DomainError, PageRequest,
};
use crate::db::paging::strings;
use crate::db::policies::{PolicyForm, PolicyRow};
use crate::db::{self, jobs, policies, DbPool, PgConn};

/// The schedule stored on a row.
pub fn schedule_of(row: &PolicyRow) -> Result<Schedule, DomainError> {
    serde_json::from_value(row.schedule.clone())
        .map_err(|e| DomainError::Internal(format!("policy {} schedule: {e}", row.id)))
}

async fn views(c: &mut PgConn, rows: Vec<PolicyRow>) -> Result<Vec<Policy>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let counts: std::collections::HashMap<i64, i64> =
        policies::job_counts(c, &ids).await?.into_iter().collect();
    rows.into_iter()
        .map(|r| {
            Ok(Policy {
                schedule: schedule_of(&r)?,
                job_count: counts.get(&r.id).copied().unwrap_or(0),
                id: r.id,
                name: r.name,
                description: r.description,
                include: strings(r.include_patterns),
                exclude: strings(r.exclude_patterns),
                preset: r.preset,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
        })
        .collect()
}

async fn one(c: &mut PgConn, row: PolicyRow) -> Result<Policy, DomainError> {
    views(c, vec![row])
        .await?
        .pop()
        .ok_or_else(|| DomainError::Internal("policy view".into()))
}

/// One page of policies.
pub async fn list(
    pool: &DbPool,
    q: Option<&str>,
    page: PageRequest,
) -> Result<Page<Policy>, DomainError> {
    let mut c = db::conn(pool).await?;
    let paging = page.paging();
    let (rows, total) = policies::list(&mut c, q.filter(|s| !s.is_empty()), paging).await?;
    Ok(Page {
        items: views(&mut c, rows).await?,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// One policy.
pub async fn get(pool: &DbPool, id: i64) -> Result<Policy, DomainError> {
    let mut c = db::conn(pool).await?;
    let row = policies::find(&mut c, id)
        .await?
        .ok_or(DomainError::NotFound)?;
    one(&mut c, row).await
}

fn form(input: &PolicyInput) -> Result<PolicyForm<'_>, DomainError> {
    Ok(PolicyForm {
        name: input.name.trim(),
        description: &input.description,
        include_patterns: input.include.iter().cloned().map(Some).collect(),
        exclude_patterns: input.exclude.iter().cloned().map(Some).collect(),
        schedule: serde_json::to_value(&input.schedule)
            .map_err(|e| DomainError::Internal(e.to_string()))?,
    })
}

/// Creates a policy (admins).
pub async fn create(
    pool: &DbPool,
    actor: Actor,
    input: &PolicyInput,
) -> Result<Policy, DomainError> {
    actor.require_admin()?;
    ensure_valid(input.validate())?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let row = policies::insert(t, &form(input)?)
            .await
            .map_err(unique_to_duplicate("name"))?;
        let after = one(t, row).await?;
        audit::object(t, actor, None, Some(&after)).await?;
        Ok(after)
    })
    .await
}

/// Replaces a policy (admins).
pub async fn update(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    input: &PolicyInput,
) -> Result<Policy, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let before = policies::find(t, id).await?.ok_or(DomainError::NotFound)?;
        let before = one(t, before).await?;
        ensure_valid(input.validate())?;
        let row = policies::update(t, id, &form(input)?)
            .await
            .map_err(unique_to_duplicate("name"))?
            .ok_or(DomainError::NotFound)?;
        let after = one(t, row).await?;
        audit::object(t, actor, Some(&before), Some(&after)).await?;
        Ok(after)
    })
    .await
}

/// Changes some fields (admins).
pub async fn patch(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    patch: &serde_json::Value,
) -> Result<Policy, DomainError> {
    actor.require_admin()?;
    let cur = get(pool, id).await?;
    let input = PolicyInput {
        name: cur.name,
        description: cur.description,
        include: cur.include,
        exclude: cur.exclude,
        schedule: cur.schedule,
    };
    update(pool, actor, id, &merge_patch(&input, patch)?).await
}

/// Deletes an unused policy (admins); 409 with the jobs using it otherwise.
pub async fn delete(pool: &DbPool, actor: Actor, id: i64) -> Result<(), DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let before = policies::find(t, id).await?.ok_or(DomainError::NotFound)?;
        let users = jobs::using(t, Some(id), None).await?;
        if !users.is_empty() {
            return Err(DomainError::InUse(super::jobs::refs(users)));
        }
        let before = one(t, before).await?;
        policies::delete(t, id).await?;
        audit::object(t, actor, Some(&before), None).await
    })
    .await
}

/// The policies' schedules from their stored JSON. One that does not decode must not stop
/// every other job's schedule: it is left out (its jobs are never due, late or listed as
/// next), and the error logged, never dropped silently.
pub fn decodable_schedules<C: FromIterator<(i64, Schedule)>>(
    rows: Vec<(i64, serde_json::Value)>,
) -> C {
    rows.into_iter()
        .filter_map(|(id, v)| match serde_json::from_value(v) {
            Ok(s) => Some((id, s)),
            Err(e) => {
                tracing::error!(policy_id = id, "policy schedule not decodable: {e}");
                None
            }
        })
        .collect()
}
