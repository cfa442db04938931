//! The Linux guide's commands, run exactly as the guide shows them (in a shell, as root,
//! with a home of their own), against the loopback sshd: afterwards the connection test
//! passes and a backup works. A guide whose steps rot fails here.

use std::path::Path;
use std::process::Command;

use serde_json::json;
use shared::guides;

use crate::engine::run;
use crate::helpers::*;
use crate::sshd::Sshd;

/// Runs `command` as the guide says, in `sh`, with `home` as the user's home; its output.
/// `apt-get` only simulates (a shim first on PATH): the command must resolve its packages,
/// but a test never installs or upgrades anything on the machine that runs it.
fn shell(command: &str, home: &Path) -> String {
    let shims = home.join(".shims");
    std::fs::create_dir_all(&shims).unwrap();
    let apt = shims.join("apt-get");
    std::fs::write(&apt, "#!/bin/sh\nexec /usr/bin/apt-get --simulate \"$@\"\n").unwrap();
    std::fs::set_permissions(&apt, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        shims.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("HOME", home)
        .env("PATH", path)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{command}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn the_linux_guide_prepares_a_client_that_backs_up() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let home = tempfile::tempdir().unwrap();
    let sshd = Sshd::start_with_authorized_keys(&home.path().join(".ssh/authorized_keys")).await;

    // 1 and 2: the packages (resolved, simulated), then rsync's version and rrsync.
    let packages = shell(guides::LINUX_PACKAGES, home.path());
    assert!(
        packages.contains("rsync") && packages.contains("openssh-server"),
        "{packages}"
    );
    let check = shell(guides::LINUX_CHECK, home.path());
    let lines: Vec<&str> = check.lines().collect();
    assert!(
        lines.len() == 2 && lines[0].starts_with("rsync  version"),
        "{check}"
    );
    assert!(lines[1].ends_with("/rrsync"), "{check}");

    // 3: the client as the guide describes it, and its key installed by the client page's
    // command (the guide shows the same command).
    let (_, client) = admin
        .post("/api/clients", json!({"name": "web1", "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}}))
        .await;
    let cid = client["id"].as_i64().unwrap();
    let line = client["backup_key_line"].as_str().unwrap();
    shell(&guides::install_command(line), home.path());
    // 4: the check on the client prints 1.
    assert_eq!(shell(guides::LINUX_VERIFY, home.path()).trim(), "1");

    // 5: Test connection; the host key accepted; then it backs up, through a read-only key.
    let (_, t) = admin
        .post(&format!("/api/clients/{cid}/test"), json!({}))
        .await;
    assert_eq!(t["code"], "host_key_unverified", "{t}");
    admin
        .post(&format!("/api/clients/{cid}/host-key/accept"), json!({}))
        .await;
    let (_, t) = admin
        .post(&format!("/api/clients/{cid}/test"), json!({}))
        .await;
    assert_eq!(
        (&t["ok"], &t["backup_key"]),
        (&json!(true), &json!("read_only")),
        "{t}"
    );
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("index.html"), "<h1>web1</h1>").unwrap();
    let (loc, pol) = app.defaults(&admin).await;
    let mut body = job(cid, "www", loc, pol);
    body["source_path"] = json!(src.path().display().to_string());
    let (_, j) = admin.post("/api/jobs", body).await;
    let done = run(&admin, j["id"].as_i64().unwrap()).await;
    assert_eq!(done["result"], "ok", "{done}");
}

#[tokio::test]
async fn the_rsync_path_option_runs_the_clients_own_rsync() {
    use std::os::unix::fs::PermissionsExt;
    let app = spawn_app().await;
    let admin = app.admin().await;
    let sshd = Sshd::start().await;
    // A newer rsync elsewhere on the client (Homebrew's on a Mac): here a wrapper that
    // notes it ran, then runs the system's.
    let bin = tempfile::tempdir().unwrap();
    let ran = bin.path().join("ran");
    let rsync = bin.path().join("rsync");
    std::fs::write(
        &rsync,
        format!(
            "#!/bin/sh\necho \"$@\" >> '{}'\nexec /usr/bin/rsync \"$@\"\n",
            ran.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&rsync, std::fs::Permissions::from_mode(0o755)).unwrap();
    let option = format!("--rsync-path={}", rsync.display());
    // Refused values change nothing.
    let (s, body) = admin
        .post(
            "/api/clients",
            json!({"name": "mac", "key_mode": "plain", "rsync_options": ["--rsync-path=sh -c id"],
            "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}}),
        )
        .await;
    assert_eq!(
        (s, field_codes(&body)),
        (422, vec![("rsync_options.0".into(), "not_allowed".into())])
    );
    let (s, client) = admin
        .post(
            "/api/clients",
            json!({"name": "mac", "key_mode": "plain", "rsync_options": [option],
            "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}}),
        )
        .await;
    assert_eq!(s, 201, "{client}");
    let cid = client["id"].as_i64().unwrap();
    sshd.install(&client);
    admin
        .post(&format!("/api/clients/{cid}/test"), json!({}))
        .await;
    admin
        .post(&format!("/api/clients/{cid}/host-key/accept"), json!({}))
        .await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("notes.txt"), "x").unwrap();
    let (loc, pol) = app.defaults(&admin).await;
    let mut body = job(cid, "home", loc, pol);
    body["source_path"] = json!(src.path().display().to_string());
    let (_, j) = admin.post("/api/jobs", body).await;
    let done = run(&admin, j["id"].as_i64().unwrap()).await;
    assert_eq!(done["result"], "ok", "{done}");
    let calls = std::fs::read_to_string(&ran).expect("the client's own rsync ran");
    assert!(calls.starts_with("--server --sender"), "{calls}");
}
