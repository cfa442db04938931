//! Audit records of users, settings and of what acts on runs and snapshots: secrets
//! redacted, downloads, restores, aborts and host keys; events for administrators only.

use serde_json::json;
use shared::Role;

use super::{changed, subject, Trail};
use crate::engine::run;
use crate::faults::local_job;
use crate::helpers::*;

#[tokio::test]
async fn users_and_settings_never_show_secrets() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut trail = Trail::new(&app).await;
    let me = trail.user_id("admin").await;
    trail.fresh().await;

    let pw = "Users-Secret-4711";
    let body = json!({"username": "maite", "password": pw, "role": "operator"});
    let (s, u) = admin.post("/api/users", body).await;
    assert_eq!(s, 201, "{u}");
    let uid = u["id"].as_i64().unwrap();
    let ch = changed(&mut trail, "created", me, "user", uid).await;
    assert_eq!(ch["password"], json!(["<redacted>", "<redacted>"]));
    assert_eq!(ch["username"], json!([null, "maite"]));
    let body = json!({"password": "Users-Secret-4712", "active": false});
    let (s, _) = admin.patch(&format!("/api/users/{uid}"), body).await;
    assert_eq!(s, 200);
    let ch = changed(&mut trail, "updated", me, "user", uid).await;
    assert_eq!(
        ch,
        json!({"password": ["<redacted>", "<redacted>"], "active": [true, false]})
    );
    let (s, _) = admin.delete(&format!("/api/users/{uid}")).await;
    assert_eq!(s, 204);
    changed(&mut trail, "deleted", me, "user", uid).await;

    let (_, mut st) = admin.get("/api/settings").await;
    st.as_object_mut().unwrap().remove("mail_password_set");
    st["mail_host"] = json!("smtp.herria.eus");
    st["mail_password"] = json!("Mail-Secret-0815");
    let (s, _) = admin.put("/api/settings", st.clone()).await;
    assert_eq!(s, 200);
    let r = trail.one("settings_changed", Some(me)).await;
    assert_eq!(subject(&r).0, "settings");
    assert_eq!(
        r["data"]["changes"],
        json!({
            "mail_host": ["", "smtp.herria.eus"],
            "mail_password": ["<redacted>", "<redacted>"],
            "mail_password_set": [false, true],
        })
    );
    // Refused settings change nothing and record nothing.
    st["max_parallel_jobs"] = json!(0);
    let (s, _) = admin.put("/api/settings", st).await;
    assert_eq!(s, 422);
    assert!(trail.fresh().await.is_empty());

    let all = trail.everything().await;
    for secret in [pw, "Users-Secret-4712", "Mail-Secret-0815"] {
        assert!(!all.contains(secret), "{secret} in the audit trail: {all}");
    }
}

#[tokio::test]
async fn downloads_and_restores() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut trail = Trail::new(&app).await;
    let me = trail.user_id("admin").await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("a.txt"), "alpha\n").unwrap();
    let jid = local_job(&app, &admin, src.path()).await;
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let sid = snaps[0]["id"].as_i64().unwrap();
    trail.fresh().await;

    let res = admin
        .raw(&format!("/api/snapshots/{sid}/download?path=a.txt"), &[])
        .await;
    assert_eq!(res.status(), 200);
    let r = trail.one("download", Some(me)).await;
    assert_eq!(subject(&r).0, "snapshot");
    assert_eq!(r["data"]["id"], sid);
    assert_eq!(r["data"]["path"], "a.txt");

    let (_, job) = admin.get(&format!("/api/jobs/{jid}")).await;
    let target = tempfile::tempdir().unwrap();
    let body = json!({"snapshot_id": sid, "path": "a.txt", "client_id": job["client"]["id"],
        "target_path": target.path().display().to_string()});
    let (s, q) = admin.post("/api/restores", body).await;
    assert_eq!(s, 202, "{q}");
    let r = trail.one("restore_requested", Some(me)).await;
    assert_eq!(
        (subject(&r).0, r["data"]["id"].as_i64()),
        ("snapshot", Some(sid))
    );
    assert_eq!(r["data"]["run_id"], q["run"]["id"]);
}

#[tokio::test]
async fn aborts_and_host_keys() {
    let app = spawn_app_with(AppOptions {
        dispatcher: false,
        ..Default::default()
    })
    .await;
    let admin = app.admin().await;
    let mut trail = Trail::new(&app).await;
    let me = trail.user_id("admin").await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, c) = admin.post("/api/clients", ssh_client("pc1")).await;
    let cid = c["id"].as_i64().unwrap();
    let (_, j) = admin.post("/api/jobs", job(cid, "home", loc, pol)).await;
    let jid = j["id"].as_i64().unwrap();
    let (s, queued) = admin.post(&format!("/api/jobs/{jid}/run"), json!({})).await;
    assert_eq!(s, 202);
    let rid = queued["id"].as_i64().unwrap();
    trail.fresh().await;
    let (s, _) = admin
        .post(&format!("/api/runs/{rid}/abort"), json!({}))
        .await;
    assert_eq!(s, 200);
    let r = trail.one("run_aborted", Some(me)).await;
    assert_eq!(subject(&r).0, "run");
    assert_eq!(
        (r["data"]["id"].as_i64(), r["data"]["job_id"].as_i64()),
        (Some(rid), Some(jid))
    );

    // A pending host key (as a first contact records it), accepted.
    let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE8kG9mTUJgQv1Tn5n8mC2n0cN8n0cN8n0cN8n0cN8n0";
    trail
        .db
        .execute(
            "UPDATE clients SET host_key_pending = $1 WHERE id = $2",
            &[&key, &cid],
        )
        .await
        .unwrap();
    let (s, _) = admin
        .post(&format!("/api/clients/{cid}/host-key/accept"), json!({}))
        .await;
    assert_eq!(s, 200);
    let r = trail.one("host_key_accepted", Some(me)).await;
    assert_eq!(subject(&r), ("client", Some(cid), "pc1"));
    assert!(r["data"]["fingerprint"]
        .as_str()
        .unwrap()
        .starts_with("SHA256:"));
    // Nothing pending: refused, nothing recorded.
    let (s, _) = admin
        .post(&format!("/api/clients/{cid}/host-key/accept"), json!({}))
        .await;
    assert_eq!(s, 409);
    assert!(trail.fresh().await.is_empty());
}

/// Audit records reach administrators only: their events name no client and no owner,
/// which the event stream delivers to administrators alone.
#[tokio::test]
async fn audit_events_are_for_administrators_only() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let op = app.user("op", Role::Operator).await;
    let (s, _) = op.post("/api/clients", ssh_client("theirs")).await;
    assert_eq!(s, 201);
    let (s, _) = admin.post("/api/clients", ssh_client("ours")).await;
    assert_eq!(s, 201);
    let trail = Trail::new(&app).await;
    let counts = trail
        .db
        .query_one(
            "SELECT count(*) FILTER (WHERE e.client_id IS NULL AND e.owner_id IS NULL), \
                    count(*), \
                    (SELECT count(*) FROM log_records WHERE source = 'audit') \
             FROM events e \
             WHERE e.payload->>'type' = 'log' AND e.payload->'record'->>'source' = 'audit'",
            &[],
        )
        .await
        .unwrap();
    let (hidden, events, records): (i64, i64, i64) = (counts.get(0), counts.get(1), counts.get(2));
    // Two logins, two creations (the operator's own client among them).
    assert_eq!(records, 4);
    assert_eq!((hidden, events), (records, records));
}
