//! The primary lost (its database dropped, its store and data directory removed): the
//! replica still lists the copied client, job and snapshots, browses and downloads them,
//! and restores a snapshot onto a client over a real sshd; its own keys are untouched;
//! and after a take-over the client's next backup links against the replicated history.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::engine::{ssh_job, wait_finished};
use crate::helpers::*;
use crate::manifest::manifest;
use crate::replication::{manifest_of, replica, small_primary};
use crate::sshd::Sshd;

/// The replica's key pair and pinned known_hosts for its source, with their bytes.
fn replica_secrets(data_dir: &Path, source: i64) -> Vec<(PathBuf, Vec<u8>)> {
    [
        format!("keys/replication-{source}"),
        format!("keys/replication-{source}.pub"),
        format!("known_hosts/replication-{source}"),
    ]
    .iter()
    .map(|p| {
        let p = data_dir.join(p);
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        (p, bytes)
    })
    .collect()
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn after_the_primary_is_wiped_the_replica_lists_browses_downloads_and_restores() {
    let p = small_primary().await;
    std::fs::write(p.tree.join("d/a.txt"), "second\n").unwrap();
    p.backup().await;
    let r = replica(&p, None).await;
    let runs = r.replicate().await;
    assert_eq!(runs[0]["result"], "ok", "{}", runs[0]);
    let primary_snaps = p.snapshots().await;
    let want = manifest_of(&primary_snaps[1].1).await;
    let secrets = replica_secrets(r.app._data_dir.path(), r.source);

    // The primary wiped: database dropped (its connections cut), store and data gone.
    let db = p.db_name().to_owned();
    let admin_db = pg("postgres").await;
    admin_db
        .execute(&format!("DROP DATABASE \"{db}\" WITH (FORCE)"), &[])
        .await
        .unwrap();
    std::fs::remove_dir_all(&p.location_dir).unwrap();
    drop(p);

    // Listed: the copied client (marked as a copy), its job and both snapshots.
    let (_, clients) = r.admin.get("/api/clients").await;
    let copied: Vec<&Value> = clients["items"]
        .as_array()
        .or(clients.as_array())
        .unwrap()
        .iter()
        .filter(|c| !c["copy_of"].is_null())
        .collect();
    assert_eq!(copied.len(), 1, "{clients}");
    let copied_id = copied[0]["id"].as_i64().unwrap();
    let job = r.job().await;
    let (s, snaps) = r.admin.get(&format!("/api/jobs/{job}/snapshots")).await;
    assert_eq!(s, 200, "{snaps}");
    assert_eq!(snaps.as_array().unwrap().len(), 2, "{snaps}");
    let sid = snaps[0]["id"].as_i64().unwrap();
    let rs = r.snapshots().await;
    assert_eq!(manifest_of(&rs[1].1).await, want);

    // Browsed and downloaded.
    let (s, root) = r
        .admin
        .get(&format!("/api/snapshots/{sid}/entries?per_page=100"))
        .await;
    assert_eq!(s, 200, "{root}");
    let mut got = names(&root);
    got.sort();
    assert_eq!(got, ["b.bin", "d"]);
    let res = r
        .admin
        .raw(&format!("/api/snapshots/{sid}/download?path=d/a.txt"), &[])
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "second\n");

    // Restored onto a client of the replica over a real sshd: equal by the manifest.
    let sshd = Sshd::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let empty = scratch.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (cid, _, _) = ssh_job(&r.app, &r.admin, &sshd, &empty).await;
    let target = scratch.path().join("restored");
    let body = json!({"snapshot_id": sid, "path": "", "client_id": cid,
        "target_path": target.display().to_string(), "overwrite": true, "dry_run": false});
    let (s, q) = r.admin.post("/api/restores", body).await;
    assert_eq!(s, 202, "{q}");
    let run = wait_finished(&r.admin, q["run"]["id"].as_i64().unwrap()).await;
    let log = crate::steps::run_log(&r.app, &r.admin, &run["id"]).await;
    assert_eq!(run["result"], "ok", "{run}\n{log}");
    assert_eq!(manifest(&target), want);

    // The replica's own keys and pinned host key: as they were.
    for (path, bytes) in secrets {
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{}", path.display());
    }

    // Take-over: the copy becomes the replica's own client. Pointed at a machine holding
    // the same files (the restored tree), its next backup goes into the same store and
    // links against the replicated history: unchanged files are the same inodes.
    let (s, c) = r
        .admin
        .post(&format!("/api/clients/{copied_id}/take-over"), json!({}))
        .await;
    assert_eq!(s, 200, "{c}");
    sshd.authorize(c["public_key"].as_str().unwrap());
    let conn = json!({"connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}});
    let (s, e) = r
        .admin
        .patch(&format!("/api/clients/{copied_id}"), conn)
        .await;
    assert_eq!(s, 200, "{e}");
    let source = json!({"source_path": target.display().to_string()});
    let (s, e) = r.admin.patch(&format!("/api/jobs/{job}"), source).await;
    assert_eq!(s, 200, "{e}");
    let first = crate::engine::run(&r.admin, job).await;
    assert_eq!(first["error_code"], "host_key_unverified", "{first}");
    let accept = format!("/api/clients/{copied_id}/host-key/accept");
    assert_eq!(r.admin.post(&accept, json!({})).await.0, 200);
    let backup = crate::engine::run(&r.admin, job).await;
    assert_eq!(backup["result"], "ok", "{backup}");
    // (The job is no longer marked as copied: found by its id.)
    let after = crate::replication::snapshot_dirs(&r.admin, job, &r.location_dir).await;
    assert_eq!(after.len(), 3, "{after:?}");
    let (replicated, taken) = (&after[1].1, &after[2].1);
    assert_eq!(manifest_of(taken).await, want);
    for f in ["d/a.txt", "b.bin"] {
        use std::os::unix::fs::MetadataExt;
        let ino = |d: &Path| std::fs::metadata(d.join(f)).unwrap().ino();
        assert_eq!(
            ino(replicated),
            ino(taken),
            "{f} is linked, not copied again"
        );
    }
}
