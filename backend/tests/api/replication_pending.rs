//! A snapshot the replica saw but could not copy yet (its transfer window was closed),
//! pruned on the primary before the next run: that run reports it (a warning and a log
//! record) and copies the rest (two real servers, real sshd, rsync and PostgreSQL).

use crate::helpers::*;
use crate::replication::{assert_same, replica, small_primary};

#[tokio::test]
async fn a_snapshot_pruned_between_two_runs_is_reported() {
    let p = small_primary().await;
    std::fs::write(p.tree.join("d/a.txt"), "second\n").unwrap();
    p.backup().await;
    let before = p.snapshots().await;
    assert_eq!(before.len(), 2);
    let r = replica(&p, None).await;
    let rdb = r.db().await;
    // A window that is closed now: an hour starting 6 h from now in UTC, which is 4 or 5
    // hours ahead in the server's zone (Europe/Madrid) whatever the season. Nothing copied.
    rdb.execute(
        "UPDATE replications SET \
         window_start = ((now() AT TIME ZONE 'UTC') + interval '6 hours')::time(0), \
         window_end = ((now() AT TIME ZONE 'UTC') + interval '7 hours')::time(0) WHERE id = $1",
        &[&r.source],
    )
    .await
    .unwrap();
    let runs = r.replicate().await;
    assert_eq!(runs[0]["result"], "warning", "{}", runs[0]);
    assert!(r.snapshots().await.is_empty());

    // The older one pruned on the primary meanwhile.
    let pruned = before[0].0.clone();
    let pdb = pg(p.db_name()).await;
    pdb.execute("DELETE FROM snapshots WHERE name = $1", &[&pruned])
        .await
        .unwrap();
    std::fs::remove_dir_all(before[0].1.parent().unwrap()).unwrap();

    rdb.execute(
        "UPDATE replications SET window_start = NULL, window_end = NULL WHERE id = $1",
        &[&r.source],
    )
    .await
    .unwrap();
    let runs = r.replicate().await;
    assert_eq!(runs[0]["result"], "warning", "{}", runs[0]);
    let id = runs[0]["id"].as_i64().unwrap();
    let n: i64 = rdb
        .query_one(
            "SELECT count(*) FROM log_records WHERE code = 'snapshot_pruned_before_copy' \
             AND run_id = $1 AND level = 'warning' AND detail LIKE '%' || $2 || '%'",
            &[&id, &pruned],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1, "the pruned snapshot is reported once");
    assert_same(&p.snapshots().await, &r.snapshots().await).await;

    // Reported once: the next run has nothing to say.
    let runs = r.replicate().await;
    assert_eq!(runs[0]["result"], "ok", "{}", runs[0]);
}
