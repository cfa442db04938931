//! The job and client charts' figures through the API: a job's history equals its runs'
//! stats and durations, oldest first; a client's size is its jobs' sizes, with its quota
//! and daily points; neither is shown to another operator.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde_json::{json, Value};
use shared::Role;

use crate::dashboard::{local_client, local_job, user_id};
use crate::engine::run;
use crate::helpers::*;
use crate::scheduler::setup;

fn time(v: &Value) -> Option<DateTime<Utc>> {
    serde_json::from_value(v.clone()).unwrap()
}

#[tokio::test]
async fn a_jobs_history_is_its_runs_stats_oldest_first() {
    let s = setup(AppOptions::default()).await;
    let admin = &s.admin;
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("a"), vec![1u8; 10_000]).unwrap();
    let cid = local_client(admin, "pc", None).await;
    let jid = local_job(admin, &s, cid, "home", &src, json!({})).await;
    let mut runs = vec![run(admin, jid).await];
    // A second file: the next snapshot adds its bytes. Then the source vanishes: a failure.
    std::fs::write(src.join("b"), vec![2u8; 30_000]).unwrap();
    runs.push(run(admin, jid).await);
    std::fs::remove_dir_all(&src).unwrap();
    runs.push(run(admin, jid).await);
    let results: Vec<&str> = runs.iter().map(|r| r["result"].as_str().unwrap()).collect();
    assert_eq!(results, ["ok", "ok", "failed"], "{runs:?}");

    let (st, h) = admin.get(&format!("/api/jobs/{jid}/history")).await;
    assert_eq!(st, 200, "{h}");
    assert_eq!(h["job_id"], jid);
    let points = h["runs"].as_array().unwrap();
    assert_eq!(points.len(), runs.len(), "{h}");
    for (p, r) in points.iter().zip(&runs) {
        // The run as `GET /api/runs/{id}` shows it now.
        let (_, r) = admin.get(&format!("/api/runs/{}", r["id"])).await;
        assert_eq!(
            (&p["run_id"], &p["result"]),
            (&r["id"], &r["result"]),
            "{p} {r}"
        );
        assert_eq!(time(&p["started_at"]), time(&r["started_at"]));
        assert_eq!(time(&p["finished_at"]), time(&r["finished_at"]));
        let (started, finished) = (
            time(&r["started_at"]).unwrap(),
            time(&r["finished_at"]).unwrap(),
        );
        assert_eq!(
            p["duration_seconds"],
            (finished - started).num_seconds(),
            "{p}"
        );
        let stats = &r["stats"];
        let figure = |k: &str| {
            if stats.is_null() {
                Value::Null
            } else {
                stats[k].clone()
            }
        };
        assert_eq!(
            (&p["files"], &p["bytes"], &p["new_bytes"]),
            (
                &figure("files"),
                &figure("total_bytes"),
                &figure("literal_bytes")
            ),
            "{p} {r}"
        );
    }
    // The successful runs carry rsync's figures: the second saw both files and sent the new one.
    assert_eq!(points[0]["bytes"], 10_000, "{h}");
    assert_eq!(points[1]["bytes"], 40_000, "{h}");
    assert!(points[1]["new_bytes"].as_i64().unwrap() >= 30_000, "{h}");

    // Another operator's job, and a job that does not exist: not found.
    let op = s.app.user("op", Role::Operator).await;
    let (st, _) = op.get(&format!("/api/jobs/{jid}/history")).await;
    assert_eq!(st, 404);
    let (st, _) = admin.get("/api/jobs/999999/history").await;
    assert_eq!(st, 404);
    let (st, _) = s.app.anon().get(&format!("/api/jobs/{jid}/history")).await;
    assert_eq!(st, 401);
}

/// The sum of the client's jobs' sizes as the job list shows them.
async fn jobs_size(api: &Api, cid: i64) -> i64 {
    let (_, page) = api.get(&format!("/api/jobs?client_id={cid}")).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["size_bytes"].as_i64().unwrap())
        .sum()
}

#[tokio::test]
async fn a_clients_history_is_its_jobs_size_quota_and_days() {
    let s = setup(AppOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f"), vec![3u8; 50_000]).unwrap();
    let op = s.app.user("op", Role::Operator).await;
    let cid = local_client(&s.admin, "mine", Some(user_id(&s.admin, "op").await)).await;
    // Only an administrator may change a local client.
    let (st, c) = s
        .admin
        .patch(
            &format!("/api/clients/{cid}"),
            json!({"quota_bytes": 1_000_000}),
        )
        .await;
    assert_eq!(st, 200, "{c}");
    for name in ["one", "two"] {
        let jid = local_job(&op, &s, cid, name, dir.path(), json!({})).await;
        assert_eq!(run(&op, jid).await["result"], "ok");
    }
    // The size is measured after each run: wait until both jobs have theirs.
    let mut h = Value::Null;
    for _ in 0..100 {
        h = op.get(&format!("/api/clients/{cid}/history")).await.1;
        let sum = jobs_size(&op, cid).await;
        if sum >= 100_000 && h["size_bytes"] == sum {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(h["size_bytes"], jobs_size(&op, cid).await, "{h}");
    assert!(h["size_bytes"].as_i64().unwrap() >= 100_000, "{h}");
    assert_eq!(
        (&h["client_id"], &h["quota_bytes"]),
        (&json!(cid), &json!(1_000_000))
    );

    // Daily points, recorded by the server's sampler function on chosen days: the last
    // year, oldest first; a point older than a year is left out.
    let size = jobs_size(&op, cid).await;
    let today = Utc::now().date_naive();
    let day = |n: i64| today - TimeDelta::days(n);
    let pool = backend::db::build_pool(&s.app.db_url, 2).unwrap();
    let mut c = backend::db::conn(&pool).await.unwrap();
    for d in [day(400), day(365), day(1), day(0)] {
        backend::db::usage::record_client_sizes(&mut c, d)
            .await
            .unwrap();
    }
    let (st, h) = op.get(&format!("/api/clients/{cid}/history")).await;
    assert_eq!(st, 200, "{h}");
    let points: Vec<(NaiveDate, i64)> = h["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                serde_json::from_value(p["day"].clone()).unwrap(),
                p["bytes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        points,
        vec![(day(365), size), (day(1), size), (day(0), size)]
    );

    let other = s.app.user("other", Role::Operator).await;
    let (st, _) = other.get(&format!("/api/clients/{cid}/history")).await;
    assert_eq!(st, 404);
    let (st, admin_view) = s.admin.get(&format!("/api/clients/{cid}/history")).await;
    assert_eq!((st, &admin_view["quota_bytes"]), (200, &json!(1_000_000)));
    let (st, _) = s.admin.get("/api/clients/999999/history").await;
    assert_eq!(st, 404);
}
