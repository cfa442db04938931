//! The catalog's locations and the directories `recover` was given: each directory maps to
//! the location its `location.json` names (when that file is this catalog's), else to the
//! location already at that path, else to an unused location of the same name, else to a
//! new location. Afterwards each directory's `location.json` says whose it is now.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::report::{LocationLine, Report};
use super::scan::Found;
use crate::catalog::files::{self, LocationFile};
use crate::db::locations::LocationRow;
use crate::db::{self, DbError, PgConn};

/// The location id of each found directory, in the same order.
pub async fn map(
    t: &mut PgConn,
    found: &[Found],
    catalog_id: uuid::Uuid,
    report: &mut Report,
) -> Result<Vec<i64>, DbError> {
    let rows = db::recovery::locations(t).await?;
    let mut taken: Vec<i64> = Vec::new();
    let mut ids = Vec::new();
    for f in found {
        let dir = f.dir.to_string_lossy().into_owned();
        let ours = f.file.as_ref().filter(|l| l.catalog_id == catalog_id);
        let free = |r: &&LocationRow| !taken.contains(&r.id);
        let mut row = ours
            .and_then(|l| rows.iter().filter(free).find(|r| r.id == l.location_id))
            .or_else(|| rows.iter().filter(free).find(|r| r.directory == dir));
        if row.is_none() {
            if let Some(l) = &f.file {
                row = unused_named(t, &rows, &taken, &l.name).await?;
            }
        }
        let id = match row {
            Some(r) => {
                if r.directory != dir {
                    db::recovery::set_directory(t, r.id, &dir).await?;
                }
                report
                    .locations
                    .push(LocationLine::Mapped(r.name.clone(), f.dir.clone()));
                r.id
            }
            None => create(t, f, &rows, report).await?,
        };
        taken.push(id);
        ids.push(id);
    }
    for r in rows.iter().filter(|r| !taken.contains(&r.id)) {
        if !Path::new(&r.directory).is_dir() {
            report.locations.push(LocationLine::Missing(
                r.name.clone(),
                PathBuf::from(&r.directory),
            ));
        }
    }
    Ok(ids)
}

/// A location of this name that holds nothing yet (a fresh installation's default one).
async fn unused_named<'r>(
    t: &mut PgConn,
    rows: &'r [LocationRow],
    taken: &[i64],
    name: &str,
) -> Result<Option<&'r LocationRow>, DbError> {
    let Some(r) = rows
        .iter()
        .find(|r| !taken.contains(&r.id) && r.name.to_lowercase() == name.to_lowercase())
    else {
        return Ok(None);
    };
    let jobs = db::locations::job_counts(t, &[r.id]).await?;
    let used = jobs.iter().any(|(_, n)| *n > 0) || db::snapshots::any_in_location(t, r.id).await?;
    Ok((!used).then_some(r))
}

/// A new location for a directory the catalog lacks: its old id and name when free.
async fn create(
    t: &mut PgConn,
    f: &Found,
    rows: &[LocationRow],
    report: &mut Report,
) -> Result<i64, DbError> {
    let wanted = f
        .file
        .as_ref()
        .map(|l| l.name.clone())
        .or_else(|| f.dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Recovered".to_owned());
    let mut name = wanted.clone();
    let mut n = 1;
    while db::recovery::location_name_taken(t, &name).await? {
        n += 1;
        name = format!("{wanted} ({n})");
    }
    let old_id = f
        .file
        .as_ref()
        .map(|l| l.location_id)
        .filter(|id| !rows.iter().any(|r| r.id == *id));
    let dir = f.dir.to_string_lossy();
    let id = db::recovery::insert_location(
        t,
        &db::recovery::NewLocation {
            id: old_id,
            name: &name,
            directory: &dir,
            active: true,
        },
    )
    .await?;
    report
        .locations
        .push(LocationLine::Created(name, f.dir.clone()));
    Ok(id)
}

/// Writes each directory's `location.json` for the recovered catalog (best effort: the
/// server writes it again with its next dump).
pub fn claim(found: &[Found], ids: &[i64], names: &[(i64, String)], catalog_id: uuid::Uuid) {
    for (f, id) in found.iter().zip(ids) {
        let name = names
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        let file = LocationFile {
            format: 1,
            catalog_id,
            location_id: *id,
            name,
            written_at: Utc::now(),
        };
        if let Err(e) = files::write_location_file(&f.dir, &file) {
            tracing::warn!("writing {}: {e}", files::own_dir(&f.dir).display());
        }
    }
}
