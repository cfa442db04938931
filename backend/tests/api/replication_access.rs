//! Replication accesses on the primary: the token reads only the replication catalog, the
//! catalog reads only with such a token.

use std::path::Path;

use serde_json::{json, Value};

use crate::engine::run;
use crate::helpers::*;

/// A fresh ed25519 key pair made by ssh-keygen: (private key path, public key line).
pub fn key_pair(dir: &Path, name: &str) -> (std::path::PathBuf, String) {
    let key = dir.join(name);
    let ok = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "replica@test", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(ok.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    (key, public.trim().to_owned())
}

/// Creates an access through the API; answers its body (`token` included).
pub async fn create_access(admin: &Api, name: &str, public_key: &str, from: Option<&str>) -> Value {
    let (s, a) = admin
        .post(
            "/api/replication-accesses",
            json!({"name": name, "public_key": public_key, "from_address": from}),
        )
        .await;
    assert_eq!(s, 201, "{a}");
    a
}

/// A client as a replica sees the API: only its token.
pub fn replica(app: &TestApp, token: &str) -> Api {
    Api {
        token: Some(token.to_owned()),
        ..app.anon()
    }
}

/// A local client with one job backed up once: (client id, job id).
pub async fn backed_up_job(app: &TestApp, admin: &Api, src: &Path) -> (i64, i64) {
    std::fs::create_dir_all(src.join("d")).unwrap();
    std::fs::write(src.join("d/a.txt"), "alpha\n").unwrap();
    std::fs::write(src.join("b.bin"), vec![7u8; 50_000]).unwrap();
    let (loc, pol) = app.defaults(admin).await;
    let (s, c) = admin
        .post(
            "/api/clients",
            json!({"name": "here", "connection": {"kind": "local"}}),
        )
        .await;
    assert_eq!(s, 201, "{c}");
    let cid = c["id"].as_i64().unwrap();
    let mut body = job(cid, "tree", loc, pol);
    body["source_path"] = json!(format!("{}/", src.display()));
    let (s, j) = admin.post("/api/jobs", body).await;
    assert_eq!(s, 201, "{j}");
    let jid = j["id"].as_i64().unwrap();
    let r = run(admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    (cid, jid)
}

#[tokio::test]
async fn the_token_reads_the_catalog_and_nothing_else() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let keys = tempfile::tempdir().unwrap();
    let (_, public) = key_pair(keys.path(), "replica");
    let src = tempfile::tempdir().unwrap();
    let (cid, jid) = backed_up_job(&app, &admin, src.path()).await;

    let created = create_access(&admin, "backup2", &public, None).await;
    let token = created["token"].as_str().unwrap();
    assert!(token.starts_with("ebr_"), "{created}");
    assert_eq!(created["token_prefix"], token[..10]);
    assert!(created["ssh"]["port"].as_u64().is_some(), "{created}");
    let r = replica(&app, token);

    let (s, cat) = r.get("/api/replication/catalog").await;
    assert_eq!(s, 200, "{cat}");
    assert_eq!(cat["clients"][0]["id"], cid);
    assert_eq!(cat["clients"][0]["connection"]["kind"], "local");
    assert_eq!(cat["jobs"][0]["id"], jid);
    assert!(!cat["locations"].as_array().unwrap().is_empty());
    let text = cat.to_string();
    assert!(
        !text.contains("public_key") && !text.contains("token"),
        "{text}"
    );

    let (s, snaps) = r
        .get(&format!("/api/replication/jobs/{jid}/snapshots"))
        .await;
    assert_eq!(s, 200, "{snaps}");
    let snap = &snaps[0];
    assert_eq!(snap["store_path"], format!("{cid}/{jid}"));
    assert!(snap["meta"]["files"].as_u64().unwrap() >= 4, "{snap}");
    assert_eq!(snap["meta"]["total_bytes"].as_u64().unwrap(), 50_006);
    let (s, _) = r.get("/api/replication/jobs/999999/snapshots").await;
    assert_eq!(s, 404);

    // The replication token opens no other door…
    for path in [
        "/api/clients",
        "/api/auth/me",
        "/api/replication-accesses",
        "/api/jobs",
    ] {
        let (s, _) = r.get(path).await;
        assert_eq!(s, 401, "{path}");
    }
    // …and the catalog opens to no other credential: an admin's JWT, API token, cookie.
    let (s, e) = admin.get("/api/replication/catalog").await;
    assert_eq!((s, e["code"].as_str()), (401, Some("unauthorized")));
    let (_, t) = admin.post("/api/tokens", json!({"name": "script"})).await;
    let (s, _) = replica(&app, t["token"].as_str().unwrap())
        .get(&format!("/api/replication/jobs/{jid}/snapshots"))
        .await;
    assert_eq!(s, 401);
    let browser = app.browser();
    assert_eq!(
        app.login(&browser, "admin", &app.admin_password)
            .await
            .status(),
        200
    );
    let res = browser
        .get(app.url("/api/replication/catalog"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let (s, _) = replica(&app, "ebr_not-a-real-token")
        .get("/api/replication/catalog")
        .await;
    assert_eq!(s, 401);
    let (s, _) = app.anon().get("/api/replication/catalog").await;
    assert_eq!(s, 401);

    // Its use is recorded; the listing never shows the token.
    let (_, list) = admin.get("/api/replication-accesses").await;
    assert!(list[0]["last_used_at"].is_string(), "{list}");
    assert!(!list.to_string().contains(token));

    // Created and revoked in the audit trail, never with the token.
    let id = created["id"].as_i64().unwrap();
    let (s, _) = admin
        .post(&format!("/api/replication-accesses/{id}/revoke"), json!({}))
        .await;
    assert_eq!(s, 200);
    let (_, logs) = admin.get("/api/logs?per_page=100").await;
    let logs = logs.to_string();
    assert!(logs.matches("replication_access").count() >= 2, "{logs}");
    assert!(!logs.contains(token) && !logs.contains(&token[4..]));
}

#[tokio::test]
async fn the_view_follows_the_locations() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let view = app._data_dir.path().join("replication/view");
    let (loc, _) = app.defaults(&admin).await;
    assert!(
        view.join(loc.to_string()).is_symlink(),
        "the default location at start-up"
    );
    let dir = tempfile::tempdir().unwrap();
    let (s, l) = admin
        .post("/api/locations", json!({"name": "usb", "directory": format!("{}/", dir.path().display()), "max_parallel_jobs": 1}))
        .await;
    assert_eq!(s, 201, "{l}");
    let id = l["id"].as_i64().unwrap();
    let link = view.join(id.to_string());
    assert_eq!(
        std::fs::canonicalize(&link).unwrap(),
        std::fs::canonicalize(dir.path()).unwrap()
    );
    let (s, _) = admin.delete(&format!("/api/locations/{id}")).await;
    assert_eq!(s, 204);
    assert!(!link.is_symlink());
}

#[tokio::test]
async fn the_domain_creates_an_access_usable_at_once() {
    let app = spawn_app().await;
    let keys = tempfile::tempdir().unwrap();
    let (_, public) = key_pair(keys.path(), "replica");
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let actor = backend::domain::Actor {
        user_id: 1,
        role: shared::Role::Admin,
        address: None,
    };
    let body = shared::replication::ReplicationAccessBody {
        name: "from-domain".into(),
        public_key: public,
        from_address: None,
    };
    let data = tempfile::tempdir().unwrap();
    let config = backend::config::Config {
        data_dir: data.path().to_owned(),
        ..Default::default()
    };
    let created = backend::domain::replication_accesses::create(&pool, actor, &body, &config)
        .await
        .unwrap();
    let (s, _) = replica(&app, &created.token)
        .get("/api/replication/catalog")
        .await;
    assert_eq!(s, 200);
    let installed =
        std::fs::read_to_string(data.path().join("replication/authorized_keys")).unwrap();
    assert!(
        installed.contains(&created.access.authorized_keys_line),
        "{installed}"
    );
}
