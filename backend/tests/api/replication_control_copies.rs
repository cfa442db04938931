//! Copied clients (made by SQL, as a sync would leave them): every change refused with a
//! localised `copied_read_only`, reading and deleting allowed; and the take-over, after
//! which a backup over a real sshd links its unchanged files to the replicated snapshot.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::engine::run;
use crate::helpers::*;
use crate::replication_control::{closed_port, source};
use crate::scheduler::db_of;
use crate::sshd::Sshd;

/// Marks client `cid` and its jobs copies of source `replication` (named `prim`).
async fn mark_copied(db: &tokio_postgres::Client, cid: i64, replication: i64) {
    db.execute(
        "UPDATE clients SET replication_id = $1, primary_id = 70, copy_of = 'prim' WHERE id = $2",
        &[&replication, &cid],
    )
    .await
    .unwrap();
    db.execute(
        "UPDATE jobs SET primary_id = 71, replication_behind_since = now() WHERE client_id = $1",
        &[&cid],
    )
    .await
    .unwrap();
}

/// A client with one job (`copied-job`), made a copy from source `replication`.
pub async fn copied_client(
    admin: &Api,
    db: &tokio_postgres::Client,
    replication: i64,
    loc: i64,
    pol: i64,
) -> (i64, i64) {
    let (_, c) = admin.post("/api/clients", ssh_client("copied")).await;
    let cid = c["id"].as_i64().unwrap();
    let (_, j) = admin
        .post("/api/jobs", job(cid, "copied-job", loc, pol))
        .await;
    let jid = j["id"].as_i64().unwrap();
    mark_copied(db, cid, replication).await;
    (cid, jid)
}

async fn source_id(admin: &Api, loc: i64, pol: i64) -> i64 {
    let (s, r) = admin
        .post("/api/replications", source("prim", closed_port(), loc, pol))
        .await;
    assert_eq!(s, 201, "{r}");
    r["id"].as_i64().unwrap()
}

#[tokio::test]
async fn copies_are_read_only_but_readable_and_deletable() {
    let app = spawn_app_with(AppOptions {
        dispatcher: false,
        ..AppOptions::default()
    })
    .await;
    let admin = app.admin().await;
    let token = app.admin_token().await;
    let (loc, pol) = app.defaults(&admin).await;
    let db = db_of(&app).await;
    let rid = source_id(&admin, loc, pol).await;
    let (cid, jid) = copied_client(&admin, &db, rid, loc, pol).await;
    let (_, c) = admin.get(&format!("/api/clients/{cid}")).await;
    assert_eq!(c["copy_of"]["primary"], "prim", "{c}");
    let (_, j) = admin.get(&format!("/api/jobs/{jid}")).await;
    let (_, r) = admin.get(&format!("/api/replications/{rid}")).await;
    assert_eq!(r["clients"][0]["id"], cid);

    let mut client_body = ssh_client("renamed");
    client_body["description"] = json!("x");
    let job_body = job(cid, "another", loc, pol);
    let mut moved = job_body.clone();
    moved["name"] = json!("copied-job");
    let attempts: Vec<(reqwest::Method, String, Value)> = vec![
        (
            reqwest::Method::PUT,
            format!("/api/clients/{cid}"),
            client_body,
        ),
        (
            reqwest::Method::PATCH,
            format!("/api/clients/{cid}"),
            json!({"description": "y"}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/clients/{cid}/clone"),
            json!({}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/clients/{cid}/public-key/regenerate"),
            json!({}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/clients/{cid}/test"),
            json!({}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/clients/{cid}/host-key/accept"),
            json!({}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/clients/{cid}/run"),
            json!({}),
        ),
        (reqwest::Method::POST, "/api/jobs".into(), job_body),
        (reqwest::Method::PUT, format!("/api/jobs/{jid}"), moved),
        (
            reqwest::Method::PATCH,
            format!("/api/jobs/{jid}"),
            json!({"active": false}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/jobs/{jid}/token"),
            json!({}),
        ),
        (
            reqwest::Method::DELETE,
            format!("/api/jobs/{jid}/token"),
            json!({}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/jobs/{jid}/run"),
            json!({}),
        ),
        (
            reqwest::Method::POST,
            "/api/jobs/run".into(),
            json!({"job_ids": [jid]}),
        ),
    ];
    for (method, path, body) in attempts {
        let res = http_client()
            .request(method.clone(), app.url(&path))
            .bearer_auth(&token)
            .header("accept-language", "es")
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let e: Value = res.json().await.unwrap();
        assert_eq!(
            (status, e["code"].as_str()),
            (409, Some("copied_read_only")),
            "{method} {path}: {e}"
        );
        assert!(
            e["message"]
                .as_str()
                .unwrap()
                .starts_with("Este cliente es una copia"),
            "{e}"
        );
    }
    // A job of another client cannot be moved into the copy either.
    let (_, own) = admin.post("/api/clients", ssh_client("own")).await;
    let (_, oj) = admin
        .post("/api/jobs", job(own["id"].as_i64().unwrap(), "o", loc, pol))
        .await;
    let (s, e) = admin
        .put(&format!("/api/jobs/{}", oj["id"]), job(cid, "o", loc, pol))
        .await;
    assert_eq!(
        (s, e["code"].as_str()),
        (409, Some("copied_read_only")),
        "{e}"
    );
    // Nothing changed, nothing queued; reading stays allowed.
    let (_, after) = admin.get(&format!("/api/jobs/{jid}")).await;
    assert_eq!(after, j);
    let n: i64 = db
        .query_one("SELECT count(*) FROM runs", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    assert_eq!(
        admin.get(&format!("/api/jobs/{jid}/snapshots")).await.0,
        200
    );
    // Copies are never late here.
    let late = db
        .query_one("SELECT active FROM (SELECT j.id, (j.active AND c.active AND c.copy_of IS NULL) AS active FROM jobs j JOIN clients c ON c.id = j.client_id) x WHERE id = $1", &[&jid])
        .await
        .unwrap();
    assert!(!late.get::<_, bool>(0));
    // Deleting the source leaves an orphan copy, still read-only.
    assert_eq!(
        admin.delete(&format!("/api/replications/{rid}")).await.0,
        204
    );
    let (_, c) = admin.get(&format!("/api/clients/{cid}")).await;
    assert_eq!(
        c["copy_of"],
        json!({"replication": null, "primary": "prim"}),
        "{c}"
    );
    let (s, _) = admin
        .patch(&format!("/api/clients/{cid}"), json!({"description": "z"}))
        .await;
    assert_eq!(s, 409);
    // Deleting a copy is allowed.
    assert_eq!(admin.delete(&format!("/api/clients/{cid}")).await.0, 204);
}

/// `snapshot.json` as the store writes it beside a snapshot's data.
fn snapshot_json(jid: i64, taken: chrono::DateTime<chrono::Utc>) -> Value {
    json!({
        "format": 1, "run_id": 0, "job_id": jid, "started_at": taken, "finished_at": taken,
        "levels": ["daily"], "rsync_version": "3.2.7", "exit_code": 0, "warnings": false,
        "files": 4, "files_transferred": 3, "total_bytes": 200006, "transferred_bytes": 200006,
        "literal_bytes": 200006, "rewritten_permissions": false
    })
}

#[tokio::test]
async fn a_taken_over_client_backs_up_linking_to_the_replicated_snapshot() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let db = db_of(&app).await;
    let rid = source_id(&admin, loc, pol).await;
    let sshd = Sshd::start().await;
    let src = tempfile::tempdir().unwrap();
    let tree = src.path().join("tree");
    std::fs::create_dir_all(tree.join("docs")).unwrap();
    std::fs::write(tree.join("docs/a.txt"), "alpha\n").unwrap();
    std::fs::write(tree.join("big.bin"), vec![7u8; 200_000]).unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;

    // The copy as a sync leaves it: no key pair of its own.
    let (_, c) = admin
        .post("/api/clients", json!({"name": "laptop", "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}}))
        .await;
    let cid = c["id"].as_i64().unwrap();
    let mut body = job(cid, "tree", loc, pol);
    body["source_path"] = json!(format!("{}/", tree.display()));
    body["use_local_permissions"] = json!(false);
    let (_, j) = admin.post("/api/jobs", body).await;
    let jid = j["id"].as_i64().unwrap();
    mark_copied(&db, cid, rid).await;
    db.execute("UPDATE clients SET public_key = '' WHERE id = $1", &[&cid])
        .await
        .unwrap();
    let keys = app._data_dir.path().join("keys");
    std::fs::remove_file(keys.join(format!("client-{cid}"))).unwrap();
    std::fs::remove_file(keys.join(format!("client-{cid}.pub"))).unwrap();

    // A replicated snapshot, made by hand where the store keeps it.
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    let store = Path::new(l["directory"].as_str().unwrap()).join(format!("{cid}/{jid}/snapshots"));
    let name = "2026-12-01T210000Z";
    let taken = chrono::Utc::now() - chrono::TimeDelta::days(3);
    let snap = store.join(name);
    std::fs::create_dir_all(&snap).unwrap();
    let copied = std::process::Command::new("rsync")
        .arg("-aHAX")
        .arg(format!("{}/", tree.display()))
        .arg(snap.join("data"))
        .status()
        .unwrap();
    assert!(copied.success());
    std::fs::write(
        snap.join("snapshot.json"),
        snapshot_json(jid, taken).to_string(),
    )
    .unwrap();
    db.execute(
        "INSERT INTO snapshots (job_id, location_id, name, levels, taken_at, files, bytes, \
                                new_bytes, warnings, store_path, received_at) \
         VALUES ($1, $2, $3, '{daily}', $4, 4, 200006, 0, false, $5, now())",
        &[&jid, &loc, &name, &taken, &format!("{cid}/{jid}")],
    )
    .await
    .unwrap();

    // Only administrators take over; a normal client cannot be taken over.
    let op = app.user("op", shared::Role::Operator).await;
    assert_eq!(
        op.post(&format!("/api/clients/{cid}/take-over"), json!({}))
            .await
            .0,
        403
    );
    let (s, c) = admin
        .post(&format!("/api/clients/{cid}/take-over"), json!({}))
        .await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(c["copy_of"], Value::Null);
    let public = c["public_key"].as_str().unwrap();
    assert!(public.starts_with("ssh-ed25519 "), "{c}");
    assert!(keys.join(format!("client-{cid}")).exists());
    let row = db
        .query_one(
            "SELECT c.replication_id, c.primary_id, j.primary_id, j.replication_behind_since \
             FROM clients c JOIN jobs j ON j.client_id = c.id WHERE c.id = $1",
            &[&cid],
        )
        .await
        .unwrap();
    assert!(row.get::<_, Option<i64>>(0).is_none() && row.get::<_, Option<i64>>(1).is_none());
    assert!(row.get::<_, Option<i64>>(2).is_none());
    assert!(row
        .get::<_, Option<chrono::DateTime<chrono::Utc>>>(3)
        .is_none());
    let n: i64 = db
        .query_one("SELECT count(*) FROM log_records WHERE source = 'audit' AND code = 'taken_over' AND (data->>'id')::bigint = $1", &[&cid])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
    let (s, e) = admin
        .post(&format!("/api/clients/{cid}/take-over"), json!({}))
        .await;
    assert_eq!((s, e["code"].as_str()), (409, Some("conflict")));

    // Install the key, accept the client's host key, back up.
    sshd.authorize(public);
    let r = run(&admin, jid).await;
    assert_eq!(r["error_code"], "host_key_unverified", "{r}");
    let accept = format!("/api/clients/{cid}/host-key/accept");
    assert_eq!(admin.post(&accept, json!({})).await.0, 200);
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let snaps = snaps.as_array().unwrap();
    assert_eq!(snaps.len(), 2, "{snaps:?}");
    let newest = store.join(snaps[0]["name"].as_str().unwrap()).join("data");
    assert_ne!(snaps[0]["name"], name);
    for f in ["docs/a.txt", "big.bin"] {
        let (old, new) = (snap.join("data").join(f), newest.join(f));
        assert_eq!(std::fs::read(&old).unwrap(), std::fs::read(&new).unwrap());
        assert_eq!(
            std::fs::metadata(&old).unwrap().ino(),
            std::fs::metadata(&new).unwrap().ino(),
            "{f} is a hard link of the replicated copy"
        );
    }
}
