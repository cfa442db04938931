//! rsync versions: `elkarbackup serve` refuses to start with an rsync it cannot work with
//! (older than 3.2.7, or missing), saying why in the environment's language, before it
//! opens the database, and only warns about one without the 2025 fixes; a connection test
//! reports the client's version and warns below 3.4.0.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::json;
use tokio::process::Command;

use crate::helpers::{spawn_app_with, AppOptions};

const BIN: &str = env!("CARGO_BIN_EXE_elkarbackup");

/// A fake rsync printing `line` for `--version`.
fn fake_rsync(dir: &Path, name: &str, line: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\necho '{line}'\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// Runs `elkarbackup serve` with `rsync` in `lang`, against a database URL nothing listens
/// on: whether it exited 0 (never expected) and its error output.
async fn serve(data: &Path, rsync: &Path, lang: &str) -> (bool, String) {
    let mut c = Command::new(BIN);
    c.arg("--data-dir").arg(data).arg("serve");
    for var in ["ELKARBACKUP_CONFIG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"] {
        c.env_remove(var);
    }
    c.env("LANG", lang)
        .env("ELKARBACKUP_RSYNC", rsync)
        .env("ELKARBACKUP_LISTEN", "127.0.0.1:0")
        .env("ELKARBACKUP_LOG", "warn")
        // Port 1 refuses at once: a server past the rsync check fails on the database.
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let out = tokio::time::timeout(Duration::from_secs(60), c.output())
        .await
        .expect("serve exited")
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn serve_refuses_an_old_or_missing_rsync_and_warns_about_an_unfixed_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let old = fake_rsync(
        dir.path(),
        "rsync-old",
        "rsync  version 3.2.6  protocol version 31",
    );
    let (ok, err) = serve(&data, &old, "C.UTF-8").await;
    assert!(!ok);
    assert!(
        err.contains("rsync 3.2.6") && err.contains("older than 3.2.7"),
        "the reason, in English: {err}"
    );
    assert!(
        !err.contains("database"),
        "refused before the database: {err}"
    );
    assert!(!data.exists(), "nothing was created: {err}");

    let (ok, err) = serve(&data, &old, "es_ES.UTF-8").await;
    assert!(!ok);
    assert!(
        err.contains("3.2.6") && err.contains("anterior a 3.2.7"),
        "the reason, in Spanish: {err}"
    );

    let (ok, err) = serve(&data, &dir.path().join("no-such-rsync"), "C.UTF-8").await;
    assert!(!ok);
    assert!(err.contains("apt-get install rsync"), "{err}");

    // 3.2.7 without the upstream fixes: a warning naming the CVEs, then the start goes on
    // (and here fails on the unreachable database).
    let unfixed = fake_rsync(
        dir.path(),
        "rsync-3.2.7",
        "rsync  version 3.2.7  protocol version 31",
    );
    let (ok, err) = serve(&data, &unfixed, "C.UTF-8").await;
    assert!(!ok);
    assert!(err.contains("CVE-2024-12084"), "the warning: {err}");
    assert!(err.contains("database"), "past the rsync check: {err}");
}

/// A local client's connection test runs the server's rsync: a fake one shows the warning
/// below 3.4.0 and none from 3.4.0 on.
#[tokio::test]
async fn a_connection_test_warns_about_an_rsync_older_than_3_4_0() {
    let dir = tempfile::tempdir().unwrap();
    for (line, warning) in [
        (
            "rsync  version 3.2.7  protocol version 31",
            json!(["rsync_unfixed"]),
        ),
        ("rsync  version 3.4.1  protocol version 32", json!([])),
    ] {
        let rsync = fake_rsync(dir.path(), "rsync", line);
        let app = spawn_app_with(AppOptions {
            rsync: Some(rsync),
            ..AppOptions::default()
        })
        .await;
        let admin = app.admin().await;
        let (_, client) = admin
            .post(
                "/api/clients",
                json!({"name": "here", "connection": {"kind": "local"}}),
            )
            .await;
        let (s, t) = admin
            .post(&format!("/api/clients/{}/test", client["id"]), json!({}))
            .await;
        assert_eq!(s, 200, "{t}");
        assert_eq!(t["ok"], true, "{t}");
        assert_eq!(t["rsync_version"], line, "{t}");
        assert_eq!(t["warnings"], warning, "{t}");
    }
}
