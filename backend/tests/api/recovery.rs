//! The server's own disaster, for real: a local and an ssh job backed up, a catalog dump
//! written, the database dropped and the data directory deleted but for the location
//! (moved elsewhere, as a disk mounted on a new machine); `elkarbackup recover` (the
//! binary) from the dump brings back users, clients, jobs and snapshots, and the next
//! backup hard-links to the old snapshots; recovered again without the dump, from the
//! snapshots' metadata alone, clients and jobs come back under their ids, the ssh
//! client's new key is reported and works once installed, and browse and restore work.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use backend::catalog::{self, files, Which};
use serde_json::{json, Value};

use crate::engine::{run, ssh_job, wait_finished};
use crate::helpers::*;
use crate::recovery_dumps::{dumps, location_dir, setup};
use crate::sshd::Sshd;

/// A server with history, and what the test needs to know about it.
struct Scene {
    app: TestApp,
    sshd: Sshd,
    src: tempfile::TempDir,
    local_client: i64,
    local_job: i64,
    ssh_client: i64,
    ssh_job: i64,
    admin_password: String,
    /// The unchanged file's inode in the newest snapshot.
    inode: u64,
}

async fn scene() -> Scene {
    let app = spawn_app().await;
    let admin = app.admin().await;
    app.create_user("olga", shared::Role::Operator, "olga-old-password")
        .await;
    let src = tempfile::tempdir().unwrap();
    let tree = src.path().join("tree");
    std::fs::create_dir_all(tree.join("d")).unwrap();
    std::fs::write(tree.join("same.txt"), "never changes\n").unwrap();
    std::fs::write(tree.join("d/changes.txt"), "one\n").unwrap();
    let (loc, pol) = app.defaults(&admin).await;
    let (_, c) = admin
        .post(
            "/api/clients",
            json!({"name": "here", "connection": {"kind": "local"}}),
        )
        .await;
    let local_client = c["id"].as_i64().unwrap();
    let mut body = job(local_client, "tree", loc, pol);
    body["source_path"] = json!(format!("{}/", tree.display()));
    let (s, j) = admin.post("/api/jobs", body).await;
    assert_eq!(s, 201, "{j}");
    let local_job = j["id"].as_i64().unwrap();
    assert_eq!(run(&admin, local_job).await["result"], "ok");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    std::fs::write(tree.join("d/changes.txt"), "two\n").unwrap();
    assert_eq!(run(&admin, local_job).await["result"], "ok");
    let sshd = Sshd::start().await;
    let (ssh_client, ssh_job, _) = ssh_job(&app, &admin, &sshd, &tree).await;
    assert_eq!(run(&admin, ssh_job).await["result"], "ok");
    let inode = inode_of(&admin, &location_dir(&app, &admin).await, local_job, 0).await;
    Scene {
        admin_password: app.admin_password.clone(),
        app,
        sshd,
        src,
        local_client,
        local_job,
        ssh_client,
        ssh_job,
        inode,
    }
}

/// The inode of `same.txt` in a job's snapshot (0: the newest).
async fn inode_of(admin: &Api, location: &Path, job: i64, nth: usize) -> u64 {
    let (_, j) = admin.get(&format!("/api/jobs/{job}")).await;
    let (_, snaps) = admin.get(&format!("/api/jobs/{job}/snapshots")).await;
    let name = snaps[nth]["name"].as_str().unwrap();
    let cid = j["client"]["id"].as_i64().unwrap();
    let file = location.join(format!("{cid}/{job}/snapshots/{name}/data/same.txt"));
    std::fs::metadata(&file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .ino()
}

/// Runs `elkarbackup recover` on a database and a data directory, in `lang`: (ok, output).
fn recover(db_url: &str, data_dir: &Path, location: &Path, lang: &str) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_elkarbackup"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(["recover", "--location"])
        .arg(location)
        .env("DATABASE_URL", db_url)
        .env("LANG", lang)
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The disaster: the database dropped, the data directory gone; the location survives,
/// moved to `disk`.
async fn disaster(db_url: &str, data_dir: &Path, location: &Path, disk: &Path) {
    assert!(data_dir.is_dir(), "{}", data_dir.display());
    if location != disk {
        std::fs::rename(location, disk).unwrap();
    }
    let name = db_url.rsplit('/').next().unwrap();
    pg("postgres")
        .await
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .unwrap();
    for e in std::fs::read_dir(data_dir).unwrap() {
        let p = e.unwrap().path();
        if p != disk && !disk.starts_with(&p) {
            let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
        }
    }
}

async fn signed_in(app: &TestApp, user: &str, password: &str) -> Api {
    let res = app.login(&app.script(), user, password).await;
    assert_eq!(res.status(), 200, "{user} signs in with their old password");
    let token = res.json::<shared::LoginResponse>().await.unwrap().token;
    Api {
        token: Some(token),
        ..app.anon()
    }
}

fn snapshot_count(list: &Value) -> usize {
    list.as_array().unwrap().len()
}

#[tokio::test]
async fn the_catalog_comes_back_from_the_dump_then_from_metadata_alone() {
    let s = scene().await;
    let admin = s.app.admin().await;
    let location = location_dir(&s.app, &admin).await;
    let pool = backend::db::build_pool(&s.app.db_url, 1).unwrap();
    let out = catalog::write(&setup(&s.app, 7), &pool, Which::All).await;
    assert_eq!(out.written.len(), 1, "{out:?}");
    drop(pool);
    let elsewhere = tempfile::tempdir().unwrap();
    let disk = elsewhere.path().join("disk");
    disaster(&s.app.db_url, s.app._data_dir.path(), &location, &disk).await;

    let (second_db, second_data) = from_the_dump(&s, &disk).await;
    from_metadata(&s, &disk, &second_db, second_data.path()).await;
}

/// Recovers from the dump into a fresh installation; returns its database URL and data
/// directory (its server keeps running).
async fn from_the_dump(s: &Scene, disk: &Path) -> (String, tempfile::TempDir) {
    let (url, _) = fresh_database().await;
    let data = tempfile::tempdir().unwrap();
    let (ok, text) = recover(&url, data.path(), disk, "es_ES.UTF-8");
    assert!(ok, "{text}");
    assert!(
        text.contains("Catálogo restaurado desde el volcado"),
        "{text}"
    );
    assert!(text.contains(&dumps(disk)[0]), "{text}");
    assert!(
        text.contains("No ha hecho falta crear de nuevo ninguna clave"),
        "{text}"
    );
    let app = spawn_app_with(AppOptions {
        database: Some(url.clone()),
        data_dir: Some(data.path().to_owned()),
        ..AppOptions::default()
    })
    .await;
    assert!(app.admin_password.is_empty(), "the old admin is back");
    let admin = signed_in(&app, "admin", &s.admin_password).await;
    signed_in(&app, "olga", "olga-old-password").await;
    let (_, l) = admin.get("/api/locations").await;
    assert_eq!(l["items"][0]["directory"], disk.display().to_string());
    let (_, snaps) = admin
        .get(&format!("/api/jobs/{}/snapshots", s.local_job))
        .await;
    assert_eq!(snapshot_count(&snaps), 2, "{snaps}");
    // The next backup links its unchanged file to the old snapshots.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(run(&admin, s.local_job).await["result"], "ok");
    assert_eq!(inode_of(&admin, disk, s.local_job, 0).await, s.inode);
    // The ssh client's key came back from the location: its backup still works.
    assert_eq!(run(&admin, s.ssh_job).await["result"], "ok");
    let key = data.path().join(format!("keys/client-{}", s.ssh_client));
    assert!(key.is_file());
    // So did its restore key: the public half the catalog names, its private half here.
    let (_, c) = admin.get(&format!("/api/clients/{}", s.ssh_client)).await;
    let restore = data
        .path()
        .join(format!("keys/client-{}-restore", s.ssh_client));
    assert!(restore.is_file());
    let public = std::fs::read_to_string(
        restore.with_file_name(format!("client-{}-restore.pub", s.ssh_client)),
    )
    .unwrap();
    assert_eq!(public.trim(), c["restore_public_key"].as_str().unwrap());
    (url, data)
}

/// Recovers again with neither dumps nor key copies: from the snapshots' metadata.
async fn from_metadata(s: &Scene, disk: &Path, previous_db: &str, previous_data: &Path) {
    let own = files::own_dir(disk);
    std::fs::remove_dir_all(own.join("catalog")).unwrap();
    std::fs::remove_dir_all(own.join("keys")).unwrap();
    disaster(previous_db, previous_data, disk, disk).await;
    let (url, _) = fresh_database().await;
    let data = tempfile::tempdir().unwrap();
    let (ok, text) = recover(&url, data.path(), disk, "en_US.UTF-8");
    assert!(ok, "{text}");
    assert!(text.contains("No catalog dump was found"), "{text}");
    assert!(
        text.contains("clients made again: 2, jobs made again: 2"),
        "{text}"
    );
    // Only the ssh client needs its new key installed (a local one is never reached by ssh).
    let ssh_name = format!("c{}", s.sshd.port);
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{ssh_name}: ")))
        .unwrap_or_else(|| panic!("no new key for {ssh_name} in {text}"))
        .to_owned();
    assert!(line.starts_with("ssh-ed25519 "), "{line}");
    assert!(!text.contains("here: ssh-"), "{text}");
    let app = spawn_app_with(AppOptions {
        database: Some(url),
        data_dir: Some(data.path().to_owned()),
        ..AppOptions::default()
    })
    .await;
    let admin = app.admin().await;
    let (_, c) = admin.get(&format!("/api/clients/{}", s.ssh_client)).await;
    assert_eq!(c["name"], ssh_name, "{c}");
    assert_eq!(c["public_key"], line.as_str());
    let (_, snaps) = admin
        .get(&format!("/api/jobs/{}/snapshots", s.local_job))
        .await;
    assert_eq!(snapshot_count(&snaps), 3, "{snaps}");
    browse_and_restore(s, &admin, &snaps).await;
    // The new key installed, the ssh job backs up again, its host key still pinned.
    s.sshd.authorize(&line);
    assert_eq!(run(&admin, s.ssh_job).await["result"], "ok");
}

async fn browse_and_restore(s: &Scene, admin: &Api, snaps: &Value) {
    let sid = snaps[0]["id"].as_i64().unwrap();
    let (st, page) = admin.get(&format!("/api/snapshots/{sid}/entries")).await;
    assert_eq!(st, 200, "{page}");
    assert!(page["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"] == "same.txt"));
    let target: PathBuf = s.src.path().join("restored");
    let body = json!({"snapshot_id": sid, "path": "", "client_id": s.local_client,
        "target_path": target.display().to_string(), "overwrite": true, "delete": false,
        "dry_run": false});
    let (st, q) = admin.post("/api/restores", body).await;
    assert_eq!(st, 202, "{q}");
    let r = wait_finished(admin, q["run"]["id"].as_i64().unwrap()).await;
    assert_eq!(r["result"], "ok", "{r}");
    assert_eq!(
        std::fs::read_to_string(target.join("d/changes.txt")).unwrap(),
        "two\n"
    );
}

#[tokio::test]
async fn a_catalog_in_use_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let loc = location_dir(&app, &admin).await;
    let data = tempfile::tempdir().unwrap();
    // A running server is connected to its database.
    let (ok, text) = recover(&app.db_url, data.path(), &loc, "eu_ES.UTF-8");
    assert!(!ok);
    assert!(text.contains("Gelditu lehenik"), "{text}");
    // A catalog with clients, nobody connected.
    let (url, name) = fresh_database().await;
    let db = pg(&name).await;
    db.execute(
        "INSERT INTO clients (name, connection) VALUES ('x', '{\"kind\":\"local\"}')",
        &[],
    )
    .await
    .unwrap();
    drop(db);
    let mut text = String::new();
    for _ in 0..50 {
        let (ok, t) = recover(&url, data.path(), &loc, "en_US.UTF-8");
        assert!(!ok);
        text = t;
        if !text.contains("Another program") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(text.contains("already has 1 clients and 0 jobs"), "{text}");
    assert!(text.contains("--force"), "{text}");
    let (ok, text) = recover(&url, data.path(), Path::new("/nonexistent"), "en_US.UTF-8");
    assert!(
        !ok && text.contains("/nonexistent is not a directory"),
        "{text}"
    );
}
