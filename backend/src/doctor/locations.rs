//! Each backup location: online (its directory exists and is one), writable (a probe file
//! created, fsynced and removed), and with free space and inodes above `min_free_percent`
//! (the engine refuses to start a backup below it) and a warning below [`WARN_PERCENT`].
//! Inactive locations are skipped.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use shared::locations::LocationStatus;

use super::finding::{Check, Finding, Status};
use crate::engine::backup::plan::nearly_full;

/// Below this share of free space or inodes a location gets a warning.
pub const WARN_PERCENT: u64 = 10;
/// A location whose file system does not answer within this long is reported unreachable.
const PROBE_TIMEOUT: Duration = Duration::from_secs(30);

/// What the directory turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Directory,
    NotDirectory,
    Missing,
    /// Could not be examined: the error.
    Unreachable(String),
}

/// What probing a location's directory found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub kind: Kind,
    /// Creating, fsyncing and removing a probe file (only tried in a directory).
    pub write: Result<(), String>,
    /// statvfs's figures (the engine's helper).
    pub status: LocationStatus,
}

/// The location as the database has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub name: String,
    pub directory: String,
    pub active: bool,
}

/// `free` of `total` as a whole percentage rounded down, as the engine compares it (so a
/// location said to have 1 % free is not refused at 1 %), `?` when unknown.
fn percent(free: Option<u64>, total: Option<u64>) -> String {
    match (free, total) {
        (Some(f), Some(t)) if t > 0 => (f.saturating_mul(100) / t).to_string(),
        _ => "?".to_owned(),
    }
}

/// The finding for one location; `probe` is `None` for an inactive one (not probed).
pub fn evaluate(location: &Location, probe: Option<&Probe>, min_free_percent: u64) -> Finding {
    let check = Check::Location(location.name.clone());
    let finding =
        |status, key| Finding::new(check.clone(), status, key).arg("dir", &location.directory);
    let Some(probe) = probe.filter(|_| location.active) else {
        return finding(Status::Skipped, "doctor-location-skipped");
    };
    match &probe.kind {
        Kind::Missing => return finding(Status::Problem, "doctor-location-missing"),
        Kind::NotDirectory => return finding(Status::Problem, "doctor-location-not-directory"),
        Kind::Unreachable(error) => {
            return finding(Status::Problem, "doctor-location-unreachable").arg("reason", error)
        }
        Kind::Directory => {}
    }
    if let Err(error) = &probe.write {
        return finding(Status::Problem, "doctor-location-not-writable").arg("reason", error);
    }
    let s = &probe.status;
    let (status, key) = if nearly_full(s, min_free_percent) {
        (Status::Problem, "doctor-location-full")
    } else if nearly_full(s, WARN_PERCENT) {
        (Status::Warning, "doctor-location-low")
    } else {
        (Status::Ok, "doctor-location-ok")
    };
    finding(status, key)
        .arg("space", percent(s.free_bytes, s.total_bytes))
        .arg("inodes", percent(s.free_inodes, s.total_inodes))
        .arg("min", min_free_percent)
        .arg("warn", WARN_PERCENT.max(min_free_percent))
}

/// Creates a probe file in `dir`, writes and fsyncs it, and removes it.
fn write_probe(dir: &Path) -> std::io::Result<()> {
    let mut file = tempfile::Builder::new()
        .prefix(".elkarbackup-doctor-")
        .tempfile_in(dir)?;
    file.write_all(b"elkarbackup doctor\n")?;
    file.as_file().sync_all()?;
    file.close()
}

fn probe_now(dir: &Path) -> Probe {
    let status = crate::engine::usage::location_status(dir);
    let kind = match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Kind::Directory,
        Ok(_) => Kind::NotDirectory,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Kind::Missing,
        Err(e) => Kind::Unreachable(e.to_string()),
    };
    let write = match kind {
        Kind::Directory => write_probe(dir).map_err(|e| e.to_string()),
        _ => Err(String::new()),
    };
    Probe {
        kind,
        write,
        status,
    }
}

/// Probes `dir` off the executor, giving up on a file system that does not answer.
pub async fn probe(dir: PathBuf) -> Probe {
    let task = tokio::task::spawn_blocking(move || probe_now(&dir));
    let unreachable = |error: String| Probe {
        kind: Kind::Unreachable(error),
        write: Err(String::new()),
        status: LocationStatus {
            online: false,
            writable: false,
            free_bytes: None,
            total_bytes: None,
            free_inodes: None,
            total_inodes: None,
        },
    };
    match tokio::time::timeout(PROBE_TIMEOUT, task).await {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => unreachable(e.to_string()),
        Err(_) => unreachable(format!("no answer within {} s", PROBE_TIMEOUT.as_secs())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(active: bool) -> Location {
        Location {
            name: "Default".into(),
            directory: "/srv/backups".into(),
            active,
        }
    }

    fn dir_with(free: u64, inodes: u64) -> Probe {
        Probe {
            kind: Kind::Directory,
            write: Ok(()),
            status: LocationStatus {
                online: true,
                writable: true,
                free_bytes: Some(free),
                total_bytes: Some(1000),
                free_inodes: Some(inodes),
                total_inodes: Some(1000),
            },
        }
    }

    fn verdict(l: &Location, p: Option<&Probe>, min: u64) -> (Status, &'static str) {
        let f = evaluate(l, p, min);
        (f.status, f.key)
    }

    #[test]
    fn space_and_inodes_against_both_thresholds() {
        let l = location(true);
        assert_eq!(
            verdict(&l, Some(&dir_with(500, 500)), 1),
            (Status::Ok, "doctor-location-ok")
        );
        let f = evaluate(&l, Some(&dir_with(500, 250)), 1);
        assert_eq!((f.get("space"), f.get("inodes")), (Some("50"), Some("25")));
        assert_eq!(
            verdict(&l, Some(&dir_with(99, 500)), 1),
            (Status::Warning, "doctor-location-low")
        );
        assert_eq!(
            verdict(&l, Some(&dir_with(500, 99)), 1),
            (Status::Warning, "doctor-location-low"),
            "inodes count as much as space"
        );
        assert_eq!(verdict(&l, Some(&dir_with(100, 100)), 1).0, Status::Ok);
        assert_eq!(
            verdict(&l, Some(&dir_with(9, 500)), 1),
            (Status::Problem, "doctor-location-full")
        );
        assert_eq!(
            verdict(&l, Some(&dir_with(999, 999)), 100),
            (Status::Problem, "doctor-location-full")
        );
        // Unknown figures are not held against the location (as in the engine).
        let mut unknown = dir_with(0, 0);
        unknown.status.total_bytes = None;
        unknown.status.total_inodes = None;
        let f = evaluate(&l, Some(&unknown), 1);
        assert_eq!((f.status, f.get("space")), (Status::Ok, Some("?")));
    }

    #[test]
    fn missing_files_unwritable_and_inactive_locations() {
        let l = location(true);
        let mut p = dir_with(500, 500);
        p.kind = Kind::Missing;
        assert_eq!(
            verdict(&l, Some(&p), 1),
            (Status::Problem, "doctor-location-missing")
        );
        p.kind = Kind::NotDirectory;
        assert_eq!(
            verdict(&l, Some(&p), 1),
            (Status::Problem, "doctor-location-not-directory")
        );
        p.kind = Kind::Unreachable("Permission denied".into());
        let f = evaluate(&l, Some(&p), 1);
        assert_eq!(
            (f.key, f.get("reason")),
            ("doctor-location-unreachable", Some("Permission denied"))
        );
        p.kind = Kind::Directory;
        p.write = Err("Read-only file system".into());
        assert_eq!(
            verdict(&l, Some(&p), 1),
            (Status::Problem, "doctor-location-not-writable")
        );
        assert_eq!(
            verdict(&location(false), None, 1),
            (Status::Skipped, "doctor-location-skipped")
        );
    }

    #[test]
    fn the_probe_writes_and_leaves_nothing() {
        let d = tempfile::tempdir().unwrap();
        let p = probe_now(d.path());
        assert_eq!((p.kind, p.write), (Kind::Directory, Ok(())));
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
        assert_eq!(probe_now(&d.path().join("nothing")).kind, Kind::Missing);
        let file = d.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        assert_eq!(probe_now(&file).kind, Kind::NotDirectory);
    }
}
