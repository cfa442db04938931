//! `cargo xtask bench backup`: 100,000 small files in 1,000 directories backed up over a
//! loopback sshd, side by side in one run: rsync `--link-dest` by hand with the engine's
//! rsync options (the baseline) and a full run through the engine, for an unchanged tree
//! and with 1% of the files changed. Prints medians and the engine/rsync ratio.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};

use crate::run::{cmd, run};
use crate::server::TestServer;

mod rsnapshot;
use rsnapshot::Rsnapshot;

const DIRS: usize = 1000;
const FILES_PER_DIR: usize = 100;
const ROUNDS: usize = 3;

pub(crate) struct Sshd {
    child: Child,
    pub(crate) port: u16,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn keygen(path: &Path) -> anyhow::Result<()> {
    run(Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path))
}

pub(crate) fn start_sshd(dir: &Path, authorized: &str) -> anyhow::Result<Sshd> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    keygen(&dir.join("host"))?;
    std::fs::write(dir.join("authorized_keys"), authorized)?;
    std::fs::create_dir_all("/run/sshd")?;
    let cfg = dir.join("sshd_config");
    std::fs::write(
        &cfg,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host\nAuthorizedKeysFile {d}/authorized_keys\n\
             PermitRootLogin prohibit-password\nPasswordAuthentication no\nUsePAM no\nStrictModes no\nLogLevel ERROR\n",
            d = dir.display()
        ),
    )?;
    let child = Command::new("/usr/sbin/sshd")
        .args(["-D", "-e", "-f"])
        .arg(&cfg)
        .stderr(Stdio::null())
        .spawn()?;
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(Sshd { child, port });
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    bail!("sshd did not start")
}

pub(crate) fn make_tree(root: &Path) -> anyhow::Result<()> {
    for d in 0..DIRS {
        let dir = root.join(format!("d{d:04}"));
        std::fs::create_dir_all(&dir)?;
        for f in 0..FILES_PER_DIR {
            std::fs::write(
                dir.join(format!("f{f:03}")),
                format!("file {d} {f}\n").repeat(8),
            )?;
        }
    }
    Ok(())
}

/// Changes 1% of the files.
fn touch_one_percent(root: &Path, round: usize) -> anyhow::Result<()> {
    for d in 0..DIRS {
        let p = root.join(format!("d{d:04}/f{:03}", round % FILES_PER_DIR));
        std::fs::write(p, format!("changed in round {round}\n"))?;
    }
    Ok(())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

struct Api {
    base: String,
    token: String,
}

impl Api {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let req = ureq::request(method, &format!("{}{path}", self.base))
            .set("authorization", &format!("Bearer {}", self.token));
        let res = match body {
            Some(b) => req.send_json(b),
            None => req.call(),
        };
        match res {
            Ok(r) => Ok(r.into_json().unwrap_or(Value::Null)),
            Err(ureq::Error::Status(code, r)) => bail!(
                "{method} {path}: {code} {}",
                r.into_string().unwrap_or_default()
            ),
            Err(e) => Err(e.into()),
        }
    }

    /// Runs the job; returns the time until it finished. Then waits for the background
    /// disk-usage walk to settle, so that it does not slow down the next measurement.
    fn run_job(&self, job: i64) -> anyhow::Result<(Duration, Value)> {
        let t = Instant::now();
        let r = self.call("POST", &format!("/api/jobs/{job}/run"), Some(json!({})))?;
        let id = r["id"].as_i64().context("run id")?;
        let (elapsed, run) = loop {
            let r = self.call("GET", &format!("/api/runs/{id}"), None)?;
            if r["state"] == "finished" {
                break (t.elapsed(), r);
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let from_stats = run["stats"]["total_bytes"].as_i64();
        let mut last = None;
        for _ in 0..240 {
            std::thread::sleep(Duration::from_millis(500));
            let size = self.call("GET", &format!("/api/jobs/{job}"), None)?["size_bytes"].as_i64();
            if size == last && size != from_stats {
                break;
            }
            last = size;
        }
        Ok((elapsed, run))
    }
}

/// Runs the benchmark and prints its figures.
pub fn backup() -> anyhow::Result<()> {
    run(cmd("cargo").args(["build", "--release", "-p", "backend"]))?;
    let work = std::env::temp_dir().join(format!("ebk-benchmark-work-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let src = work.join("src");
    eprintln!(
        "bench: building {} files in {DIRS} directories",
        DIRS * FILES_PER_DIR
    );
    make_tree(&src)?;

    let server = TestServer::start_with("bench", PathBuf::from("target/release/elkarbackup"))?;
    server.create_user("bench", "admin", "bench-password")?;
    let login: Value = ureq::post(&format!("{}/api/auth/login", server.base))
        .send_json(json!({"username": "bench", "password": "bench-password"}))?
        .into_json()?;
    let api = Api {
        base: server.base.clone(),
        token: login["token"].as_str().context("token")?.to_owned(),
    };
    let keys = work.join("baseline-key");
    keygen(&keys)?;
    let (sshd, jid) = engine_job(&api, &work, &keys, &src)?;
    let baseline = Baseline {
        dir: work.join("baseline"),
        src: src.clone(),
        // The same ssh as the engine's, but for its pinned host key.
        ssh: format!(
            "ssh -i {} -p {} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
            keys.display(),
            sshd.port
        ),
        fake_super: !crate::run::is_root(),
    };
    std::fs::create_dir_all(&baseline.dir)?;
    let rsnap = Rsnapshot::setup(&work, &keys, sshd.port, &src);
    let figures = measure(&api, jid, &baseline, rsnap.as_ref())?;
    figures.print();
    drop(sshd);
    drop(server);
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// The engine's side: a location, an ssh client on a loopback sshd (which the baseline's
/// key may use too) with its host key accepted, and a job backing up `src`. Gives the
/// sshd and the job's id.
fn engine_job(api: &Api, work: &Path, keys: &Path, src: &Path) -> anyhow::Result<(Sshd, i64)> {
    let store = work.join("engine-store");
    std::fs::create_dir_all(&store)?;
    let loc = api.call(
        "POST",
        "/api/locations",
        Some(json!({"name": "bench", "directory": store.display().to_string()})),
    )?;
    let policy = api.call("GET", "/api/policies?q=Default", None)?["items"][0]["id"]
        .as_i64()
        .context("policy")?;
    let sshd_dir = work.join("sshd");
    std::fs::create_dir_all(&sshd_dir)?;
    let engine_client = api.call(
        "POST",
        "/api/clients",
        Some(json!({"name": "bench-ssh", "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": 1}})),
    )?;
    let authorized = format!(
        "{}\n{}\n",
        std::fs::read_to_string(keys.with_extension("pub"))?.trim(),
        engine_client["public_key"].as_str().unwrap_or_default()
    );
    let sshd = start_sshd(&sshd_dir, &authorized)?;
    let cid = engine_client["id"].as_i64().context("client")?;
    api.call("PATCH", &format!("/api/clients/{cid}"), Some(json!({"connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}})))?;
    api.call("POST", &format!("/api/clients/{cid}/test"), Some(json!({})))?;
    api.call(
        "POST",
        &format!("/api/clients/{cid}/host-key/accept"),
        Some(json!({})),
    )?;
    let job = api.call(
        "POST",
        "/api/jobs",
        Some(json!({"client_id": cid, "name": "tree", "source_path": src.display().to_string(), "policy_id": policy, "location_id": loc["id"], "use_local_permissions": false})),
    )?;
    Ok((sshd, job["id"].as_i64().context("job")?))
}

/// rsync `--link-dest` by hand over the same sshd.
struct Baseline {
    dir: PathBuf,
    src: PathBuf,
    ssh: String,
    fake_super: bool,
}

impl Baseline {
    fn snapshot(&self, n: usize) -> PathBuf {
        self.dir.join(format!("s{n:03}"))
    }

    /// Snapshot `n`, hard-linked to snapshot `n - 1` unless it is the first.
    fn run(&self, n: usize) -> anyhow::Result<Duration> {
        // The engine's own rsync options (`shared::rsync`, which `engine::argv` builds
        // from), so that the ratio is the engine's overhead. The job keeps the snapshot's
        // permissions; the server runs as this user, hence the same fake-super.
        let mut c = Command::new("rsync");
        c.args(shared::rsync::backup_options(&shared::rsync::BackupFlags {
            timeout_secs: 600,
            acls_xattrs: true,
            fake_super: self.fake_super,
            use_local_permissions: false,
        }))
        .args(shared::rsync::remote_shell(self.ssh.clone()));
        if n > 0 {
            c.arg(format!("--link-dest={}", self.snapshot(n - 1).display()));
        }
        c.arg("--")
            .arg(format!("root@127.0.0.1:{}/", self.src.display()))
            .arg(format!("{}/", self.snapshot(n).display()))
            .stdout(Stdio::null());
        let t = Instant::now();
        let s = c.status()?;
        if !s.success() {
            bail!("baseline rsync failed: {s}");
        }
        Ok(t.elapsed())
    }
}

/// Times of one case: rsync by hand, the engine, rsnapshot (when installed).
#[derive(Default)]
struct Times(Vec<Duration>, Vec<Duration>, Vec<Duration>);

/// The three cases measured.
struct Figures {
    first: Times,
    unchanged: Times,
    changed: Times,
}

/// A first full copy, then rounds of an unchanged tree and of 1% of its files changed.
fn measure(
    api: &Api,
    jid: i64,
    baseline: &Baseline,
    rsnap: Option<&Rsnapshot>,
) -> anyhow::Result<Figures> {
    eprintln!("bench: first full copies");
    let mut first = Times::default();
    let mut n = 0;
    first.0.push(baseline.run(n)?);
    if let Some(r) = rsnap {
        first.2.push(r.run()?);
    }
    let (t, r) = api.run_job(jid)?;
    if r["result"] != "ok" {
        bail!("engine run failed: {r}");
    }
    first.1.push(t);
    let (mut unchanged, mut changed) = (Times::default(), Times::default());
    for round in 0..ROUNDS {
        eprintln!("bench: round {}/{ROUNDS}", round + 1);
        n += 1;
        unchanged.0.push(baseline.run(n)?);
        unchanged.1.push(api.run_job(jid)?.0);
        if let Some(r) = rsnap {
            unchanged.2.push(r.run()?);
        }
        touch_one_percent(&baseline.src, round)?;
        n += 1;
        changed.0.push(baseline.run(n)?);
        changed.1.push(api.run_job(jid)?.0);
        if let Some(r) = rsnap {
            // rsnapshot sees the change one round late; comparable enough for a median.
            changed.2.push(r.run()?);
        }
    }
    Ok(Figures {
        first,
        unchanged,
        changed,
    })
}

impl Figures {
    fn print(self) {
        let row = |name: &str, t: Times| {
            let snap = if t.2.is_empty() {
                "rsnapshot       n/a".to_owned()
            } else {
                format!("rsnapshot {:>8.2} s", median(t.2).as_secs_f64())
            };
            let (base, engine) = (median(t.0), median(t.1));
            println!(
                "{name:<22} rsync by hand {:>8.2} s   engine {:>8.2} s   {snap}   ratio engine/rsync {:.2}",
                base.as_secs_f64(),
                engine.as_secs_f64(),
                engine.as_secs_f64() / base.as_secs_f64()
            );
        };
        println!(
            "backup benchmark: {} files in {DIRS} directories over loopback ssh, median of {ROUNDS}",
            DIRS * FILES_PER_DIR
        );
        row("first full copy", self.first);
        row("unchanged tree", self.unchanged);
        row("1% of files changed", self.changed);
    }
}
