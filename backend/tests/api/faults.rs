//! Faults: every rsync exit code through a fake rsync, a missing source, an unreachable
//! client, a full disk, rsync killed mid-transfer, abort, and a server that died mid-run.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

use crate::engine::{run, ssh_job, wait_finished};
use crate::helpers::*;
use crate::sshd::Sshd;

/// A stand-in for rsync: prints a `--stats` summary with the number of transferred files
/// written in `transferred`, then exits with the code written in `code` ("kill" dies by
/// SIGKILL).
pub fn fake_rsync(dir: &Path) -> PathBuf {
    let path = dir.join("fake-rsync");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nd={}\nif [ \"$1\" = --version ]; then echo 'rsync  version 0.0 (fake)'; exit 0; fi\n\
             echo \"Number of files: 5 (reg: 4, dir: 1)\"\n\
             echo \"Number of regular files transferred: $(cat $d/transferred)\"\n\
             echo \"Total file size: 100 bytes\"\n\
             c=$(cat $d/code)\nif [ \"$c\" = kill ]; then kill -9 $$; fi\nexit $c\n",
            dir.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

pub async fn local_job(app: &TestApp, admin: &Api, source: &Path) -> i64 {
    let (loc, pol) = app.defaults(admin).await;
    let (_, c) = admin
        .post(
            "/api/clients",
            json!({"name": format!("local-{}", source.display()), "connection": {"kind": "local"}}),
        )
        .await;
    let mut body = job(c["id"].as_i64().unwrap(), "local", loc, pol);
    body["source_path"] = json!(source.display().to_string());
    body["use_local_permissions"] = json!(false);
    let (s, j) = admin.post("/api/jobs", body).await;
    assert_eq!(s, 201, "{j}");
    j["id"].as_i64().unwrap()
}

async fn snapshot_count(admin: &Api, jid: i64) -> usize {
    admin
        .get(&format!("/api/jobs/{jid}/snapshots"))
        .await
        .1
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test]
async fn every_rsync_exit_code_is_classified() {
    let tools = tempfile::tempdir().unwrap();
    let rsync = fake_rsync(tools.path());
    let app = spawn_app_with(AppOptions {
        rsync: Some(rsync),
        ..AppOptions::default()
    })
    .await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    let jid = local_job(&app, &admin, src.path()).await;
    let cases: &[(&str, u32, &str, Option<&str>, bool)] = &[
        ("0", 4, "ok", None, true),
        ("1", 0, "failed", Some("rsync_syntax"), false),
        ("2", 0, "failed", Some("rsync_protocol_incompatible"), false),
        ("3", 0, "failed", Some("rsync_file_selection"), false),
        ("5", 0, "failed", Some("rsync_start_failed"), false),
        ("10", 0, "failed", Some("rsync_socket_io"), false),
        ("11", 2, "failed", Some("storage_error"), false),
        ("12", 0, "failed", Some("rsync_protocol_stream"), false),
        ("20", 1, "failed", Some("rsync_interrupted"), false),
        ("23", 3, "warning", Some("rsync_partial"), true),
        (
            "23",
            0,
            "failed",
            Some("rsync_partial_nothing_transferred"),
            false,
        ),
        ("24", 0, "warning", Some("rsync_vanished_files"), true),
        ("25", 1, "warning", Some("rsync_max_delete"), true),
        ("30", 0, "failed", Some("rsync_timeout"), false),
        ("35", 0, "failed", Some("rsync_daemon_timeout"), false),
        ("255", 0, "failed", Some("unreachable"), false),
        ("kill", 4, "failed", Some("rsync_killed"), false),
    ];
    let mut published = 0;
    for (code, transferred, result, error, publishes) in cases {
        std::fs::write(tools.path().join("code"), code).unwrap();
        std::fs::write(tools.path().join("transferred"), transferred.to_string()).unwrap();
        let r = run(&admin, jid).await;
        assert_eq!(
            (r["result"].as_str(), r["error_code"].as_str()),
            (Some(*result), *error),
            "exit {code} with {transferred} transferred: {r}"
        );
        if *publishes {
            published += 1;
        }
        // Ok and warning runs publish (the daily level keeps 5); failed runs neither
        // publish nor delete anything.
        assert_eq!(
            snapshot_count(&admin, jid).await,
            published.min(5),
            "exit {code}"
        );
    }
    let (_, j) = admin.get(&format!("/api/jobs/{jid}")).await;
    assert_eq!(j["last_result"], "failed");
}

#[tokio::test]
async fn a_missing_source_fails_and_publishes_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    let jid = local_job(&app, &admin, &src.path().join("does-not-exist")).await;
    let r = run(&admin, jid).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("rsync_partial_nothing_transferred")),
        "{r}"
    );
    assert_eq!(snapshot_count(&admin, jid).await, 0);
}

#[tokio::test]
async fn an_unreachable_client_fails_quickly_and_deletes_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut sshd = Sshd::start().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::set_permissions(src.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(src.path().join("f"), "x").unwrap();
    let (_, jid, _) = ssh_job(&app, &admin, &sshd, src.path()).await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    sshd.stop().await;
    // Hold the port ourselves, closing every connection at once: a concurrent test cannot
    // start its own sshd there, and the client looks just as dead.
    let holder = std::net::TcpListener::bind(("127.0.0.1", sshd.port)).unwrap();
    std::thread::spawn(move || {
        for conn in holder.incoming() {
            drop(conn);
        }
    });
    let started = std::time::Instant::now();
    let r = run(&admin, jid).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("unreachable")),
        "{r}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "within the timeout"
    );
    assert_eq!(
        snapshot_count(&admin, jid).await,
        1,
        "the older snapshot is kept"
    );
    // A client never reached at all: no host key can even be fetched.
    let (loc, pol) = app.defaults(&admin).await;
    let (_, c) = admin
        .post("/api/clients", json!({"name": "nowhere", "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}}))
        .await;
    let (_, j) = admin
        .post("/api/jobs", job(c["id"].as_i64().unwrap(), "j", loc, pol))
        .await;
    let r = run(&admin, j["id"].as_i64().unwrap()).await;
    assert_eq!(r["error_code"], "unreachable", "{r}");
}

#[tokio::test]
async fn a_full_disk_fails_with_a_storage_error_and_keeps_older_snapshots() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mount = tempfile::tempdir().unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(mount.path())
        .status()
        .unwrap();
    assert!(
        ok.success(),
        "mounting a small tmpfs (the tests run as root)"
    );
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(&self.0)
                .status();
        }
    }
    let _guard = Unmount(mount.path().to_owned());
    let (s, l) = admin
        .post(
            "/api/locations",
            json!({"name": "small", "directory": mount.path().display().to_string()}),
        )
        .await;
    assert_eq!(s, 201, "{l}");
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("small"), vec![1u8; 10_000]).unwrap();
    let jid = local_job(&app, &admin, src.path()).await;
    admin
        .patch(&format!("/api/jobs/{jid}"), json!({"location_id": l["id"]}))
        .await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    std::fs::write(src.path().join("big"), vec![2u8; 4 * 1024 * 1024]).unwrap();
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "failed", "{r}");
    assert!(
        ["storage_error", "location_full"].contains(&r["error_code"].as_str().unwrap_or("")),
        "{r}"
    );
    assert_eq!(
        snapshot_count(&admin, jid).await,
        1,
        "nothing published, nothing deleted"
    );
}

pub async fn wait_state(admin: &Api, run_id: i64, state: &str) -> Value {
    for _ in 0..600 {
        let (_, r) = admin.get(&format!("/api/runs/{run_id}")).await;
        if r["state"] == state {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("run {run_id} never reached {state}");
}

/// The staging `data` directory of run `rid` of job `jid`, absolute: what the run's rsync
/// names on its command line. Absolute so that `pgrep`/`pkill` never match another test's
/// rsync (run ids and snapshot names repeat across the tests' databases).
pub async fn staging_marker(admin: &Api, jid: i64, rid: i64) -> String {
    let (_, j) = admin.get(&format!("/api/jobs/{jid}")).await;
    let loc = j["location"]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("job {jid}: {j}"));
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    let cid = j["client"]["id"].as_i64().unwrap();
    let root = l["directory"]
        .as_str()
        .unwrap_or_else(|| panic!("location {loc}: {l}"));
    format!(
        "{}/{cid}/{jid}/.inprogress/{rid}/data",
        root.trim_end_matches('/')
    )
}

/// Whether a process whose command line contains `marker` runs (`pgrep -f`).
pub fn rsync_running(marker: &str) -> bool {
    let out = std::process::Command::new("pgrep")
        .args(["-f", marker])
        .output()
        .unwrap();
    !out.stdout.is_empty()
}

#[tokio::test]
async fn rsync_killed_mid_transfer_then_resumed_and_abort() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("big"), vec![3u8; 3 * 1024 * 1024]).unwrap();
    let jid = local_job(&app, &admin, src.path()).await;
    let (_, j) = admin.get(&format!("/api/jobs/{jid}")).await;
    let cid = j["client"]["id"].as_i64().unwrap();
    // Slow enough to be caught in the act.
    admin
        .patch(
            &format!("/api/clients/{cid}"),
            json!({"rsync_options": ["--bwlimit=200"]}),
        )
        .await;

    let (_, r) = admin.post(&format!("/api/jobs/{jid}/run"), json!({})).await;
    let rid = r["id"].as_i64().unwrap();
    wait_state(&admin, rid, "running").await;
    let marker = staging_marker(&admin, jid, rid).await;
    for _ in 0..100 {
        if rsync_running(&marker) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let killed = std::process::Command::new("pkill")
        .args(["-9", "-f", &marker])
        .status()
        .unwrap();
    assert!(killed.success(), "rsync was running");
    let r = wait_finished(&admin, rid).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("rsync_killed")),
        "{r}"
    );
    assert_eq!(
        snapshot_count(&admin, jid).await,
        0,
        "no partial snapshot visible"
    );

    // Abort ends the whole process group.
    let rid = crate::steps::abort_while_running(&admin, jid).await;
    // TERM went to the whole group at once; KILL follows within seconds.
    let marker = staging_marker(&admin, jid, rid).await;
    let mut gone = false;
    for _ in 0..70 {
        if !rsync_running(&marker) {
            gone = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(gone, "no rsync left behind");
    assert_eq!(
        admin
            .post(&format!("/api/runs/{rid}/abort"), json!({}))
            .await
            .0,
        409
    );

    // The next run resumes and succeeds.
    admin
        .patch(&format!("/api/clients/{cid}"), json!({"rsync_options": []}))
        .await;
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    assert_eq!(snapshot_count(&admin, jid).await, 1);
}

#[tokio::test]
async fn a_server_that_died_mid_run_is_reconciled_at_start() {
    let data = tempfile::tempdir().unwrap();
    let app = spawn_app_with(AppOptions {
        data_dir: Some(data.path().to_owned()),
        ..AppOptions::default()
    })
    .await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("f"), "content").unwrap();
    let jid = local_job(&app, &admin, src.path()).await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    // What a crash leaves: a run still "running", and its half-written directory.
    let dbname = app.db_url.rsplit('/').next().unwrap().to_owned();
    let db = pg(&dbname).await;
    let rid: i64 = db
        .query_one("INSERT INTO runs (job_id, trigger, state, started_at) VALUES ($1, 'manual', 'running', now()) RETURNING id", &[&jid])
        .await
        .unwrap()
        .get(0);
    let (_, j) = admin.get(&format!("/api/jobs/{jid}")).await;
    let (_, l) = admin
        .get(&format!("/api/locations/{}", j["location"]["id"]))
        .await;
    let root =
        Path::new(l["directory"].as_str().unwrap()).join(format!("{}/{jid}", j["client"]["id"]));
    std::fs::create_dir_all(root.join(format!(".inprogress/{rid}/data"))).unwrap();
    std::fs::write(root.join(format!(".inprogress/{rid}/data/f")), "half").unwrap();
    std::fs::create_dir_all(root.join(".trash/old")).unwrap();
    // …and its rsync, still crawling along in its own process group.
    std::fs::write(src.path().join("slow"), vec![0u8; 1024 * 1024]).unwrap();
    let mut orphan = {
        use std::os::unix::process::CommandExt;
        std::process::Command::new("rsync")
            .arg("--bwlimit=1")
            .arg(src.path().join("slow"))
            .arg(root.join(format!(".inprogress/{rid}/data/")))
            .process_group(0)
            .spawn()
            .unwrap()
    };
    let pgid = orphan.id() as i32;
    db.execute("UPDATE runs SET pgid = $1 WHERE id = $2", &[&pgid, &rid])
        .await
        .unwrap();

    // A new server on the same database and data.
    let app2 = spawn_app_with(AppOptions {
        database: Some(app.db_url.clone()),
        data_dir: Some(data.path().to_owned()),
        ..AppOptions::default()
    })
    .await;
    let res = app2
        .login(&app2.script(), "admin", &app.admin_password)
        .await;
    let token = res.json::<shared::LoginResponse>().await.unwrap().token;
    let admin2 = Api {
        token: Some(token),
        ..app2.anon()
    };
    // The dispatcher recovers it at once: no lease, so nobody is running it.
    let r = wait_finished(&admin2, rid).await;
    assert_eq!(
        (
            r["state"].as_str(),
            r["result"].as_str(),
            r["error_code"].as_str()
        ),
        (Some("finished"), Some("failed"), Some("interrupted"))
    );
    let status = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Some(st) = orphan.try_wait().unwrap() {
                return st;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("the orphaned rsync was stopped at start-up");
    assert!(!status.success());

    assert_eq!(
        snapshot_count(&admin2, jid).await,
        1,
        "no partial snapshot visible"
    );
    let r = run(&admin2, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    assert_eq!(snapshot_count(&admin2, jid).await, 2);
    for _ in 0..50 {
        if !root.join(".trash/old").exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!root.join(".trash/old").exists(), "trash emptied");
}

#[tokio::test]
async fn files_vanishing_during_the_transfer_give_a_warning_and_a_snapshot() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    // The whole file list is made first (--no-inc-recursive); `zz-last` goes away while
    // the big file is still crawling through --bwlimit.
    std::fs::write(src.path().join("aa-big"), vec![4u8; 600 * 1024]).unwrap();
    std::fs::write(src.path().join("zz-last"), "soon gone").unwrap();
    let jid = local_job(&app, &admin, src.path()).await;
    let (_, j) = admin.get(&format!("/api/jobs/{jid}")).await;
    admin
        .patch(
            &format!("/api/clients/{}", j["client"]["id"]),
            json!({"rsync_options": ["--bwlimit=200"]}),
        )
        .await;
    let (_, r) = admin.post(&format!("/api/jobs/{jid}/run"), json!({})).await;
    let rid = r["id"].as_i64().unwrap();
    wait_state(&admin, rid, "running").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    std::fs::remove_file(src.path().join("zz-last")).unwrap();
    let r = wait_finished(&admin, rid).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("warning"), Some("rsync_vanished_files")),
        "{r}"
    );
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    assert_eq!(snaps.as_array().unwrap().len(), 1, "published");
    assert_eq!(snaps[0]["warnings"], true);
}

/// A local job over a new directory holding one file, with a trigger token: the
/// directory (kept while it lives), the job's id and the token.
pub async fn job_with_token(app: &TestApp, admin: &Api) -> (tempfile::TempDir, i64, String) {
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("f"), "x").unwrap();
    let jid = local_job(app, admin, src.path()).await;
    let (_, t) = admin
        .post(&format!("/api/jobs/{jid}/token"), json!({}))
        .await;
    (src, jid, t["token"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_trigger_token_starts_a_job_without_login() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_src, jid, token) = job_with_token(&app, &admin).await;
    let client = crate::helpers::http_client();
    let trigger = |tok: String| {
        let client = client.clone();
        let url = app.url(&format!("/api/jobs/{jid}/trigger"));
        async move {
            client
                .post(url)
                .header("x-trigger-token", tok)
                .send()
                .await
                .unwrap()
        }
    };
    let res = trigger("wrong".into()).await;
    assert_eq!(res.status(), 401);
    let res = client
        .post(app.url("/api/jobs/999999/trigger"))
        .header("x-trigger-token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "a missing job looks like a wrong token");
    let res = trigger(token.clone()).await;
    assert_eq!(res.status(), 202);
    let r: Value = res.json().await.unwrap();
    assert_eq!(r["trigger"], "token");
    let r = wait_finished(&admin, r["id"].as_i64().unwrap()).await;
    assert_eq!(r["result"], "ok", "{r}");
    for _ in 0..4 {
        trigger("wrong".into()).await;
    }
    assert_eq!(
        trigger(token.clone()).await.status(),
        429,
        "rate limited after repeated failures"
    );
    // Removing the token disables the trigger.
    admin.delete(&format!("/api/jobs/{jid}/token")).await;
}

/// Starts the real binary on a database; returns the child, its base URL and the first
/// admin's password when printed.
pub async fn start_binary(
    db_url: &str,
    data: &Path,
) -> (tokio::process::Child, String, Option<String>) {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_elkarbackup"))
        .arg("--data-dir")
        .arg(data)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DATABASE_URL", db_url)
        .env("ELKARBACKUP_LOG", "warn")
        .env("ELKARBACKUP_FRONTEND_DIR", data.join("none"))
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut base = String::new();
    let mut password = None;
    while let Ok(Ok(Some(line))) =
        tokio::time::timeout(Duration::from_secs(60), lines.next_line()).await
    {
        if let Some(url) = line.split("listening on ").nth(1) {
            base = url.trim().trim_end_matches('/').to_owned();
            if let Ok(Ok(Some(next))) =
                tokio::time::timeout(Duration::from_secs(2), lines.next_line()).await
            {
                if next.starts_with("First administrator") {
                    for _ in 0..2 {
                        if let Ok(Ok(Some(l))) =
                            tokio::time::timeout(Duration::from_secs(2), lines.next_line()).await
                        {
                            if let Some(pw) = l.trim().strip_prefix("password: ") {
                                password = Some(pw.to_owned());
                            }
                        }
                    }
                }
            }
            break;
        }
    }
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    assert!(!base.is_empty(), "server started");
    (child, base, password)
}

#[tokio::test]
async fn kill_9_of_the_server_mid_run_then_restart() {
    let (db_url, db_name) = fresh_database().await;
    let data = tempfile::tempdir().unwrap();
    let (mut server, base, password) = start_binary(&db_url, data.path()).await;
    let password = password.expect("first admin password");
    let login = |base: String| {
        let password = password.clone();
        async move {
            let res = crate::helpers::http_client()
                .post(format!("{base}/api/auth/login"))
                .json(&json!({"username": "admin", "password": password}))
                .send()
                .await
                .unwrap();
            let token = res.json::<shared::LoginResponse>().await.unwrap().token;
            Api {
                base,
                token: Some(token),
                client: crate::helpers::http_client(),
            }
        }
    };
    let admin = login(base).await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("big"), vec![5u8; 3 * 1024 * 1024]).unwrap();
    let (_, locs) = admin.get("/api/locations").await;
    let (_, pols) = admin.get("/api/policies?q=Default").await;
    let (_, c) = admin
        .post("/api/clients", json!({"name": "slow", "connection": {"kind": "local"}, "rsync_options": ["--bwlimit=200"]}))
        .await;
    let mut body = job(
        c["id"].as_i64().unwrap(),
        "big",
        locs["items"][0]["id"].as_i64().unwrap(),
        pols["items"][0]["id"].as_i64().unwrap(),
    );
    body["source_path"] = json!(src.path().display().to_string());
    let (_, j) = admin.post("/api/jobs", body).await;
    let jid = j["id"].as_i64().unwrap();
    let (_, r) = admin.post(&format!("/api/jobs/{jid}/run"), json!({})).await;
    let rid = r["id"].as_i64().unwrap();
    wait_state(&admin, rid, "running").await;
    // Killed only once rsync runs and its process group is recorded (what the next server
    // stops it by): a fixed pause lost that race on a loaded machine.
    let marker = staging_marker(&admin, jid, rid).await;
    let db = pg(&db_name).await;
    let mut caught = false;
    for _ in 0..300 {
        let pgid: Option<i32> = db
            .query_one("SELECT pgid FROM runs WHERE id = $1", &[&rid])
            .await
            .unwrap()
            .get(0);
        if pgid.is_some() && rsync_running(&marker) {
            caught = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(caught, "rsync started and its process group was recorded");
    // The server dies without any chance to clean up.
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(server.id().unwrap() as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    server.wait().await.unwrap();
    assert!(
        rsync_running(&marker),
        "rsync outlived the server (its own process group)"
    );

    let (_server2, base2, again) = start_binary(&db_url, data.path()).await;
    assert!(again.is_none(), "no second first admin");
    let admin = login(base2).await;
    let (_, r) = admin.get(&format!("/api/runs/{rid}")).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("interrupted")),
        "{r}"
    );
    let mut gone = false;
    for _ in 0..50 {
        if !rsync_running(&marker) {
            gone = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(gone, "the orphaned rsync was stopped");
    assert_eq!(
        snapshot_count(&admin, jid).await,
        0,
        "no partial snapshot visible"
    );
    admin
        .patch(
            &format!("/api/clients/{}", c["id"]),
            json!({"rsync_options": []}),
        )
        .await;
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    assert_eq!(snapshot_count(&admin, jid).await, 1);
}
