//! Client keys restricted by rrsync, on the loopback sshd with the lines the API gives:
//! what the read-only backup key and the write-only restore key refuse (writing,
//! deleting, a command, a port forward, a receiving rsync; reading with the restore
//! key), a backup and a restore through a root other than `/`, the documented refusal of
//! a restore without the restore key (nothing written), `from=`, plain clients, and the
//! paths that cannot pass through the keys.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

use crate::engine::{run, wait_finished};
use crate::helpers::*;
use crate::manifest::manifest;
use crate::sshd::{client_ssh_args, Sshd};

/// A client's private key (`restore`: its restore key) in the server's data directory.
fn key(app: &TestApp, client: i64, restore: bool) -> PathBuf {
    let suffix = if restore { "-restore" } else { "" };
    app._data_dir
        .path()
        .join(format!("keys/client-{client}{suffix}"))
}

/// `ssh <key> root@127.0.0.1 <extra…>`.
fn ssh(sshd: &Sshd, key: &Path, extra: &[&str]) -> Output {
    Command::new("ssh")
        .args(client_ssh_args(key, sshd.port))
        .args(extra)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// `rsync -e <ssh with key> <args…>`.
fn rsync(sshd: &Sshd, key: &Path, args: &[&str]) -> Output {
    let shell = std::iter::once("ssh".to_owned())
        .chain(client_ssh_args(key, sshd.port))
        .collect::<Vec<_>>()
        .join(" ");
    Command::new("rsync")
        .arg("-e")
        .arg(shell)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// An ssh client of the loopback sshd, its host key accepted, with `extra` in its body.
async fn client(app: &TestApp, admin: &Api, sshd: &Sshd, extra: Value) -> Value {
    let mut body = json!({"name": format!("k{}", sshd.port),
        "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let (s, c) = admin.post("/api/clients", body).await;
    assert_eq!(s, 201, "{c}");
    let cid = c["id"].as_i64().unwrap();
    // The first test records the host key; accepting it pins it.
    admin
        .post(&format!("/api/clients/{cid}/test"), json!({}))
        .await;
    let (s, c) = admin
        .post(&format!("/api/clients/{cid}/host-key/accept"), json!({}))
        .await;
    assert_eq!(s, 200, "{c}");
    let _ = app;
    c
}

#[tokio::test]
async fn the_backup_key_only_reads_and_the_restore_key_only_writes() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let sshd = Sshd::start().await;
    let c = client(&app, &admin, &sshd, json!({})).await;
    let cid = c["id"].as_i64().unwrap();
    // New clients are restricted, confined to `/` by default; both lines as documented.
    assert_eq!(
        (c["key_mode"].as_str(), c["key_root"].as_str()),
        (Some("rrsync"), Some("/"))
    );
    let backup_line = c["backup_key_line"].as_str().unwrap();
    let restore_line = c["restore_key_line"].as_str().unwrap();
    assert!(
        backup_line.starts_with("restrict,command=\"rrsync -ro /\" ssh-ed25519 "),
        "{backup_line}"
    );
    assert!(
        restore_line.starts_with("restrict,command=\"rrsync -wo -no-lock /\" ssh-ed25519 "),
        "{restore_line}"
    );
    assert_ne!(c["public_key"], c["restore_public_key"]);
    sshd.install(&c);

    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let local = dir.path().join("local.txt");
    std::fs::write(&local, "planted").unwrap();
    let (backup, restore) = (key(&app, cid, false), key(&app, cid, true));
    let remote = |p: &Path| format!("root@127.0.0.1:{}", p.display());

    // Reading works with the backup key.
    let o = rsync(&sshd, &backup, &["--list-only", "--", &remote(&victim)]);
    assert!(o.status.success(), "{}", text(&o));
    // Writing a file: refused, nothing written.
    let planted = dir.path().join("planted.txt");
    let o = rsync(
        &sshd,
        &backup,
        &["--", &local.display().to_string(), &remote(&planted)],
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert!(!planted.exists());
    // Deleting one: refused, the file is still there.
    let empty = tempfile::tempdir().unwrap();
    let o = rsync(
        &sshd,
        &backup,
        &[
            "-r",
            "--delete",
            "--",
            &format!("{}/", empty.path().display()),
            &format!("{}/", remote(dir.path())),
        ],
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    // A command: refused.
    let o = ssh(&sshd, &backup, &["root@127.0.0.1", "id"]);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(!text(&o).contains("uid="), "{}", text(&o));
    // A port forward (to the sshd itself): refused, no banner comes through.
    let target = format!("127.0.0.1:{}", sshd.port);
    let o = ssh(&sshd, &backup, &["-W", &target, "root@127.0.0.1"]);
    assert!(!text(&o).contains("SSH-2.0"), "{}", text(&o));
    // A receiving rsync (`rsync --server` without `--sender`): refused.
    let o = ssh(
        &sshd,
        &backup,
        &[
            "root@127.0.0.1",
            "rsync",
            "--server",
            "-vlogDtpre.iLsfxCIvu",
            ".",
            "/tmp/eb-planted",
        ],
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("read-only"), "{}", text(&o));

    // The restore key writes (a dry run here) and cannot read, not even /etc/shadow.
    let o = rsync(
        &sshd,
        &restore,
        &[
            "--dry-run",
            "--",
            &local.display().to_string(),
            &remote(&planted),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let stolen = dir.path().join("shadow");
    let o = rsync(
        &sshd,
        &restore,
        &[
            "--",
            "root@127.0.0.1:/etc/shadow",
            &stolen.display().to_string(),
        ],
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert!(!stolen.exists());
    let o = ssh(&sshd, &restore, &["root@127.0.0.1", "id"]);
    assert!(!text(&o).contains("uid="), "{}", text(&o));

    // The connection test sees the same.
    let (_, t) = admin
        .post(&format!("/api/clients/{cid}/test"), json!({}))
        .await;
    assert_eq!(
        (
            t["ok"].as_bool(),
            t["backup_key"].as_str(),
            t["restore_key"].as_str()
        ),
        (Some(true), Some("read_only"), Some("write_only")),
        "{t}"
    );
}

#[tokio::test]
async fn backups_and_restores_go_through_a_root_and_a_restore_needs_its_key() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let sshd = Sshd::start().await;
    let top = tempfile::tempdir().unwrap();
    let root = top.path().join("srv");
    // A space in the job's path: rsync escapes it, rrsync takes the escape off.
    let tree = root.join("shared docs");
    crate::torture::build(&tree);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let c = client(
        &app,
        &admin,
        &sshd,
        json!({"key_root": root.display().to_string()}),
    )
    .await;
    let cid = c["id"].as_i64().unwrap();
    let confined = format!("command=\"rrsync -ro {}\"", root.display());
    assert!(
        c["backup_key_line"].as_str().unwrap().contains(&confined),
        "{c}"
    );
    let (loc, pol) = app.defaults(&admin).await;

    // Outside the root: refused when saved.
    let mut outside = job(cid, "outside", loc, pol);
    outside["source_path"] = json!(top.path().display().to_string());
    let (s, e) = admin.post("/api/jobs", outside).await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(e["fields"][0]["field"], "source_path", "{e}");
    assert_eq!(e["fields"][0]["code"], "outside_key_root", "{e}");
    let mut body = job(cid, "docs", loc, pol);
    body["source_path"] = json!(tree.display().to_string());
    let (s, j) = admin.post("/api/jobs", body).await;
    assert_eq!(s, 201, "{j}");
    let jid = j["id"].as_i64().unwrap();
    // Nor can `..` lead out of it, nor wildcards rrsync would expand.
    for bad in [
        format!("{}/../etc", root.display()),
        format!("{}/[ab]", root.display()),
    ] {
        let mut b = job(cid, "sneaky", loc, pol);
        b["source_path"] = json!(bad);
        let (s, e) = admin.post("/api/jobs", b).await;
        assert_eq!(
            (s, e["fields"][0]["code"].as_str()),
            (422, Some("outside_key_root")),
            "{e}"
        );
    }
    // A root is part of the forced command, which sshd runs through a shell: anything a
    // shell would read is refused.
    for bad in [
        "/;$SSH_ORIGINAL_COMMAND",
        "/srv|sh",
        "/srv$(id)",
        "/srv dir",
    ] {
        let (s, e) = admin
            .patch(&format!("/api/clients/{cid}"), json!({"key_root": bad}))
            .await;
        assert_eq!(
            (s, e["fields"][0]["field"].as_str()),
            (422, Some("key_root")),
            "{bad}: {e}"
        );
    }
    // Nor can the root be narrowed past the job afterwards.
    let (s, e) = admin
        .patch(
            &format!("/api/clients/{cid}"),
            json!({"key_root": root.join("elsewhere").display().to_string()}),
        )
        .await;
    assert_eq!(
        (s, e["fields"][0]["code"].as_str()),
        (422, Some("outside_key_root")),
        "{e}"
    );

    // Only the backup key is installed: backups work, restores are refused as
    // documented and write nothing.
    sshd.authorize_lines(&[c["backup_key_line"].as_str().unwrap()]);
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let sid = snaps[0]["id"].as_i64().unwrap();
    let target = root.join("restored");
    let body = json!({"snapshot_id": sid, "path": "", "client_id": cid,
        "target_path": target.display().to_string(), "overwrite": true, "dry_run": true});
    let (s, e) = admin.post("/api/restores", body.clone()).await;
    assert_eq!(
        (s, e["code"].as_str()),
        (409, Some("restore_key_missing")),
        "{e}"
    );
    assert!(
        e["message"].as_str().unwrap().contains("restore key"),
        "{e}"
    );
    let mut real = body.clone();
    real["dry_run"] = json!(false);
    let (s, q) = admin.post("/api/restores", real.clone()).await;
    assert_eq!(s, 202, "{q}");
    let r = wait_finished(&admin, q["run"]["id"].as_i64().unwrap()).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("restore_key_missing")),
        "{r}"
    );
    assert!(!target.exists(), "nothing was written");

    // With the restore key: the restore equals the source.
    sshd.install(&c);
    let (s, q) = admin.post("/api/restores", real).await;
    assert_eq!(s, 202, "{q}");
    let r = wait_finished(&admin, q["run"]["id"].as_i64().unwrap()).await;
    assert_eq!(r["result"], "ok", "{r}");
    // Below a root other than `/`, rrsync lets no restore create device files, FIFOs or
    // sockets (the client page says so); everything else is exact.
    let specials = |l: &String| {
        [" fifo ", " socket ", " chardev=", " blockdev="]
            .iter()
            .any(|k| l.contains(k))
    };
    let want: Vec<String> = manifest(&tree)
        .into_iter()
        .filter(|l| !specials(l))
        .collect();
    let got = manifest(&target);
    assert!(
        want == got,
        "restored through rrsync:\n{}",
        crate::manifest::diff(&want, &got).join("\n")
    );
    // A target outside the root: refused before anything moves.
    let mut away = body;
    away["target_path"] = json!(top.path().join("away").display().to_string());
    let (s, e) = admin.post("/api/restores", away).await;
    assert_eq!(
        (s, e["fields"][0]["code"].as_str()),
        (422, Some("outside_key_root")),
        "{e}"
    );
    assert!(!top.path().join("away").exists());
}

#[tokio::test]
async fn from_plain_clients_and_a_new_restore_key() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let sshd = Sshd::start().await;
    // The server's address as clients see it: `from=` in both lines.
    let (_, mut settings) = admin.get("/api/settings").await;
    settings["client_key_from"] = json!("192.0.2.1");
    let (s, e) = admin.put("/api/settings", settings.clone()).await;
    assert_eq!(s, 200, "{e}");
    let c = client(&app, &admin, &sshd, json!({})).await;
    let cid = c["id"].as_i64().unwrap();
    for line in ["backup_key_line", "restore_key_line"] {
        assert!(
            c[line].as_str().unwrap().contains(",from=\"192.0.2.1\" "),
            "{c}"
        );
    }
    // The server connects from 127.0.0.1: the key is refused.
    sshd.install(&c);
    let (_, t) = admin
        .post(&format!("/api/clients/{cid}/test"), json!({}))
        .await;
    assert_eq!(t["backup_key"], "missing", "{t}");
    settings["client_key_from"] = json!("127.0.0.1");
    admin.put("/api/settings", settings.clone()).await;
    let (_, c) = admin.get(&format!("/api/clients/{cid}")).await;
    sshd.install(&c);
    let (_, t) = admin
        .post(&format!("/api/clients/{cid}/test"), json!({}))
        .await;
    assert_eq!(t["backup_key"], "read_only", "{t}");
    settings["client_key_from"] = json!("a b\"");
    let (s, e) = admin.put("/api/settings", settings).await;
    assert_eq!(
        (s, e["fields"][0]["field"].as_str()),
        (422, Some("client_key_from")),
        "{e}"
    );

    // A plain client (as clients made before restricted keys are): one unrestricted key
    // for backups and restores, and no restore line.
    let (s, p) = admin
        .patch(&format!("/api/clients/{cid}"), json!({"key_mode": "plain"}))
        .await;
    assert_eq!(s, 200, "{p}");
    assert!(p["restore_key_line"].is_null(), "{p}");
    let line = p["backup_key_line"].as_str().unwrap();
    assert!(
        line.starts_with("restrict,from=\"127.0.0.1\" ssh-ed25519 "),
        "{line}"
    );
    sshd.install(&p);
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("a.txt"), "plain").unwrap();
    let (loc, pol) = app.defaults(&admin).await;
    let mut body = job(cid, "plain", loc, pol);
    body["source_path"] = json!(src.path().display().to_string());
    let (_, j) = admin.post("/api/jobs", body).await;
    let r = run(&admin, j["id"].as_i64().unwrap()).await;
    assert_eq!(r["result"], "ok", "{r}");
    // The restricted line on a plain client: the test says the lines and mode disagree.
    sshd.authorize_lines(&[c["backup_key_line"].as_str().unwrap()]);
    let (_, t) = admin
        .post(&format!("/api/clients/{cid}/test"), json!({}))
        .await;
    assert_eq!(
        (t["ok"].as_bool(), t["code"].as_str()),
        (Some(false), Some("key_mode_mismatch")),
        "{t}"
    );

    // A new restore key replaces the old one, audited.
    let before = p["restore_public_key"].clone();
    let (s, n) = admin
        .post(
            &format!("/api/clients/{cid}/restore-key/regenerate"),
            json!({}),
        )
        .await;
    assert_eq!(s, 200, "{n}");
    assert_ne!(n["restore_public_key"], before);
    let n: i64 = pg(app.db_url.rsplit('/').next().unwrap())
        .await
        .query_one(
            "SELECT count(*) FROM log_records WHERE source = 'audit' AND code = 'restore_key_regenerated'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}
