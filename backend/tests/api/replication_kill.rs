//! `kill -9` of a replica (the real binary) in the middle of a snapshot's copy: after a
//! restart on the same database and data directory the run is failed as interrupted, its
//! orphaned rsync is stopped, nothing partial is published, and the next run completes the
//! copy exactly (two real servers, the primary's gate on a real sshd, real rsync).

use std::time::Duration;

use serde_json::json;

use crate::engine::wait_finished;
use crate::faults::{rsync_running, start_binary};
use crate::helpers::*;
use crate::replication::{assert_same, replica_on, small_primary};

/// An administrator's session on a server started as a binary.
async fn login(base: String, password: &str) -> Api {
    let res = http_client()
        .post(format!("{base}/api/auth/login"))
        .json(&json!({"username": "admin", "password": password}))
        .send()
        .await
        .unwrap();
    let token = res.json::<shared::LoginResponse>().await.unwrap().token;
    Api {
        base,
        token: Some(token),
        client: http_client(),
    }
}

#[tokio::test]
async fn kill_9_of_the_replica_mid_snapshot_then_restart() {
    let p = small_primary().await;
    // A second snapshot large enough to be caught mid-copy at 256 KiB/s.
    let big: Vec<u8> = (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(p.tree.join("big.bin"), big).unwrap();
    p.backup().await;
    let primary_snaps = p.snapshots().await;
    let big_name = primary_snaps[1].0.clone();

    // The replica's rows and keys are made through a server that executes nothing; the
    // real binary, on the same database and data directory, does the work.
    let quiet = spawn_app_with(AppOptions {
        dispatcher: false,
        ..AppOptions::default()
    })
    .await;
    let r = replica_on(&p, Some(256), quiet).await;
    let data = r.app._data_dir.path().to_owned();
    let (mut server, base, _) = start_binary(&r.app.db_url, &data).await;
    let admin = login(base, &r.app.admin_password).await;
    let (s, started) = admin
        .post(&format!("/api/replications/{}/run", r.source), json!({}))
        .await;
    assert_eq!(s, 202, "{started}");
    let rid = started["runs"][0].as_i64().unwrap();

    // Killed once the big snapshot's rsync runs and its process group is recorded.
    // Absolute: another test's replica may be copying a snapshot of the same name (names
    // are the second it was taken) and must not be mistaken for this one.
    let job = r.job().await;
    let (_, j) = r.admin.get(&format!("/api/jobs/{job}")).await;
    let store = r
        .location_dir
        .join(format!("{}/{job}", j["client"]["id"].as_i64().unwrap()));
    let marker = format!("{}/.inprogress/replica-{big_name}/", store.display());
    let db = r.db().await;
    let mut caught = false;
    for _ in 0..600 {
        let pgid: Option<i32> = db
            .query_one("SELECT pgid FROM runs WHERE id = $1", &[&rid])
            .await
            .unwrap()
            .get(0);
        if pgid.is_some() && rsync_running(&marker) {
            caught = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(caught, "the big snapshot's copy started");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(server.id().unwrap() as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    server.wait().await.unwrap();

    let (_server2, base2, _) = start_binary(&r.app.db_url, &data).await;
    let admin = login(base2, &r.app.admin_password).await;
    let (_, run) = admin.get(&format!("/api/runs/{rid}")).await;
    assert_eq!(
        (run["result"].as_str(), run["error_code"].as_str()),
        (Some("failed"), Some("interrupted")),
        "{run}"
    );
    let mut gone = false;
    for _ in 0..100 {
        if !rsync_running(&marker) {
            gone = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(gone, "the orphaned pull was stopped");
    // Only the small first snapshot is published; the big one nowhere in the catalog or
    // among the published snapshot directories.
    let here = r.snapshots().await;
    assert_eq!(
        here.iter().map(|s| s.0.clone()).collect::<Vec<_>>(),
        [primary_snaps[0].0.clone()],
        "nothing partial published"
    );
    let published = here[0].1.parent().unwrap().parent().unwrap().to_owned();
    assert!(!published.join(&big_name).exists());

    // The next run, without the limit, completes the copy exactly.
    db.execute(
        "UPDATE replications SET bwlimit_kib = NULL WHERE id = $1",
        &[&r.source],
    )
    .await
    .unwrap();
    let (s, again) = admin
        .post(&format!("/api/replications/{}/run", r.source), json!({}))
        .await;
    assert_eq!(s, 202, "{again}");
    let done = wait_finished(&admin, again["runs"][0].as_i64().unwrap()).await;
    assert_eq!(done["result"], "ok", "{done}");
    assert_same(&primary_snaps, &r.snapshots().await).await;
}
