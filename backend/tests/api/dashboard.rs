//! The health board through the API, seeded through the engine: local clients whose jobs
//! succeed, fail, never run, are inactive, late or running; the counts, tiles, strips,
//! filter, paging and next runs, and what an operator sees.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use shared::Role;

use crate::engine::{run, wait_finished};
use crate::faults::wait_state;
use crate::helpers::*;
use crate::scheduler::{setup, Setup};
use crate::scripts::script;

/// A local client named `name` owned by the user `owner` (only an administrator may
/// create a local client).
pub async fn local_client(admin: &Api, name: &str, owner: Option<i64>) -> i64 {
    let body = json!({"name": name, "connection": {"kind": "local"}, "owner_id": owner});
    let (s, c) = admin.post("/api/clients", body).await;
    assert_eq!(s, 201, "{c}");
    c["id"].as_i64().unwrap()
}

/// A job of client `cid` backing up the directory `src` (which may not exist), with
/// `extra` fields merged into the body.
pub async fn local_job(
    api: &Api,
    s: &Setup,
    cid: i64,
    name: &str,
    src: &Path,
    extra: Value,
) -> i64 {
    let mut body = job(cid, name, s.loc, s.policy);
    body["source_path"] = json!(src.display().to_string());
    body["use_local_permissions"] = json!(false);
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let (status, j) = api.post("/api/jobs", body).await;
    assert_eq!(status, 201, "{j}");
    j["id"].as_i64().unwrap()
}

/// The id of the user `name`.
pub async fn user_id(admin: &Api, name: &str) -> i64 {
    let (_, users) = admin.get(&format!("/api/users?q={name}")).await;
    users["items"][0]["id"].as_i64().unwrap()
}

/// `GET /api/dashboard?{query}`, which must answer 200.
async fn board(api: &Api, query: &str) -> Value {
    let (s, b) = api.get(&format!("/api/dashboard?{query}")).await;
    assert_eq!(s, 200, "{b}");
    b
}

fn tile_ids(b: &Value) -> Vec<i64> {
    b["tiles"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["job"]["id"].as_i64().unwrap())
        .collect()
}

fn tile(b: &Value, job: i64) -> &Value {
    b["tiles"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["job"]["id"] == job)
        .unwrap_or_else(|| panic!("no tile of job {job}: {b}"))
}

fn at(v: &Value) -> DateTime<Utc> {
    serde_json::from_value(v.clone()).unwrap()
}

/// The job's finished runs as strip marks, oldest first, from `GET /api/runs`.
async fn marks_of(api: &Api, job: i64) -> Value {
    let (s, page) = api
        .get(&format!("/api/runs?job_id={job}&state=finished"))
        .await;
    assert_eq!(s, 200, "{page}");
    let mut marks: Vec<Value> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"run_id": r["id"], "finished_at": r["finished_at"], "result": r["result"]}))
        .collect();
    marks.reverse();
    json!(marks)
}

/// The strip as `(run id, finished at, result)` with times parsed (the JSON spelling of a
/// time may differ in trailing zeros).
fn strip(v: &Value) -> Vec<(i64, DateTime<Utc>, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["run_id"].as_i64().unwrap(),
                at(&m["finished_at"]),
                m["result"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A policy running every day at 21:00 in Madrid.
async fn daily_policy(s: &Setup) -> i64 {
    let body = json!({"name": "every day", "schedule":
        {"daily": {"enabled": true, "keep": 7, "times": ["21:00"]}}});
    let (status, p) = s.admin.post("/api/policies", body).await;
    assert_eq!(status, 201, "{p}");
    p["id"].as_i64().unwrap()
}

#[tokio::test]
async fn the_board_shows_every_state_with_its_strip() {
    let s = setup(AppOptions::default()).await;
    let admin = &s.admin;
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let gone = dir.path().join("gone");
    for d in [&src, &gone] {
        std::fs::create_dir(d).unwrap();
        std::fs::write(d.join("f"), "data").unwrap();
    }
    let alpha = local_client(admin, "alpha", None).await;
    let ok = local_job(admin, &s, alpha, "a-ok", &src, json!({})).await;
    let failed = local_job(admin, &s, alpha, "b-failed", &gone, json!({})).await;
    let never = local_job(admin, &s, alpha, "c-never", &src, json!({})).await;
    let inactive = local_job(
        admin,
        &s,
        alpha,
        "d-inactive",
        &src,
        json!({"active": false}),
    )
    .await;
    // Late: a daily job created three days ago that never backed up (as in `late.rs`).
    let beta = local_client(admin, "beta", None).await;
    let daily = daily_policy(&s).await;
    let late = local_job(admin, &s, beta, "late", &src, json!({"policy_id": daily})).await;
    s.db.execute(
        "UPDATE jobs SET created_at = now() - interval '3 days' WHERE id = $1",
        &[&late],
    )
    .await
    .unwrap();
    // Running: a job whose pre script sleeps (its client is its own, so nothing waits).
    let sleepy = script(
        admin,
        "sleepy",
        json!({"job_pre": true}),
        "#!/bin/sh\nsleep 30\n",
    )
    .await;
    let gamma = local_client(admin, "gamma", None).await;
    let slow = local_job(
        admin,
        &s,
        gamma,
        "slow",
        &src,
        json!({"pre_scripts": [sleepy]}),
    )
    .await;

    let first = run(admin, ok).await;
    assert_eq!(first["result"], "ok", "{first}");
    let good = run(admin, failed).await;
    assert_eq!(good["result"], "ok", "{good}");
    std::fs::remove_dir_all(&gone).unwrap();
    let bad = run(admin, failed).await;
    assert_eq!(bad["result"], "failed", "{bad}");
    let (st, r) = admin
        .post(&format!("/api/jobs/{slow}/run"), json!({}))
        .await;
    assert_eq!(st, 202, "{r}");
    let slow_run = r["id"].as_i64().unwrap();
    wait_state(admin, slow_run, "pre_job").await;

    let b = board(admin, "").await;
    assert_eq!(
        b["counts"],
        json!({"ok": 1, "warning": 0, "failed": 1, "late": 1, "running": 1,
               "never_ran": 1, "inactive": 1, "total": 6}),
        "{b}"
    );
    // By client name, then job name.
    assert_eq!(tile_ids(&b), vec![ok, failed, never, inactive, late, slow]);
    let healths: Vec<&str> = b["tiles"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["health"].as_str().unwrap())
        .collect();
    assert_eq!(
        healths,
        ["ok", "failed", "never_ran", "inactive", "late", "running"]
    );
    assert_eq!(
        (
            &b["tiles"]["total"],
            &b["tiles"]["page"],
            &b["tiles"]["per_page"]
        ),
        (&json!(6), &json!(1), &json!(20))
    );

    // The strips are the jobs' finished runs; the last success is the ok run's end.
    let t = tile(&b, ok);
    assert_eq!(strip(&t["strip"]), strip(&marks_of(admin, ok).await));
    assert_eq!(strip(&t["strip"]).len(), 1);
    assert_eq!(at(&t["last_success_at"]), at(&first["finished_at"]));
    assert_eq!(
        (&t["last_result"], &t["late_since"]),
        (&json!("ok"), &Value::Null)
    );
    let t = tile(&b, failed);
    let runs = strip(&marks_of(admin, failed).await);
    assert_eq!(
        runs.iter().map(|m| (m.0, m.2.as_str())).collect::<Vec<_>>(),
        [
            (good["id"].as_i64().unwrap(), "ok"),
            (bad["id"].as_i64().unwrap(), "failed")
        ]
    );
    assert_eq!(strip(&t["strip"]), runs, "oldest first");
    assert_eq!(at(&t["last_success_at"]), at(&good["finished_at"]));
    assert_eq!(at(&t["last_run_at"]), at(&bad["finished_at"]));
    let t = tile(&b, never);
    assert_eq!(
        (&t["strip"], &t["last_success_at"]),
        (&json!([]), &Value::Null)
    );
    // The late tile says since when, as the job does.
    let (_, j) = admin.get(&format!("/api/jobs/{late}")).await;
    assert_eq!(j["late"], true, "{j}");
    assert_eq!(at(&tile(&b, late)["late_since"]), at(&j["late_since"]));
    assert_eq!(
        tile(&b, slow)["strip"],
        json!([]),
        "a running run is no mark"
    );

    // The filter keeps one state in the tiles; the counts still cover every job.
    let f = board(admin, "health=failed").await;
    assert_eq!(tile_ids(&f), vec![failed]);
    assert_eq!(
        (&f["tiles"]["total"], &f["counts"]),
        (&json!(1), &b["counts"])
    );
    let p = board(admin, "per_page=1&page=2").await;
    assert_eq!(tile_ids(&p), vec![failed]);
    assert_eq!(
        (&p["tiles"]["total"], &p["tiles"]["per_page"]),
        (&json!(6), &json!(1))
    );
    let p = board(admin, "health=never_ran&per_page=1&page=2").await;
    assert_eq!((tile_ids(&p), &p["tiles"]["total"]), (vec![], &json!(1)));
    let (st, e) = admin.get("/api/dashboard?health=bogus").await;
    assert_eq!(st, 400, "{e}");

    // The next runs: soonest first, of active jobs only, after now.
    let next = b["next_runs"].as_array().unwrap();
    assert_eq!(next.len(), shared::dashboard::NEXT_RUNS, "{b}");
    let times: Vec<DateTime<Utc>> = next.iter().map(|r| at(&r["at"])).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert!(times[0] > at(&b["generated_at"]));
    for r in next {
        let id = r["job"]["id"].as_i64().unwrap();
        assert!([ok, failed, never, late, slow].contains(&id), "{r}");
        assert!(!r["levels"].as_array().unwrap().is_empty(), "{r}");
    }
    assert!(
        next.iter().any(|r| r["job"]["id"] == late),
        "the every-day policy runs within the next ten: {next:?}"
    );

    // Aborted, the running job turns failed.
    let (st, _) = admin
        .post(&format!("/api/runs/{slow_run}/abort"), json!({}))
        .await;
    assert_eq!(st, 200);
    assert_eq!(wait_finished(admin, slow_run).await["result"], "aborted");
    let b = board(admin, "").await;
    assert_eq!(
        (&b["counts"]["running"], &b["counts"]["failed"]),
        (&json!(0), &json!(2))
    );
    assert_eq!(tile(&b, slow)["health"], "failed");
}

#[tokio::test]
async fn operators_see_only_their_own_clients() {
    let s = setup(AppOptions {
        dispatcher: false,
        ..AppOptions::default()
    })
    .await;
    let op = s.app.user("op", Role::Operator).await;
    let other = s.app.user("other", Role::Operator).await;
    let dir = tempfile::tempdir().unwrap();
    let theirs = local_client(&s.admin, "admins", None).await;
    local_job(&s.admin, &s, theirs, "etc", dir.path(), json!({})).await;
    let mine = local_client(&s.admin, "mine", Some(user_id(&s.admin, "op").await)).await;
    let home = local_job(&op, &s, mine, "home", dir.path(), json!({})).await;
    let idle = local_job(&op, &s, mine, "idle", dir.path(), json!({"active": false})).await;

    let b = board(&op, "").await;
    assert_eq!(tile_ids(&b), vec![home, idle]);
    assert_eq!(
        (
            &b["counts"]["total"],
            &b["counts"]["never_ran"],
            &b["counts"]["inactive"]
        ),
        (&json!(2), &json!(1), &json!(1))
    );
    let next = b["next_runs"].as_array().unwrap();
    assert!(!next.is_empty());
    assert!(next.iter().all(|r| r["job"]["id"] == home), "{next:?}");

    let all = board(&s.admin, "").await;
    assert_eq!(all["counts"]["total"], 3);
    assert!(all["next_runs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["job"]["id"] != home));
    // Someone without clients sees an empty board; nobody signed in sees nothing.
    let b = board(&other, "").await;
    assert_eq!(
        (&b["counts"]["total"], tile_ids(&b), &b["next_runs"]),
        (&json!(0), vec![], &json!([]))
    );
    let (st, _) = s.app.anon().get("/api/dashboard").await;
    assert_eq!(st, 401);
}
