//! Several dispatchers on one database: 500 runs executed exactly once, and a dead
//! server's run recovered after its lease expired (failed, or queued again).

use std::time::Duration;

use serde_json::json;

use crate::engine::wait_finished;
use crate::helpers::*;
use crate::scheduler::{
    bulk_jobs, called_runs, counting_rsync, db_of, setup, wait_queue_empty, Setup,
};

#[tokio::test]
async fn two_dispatchers_on_one_database_run_each_of_500_runs_exactly_once() {
    let fake = tempfile::tempdir().unwrap();
    let rsync = counting_rsync(fake.path());
    // Each server runs at most 6 at once; together they may fill the global 12.
    let a = spawn_app_with(AppOptions {
        rsync: Some(rsync.clone()),
        max_local_runs: 6,
        ..AppOptions::default()
    })
    .await;
    let b = spawn_app_with(AppOptions {
        rsync: Some(rsync),
        database: Some(a.db_url.clone()),
        max_local_runs: 6,
        ..AppOptions::default()
    })
    .await;
    let admin = a.admin().await;
    let db = db_of(&a).await;
    let (loc, policy) = a.defaults(&admin).await;
    db.execute("UPDATE settings SET max_parallel_jobs = 12", &[])
        .await
        .unwrap();
    db.execute("UPDATE backup_locations SET max_parallel_jobs = 100", &[])
        .await
        .unwrap();
    let src = tempfile::tempdir().unwrap();
    let groups = bulk_jobs(&db, 50, 10, src.path(), loc, policy).await;
    db.execute("UPDATE clients SET max_parallel_jobs = 4", &[])
        .await
        .unwrap();
    let all: Vec<i64> = groups.iter().flat_map(|g| g.1.clone()).collect();
    assert_eq!(all.len(), 500);
    for chunk in all.chunks(250) {
        let (s, body) = admin.post("/api/jobs/run", json!({"job_ids": chunk})).await;
        assert_eq!(s, 202, "{body}");
    }
    wait_queue_empty(&db, 240).await;
    let mut calls = called_runs(fake.path());
    assert_eq!(calls.len(), 500, "one rsync per run");
    calls.sort();
    calls.dedup();
    assert_eq!(calls.len(), 500, "no run executed twice");
    let ok: i64 = db
        .query_one("SELECT count(*) FROM runs WHERE result = 'ok'", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(ok, 500);
    // Both servers took part: each wrote the logs of the runs it executed.
    let logs = |app: &TestApp| {
        std::fs::read_dir(app._data_dir.path().join("logs/runs"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    let (la, lb) = (logs(&a), logs(&b));
    assert_eq!(la + lb, 500, "each run logged by exactly one server");
    assert!(la > 0 && lb > 0, "both dispatchers worked: {la} + {lb}");
}

#[tokio::test]
async fn a_run_whose_server_died_is_recovered_after_its_lease_expired() {
    let fake = tempfile::tempdir().unwrap();
    for requeue in [false, true] {
        let Setup {
            app: _app,
            admin,
            db,
            loc,
            policy,
        } = setup(AppOptions {
            rsync: Some(counting_rsync(fake.path())),
            lease_seconds: 2,
            requeue_interrupted: requeue,
            ..AppOptions::default()
        })
        .await;
        let src = tempfile::tempdir().unwrap();
        let jid = bulk_jobs(&db, 1, 1, src.path(), loc, policy).await[0].1[0];
        db.execute(
            "UPDATE jobs SET notify_emails = '{ops@example.org}' WHERE id = $1",
            &[&jid],
        )
        .await
        .unwrap();
        // Another machine's server claimed it and then went silent.
        let rid: i64 = db
            .query_one(
                "INSERT INTO runs (job_id, trigger, state, started_at, lease_owner, lease_until) \
                 VALUES ($1, 'manual', 'running', now(), 'elsewhere:4242:dead', now() + interval '2 seconds') RETURNING id",
                &[&jid],
            )
            .await
            .unwrap()
            .get(0);
        tokio::time::sleep(Duration::from_millis(1200)).await;
        let (_, r) = admin.get(&format!("/api/runs/{rid}")).await;
        assert_eq!(
            r["state"], "running",
            "not taken over while the lease holds"
        );
        let r = wait_finished(&admin, rid).await;
        if requeue {
            assert_eq!(r["result"], "ok", "queued again and run here: {r}");
            assert!(called_runs(fake.path()).contains(&rid));
        } else {
            assert_eq!(
                (r["result"].as_str(), r["error_code"].as_str()),
                (Some("failed"), Some("interrupted"))
            );
            assert!(!called_runs(fake.path()).contains(&rid));
        }
        // A run failed as interrupted is told like any failure (and only then).
        let told: i64 = db
            .query_one(
                "SELECT count(*) FROM notifications WHERE run_id = $1 AND event = 'run_failed'",
                &[&rid],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(told, if requeue { 0 } else { 1 });
    }
}
