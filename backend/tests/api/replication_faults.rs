//! A replication run under faults, two real servers (real sshd, the primary's gate, real
//! rsync and PostgreSQL), one shared setup: a snapshot pruned on the primary while being
//! copied is discarded with a warning and a log record; the bandwidth limit holds; a run
//! aborted mid-copy publishes nothing partial and the next run completes it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::engine::wait_finished;
use crate::helpers::*;
use crate::replication::{assert_same, replica, small_primary, Replica};

/// `bytes` of incompressible data (xorshift: no two calls with different seeds alike).
fn random_file(path: &Path, bytes: usize, seed: u64) {
    let mut x = seed | 1;
    let mut out = Vec::with_capacity(bytes + 8);
    while out.len() < bytes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(bytes);
    std::fs::write(path, out).unwrap();
}

/// The replica's store of its copied job.
async fn replica_store(r: &Replica) -> PathBuf {
    let job = r.job().await;
    let (_, j) = r.admin.get(&format!("/api/jobs/{job}")).await;
    let client = j["client"]["id"].as_i64().unwrap();
    r.location_dir.join(format!("{client}/{job}"))
}

/// Waits until the copy of snapshot `name` has begun writing into its staging.
async fn copying(store: &Path, name: &str) {
    let data = store.join(format!(".inprogress/replica-{name}/data"));
    for _ in 0..400 {
        if std::fs::read_dir(&data).is_ok_and(|mut d| d.next().is_some()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the copy of {name} never began");
}

/// No staging left on the replica.
fn no_staging(store: &Path) {
    let inprogress = store.join(".inprogress");
    let left: Vec<_> = std::fs::read_dir(&inprogress)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left in .inprogress: {left:?}");
}

#[tokio::test]
async fn pruned_mid_copy_discarded_bandwidth_held_abort_leaves_nothing_partial() {
    let p = small_primary().await;
    let pdb = pg(p.db_name()).await;
    // s2 brings 4 MiB in four files (the pull takes about four seconds at 1 MiB/s).
    for i in 0..4 {
        random_file(&p.tree.join(format!("big{i}")), 1 << 20, 11 + i);
    }
    p.backup().await;
    for i in 0..4 {
        std::fs::remove_file(p.tree.join(format!("big{i}"))).unwrap();
    }
    std::fs::write(p.tree.join("d/a.txt"), "changed\n").unwrap();
    p.backup().await;
    let before = p.snapshots().await;
    assert_eq!(before.len(), 3);
    let pruned = before[1].0.clone();

    // Pruned on the primary (row and directory) while the replica pulls it.
    let r = replica(&p, Some(1024)).await;
    let runs = r.start().await;
    assert_eq!(runs.len(), 1);
    let store = replica_store(&r).await;
    copying(&store, &pruned).await;
    pdb.execute("DELETE FROM snapshots WHERE name = $1", &[&pruned])
        .await
        .unwrap();
    std::fs::remove_dir_all(before[1].1.parent().unwrap()).unwrap();
    let run = wait_finished(&r.admin, runs[0]).await;
    assert_eq!(run["result"], "warning", "{run}");
    let rdb = r.db().await;
    let n: i64 = rdb
        .query_one(
            "SELECT count(*) FROM log_records WHERE code = 'snapshot_pruned_before_copy' \
             AND run_id = $1 AND detail LIKE '%' || $2 || '%'",
            &[&runs[0], &pruned],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1, "the pruned snapshot's log record");
    no_staging(&store);
    assert!(!store.join("snapshots").join(&pruned).exists());
    let ps = p.snapshots().await;
    assert_eq!(ps.len(), 2);
    assert_same(&ps, &r.snapshots().await).await;

    // The bandwidth limit: 4 MiB at 1024 KiB/s, timed from the copy's first entry in its
    // staging to the run's end (verification and publication are instants): ±20%.
    random_file(&p.tree.join("bw"), 4 << 20, 99);
    p.backup().await;
    let bw = p.snapshots().await.last().unwrap().0.clone();
    let runs = r.start().await;
    copying(&store, &bw).await;
    let began = std::time::Instant::now();
    let run = wait_finished(&r.admin, runs[0]).await;
    let took = began.elapsed().as_secs_f64();
    assert_eq!(run["result"], "ok", "{run}");
    let rate = f64::from(4 << 20) / took;
    let limit = 1024.0 * 1024.0;
    assert!(
        (0.8 * limit..=1.2 * limit).contains(&rate),
        "{rate:.0} bytes/s ({took:.2} s) against a limit of {limit} bytes/s"
    );
    assert_same(&p.snapshots().await, &r.snapshots().await).await;

    // Aborted mid-copy through the API: nothing partial published; the next run (no
    // limit now) completes it.
    random_file(&p.tree.join("ab"), 4 << 20, 7);
    p.backup().await;
    let newest = p.snapshots().await.last().unwrap().0.clone();
    let runs = r.start().await;
    copying(&store, &newest).await;
    let (s, e) = r
        .admin
        .post(&format!("/api/runs/{}/abort", runs[0]), json!({}))
        .await;
    assert_eq!(s, 200, "{e}");
    let run = wait_finished(&r.admin, runs[0]).await;
    assert_eq!(run["result"], "aborted", "{run}");
    assert!(!store.join("snapshots").join(&newest).exists());
    let names: Vec<String> = r.snapshots().await.into_iter().map(|s| s.0).collect();
    assert!(!names.contains(&newest), "{names:?}");
    rdb.execute(
        "UPDATE replications SET bwlimit_kib = NULL WHERE id = $1",
        &[&r.source],
    )
    .await
    .unwrap();
    let runs = r.replicate().await;
    assert_eq!(runs[0]["result"], "ok", "{}", runs[0]);
    no_staging(&store);
    assert_same(&p.snapshots().await, &r.snapshots().await).await;
}
