//! The audit trail through the HTTP API: each audited action writes exactly one `audit`
//! record with its code, user, address (127.0.0.1), object and changed fields; secrets
//! never appear in any record; a refused change writes none; the records' events are for
//! administrators only.

mod actions;

use serde_json::{json, Value};

use crate::helpers::*;

/// Reads the audit records as they come.
struct Trail {
    db: tokio_postgres::Client,
    seen: i64,
}

impl Trail {
    async fn new(app: &TestApp) -> Trail {
        Trail {
            db: pg(app.db_url.rsplit('/').next().unwrap()).await,
            seen: 0,
        }
    }

    /// The audit records written since the last call, oldest first, as JSON rows.
    async fn fresh(&mut self) -> Vec<Value> {
        let rows = self
            .db
            .query(
                "SELECT id, row_to_json(l)::text FROM log_records l \
                 WHERE source = 'audit' AND id > $1 ORDER BY id",
                &[&self.seen],
            )
            .await
            .unwrap();
        if let Some(last) = rows.last() {
            self.seen = last.get(0);
        }
        let text = |r: &tokio_postgres::Row| r.get::<_, String>(1);
        rows.iter()
            .map(|r| serde_json::from_str(&text(r)).unwrap())
            .collect()
    }

    /// The one record the last action wrote: with `code`, by `user`, from 127.0.0.1.
    async fn one(&mut self, code: &str, user: Option<i64>) -> Value {
        let got = self.fresh().await;
        assert_eq!(got.len(), 1, "exactly one record for {code}: {got:#?}");
        let r = got.into_iter().next().unwrap();
        assert_eq!(r["code"], code, "{r}");
        assert_eq!(r["user_id"].as_i64(), user, "{r}");
        assert_eq!(r["address"], "127.0.0.1", "{r}");
        assert_eq!(r["level"], "info");
        for link in ["client_id", "job_id", "run_id"] {
            assert!(r[link].is_null(), "audit records name no {link}: {r}");
        }
        r
    }

    /// Every audit record ever written, as one text (to search for secrets).
    async fn everything(&self) -> String {
        let rows = self
            .db
            .query(
                "SELECT coalesce(json_agg(l)::text, '') FROM log_records l \
                 WHERE source = 'audit'",
                &[],
            )
            .await
            .unwrap();
        rows[0].get(0)
    }

    async fn user_id(&self, name: &str) -> i64 {
        self.db
            .query_one("SELECT id FROM users WHERE username = $1", &[&name])
            .await
            .unwrap()
            .get(0)
    }
}

/// `data`'s subject: kind, id, name.
fn subject(r: &Value) -> (&str, Option<i64>, &str) {
    let d = &r["data"];
    (
        d["kind"].as_str().unwrap(),
        d["id"].as_i64(),
        d["name"].as_str().unwrap(),
    )
}

#[tokio::test]
async fn logins_logouts_tokens_and_passwords() {
    let app = spawn_app().await;
    let mut trail = Trail::new(&app).await;
    let admin = app.admin().await;
    let admin_id = trail.user_id("admin").await;
    let r = trail.one("login", Some(admin_id)).await;
    assert_eq!(subject(&r), ("user", Some(admin_id), "admin"));

    // Failures: with the attempted name, the user when it exists, never the password.
    let res = app.login(&app.script(), "admin", "Wrong-Guess-123").await;
    assert_eq!(res.status(), 401);
    let r = trail.one("login_failed", Some(admin_id)).await;
    assert_eq!(subject(&r), ("user", Some(admin_id), "admin"));
    let res = app.login(&app.script(), "nobody", "Other-Guess-456").await;
    assert_eq!(res.status(), 401);
    let r = trail.one("login_failed", None).await;
    assert_eq!(subject(&r), ("user", None, "nobody"));

    let (s, t) = admin.post("/api/tokens", json!({"name": "nagios"})).await;
    assert_eq!(s, 201);
    let token_id = t["id"].as_i64().unwrap();
    let r = trail.one("token_created", Some(admin_id)).await;
    assert_eq!(subject(&r), ("token", Some(token_id), "nagios"));
    let (s, _) = admin.delete(&format!("/api/tokens/{token_id}")).await;
    assert_eq!(s, 204);
    let r = trail.one("token_revoked", Some(admin_id)).await;
    assert_eq!(subject(&r), ("token", Some(token_id), "nagios"));
    // Revoking what is not there changes nothing and records nothing.
    let (s, _) = admin.delete(&format!("/api/tokens/{token_id}")).await;
    assert_eq!(s, 404);
    assert!(trail.fresh().await.is_empty());

    let new_pw = "Brand-New-Secret-789";
    let body = json!({"current_password": app.admin_password, "new_password": new_pw});
    let (s, _) = admin.put("/api/me/password", body).await;
    assert_eq!(s, 204);
    trail.one("password_changed", Some(admin_id)).await;
    // A wrong current password: refused, nothing recorded.
    let body = json!({"current_password": "not-it", "new_password": "Another-One-000"});
    let (s, _) = admin.put("/api/me/password", body).await;
    assert_eq!(s, 401);
    assert!(trail.fresh().await.is_empty());

    let (s, _) = admin.post("/api/auth/logout", json!({})).await;
    assert_eq!(s, 204);
    trail.one("logout", Some(admin_id)).await;

    let all = trail.everything().await;
    for secret in [
        "Wrong-Guess-123",
        "Other-Guess-456",
        t["token"].as_str().unwrap(),
        new_pw,
        &app.admin_password,
    ] {
        assert!(!all.contains(secret), "a secret in the audit trail: {all}");
    }
}

/// Checks the one record of a catalog change and returns its `changes`.
async fn changed(trail: &mut Trail, code: &str, user: i64, kind: &str, id: i64) -> Value {
    let r = trail.one(code, Some(user)).await;
    let (k, i, _) = subject(&r);
    assert_eq!((k, i), (kind, Some(id)), "{r}");
    r["data"]["changes"].clone()
}

#[tokio::test]
async fn catalog_changes_with_fields_before_and_after() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut trail = Trail::new(&app).await;
    let me = trail.user_id("admin").await;
    trail.fresh().await;
    let (loc, pol) = app.defaults(&admin).await;

    let (s, c) = admin.post("/api/clients", ssh_client("pc1")).await;
    assert_eq!(s, 201);
    let cid = c["id"].as_i64().unwrap();
    let ch = changed(&mut trail, "created", me, "client", cid).await;
    assert_eq!(ch["name"], json!([null, "pc1"]));
    let (s, _) = admin
        .patch(&format!("/api/clients/{cid}"), json!({"active": false}))
        .await;
    assert_eq!(s, 200);
    let ch = changed(&mut trail, "updated", me, "client", cid).await;
    assert_eq!(ch, json!({"active": [true, false]}));

    let (s, j) = admin.post("/api/jobs", job(cid, "home", loc, pol)).await;
    assert_eq!(s, 201);
    let jid = j["id"].as_i64().unwrap();
    changed(&mut trail, "created", me, "job", jid).await;
    // A rename: only the name, before and after.
    let (s, _) = admin
        .patch(&format!("/api/jobs/{jid}"), json!({"name": "docs"}))
        .await;
    assert_eq!(s, 200);
    let ch = changed(&mut trail, "updated", me, "job", jid).await;
    assert_eq!(ch, json!({"name": ["home", "docs"]}));
    // Refused changes (422) record nothing.
    let (s, _) = admin.post("/api/jobs", job(cid, "", loc, pol)).await;
    assert_eq!(s, 422);
    let (s, _) = admin
        .patch(&format!("/api/jobs/{jid}"), json!({"name": ""}))
        .await;
    assert_eq!(s, 422);
    assert!(
        trail.fresh().await.is_empty(),
        "a refused change was recorded"
    );

    // The trigger token: recorded, its value never.
    let (s, t) = admin
        .post(&format!("/api/jobs/{jid}/token"), json!({}))
        .await;
    assert_eq!(s, 201, "{t}");
    trail.one("trigger_token_created", Some(me)).await;
    let (s, _) = admin.delete(&format!("/api/jobs/{jid}/token")).await;
    assert_eq!(s, 204);
    trail.one("trigger_token_revoked", Some(me)).await;
    assert!(!trail
        .everything()
        .await
        .contains(t["token"].as_str().unwrap()));

    let (s, _) = admin.delete(&format!("/api/jobs/{jid}")).await;
    assert_eq!(s, 204);
    let ch = changed(&mut trail, "deleted", me, "job", jid).await;
    assert_eq!(ch["name"], json!(["docs", null]));
    let (s, _) = admin
        .post(
            &format!("/api/clients/{cid}/public-key/regenerate"),
            json!({}),
        )
        .await;
    assert_eq!(s, 200);
    let r = trail.one("key_regenerated", Some(me)).await;
    assert_eq!(subject(&r), ("client", Some(cid), "pc1"));
    let (s, c2) = admin
        .post(&format!("/api/clients/{cid}/clone"), json!({}))
        .await;
    assert_eq!(s, 201, "{c2}");
    let ch = changed(
        &mut trail,
        "created",
        me,
        "client",
        c2["id"].as_i64().unwrap(),
    )
    .await;
    assert_eq!(ch["name"], json!([null, "pc1-copy"]));
    let (s, _) = admin.delete(&format!("/api/clients/{cid}")).await;
    assert_eq!(s, 204);
    changed(&mut trail, "deleted", me, "client", cid).await;
}

#[tokio::test]
async fn policies_locations_and_scripts() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut trail = Trail::new(&app).await;
    let me = trail.user_id("admin").await;
    trail.fresh().await;

    let (_, p) = admin.get("/api/policies?q=Default").await;
    let mut body = p["items"][0].clone();
    body["name"] = json!("weekly");
    let described = body["description"].clone();
    let (s, p) = admin.post("/api/policies", body).await;
    assert_eq!(s, 201, "{p}");
    let pid = p["id"].as_i64().unwrap();
    changed(&mut trail, "created", me, "policy", pid).await;
    let (s, _) = admin
        .patch(&format!("/api/policies/{pid}"), json!({"description": "x"}))
        .await;
    assert_eq!(s, 200);
    let ch = changed(&mut trail, "updated", me, "policy", pid).await;
    assert_eq!(ch, json!({"description": [described, "x"]}));
    let (s, _) = admin.delete(&format!("/api/policies/{pid}")).await;
    assert_eq!(s, 204);
    changed(&mut trail, "deleted", me, "policy", pid).await;

    let dir = tempfile::tempdir().unwrap();
    let body = json!({"name": "usb", "directory": dir.path().display().to_string()});
    let (s, l) = admin.post("/api/locations", body).await;
    assert_eq!(s, 201, "{l}");
    let lid = l["id"].as_i64().unwrap();
    changed(&mut trail, "created", me, "location", lid).await;
    let (s, _) = admin
        .patch(&format!("/api/locations/{lid}"), json!({"name": "disk"}))
        .await;
    assert_eq!(s, 200);
    let ch = changed(&mut trail, "updated", me, "location", lid).await;
    assert_eq!(ch, json!({"name": ["usb", "disk"]}));
    let (s, _) = admin.delete(&format!("/api/locations/{lid}")).await;
    assert_eq!(s, 204);
    changed(&mut trail, "deleted", me, "location", lid).await;

    // A script's content: that it changed, never the text.
    let body = json!({"name": "dump", "content_base64": "ZWNobyBTRUNSRVQtQk9EWQo="});
    let (s, sc) = admin.post("/api/scripts", body).await;
    assert_eq!(s, 201, "{sc}");
    let sid = sc["id"].as_i64().unwrap();
    let ch = changed(&mut trail, "created", me, "script", sid).await;
    assert_eq!(ch["content"], json!(["<changed>", "<changed>"]));
    let body = json!({"content_base64": "ZWNobyBPVEhFUi1CT0RZCg=="});
    let (s, _) = admin.patch(&format!("/api/scripts/{sid}"), body).await;
    assert_eq!(s, 200);
    let ch = changed(&mut trail, "updated", me, "script", sid).await;
    assert_eq!(ch, json!({"content": ["<changed>", "<changed>"]}));
    let (s, _) = admin.delete(&format!("/api/scripts/{sid}")).await;
    assert_eq!(s, 204);
    changed(&mut trail, "deleted", me, "script", sid).await;
    let all = trail.everything().await;
    for text in [
        "ZWNobyBTRUNSRVQtQk9EWQo",
        "ZWNobyBPVEhFUi1CT0RZCg",
        "SECRET-BODY",
    ] {
        assert!(!all.contains(text), "script content in the audit trail");
    }
}

#[tokio::test]
async fn webhooks_are_audited_without_their_secret() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut trail = Trail::new(&app).await;
    let me = trail.user_id("admin").await;
    trail.fresh().await;
    let secret = "webhook-secret-never-recorded";
    let body = json!({"name": "ntfy", "url": "https://ntfy.example.org/backups",
                      "events": ["run_failed"], "secret": secret});
    let (s, w) = admin.post("/api/webhooks", body.clone()).await;
    assert_eq!(s, 201, "{w}");
    let id = w["id"].as_i64().unwrap();
    let ch = changed(&mut trail, "created", me, "webhook", id).await;
    assert_eq!(ch["url"], json!([null, "https://ntfy.example.org/backups"]));
    assert_eq!(ch["secret_set"], json!([null, true]));
    let mut put = body.clone();
    put["events"] = json!(["run_failed", "job_late"]);
    put["secret"] = json!("");
    let (s, _) = admin.put(&format!("/api/webhooks/{id}"), put).await;
    assert_eq!(s, 200);
    let ch = changed(&mut trail, "updated", me, "webhook", id).await;
    assert_eq!(
        ch,
        json!({"events": [["run_failed"], ["run_failed", "job_late"]],
               "secret_set": [true, false]})
    );
    // A refused change records nothing.
    let mut bad = body.clone();
    bad["url"] = json!("ftp://example.org");
    let (s, _) = admin.put(&format!("/api/webhooks/{id}"), bad).await;
    assert_eq!(s, 422);
    assert!(trail.fresh().await.is_empty());
    let (s, _) = admin.delete(&format!("/api/webhooks/{id}")).await;
    assert_eq!(s, 204);
    changed(&mut trail, "deleted", me, "webhook", id).await;
    assert!(!trail.everything().await.contains(secret));
}
