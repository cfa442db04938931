//! The daily retention task: rows and run log files just older than each limit go, those
//! just newer stay; none keeps everything; a second call the same day does nothing; the
//! summary record says what went.

use std::time::SystemTime;

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use backend::scheduler::retention::{self, Removed};

use crate::helpers::*;

/// Whether each of `ids` is still in `table`.
async fn present(db: &tokio_postgres::Client, table: &str, ids: &[i64]) -> Vec<bool> {
    let sql = format!("SELECT id FROM {table} WHERE id = ANY($1)");
    let kept: Vec<i64> = column(db, &sql, &[&ids]).await;
    ids.iter().map(|id| kept.contains(id)).collect()
}

async fn log_record(db: &tokio_postgres::Client, source: &str, at: DateTime<Utc>) -> i64 {
    db.query_one(
        "INSERT INTO log_records (level, source, code, at) VALUES ('info', $1, 'x', $2) RETURNING id",
        &[&source, &at],
    )
    .await
    .unwrap()
    .get(0)
}

async fn event(db: &tokio_postgres::Client, at: DateTime<Utc>) -> i64 {
    db.query_one(
        "INSERT INTO events (at, payload) VALUES ($1, '{}') RETURNING id",
        &[&at],
    )
    .await
    .unwrap()
    .get(0)
}

async fn notification(db: &tokio_postgres::Client, status: &str, at: DateTime<Utc>) -> i64 {
    let key = format!("{status}-{}", at.timestamp());
    db.query_one(
        "INSERT INTO notifications (channel, event, dedup_key, recipient, status, created_at, \
         updated_at) VALUES ('email', 'run_failed', $1, 'a@b.eus', $2, $3, $3) RETURNING id",
        &[&key, &status, &at],
    )
    .await
    .unwrap()
    .get(0)
}

/// A run of `job` in `state`, finished at `finished` when finished, with a log file last
/// written at `written`.
async fn run_with_log(
    app: &TestApp,
    admin: &Api,
    job: i64,
    finished: Option<DateTime<Utc>>,
    written: DateTime<Utc>,
) -> std::path::PathBuf {
    let (s, r) = admin.post(&format!("/api/jobs/{job}/run"), json!({})).await;
    assert_eq!(s, 202, "{r}");
    let id = r["id"].as_i64().unwrap();
    if let Some(at) = finished {
        let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
        db.execute(
            "UPDATE runs SET state = 'finished', result = 'ok', finished_at = $2 WHERE id = $1",
            &[&id, &at],
        )
        .await
        .unwrap();
    }
    log_file(app, id, written)
}

/// A run log file last written at `written`.
fn log_file(app: &TestApp, run_id: i64, written: DateTime<Utc>) -> std::path::PathBuf {
    let path = app.engine.log_path(run_id);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let f = std::fs::File::create(&path).unwrap();
    f.set_modified(SystemTime::from(written)).unwrap();
    path
}

const SOURCES: [&str; 6] = [
    "api",
    "run",
    "scheduler",
    "dispatcher",
    "notification",
    "system",
];

#[tokio::test]
async fn deletes_exactly_what_is_older_than_each_limit_once_a_day() {
    let app = spawn_app_with(AppOptions {
        dispatcher: false,
        ..Default::default()
    })
    .await;
    let admin = app.admin().await;
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    db.execute(
        "UPDATE settings SET log_retention_days = 30, audit_retention_days = 365",
        &[],
    )
    .await
    .unwrap();
    let now = Utc::now();
    let hour = Duration::hours(1);
    let log_cut = now - Duration::days(30);
    let audit_cut = now - Duration::days(365);
    let (old, new) = (log_cut - hour, log_cut + hour);

    let mut old_logs = Vec::new();
    let mut new_logs = Vec::new();
    for s in SOURCES {
        old_logs.push(log_record(&db, s, old).await);
        new_logs.push(log_record(&db, s, new).await);
    }
    // Audit records follow their own limit: older than the log limit is not enough.
    let audit = [
        log_record(&db, "audit", audit_cut - hour).await,
        log_record(&db, "audit", audit_cut + hour).await,
        log_record(&db, "audit", old).await,
    ];
    let events = [event(&db, old).await, event(&db, new).await];
    let notes = [
        notification(&db, "sent", old).await,
        notification(&db, "failed", old).await,
        notification(&db, "sent", new).await,
        notification(&db, "pending", old).await,
    ];

    let (loc, pol) = app.defaults(&admin).await;
    let (_, c) = admin.post("/api/clients", ssh_client("pc1")).await;
    let cid = c["id"].as_i64().unwrap();
    let mut jobs = Vec::new();
    for name in ["a", "b", "c"] {
        let (_, j) = admin.post("/api/jobs", job(cid, name, loc, pol)).await;
        jobs.push(j["id"].as_i64().unwrap());
    }
    let files = [
        run_with_log(&app, &admin, jobs[0], Some(old), new).await,
        run_with_log(&app, &admin, jobs[1], Some(new), old).await,
        // Unfinished: kept whatever its age.
        run_with_log(&app, &admin, jobs[2], None, old - Duration::days(100)).await,
        // Of runs that no longer exist: by the file's age.
        log_file(&app, 900_001, old),
        log_file(&app, 900_002, new),
    ];

    let pool = backend::db::build_pool(&app.db_url, 2).unwrap();
    let dir = app.engine.run_logs_dir();
    let removed = retention::run(&pool, &dir, now).await.unwrap();
    assert_eq!(
        removed,
        Some(Removed {
            log_records: SOURCES.len(),
            audit_records: 1,
            events: 1,
            notifications: 2,
            run_logs: 2,
        })
    );
    assert_eq!(present(&db, "log_records", &old_logs).await, [false; 6]);
    assert_eq!(present(&db, "log_records", &new_logs).await, [true; 6]);
    assert_eq!(
        present(&db, "log_records", &audit).await,
        [false, true, true]
    );
    assert_eq!(present(&db, "events", &events).await, [false, true]);
    assert_eq!(
        present(&db, "notifications", &notes).await,
        [false, false, true, true]
    );
    let exist: Vec<bool> = files.iter().map(|f| f.exists()).collect();
    assert_eq!(exist, [false, true, true, false, true]);

    // The summary: one system record with the counts.
    let row = db
        .query_one(
            "SELECT level, detail, data::text FROM log_records \
             WHERE source = 'system' AND code = 'retention'",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "info");
    let detail: String = row.get(1);
    assert!(
        detail.contains("removed 6 log records, 1 audit records"),
        "{detail}"
    );
    let data: serde_json::Value = serde_json::from_str(&row.get::<_, String>(2)).unwrap();
    assert_eq!(
        (
            &data["log_records"],
            &data["run_logs"],
            &data["notifications"]
        ),
        (&json!(6), &json!(2), &json!(2))
    );

    // The same day again (another server, or the next tick): nothing.
    log_record(&db, "run", old).await;
    assert_eq!(retention::run(&pool, &dir, now).await.unwrap(), None);
    let left: i64 = db
        .query_one(
            "SELECT count(*) FROM log_records WHERE at < $1",
            &[&log_cut],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(
        left, 3,
        "two audit records and the record written after the run"
    );
    // The next day it runs again, with limits a day later: the six records that were
    // just newer and the late one go, and the audit record that was just newer.
    let next = retention::run(&pool, &dir, now + Duration::days(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((next.log_records, next.audit_records), (7, 1));
}

#[tokio::test]
async fn no_limit_keeps_everything() {
    let app = spawn_app_with(AppOptions {
        dispatcher: false,
        ..Default::default()
    })
    .await;
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    db.execute(
        "UPDATE settings SET log_retention_days = NULL, audit_retention_days = NULL",
        &[],
    )
    .await
    .unwrap();
    let ancient = Utc::now() - Duration::days(20_000);
    let mut ids = Vec::new();
    for s in SOURCES.iter().chain(&["audit"]) {
        ids.push(log_record(&db, s, ancient).await);
    }
    let ev = event(&db, ancient).await;
    let note = notification(&db, "sent", ancient).await;
    let file = log_file(&app, 900_003, ancient);

    let pool = backend::db::build_pool(&app.db_url, 2).unwrap();
    let removed = retention::run(&pool, &app.engine.run_logs_dir(), Utc::now())
        .await
        .unwrap();
    assert_eq!(removed, Some(Removed::default()));
    assert_eq!(present(&db, "log_records", &ids).await, [true; 7]);
    assert_eq!(present(&db, "events", &[ev]).await, [true]);
    assert_eq!(present(&db, "notifications", &[note]).await, [true]);
    assert!(file.exists());
    let detail: String = db
        .query_one(
            "SELECT detail FROM log_records WHERE code = 'retention'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(
        detail.contains("keeping logs forever, audit records forever"),
        "{detail}"
    );
}
