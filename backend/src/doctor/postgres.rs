//! PostgreSQL: the programs (the managed cluster's `initdb` and `postgres`, and `pg_dump` /
//! `pg_restore` for the catalog's dumps and its recovery), and, when the server runs the
//! cluster as root, whether the `postgres` user can reach the data directory (the same
//! probe the cluster runs before `initdb`).

use std::path::{Path, PathBuf};

use nix::unistd::{Uid, User};

use super::finding::{Check, Finding, Status};
use crate::db::cluster::find_bin_dir;
use crate::db::cluster_access::blocking_directory;

/// The managed cluster's own programs.
pub const SERVER_PROGRAMS: [&str; 2] = ["initdb", "postgres"];
/// The client programs the catalog's dumps and recovery run.
pub const CLIENT_PROGRAMS: [&str; 2] = ["pg_dump", "pg_restore"];

/// Where the programs were looked for and found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programs {
    /// The server runs its own cluster (no `DATABASE_URL`).
    pub managed: bool,
    /// `postgres_bin_dir`, when set.
    pub configured: Option<PathBuf>,
    /// The directory holding `initdb` and `postgres`, if any.
    pub server_dir: Option<PathBuf>,
    /// Each needed program and where it is, if anywhere.
    pub found: Vec<(&'static str, Option<PathBuf>)>,
}

/// The program `name`: in `dir` when given, else on the `PATH`.
fn locate(name: &str, dir: Option<&Path>) -> Option<PathBuf> {
    if let Some(d) = dir {
        return Some(d.join(name)).filter(|p| p.is_file());
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

impl Programs {
    /// Looks for the programs as the server does: the configured directory, else the newest
    /// Debian `/usr/lib/postgresql/<version>/bin`, else the `PATH`.
    pub fn find(managed: bool, configured: Option<&Path>) -> Self {
        let server_dir = find_bin_dir(configured).ok();
        let names: Vec<&'static str> = if managed {
            SERVER_PROGRAMS
                .iter()
                .chain(&CLIENT_PROGRAMS)
                .copied()
                .collect()
        } else {
            CLIENT_PROGRAMS.to_vec()
        };
        let dir = server_dir.as_deref().or(configured);
        let found = names.into_iter().map(|n| (n, locate(n, dir))).collect();
        Programs {
            managed,
            configured: configured.map(Path::to_owned),
            server_dir,
            found,
        }
    }
}

/// The finding on the programs.
pub fn evaluate_programs(p: &Programs) -> Finding {
    let finding = |status, key| Finding::new(Check::Postgres, status, key);
    if p.managed && p.server_dir.is_none() {
        return match &p.configured {
            Some(dir) => {
                finding(Status::Problem, "doctor-postgres-bin-dir-wrong").arg("dir", dir.display())
            }
            None => finding(Status::Problem, "doctor-postgres-not-installed"),
        };
    }
    let missing: Vec<&str> = p
        .found
        .iter()
        .filter(|(_, at)| at.is_none())
        .map(|(n, _)| *n)
        .collect();
    let names = |v: Vec<&str>| v.join(", ");
    let dir = p
        .server_dir
        .as_ref()
        .or(p.configured.as_ref())
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "PATH".to_owned());
    if !missing.is_empty() {
        let key = if p.managed {
            "doctor-postgres-programs-missing"
        } else {
            "doctor-postgres-client-missing"
        };
        return finding(Status::Problem, key)
            .arg("missing", names(missing))
            .arg("dir", dir);
    }
    let all = p.found.iter().map(|(n, _)| *n).collect();
    let places: Vec<String> = p
        .found
        .iter()
        .filter_map(|(_, at)| at.as_ref()?.parent().map(|d| d.display().to_string()))
        .collect();
    let at = places.first().cloned().unwrap_or(dir);
    finding(Status::Ok, "doctor-postgres-programs-ok")
        .arg("programs", names(all))
        .arg("dir", at)
}

/// Whether the `postgres` user can reach the cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Not root: the cluster runs as this user, who owns the data directory.
    NotRoot,
    NoPostgresUser,
    /// It can enter every directory above the data directory.
    Reachable,
    /// This directory refuses it.
    Blocked(PathBuf),
}

/// The finding on access to `cluster` (`<data dir>/postgres`), none when not root.
pub fn evaluate_access(access: &Access, cluster: &Path) -> Option<Finding> {
    let finding = |status, key| Finding::new(Check::Postgres, status, key);
    Some(match access {
        Access::NotRoot => return None,
        Access::NoPostgresUser => finding(Status::Problem, "doctor-postgres-no-user"),
        Access::Reachable => {
            finding(Status::Ok, "doctor-postgres-access-ok").arg("cluster", cluster.display())
        }
        // The same words as the server's refusal to start.
        Access::Blocked(dir) => finding(Status::Problem, "cli-postgres-blocked")
            .arg("dir", dir.display())
            .arg("cluster", cluster.display()),
    })
}

/// Probes the directories above `data_dir` as the `postgres` user (when root), by starting
/// `postgres_program` in each, as the cluster does before `initdb`. The data directory
/// itself is left out: the server opens it for that user when it starts (mode 0711).
pub async fn probe_access(data_dir: &Path, postgres_program: &Path) -> Access {
    if !Uid::effective().is_root() {
        return Access::NotRoot;
    }
    let Some(user) = User::from_name("postgres").ok().flatten() else {
        return Access::NoPostgresUser;
    };
    let absolute = std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.to_owned());
    let Some(parent) = absolute.parent() else {
        return Access::Reachable;
    };
    match blocking_directory(postgres_program, parent, user.uid, user.gid).await {
        Some(dir) => Access::Blocked(dir),
        None => Access::Reachable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programs(
        managed: bool,
        server_dir: Option<&str>,
        found: &[(&'static str, bool)],
    ) -> Programs {
        let dir = server_dir.map(PathBuf::from);
        Programs {
            managed,
            configured: None,
            server_dir: dir.clone(),
            found: found
                .iter()
                .map(|(n, ok)| {
                    let at = dir.clone().unwrap_or_else(|| "/usr/bin".into()).join(n);
                    (*n, ok.then_some(at))
                })
                .collect(),
        }
    }

    #[test]
    fn programs_found_missing_or_in_a_wrong_directory() {
        let bin = Some("/usr/lib/postgresql/15/bin");
        let all = [
            ("initdb", true),
            ("postgres", true),
            ("pg_dump", true),
            ("pg_restore", true),
        ];
        let f = evaluate_programs(&programs(true, bin, &all));
        assert_eq!(
            (f.status, f.key),
            (Status::Ok, "doctor-postgres-programs-ok")
        );
        assert_eq!(
            f.get("programs"),
            Some("initdb, postgres, pg_dump, pg_restore")
        );
        assert_eq!(f.get("dir"), bin);
        let mut no_dump = all;
        no_dump[2].1 = false;
        no_dump[3].1 = false;
        let f = evaluate_programs(&programs(true, bin, &no_dump));
        assert_eq!(
            (f.status, f.key),
            (Status::Problem, "doctor-postgres-programs-missing")
        );
        assert_eq!(f.get("missing"), Some("pg_dump, pg_restore"));
        let f = evaluate_programs(&programs(true, None, &[]));
        assert_eq!(f.key, "doctor-postgres-not-installed");
        let mut wrong = programs(true, None, &[]);
        wrong.configured = Some("/opt/nowhere".into());
        let f = evaluate_programs(&wrong);
        assert_eq!(
            (f.key, f.get("dir")),
            ("doctor-postgres-bin-dir-wrong", Some("/opt/nowhere"))
        );
        // With DATABASE_URL only the client programs are needed, from anywhere.
        let f = evaluate_programs(&programs(
            false,
            None,
            &[("pg_dump", true), ("pg_restore", true)],
        ));
        assert_eq!((f.status, f.get("dir")), (Status::Ok, Some("/usr/bin")));
        let f = evaluate_programs(&programs(
            false,
            None,
            &[("pg_dump", false), ("pg_restore", true)],
        ));
        assert_eq!(
            (f.key, f.get("missing")),
            ("doctor-postgres-client-missing", Some("pg_dump"))
        );
    }

    #[test]
    fn access_findings() {
        let cluster = Path::new("/srv/eb/postgres");
        assert_eq!(evaluate_access(&Access::NotRoot, cluster), None);
        let f = evaluate_access(&Access::Blocked("/srv".into()), cluster).unwrap();
        assert_eq!((f.status, f.key), (Status::Problem, "cli-postgres-blocked"));
        assert_eq!(
            (f.get("dir"), f.get("cluster")),
            (Some("/srv"), Some("/srv/eb/postgres"))
        );
        assert_eq!(
            evaluate_access(&Access::Reachable, cluster).unwrap().status,
            Status::Ok
        );
        assert_eq!(
            evaluate_access(&Access::NoPostgresUser, cluster)
                .unwrap()
                .status,
            Status::Problem
        );
    }
}
