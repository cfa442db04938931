//! Steps several test modules repeat: raw reads with a bearer token, the torture tree as a
//! backup source, a run aborted while rsync copies, and reading what a download returned.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::engine::wait_finished;
use crate::faults::wait_state;
use crate::helpers::*;

/// A GET of `url` with `token` through `client`; the response as it came.
pub async fn get_with(client: &reqwest::Client, url: String, token: &str) -> reqwest::Response {
    client.get(url).bearer_auth(token).send().await.unwrap()
}

/// A GET of `url` with `token`, its body decoded from JSON.
pub async fn get_json<T: DeserializeOwned>(
    client: &reqwest::Client,
    url: String,
    token: &str,
) -> T {
    get_with(client, url, token).await.json().await.unwrap()
}

/// A GET of `url` with `token`, its body as text.
pub async fn get_text(client: &reqwest::Client, url: String, token: &str) -> String {
    get_with(client, url, token).await.text().await.unwrap()
}

/// A run's log as text, read the way a script reads it.
pub async fn run_log(app: &TestApp, admin: &Api, run_id: &Value) -> String {
    let url = app.url(&format!("/api/runs/{run_id}/log"));
    get_text(&app.script(), url, admin.token.as_deref().unwrap()).await
}

/// A GET of `path` with no credentials, as a script without a token.
pub async fn anonymous_get(app: &TestApp, path: &str) -> reqwest::Response {
    app.script().get(app.url(path)).send().await.unwrap()
}

/// The torture tree built in a fresh directory (world-readable, for the ssh user) and old
/// enough to copy: rsync compares whole seconds before setting the time of directories, links
/// and specials, so one created in the very second it is copied keeps the copy's nanoseconds.
/// Returns the directory (kept alive by the caller) and the tree inside it.
pub async fn torture_source() -> (tempfile::TempDir, PathBuf) {
    let src = tempfile::tempdir().unwrap();
    std::fs::set_permissions(src.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let tree = src.path().join("tree");
    crate::torture::build(&tree);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    (src, tree)
}

/// Starts job `job`, aborts its run once rsync is running, and checks that the run ends
/// aborted; returns the run id.
pub async fn abort_while_running(admin: &Api, job: i64) -> i64 {
    let (_, r) = admin.post(&format!("/api/jobs/{job}/run"), json!({})).await;
    let rid = r["id"].as_i64().unwrap();
    wait_state(admin, rid, "running").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (s, _) = admin
        .post(&format!("/api/runs/{rid}/abort"), json!({}))
        .await;
    assert_eq!(s, 200);
    let r = wait_finished(admin, rid).await;
    assert_eq!(r["result"], "aborted", "{r}");
    rid
}

/// The value of header `name` of `res`, which must be there and be text.
pub fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()[name].to_str().unwrap().to_owned()
}

/// The first entry of `dir`: the top directory an unpacked archive made.
pub fn first_entry(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
}

/// Polls `done` every 50 ms, up to 5 s; whether it became true.
pub async fn eventually(done: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// A GET of `url` through `client` with whatever credentials it carries (cookies, or none),
/// its body decoded from JSON.
pub async fn get_plain_json<T: DeserializeOwned>(client: &reqwest::Client, url: String) -> T {
    client.get(url).send().await.unwrap().json().await.unwrap()
}
