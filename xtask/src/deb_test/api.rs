//! The API calls of the package test: sign in, a local client with a job of a directory,
//! a run now and its result, the job's snapshots.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};
use serde_json::{json, Value};

/// A signed-in API client.
pub struct Api {
    base: String,
    token: String,
}

/// One request; any HTTP status is an answer (status, JSON body or the text as a string).
fn call(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> anyhow::Result<(u16, Value)> {
    let mut req = ureq::request(method, url).timeout(Duration::from_secs(30));
    if let Some(t) = token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    let res = match body {
        Some(b) => req.send_json(b),
        None => req.call(),
    };
    let res = match res {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => return Err(e).with_context(|| format!("{method} {url}")),
    };
    let status = res.status();
    let text = res.into_string()?;
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Ok((status, value))
}

impl Api {
    /// Signs in; the answer's status and body when it is not 200.
    pub fn login(base: &str, user: &str, password: &str) -> anyhow::Result<Api> {
        let body = json!({"username": user, "password": password});
        let (status, v) = call("POST", &format!("{base}/api/auth/login"), None, Some(body))?;
        ensure!(status == 200, "signing in as {user}: {status} {v}");
        let token = v["token"]
            .as_str()
            .context("no token in the login answer")?;
        Ok(Api {
            base: base.to_owned(),
            token: token.to_owned(),
        })
    }

    fn get(&self, path: &str) -> anyhow::Result<Value> {
        let (status, v) = call(
            "GET",
            &format!("{}{path}", self.base),
            Some(&self.token),
            None,
        )?;
        ensure!(status == 200, "GET {path}: {status} {v}");
        Ok(v)
    }

    fn post(&self, path: &str, body: Value, want: u16) -> anyhow::Result<Value> {
        let url = format!("{}{path}", self.base);
        let (status, v) = call("POST", &url, Some(&self.token), Some(body))?;
        ensure!(status == want, "POST {path}: {status} {v}");
        Ok(v)
    }

    /// A local client (the server itself) with a job backing up `source` into the default
    /// location with the default policy; returns the job's id.
    pub fn local_job(&self, source: &Path) -> anyhow::Result<i64> {
        let client = self.post(
            "/api/clients",
            json!({"name": "deb-test", "connection": {"kind": "local"}}),
            201,
        )?;
        let locations = self.get("/api/locations")?;
        let policies = self.get("/api/policies?q=Default")?;
        let job = self.post(
            "/api/jobs",
            json!({
                "client_id": client["id"],
                "name": "deb-test-files",
                "source_path": format!("{}/", source.display()),
                "policy_id": policies["items"][0]["id"],
                "location_id": locations["items"][0]["id"],
                "use_local_permissions": false,
            }),
            201,
        )?;
        job["id"].as_i64().context("no job id")
    }

    /// Runs the job now and waits for the run to finish; returns the run.
    pub fn run_now(&self, job: i64) -> anyhow::Result<Value> {
        let run = self.post(&format!("/api/jobs/{job}/run"), json!({}), 202)?;
        let id = run["id"].as_i64().context("no run id")?;
        let start = Instant::now();
        loop {
            let run = self.get(&format!("/api/runs/{id}"))?;
            if run["state"] == "finished" {
                return Ok(run);
            }
            if start.elapsed() > Duration::from_secs(120) {
                bail!("run {id} did not finish within 120 s: {run}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// The job's snapshots, newest first.
    pub fn snapshots(&self, job: i64) -> anyhow::Result<Vec<Value>> {
        let v = self.get(&format!("/api/jobs/{job}/snapshots"))?;
        v.as_array().cloned().context("snapshots are not a list")
    }
}
