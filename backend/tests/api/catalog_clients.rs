//! Clients: create with a key pair, validation, uniqueness, list/paging/search/sort,
//! PATCH, clone, delete with background removal of backups.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn create_generates_a_key_pair_and_public_key_download() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (s, c) = admin.post("/api/clients", ssh_client("fileserver")).await;
    assert_eq!(s, 201, "{c}");
    let id = c["id"].as_i64().unwrap();
    let public = c["public_key"].as_str().unwrap().to_owned();
    assert!(public.starts_with("ssh-ed25519 "), "{public}");
    assert!(c.get("private_key").is_none());
    assert_eq!(c["host_key_state"], "unknown");
    assert_eq!(c["owner"]["name"], "admin");
    assert_eq!(c["connection"]["port"], 22, "default port");
    let key = app._data_dir.path().join(format!("keys/client-{id}"));
    let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(key.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);
    assert!(!std::fs::read_to_string(&key).unwrap().contains(&public));
    let res = app
        .script()
        .get(app.url(&format!("/api/clients/{id}/public-key")))
        .bearer_auth(admin.token.as_deref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert_eq!(res.text().await.unwrap().trim(), public);

    // Regenerating replaces the key.
    let (s, c2) = admin
        .post(
            &format!("/api/clients/{id}/public-key/regenerate"),
            json!({}),
        )
        .await;
    assert_eq!(s, 200);
    assert_ne!(c2["public_key"], c["public_key"]);
}

#[tokio::test]
async fn names_are_unique_regardless_of_case() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    assert_eq!(admin.post("/api/clients", ssh_client("Nas")).await.0, 201);
    let (s, e) = admin.post("/api/clients", ssh_client("nas")).await;
    assert_eq!(s, 409);
    assert_eq!(e["code"], "conflict");
    assert_eq!(
        field_codes(&e),
        [("name".to_string(), "duplicate".to_string())]
    );
    let (_, list) = admin.get("/api/clients").await;
    assert_eq!(list["total"], 1);
}

#[tokio::test]
async fn hostile_and_invalid_fields_are_rejected_precisely() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let body = json!({
        "name": "",
        "connection": {"kind": "ssh", "user": "-oProxyCommand=touch /tmp/pwned", "host": "h; rm -rf /", "port": 0},
        "max_parallel_jobs": 0,
        "quota_bytes": -1,
        "ssh_options": ["ConnectTimeout=10", "ProxyCommand=nc %h %p"],
        "rsync_options": ["--bwlimit=100", "--rsh=sh -c id"],
        "pre_scripts": [999],
    });
    let (s, e) = admin.post("/api/clients", body).await;
    assert_eq!(s, 422, "{e}");
    let fields = field_codes(&e);
    for expected in [
        ("name", "required"),
        ("connection.user", "invalid"),
        ("connection.host", "invalid"),
        ("connection.port", "out_of_range"),
        ("max_parallel_jobs", "out_of_range"),
        ("quota_bytes", "out_of_range"),
        ("ssh_options.1", "not_allowed"),
        ("rsync_options.1", "not_allowed"),
        ("pre_scripts.0", "not_found"),
    ] {
        assert!(
            fields.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} missing from {fields:?}"
        );
    }
    assert_eq!(fields.len(), 9, "{fields:?}");
    let (_, list) = admin.get("/api/clients").await;
    assert_eq!(list["total"], 0, "nothing created");
    // Unknown connection kind: malformed.
    let (s, _) = admin
        .post(
            "/api/clients",
            json!({"name": "x", "connection": {"kind": "telnet"}}),
        )
        .await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn list_pages_searches_and_sorts() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for i in 0..25 {
        let name = format!("host-{i:02}");
        assert_eq!(admin.post("/api/clients", ssh_client(&name)).await.0, 201);
    }
    assert_eq!(
        admin.post("/api/clients", ssh_client("odd_one%")).await.0,
        201
    );
    let (_, p) = admin.get("/api/clients?page=2&per_page=10").await;
    assert_eq!(p["total"], 26);
    assert_eq!(p["page"], 2);
    assert_eq!(p["items"].as_array().unwrap().len(), 10);
    assert_eq!(p["items"][0]["name"], "host-10");
    let (_, p) = admin.get("/api/clients?q=HOST-1&per_page=50").await;
    assert_eq!(p["total"], 10);
    // `%` and `_` are literal in searches.
    let (_, p) = admin.get("/api/clients?q=%25").await;
    assert_eq!(p["total"], 1);
    assert_eq!(p["items"][0]["name"], "odd_one%");
    let (_, p) = admin.get("/api/clients?sort=-name&per_page=1").await;
    assert_eq!(p["items"][0]["name"], "odd_one%");
    let (s, _) = admin.get("/api/clients?sort=password").await;
    assert_eq!(s, 400);
    // Out-of-range paging is a bad request, not silently changed.
    for q in ["page=0", "per_page=0", "per_page=501", "page=-1"] {
        assert_eq!(admin.get(&format!("/api/clients?{q}")).await.0, 400, "{q}");
    }
    let (_, p) = admin.get("/api/clients?per_page=500").await;
    assert_eq!(p["per_page"], 500);
    // A NUL in the search is refused rather than sent to the database.
    assert_eq!(admin.get("/api/clients?q=a%00b").await.0, 400);
    assert_eq!(admin.get("/api/jobs?q=a%00b").await.0, 400);
}

#[tokio::test]
async fn put_and_patch() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, c) = admin.post("/api/clients", ssh_client("web")).await;
    let id = c["id"].as_i64().unwrap();
    let (s, p) = admin
        .patch(
            &format!("/api/clients/{id}"),
            json!({"description": "Web server", "quota_bytes": 1073741824u64}),
        )
        .await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["description"], "Web server");
    assert_eq!(p["quota_bytes"], 1073741824u64);
    assert_eq!(
        p["connection"]["host"], "backup-client.example",
        "untouched"
    );
    assert_eq!(p["public_key"], c["public_key"], "key kept");
    let (s, e) = admin
        .patch(
            &format!("/api/clients/{id}"),
            json!({"connection": {"kind": "ssh", "user": "root", "host": "a b"}}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(
        field_codes(&e),
        [("connection.host".to_string(), "invalid".to_string())]
    );
    let mut full = ssh_client("web2");
    full["active"] = json!(false);
    let (s, p) = admin.put(&format!("/api/clients/{id}"), full).await;
    assert_eq!(s, 200);
    assert_eq!(
        (p["name"].as_str(), p["active"].as_bool()),
        (Some("web2"), Some(false))
    );
    assert_eq!(p["description"], "", "PUT replaces everything");
    assert_eq!(admin.get("/api/clients/999999").await.0, 404);
    assert_eq!(
        admin.put("/api/clients/999999", ssh_client("zz")).await.0,
        404
    );
}

#[tokio::test]
async fn clone_copies_jobs_without_tokens() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, c) = admin.post("/api/clients", ssh_client("mail")).await;
    let id = c["id"].as_i64().unwrap();
    let (_, j) = admin.post("/api/jobs", job(id, "maildirs", loc, pol)).await;
    let jid = j["id"].as_i64().unwrap();
    assert_eq!(
        admin
            .post(&format!("/api/jobs/{jid}/token"), json!({}))
            .await
            .0,
        201
    );
    let (s, copy) = admin
        .post(&format!("/api/clients/{id}/clone"), json!({}))
        .await;
    assert_eq!(s, 201, "{copy}");
    assert_eq!(copy["name"], "mail-copy");
    assert_ne!(copy["public_key"], c["public_key"], "own key pair");
    assert_eq!(copy["jobs"].as_array().unwrap().len(), 1);
    let cj = copy["jobs"][0]["id"].as_i64().unwrap();
    let (_, cjob) = admin.get(&format!("/api/jobs/{cj}")).await;
    assert_eq!(cjob["name"], "maildirs");
    assert_eq!(cjob["has_trigger_token"], false);
    let (_, copy2) = admin
        .post(&format!("/api/clients/{id}/clone"), json!({}))
        .await;
    assert_eq!(copy2["name"], "mail-copy2");
}

#[tokio::test]
async fn delete_removes_jobs_keys_and_backups_in_the_background() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, c) = admin.post("/api/clients", ssh_client("old")).await;
    let id = c["id"].as_i64().unwrap();
    let (_, j) = admin.post("/api/jobs", job(id, "etc", loc, pol)).await;
    let jid = j["id"].as_i64().unwrap();
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    let tree = std::path::Path::new(l["directory"].as_str().unwrap())
        .join(format!("{id}/{jid}/snapshots/x"));
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::write(tree.join("file"), "data").unwrap();
    let (s, _) = admin.delete(&format!("/api/clients/{id}")).await;
    assert_eq!(s, 204);
    assert_eq!(admin.get(&format!("/api/clients/{id}")).await.0, 404);
    assert_eq!(admin.get(&format!("/api/jobs/{jid}")).await.0, 404);
    let client_dir = std::path::Path::new(l["directory"].as_str().unwrap()).join(id.to_string());
    let key = app._data_dir.path().join(format!("keys/client-{id}"));
    let mut gone = false;
    for _ in 0..100 {
        if !client_dir.exists() && !key.exists() {
            gone = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(gone, "backups and key removed");
    assert_eq!(admin.delete(&format!("/api/clients/{id}")).await.0, 404);
}

#[tokio::test]
async fn scripts_attach_only_where_allowed() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let b64 = "IyEvYmluL3NoCmV4aXQgMAo="; // "#!/bin/sh\nexit 0\n"
    let (_, pre) = admin
        .post(
            "/api/scripts",
            json!({"name": "pre", "uses": {"client_pre": true}, "content_base64": b64}),
        )
        .await;
    let pre = pre["id"].as_i64().unwrap();
    let mut body = ssh_client("db");
    body["pre_scripts"] = json!([pre]);
    body["post_scripts"] = json!([pre]);
    let (s, e) = admin.post("/api/clients", body.clone()).await;
    assert_eq!(s, 422);
    assert_eq!(
        field_codes(&e),
        [("post_scripts.0".to_string(), "not_allowed".to_string())]
    );
    body["post_scripts"] = json!([]);
    let (s, c) = admin.post("/api/clients", body).await;
    assert_eq!(s, 201);
    assert_eq!(c["pre_scripts"][0]["name"], "pre");
    // The script now reports where it is used, and cannot be deleted.
    let (_, sc) = admin.get(&format!("/api/scripts/{pre}")).await;
    assert_eq!(sc["used_by"][0]["kind"], "client");
    let (s, e) = admin.delete(&format!("/api/scripts/{pre}")).await;
    assert_eq!(s, 409);
    assert_eq!(e["references"][0]["name"], "db");
}
