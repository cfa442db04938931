//! Jobs: listing and filters, create/update within the clients the actor may use,
//! trigger tokens, priorities, delete (backups removed in the background).

use shared::common::Page;
use shared::jobs::{Job, JobInput, Notifications};

use super::references::{check_scripts, name_map, reference, scripts_by_owner, ScriptSlot};
use super::{
    access, audit, ensure_valid, merge_patch, Actor, DomainError, FieldIssue, PageRequest,
};
use crate::db::jobs::{JobFilter, JobForm, JobRow};
use crate::db::paging::strings;
use crate::db::scripts::Owner;
use crate::db::{self, clients, jobs, locations, policies, scripts, DbPool, PgConn};
use crate::engine::places;
use chrono::Utc;
use chrono_tz::Tz;
use shared::jobs::JobSort;

pub use super::job_tokens::{create_token, delete_token};

async fn views(c: &mut PgConn, tz: Tz, rows: Vec<JobRow>) -> Result<Vec<Job>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let late = super::late::of_jobs(c, &tz, Some(&ids), Utc::now()).await?;
    let pids: Vec<i64> = rows.iter().map(|r| r.policy_id).collect();
    let lids: Vec<i64> = rows.iter().map(|r| r.location_id).collect();
    let cids: Vec<i64> = rows.iter().map(|r| r.client_id).collect();
    let (p, l, cl) = jobs::names(c, &pids, &lids, &cids).await?;
    let (p, l, cl) = (name_map(p), name_map(l), name_map(cl));
    let mut scripts = scripts_by_owner(scripts::attached(c, Owner::Job, &ids).await?);
    let copies: std::collections::HashMap<i64, (Option<i64>, Option<String>)> =
        clients::copies(c, &cids)
            .await?
            .into_iter()
            .map(|(id, source, primary)| (id, (source, primary)))
            .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let (pre, post) = scripts.remove(&r.id).unwrap_or_default();
            let (source, primary) = copies.get(&r.client_id).cloned().unwrap_or_default();
            Job {
                id: r.id,
                client: reference(&cl, r.client_id),
                name: r.name,
                description: r.description,
                source_path: r.source_path,
                policy: reference(&p, r.policy_id),
                location: reference(&l, r.location_id),
                include: r.include_patterns.map(strings),
                exclude: r.exclude_patterns.map(strings),
                use_local_permissions: r.use_local_permissions,
                notifications: Notifications {
                    admin: r.notify_admin,
                    owner: r.notify_owner,
                    emails: strings(r.notify_emails),
                    threshold: r.notify_threshold,
                    mode: r.notify_mode,
                },
                late_grace_hours: r.late_grace_hours,
                late: late.contains_key(&r.id),
                late_since: late.get(&r.id).copied(),
                priority: r.priority,
                active: r.active,
                pre_scripts: pre,
                post_scripts: post,
                has_trigger_token: r.trigger_token_hash.is_some(),
                size_bytes: r.size_bytes,
                last_result: r.last_result,
                last_run_at: r.last_run_at,
                created_at: r.created_at,
                updated_at: r.updated_at,
                copy_of: super::references::copy_of(source, primary),
            }
        })
        .collect())
}

/// Filters of the job list.
#[derive(Debug, Clone, Default)]
pub struct JobQuery {
    pub q: Option<String>,
    pub client_id: Option<i64>,
    pub policy_id: Option<i64>,
    pub location_id: Option<i64>,
    pub active: Option<bool>,
    pub late: Option<bool>,
}

/// One page of the jobs the actor may see; lateness is judged in the policies' time zone `tz`.
pub async fn list(
    pool: &DbPool,
    tz: Tz,
    actor: Actor,
    query: &JobQuery,
    sort: JobSort,
    page: PageRequest,
) -> Result<Page<Job>, DomainError> {
    let mut c = db::conn(pool).await?;
    let paging = page.paging();
    let late_ids = super::late::filter_ids(&mut c, &tz, query.late).await?;
    let filter = JobFilter {
        q: query.q.as_deref().filter(|s| !s.is_empty()),
        client_id: query.client_id,
        policy_id: query.policy_id,
        location_id: query.location_id,
        active: query.active,
        owner: actor.owner_filter(),
        ids: late_ids.as_deref().zip(query.late),
    };
    let (rows, total) = jobs::list(&mut c, &filter, sort, paging).await?;
    Ok(Page {
        items: views(&mut c, tz, rows).await?,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

async fn one(c: &mut PgConn, tz: Tz, row: JobRow) -> Result<Job, DomainError> {
    views(c, tz, vec![row])
        .await?
        .pop()
        .ok_or_else(|| DomainError::Internal("job view".into()))
}

/// One job.
pub async fn get(pool: &DbPool, tz: Tz, actor: Actor, id: i64) -> Result<Job, DomainError> {
    let mut c = db::conn(pool).await?;
    let row = access::job(&mut c, actor, id).await?;
    one(&mut c, tz, row).await
}

async fn check(c: &mut PgConn, actor: Actor, input: &JobInput) -> Result<(), DomainError> {
    // A copy's jobs are replication's: none is added to it, nor moved into it.
    super::copies::ensure_client_own(c, input.client_id).await?;
    let mut issues = input.validate();
    match clients::find(c, input.client_id).await? {
        Some(cl) if actor.may_use_client(cl.owner_id) => {
            // A client's restricted keys reach nothing outside their root.
            let connection = serde_json::from_value(cl.connection.clone())
                .map_err(|e| DomainError::Internal(e.to_string()))?;
            let path = &input.source_path;
            if !shared::client_keys::reachable(cl.key_mode, &cl.key_root, &connection, path) {
                issues.push(FieldIssue::new("source_path", "outside_key_root"));
            }
        }
        _ => issues.push(FieldIssue::new("client_id", "not_found")),
    }
    if policies::find(c, input.policy_id).await?.is_none() {
        issues.push(FieldIssue::new("policy_id", "not_found"));
    }
    if locations::find(c, input.location_id).await?.is_none() {
        issues.push(FieldIssue::new("location_id", "not_found"));
    }
    let slots = [
        ("pre_scripts", &input.pre_scripts, ScriptSlot::JobPre),
        ("post_scripts", &input.post_scripts, ScriptSlot::JobPost),
    ];
    for (field, ids, slot) in slots {
        check_scripts(c, field, ids, slot, &mut issues).await?;
    }
    ensure_valid(issues)
}

fn patterns(l: &Option<Vec<String>>) -> Option<Vec<Option<String>>> {
    l.as_ref().map(|v| v.iter().cloned().map(Some).collect())
}

fn form(input: &JobInput) -> JobForm<'_> {
    JobForm {
        client_id: input.client_id,
        name: input.name.trim(),
        description: &input.description,
        source_path: &input.source_path,
        policy_id: input.policy_id,
        location_id: input.location_id,
        include_patterns: patterns(&input.include),
        exclude_patterns: patterns(&input.exclude),
        use_local_permissions: input.use_local_permissions,
        notify_admin: input.notifications.admin,
        notify_owner: input.notifications.owner,
        notify_emails: input
            .notifications
            .emails
            .iter()
            .cloned()
            .map(Some)
            .collect(),
        notify_threshold: input.notifications.threshold,
        notify_mode: input.notifications.mode,
        late_grace_hours: input.late_grace_hours,
        active: input.active,
    }
}

/// Creates a job and attaches its scripts, in one transaction.
pub async fn create(
    pool: &DbPool,
    tz: Tz,
    actor: Actor,
    input: &JobInput,
) -> Result<Job, DomainError> {
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        check(t, actor, input).await?;
        let row = jobs::insert(t, &form(input)).await?;
        scripts::set_attached(
            t,
            Owner::Job,
            row.id,
            &input.pre_scripts,
            &input.post_scripts,
        )
        .await?;
        let job = one(t, tz, row).await?;
        audit::object(t, actor, None, Some(&job)).await?;
        Ok(job)
    })
    .await
}

/// Replaces a job's settings (it may move to another client the actor may use) and its
/// scripts, in one transaction: a failure never leaves a job without its scripts.
pub async fn update(
    pool: &DbPool,
    tz: Tz,
    actor: Actor,
    id: i64,
    input: &JobInput,
) -> Result<Job, DomainError> {
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let row = super::copies::writable_job(t, actor, id).await?;
        let before = one(t, tz, row).await?;
        check(t, actor, input).await?;
        let row = jobs::update(t, id, &form(input))
            .await?
            .ok_or(DomainError::NotFound)?;
        scripts::set_attached(t, Owner::Job, id, &input.pre_scripts, &input.post_scripts).await?;
        let after = one(t, tz, row).await?;
        audit::object(t, actor, Some(&before), Some(&after)).await?;
        Ok(after)
    })
    .await
}

/// The input that would recreate a job as it is.
pub fn input_of(j: &Job) -> JobInput {
    JobInput {
        client_id: j.client.id,
        name: j.name.clone(),
        description: j.description.clone(),
        source_path: j.source_path.clone(),
        policy_id: j.policy.id,
        location_id: j.location.id,
        include: j.include.clone(),
        exclude: j.exclude.clone(),
        use_local_permissions: j.use_local_permissions,
        notifications: j.notifications.clone(),
        late_grace_hours: j.late_grace_hours,
        active: j.active,
        pre_scripts: j.pre_scripts.iter().map(|s| s.id).collect(),
        post_scripts: j.post_scripts.iter().map(|s| s.id).collect(),
    }
}

/// Changes some fields (JSON merge patch).
pub async fn patch(
    pool: &DbPool,
    tz: Tz,
    actor: Actor,
    id: i64,
    patch: &serde_json::Value,
) -> Result<Job, DomainError> {
    let current = get(pool, tz, actor, id).await?;
    let input = merge_patch(&input_of(&current), patch)?;
    update(pool, tz, actor, id, &input).await
}

/// Deletes a job in one transaction; its backups (no rollback) go in the background after it.
pub async fn delete(pool: &DbPool, actor: Actor, id: i64) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    let stores = db::transaction(&mut c, async |t| {
        let job = access::job(t, actor, id).await?;
        if crate::db::runs::active_of_job(t, id).await?.is_some() {
            return Err(DomainError::Code(shared::ErrorCode::RunInProgress));
        }
        // Every store the job ever wrote to, read before its rows go with the job.
        let stores = places::of_jobs(t, std::slice::from_ref(&job)).await?;
        // The audit record keeps the fields a user sets; lateness is not one of them.
        let before = one(t, Tz::UTC, job).await?;
        jobs::delete(t, id).await?;
        audit::object(t, actor, Some(&before), None).await?;
        Ok(stores)
    })
    .await?;
    tokio::spawn(places::remove(stores));
    Ok(())
}

/// Copies a job and its scripts to another client (in a client's cloning): no token, no results.
pub async fn copy_to(c: &mut PgConn, j: &JobRow, client_id: i64) -> Result<(), DomainError> {
    let f = JobForm {
        client_id,
        name: &j.name,
        description: &j.description,
        source_path: &j.source_path,
        policy_id: j.policy_id,
        location_id: j.location_id,
        include_patterns: j.include_patterns.clone(),
        exclude_patterns: j.exclude_patterns.clone(),
        use_local_permissions: j.use_local_permissions,
        notify_admin: j.notify_admin,
        notify_owner: j.notify_owner,
        notify_emails: j.notify_emails.clone(),
        notify_threshold: j.notify_threshold,
        notify_mode: j.notify_mode,
        late_grace_hours: j.late_grace_hours,
        active: j.active,
    };
    let copy = jobs::insert(c, &f).await?;
    let attached = scripts_by_owner(scripts::attached(c, Owner::Job, &[j.id]).await?);
    if let Some((pre, post)) = attached.get(&j.id) {
        let ids = |v: &Vec<shared::common::Ref>| v.iter().map(|r| r.id).collect::<Vec<_>>();
        scripts::set_attached(c, Owner::Job, copy.id, &ids(pre), &ids(post)).await?;
    }
    Ok(())
}

/// New priorities for `order` given the priority values the jobs hold now: the same
/// values, handed out in the new order (so jobs the actor cannot see keep their places).
pub fn reassign(order: &[i64], mut current: Vec<i32>) -> Vec<(i64, i32)> {
    current.sort_unstable();
    // Jobs never ordered all carry i32::MAX: make the values distinct, from the top down.
    for i in (0..current.len().saturating_sub(1)).rev() {
        if current[i] >= current[i + 1] {
            current[i] = current[i + 1].saturating_sub(1);
        }
    }
    order.iter().copied().zip(current).collect()
}

/// Reorders the actor's jobs, all or none: `order` must hold exactly the ids the actor sees.
pub async fn set_priorities(pool: &DbPool, actor: Actor, order: &[i64]) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let visible = jobs::ids_by_priority(t, actor.owner_filter()).await?;
        let mut a = visible.clone();
        let mut b = order.to_vec();
        a.sort_unstable();
        b.sort_unstable();
        if a != b {
            return Err(DomainError::Validation(vec![FieldIssue::new(
                "job_ids", "mismatch",
            )]));
        }
        let values = if actor.is_admin() {
            (1..=visible.len() as i32).collect()
        } else {
            jobs::priorities_of(t, order).await?
        };
        for (id, p) in reassign(order, values) {
            jobs::set_priority(t, id, p).await?;
        }
        Ok(())
    })
    .await
}

/// Jobs as references `client/job`, for 409 answers.
pub fn refs(rows: Vec<(i64, String, String)>) -> Vec<shared::common::Ref> {
    rows.into_iter()
        .map(|(id, client, job)| shared::common::Ref {
            id,
            name: format!("{client}/{job}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reassign_keeps_the_value_set() {
        assert_eq!(
            reassign(&[3, 1, 2], vec![10, 20, 30]),
            vec![(3, 10), (1, 20), (2, 30)]
        );
        // Unordered jobs (MAX) get distinct values.
        let r = reassign(&[1, 2], vec![i32::MAX, i32::MAX]);
        assert_ne!(r[0].1, r[1].1);
    }
}
