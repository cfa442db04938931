//! Server-sent events: a run's whole lifecycle in order, resume with `Last-Event-ID`,
//! progress, operators seeing only their clients, and 200 subscribers plus one that never
//! reads not slowing a backup.

use std::path::Path;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

use crate::engine::wait_finished;
use crate::faults::local_job;
use crate::helpers::*;
use crate::scheduler::db_of;

/// One received event: its id (durable events), its JSON and when it arrived.
#[derive(Debug, Clone)]
struct Received {
    id: Option<i64>,
    data: Value,
}

/// Subscribes to `/api/events` as `token`, after `last` when given.
async fn subscribe(
    app: &TestApp,
    token: &str,
    last: Option<i64>,
) -> mpsc::UnboundedReceiver<Received> {
    let mut req = app.script().get(app.url("/api/events")).bearer_auth(token);
    if let Some(id) = last {
        req = req.header("Last-Event-ID", id.to_string());
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut body = res.bytes_stream();
        let mut buf = String::new();
        let (mut id, mut data) = (None, String::new());
        while let Some(Ok(chunk)) = body.next().await {
            buf.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(nl) = buf.find('\n') {
                let line: String = buf.drain(..=nl).collect();
                let line = line.trim_end_matches(['\n', '\r']);
                if line.is_empty() {
                    if !data.is_empty() {
                        let v = serde_json::from_str(&data).unwrap();
                        if tx
                            .send(Received {
                                id: id.take(),
                                data: v,
                            })
                            .is_err()
                        {
                            return;
                        }
                    }
                    data.clear();
                    id = None;
                } else if let Some(d) = line.strip_prefix("data:") {
                    data.push_str(d.trim_start());
                } else if let Some(i) = line.strip_prefix("id:") {
                    id = i.trim().parse().ok();
                }
            }
        }
    });
    rx
}

/// Collects events until `done` says so (or panics after `secs`).
async fn collect_until(
    rx: &mut mpsc::UnboundedReceiver<Received>,
    secs: u64,
    done: impl Fn(&Received) -> bool,
) -> Vec<Received> {
    let mut got = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, rx.recv()).await {
            Ok(Some(e)) => {
                let stop = done(&e);
                got.push(e);
                if stop {
                    return got;
                }
            }
            _ => panic!("stream ended or timed out; got {got:#?}"),
        }
    }
}

fn finished(run_id: i64) -> impl Fn(&Received) -> bool {
    move |e| {
        e.data["type"] == "run"
            && e.data["item"]["run"]["id"] == run_id
            && e.data["item"]["run"]["state"] == "finished"
    }
}

fn states_of(events: &[Received], run_id: i64) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.data["type"] == "run" && e.data["item"]["run"]["id"] == run_id)
        .map(|e| e.data["item"]["run"]["state"].as_str().unwrap().to_owned())
        .collect()
}

fn tree(dir: &Path, files: usize, size: usize) {
    for i in 0..files {
        std::fs::write(dir.join(format!("f{i}")), vec![i as u8; size]).unwrap();
    }
}

#[tokio::test]
async fn a_subscriber_sees_a_runs_lifecycle_in_order_and_resumes_with_last_event_id() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let token = admin.token.clone().unwrap();
    let src = tempfile::tempdir().unwrap();
    tree(src.path(), 30, 64 * 1024);
    let jid = local_job(&app, &admin, src.path()).await;
    // Slow enough for progress to be reported.
    let db = db_of(&app).await;
    db.execute("UPDATE clients SET rsync_options = '{--bwlimit=800}'", &[])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mut rx = subscribe(&app, &token, None).await;
    let (s, run) = admin.post(&format!("/api/jobs/{jid}/run"), json!({})).await;
    assert_eq!(s, 202);
    let rid = run["id"].as_i64().unwrap();
    let started = Instant::now();
    let events = collect_until(&mut rx, 60, finished(rid)).await;
    let elapsed = started.elapsed().as_secs_f64();
    // The whole lifecycle, in order, once each.
    assert_eq!(
        states_of(&events, rid),
        [
            "queued",
            "waiting_for_client",
            "pre_job",
            "running",
            "finished"
        ]
    );
    let last = events.last().unwrap();
    assert_eq!(last.data["item"]["run"]["result"], "ok", "{:?}", last.data);
    assert_eq!(
        last.data["item"]["job_name"], "local",
        "names travel beside the run"
    );
    assert!(last.data["item"]["client_id"].is_i64());
    // Durable events have increasing ids; progress has none and comes at most 4 per second.
    let ids: Vec<i64> = events.iter().filter_map(|e| e.id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    let progress: Vec<&Received> = events
        .iter()
        .filter(|e| e.data["type"] == "progress")
        .collect();
    assert!(progress.iter().all(|e| e.id.is_none()));
    assert!(progress.len() >= 2, "progress reported: {}", progress.len());
    assert!(
        progress.len() as f64 <= 4.0 * elapsed + 2.0,
        "{} in {elapsed} s",
        progress.len()
    );
    let done: Vec<i64> = progress
        .iter()
        .map(|e| e.data["progress"]["files_done"].as_i64().unwrap())
        .collect();
    assert!(
        done.windows(2).all(|w| w[0] <= w[1]),
        "files_done never goes back: {done:?}"
    );
    assert!(events
        .iter()
        .any(|e| e.data["type"] == "log" && e.data["record"]["run_id"] == rid));
    assert!(events.iter().any(|e| e.data["type"] == "client_state"));
    // Reconnecting after the second durable event replays the rest, in order.
    let durable: Vec<&Received> = events.iter().filter(|e| e.id.is_some()).collect();
    let mut again = subscribe(&app, &token, durable[1].id).await;
    let replayed = collect_until(&mut again, 10, finished(rid)).await;
    let replayed_ids: Vec<Option<i64>> = replayed.iter().map(|e| e.id).collect();
    let expected: Vec<Option<i64>> = durable[2..].iter().map(|e| e.id).collect();
    assert_eq!(replayed_ids, expected);
    assert_eq!(replayed[0].data, durable[2].data);
}

#[tokio::test]
async fn an_operator_never_receives_events_of_another_operators_clients() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let op = app.user("op", shared::Role::Operator).await;
    let (_, me) = op.get("/api/auth/me").await;
    let op_id = me["id"].as_i64().unwrap();
    let other = app.user("other", shared::Role::Operator).await;
    let (_, me2) = other.get("/api/auth/me").await;
    let other_id = me2["id"].as_i64().unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    tree(a.path(), 2, 10);
    tree(b.path(), 2, 10);
    let mine = local_job(&app, &admin, a.path()).await;
    let theirs = local_job(&app, &admin, b.path()).await;
    let db = db_of(&app).await;
    for (job, owner) in [(mine, op_id), (theirs, other_id)] {
        db.execute(
            "UPDATE clients SET owner_id = $2 WHERE id = (SELECT client_id FROM jobs WHERE id = $1)",
            &[&job, &owner],
        )
        .await
        .unwrap();
    }
    let mut rx = subscribe(&app, op.token.as_deref().unwrap(), None).await;
    let (_, r_theirs) = admin
        .post(&format!("/api/jobs/{theirs}/run"), json!({}))
        .await;
    wait_finished(&admin, r_theirs["id"].as_i64().unwrap()).await;
    let (_, r_mine) = admin
        .post(&format!("/api/jobs/{mine}/run"), json!({}))
        .await;
    let rid = r_mine["id"].as_i64().unwrap();
    let events = collect_until(&mut rx, 30, finished(rid)).await;
    assert!(!states_of(&events, rid).is_empty());
    let their_client = db
        .query_one("SELECT client_id FROM jobs WHERE id = $1", &[&theirs])
        .await
        .unwrap()
        .get::<_, i64>(0);
    for e in &events {
        let text = e.data.to_string();
        assert!(
            e.data["item"]["run"]["job_id"] != theirs
                && e.data["job_id"] != theirs
                && e.data["state"]["client_id"] != their_client
                && e.data["record"]["job_id"] != theirs
                && e.data["record"]["client_id"] != their_client,
            "leaked: {text}"
        );
    }
}

/// Runs a job and returns the run's duration from its own timestamps.
async fn timed_run(admin: &Api, jid: i64) -> (i64, f64) {
    let (_, r) = admin.post(&format!("/api/jobs/{jid}/run"), json!({})).await;
    let rid = r["id"].as_i64().unwrap();
    let r = wait_finished(admin, rid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let t = |k: &str| chrono::DateTime::parse_from_rfc3339(r[k].as_str().unwrap()).unwrap();
    (rid, (t("finished_at") - t("started_at")).as_seconds_f64())
}

#[tokio::test]
async fn two_hundred_subscribers_and_one_that_never_reads_do_not_slow_a_backup() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let token = admin.token.clone().unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    tree(a.path(), 20, 100 * 1024);
    tree(b.path(), 20, 100 * 1024);
    let ja = local_job(&app, &admin, a.path()).await;
    let jb = local_job(&app, &admin, b.path()).await;
    let db = db_of(&app).await;
    db.execute("UPDATE clients SET rsync_options = '{--bwlimit=1000}'", &[])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (_, baseline) = timed_run(&admin, ja).await;

    // One subscriber that sends its request and never reads a byte.
    let mut stuck = tokio::net::TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .unwrap();
    stuck
        .write_all(
            format!("GET /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n")
                .as_bytes(),
        )
        .await
        .unwrap();
    let mut subs = Vec::new();
    for _ in 0..200 {
        subs.push(subscribe(&app, &token, None).await);
    }
    let (rid, loaded) = timed_run(&admin, jb).await;
    assert!(
        loaded <= baseline * 2.0 + 1.0,
        "with 201 subscribers {loaded:.2} s, without {baseline:.2} s"
    );
    // Every reading subscriber saw the run finish.
    for rx in &mut subs {
        collect_until(rx, 20, finished(rid)).await;
    }
    drop(stuck);
}
