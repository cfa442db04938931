//! Jobs: create and validate, filters, trigger tokens, priorities.

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn create_validate_and_filter() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, a) = admin.post("/api/clients", ssh_client("a")).await;
    let (_, b) = admin.post("/api/clients", ssh_client("b")).await;
    let (a, b) = (a["id"].as_i64().unwrap(), b["id"].as_i64().unwrap());
    let (s, j) = admin.post("/api/jobs", job(a, "home", loc, pol)).await;
    assert_eq!(s, 201, "{j}");
    assert_eq!(j["client"]["name"], "a");
    assert_eq!(j["policy"]["name"], "Default policy");
    assert_eq!(
        j["include"],
        serde_json::Value::Null,
        "none means the policy's"
    );
    assert_eq!(
        j["use_local_permissions"], false,
        "new jobs keep permissions exactly"
    );
    assert_eq!(j["notifications"]["owner"], true);
    assert_eq!(j["notifications"]["threshold"], "error");
    assert_eq!(
        admin.post("/api/jobs", job(b, "etc", loc, pol)).await.0,
        201
    );
    let (_, page) = admin.get(&format!("/api/jobs?client_id={a}")).await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["name"], "home");
    let (_, page) = admin
        .get(&format!(
            "/api/jobs?policy_id={pol}&location_id={loc}&active=true"
        ))
        .await;
    assert_eq!(page["total"], 2);
    let (_, page) = admin.get("/api/jobs?active=false").await;
    assert_eq!(page["total"], 0);
    // The client lists its jobs.
    let (_, ca) = admin.get(&format!("/api/clients/{a}")).await;
    assert_eq!(ca["jobs"][0]["source_path"], "/home/");

    let mut bad = job(a, "x", 999_999, 999_998);
    bad["client_id"] = json!(999_997);
    bad["source_path"] = json!("--rsh=sh");
    bad["include"] = json!(["*.doc", "-e sh", "a\nb"]);
    bad["notifications"] = json!({"emails": ["not-an-email"], "threshold": "warning"});
    let (s, e) = admin.post("/api/jobs", bad).await;
    assert_eq!(s, 422);
    let mut got = field_codes(&e);
    got.sort();
    let mut want: Vec<(String, String)> = [
        ("client_id", "not_found"),
        ("policy_id", "not_found"),
        ("location_id", "not_found"),
        ("source_path", "invalid"),
        ("include.1", "invalid"),
        ("include.2", "invalid"),
        ("notifications.emails.0", "invalid"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    want.sort();
    assert_eq!(got, want);
    let (s, _) = admin
        .post("/api/jobs", json!({"client_id": a, "name": "n", "source_path": "/", "policy_id": pol, "location_id": loc, "notifications": {"threshold": "sometimes"}}))
        .await;
    assert_eq!(s, 400, "unknown threshold");
}

#[tokio::test]
async fn trigger_tokens_are_shown_once_and_stored_hashed() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, c) = admin.post("/api/clients", ssh_client("c")).await;
    let (_, j) = admin
        .post("/api/jobs", job(c["id"].as_i64().unwrap(), "j", loc, pol))
        .await;
    let id = j["id"].as_i64().unwrap();
    let (s, t) = admin
        .post(&format!("/api/jobs/{id}/token"), json!({}))
        .await;
    assert_eq!(s, 201);
    let token = t["token"].as_str().unwrap().to_owned();
    assert!(token.len() > 40);
    let (_, j) = admin.get(&format!("/api/jobs/{id}")).await;
    assert_eq!(j["has_trigger_token"], true);
    assert!(!j.to_string().contains(&token));
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let stored: String = db
        .query_one("SELECT trigger_token_hash FROM jobs WHERE id = $1", &[&id])
        .await
        .unwrap()
        .get(0);
    assert_ne!(stored, token);
    assert_eq!(admin.delete(&format!("/api/jobs/{id}/token")).await.0, 204);
    let (_, j) = admin.get(&format!("/api/jobs/{id}")).await;
    assert_eq!(j["has_trigger_token"], false);
}

#[tokio::test]
async fn priorities_follow_the_saved_order() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, c) = admin.post("/api/clients", ssh_client("c")).await;
    let cid = c["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for n in ["one", "two", "three"] {
        let (_, j) = admin.post("/api/jobs", job(cid, n, loc, pol)).await;
        ids.push(j["id"].as_i64().unwrap());
    }
    let order = |p: &serde_json::Value| -> Vec<i64> {
        p["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["id"].as_i64().unwrap())
            .collect()
    };
    let (_, p) = admin.get("/api/jobs?sort=priority").await;
    assert_eq!(order(&p), ids, "new jobs go last");
    let reversed: Vec<i64> = ids.iter().rev().copied().collect();
    let (s, _) = admin
        .put("/api/jobs/priorities", json!({"job_ids": reversed}))
        .await;
    assert_eq!(s, 204);
    let (_, p) = admin.get("/api/jobs?sort=priority").await;
    assert_eq!(order(&p), reversed);
    let (s, e) = admin
        .put("/api/jobs/priorities", json!({"job_ids": [ids[0], ids[1]]}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(
        field_codes(&e),
        [("job_ids".to_string(), "mismatch".to_string())]
    );
    let (s, _) = admin
        .put(
            "/api/jobs/priorities",
            json!({"job_ids": [ids[0], ids[0], ids[1]]}),
        )
        .await;
    assert_eq!(s, 422, "duplicates are not a permutation");
}

#[tokio::test]
async fn an_operator_reorders_only_their_own_jobs_in_their_places() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let op = app.user("maite", shared::Role::Operator).await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, mine) = op.post("/api/clients", ssh_client("mine")).await;
    let (_, theirs) = admin.post("/api/clients", ssh_client("theirs")).await;
    let (mine, theirs) = (mine["id"].as_i64().unwrap(), theirs["id"].as_i64().unwrap());
    let (_, t1) = admin.post("/api/jobs", job(theirs, "t1", loc, pol)).await;
    let (_, m1) = op.post("/api/jobs", job(mine, "m1", loc, pol)).await;
    admin.post("/api/jobs", job(theirs, "t2", loc, pol)).await;
    let (_, m2) = op.post("/api/jobs", job(mine, "m2", loc, pol)).await;
    let id = |v: &serde_json::Value| v["id"].as_i64().unwrap();
    let (s, _) = op
        .put(
            "/api/jobs/priorities",
            json!({"job_ids": [id(&m2), id(&m1)]}),
        )
        .await;
    assert_eq!(s, 204);
    let (_, p) = admin.get("/api/jobs?sort=priority").await;
    let names: Vec<&str> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["t1", "m2", "t2", "m1"], "others keep their places");
    let (s, _) = op
        .put(
            "/api/jobs/priorities",
            json!({"job_ids": [id(&m1), id(&m2), id(&t1)]}),
        )
        .await;
    assert_eq!(s, 422, "cannot name jobs that are not theirs");
}

/// The behaviours of the original's `tests/api/ClientTest.php` and `JobTest.php` not
/// covered elsewhere: full bodies echoed back, owner and script checks, renames.
#[tokio::test]
async fn original_client_and_job_test_behaviours() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let b64 = "IyEvYmluL3NoCg==";
    let script = |name: &str, uses: serde_json::Value| {
        let admin = &admin;
        let body = json!({"name": name, "uses": uses, "content_base64": b64});
        async move {
            admin.post("/api/scripts", body).await.1["id"]
                .as_i64()
                .unwrap()
        }
    };
    let cpre = script("client-pre", json!({"client_pre": true})).await;
    let cpost = script("client-post", json!({"client_post": true})).await;
    let jpre = script("job-pre", json!({"job_pre": true})).await;
    let jpost = script("job-post", json!({"job_post": true})).await;

    // A client with every parameter is echoed back.
    let body = json!({
        "name": "client-all", "description": "some description", "active": false,
        "connection": {"kind": "ssh", "user": "root", "host": "172.0.0.1", "port": 2222},
        "quota_bytes": 5368709120u64, "max_parallel_jobs": 2,
        "ssh_options": ["ConnectTimeout=20"], "rsync_options": ["--compress", "--bwlimit=500"],
        "pre_scripts": [cpre], "post_scripts": [cpost],
    });
    let (s, c) = admin.post("/api/clients", body.clone()).await;
    assert_eq!(s, 201, "{c}");
    for key in [
        "name",
        "description",
        "active",
        "connection",
        "quota_bytes",
        "max_parallel_jobs",
        "ssh_options",
        "rsync_options",
    ] {
        assert_eq!(c[key], body[key], "{key}");
    }
    assert_eq!(c["pre_scripts"][0]["id"], cpre);
    assert_eq!(c["post_scripts"][0]["id"], cpost);
    let id = c["id"].as_i64().unwrap();
    // The owner must exist.
    let mut bad = body.clone();
    bad["name"] = json!("other");
    bad["owner_id"] = json!(726_358_291_635i64);
    let (s, e) = admin.post("/api/clients", bad).await;
    assert_eq!(
        (s, field_codes(&e)),
        (422, vec![("owner_id".to_string(), "not_found".to_string())])
    );
    // PUT keeping its own name is fine; taking another client's name is a conflict.
    assert_eq!(
        admin
            .put(&format!("/api/clients/{id}"), body.clone())
            .await
            .0,
        200
    );
    assert_eq!(
        admin.post("/api/clients", ssh_client("client_8")).await.0,
        201
    );
    let mut rename = body.clone();
    rename["name"] = json!("CLIENT_8");
    assert_eq!(
        admin.put(&format!("/api/clients/{id}"), rename).await.0,
        409
    );

    // A job with every parameter is echoed back.
    let jbody = json!({
        "client_id": id, "name": "job-all", "description": "d", "source_path": "/some/random/path",
        "policy_id": pol, "location_id": loc, "include": ["include pattern"], "exclude": ["exclude pattern"],
        "use_local_permissions": false,
        "notifications": {"admin": true, "owner": true, "emails": ["example@example.com"], "threshold": "warning", "mode": "every_failure"},
        "late_grace_hours": 48, "active": false, "pre_scripts": [jpre], "post_scripts": [jpost],
    });
    let (s, j) = admin.post("/api/jobs", jbody.clone()).await;
    assert_eq!(s, 201, "{j}");
    for key in [
        "name",
        "description",
        "source_path",
        "include",
        "exclude",
        "use_local_permissions",
        "late_grace_hours",
        "notifications",
        "active",
    ] {
        assert_eq!(j[key], jbody[key], "{key}");
    }
    let jid = j["id"].as_i64().unwrap();
    // Scripts of the wrong kind, on create and on update; nothing changes.
    let mut wrong = jbody.clone();
    wrong["pre_scripts"] = json!([cpre]);
    wrong["post_scripts"] = json!([jpre]);
    let (s, e) = admin.post("/api/jobs", wrong.clone()).await;
    assert_eq!(s, 422);
    assert_eq!(
        field_codes(&e),
        [
            ("pre_scripts.0".to_string(), "not_allowed".to_string()),
            ("post_scripts.0".to_string(), "not_allowed".to_string())
        ]
    );
    assert_eq!(admin.put(&format!("/api/jobs/{jid}"), wrong).await.0, 422);
    let (_, again) = admin.get(&format!("/api/jobs/{jid}")).await;
    assert_eq!(
        again["pre_scripts"][0]["id"], jpre,
        "unchanged after a refused update"
    );
    assert_eq!(admin.put("/api/jobs/726358291635", jbody).await.0, 404);
    assert_eq!(admin.delete("/api/jobs/726358291635").await.0, 404);
}
