//! The administrators' daily digest: queued once a day over every server, at the set
//! time, one mail per administrator with an address, in their language, listing the last
//! day's failed and warned backups and the late jobs.

use backend::scheduler::digest;
use chrono::{TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use serde_json::json;

use crate::helpers::{job, spawn_app, ssh_client};

#[tokio::test]
async fn the_digest_goes_once_a_day_to_each_administrator_in_their_language() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let pool = &app.engine.pool;
    // Two administrators with an address (Basque, and none saved: the default, Spanish),
    // one without, and an operator with one: only the first two get the digest.
    for (name, role, email, lang) in [
        ("ane", "admin", Some("ane@example.org"), json!("eu")),
        ("bea", "admin", Some("bea@example.org"), json!(null)),
        ("carla", "admin", None, json!("en")),
        ("dani", "operator", Some("dani@example.org"), json!("en")),
    ] {
        let (s, b) = admin
            .post(
                "/api/users",
                json!({"username": name, "role": role, "email": email, "language": lang,
                       "password": "a-long-password-1"}),
            )
            .await;
        assert_eq!(s, 201, "{b}");
    }
    let (_, settings) = admin.get("/api/settings").await;
    let mut put = settings.clone();
    put["digest_time"] = json!("07:30");
    put["default_language"] = json!("es");
    let (s, b) = admin.put("/api/settings", put).await;
    assert_eq!(s, 200, "{b}");

    let (loc, pol) = app.defaults(&admin).await;
    let (_, client) = admin.post("/api/clients", ssh_client("pc1")).await;
    let cid = client["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for name in ["home", "etc", "srv"] {
        let (_, j) = admin.post("/api/jobs", job(cid, name, loc, pol)).await;
        ids.push(j["id"].as_i64().unwrap());
    }
    // 08:00 in Madrid on 6 December: a failure at 07:00, a warning yesterday at 09:00,
    // a failure two days ago (too old), a success; `srv` is late.
    let now = Madrid
        .with_ymd_and_hms(2026, 12, 6, 8, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let pg = crate::helpers::pg(app.db_url.rsplit('/').next().unwrap()).await;
    for (job_id, result, code, hours_ago) in [
        (ids[0], "failed", Some("unreachable"), 1),
        (ids[1], "warning", Some("rsync_vanished_files"), 23),
        (ids[0], "failed", Some("auth_refused"), 49),
        (ids[1], "ok", None, 2),
    ] {
        let at = now - chrono::TimeDelta::hours(hours_ago);
        pg.execute(
            "INSERT INTO runs (job_id, trigger, state, result, error_code, started_at, finished_at) \
             VALUES ($1, 'manual', 'finished', $2, $3, $4, $4)",
            &[&job_id, &result, &code, &at],
        )
        .await
        .unwrap();
    }
    pg.execute(
        "UPDATE jobs SET late_since = $2 WHERE id = $1",
        &[&ids[2], &now],
    )
    .await
    .unwrap();

    // Before its time: nothing.
    let early = Madrid
        .with_ymd_and_hms(2026, 12, 6, 7, 29, 0)
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(digest::queue(pool, &Madrid, early).await.unwrap(), 0);
    // At 08:00: one per administrator with an address; a second call (another server, or
    // the next minute) queues nothing more.
    assert_eq!(digest::queue(pool, &Madrid, now).await.unwrap(), 2);
    assert_eq!(digest::queue(pool, &Madrid, now).await.unwrap(), 0);

    let rows = pg
        .query(
            "SELECT recipient, language, event, payload::text FROM notifications ORDER BY recipient",
            &[],
        )
        .await
        .unwrap();
    let got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        got,
        [
            ("ane@example.org".into(), "eu".into(), "digest".into()),
            ("bea@example.org".into(), "es".into(), "digest".into()),
        ]
    );
    let payload: serde_json::Value = serde_json::from_str(rows[0].get(3)).unwrap();
    assert_eq!(payload["day"], "2026-12-06");
    let codes = |key: &str| -> Vec<String> {
        payload[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["error_code"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(codes("failures"), ["unreachable"]);
    assert_eq!(codes("warnings"), ["rsync_vanished_files"]);
    assert_eq!(payload["failures"][0]["client"], "pc1");
    assert_eq!(payload["failures"][0]["job"], "home");
    assert_eq!(payload["late"][0]["job"], "srv");
    assert_eq!(payload["late"].as_array().unwrap().len(), 1);

    // The next day it goes again.
    let tomorrow = now + chrono::TimeDelta::days(1);
    assert_eq!(digest::queue(pool, &Madrid, tomorrow).await.unwrap(), 2);
}
