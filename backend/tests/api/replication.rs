//! Replication between two real servers (each its own database and data directory): a
//! primary backing up the torture tree over a real sshd, a replica pulling its snapshots
//! through `rrsync -ro` on another sshd, with real rsync and PostgreSQL.

#[path = "replication/fake_primary.rs"]
mod fake_primary;

use std::collections::HashSet;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use shared::runs::RunTrigger;

use crate::engine::{run, ssh_job, wait_finished};
use crate::helpers::*;
use crate::manifest::{diff, manifest};
use crate::sshd::Sshd;

/// A primary with the torture tree backed up, and the directory rrsync serves
/// (`<view>/<location id>` is the primary's location).
pub struct Primary {
    pub app: TestApp,
    pub admin: Api,
    pub job: i64,
    pub tree: PathBuf,
    pub view: tempfile::TempDir,
    pub location: i64,
    pub _client_sshd: Sshd,
    pub _src: tempfile::TempDir,
}

pub async fn primary() -> Primary {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (location, _) = app.defaults(&admin).await;
    let view = tempfile::tempdir().unwrap();
    let dir = view.path().join(location.to_string());
    std::fs::create_dir_all(&dir).unwrap();
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    db.execute(
        "UPDATE backup_locations SET directory = $1 WHERE id = $2",
        &[&dir.display().to_string(), &location],
    )
    .await
    .unwrap();
    let sshd = Sshd::start().await;
    let (src, tree) = crate::steps::torture_source().await;
    let (_, job, _) = ssh_job(&app, &admin, &sshd, &tree).await;
    Primary {
        app,
        admin,
        job,
        tree,
        view,
        location,
        _client_sshd: sshd,
        _src: src,
    }
}

impl Primary {
    pub async fn backup(&self) -> Value {
        let r = run(&self.admin, self.job).await;
        assert_eq!(r["result"], "ok", "{r}");
        r
    }

    /// Data directories of the job's snapshots, by name.
    pub async fn snapshots(&self) -> Vec<(String, PathBuf)> {
        snapshot_dirs(
            &self.admin,
            self.job,
            &self.view.path().join(self.location.to_string()),
        )
        .await
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

/// A replica with a source pointing at `p` through an sshd running `rrsync -ro`.
pub struct Replica {
    pub app: TestApp,
    pub admin: Api,
    pub source: i64,
    pub location_dir: PathBuf,
    pub _sshd: Sshd,
}

pub async fn replica(p: &Primary, bwlimit: Option<i32>) -> Replica {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    let location_dir = PathBuf::from(l["directory"].as_str().unwrap());
    let sshd = Sshd::start().await;
    let host_key = std::fs::read_to_string(sshd.dir.path().join("host_ed25519.pub")).unwrap();
    let host_key: Vec<&str> = host_key.split_whitespace().take(2).collect();
    let url = fake_primary::start(
        p.app.db_url.rsplit('/').next().unwrap().to_owned(),
        p.location,
        p.view.path().join(p.location.to_string()),
    )
    .await;
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let mapping = serde_json::json!([{"primary": p.location, "local": loc}]);
    let row = db
        .query_one(
            "INSERT INTO replications (name, url, token, ssh_host, ssh_port, ssh_user, host_key, \
             locations, policy_id, bwlimit_kib) \
             VALUES ('b1', $1, $2, '127.0.0.1', $3, 'root', $4, $5::text::jsonb, $6, $7) RETURNING id",
            &[
                &url,
                &fake_primary::TOKEN,
                &i32::from(sshd.port),
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
    std::fs::write(
        sshd.authorized_keys(),
        format!(
            "restrict,command=\"rrsync -ro {}\" {}",
            p.view.path().display(),
            public.trim()
        ),
    )
    .unwrap();
    Replica {
        app,
        admin,
        source,
        location_dir,
        _sshd: sshd,
    }
}

impl Replica {
    /// Syncs the source and waits for its runs; returns them finished.
    pub async fn replicate(&self) -> Vec<Value> {
        let started = backend::replication::replica::sync::sync(
            &self.app.engine,
            self.source,
            RunTrigger::Manual,
            None,
        )
        .await
        .unwrap();
        let mut out = Vec::new();
        for id in started.runs {
            out.push(wait_finished(&self.admin, id).await);
        }
        out
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
