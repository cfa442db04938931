//! `GET /metrics`: who may scrape, the values of a known run with their labels, series of
//! deleted jobs gone, and the output and the example alert rules accepted by `promtool`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::json;

use crate::helpers::*;
use crate::scheduler::setup;

/// The value of the sample `name` whose labels include all of `labels`.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once(' '))
        .find(|(series, _)| {
            let (n, rest) = series.split_once('{').unwrap_or((series, ""));
            n == name
                && labels
                    .iter()
                    .all(|(k, v)| rest.contains(&format!("{k}=\"{v}\"")))
        })
        .map(|(_, v)| v.parse().unwrap())
}

/// promtool, or a failure saying how to install it (the test never skips).
fn promtool(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new("promtool")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("promtool not runnable ({e}): install the Debian package `prometheus` (cargo xtask setup)")
        });
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

async fn scrape(api: &Api) -> (u16, String, String) {
    let res = api.raw("/metrics", &[]).await;
    let status = res.status().as_u16();
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, ct, res.text().await.unwrap())
}

async fn allow(admin: &Api, addresses: serde_json::Value) {
    let (_, mut s) = admin.get("/api/settings").await;
    s["metrics_allowed_addresses"] = addresses;
    let (status, body) = admin.put("/api/settings", s).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn access_needs_an_admin_or_an_allowed_address() {
    let s = setup(AppOptions::default()).await;
    let anon = s.app.anon();
    assert_eq!(scrape(&anon).await.0, 401);
    let operator = s.app.user("oper", shared::Role::Operator).await;
    assert_eq!(scrape(&operator).await.0, 403);
    let (status, ct, body) = scrape(&s.admin).await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/plain"), "{ct}");
    assert!(body.contains("elkarbackup_build_info{version=\""), "{body}");
    let post = s
        .admin
        .client
        .post(s.app.url("/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 405);
    assert_eq!(post.headers()["allow"], "GET");
    // An address list that does not hold the caller still refuses.
    allow(&s.admin, json!(["10.0.0.0/8", "192.0.2.7"])).await;
    assert_eq!(scrape(&anon).await.0, 401);
    assert_eq!(scrape(&operator).await.0, 403);
    allow(&s.admin, json!(["10.0.0.0/8", "127.0.0.1/32"])).await;
    assert_eq!(scrape(&anon).await.0, 200);
    assert_eq!(scrape(&operator).await.0, 200);
}

#[tokio::test]
async fn values_of_a_known_run_and_deleted_jobs_vanish() {
    let s = setup(AppOptions {
        dispatcher: false,
        ..AppOptions::default()
    })
    .await;
    let (_, c) = s.admin.post("/api/clients", ssh_client("pc1")).await;
    let cid = c["id"].as_i64().unwrap();
    let (_, home) = s
        .admin
        .post("/api/jobs", job(cid, "home", s.loc, s.policy))
        .await;
    let (_, etc) = s
        .admin
        .post("/api/jobs", job(cid, "etc", s.loc, s.policy))
        .await;
    let (home, etc) = (home["id"].as_i64().unwrap(), etc["id"].as_i64().unwrap());
    // A failed run, then one that succeeded in 90 s transferring 12345 bytes.
    for (started, finished, result, bytes) in [
        (
            "2026-11-19 10:00:00+00",
            "2026-11-19 10:00:05+00",
            "failed",
            0i64,
        ),
        (
            "2026-11-20 10:00:00+00",
            "2026-11-20 10:01:30+00",
            "ok",
            12345,
        ),
    ] {
        s.db.execute(
            "INSERT INTO runs (job_id, trigger, state, result, started_at, finished_at, \
             transferred_bytes, error_code) VALUES ($1, 'manual', 'finished', $2, \
             $3::TEXT::TIMESTAMPTZ, $4::TEXT::TIMESTAMPTZ, $5, \
             CASE WHEN $2 = 'failed' THEN 'internal' END)",
            &[&home, &result, &started, &finished, &bytes],
        )
        .await
        .unwrap();
    }
    s.db.execute(
        "INSERT INTO snapshots (job_id, location_id, name, taken_at, store_path) \
         VALUES ($1, $2, 'snap', '2026-11-20 10:00:00+00', $3)",
        &[&home, &s.loc, &format!("{cid}/{home}")],
    )
    .await
    .unwrap();
    s.db.execute("UPDATE jobs SET size_bytes = 777 WHERE id = $1", &[&home])
        .await
        .unwrap();

    let (status, _, text) = scrape(&s.admin).await;
    assert_eq!(status, 200);
    let hid = home.to_string();
    let h = [("client", "pc1"), ("job", "home"), ("job_id", hid.as_str())];
    let v = |name: &str| sample(&text, name, &h).unwrap_or_else(|| panic!("{name}\n{text}"));
    let finished = 1_795_168_890.0; // 2026-11-20 10:01:30 UTC
    assert_eq!(
        v("elkarbackup_job_last_success_timestamp_seconds"),
        1_795_168_800.0
    );
    assert_eq!(v("elkarbackup_job_last_run_timestamp_seconds"), finished);
    assert_eq!(v("elkarbackup_job_last_run_success"), 1.0);
    assert_eq!(v("elkarbackup_job_last_duration_seconds"), 90.0);
    assert_eq!(v("elkarbackup_job_last_transferred_bytes"), 12345.0);
    assert_eq!(v("elkarbackup_job_disk_usage_bytes"), 777.0);
    assert_eq!(v("elkarbackup_job_snapshots"), 1.0);
    // The default policy runs daily: the snapshot of 20 November is long overdue.
    assert_eq!(v("elkarbackup_job_late"), 1.0);
    assert!(v("elkarbackup_job_next_run_timestamp_seconds") > finished);
    for (result, n) in [("ok", 1.0), ("failed", 1.0), ("warning", 0.0)] {
        let mut l = h.to_vec();
        l.push(("result", result));
        assert_eq!(
            sample(&text, "elkarbackup_job_runs_total", &l),
            Some(n),
            "{result}"
        );
    }
    // The job that never ran has defaults, and is not late yet (created just now).
    let eid = etc.to_string();
    let e = [("job", "etc"), ("job_id", eid.as_str())];
    for (name, want) in [
        ("elkarbackup_job_last_run_timestamp_seconds", 0.0),
        ("elkarbackup_job_last_success_timestamp_seconds", 0.0),
        ("elkarbackup_job_last_run_success", 0.0),
        ("elkarbackup_job_snapshots", 0.0),
        ("elkarbackup_job_late", 0.0),
    ] {
        assert_eq!(sample(&text, name, &e), Some(want), "{name}");
    }
    assert_eq!(
        sample(&text, "elkarbackup_queue_runs", &[("state", "queued")]),
        Some(0.0)
    );
    let default_location = [("location", "Default")];
    assert!(sample(&text, "elkarbackup_location_size_bytes", &default_location).unwrap() > 0.0);
    for ch in ["email", "webhook"] {
        let l = [("channel", ch), ("result", "sent")];
        assert_eq!(
            sample(&text, "elkarbackup_notifications_total", &l),
            Some(0.0)
        );
    }
    assert!(sample(&text, "elkarbackup_notification_outbox_pending", &[]).is_some());
    assert!(sample(
        &text,
        "elkarbackup_scheduler_last_tick_timestamp_seconds",
        &[]
    )
    .is_some());

    let out = promtool(&["check", "metrics"], Some(&text));
    assert!(
        out.status.success(),
        "promtool check metrics:\n{}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // A deleted job's series are gone at the next scrape.
    assert_eq!(s.admin.delete(&format!("/api/jobs/{etc}")).await.0, 204);
    let (_, _, after) = scrape(&s.admin).await;
    assert!(!after.contains(&format!("job_id=\"{etc}\"")), "{after}");
    assert!(after.contains(&format!("job_id=\"{home}\"")));
}

#[test]
fn the_example_alert_rules_are_valid() {
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/alert-rules.yml");
    let out = promtool(&["check", "rules", rules.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "promtool check rules:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(rules).unwrap();
    assert!(text.contains("elkarbackup_job_late == 1"), "{text}");
}
