//! Restores: the torture tree restored over a real sshd and compared by manifest, the same
//! snapshot downloaded as tar.gz and extracted by GNU tar, dry runs that write nothing,
//! the traversal corpus refused with nothing queued, a changed host key refusing the push,
//! and who may restore what where.

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::engine::{run, ssh_job, wait_finished};
use crate::helpers::*;
use crate::manifest::{diff, manifest};
use crate::sshd::Sshd;

async fn newest_snapshot(admin: &Api, jid: i64) -> i64 {
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    snaps[0]["id"].as_i64().unwrap()
}

/// Queues a restore and waits for its run to finish.
async fn restore(admin: &Api, body: Value) -> (Value, Value) {
    let (s, q) = admin.post("/api/restores", body).await;
    assert_eq!(s, 202, "{q}");
    assert_eq!(q["run"]["kind"], "restore");
    let r = wait_finished(admin, q["run"]["id"].as_i64().unwrap()).await;
    (q, r)
}

fn without_specials(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .filter(|l| {
            ![" fifo ", " socket ", " chardev=", " blockdev="]
                .iter()
                .any(|k| l.contains(k))
        })
        .collect()
}

#[tokio::test]
async fn torture_tree_restored_over_ssh_and_downloaded_as_tar_equal_the_source() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let sshd = Sshd::start().await;
    let src = tempfile::tempdir().unwrap();
    let tree = src.path().join("tree");
    crate::torture::build(&tree);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (cid, jid, _) = ssh_job(&app, &admin, &sshd, &tree).await;
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let sid = newest_snapshot(&admin, jid).await;
    let want = manifest(&tree);

    // The dry run lists what would be created and writes nothing.
    let target = src.path().join("restored");
    let body = json!({"snapshot_id": sid, "path": "", "client_id": cid,
        "target_path": target.display().to_string(), "overwrite": true, "dry_run": true});
    let (s, p) = admin.post("/api/restores", body.clone()).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["destination"], target.display().to_string());
    assert!(p["creates"].as_i64().unwrap() > 100, "{p}");
    assert_eq!(p["deletes"], 0);
    assert!(p["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["path"] == "sizes/f4097" && c["action"] == "create"));
    assert!(!target.exists(), "a dry run writes nothing");

    // The restore itself, through the queue, over ssh: equal by the manifest.
    let mut real = body.clone();
    real["dry_run"] = json!(false);
    let (_, r) = restore(&admin, real.clone()).await;
    assert_eq!(r["result"], "ok", "{r}");
    assert_eq!(r["restore"]["destination"], target.display().to_string());
    assert!(r["stats"]["files"].as_i64().unwrap() > 100, "{r}");
    // rsync's progress reached the run like a backup's (persisted off the reading path).
    let run_id = r["id"].as_i64().unwrap();
    let mut progress = Value::Null;
    for _ in 0..50 {
        progress = admin.get(&format!("/api/runs/{run_id}")).await.1["progress"].clone();
        if !progress.is_null() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        progress["files_done"].as_i64().unwrap_or(0) > 100,
        "{progress}"
    );
    let got = manifest(&target);
    assert!(
        got == want,
        "restored tree differs:\n{}",
        diff(&want, &got).join("\n")
    );
    let (_, job) = admin.get(&format!("/api/jobs/{jid}")).await;
    assert_eq!(
        job["last_result"], "ok",
        "a restore is not the job's backup result"
    );

    // Over a changed tree: the preview names what would be overwritten and deleted.
    std::fs::write(target.join("sizes/f1"), "changed").unwrap();
    std::fs::write(target.join("extra.txt"), "not in the backup").unwrap();
    let mut over = body.clone();
    over["delete"] = json!(true);
    let (s, p) = admin.post("/api/restores", over.clone()).await;
    assert_eq!(s, 200, "{p}");
    let has = |path: &str, action: &str| {
        p["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["path"] == path && c["action"] == action)
    };
    assert!(has("sizes/f1", "overwrite"), "{p}");
    assert!(has("extra.txt", "delete"), "{p}");
    assert_eq!(
        std::fs::read_to_string(target.join("sizes/f1")).unwrap(),
        "changed"
    );
    over["dry_run"] = json!(false);
    let (_, r) = restore(&admin, over).await;
    assert_eq!(r["result"], "ok", "{r}");
    assert!(!target.join("extra.txt").exists());
    let got = manifest(&target);
    assert!(
        got == want,
        "restored over:\n{}",
        diff(&want, &got).join("\n")
    );

    // A subdirectory to the default place: a new restore-<time> directory beside it.
    let (q, r) = restore(
        &admin,
        json!({"snapshot_id": sid, "path": "sizes", "client_id": cid}),
    )
    .await;
    assert_eq!(r["result"], "ok", "{r}");
    let dest = q["destination"].as_str().unwrap().to_owned();
    assert!(
        dest.starts_with(&format!("{}/restore-", tree.display())),
        "{dest}"
    );
    let got = manifest(&Path::new(&dest).join("sizes"));
    assert_eq!(got, manifest(&tree.join("sizes")));
    std::fs::remove_dir_all(&dest).unwrap();

    // Downloaded as tar.gz and extracted by GNU tar as root: equal too, except the
    // specials (never opened, listed in the README) and sparseness (written dense).
    let res = admin
        .raw(&format!("/api/snapshots/{sid}/download?format=tar.gz"), &[])
        .await;
    assert_eq!(res.status(), 200);
    let archive = src.path().join("snapshot.tar.gz");
    std::fs::write(&archive, res.bytes().await.unwrap()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let st = std::process::Command::new("tar")
        .args([
            "--numeric-owner",
            "--xattrs",
            "--xattrs-include=*",
            "--acls",
            "-xpzf",
        ])
        .arg(&archive)
        .arg("-C")
        .arg(out.path())
        .status()
        .unwrap();
    assert!(st.success());
    let top = crate::steps::first_entry(out.path());
    let readme = std::fs::read_dir(&top)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("README"))
        .expect("README of skipped specials");
    let listed = std::fs::read_to_string(&readme).unwrap();
    assert!(
        listed.contains("fifo") || listed.contains("specials/"),
        "{listed}"
    );
    std::fs::remove_file(&readme).unwrap();
    let got = manifest(&top);
    let want = without_specials(want);
    assert!(
        got == want,
        "tar.gz differs:\n{}",
        diff(&want, &got).join("\n")
    );
}

#[tokio::test]
async fn restores_refuse_bad_paths_impostors_and_strangers() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut sshd = Sshd::start().await;
    let src = tempfile::tempdir().unwrap();
    let tree = src.path().join("data");
    std::fs::create_dir_all(tree.join("docs")).unwrap();
    std::fs::write(tree.join("docs/a.txt"), "alpha").unwrap();
    let (cid, jid, _) = ssh_job(&app, &admin, &sshd, &tree).await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    let sid = newest_snapshot(&admin, jid).await;
    let runs_total = || async {
        admin.get(&format!("/api/runs?job_id={jid}")).await.1["total"]
            .as_i64()
            .unwrap()
    };
    let before = runs_total().await;
    let target = src.path().join("out");
    let t = target.display().to_string();

    // The traversal corpus: 400 or 404, nothing queued.
    for p in [
        "..",
        "../etc/shadow",
        "/../etc",
        "docs/../..",
        "%2e%2e%2fetc",
        "docs%00",
        "%252e%252e/x",
        "../../../../etc/shadow",
        "docs/a.txt/..",
    ] {
        for dry in [true, false] {
            let (s, e) = admin
                .post(
                    "/api/restores",
                    json!({"snapshot_id": sid, "path": p, "client_id": cid, "target_path": t, "dry_run": dry}),
                )
                .await;
            assert!(s == 400 || s == 404, "{p}: {s} {e}");
        }
    }
    for bad in ["relative/path", "/a/../../etc", "/x\ny"] {
        let (s, e) = admin
            .post(
                "/api/restores",
                json!({"snapshot_id": sid, "path": "docs", "client_id": cid, "target_path": bad}),
            )
            .await;
        assert_eq!(
            (s, field_codes(&e)),
            (422, vec![("target_path".into(), "invalid".into())])
        );
    }
    let (s, _) = admin
        .post(
            "/api/restores",
            json!({"snapshot_id": sid, "path": "docs", "client_id": cid, "delete": true}),
        )
        .await;
    assert_eq!(s, 422, "delete only together with overwrite");
    assert_eq!(runs_total().await, before, "nothing was queued");
    assert!(!target.exists());

    // A changed host key: no preview, and the restore run fails before data moves.
    sshd.change_host_key().await;
    let body = json!({"snapshot_id": sid, "path": "docs", "client_id": cid,
        "target_path": t, "overwrite": true, "dry_run": true});
    let (s, e) = admin.post("/api/restores", body.clone()).await;
    assert_eq!(
        (s, e["code"].as_str()),
        (502, Some("preview_failed")),
        "{e}"
    );
    let mut real = body;
    real["dry_run"] = json!(false);
    let (_, r) = restore(&admin, real).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("host_key_mismatch")),
        "{r}"
    );
    assert!(!target.exists(), "nothing was pushed to the impostor");
}

#[tokio::test]
async fn operators_restore_only_their_own_and_only_when_allowed() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let alice = app.user("alice", shared::Role::Operator).await;
    let (_, me) = alice.get("/api/auth/me").await;
    let alice_id = me["id"].as_i64().unwrap();
    let sshd = Sshd::start().await;
    let src = tempfile::tempdir().unwrap();
    let tree = src.path().join("data");
    std::fs::create_dir_all(tree.join("docs")).unwrap();
    std::fs::write(tree.join("docs/a.txt"), "alpha").unwrap();
    let (own, jid, _) = ssh_job(&app, &admin, &sshd, &tree).await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    let sid = newest_snapshot(&admin, jid).await;
    // The client becomes hers; the administrator keeps another, and a local one given
    // to her (the server's own filesystem).
    let (s, _) = admin
        .patch(
            &format!("/api/clients/{own}"),
            json!({"owner_id": alice_id}),
        )
        .await;
    assert_eq!(s, 200);
    let (_, foreign) = admin
        .post(
            "/api/clients",
            json!({"name": "admins", "connection": {"kind": "local"}}),
        )
        .await;
    let foreign = foreign["id"].as_i64().unwrap();
    let (_, local) = admin
        .post(
            "/api/clients",
            json!({"name": "server", "connection": {"kind": "local"}, "owner_id": alice_id}),
        )
        .await;
    let local = local["id"].as_i64().unwrap();
    // Operators cannot make local clients themselves.
    let (s, e) = alice
        .post(
            "/api/clients",
            json!({"name": "mine", "connection": {"kind": "local"}}),
        )
        .await;
    assert_eq!(
        (s, field_codes(&e)),
        (422, vec![("connection.kind".into(), "not_allowed".into())])
    );
    let target = src.path().join("back");
    let body = |client: i64| {
        json!({"snapshot_id": sid, "path": "docs", "client_id": client,
            "target_path": target.display().to_string(), "overwrite": true})
    };

    // Onto her own ssh client: yes.
    let (_, r) = restore(&alice, body(own)).await;
    assert_eq!(r["result"], "ok", "{r}");
    assert_eq!(
        std::fs::read_to_string(target.join("docs/a.txt")).unwrap(),
        "alpha"
    );
    // Onto somebody else's client: it does not exist for her; onto the server: forbidden.
    let (s, _) = alice.post("/api/restores", body(foreign)).await;
    assert_eq!(s, 404);
    let (s, _) = alice.post("/api/restores", body(local)).await;
    assert_eq!(s, 403);
    // The administrator forbids restores by operators: 403 for her, admins still may.
    let (_, mut settings) = admin.get("/api/settings").await;
    settings["operators_may_restore_to_clients"] = json!(false);
    settings
        .as_object_mut()
        .unwrap()
        .remove("mail_password_set");
    let (s, e) = admin.put("/api/settings", settings).await;
    assert_eq!(s, 200, "{e}");
    let (s, e) = alice.post("/api/restores", body(own)).await;
    assert_eq!((s, e["code"].as_str()), (403, Some("forbidden")));
    let mut preview = body(foreign);
    preview["dry_run"] = json!(true);
    let (s, p) = admin.post("/api/restores", preview).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["creates"], 0, "already restored: {p}");
}
