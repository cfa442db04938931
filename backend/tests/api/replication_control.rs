//! The replica's control plane against real PostgreSQL and a real sshd standing in for
//! the primary's ssh endpoint: replication sources (CRUD, localised validation, the
//! write-only token, audit), the primary's host key (pending, accepted, changed), runs
//! refused or failing, the scheduler's choice of due sources, and the metrics.

use chrono::{TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::scheduler::db_of;
use crate::sshd::Sshd;

/// A port nothing listens on.
pub fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A valid source body: the primary's HTTP address refuses connections.
pub fn source(name: &str, ssh_port: u16, loc: i64, policy: i64) -> Value {
    json!({
        "name": name,
        "url": format!("http://127.0.0.1:{}", closed_port()),
        "token": "ebr_very-secret-token",
        "ssh_host": "127.0.0.1",
        "ssh_port": ssh_port,
        "ssh_user": "elkarbackup",
        "locations": [{"primary": 1, "local": loc}],
        "policy_id": policy,
    })
}

/// A request with `Accept-Language: lang`, as the admin.
async fn in_language(
    app: &TestApp,
    token: &str,
    lang: &str,
    method: reqwest::Method,
    path: &str,
    body: &Value,
) -> (u16, Value) {
    let res = http_client()
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("accept-language", lang)
        .json(body)
        .send()
        .await
        .unwrap();
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn sources_crud_with_a_write_only_token_a_key_pair_and_audit() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let db = db_of(&app).await;
    let body = source("office", closed_port(), loc, pol);
    let (s, r) = admin.post("/api/replications", body.clone()).await;
    assert_eq!(s, 201, "{r}");
    let id = r["id"].as_i64().unwrap();
    assert_eq!(r["has_token"], true);
    assert!(!r.to_string().contains("very-secret"), "{r}");
    assert!(r["public_key"]
        .as_str()
        .unwrap()
        .starts_with("ssh-ed25519 "));
    // Nothing answers on the ssh port: no key is known yet.
    assert_eq!(r["host_key_state"], "unknown");
    assert_eq!(r["policy"]["name"], "Default policy");
    let key = app._data_dir.path().join(format!("keys/replication-{id}"));
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    assert_eq!(public.trim(), r["public_key"].as_str().unwrap());

    // Duplicate names are a conflict on `name`.
    let (s, e) = admin.post("/api/replications", body.clone()).await;
    assert_eq!(
        (s, field_codes(&e)),
        (409, vec![("name".into(), "duplicate".into())])
    );

    // An absent token keeps the stored one; the list never shows it either.
    let mut changed = body.clone();
    changed["token"] = Value::Null;
    changed["interval_minutes"] = json!(60);
    let (s, r) = admin.put(&format!("/api/replications/{id}"), changed).await;
    assert_eq!((s, r["interval_minutes"].as_i64()), (200, Some(60)), "{r}");
    assert_eq!(r["has_token"], true);
    let row = db
        .query_one("SELECT token FROM replications WHERE id = $1", &[&id])
        .await
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "ebr_very-secret-token");
    let (_, list) = admin.get("/api/replications").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(!list.to_string().contains("very-secret"));

    // Operators see nothing of it.
    let op = app.user("op", shared::Role::Operator).await;
    assert_eq!(op.get("/api/replications").await.0, 403);
    assert_eq!(op.get(&format!("/api/replications/{id}")).await.0, 403);

    // Audit: created, updated, deleted; the token never recorded.
    assert_eq!(
        admin.delete(&format!("/api/replications/{id}")).await.0,
        204
    );
    assert_eq!(admin.get(&format!("/api/replications/{id}")).await.0, 404);
    assert!(!key.exists() && !key.with_extension("pub").exists());
    let rows = db
        .query(
            "SELECT code, data::text FROM log_records WHERE source = 'audit' \
             AND data->>'kind' = 'replication' ORDER BY id",
            &[],
        )
        .await
        .unwrap();
    let codes: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    assert_eq!(codes, ["created", "updated", "deleted"]);
    for r in &rows {
        let data: String = r.get(1);
        assert!(!data.contains("very-secret"), "{data}");
    }
    assert!(rows[1].get::<_, String>(1).contains("interval_minutes"));
}

#[tokio::test]
async fn validation_is_localised_and_names_each_field() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let token = app.admin_token().await;
    let (loc, pol) = app.defaults(&admin).await;
    let mut bad = source("", 22, loc, pol);
    bad["url"] = json!("https://user:pw@primary.example/?token=x");
    bad["token"] = json!("two words");
    bad["ssh_host"] = json!("-oProxyCommand=x");
    bad["ssh_user"] = json!("a b");
    bad["locations"] = json!([{"primary": 1, "local": 999999}, {"primary": 1, "local": loc}]);
    bad["policy_id"] = json!(999999);
    bad["interval_minutes"] = json!(2);
    bad["bwlimit_kib"] = json!(0);
    bad["window_start"] = json!("22:00:00");
    bad["vanished_grace_days"] = json!(4000);
    let post = reqwest::Method::POST;
    let (s, es) = in_language(&app, &token, "es", post.clone(), "/api/replications", &bad).await;
    assert_eq!(s, 422, "{es}");
    let mut fields = field_codes(&es);
    fields.sort();
    let mut want: Vec<(String, String)> = [
        ("name", "required"),
        ("url", "invalid"),
        ("token", "invalid"),
        ("ssh_host", "invalid"),
        ("ssh_user", "invalid"),
        ("locations.1.primary", "duplicate"),
        ("locations.0.local", "not_found"),
        ("policy_id", "not_found"),
        ("interval_minutes", "out_of_range"),
        ("bwlimit_kib", "out_of_range"),
        ("window_end", "required"),
        ("vanished_grace_days", "out_of_range"),
    ]
    .iter()
    .map(|(f, c)| (f.to_string(), c.to_string()))
    .collect();
    want.sort();
    assert_eq!(fields, want);
    let message = |body: &Value, field: &str| {
        body["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == field)
            .unwrap()["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        message(&es, "interval_minutes"),
        "Debe estar entre 5 y 10080."
    );
    let (_, eu) = in_language(&app, &token, "eu", post, "/api/replications", &bad).await;
    assert_ne!(
        message(&eu, "interval_minutes"),
        message(&es, "interval_minutes")
    );
    assert!(message(&eu, "interval_minutes").contains("10080"));
}

#[tokio::test]
async fn the_primary_host_key_goes_pending_accepted_and_a_change_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let token = app.admin_token().await;
    let (loc, pol) = app.defaults(&admin).await;
    let mut sshd = Sshd::start().await;
    let (s, r) = admin
        .post("/api/replications", source("primary", sshd.port, loc, pol))
        .await;
    assert_eq!(s, 201, "{r}");
    let id = r["id"].as_i64().unwrap();
    assert_eq!(r["host_key_state"], "pending");
    assert_eq!(r["host_key_fingerprint"], sshd.fingerprint());
    // A run waits for the key to be accepted, and says so in the caller's language.
    let run = format!("/api/replications/{id}/run");
    let post = reqwest::Method::POST;
    let (s, e) = in_language(&app, &token, "en", post.clone(), &run, &json!({})).await;
    assert_eq!(
        (s, e["code"].as_str()),
        (409, Some("host_key_pending")),
        "{e}"
    );
    assert!(e["message"].as_str().unwrap().contains("not been accepted"));
    let (_, r) = admin.get(&format!("/api/replications/{id}")).await;
    assert_eq!(r["last_error"], "host_key_pending");

    let accept = format!("/api/replications/{id}/host-key/accept");
    let (s, r) = admin.post(&accept, json!({})).await;
    assert_eq!(
        (s, r["host_key_state"].as_str()),
        (200, Some("accepted")),
        "{r}"
    );
    // The refusal it caused is resolved with it.
    assert_eq!(r["last_error"], Value::Null, "{r}");
    let known = app
        ._data_dir
        .path()
        .join(format!("known_hosts/replication-{id}"));
    let line = std::fs::read_to_string(&known).unwrap();
    assert!(
        line.starts_with(&format!("[127.0.0.1]:{} ssh-ed25519 ", sshd.port)),
        "{line}"
    );
    assert_eq!(
        admin.post(&accept, json!({})).await.0,
        409,
        "nothing pending now"
    );

    // The primary shows another key: kept pending beside the pinned one, runs refused.
    sshd.change_host_key().await;
    let (s, e) = in_language(&app, &token, "es", post.clone(), &run, &json!({})).await;
    assert_eq!(
        (s, e["code"].as_str()),
        (409, Some("host_key_mismatch")),
        "{e}"
    );
    assert!(e["message"].as_str().unwrap().contains("ha cambiado"));
    let (_, r) = admin.get(&format!("/api/replications/{id}")).await;
    assert_eq!(r["host_key_state"], "pending");
    assert_eq!(r["host_key_fingerprint"], sshd.fingerprint());
    let (s, _) = in_language(&app, &token, "en", post, &run, &json!({})).await;
    assert_eq!(s, 409, "still refused until accepted");
    let db = db_of(&app).await;
    let n: i64 = db
        .query_one(
            "SELECT count(*) FROM log_records WHERE source = 'audit' \
             AND code = 'host_key_accepted' AND data->>'kind' = 'replication'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}

#[tokio::test]
async fn a_run_against_an_unreachable_primary_is_a_localised_error_kept_as_last_error() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let token = app.admin_token().await;
    let (loc, pol) = app.defaults(&admin).await;
    // Neither the ssh port nor the HTTP address answers.
    let (_, r) = admin
        .post("/api/replications", source("gone", closed_port(), loc, pol))
        .await;
    let id = r["id"].as_i64().unwrap();
    let run = format!("/api/replications/{id}/run");
    let post = reqwest::Method::POST;
    let (s, e) = in_language(&app, &token, "eu", post, &run, &json!({})).await;
    assert_eq!(
        (s, e["code"].as_str()),
        (502, Some("primary_unreachable")),
        "{e}"
    );
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("zerbitzari nagusiarekin"));
    let (_, r) = admin.get(&format!("/api/replications/{id}")).await;
    assert_eq!(r["last_error"], "primary_unreachable");
    let db = db_of(&app).await;
    let n: i64 = db
        .query_one(
            "SELECT count(*) FROM log_records WHERE source = 'replication' \
             AND code = 'replication_sync_failed'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}

#[tokio::test]
async fn the_scheduler_syncs_sources_whose_interval_elapsed_inside_their_window() {
    let app = spawn_app_with(AppOptions {
        dispatcher: false,
        ..AppOptions::default()
    })
    .await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let db = db_of(&app).await;
    let mut every = source("every-hour", closed_port(), loc, pol);
    every["interval_minutes"] = json!(60);
    let (_, a) = admin.post("/api/replications", every).await;
    let mut night = source("night", closed_port(), loc, pol);
    night["interval_minutes"] = json!(5);
    night["window_start"] = json!("22:00:00");
    night["window_end"] = json!("06:00:00");
    let (_, b) = admin.post("/api/replications", night).await;
    let mut off = source("paused", closed_port(), loc, pol);
    off["interval_minutes"] = json!(5);
    off["active"] = json!(false);
    admin.post("/api/replications", off).await;
    // The default policy runs daily at 21:00: a source without interval is due then.
    let (_, c) = admin
        .post(
            "/api/replications",
            source("policy-times", closed_port(), loc, pol),
        )
        .await;
    let (a, b, c) = (
        a["id"].as_i64().unwrap(),
        b["id"].as_i64().unwrap(),
        c["id"].as_i64().unwrap(),
    );
    let noon = Madrid
        .with_ymd_and_hms(2026, 12, 7, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let due = backend::scheduler::replication::due(&app.engine, noon)
        .await
        .unwrap();
    assert_eq!(due, vec![a], "never synced, inside no window");
    let synced = backend::scheduler::replication::check(&app.engine, noon)
        .await
        .unwrap();
    assert_eq!(synced.len(), 1);
    assert!(synced[0].1.is_err(), "nothing answers");
    let err: Option<String> = db
        .query_one("SELECT last_error FROM replications WHERE id = $1", &[&a])
        .await
        .unwrap()
        .get(0);
    assert_eq!(err.as_deref(), Some("primary_unreachable"));
    // Synced 30 minutes ago: not due again before the hour.
    let half = noon - chrono::TimeDelta::minutes(30);
    db.execute(
        "UPDATE replications SET last_sync_at = $1 WHERE id = $2",
        &[&half, &a],
    )
    .await
    .unwrap();
    let due = backend::scheduler::replication::due(&app.engine, noon)
        .await
        .unwrap();
    assert!(due.is_empty(), "{due:?}");
    let later = noon + chrono::TimeDelta::minutes(30);
    assert_eq!(
        backend::scheduler::replication::due(&app.engine, later)
            .await
            .unwrap(),
        vec![a]
    );
    // At 23:00 the night window is open; at 21:00 the policy's time has come.
    let at = |h| {
        Madrid
            .with_ymd_and_hms(2026, 12, 7, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    assert_eq!(
        backend::scheduler::replication::due(&app.engine, at(23))
            .await
            .unwrap(),
        vec![a, b]
    );
    assert_eq!(
        backend::scheduler::replication::due(&app.engine, at(21))
            .await
            .unwrap(),
        vec![a, c]
    );
}

#[tokio::test]
async fn metrics_show_each_copied_jobs_lag_and_each_sources_last_sync() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let db = db_of(&app).await;
    let (_, r) = admin
        .post("/api/replications", source("prim", closed_port(), loc, pol))
        .await;
    let id = r["id"].as_i64().unwrap();
    let (cid, jid) =
        crate::replication_control_copies::copied_client(&admin, &db, id, loc, pol).await;
    let behind = Utc::now() - chrono::TimeDelta::hours(2);
    let synced = Utc.with_ymd_and_hms(2026, 12, 7, 10, 0, 0).unwrap();
    db.execute(
        "UPDATE jobs SET replication_behind_since = $1 WHERE id = $2",
        &[&behind, &jid],
    )
    .await
    .unwrap();
    db.execute(
        "UPDATE replications SET last_sync_at = $1 WHERE id = $2",
        &[&synced, &id],
    )
    .await
    .unwrap();
    let res = admin.raw("/metrics", &[]).await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    assert!(
        text.contains("# HELP elkarbackup_replication_lag_seconds "),
        "{text}"
    );
    let line = text
        .lines()
        .find(|l| l.starts_with("elkarbackup_replication_lag_seconds{"))
        .unwrap();
    assert!(
        line.contains("source=\"prim\"") && line.contains("job=\"copied-job\""),
        "{line}"
    );
    assert!(line.contains(&format!("job_id=\"{jid}\"")), "{line}");
    let lag: f64 = line.rsplit(' ').next().unwrap().parse().unwrap();
    assert!((7190.0..7300.0).contains(&lag), "{line}");
    assert!(
        text.contains(&format!(
            "elkarbackup_replication_last_sync_timestamp_seconds{{source=\"prim\"}} {}",
            synced.timestamp()
        )),
        "{text}"
    );
    // Caught up: 0.
    db.execute("UPDATE jobs SET replication_behind_since = NULL", &[])
        .await
        .unwrap();
    let text = admin.raw("/metrics", &[]).await.text().await.unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("elkarbackup_replication_lag_seconds{") && l.ends_with(" 0.0")),
        "{text}"
    );
    let _ = cid;
    // The whole text, replication families included, is valid for Prometheus.
    let mut promtool = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("promtool (Debian package prometheus)");
    use std::io::Write;
    promtool
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = promtool.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
