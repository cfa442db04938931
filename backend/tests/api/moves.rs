//! A job moved to another location, then to another client, keeps its history: every older
//! snapshot is browsed, downloaded and restored from where it lies, the next run links to
//! the newest snapshot across the move, retention trashes old snapshots in their own store,
//! and deleting the job removes every store it ever had.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

use crate::engine::{run, wait_finished};
use crate::faults::local_job;
use crate::helpers::*;

/// A second location in a directory of its own.
async fn location(admin: &Api, dir: &Path) -> i64 {
    let (s, l) = admin
        .post(
            "/api/locations",
            json!({"name": format!("second-{}", dir.display()), "directory": dir.display().to_string()}),
        )
        .await;
    assert_eq!(s, 201, "{l}");
    l["id"].as_i64().unwrap()
}

/// Another local client.
async fn local_client(admin: &Api, name: &str) -> i64 {
    let (s, c) = admin
        .post(
            "/api/clients",
            json!({"name": name, "connection": {"kind": "local"}}),
        )
        .await;
    assert_eq!(s, 201, "{c}");
    c["id"].as_i64().unwrap()
}

async fn location_dir(admin: &Api, id: i64) -> PathBuf {
    let (_, l) = admin.get(&format!("/api/locations/{id}")).await;
    PathBuf::from(l["directory"].as_str().unwrap())
}

/// The job's snapshots, newest first, as `(id, name)`.
async fn snapshots(admin: &Api, jid: i64) -> Vec<(i64, String)> {
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    snaps
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_i64().unwrap(),
                s["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Browsing, downloading and restoring a snapshot all work: `docs/a.txt` reads `want`.
async fn readable(admin: &Api, sid: i64, client: i64, want: &str, target: &Path) {
    let (s, page) = admin
        .get(&format!("/api/snapshots/{sid}/entries?path=docs"))
        .await;
    assert_eq!(s, 200, "snapshot {sid}: {page}");
    assert_eq!(page["items"][0]["name"], "a.txt", "{page}");
    let res = admin
        .raw(
            &format!("/api/snapshots/{sid}/download?path=docs%2Fa.txt"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 200, "download of snapshot {sid}");
    assert_eq!(res.text().await.unwrap(), want);
    let (s, q) = admin
        .post(
            "/api/restores",
            json!({"snapshot_id": sid, "path": "docs", "client_id": client,
                "target_path": target.display().to_string()}),
        )
        .await;
    assert_eq!(s, 202, "{q}");
    let r = wait_finished(admin, q["run"]["id"].as_i64().unwrap()).await;
    assert_eq!(r["result"], "ok", "restore of snapshot {sid}: {r}");
    // Without `overwrite`, a new `restore-<time>` directory is made in the target.
    let dest = PathBuf::from(r["restore"]["destination"].as_str().unwrap());
    assert!(dest.starts_with(target), "{r}");
    assert_eq!(
        std::fs::read_to_string(dest.join("docs/a.txt")).unwrap(),
        want,
        "restored from snapshot {sid}"
    );
}

async fn move_job(admin: &Api, jid: i64, patch: Value) {
    let (s, j) = admin.patch(&format!("/api/jobs/{jid}"), patch).await;
    assert_eq!(s, 200, "{j}");
}

/// Waits (the removal runs in the background) until none of `dirs` exists.
async fn wait_gone(dirs: &[PathBuf]) {
    for _ in 0..100 {
        if dirs.iter().all(|d| !d.exists()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let left: Vec<_> = dirs.iter().filter(|d| d.exists()).collect();
    panic!("still on disk: {left:?}");
}

#[tokio::test]
async fn a_moved_job_keeps_its_history_and_its_deletion_removes_every_store() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::create_dir(src.path().join("docs")).unwrap();
    std::fs::write(src.path().join("docs/a.txt"), "one").unwrap();
    std::fs::write(src.path().join("same.bin"), vec![7u8; 100_000]).unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let jid = local_job(&app, &admin, src.path()).await;
    let (_, job) = admin.get(&format!("/api/jobs/{jid}")).await;
    let (c1, l1) = (
        job["client"]["id"].as_i64().unwrap(),
        job["location"]["id"].as_i64().unwrap(),
    );
    let second = tempfile::tempdir().unwrap();
    let l2 = location(&admin, second.path()).await;
    let c2 = local_client(&admin, &format!("other-{jid}")).await;
    let (d1, d2) = (
        location_dir(&admin, l1).await,
        location_dir(&admin, l2).await,
    );
    let restores = tempfile::tempdir().unwrap();

    assert_eq!(run(&admin, jid).await["result"], "ok");
    let s1 = snapshots(&admin, jid).await[0].0;

    // To another location: the first snapshot stays readable where it is.
    move_job(&admin, jid, json!({"location_id": l2})).await;
    readable(&admin, s1, c1, "one", &restores.path().join("r1")).await;
    std::fs::write(src.path().join("docs/a.txt"), "two").unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    let s2 = snapshots(&admin, jid).await[0].0;
    assert_ne!(s1, s2);
    let old_store = d1.join(format!("{c1}/{jid}"));
    let new_store = d2.join(format!("{c1}/{jid}"));
    let data = |store: &Path, name: &str| store.join("snapshots").join(name).join("data");
    let names = snapshots(&admin, jid).await;
    // The new chain is hard-linked to the newest snapshot across the move (one filesystem).
    let ino = |p: PathBuf| std::fs::metadata(&p).unwrap().ino();
    assert_eq!(
        ino(data(&old_store, &names[1].1).join("same.bin")),
        ino(data(&new_store, &names[0].1).join("same.bin")),
        "the unchanged file is a hard link to the old location's copy"
    );

    // To another client: both older snapshots are still read from their own stores.
    move_job(&admin, jid, json!({"client_id": c2})).await;
    std::fs::write(src.path().join("docs/a.txt"), "three").unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    let third_store = d2.join(format!("{c2}/{jid}"));
    assert!(third_store.join("snapshots").is_dir());
    readable(&admin, s1, c2, "one", &restores.path().join("r2")).await;
    readable(&admin, s2, c2, "two", &restores.path().join("r3")).await;
    let s3 = snapshots(&admin, jid).await[0].0;
    readable(&admin, s3, c2, "three", &restores.path().join("r4")).await;
    // Versions of a path gather all three places.
    let (s, v) = admin
        .get(&format!("/api/snapshots/{s3}/versions?path=docs%2Fa.txt"))
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v.as_array().unwrap().len(), 3, "{v}");
    // The job's size counts every store.
    let (_, job) = admin.get(&format!("/api/jobs/{jid}")).await;
    assert!(job["size_bytes"].as_i64().unwrap() > 100_000, "{job}");

    // The first location still holds the job's history: it cannot be deleted.
    let (s, e) = admin.delete(&format!("/api/locations/{l1}")).await;
    assert_eq!(s, 409, "{e}");

    // Deleting the job removes every store it ever had, and the client directories
    // left empty; the location directories themselves stay.
    let (s, e) = admin.delete(&format!("/api/jobs/{jid}")).await;
    assert_eq!(s, 204, "{e}");
    wait_gone(&[
        old_store.clone(),
        new_store.clone(),
        third_store.clone(),
        d1.join(c1.to_string()),
        d2.join(c1.to_string()),
        d2.join(c2.to_string()),
    ])
    .await;
    assert!(d1.is_dir() && d2.is_dir());
}

#[tokio::test]
async fn retention_trashes_a_moved_jobs_old_snapshots_where_they_lie() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::create_dir(src.path().join("docs")).unwrap();
    std::fs::write(src.path().join("docs/a.txt"), "one").unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let jid = local_job(&app, &admin, src.path()).await;
    // A policy that keeps one daily snapshot: each run dooms the one before.
    let (s, p) = admin
        .post(
            "/api/policies",
            json!({"name": format!("keep-one-{jid}"), "schedule": {"daily": {"enabled": true, "keep": 1, "times": ["02:30"]}}}),
        )
        .await;
    assert_eq!(s, 201, "{p}");
    let (_, job) = admin.get(&format!("/api/jobs/{jid}")).await;
    let (c1, l1) = (
        job["client"]["id"].as_i64().unwrap(),
        job["location"]["id"].as_i64().unwrap(),
    );
    move_job(&admin, jid, json!({"policy_id": p["id"]})).await;
    let d1 = location_dir(&admin, l1).await;
    let second = tempfile::tempdir().unwrap();
    let l2 = location(&admin, second.path()).await;
    let c2 = local_client(&admin, &format!("other-{jid}")).await;

    assert_eq!(run(&admin, jid).await["result"], "ok");
    let first = snapshots(&admin, jid).await;
    let old_store = d1.join(format!("{c1}/{jid}"));
    assert!(old_store.join("snapshots").join(&first[0].1).is_dir());

    // Moved to another client and location at once; the next run dooms the first
    // snapshot, which is trashed in its own store, and that store, now spent, goes.
    move_job(&admin, jid, json!({"client_id": c2, "location_id": l2})).await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    let now = snapshots(&admin, jid).await;
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now[0].0, first[0].0);
    wait_gone(&[old_store, d1.join(c1.to_string())]).await;
    let new_store = location_dir(&admin, l2).await.join(format!("{c2}/{jid}"));
    assert!(new_store
        .join("snapshots")
        .join(&now[0].1)
        .join("data/docs/a.txt")
        .is_file());
    // With nothing of the job left in it, the first location can be deleted.
    move_job(&admin, jid, json!({"location_id": l2})).await;
    let (s, e) = admin.delete(&format!("/api/locations/{l1}")).await;
    assert_eq!(s, 204, "{e}");
}
