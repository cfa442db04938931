//! Client batches and aborts through the real queue: one client pre and one client post
//! execution for a batch of jobs, a failing client pre script failing the batch, and an
//! abort in every state ending cleanly.

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::engine::wait_finished;
use crate::faults::{local_job, wait_state};
use crate::helpers::*;
use crate::scheduler::db_of;
use crate::scripts::script;

/// A script appending `<word> <time in ns>` to `file`, then running `extra`.
fn marker(file: &Path, word: &str, extra: &str) -> String {
    format!(
        "#!/bin/sh\necho \"{word} $(date +%s%N)\" >> {}\n{extra}\n",
        file.display()
    )
}

/// A client with two local jobs and the given client scripts; returns (client, jobs).
async fn client_with_scripts(
    app: &TestApp,
    admin: &Api,
    src: &Path,
    pre: &[i64],
    post: &[i64],
) -> (i64, [i64; 2]) {
    let j1 = local_job(app, admin, src).await;
    let (_, job) = admin.get(&format!("/api/jobs/{j1}")).await;
    let cid = job["client"]["id"].as_i64().unwrap();
    let (loc, pol) = app.defaults(admin).await;
    let mut body = job_body(cid, loc, pol, src);
    body["name"] = json!("second");
    let (s, j2) = admin.post("/api/jobs", body).await;
    assert_eq!(s, 201, "{j2}");
    let (s, c) = admin
        .patch(
            &format!("/api/clients/{cid}"),
            json!({"pre_scripts": pre, "post_scripts": post}),
        )
        .await;
    assert_eq!(s, 200, "{c}");
    (cid, [j1, j2["id"].as_i64().unwrap()])
}

fn job_body(cid: i64, loc: i64, pol: i64, src: &Path) -> Value {
    let mut b = job(cid, "first", loc, pol);
    b["source_path"] = json!(src.display().to_string());
    b["use_local_permissions"] = json!(false);
    b
}

fn lines(path: &Path) -> Vec<(String, i128)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| {
            let (w, t) = l.split_once(' ').unwrap();
            (w.to_owned(), t.parse().unwrap())
        })
        .collect()
}

/// A client pre script `pre_name` tracing "pre" to `trace` and then running `pre_extra`, and
/// a client post script tracing "post"; returns (pre, post).
async fn pre_and_post(admin: &Api, trace: &Path, pre_name: &str, pre_extra: &str) -> (i64, i64) {
    let pre = script(
        admin,
        pre_name,
        json!({"client_pre": true}),
        &marker(trace, "pre", pre_extra),
    )
    .await;
    let post = script(
        admin,
        "post",
        json!({"client_post": true}),
        &marker(trace, "post", ""),
    )
    .await;
    (pre, post)
}

async fn run_client(admin: &Api, cid: i64) -> Vec<i64> {
    let (s, runs) = admin
        .post(&format!("/api/clients/{cid}/run"), json!({}))
        .await;
    assert_eq!(s, 202, "{runs}");
    runs.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

async fn wait_client_idle(admin: &Api, cid: i64) -> Value {
    for _ in 0..300 {
        let (_, st) = admin.get(&format!("/api/clients/{cid}/state")).await;
        if st["state"] == "idle" || st["state"] == "error" {
            return st;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("client {cid} never became idle");
}

#[tokio::test]
async fn two_jobs_of_a_client_share_one_pre_and_one_post_client_execution() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("f"), "x").unwrap();
    let trace = dir.path().join("trace");
    let uses = json!({"client_pre": true, "client_post": true});
    let pre = script(
        &admin,
        "pre",
        uses.clone(),
        &marker(&trace, "pre", "sleep 0.5"),
    )
    .await;
    let post = script(&admin, "post", uses, &marker(&trace, "post", "")).await;
    let (cid, _) = client_with_scripts(&app, &admin, &src, &[pre], &[post]).await;
    let ids = run_client(&admin, cid).await;
    assert_eq!(ids.len(), 2);
    // While the pre script sleeps, the client shows it.
    let mut saw_pre = false;
    for _ in 0..20 {
        let (_, st) = admin.get(&format!("/api/clients/{cid}/state")).await;
        saw_pre |= st["state"] == "pre_client";
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(saw_pre, "client state pre_client seen");
    let mut finished = Vec::new();
    for id in &ids {
        let r = wait_finished(&admin, *id).await;
        assert_eq!(r["result"], "ok", "{r}");
        assert_eq!(
            r["batch_id"],
            wait_finished(&admin, ids[0]).await["batch_id"]
        );
        finished.push(r);
    }
    let st = wait_client_idle(&admin, cid).await;
    assert_eq!(st["state"], "idle");
    let t = lines(&trace);
    let words: Vec<&str> = t.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(words, ["pre", "post"], "one pre and one post for the batch");
    // pre before both runs' rsync, post after both finished.
    let ns = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap())
            .unwrap()
            .timestamp_nanos_opt()
            .unwrap() as i128
    };
    for r in &finished {
        assert!(t[1].1 >= ns(&r["finished_at"]), "post after every run");
    }
}

#[tokio::test]
async fn a_failing_client_pre_script_fails_the_batch_and_its_queued_jobs() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace");
    let (pre, post) = pre_and_post(&admin, &trace, "pre-fails", "exit 3").await;
    let (cid, jobs) = client_with_scripts(&app, &admin, dir.path(), &[pre], &[post]).await;
    for j in jobs {
        let n = json!({"notifications": {"owner": false, "emails": ["ops@y.org"]}});
        assert_eq!(admin.patch(&format!("/api/jobs/{j}"), n).await.0, 200);
    }
    let ids = run_client(&admin, cid).await;
    for id in &ids {
        let r = wait_finished(&admin, *id).await;
        assert_eq!(
            (r["result"].as_str(), r["error_code"].as_str()),
            (Some("failed"), Some("client_pre_script_failed")),
            "{r}"
        );
    }
    // Each failed job tells its recipient, the queued one too; with no mail server
    // configured, the history says so.
    let mut told = Vec::new();
    for _ in 0..300 {
        told = crate::smtp::history(&admin, "status=failed").await;
        if told.len() == ids.len() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mut runs: Vec<i64> = told.iter().map(|n| n["run_id"].as_i64().unwrap()).collect();
    runs.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(runs, want, "{told:?}");
    assert!(told
        .iter()
        .all(|n| n["event"] == "run_failed" && n["last_error"] == "no mail server configured"));
    let st = wait_client_idle(&admin, cid).await;
    assert_eq!(
        (st["state"].as_str(), st["error_code"].as_str()),
        (Some("error"), Some("client_pre_script_failed"))
    );
    let words: Vec<String> = lines(&trace).into_iter().map(|(w, _)| w).collect();
    assert_eq!(words, ["pre"], "pre ran once; no job, no post");
    // The client's jobs report the failure.
    let db = db_of(&app).await;
    let n: i64 = db
        .query_one(
            "SELECT count(*) FROM jobs WHERE client_id = $1 AND last_result = 'failed'",
            &[&cid],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 2);
}

/// Which of `runs` runs its client's pre scripts, once the script has started.
async fn holder_of_pre_scripts(app: &TestApp, admin: &Api, trace: &Path, runs: [i64; 2]) -> i64 {
    for _ in 0..200 {
        let started = std::fs::read_to_string(trace).unwrap_or_default();
        if started.contains("pre ") {
            for id in runs {
                if crate::steps::run_log(app, admin, &json!(id))
                    .await
                    .contains("client-pre scripts")
                {
                    return id;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no run of {runs:?} runs the client's pre scripts");
}

#[tokio::test]
async fn abort_in_every_state_ends_cleanly() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace");
    // The client pre script holds the batch for a while: the first run waits in it (it
    // runs the script), the second waits for the client, the third stays queued.
    let (pre, post) = pre_and_post(&admin, &trace, "slow-pre", "sleep 30").await;
    let (cid, [j1, j2]) = client_with_scripts(&app, &admin, dir.path(), &[pre], &[post]).await;
    let (loc, pol) = app.defaults(&admin).await;
    let mut body = job_body(cid, loc, pol, dir.path());
    body["name"] = json!("third");
    let (_, j3) = admin.post("/api/jobs", body).await;
    let j3 = j3["id"].as_i64().unwrap();
    let db = db_of(&app).await;
    db.execute(
        "UPDATE clients SET max_parallel_jobs = 2 WHERE id = $1",
        &[&cid],
    )
    .await
    .unwrap();
    let (s, runs) = admin
        .post("/api/jobs/run", json!({"job_ids": [j1, j2, j3]}))
        .await;
    assert_eq!(s, 202, "{runs}");
    let id = |i: usize| runs[i]["id"].as_i64().unwrap();
    wait_state(&admin, id(0), "waiting_for_client").await;
    wait_state(&admin, id(1), "waiting_for_client").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, r3) = admin.get(&format!("/api/runs/{}", id(2))).await;
    assert_eq!(
        r3["state"], "queued",
        "client limit 2 keeps the third queued"
    );
    let started = std::time::Instant::now();
    // Queued: finished at once.
    let (s, r) = admin
        .post(&format!("/api/runs/{}/abort", id(2)), json!({}))
        .await;
    assert_eq!(
        (s, r["state"].as_str(), r["result"].as_str()),
        (200, Some("finished"), Some("aborted"))
    );
    // Either of the two claimed runs may be the one that runs the client's pre scripts:
    // it says so in its log.
    let holder = holder_of_pre_scripts(&app, &admin, &trace, [id(0), id(1)]).await;
    let waiter = if holder == id(0) { id(1) } else { id(0) };
    // Waiting for the client (another run holds the pre scripts).
    let (s, _) = admin
        .post(&format!("/api/runs/{waiter}/abort"), json!({}))
        .await;
    assert_eq!(s, 200);
    // Running the client's pre scripts: the script is killed.
    let (s, _) = admin
        .post(&format!("/api/runs/{holder}/abort"), json!({}))
        .await;
    assert_eq!(s, 200);
    for i in 0..3 {
        let r = wait_finished(&admin, id(i)).await;
        assert_eq!(r["result"], "aborted", "run {i}: {r}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the 30 s script was killed"
    );
    // Nothing is left holding the client; a new run goes through a new batch.
    wait_client_idle(&admin, cid).await;
    let (s, again) = admin
        .post(&format!("/api/runs/{holder}/abort"), json!({}))
        .await;
    assert_eq!(s, 409, "finished runs cannot be aborted: {again}");
    // While rsync runs (slow copy): abort kills it; post scripts see the aborted status.
    db.execute("DELETE FROM client_scripts WHERE client_id = $1", &[&cid])
        .await
        .unwrap();
    std::fs::write(dir.path().join("big"), vec![7u8; 4 << 20]).unwrap();
    db.execute(
        "UPDATE clients SET rsync_options = '{--bwlimit=200}' WHERE id = $1",
        &[&cid],
    )
    .await
    .unwrap();
    crate::steps::abort_while_running(&admin, j1).await;
    let (_, snaps) = admin.get(&format!("/api/jobs/{j1}/snapshots")).await;
    assert_eq!(
        snaps.as_array().unwrap().len(),
        0,
        "an aborted run publishes nothing"
    );
}
