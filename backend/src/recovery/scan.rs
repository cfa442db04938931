//! What the location directories given to `recover` hold: their identity file, the
//! catalog dumps, and every published snapshot with valid metadata. Read only.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::catalog::files::{self, LocationFile};
use crate::catalog::names;
use crate::engine::store::{valid_store_path, JobStore, SnapshotMeta};

/// A published snapshot found on disk.
#[derive(Debug, Clone)]
pub struct FoundSnapshot {
    /// `<client id>/<job id>` under the location.
    pub store_path: String,
    pub name: String,
    pub meta: SnapshotMeta,
}

/// One location directory.
#[derive(Debug, Clone)]
pub struct Found {
    /// Absolute.
    pub dir: PathBuf,
    pub file: Option<LocationFile>,
    /// Its catalog dumps: (time, path).
    pub dumps: Vec<(DateTime<Utc>, PathBuf)>,
    pub snapshots: Vec<FoundSnapshot>,
    /// Snapshot directories without valid metadata (or with another job's), left alone.
    pub unreadable: usize,
}

/// Reads one location directory.
pub fn scan(dir: &Path) -> std::io::Result<Found> {
    let dir = std::path::absolute(dir)?;
    let catalog = files::catalog_dir(&dir);
    let dumps = files::names_in(&catalog)?
        .into_iter()
        .filter_map(|n| Some((names::dump_time(&n)?, catalog.join(n))))
        .collect();
    let mut found = Found {
        file: files::read_location_file(&dir),
        dumps,
        snapshots: Vec::new(),
        unreadable: 0,
        dir,
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    for client in files::names_in(&found.dir)? {
        let client_dir = found.dir.join(&client);
        if !digits(&client) || !client_dir.is_dir() {
            continue;
        }
        for job in files::names_in(&client_dir)? {
            let store_path = format!("{client}/{job}");
            let Some(store) = JobStore::at(&found.dir, &store_path) else {
                continue;
            };
            read_store(&mut found, &store, &store_path, &job)?;
        }
    }
    Ok(found)
}

fn read_store(
    found: &mut Found,
    store: &JobStore,
    store_path: &str,
    job: &str,
) -> std::io::Result<()> {
    debug_assert!(valid_store_path(store_path));
    let job_id: Option<i64> = job.parse().ok();
    let published = store.published();
    let listed = files::names_in(&store.snapshots_dir())?.len();
    let mut good = 0;
    for (name, meta) in published {
        // A snapshot's metadata names its own job; anything else is not trusted.
        if Some(meta.job_id) != job_id {
            continue;
        }
        good += 1;
        found.snapshots.push(FoundSnapshot {
            store_path: store_path.to_owned(),
            name,
            meta,
        });
    }
    found.unreadable += listed.saturating_sub(good);
    Ok(())
}

/// The newest catalog dump of all the directories.
pub fn newest_dump(found: &[Found]) -> Option<PathBuf> {
    found
        .iter()
        .flat_map(|f| f.dumps.iter())
        .max_by_key(|(t, _)| *t)
        .map(|(_, p)| p.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(job_id: i64) -> String {
        serde_json::json!({
            "format": 1, "run_id": 3, "job_id": job_id,
            "started_at": "2026-12-01T21:00:00Z", "finished_at": "2026-12-01T21:01:00Z",
            "levels": ["daily"], "rsync_version": "3.4.1", "exit_code": 0, "warnings": false,
            "files": 2, "files_transferred": 2, "total_bytes": 10, "transferred_bytes": 10,
            "literal_bytes": 10
        })
        .to_string()
    }

    #[test]
    fn snapshots_dumps_and_nothing_else_are_found() {
        let d = tempfile::tempdir().unwrap();
        let loc = d.path();
        let snap = |store: &str, name: &str, json: Option<String>| {
            let dir = loc.join(store).join("snapshots").join(name);
            std::fs::create_dir_all(dir.join("data")).unwrap();
            if let Some(j) = json {
                std::fs::write(dir.join("snapshot.json"), j).unwrap();
            }
        };
        snap("1/2", "2026-12-01T210000Z", Some(meta(2)));
        snap("1/2", "2026-12-02T210000Z", Some(meta(2)));
        snap("1/2", "broken", Some("{".into()));
        snap("1/2", "other-job", Some(meta(9)));
        snap("3/4", "2026-12-02T210000Z", None);
        // Not stores: the server's own directory, and names that are not ids.
        snap(".elkarbackup/5", "2026-12-02T210000Z", Some(meta(5)));
        snap("x/6", "2026-12-02T210000Z", Some(meta(6)));
        let cat = files::catalog_dir(loc);
        std::fs::create_dir_all(&cat).unwrap();
        for n in [
            "catalog-2026-12-01T030000Z.dump",
            "catalog-2026-12-02T030000Z.dump",
            "notes",
        ] {
            std::fs::write(cat.join(n), "x").unwrap();
        }
        let f = scan(loc).unwrap();
        let names: Vec<(&str, &str)> = f
            .snapshots
            .iter()
            .map(|s| (s.store_path.as_str(), s.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [("1/2", "2026-12-01T210000Z"), ("1/2", "2026-12-02T210000Z")]
        );
        assert_eq!(f.unreadable, 3);
        assert_eq!(f.dumps.len(), 2);
        assert_eq!(
            newest_dump(std::slice::from_ref(&f)),
            Some(cat.join("catalog-2026-12-02T030000Z.dump"))
        );
        assert_eq!(f.file, None);
    }

    #[test]
    fn old_metadata_without_client_and_job_still_parses() {
        let m: SnapshotMeta = serde_json::from_str(&meta(2)).unwrap();
        assert_eq!((m.job_id, m.files), (2, 2));
        assert!(m.client.is_none() && m.job.is_none() && m.replicated_from.is_none());
        assert!(!m.rewritten_permissions);
        // Parts a newer server wrote differently are dropped, the snapshot is kept.
        let mut v: serde_json::Value = serde_json::from_str(&meta(2)).unwrap();
        v["client"] = serde_json::json!({"id": "not a number"});
        v["job"] = serde_json::json!(42);
        let m: SnapshotMeta = serde_json::from_value(v).unwrap();
        assert!(m.client.is_none() && m.job.is_none());
    }
}
