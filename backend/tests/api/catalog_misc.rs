//! Policies, scripts, locations, users and settings.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::json;
use shared::Role;

use crate::helpers::*;
use crate::steps::*;

#[tokio::test]
async fn policy_presets_validation_and_delete_in_use() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, p) = admin.get("/api/policies").await;
    let names: Vec<&str> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Default policy",
            "Three times a day, monday to friday",
            "At 21:00, 7 days a week",
            "At 21:00, monday to friday, long time storage"
        ]
    );
    let default = &p["items"][0]["schedule"];
    assert_eq!(default["daily"]["keep"], 5);
    assert_eq!(default["daily"]["days_of_week"], json!([1, 2, 3, 4, 5]));
    assert_eq!(default["weekly"]["keep"], 4);
    assert_eq!(default["monthly"]["keep"], 12);
    assert_eq!(default["monthly"]["days_of_month"], json!([1]));

    let bad = json!({"name": "Nightly", "schedule": {"daily": {"enabled": true, "keep": 0, "times": ["24:00"]}}});
    let (s, e) = admin.post("/api/policies", bad).await;
    assert_eq!(s, 422);
    assert_eq!(
        field_codes(&e),
        [
            (
                "schedule.daily.keep".to_string(),
                "out_of_range".to_string()
            ),
            (
                "schedule.daily.times.0".to_string(),
                "time_format".to_string()
            )
        ]
    );
    let good = json!({"name": "Nightly", "schedule": {"daily": {"enabled": true, "keep": 7, "times": ["02:30"]}}});
    let (s, created) = admin.post("/api/policies", good.clone()).await;
    assert_eq!(s, 201, "{created}");
    assert_eq!(admin.post("/api/policies", good).await.0, 409);
    let pid = created["id"].as_i64().unwrap();
    let (s, patched) = admin
        .patch(
            &format!("/api/policies/{pid}"),
            json!({"description": "2:30 every night"}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(patched["schedule"]["daily"]["keep"], 7);

    let (loc, _) = app.defaults(&admin).await;
    let (_, c) = admin.post("/api/clients", ssh_client("srv")).await;
    let (_, _j) = admin
        .post(
            "/api/jobs",
            job(c["id"].as_i64().unwrap(), "root", loc, pid),
        )
        .await;
    let (s, e) = admin.delete(&format!("/api/policies/{pid}")).await;
    assert_eq!(s, 409);
    assert_eq!(e["code"], "conflict");
    assert_eq!(e["references"][0]["name"], "srv/root");
    let (_, got) = admin.get(&format!("/api/policies/{pid}")).await;
    assert_eq!(got["job_count"], 1);
    let first = p["items"][3]["id"].as_i64().unwrap();
    assert_eq!(admin.delete(&format!("/api/policies/{first}")).await.0, 204);
}

#[tokio::test]
async fn scripts_upload_download_and_limits() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let content = b"#!/bin/sh\necho \"$ELKARBACKUP_CLIENT_NAME\"\n";
    let (s, sc) = admin
        .post("/api/scripts", json!({"name": "show-name", "uses": {"job_pre": true}, "content_base64": STANDARD.encode(content)}))
        .await;
    assert_eq!(s, 201, "{sc}");
    assert_eq!(sc["size_bytes"], content.len());
    let id = sc["id"].as_i64().unwrap();
    let res = app
        .script()
        .get(app.url(&format!("/api/scripts/{id}/content")))
        .bearer_auth(admin.token.as_deref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.contains("show-name"), "{disposition}");
    assert_eq!(res.bytes().await.unwrap().as_ref(), content);
    let (s, e) = admin.post("/api/scripts", json!({"name": "empty"})).await;
    assert_eq!(s, 422);
    assert_eq!(
        field_codes(&e),
        [("content_base64".to_string(), "required".to_string())]
    );
    let (s, e) = admin
        .post(
            "/api/scripts",
            json!({"name": "bad", "content_base64": "***"}),
        )
        .await;
    assert_eq!((s, field_codes(&e)[0].1.as_str()), (422, "invalid"));
    let big = STANDARD.encode(vec![b'x'; shared::scripts::MAX_SCRIPT_BYTES + 1]);
    let (s, e) = admin
        .post(
            "/api/scripts",
            json!({"name": "big", "content_base64": big}),
        )
        .await;
    assert_eq!((s, field_codes(&e)[0].1.as_str()), (422, "too_long"));
    // An update without content keeps it.
    let (s, _) = admin
        .put(
            &format!("/api/scripts/{id}"),
            json!({"name": "show-name", "uses": {"job_pre": true, "job_post": true}}),
        )
        .await;
    assert_eq!(s, 200);
    let (_, sc) = admin.get(&format!("/api/scripts/{id}")).await;
    assert_eq!(sc["size_bytes"], content.len());
    assert_eq!(admin.delete(&format!("/api/scripts/{id}")).await.0, 204);
}

#[tokio::test]
async fn locations_check_their_directory_and_report_space() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, list) = admin.get("/api/locations").await;
    assert_eq!(list["items"][0]["name"], "Default");
    assert_eq!(list["items"][0]["status"]["online"], true);
    assert_eq!(list["items"][0]["status"]["writable"], true);
    assert!(list["items"][0]["status"]["free_bytes"].as_u64().unwrap() > 0);
    assert!(list["items"][0]["status"]["total_inodes"].as_u64().unwrap() > 0);
    let (s, e) = admin
        .post(
            "/api/locations",
            json!({"name": "nas", "directory": "/nonexistent/backups"}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(
        field_codes(&e),
        [("directory".to_string(), "directory_missing".to_string())]
    );
    let (s, e) = admin
        .post(
            "/api/locations",
            json!({"name": "rel", "directory": "backups/../x"}),
        )
        .await;
    assert_eq!((s, field_codes(&e)[0].1.as_str()), (422, "invalid"));
    let dir = tempfile::tempdir().unwrap();
    let (s, l) = admin
        .post("/api/locations", json!({"name": "usb", "directory": format!("{}/", dir.path().display()), "max_parallel_jobs": 3}))
        .await;
    assert_eq!(s, 201, "{l}");
    assert_eq!(
        l["directory"],
        dir.path().display().to_string(),
        "trailing slash dropped"
    );
    let lid = l["id"].as_i64().unwrap();
    let (_, pol) = app.defaults(&admin).await;
    let (_, c) = admin.post("/api/clients", ssh_client("x")).await;
    let (_, _j) = admin
        .post("/api/jobs", job(c["id"].as_i64().unwrap(), "j", lid, pol))
        .await;
    let (s, e) = admin.delete(&format!("/api/locations/{lid}")).await;
    assert_eq!(s, 409);
    assert_eq!(e["references"][0]["name"], "x/j");
    // Offline directories are reported, not hidden.
    drop(dir);
    let (_, l) = admin.get(&format!("/api/locations/{lid}")).await;
    assert_eq!(l["status"]["online"], false);
}

#[tokio::test]
async fn users_are_managed_by_admins_and_the_first_admin_is_protected() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, list) = admin.get("/api/users").await;
    let first = list["items"][0].clone();
    assert_eq!(
        (first["username"].as_str(), first["protected"].as_bool()),
        (Some("admin"), Some(true))
    );
    let fid = first["id"].as_i64().unwrap();
    let (s, _) = admin
        .patch(&format!("/api/users/{fid}"), json!({"role": "operator"}))
        .await;
    assert_eq!(s, 409, "cannot demote");
    let (s, _) = admin
        .patch(&format!("/api/users/{fid}"), json!({"active": false}))
        .await;
    assert_eq!(s, 409, "cannot disable");
    assert_eq!(admin.delete(&format!("/api/users/{fid}")).await.0, 409);

    let (s, e) = admin
        .post("/api/users", json!({"username": "ane", "role": "operator"}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(
        field_codes(&e),
        [("password".to_string(), "required".to_string())]
    );
    let (s, u) = admin
        .post("/api/users", json!({"username": "ane", "role": "operator", "password": "ane-lantern-orchard", "email": "ane@herria.eus", "language": "eu"}))
        .await;
    assert_eq!(s, 201, "{u}");
    assert!(u.get("password").is_none() && u.get("password_hash").is_none());
    assert_eq!(
        admin
            .post(
                "/api/users",
                json!({"username": "ANE", "role": "admin", "password": "another-lantern-orchard"})
            )
            .await
            .0,
        409
    );
    let uid = u["id"].as_i64().unwrap();
    // The new user can log in; a password reset by the admin ends their sessions.
    let res = app.login(&app.script(), "ane", "ane-lantern-orchard").await;
    let jwt = res.json::<shared::LoginResponse>().await.unwrap().token;
    let (s, _) = admin
        .patch(
            &format!("/api/users/{uid}"),
            json!({"password": "new-password-1"}),
        )
        .await;
    assert_eq!(s, 200);
    let res = get_with(&app.script(), app.url("/api/auth/me"), &jwt).await;
    assert_eq!(res.status(), 401);
    assert_eq!(
        app.login(&app.script(), "ane", "new-password-1")
            .await
            .status(),
        200
    );
    // Operators cannot manage users.
    let op = app.user("op", Role::Operator).await;
    assert_eq!(op.get("/api/users").await.0, 403);
    assert_eq!(
        op.post(
            "/api/users",
            json!({"username": "x", "role": "admin", "password": "12345678"})
        )
        .await
        .0,
        403
    );
    assert_eq!(admin.delete(&format!("/api/users/{uid}")).await.0, 204);
    assert_eq!(
        app.login(&app.script(), "ane", "new-password-1")
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn settings_keep_the_mail_password_write_only() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (s, st) = admin.get("/api/settings").await;
    assert_eq!(s, 200);
    assert_eq!(st["mail_password_set"], false);
    assert_eq!(st["max_parallel_jobs"], 2);
    let body = json!({
        "mail_host": "smtp.herria.eus", "mail_port": 587, "mail_tls": "starttls", "mail_user": "backup",
        "mail_password": "s3cret-mail", "mail_from": "backup@herria.eus", "log_retention_days": 90,
        "max_parallel_jobs": 4, "quota_warning_percent": 90, "post_scripts_after_pre_failure": false,
        "instance_url": "https://backup.herria.eus", "operators_may_restore_to_clients": false
    });
    let (s, st) = admin.put("/api/settings", body.clone()).await;
    assert_eq!(s, 200, "{st}");
    assert_eq!(st["mail_password_set"], true);
    assert!(!st.to_string().contains("s3cret-mail"));
    let mut keep = body.clone();
    keep.as_object_mut().unwrap().remove("mail_password");
    let (_, st) = admin.put("/api/settings", keep).await;
    assert_eq!(st["mail_password_set"], true, "absent keeps it");
    let mut clear = body.clone();
    clear["mail_password"] = json!("");
    let (_, st) = admin.put("/api/settings", clear).await;
    assert_eq!(st["mail_password_set"], false, "empty removes it");
    let mut bad = body.clone();
    bad["max_parallel_jobs"] = json!(0);
    bad["mail_from"] = json!("nobody");
    bad["instance_url"] = json!("javascript:alert(1)");
    let (s, e) = admin.put("/api/settings", bad).await;
    assert_eq!(s, 422);
    assert_eq!(field_codes(&e).len(), 3);
    let (_, st) = admin.get("/api/settings").await;
    assert_eq!(st["max_parallel_jobs"], 4, "unchanged");
    let op = app.user("op", Role::Operator).await;
    assert_eq!(op.get("/api/settings").await.0, 403);
    assert_eq!(op.put("/api/settings", body).await.0, 403);
}
