//! Exact copies by default (issue 11, part 1): a job created with the defaults only backs
//! up the torture tree exactly (by the lstat/ACL/xattr/content manifest) and restores it
//! over ssh exactly; a job that asks for rewritten permissions has its snapshots marked
//! (`snapshot.json`, the snapshot row, adoption after a crash) and its restore preview
//! warns.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use serde_json::{json, Value};

use crate::engine::{run, ssh_job, wait_finished};
use crate::helpers::*;
use crate::manifest::{diff, manifest};
use crate::sshd::Sshd;

/// The job's newest snapshot (as the API shows it) and its directory on disk.
async fn newest(admin: &Api, jid: i64, store: &Path) -> (Value, std::path::PathBuf) {
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let s = snaps[0].clone();
    let dir = store.join(s["name"].as_str().unwrap());
    (s, dir)
}

/// The manifest off the runtime's thread: the test runtime keeps serving its connections
/// meanwhile (a pooled connection the server closed for idleness is then noticed, not
/// reused).
async fn manifest_of(p: &Path) -> Vec<String> {
    let p = p.to_owned();
    tokio::task::spawn_blocking(move || manifest(&p))
        .await
        .unwrap()
}

fn meta_of(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("snapshot.json")).unwrap()).unwrap()
}

#[tokio::test]
async fn a_job_with_defaults_only_backs_up_and_restores_the_torture_tree_exactly() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let sshd = Sshd::start().await;
    let (src, tree) = crate::steps::torture_source().await;
    // A job created with only what a newcomer must give: no `use_local_permissions`.
    let (cid, jid, store) = ssh_job(&app, &admin, &sshd, &tree).await;
    let (_, j) = admin.get(&format!("/api/jobs/{jid}")).await;
    assert_eq!(j["use_local_permissions"], false, "{j}");

    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let (snap, dir) = newest(&admin, jid, &store).await;
    let want = manifest_of(&tree).await;
    let got = manifest_of(&dir.join("data")).await;
    assert!(
        got == want,
        "snapshot of a default job differs from the source:\n{}",
        diff(&want, &got).join("\n")
    );
    assert_eq!(snap["rewritten_permissions"], false, "{snap}");
    assert_eq!(meta_of(&dir)["rewritten_permissions"], false);

    // Restored over ssh: equal to the source, and the preview has nothing to warn about.
    let sid = snap["id"].as_i64().unwrap();
    let target = src.path().join("restored");
    let req = json!({"snapshot_id": sid, "path": "", "client_id": cid,
        "target_path": target.display().to_string(), "overwrite": true, "dry_run": true});
    let (s, p) = admin.post("/api/restores", req.clone()).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["rewritten_permissions"], false, "{p}");
    let mut real = req.clone();
    real["dry_run"] = json!(false);
    let (s, q) = admin.post("/api/restores", real).await;
    assert_eq!(s, 202, "{q}");
    let r = wait_finished(&admin, q["run"]["id"].as_i64().unwrap()).await;
    assert_eq!(r["result"], "ok", "{r}");
    let got = manifest_of(&target).await;
    assert!(
        got == want,
        "restore of a default job differs from the source:\n{}",
        diff(&want, &got).join("\n")
    );

    // A job that asks for rewritten permissions: its snapshot says so everywhere, and a
    // private file is no longer private in it.
    let (loc, pol) = app.defaults(&admin).await;
    let mut body = job(cid, "rewritten", loc, pol);
    body["source_path"] = json!(tree.display().to_string());
    body["use_local_permissions"] = json!(true);
    let (s, j2) = admin.post("/api/jobs", body).await;
    assert_eq!(s, 201, "{j2}");
    let jid2 = j2["id"].as_i64().unwrap();
    // Beside the first job's store: `<location>/<client>/<job>/snapshots`.
    let client_dir = store.parent().and_then(Path::parent).unwrap();
    let store2 = client_dir.join(format!("{jid2}/snapshots"));
    let r = run(&admin, jid2).await;
    assert_eq!(r["result"], "ok", "{r}");
    let (snap2, dir2) = newest(&admin, jid2, &store2).await;
    assert_eq!(snap2["rewritten_permissions"], true, "{snap2}");
    assert_eq!(meta_of(&dir2)["rewritten_permissions"], true);
    let private = tree.join("private");
    std::fs::write(&private, "secret").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = run(&admin, jid2).await;
    assert_eq!(r["result"], "ok", "{r}");
    let (snap2, dir2) = newest(&admin, jid2, &store2).await;
    let mode = std::fs::metadata(dir2.join("data/private"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o664, "the option rewrites 0600 to 0664");
    let mut req2 = req.clone();
    req2["snapshot_id"] = snap2["id"].clone();
    let (s, p) = admin.post("/api/restores", req2).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["rewritten_permissions"], true, "the preview warns: {p}");

    // A snapshot published before a crash (no row) is adopted with its flag.
    let sid2 = snap2["id"].as_i64().unwrap();
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    db.execute("DELETE FROM snapshots WHERE id = $1", &[&sid2])
        .await
        .unwrap();
    backend::engine::reconcile::at_start(&app.engine)
        .await
        .unwrap();
    let (adopted, _) = newest(&admin, jid2, &store2).await;
    assert_eq!(adopted["name"], snap2["name"]);
    assert_ne!(adopted["id"], snap2["id"]);
    assert_eq!(adopted["rewritten_permissions"], true, "{adopted}");
}
