//! The snapshots found on disk and the catalog: rows of snapshots no longer on disk go;
//! every published snapshot the catalog lacks is added, as `reconcile` adds one after a
//! crash; a job (and its client, and a missing policy) the catalog lacks is made again
//! from its newest snapshot's metadata, under its old ids, so that store paths still
//! match.

use std::collections::BTreeMap;

use super::checked::{self, Checked};
use super::report::Report;
use super::scan::{Found, FoundSnapshot};
use crate::db::clients::ClientForm;
use crate::db::jobs::JobForm;
use crate::db::recovery::{NewClient, NewJob};
use crate::db::{self, clients, policies, snapshots, users, DbError, PgConn};
use crate::engine::reconcile::adopted_row;
use crate::engine::store::{ClientAbout, JobAbout, JobStore, PolicyAbout};

/// A snapshot found on disk, with the location it was found in.
struct Placed<'a> {
    location_id: i64,
    snap: &'a FoundSnapshot,
}

/// Removes the rows of snapshots that the given directories no longer hold (a dump is up
/// to a day old: retention may have removed some since). Only rows of the locations
/// given are looked at; the data is never touched.
pub async fn remove_stale(
    t: &mut PgConn,
    found: &[Found],
    ids: &[i64],
    report: &mut Report,
) -> Result<(), DbError> {
    let mut gone = Vec::new();
    for (f, location_id) in found.iter().zip(ids) {
        for (id, store_path, name) in db::recovery::snapshots_in(t, *location_id).await? {
            let on_disk = JobStore::at(&f.dir, &store_path)
                .is_some_and(|s| s.snapshots_dir().join(&name).is_dir());
            if !on_disk {
                gone.push(id);
            }
        }
    }
    report.stale_rows += snapshots::delete(t, &gone).await?;
    Ok(())
}

/// Adds every snapshot found that the catalog lacks, making its job first when needed.
pub async fn adopt_all(
    t: &mut PgConn,
    found: &[Found],
    ids: &[i64],
    report: &mut Report,
) -> Result<(), DbError> {
    let mut by_job: BTreeMap<i64, Vec<Placed>> = BTreeMap::new();
    for (f, location_id) in found.iter().zip(ids) {
        report.unreadable += f.unreadable;
        for snap in &f.snapshots {
            by_job.entry(snap.meta.job_id).or_default().push(Placed {
                location_id: *location_id,
                snap,
            });
        }
    }
    let mut policies_made: Vec<(PolicyAbout, i64)> = Vec::new();
    for (job_id, placed) in by_job {
        if !db::recovery::job_exists(t, job_id).await?
            && !make_job(t, job_id, &placed, &mut policies_made, report).await?
        {
            report.snapshots_skipped += placed.len();
            continue;
        }
        for p in placed {
            let s = p.snap;
            if snapshots::exists(t, job_id, p.location_id, &s.store_path, &s.name).await? {
                continue;
            }
            let row = adopted_row(
                t,
                job_id,
                p.location_id,
                &s.store_path,
                s.name.clone(),
                &s.meta,
            )
            .await?;
            snapshots::insert(t, &row).await?;
            report.snapshots_adopted += 1;
        }
    }
    Ok(())
}

/// Makes job `job_id` again from its newest snapshot that describes it; `false` when none
/// does (or what it says would be refused by the API).
async fn make_job(
    t: &mut PgConn,
    job_id: i64,
    placed: &[Placed<'_>],
    policies_made: &mut Vec<(PolicyAbout, i64)>,
    report: &mut Report,
) -> Result<bool, DbError> {
    let newest = placed
        .iter()
        .filter_map(|p| {
            let m = &p.snap.meta;
            Some((
                m.started_at,
                p.location_id,
                m.client.as_ref()?,
                m.job.as_ref()?,
            ))
        })
        .max_by_key(|(at, ..)| *at);
    let Some((_, location_id, client, job)) = newest else {
        return Ok(false);
    };
    let checked = match checked::check(client, job) {
        Ok(c) => c,
        Err(fields) => {
            tracing::warn!(
                job_id,
                "not made again from its metadata: {}",
                fields.join(", ")
            );
            return Ok(false);
        }
    };
    let client_id = ensure_client(t, client, &checked, report).await?;
    let policy_id = ensure_policy(t, &job.policy, policies_made, report).await?;
    insert_job(
        t,
        job_id,
        job,
        &checked,
        (client_id, policy_id, location_id),
    )
    .await?;
    report.jobs_made += 1;
    Ok(true)
}

/// Wraps texts for an array column.
fn column(v: &[String]) -> Vec<Option<String>> {
    v.iter().cloned().map(Some).collect()
}

async fn insert_job(
    t: &mut PgConn,
    job_id: i64,
    job: &JobAbout,
    checked: &Checked,
    (client_id, policy_id, location_id): (i64, i64, i64),
) -> Result<(), DbError> {
    let form = JobForm {
        client_id,
        name: &job.name,
        description: &job.description,
        source_path: &job.source_path,
        policy_id,
        // Where its newest snapshot is: where it backed up last.
        location_id,
        include_patterns: job.include_patterns.as_deref().map(column),
        exclude_patterns: job.exclude_patterns.as_deref().map(column),
        use_local_permissions: job.use_local_permissions,
        notify_admin: job.notify_admin,
        notify_owner: job.notify_owner,
        notify_emails: column(&job.notify_emails),
        notify_threshold: checked.threshold,
        notify_mode: checked.mode,
        late_grace_hours: job.late_grace_hours,
        active: job.active,
    };
    let new = NewJob {
        id: job_id,
        form,
        priority: job.priority,
    };
    db::recovery::insert_job(t, &new).await
}

/// The client under its old id: the one the catalog has, or made again (its name made
/// unique if another client took it; its owner when that user exists).
async fn ensure_client(
    t: &mut PgConn,
    c: &ClientAbout,
    checked: &Checked,
    report: &mut Report,
) -> Result<i64, DbError> {
    if clients::find(t, c.id).await?.is_some() {
        return Ok(c.id);
    }
    let names = clients::all_names(t).await?;
    let name = free_name(&c.name, names.iter().map(|(_, n)| n.as_str()));
    let owner_id = match &c.owner {
        Some(u) => users::find_by_username(t, u).await?.map(|u| u.id),
        None => None,
    };
    let connection = serde_json::to_value(&checked.connection)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let form = ClientForm {
        name: &name,
        description: &c.description,
        connection,
        active: c.active,
        owner_id,
        quota_bytes: c.quota_bytes,
        max_parallel_jobs: c.max_parallel_jobs,
        ssh_options: column(&c.ssh_options),
        rsync_options: column(&c.rsync_options),
        key_mode: super::checked::key_mode(c),
        key_root: &c.key_root,
    };
    let new = NewClient {
        id: c.id,
        form,
        public_key: &c.public_key,
        host_key: c.host_key.as_deref(),
    };
    db::recovery::insert_client(t, &new).await?;
    report.clients_made += 1;
    Ok(c.id)
}

/// A policy with this name and this very definition, else one made from it (under a
/// free name); one made during this recovery is reused by the next jobs that had it.
async fn ensure_policy(
    t: &mut PgConn,
    p: &PolicyAbout,
    made: &mut Vec<(PolicyAbout, i64)>,
    report: &mut Report,
) -> Result<i64, DbError> {
    let same = |a: &PolicyAbout| {
        a.name == p.name
            && a.schedule == p.schedule
            && a.include_patterns == p.include_patterns
            && a.exclude_patterns == p.exclude_patterns
    };
    if let Some((_, id)) = made.iter().find(|(a, _)| same(a)) {
        return Ok(*id);
    }
    let texts = |v: &[Option<String>]| v.iter().flatten().cloned().collect::<Vec<_>>();
    let rows = policies::all(t).await?;
    for row in &rows {
        let existing = PolicyAbout {
            id: row.id,
            name: row.name.clone(),
            description: row.description.clone(),
            include_patterns: texts(&row.include_patterns),
            exclude_patterns: texts(&row.exclude_patterns),
            schedule: row.schedule.clone(),
        };
        if existing.name.to_lowercase() == p.name.to_lowercase() && same_definition(&existing, p) {
            return Ok(row.id);
        }
    }
    let name = free_name(&p.name, rows.iter().map(|r| r.name.as_str()));
    let row = policies::insert(
        t,
        &policies::PolicyForm {
            name: &name,
            description: &p.description,
            include_patterns: column(&p.include_patterns),
            exclude_patterns: column(&p.exclude_patterns),
            schedule: p.schedule.clone(),
        },
    )
    .await?;
    report.policies_made += 1;
    made.push((p.clone(), row.id));
    Ok(row.id)
}

/// Same schedule and patterns; schedules compared as parsed (defaults filled in).
fn same_definition(a: &PolicyAbout, b: &PolicyAbout) -> bool {
    let parsed = |p: &PolicyAbout| checked::schedule_of(p).ok();
    a.include_patterns == b.include_patterns
        && a.exclude_patterns == b.exclude_patterns
        && parsed(a).is_some()
        && parsed(a) == parsed(b)
}

/// `wanted`, or `wanted (2)`, `wanted (3)`… the first that no name in `taken` equals,
/// ignoring case (as the unique indexes do).
pub fn free_name<'a>(wanted: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let used = |n: &str| taken.clone().any(|t| t.to_lowercase() == n.to_lowercase());
    let mut name = wanted.to_owned();
    let mut n = 1;
    while used(&name) {
        n += 1;
        name = format!("{wanted} ({n})");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_a_number() {
        let taken = ["Default", "fileserver", "FileServer (2)"];
        assert_eq!(free_name("web", taken.iter().copied()), "web");
        assert_eq!(free_name("default", taken.iter().copied()), "default (2)");
        assert_eq!(
            free_name("fileserver", taken.iter().copied()),
            "fileserver (3)"
        );
    }
}
