//! Backup locations: CRUD (admins), directory checks on save, live status (statvfs), and
//! background removal of deleted clients' and jobs' backup trees.

use std::path::{Path, PathBuf};

use shared::common::Page;
use shared::locations::{Location, LocationInput};

use super::{
    audit, ensure_valid, merge_patch, unique_to_duplicate, Actor, DomainError, FieldIssue,
    PageRequest,
};
use crate::db::locations::{LocationForm, LocationRow};
use crate::db::{self, jobs, locations, DbPool, PgConn};
use crate::engine::usage;

async fn views(c: &mut PgConn, rows: Vec<LocationRow>) -> Result<Vec<Location>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let counts: std::collections::HashMap<i64, i64> =
        locations::job_counts(c, &ids).await?.into_iter().collect();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let dir = PathBuf::from(&r.directory);
        let st = tokio::task::spawn_blocking(move || usage::location_status(&dir))
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?;
        out.push(Location {
            job_count: counts.get(&r.id).copied().unwrap_or(0),
            id: r.id,
            name: r.name,
            directory: r.directory,
            max_parallel_jobs: r.max_parallel_jobs,
            active: r.active,
            status: st,
            created_at: r.created_at,
            updated_at: r.updated_at,
        });
    }
    Ok(out)
}

async fn one(c: &mut PgConn, row: LocationRow) -> Result<Location, DomainError> {
    views(c, vec![row])
        .await?
        .pop()
        .ok_or_else(|| DomainError::Internal("location view".into()))
}

/// One page of locations (everyone may read them to pick one for a job).
pub async fn list(
    pool: &DbPool,
    q: Option<&str>,
    page: PageRequest,
) -> Result<Page<Location>, DomainError> {
    let mut c = db::conn(pool).await?;
    let paging = page.paging();
    let (rows, total) = locations::list(&mut c, q.filter(|s| !s.is_empty()), paging).await?;
    Ok(Page {
        items: views(&mut c, rows).await?,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// One location.
pub async fn get(pool: &DbPool, id: i64) -> Result<Location, DomainError> {
    let mut c = db::conn(pool).await?;
    let row = locations::find(&mut c, id)
        .await?
        .ok_or(DomainError::NotFound)?;
    one(&mut c, row).await
}

async fn check(input: &LocationInput) -> Result<(), DomainError> {
    ensure_valid(input.validate())?;
    let dir = PathBuf::from(&input.directory);
    let st = tokio::task::spawn_blocking(move || usage::location_status(&dir))
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))?;
    if !Path::new(&input.directory).is_dir() || !st.online {
        return Err(DomainError::Validation(vec![FieldIssue::new(
            "directory",
            "directory_missing",
        )]));
    }
    if !st.writable {
        return Err(DomainError::Validation(vec![FieldIssue::new(
            "directory",
            "directory_not_writable",
        )]));
    }
    Ok(())
}

/// `/srv/backups/` → `/srv/backups`; `/` stays `/`.
fn normalized(dir: &str) -> &str {
    match dir.trim_end_matches('/') {
        "" => "/",
        d => d,
    }
}

fn form(input: &LocationInput) -> LocationForm<'_> {
    LocationForm {
        name: input.name.trim(),
        directory: normalized(&input.directory),
        max_parallel_jobs: input.max_parallel_jobs,
        active: input.active,
    }
}

/// Creates a location (admins).
pub async fn create(
    pool: &DbPool,
    actor: Actor,
    input: &LocationInput,
) -> Result<Location, DomainError> {
    actor.require_admin()?;
    check(input).await?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let row = locations::insert(t, &form(input))
            .await
            .map_err(unique_to_duplicate("name"))?;
        let after = one(t, row).await?;
        audit::object(t, actor, None, Some(&after)).await?;
        Ok(after)
    })
    .await
}

/// Replaces a location (admins).
pub async fn update(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    input: &LocationInput,
) -> Result<Location, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    let before = locations::find(&mut c, id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let before = one(&mut c, before).await?;
    check(input).await?;
    // The change and its audit record together; the view (with its disk checks) is read
    // after the change.
    db::transaction(&mut c, async |t| {
        let row = locations::update(t, id, &form(input))
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
) -> Result<Location, DomainError> {
    actor.require_admin()?;
    let cur = get(pool, id).await?;
    let input = LocationInput {
        name: cur.name,
        directory: cur.directory,
        max_parallel_jobs: cur.max_parallel_jobs,
        active: cur.active,
    };
    update(pool, actor, id, &merge_patch(&input, patch)?).await
}

/// Deletes an unused location (admins); 409 with the jobs using it otherwise.
pub async fn delete(pool: &DbPool, actor: Actor, id: i64) -> Result<(), DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    // The checks and the delete in one transaction (the foreign keys still guard the
    // race with a job created meanwhile).
    db::transaction(&mut c, async |t| {
        let before = locations::find(t, id).await?.ok_or(DomainError::NotFound)?;
        let users = jobs::using(t, None, Some(id)).await?;
        if !users.is_empty() {
            return Err(DomainError::InUse(super::jobs::refs(users)));
        }
        // Jobs moved elsewhere may still keep older snapshots here: they are its users too.
        if crate::db::snapshots::any_in_location(t, id).await? {
            let holders = jobs::holding_snapshots_in(t, id).await?;
            return Err(DomainError::InUse(super::jobs::refs(holders)));
        }
        let before = one(t, before).await?;
        locations::delete(t, id).await?;
        audit::object(t, actor, Some(&before), None).await
    })
    .await
}

/// On a database without locations, creates "Default" at `<data dir>/backups`.
pub async fn ensure_default(pool: &DbPool, data_dir: &Path) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    if locations::count(&mut c).await? > 0 {
        return Ok(());
    }
    let dir = std::path::absolute(data_dir.join("backups"))
        .map_err(|e| DomainError::Internal(e.to_string()))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| DomainError::Internal(format!("{}: {e}", dir.display())))?;
    let dir = dir.to_string_lossy().into_owned();
    let f = LocationForm {
        name: "Default",
        directory: &dir,
        max_parallel_jobs: 2,
        active: true,
    };
    match locations::insert(&mut c, &f).await {
        Ok(_) => Ok(()),
        Err(e) if e.is_unique_violation() => Ok(()),
        Err(e) => Err(e.into()),
    }
}
