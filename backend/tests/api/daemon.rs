//! rsync-daemon clients against a real `rsync --daemon` on loopback: an open module, and
//! a module with `auth users` whose password the server keeps write-only and gives rsync
//! only in its environment.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command};
use std::time::Duration;

use serde_json::{json, Value};

use crate::engine::{run, wait_finished};
use crate::helpers::*;
use crate::steps::run_log;

const PASSWORD: &str = "s3cret pass;$(touch /tmp/x)";

/// `rsync --daemon` on a free loopback port, serving `source` as module `open` (no login)
/// and as module `data` (user `backup`); stopped on drop.
struct Daemon {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Daemon {
    async fn start(source: &Path) -> Daemon {
        let dir = tempfile::tempdir().unwrap();
        let secrets = dir.path().join("secrets");
        std::fs::write(&secrets, format!("backup:{PASSWORD}\n")).unwrap();
        std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o600)).unwrap();
        let module = |name: &str, auth: &str| {
            format!(
                "[{name}]\n path = {}\n read only = yes\n uid = 0\n gid = 0\n{auth}",
                source.display()
            )
        };
        let auth = format!(
            " auth users = backup\n secrets file = {}\n",
            secrets.display()
        );
        let conf = dir.path().join("rsyncd.conf");
        std::fs::write(
            &conf,
            format!(
                "use chroot = no\nlog file = {}\n{}{}",
                dir.path().join("log").display(),
                module("open", ""),
                module("data", &auth)
            ),
        )
        .unwrap();
        let port = crate::sshd::free_port();
        let mut child = Command::new("rsync")
            .arg("--daemon")
            .arg("--no-detach")
            .arg("--address=127.0.0.1")
            .arg(format!("--port={port}"))
            .arg(format!("--config={}", conf.display()))
            .spawn()
            .unwrap();
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Daemon {
                    child,
                    port,
                    _dir: dir,
                };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("rsync --daemon did not listen on {port}");
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A job of client `cid` reading `path` (module first).
async fn daemon_job(app: &TestApp, admin: &Api, cid: i64, path: &str) -> i64 {
    let (loc, pol) = app.defaults(admin).await;
    let mut body = job(cid, path, loc, pol);
    body["source_path"] = json!(path);
    body["use_local_permissions"] = json!(false);
    let (s, j) = admin.post("/api/jobs", body).await;
    assert_eq!(s, 201, "{j}");
    j["id"].as_i64().unwrap()
}

/// The content of `path` in the job's newest snapshot.
async fn backed_up(admin: &Api, jid: i64, path: &str) -> String {
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let sid = snaps[0]["id"].as_i64().expect("a snapshot");
    let res = admin
        .raw(&format!("/api/snapshots/{sid}/download?path={path}"), &[])
        .await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

async fn test_connection(admin: &Api, cid: i64) -> Value {
    let (s, t) = admin
        .post(&format!("/api/clients/{cid}/test"), json!({}))
        .await;
    assert_eq!(s, 200, "{t}");
    t
}

#[tokio::test]
async fn a_daemon_module_with_a_login_is_backed_up_and_its_password_never_shown() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("report.txt"), "quarterly figures\n").unwrap();
    let daemon = Daemon::start(src.path()).await;
    let connection =
        json!({"kind": "rsync_daemon", "host": "127.0.0.1", "port": daemon.port, "user": "backup"});

    // Bad input changes nothing: a login name rsync:// cannot carry, a password for ssh.
    let (s, body) = admin
        .post("/api/clients", json!({"name": "nas", "connection": {"kind": "rsync_daemon", "host": "127.0.0.1", "user": "a@b"}}))
        .await;
    assert_eq!(
        (s, field_codes(&body)),
        (422, vec![("connection.user".into(), "invalid".into())])
    );
    let mut ssh = ssh_client("nas");
    ssh["daemon_password"] = json!("pw");
    let (s, body) = admin.post("/api/clients", ssh).await;
    assert_eq!(
        (s, field_codes(&body)),
        (422, vec![("daemon_password".into(), "not_allowed".into())])
    );
    assert_eq!(admin.get("/api/clients").await.1["total"], 0);

    // Created with its password: stored, never returned.
    let (s, client) = admin
        .post(
            "/api/clients",
            json!({"name": "nas", "connection": connection, "daemon_password": PASSWORD}),
        )
        .await;
    assert_eq!(s, 201, "{client}");
    let cid = client["id"].as_i64().unwrap();
    assert_eq!(client["daemon_password_set"], true);
    assert_eq!(client["connection"]["user"], "backup");
    let (_, got) = admin.get(&format!("/api/clients/{cid}")).await;
    assert!(!got.to_string().contains(PASSWORD), "{got}");
    let jid = daemon_job(&app, &admin, cid, "data/").await;
    assert_eq!(test_connection(&admin, cid).await["ok"], true);

    // The backup logs in; the password is in no log, no audit record, no command line.
    let finished = run(&admin, jid).await;
    assert_eq!(finished["result"], "ok", "{finished}");
    assert_eq!(
        backed_up(&admin, jid, "report.txt").await,
        "quarterly figures\n"
    );
    let log = run_log(&app, &admin, &finished["id"]).await;
    assert!(log.contains("rsync://backup@127.0.0.1:"), "{log}");
    assert!(!log.contains("s3cret"), "{log}");
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let all = "SELECT coalesce(data::text, '') || detail FROM log_records";
    let audit: Vec<String> = column(&db, all, &[]).await;
    assert!(audit.iter().all(|d| !d.contains("s3cret")), "{audit:?}");

    // An edit that does not mention the password keeps it.
    let (s, kept) = admin
        .patch(
            &format!("/api/clients/{cid}"),
            json!({"description": "the NAS"}),
        )
        .await;
    assert_eq!(
        (s, &kept["daemon_password_set"]),
        (200, &json!(true)),
        "{kept}"
    );
    assert_eq!(run(&admin, jid).await["result"], "ok");

    // A wrong password: the connection test and the run both name the refused login.
    let (s, _) = admin
        .patch(
            &format!("/api/clients/{cid}"),
            json!({"daemon_password": "wrong"}),
        )
        .await;
    assert_eq!(s, 200);
    let t = test_connection(&admin, cid).await;
    assert_eq!(
        (&t["ok"], &t["code"]),
        (&json!(false), &json!("daemon_auth_failed")),
        "{t}"
    );
    let failed = run(&admin, jid).await;
    let log = run_log(&app, &admin, &failed["id"]).await;
    assert_eq!(
        (&failed["result"], &failed["error_code"]),
        (&json!("failed"), &json!("daemon_auth_failed")),
        "{log}"
    );
    assert!(log.contains("@ERROR: auth failed on module data"), "{log}");
    let marked = "SELECT data::text FROM log_records \
                  WHERE source = 'audit' AND data->'changes' ? 'daemon_password'";
    let changes: Vec<String> = column(&db, marked, &[]).await;
    assert_eq!(changes.len(), 1, "the change is recorded, its value is not");
    assert!(!changes[0].contains("wrong"), "{}", changes[0]);

    // Removing it: the module refuses the login, the open module still works.
    let (_, removed) = admin
        .patch(
            &format!("/api/clients/{cid}"),
            json!({"daemon_password": ""}),
        )
        .await;
    assert_eq!(removed["daemon_password_set"], false);
    let open = daemon_job(&app, &admin, cid, "open").await;
    let (s, r) = admin
        .post(&format!("/api/jobs/{open}/run"), json!({}))
        .await;
    assert_eq!(s, 202);
    assert_eq!(
        wait_finished(&admin, r["id"].as_i64().unwrap()).await["result"],
        "ok"
    );
    assert_eq!(
        backed_up(&admin, open, "report.txt").await,
        "quarterly figures\n"
    );
}

#[tokio::test]
async fn a_clone_keeps_the_login_and_another_kind_forgets_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("f"), "x").unwrap();
    let daemon = Daemon::start(src.path()).await;
    let connection =
        json!({"kind": "rsync_daemon", "host": "127.0.0.1", "port": daemon.port, "user": "backup"});
    let (_, client) = admin
        .post(
            "/api/clients",
            json!({"name": "nas", "connection": connection, "daemon_password": PASSWORD}),
        )
        .await;
    let cid = client["id"].as_i64().unwrap();
    daemon_job(&app, &admin, cid, "data").await;

    let (s, copy) = admin
        .post(&format!("/api/clients/{cid}/clone"), json!({}))
        .await;
    assert_eq!(s, 201, "{copy}");
    assert_eq!(copy["daemon_password_set"], true);
    let copy_id = copy["id"].as_i64().unwrap();
    assert_eq!(test_connection(&admin, copy_id).await["ok"], true);

    // Another kind of connection leaves no secret behind, even when the body is silent.
    let (s, ssh) = admin
        .patch(
            &format!("/api/clients/{copy_id}"),
            json!({"connection": {"kind": "local"}}),
        )
        .await;
    assert_eq!(s, 200, "{ssh}");
    assert_eq!(ssh["daemon_password_set"], false);
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let sql = "SELECT daemon_password FROM clients WHERE id = $1";
    let stored: Vec<String> = column(&db, sql, &[&copy_id]).await;
    assert_eq!(stored, vec![String::new()]);
}
