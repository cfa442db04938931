//! Late backups over simulated time: the `late` fields and filter of the jobs API, and the
//! transitions the scheduler records (once, even with two servers on one database).

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use serde_json::json;

use crate::helpers::*;
use crate::scheduler::{setup, Setup};

fn madrid(d: u32, h: u32) -> DateTime<Utc> {
    Madrid
        .with_ymd_and_hms(2026, 11, d, h, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// A client with one job whose policy runs daily at 21:00 (grace 24 h), created (in the
/// database) on 1 November at 12:00 in Madrid; returns the client's and the job's ids.
async fn old_job(s: &Setup, name: &str) -> (i64, i64) {
    let daily = json!({"name": format!("daily {name}"), "schedule":
        {"daily": {"enabled": true, "keep": 7, "times": ["21:00"]}}});
    let (status, p) = s.admin.post("/api/policies", daily).await;
    assert_eq!(status, 201, "{p}");
    let (_, c) = s.admin.post("/api/clients", ssh_client(name)).await;
    let cid = c["id"].as_i64().unwrap();
    let body = job(cid, "home", s.loc, p["id"].as_i64().unwrap());
    let (status, j) = s.admin.post("/api/jobs", body).await;
    assert_eq!(status, 201, "{j}");
    let jid = j["id"].as_i64().unwrap();
    s.db.execute(
        "UPDATE jobs SET created_at = $2 WHERE id = $1",
        &[&jid, &madrid(1, 12)],
    )
    .await
    .unwrap();
    (cid, jid)
}

async fn late_of(s: &Setup, jid: i64) -> (bool, serde_json::Value) {
    let (status, j) = s.admin.get(&format!("/api/jobs/{jid}")).await;
    assert_eq!(status, 200, "{j}");
    (j["late"].as_bool().unwrap(), j["late_since"].clone())
}

async fn listed(s: &Setup, query: &str) -> Vec<i64> {
    let (status, page) = s.admin.get(&format!("/api/jobs?{query}")).await;
    assert_eq!(status, 200, "{page}");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_api_shows_lateness_and_filters_by_it() {
    let s = setup(AppOptions::default()).await;
    let (cid, old) = old_job(&s, "pc1").await;
    // Never backed up: late since its first expected run (1 Nov 21:00) plus a day.
    let (late, since) = late_of(&s, old).await;
    assert!(late);
    let since: DateTime<Utc> = serde_json::from_value(since).unwrap();
    assert_eq!(since, madrid(2, 21));
    // A job created now is not late: its first run plus a day is still ahead.
    let (_, c) = s.admin.post("/api/clients", ssh_client("pc2")).await;
    let (_, fresh) = s
        .admin
        .post(
            "/api/jobs",
            job(c["id"].as_i64().unwrap(), "new", s.loc, s.policy),
        )
        .await;
    let fresh = fresh["id"].as_i64().unwrap();
    assert_eq!(late_of(&s, fresh).await, (false, serde_json::Value::Null));
    assert_eq!(listed(&s, "late=true").await, vec![old]);
    assert_eq!(listed(&s, "late=false").await, vec![fresh]);
    let (_, page) = s.admin.get("/api/jobs").await;
    assert_eq!(
        page["items"][0]["late"],
        json!(true),
        "the list computes it too"
    );

    // An inactive job, or a job of an inactive client, is never late.
    let (status, _) = s
        .admin
        .patch(&format!("/api/jobs/{old}"), json!({"active": false}))
        .await;
    assert_eq!(status, 200);
    assert!(!late_of(&s, old).await.0);
    s.admin
        .patch(&format!("/api/jobs/{old}"), json!({"active": true}))
        .await;
    let (status, _) = s
        .admin
        .patch(&format!("/api/clients/{cid}"), json!({"active": false}))
        .await;
    assert_eq!(status, 200);
    assert!(!late_of(&s, old).await.0);
    s.admin
        .patch(&format!("/api/clients/{cid}"), json!({"active": true}))
        .await;
    assert!(late_of(&s, old).await.0);

    // A snapshot taken now: on time again.
    s.db.execute(
        "INSERT INTO snapshots (job_id, location_id, name, taken_at, store_path) \
         VALUES ($1, $2, 'now', now(), $3)",
        &[&old, &s.loc, &format!("{cid}/{old}")],
    )
    .await
    .unwrap();
    assert!(!late_of(&s, old).await.0);
    assert!(listed(&s, "late=true").await.is_empty());
}

async fn records(s: &Setup, jid: i64) -> Vec<(String, String, String)> {
    s.db.query(
        "SELECT code, level, source FROM log_records WHERE job_id = $1 \
         AND code IN ('job_late', 'job_on_time') ORDER BY id",
        &[&jid],
    )
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2)))
    .collect()
}

async fn recorded_since(s: &Setup, jid: i64) -> Option<DateTime<Utc>> {
    s.db.query_one("SELECT late_since FROM jobs WHERE id = $1", &[&jid])
        .await
        .unwrap()
        .get(0)
}

#[tokio::test]
async fn the_tick_records_each_transition_once() {
    let s = setup(AppOptions {
        dispatcher: false,
        ..AppOptions::default()
    })
    .await;
    let (cid, jid) = old_job(&s, "pc1").await;
    // Its further address is told of each transition, once, as for its runs.
    s.db.execute(
        "UPDATE jobs SET notify_emails = '{ops@example.org}' WHERE id = $1",
        &[&jid],
    )
    .await
    .unwrap();
    let check = |now| backend::scheduler::late::check(&s.app.engine, now);
    // Within the grace of its first run (1 Nov 21:00): nothing to record.
    assert_eq!(check(madrid(2, 20)).await.unwrap(), Default::default());
    assert_eq!(recorded_since(&s, jid).await, None);
    // The minute tick at 2 Nov 21:00 records that it went late.
    let report = backend::scheduler::tick::tick(&s.app.engine, madrid(2, 21))
        .await
        .unwrap();
    assert!(report.evaluated);
    assert_eq!(recorded_since(&s, jid).await, Some(madrid(2, 21)));
    let late = (
        "job_late".to_string(),
        "warning".to_string(),
        "scheduler".to_string(),
    );
    assert_eq!(records(&s, jid).await, vec![late.clone()]);
    assert_eq!(notices(&s, jid).await, ["job_late ops@example.org"]);

    // Later checks, here and on a second server on the same database, record nothing more.
    let other = spawn_app_with(AppOptions {
        database: Some(s.app.db_url.clone()),
        dispatcher: false,
        ..AppOptions::default()
    })
    .await;
    let (a, b) = tokio::join!(
        check(madrid(3, 9)),
        backend::scheduler::late::check(&other.engine, madrid(3, 9))
    );
    assert!(a.unwrap().went_late.is_empty() && b.unwrap().went_late.is_empty());
    assert_eq!(records(&s, jid).await.len(), 1);

    // A snapshot on 4 Nov at 10:00: recovered, once, even checked by both servers at once.
    s.db.execute(
        "INSERT INTO snapshots (job_id, location_id, name, taken_at, store_path) \
         VALUES ($1, $2, 'late', $3, $4)",
        &[&jid, &s.loc, &madrid(4, 10), &format!("{cid}/{jid}")],
    )
    .await
    .unwrap();
    let (a, b) = tokio::join!(
        check(madrid(4, 11)),
        backend::scheduler::late::check(&other.engine, madrid(4, 11))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.on_time.len() + b.on_time.len(), 1, "{a:?} {b:?}");
    assert_eq!(recorded_since(&s, jid).await, None);
    let on_time = (
        "job_on_time".to_string(),
        "info".to_string(),
        "scheduler".to_string(),
    );
    assert_eq!(records(&s, jid).await, vec![late.clone(), on_time.clone()]);
    assert_eq!(
        notices(&s, jid).await,
        ["job_late ops@example.org", "job_on_time ops@example.org"]
    );

    // It misses the run of 4 Nov at 21:00 and is late again a day later.
    assert!(check(madrid(5, 20)).await.unwrap().went_late.is_empty());
    assert_eq!(check(madrid(5, 21)).await.unwrap().went_late, vec![jid]);
    assert_eq!(recorded_since(&s, jid).await, Some(madrid(5, 21)));
    // Deactivated: on time (never late), recorded as a recovery.
    s.db.execute("UPDATE jobs SET active = FALSE WHERE id = $1", &[&jid])
        .await
        .unwrap();
    assert_eq!(check(madrid(6, 9)).await.unwrap().on_time, vec![jid]);
    assert_eq!(records(&s, jid).await.len(), 4);
    // A new episode is told again: four messages in all, none twice.
    assert_eq!(
        notices(&s, jid).await,
        [
            "job_late ops@example.org",
            "job_on_time ops@example.org",
            "job_late ops@example.org",
            "job_on_time ops@example.org"
        ]
    );
}

/// The notifications queued about job `jid`, oldest first: `event recipient`.
async fn notices(s: &Setup, jid: i64) -> Vec<String> {
    let sql = "SELECT event || ' ' || recipient FROM notifications WHERE job_id = $1 ORDER BY id";
    column(&s.db, sql, &[&jid]).await
}
