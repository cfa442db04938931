//! Replication between two real servers (each its own database and data directory): a
//! primary backing up the torture tree over a real sshd, a replica pulling its snapshots
//! through the primary's managed `authorized_keys` and `replication-gate` forced command
//! on another sshd, with the token of a replication access made through the primary's
//! API; real rsync and PostgreSQL.

use std::collections::HashSet;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use shared::runs::RunTrigger;

use crate::engine::{run, ssh_job, wait_finished};
use crate::helpers::*;
use crate::manifest::{diff, manifest};
use crate::replication_access::{backed_up_job, create_access};
use crate::sshd::Sshd;

/// A primary with a job backed up, and the sshd a replica pulls through (reading the
/// primary's managed `authorized_keys`).
pub struct Primary {
    pub app: TestApp,
    pub admin: Api,
    pub job: i64,
    pub tree: PathBuf,
    /// The primary's location, by id and directory.
    pub location: i64,
    pub location_dir: PathBuf,
    pub gate: Sshd,
    pub _client_sshd: Option<Sshd>,
    pub _src: tempfile::TempDir,
}

/// The primary's gate sshd and its location: (gate, location id, location directory).
async fn gate_and_location(app: &TestApp, admin: &Api) -> (Sshd, i64, PathBuf) {
    let (location, _) = app.defaults(admin).await;
    let (_, l) = admin.get(&format!("/api/locations/{location}")).await;
    let dir = PathBuf::from(l["directory"].as_str().unwrap());
    let keys = app._data_dir.path().join("replication/authorized_keys");
    (Sshd::start_with_authorized_keys(&keys).await, location, dir)
}

/// A primary backing up the torture tree over a real sshd, once.
pub async fn primary() -> Primary {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (gate, location, location_dir) = gate_and_location(&app, &admin).await;
    let sshd = Sshd::start().await;
    let (src, tree) = crate::steps::torture_source().await;
    let (_, job, _) = ssh_job(&app, &admin, &sshd, &tree).await;
    Primary {
        app,
        admin,
        job,
        tree,
        location,
        location_dir,
        gate,
        _client_sshd: Some(sshd),
        _src: src,
    }
}

/// A primary with a small local tree (`tree`) backed up once (fast cases).
pub async fn small_primary() -> Primary {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (gate, location, location_dir) = gate_and_location(&app, &admin).await;
    let src = tempfile::tempdir().unwrap();
    let tree = src.path().join("tree");
    let (_, job) = backed_up_job(&app, &admin, &tree).await;
    Primary {
        app,
        admin,
        job,
        tree,
        location,
        location_dir,
        gate,
        _client_sshd: None,
        _src: src,
    }
}

impl Primary {
    pub async fn backup(&self) -> Value {
        // Snapshot names have a one-second resolution.
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let r = run(&self.admin, self.job).await;
        assert_eq!(r["result"], "ok", "{r}");
        r
    }

    /// Data directories of the job's snapshots, by name.
    pub async fn snapshots(&self) -> Vec<(String, PathBuf)> {
        snapshot_dirs(&self.admin, self.job, &self.location_dir).await
    }

    pub fn db_name(&self) -> &str {
        self.app.db_url.rsplit('/').next().unwrap()
    }
}

/// (name, data dir) of a job's snapshots, oldest first.
pub async fn snapshot_dirs(admin: &Api, job: i64, location_dir: &Path) -> Vec<(String, PathBuf)> {
    let (_, snaps) = admin.get(&format!("/api/jobs/{job}/snapshots")).await;
    let (_, j) = admin.get(&format!("/api/jobs/{job}")).await;
    let client = j["client"]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("job {job}: {j}"));
    let mut out: Vec<(String, PathBuf)> = snaps
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let name = s["name"].as_str().unwrap().to_owned();
            let data = location_dir.join(format!("{client}/{job}/snapshots/{name}/data"));
            (name, data)
        })
        .collect();
    out.reverse();
    out
}

/// A replica with a source pointing at `p`: its key pair made where the replica keeps it,
/// the public half given to the primary as a replication access (the primary writes it
/// into its managed `authorized_keys`, behind the gate), the access's token kept.
pub struct Replica {
    pub app: TestApp,
    pub admin: Api,
    pub source: i64,
    pub location_dir: PathBuf,
}

pub async fn replica(p: &Primary, bwlimit: Option<i32>) -> Replica {
    replica_on(p, bwlimit, spawn_app().await).await
}

/// [`replica`] on a server started by the caller (e.g. one that executes nothing).
pub async fn replica_on(p: &Primary, bwlimit: Option<i32>, app: TestApp) -> Replica {
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    let location_dir = PathBuf::from(l["directory"].as_str().unwrap());
    let host_key = std::fs::read_to_string(p.gate.dir.path().join("host_ed25519.pub")).unwrap();
    let host_key: Vec<&str> = host_key.split_whitespace().take(2).collect();
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let mapping = serde_json::json!([{"primary": p.location, "local": loc}]);
    let row = db
        .query_one(
            "INSERT INTO replications (name, url, token, ssh_host, ssh_port, ssh_user, host_key, \
             locations, policy_id, bwlimit_kib) \
             VALUES ('b1', $1, '', '127.0.0.1', $2, 'root', $3, $4::text::jsonb, $5, $6) RETURNING id",
            &[
                &p.app.base,
                &i32::from(p.gate.port),
                &host_key.join(" "),
                &mapping.to_string(),
                &pol,
                &bwlimit,
            ],
        )
        .await
        .unwrap();
    let source: i64 = row.get(0);
    let key = app
        ._data_dir
        .path()
        .join(format!("keys/replication-{source}"));
    std::fs::create_dir_all(key.parent().unwrap()).unwrap();
    let ok = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(ok.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let access = create_access(&p.admin, "replica", public.trim(), Some("127.0.0.1")).await;
    let line = access["authorized_keys_line"].as_str().unwrap();
    assert!(line.contains("replication-gate"), "{line}");
    let keys = std::fs::read_to_string(p.gate.authorized_keys()).unwrap();
    assert!(keys.contains(public.split_whitespace().nth(1).unwrap()));
    db.execute(
        "UPDATE replications SET token = $1, public_key = $2 WHERE id = $3",
        &[&access["token"].as_str().unwrap(), &public.trim(), &source],
    )
    .await
    .unwrap();
    Replica {
        app,
        admin,
        source,
        location_dir,
    }
}

impl Replica {
    /// Syncs the source and waits for its runs; returns them finished.
    pub async fn replicate(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for id in self.start().await {
            out.push(wait_finished(&self.admin, id).await);
        }
        out
    }

    /// Syncs the source; answers the runs it queued, without waiting for them.
    pub async fn start(&self) -> Vec<i64> {
        backend::replication::replica::sync::sync(
            &self.app.engine,
            self.source,
            RunTrigger::Manual,
            None,
        )
        .await
        .unwrap()
        .runs
    }

    pub async fn db(&self) -> tokio_postgres::Client {
        pg(self.app.db_url.rsplit('/').next().unwrap()).await
    }

    /// The copied job's id.
    pub async fn job(&self) -> i64 {
        let db = pg(self.app.db_url.rsplit('/').next().unwrap()).await;
        db.query_one("SELECT id FROM jobs WHERE primary_id IS NOT NULL", &[])
            .await
            .unwrap()
            .get(0)
    }

    pub async fn snapshots(&self) -> Vec<(String, PathBuf)> {
        snapshot_dirs(&self.admin, self.job().await, &self.location_dir).await
    }
}

pub async fn manifest_of(p: &Path) -> Vec<String> {
    let p = p.to_owned();
    tokio::task::spawn_blocking(move || manifest(&p))
        .await
        .unwrap()
}

/// Each replica snapshot equals its primary snapshot, name for name.
pub async fn assert_same(p: &[(String, PathBuf)], r: &[(String, PathBuf)]) {
    let names = |v: &[(String, PathBuf)]| v.iter().map(|s| s.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(p), names(r));
    for ((name, a), (_, b)) in p.iter().zip(r) {
        let (want, got) = (manifest_of(a).await, manifest_of(b).await);
        assert!(
            want == got,
            "snapshot {name} differs:\n{}",
            diff(&want, &got).join("\n")
        );
    }
}

/// Distinct inodes across snapshot data directories.
pub fn inodes(dirs: &[(String, PathBuf)]) -> usize {
    let mut seen = HashSet::new();
    for (_, d) in dirs {
        let mut stack = vec![d.clone()];
        while let Some(p) = stack.pop() {
            let m = std::fs::symlink_metadata(&p).unwrap();
            seen.insert(m.ino());
            if m.is_dir() {
                for e in std::fs::read_dir(&p).unwrap() {
                    stack.push(e.unwrap().path());
                }
            }
        }
    }
    seen.len()
}

#[tokio::test]
async fn the_torture_tree_is_replicated_exactly_resumed_after_a_crash_and_gaps_refilled() {
    let p = primary().await;
    p.backup().await;
    let extra = p.tree.join("extra");
    std::fs::write(&extra, "one percent changed").unwrap();
    p.backup().await;
    std::fs::remove_file(&extra).unwrap();
    p.backup().await;
    let r = replica(&p, None).await;
    let runs = r.replicate().await;
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["result"], "ok", "{}", runs[0]);
    let (ps, rs) = (p.snapshots().await, r.snapshots().await);
    assert_eq!(ps.len(), 3);
    assert_same(&ps, &rs).await;
    assert_eq!(
        inodes(&ps),
        inodes(&rs),
        "hard links between snapshots kept"
    );

    // One more backup with one changed file: the next replication moves exactly it.
    std::fs::write(&extra, "again").unwrap();
    let b = p.backup().await;
    let runs = r.replicate().await;
    assert_eq!(runs[0]["result"], "ok", "{}", runs[0]);
    assert_eq!(
        runs[0]["files_transferred"], b["files_transferred"],
        "{} vs {b}",
        runs[0]
    );
    assert_same(&p.snapshots().await, &r.snapshots().await).await;

    // A crash mid-copy of the middle snapshot: its row and directory gone, a staging
    // with some complete files and a half-written temp file left behind.
    let rs = r.snapshots().await;
    let (middle, data) = rs[1].clone();
    let job = r.job().await;
    let db = pg(r.app.db_url.rsplit('/').next().unwrap()).await;
    db.execute(
        "DELETE FROM snapshots WHERE job_id = $1 AND name = $2",
        &[&job, &middle],
    )
    .await
    .unwrap();
    let snap_dir = data.parent().unwrap().to_owned();
    let staging = snap_dir
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join(format!(".inprogress/replica-{middle}"));
    std::fs::create_dir_all(staging.join("tmp-run-999999")).unwrap();
    std::fs::write(staging.join("tmp-run-999999/.half.XXXX"), "half").unwrap();
    std::fs::rename(&data, staging.join("data")).unwrap();
    std::fs::remove_file(staging.join("data/extra")).ok();
    std::fs::remove_dir_all(&snap_dir).unwrap();
    // Nothing partial is published by a restart's reconciliation either.
    backend::engine::reconcile::at_start(&r.app.engine)
        .await
        .unwrap();
    assert_eq!(r.snapshots().await.len(), 3);
    let runs = r.replicate().await;
    assert_eq!(runs[0]["result"], "ok", "{}", runs[0]);
    assert!(!staging.exists(), "the staging was published");
    let (ps, rs) = (p.snapshots().await, r.snapshots().await);
    assert_same(&ps, &rs).await;
    assert_eq!(inodes(&ps), inodes(&rs));
    let (_, behind) = r.admin.get(&format!("/api/jobs/{job}")).await;
    let lag: Option<chrono::DateTime<chrono::Utc>> = db
        .query_one(
            "SELECT replication_behind_since FROM jobs WHERE id = $1",
            &[&job],
        )
        .await
        .unwrap()
        .get(0);
    assert!(lag.is_none(), "caught up: {behind}");
}
