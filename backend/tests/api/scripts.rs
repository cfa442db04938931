//! Job pre and post scripts in real runs: their environment, a failing pre script, a
//! hanging one killed with its children, and hostile names kept as data.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::json;

use crate::engine::run;
use crate::faults::local_job;
use crate::helpers::*;

pub async fn script(admin: &Api, name: &str, uses: serde_json::Value, body: &str) -> i64 {
    let (s, sc) = admin
        .post(
            "/api/scripts",
            json!({"name": name, "uses": uses, "content_base64": STANDARD.encode(body)}),
        )
        .await;
    assert_eq!(s, 201, "{sc}");
    sc["id"].as_i64().unwrap()
}

fn env_of(path: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .split('\0')
        .filter(|l| l.starts_with("ELKARBACKUP_"))
        .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect()
}

fn get<'a>(env: &'a [(String, String)], k: &str) -> &'a str {
    env.iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("{k} missing"))
}

#[tokio::test]
async fn scripts_see_the_environment_and_names_stay_data() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let out = tempfile::tempdir().unwrap();
    let canary = out.path().join("pwned");
    let dump = |file: &str| format!("#!/bin/sh\nenv -0 > {}/{file}\n", out.path().display());
    let pre = script(
        &admin,
        "dump-pre",
        json!({"job_pre": true}),
        &dump("pre.env"),
    )
    .await;
    let post = script(
        &admin,
        "dump-post",
        json!({"job_post": true}),
        &dump("post.env"),
    )
    .await;
    // A source directory whose name is a command, and a client named like one.
    let src = tempfile::tempdir().unwrap();
    let hostile = src.path().join("-rf $(id) `id` ;x");
    std::fs::create_dir(&hostile).unwrap();
    std::fs::write(hostile.join("file"), vec![9u8; 5000]).unwrap();
    let jid = local_job(&app, &admin, &hostile).await;
    let (_, j) = admin.get(&format!("/api/jobs/{jid}")).await;
    let cid = j["client"]["id"].as_i64().unwrap();
    let client_name = format!("x$(touch {})", canary.display());
    let (s, _) = admin
        .patch(&format!("/api/clients/{cid}"), json!({"name": client_name}))
        .await;
    assert_eq!(s, 200);
    admin.patch(&format!("/api/jobs/{jid}"), json!({"pre_scripts": [pre], "post_scripts": [post], "notifications": {"emails": ["ops@herria.eus"]}})).await;

    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let pre_env = env_of(&out.path().join("pre.env"));
    assert_eq!(get(&pre_env, "ELKARBACKUP_LEVEL"), "JOB");
    assert_eq!(get(&pre_env, "ELKARBACKUP_EVENT"), "PRE");
    assert_eq!(get(&pre_env, "ELKARBACKUP_STATUS"), "0");
    assert_eq!(get(&pre_env, "ELKARBACKUP_ID"), jid.to_string());
    assert_eq!(get(&pre_env, "ELKARBACKUP_CLIENT_NAME"), client_name);
    assert_eq!(get(&pre_env, "ELKARBACKUP_JOB_NAME"), "local");
    assert_eq!(
        get(&pre_env, "ELKARBACKUP_URL"),
        hostile.display().to_string()
    );
    assert_eq!(
        get(&pre_env, "ELKARBACKUP_RECIPIENT_LIST"),
        "ops@herria.eus"
    );
    assert_eq!(get(&pre_env, "ELKARBACKUP_JOB_ENDTIME"), "0");
    assert!(get(&pre_env, "ELKARBACKUP_PATH").ends_with(&format!("/{cid}/{jid}")));
    let post_env = env_of(&out.path().join("post.env"));
    assert_eq!(get(&post_env, "ELKARBACKUP_EVENT"), "POST");
    assert_eq!(get(&post_env, "ELKARBACKUP_STATUS"), "0");
    assert_eq!(
        get(&post_env, "ELKARBACKUP_JOB_RUN_SIZE"),
        "5000",
        "bytes transferred"
    );
    assert!(
        get(&post_env, "ELKARBACKUP_JOB_ENDTIME")
            .parse::<i64>()
            .unwrap()
            >= get(&post_env, "ELKARBACKUP_JOB_STARTTIME")
                .parse::<i64>()
                .unwrap()
    );
    assert!(!canary.exists(), "no name was ever run as a command");
    // The hostile directory's content was backed up as data.
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    assert_eq!(snaps[0]["files"].as_i64(), Some(2));
}

#[tokio::test]
async fn a_failing_pre_script_stops_the_run_and_post_scripts_get_minus_one() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let out = tempfile::tempdir().unwrap();
    let pre = script(
        &admin,
        "fails",
        json!({"job_pre": true}),
        "#!/bin/sh\necho 'database dump failed' >&2\nexit 3\n",
    )
    .await;
    let post = script(
        &admin,
        "records",
        json!({"job_post": true}),
        &format!("#!/bin/sh\nenv -0 > {}/post.env\n", out.path().display()),
    )
    .await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("f"), "x").unwrap();
    let jid = local_job(&app, &admin, src.path()).await;
    admin
        .patch(
            &format!("/api/jobs/{jid}"),
            json!({"pre_scripts": [pre], "post_scripts": [post]}),
        )
        .await;
    let r = run(&admin, jid).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("pre_script_failed")),
        "{r}"
    );
    assert_eq!(
        get(&env_of(&out.path().join("post.env")), "ELKARBACKUP_STATUS"),
        "-1"
    );
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    assert_eq!(snaps.as_array().unwrap().len(), 0, "rsync never ran");
    let log = crate::steps::run_log(&app, &admin, &r["id"]).await;
    assert!(
        log.contains("database dump failed"),
        "script output in the run log: {log}"
    );
}

#[tokio::test]
async fn a_hanging_script_is_killed_with_its_children_at_the_timeout() {
    let app = spawn_app_with(AppOptions {
        script_timeout: 2,
        ..AppOptions::default()
    })
    .await;
    let admin = app.admin().await;
    let pre = script(
        &admin,
        "hangs",
        json!({"job_pre": true}),
        "#!/bin/sh\nsleep 3001 &\nsleep 3002\n",
    )
    .await;
    let src = tempfile::tempdir().unwrap();
    std::fs::set_permissions(src.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let jid = local_job(&app, &admin, src.path()).await;
    admin
        .patch(&format!("/api/jobs/{jid}"), json!({"pre_scripts": [pre]}))
        .await;
    let started = std::time::Instant::now();
    let r = run(&admin, jid).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("pre_script_timeout")),
        "{r}"
    );
    assert!(started.elapsed() < Duration::from_secs(15));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let left = std::process::Command::new("pgrep")
        .args(["-f", "sleep 300[12]"])
        .output()
        .unwrap();
    assert!(
        left.stdout.is_empty(),
        "children killed too: {}",
        String::from_utf8_lossy(&left.stdout)
    );
}
