//! A replica's key against a real sshd reading the primary's managed `authorized_keys`:
//! it pulls a snapshot's data through the forced command and can do nothing else; a
//! revoked access or a foreign address is refused; bad inputs create nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::helpers::*;
use crate::manifest::manifest;
use crate::replication_access::{backed_up_job, create_access, key_pair, replica};
use crate::sshd::{client_ssh_args, Sshd};

/// `rsync -aHAXX --numeric-ids -e <ssh> <args…>`: (success, stderr).
fn rsync(key: &Path, port: u16, args: &[&str]) -> (bool, String) {
    // The replica engine's own options: with `--no-inc-recursive` among them, directory
    // times are set after every hard link inside was made (with incremental recursion
    // rsync may touch a directory after setting its time, and the copy's differ).
    let out = std::process::Command::new("rsync")
        .args(shared::rsync::REPLICATE_BASE)
        .args([
            "-e",
            &format!("ssh {}", client_ssh_args(key, port).join(" ")),
        ])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn remote(path: &str) -> String {
    format!("root@127.0.0.1:{path}")
}

struct Primary {
    app: TestApp,
    admin: Api,
    sshd: Sshd,
    /// `<location id>/<store path>/snapshots/<name>/data/` and the same on disk.
    data: String,
    data_dir: PathBuf,
    _src: tempfile::TempDir,
}

async fn primary() -> Primary {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    let (cid, jid) = backed_up_job(&app, &admin, src.path()).await;
    let keys = app._data_dir.path().join("replication/authorized_keys");
    let sshd = Sshd::start_with_authorized_keys(&keys).await;
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let s = &snaps[0];
    let (loc, store, name) = (
        s["location_id"].as_i64().unwrap(),
        format!("{cid}/{jid}"),
        s["name"].as_str().unwrap().to_owned(),
    );
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    let data_dir = Path::new(l["directory"].as_str().unwrap())
        .join(&store)
        .join(format!("snapshots/{name}/data"));
    after_the_second_of(&data_dir).await;
    Primary {
        data: format!("{loc}/{store}/snapshots/{name}/data/"),
        data_dir,
        app,
        admin,
        sshd,
        _src: src,
    }
}

/// The newest modification time of `dir` and the directories beneath it.
fn newest_dir_time(dir: &Path) -> std::time::SystemTime {
    let mut newest = std::fs::metadata(dir).unwrap().modified().unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            newest = newest.max(newest_dir_time(&e.path()));
        }
    }
    newest
}

/// Waits until the clock is past the second of the newest directory time in `dir`.
/// rsync compares times to the second (its default `--modify-window=0`): a directory it
/// creates within the same second as its source's time is left with its creation time,
/// nanoseconds apart, and the copy's manifest would differ. A replica pulls long after a
/// snapshot is taken; this test pulls right after the backup, so it waits (under a second).
async fn after_the_second_of(dir: &Path) {
    let second =
        |t: std::time::SystemTime| t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let newest = second(newest_dir_time(dir));
    while second(std::time::SystemTime::now()) <= newest {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_replica_key_pulls_snapshots_and_nothing_more() {
    let p = primary().await;
    assert!(p.data_dir.is_dir(), "{}", p.data_dir.display());
    let keys = tempfile::tempdir().unwrap();
    let (key, public) = key_pair(keys.path(), "replica");
    let a = create_access(&p.admin, "backup2", &public, Some("127.0.0.1,::1")).await;
    let line = a["authorized_keys_line"].as_str().unwrap();
    assert!(line.starts_with("restrict,command=\"") && line.contains("from=\"127.0.0.1,::1\""));
    let port = p.sshd.port;

    // Pull: the copy equals the snapshot, entry by entry.
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("copy");
    let (ok, err) = rsync(
        &key,
        port,
        &[&remote(&p.data), &format!("{}/", dest.display())],
    );
    assert!(ok, "{err}");
    assert_eq!(manifest(&dest), manifest(&p.data_dir));

    // No writing into the view or a location, no deleting there.
    let (ok, err) = rsync(
        &key,
        port,
        &[&format!("{}/", dest.display()), &remote(&p.data)],
    );
    assert!(!ok, "push accepted: {err}");
    let loc_id = p.data.split('/').next().unwrap();
    let (ok, _) = rsync(
        &key,
        port,
        &[
            &format!("{}/", dest.display()),
            &remote(&format!("{loc_id}/new/")),
        ],
    );
    assert!(!ok);
    let (ok, _) = rsync(
        &key,
        port,
        &[
            "--remove-source-files",
            &remote(&p.data),
            &out.path().join("rm").display().to_string(),
        ],
    );
    assert!(!ok, "--remove-source-files accepted");
    let (ok, _) = rsync(
        &key,
        port,
        &[
            "--delete",
            &format!("{}/", dest.display()),
            &remote(&p.data),
        ],
    );
    assert!(!ok, "push with --delete accepted");
    assert_eq!(
        manifest(&dest),
        manifest(&p.data_dir),
        "the snapshot is untouched"
    );
    assert!(!p
        .data_dir
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("new")
        .exists());

    // Nothing outside the locations: `..`, absolute paths, the view itself, -L.
    for path in [
        "../",
        "/etc/",
        &format!("{loc_id}/../../"),
        ".",
        "/",
        "999/",
        "etc",
    ] {
        let (ok, _) = rsync(
            &key,
            port,
            &[&remote(path), &out.path().join("x").display().to_string()],
        );
        assert!(!ok, "read {path}");
    }
    let (ok, _) = rsync(
        &key,
        port,
        &[
            "-L",
            &remote(&p.data),
            &out.path().join("l").display().to_string(),
        ],
    );
    assert!(!ok, "-L accepted");

    // No shell.
    for cmd in [vec!["id"], vec!["sh", "-c", "id"], vec![]] {
        let o = std::process::Command::new("ssh")
            .args(client_ssh_args(&key, port))
            .args(["-T", "root@127.0.0.1"])
            .args(&cmd)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(!o.status.success(), "{cmd:?}");
        assert!(
            !String::from_utf8_lossy(&o.stdout).contains("uid="),
            "{cmd:?}"
        );
    }

    // No port forwarding: a connection through the tunnel never reaches the API.
    assert!(
        !forwards(&key, port, &p.app.base).await,
        "the forward worked"
    );
}

/// Whether `ssh -N -L` lets an HTTP request through to `base`.
async fn forwards(key: &Path, port: u16, base: &str) -> bool {
    let target = base.trim_start_matches("http://");
    let local = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = tokio::process::Command::new("ssh")
        .args(client_ssh_args(key, port))
        .args(["-N", "-L", &format!("{local}:{target}"), "root@127.0.0.1"])
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    // Wait for ssh to listen locally (it does once logged in).
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", local)).is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Still running: the key was accepted, so a refusal below is the forwarding's.
    assert!(
        child.try_wait().unwrap().is_none(),
        "ssh -N exited: the key was refused"
    );
    let got = matches!(
        tokio::time::timeout(
            Duration::from_secs(5),
            http_client()
                .get(format!("http://127.0.0.1:{local}/api/health"))
                .send(),
        )
        .await,
        Ok(Ok(_))
    );
    let _ = child.kill().await;
    got
}

#[tokio::test]
async fn revoked_or_elsewhere_keys_are_refused() {
    let p = primary().await;
    let keys = tempfile::tempdir().unwrap();
    let (key, public) = key_pair(keys.path(), "replica");
    let (far_key, far_public) = key_pair(keys.path(), "far");
    let a = create_access(&p.admin, "backup2", &public, None).await;
    create_access(&p.admin, "far", &far_public, Some("192.0.2.0/24")).await;
    let out = tempfile::tempdir().unwrap();
    let (ok, err) = rsync(
        &key,
        p.sshd.port,
        &[
            &remote(&p.data),
            &out.path().join("a").display().to_string(),
        ],
    );
    assert!(ok, "{err}");
    let (ok, _) = rsync(
        &far_key,
        p.sshd.port,
        &[
            &remote(&p.data),
            &out.path().join("b").display().to_string(),
        ],
    );
    assert!(!ok, "a key from elsewhere was let in");

    let (s, _) = p
        .admin
        .post(
            &format!("/api/replication-accesses/{}/revoke", a["id"]),
            json!({}),
        )
        .await;
    assert_eq!(s, 200);
    let (s, _) = replica(&p.app, a["token"].as_str().unwrap())
        .get("/api/replication/catalog")
        .await;
    assert_eq!(s, 401);
    let (ok, _) = rsync(
        &key,
        p.sshd.port,
        &[
            &remote(&p.data),
            &out.path().join("c").display().to_string(),
        ],
    );
    assert!(!ok, "a revoked key was let in");
    let (_, got) = p
        .admin
        .get(&format!("/api/replication-accesses/{}", a["id"]))
        .await;
    assert!(got["revoked_at"].is_string(), "{got}");
    // The name is free again for a new access.
    create_access(&p.admin, "backup2", &public, None).await;
}

#[tokio::test]
async fn bad_inputs_get_localised_field_errors_and_create_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let keys = tempfile::tempdir().unwrap();
    let (_, public) = key_pair(keys.path(), "replica");
    let cases = [
        (json!({"name": "", "public_key": public}), "name"),
        (
            json!({"name": "x", "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== junk"}),
            "public_key",
        ),
        (
            json!({"name": "x", "public_key": format!("command=\"sh\" {public}")}),
            "public_key",
        ),
        (
            json!({"name": "x", "public_key": public, "from_address": "1.2.3.4\",command=\"sh"}),
            "from_address",
        ),
        (
            json!({"name": "x", "public_key": public, "from_address": "evil.example.org"}),
            "from_address",
        ),
    ];
    for (body, field) in cases {
        let res = app
            .script()
            .post(app.url("/api/replication-accesses"))
            .bearer_auth(admin.token.as_deref().unwrap())
            .header("Accept-Language", "es")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{body}");
        let e: serde_json::Value = res.json().await.unwrap();
        assert_eq!(e["code"], "validation_failed", "{e}");
        assert_eq!(e["fields"][0]["field"], field, "{e}");
        let message = e["fields"][0]["message"].as_str().unwrap();
        let spanish = if field == "name" {
            "obligatorio"
        } else {
            "válido"
        };
        assert!(message.contains(spanish), "{e}");
    }
    let (_, list) = admin.get("/api/replication-accesses").await;
    assert_eq!(list, json!([]));
    let installed =
        std::fs::read_to_string(app._data_dir.path().join("replication/authorized_keys")).unwrap();
    assert!(!installed.contains("ssh-"), "{installed}");
}
