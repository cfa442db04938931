//! `cargo xtask bench backup`: trees of 50,000 and 100,000 small files backed up over a
//! loopback sshd, side by side in one run: rsync `--link-dest` by hand with the engine's
//! rsync options followed by `sync -f` (the baseline: what a durable copy costs) and a
//! full run through the engine's API, alternating, for a first copy, an unchanged tree
//! and 1% of the files changed. Prints medians, the engine/raw and engine/(raw + sync)
//! ratios, and the engine's phase breakdown read from the phase marks of its runs' logs
//! ([`measure`]).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};

use crate::run::{cmd, run};
use crate::server::TestServer;

mod measure;
/// Reads a phase mark of a run log line (the dispatcher bench reads them too).
pub(crate) use measure::mark;
mod rsnapshot;
use rsnapshot::Rsnapshot;

/// The tree sizes measured.
const SIZES: [usize; 2] = [50_000, 100_000];
const FILES_PER_DIR: usize = 100;
/// Rounds per case (medians of this many).
const ROUNDS: usize = 5;

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

/// A tree of `files` small files, a hundred per directory.
pub(crate) fn make_tree(root: &Path, files: usize) -> anyhow::Result<()> {
    for d in 0..files.div_ceil(FILES_PER_DIR) {
        let dir = root.join(format!("d{d:04}"));
        std::fs::create_dir_all(&dir)?;
        for f in 0..FILES_PER_DIR.min(files - d * FILES_PER_DIR) {
            std::fs::write(
                dir.join(format!("f{f:03}")),
                format!("file {d} {f}\n").repeat(8),
            )?;
        }
    }
    Ok(())
}

/// Changes 1% of the files of a tree made by [`make_tree`].
fn touch_one_percent(root: &Path, files: usize, round: usize) -> anyhow::Result<()> {
    for d in 0..files / FILES_PER_DIR {
        let p = root.join(format!("d{d:04}/f{:03}", round % FILES_PER_DIR));
        std::fs::write(p, format!("changed in round {round}\n"))?;
    }
    Ok(())
}

struct Api {
    base: String,
    token: String,
}

impl Api {
    fn request(&self, method: &str, path: &str) -> ureq::Request {
        ureq::request(method, &format!("{}{path}", self.base))
            .set("authorization", &format!("Bearer {}", self.token))
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let req = self.request(method, path);
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

    /// Runs the job; returns the time until it was seen finished, the run, and its log.
    /// Then waits for the background disk-usage walk to settle, so that it does not slow
    /// down the next measurement.
    fn run_job(&self, job: i64) -> anyhow::Result<(Duration, Value, String)> {
        let t = Instant::now();
        let r = self.call("POST", &format!("/api/jobs/{job}/run"), Some(json!({})))?;
        let id = r["id"].as_i64().context("run id")?;
        let (elapsed, run) = loop {
            let r = self.call("GET", &format!("/api/runs/{id}"), None)?;
            if r["state"] == "finished" {
                break (t.elapsed(), r);
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        if run["result"] != "ok" {
            bail!("engine run failed: {run}");
        }
        let log = self
            .request("GET", &format!("/api/runs/{id}/log"))
            .call()?
            .into_string()?;
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
        Ok((elapsed, run, log))
    }
}

/// Runs the benchmark and prints its figures.
pub fn backup() -> anyhow::Result<()> {
    run(cmd("cargo").args(["build", "--release", "-p", "backend"]))?;
    let work = std::env::temp_dir().join(format!("ebk-benchmark-work-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let server = TestServer::start_with("bench", PathBuf::from("target/release/elkarbackup"))?;
    server.create_user("bench", "admin", "bench-lantern-orchard")?;
    let login: Value = ureq::post(&format!("{}/api/auth/login", server.base))
        .send_json(json!({"username": "bench", "password": "bench-lantern-orchard"}))?
        .into_json()?;
    let api = Api {
        base: server.base.clone(),
        token: login["token"].as_str().context("token")?.to_owned(),
    };
    let keys = work.join("baseline-key");
    keygen(&keys)?;
    let side = engine_side(&api, &work, &keys)?;
    let ssh = format!(
        // The same ssh as the engine's, but for its pinned host key.
        "ssh -i {} -p {} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
        keys.display(),
        side.sshd.port
    );
    let mut cases = Vec::new();
    for files in SIZES {
        let src = work.join(format!("src-{files}"));
        eprintln!("bench: building {files} files");
        make_tree(&src, files)?;
        let jid = side.job(&api, &src, files)?;
        let baseline = Baseline {
            dir: work.join(format!("baseline-{files}")),
            src: src.clone(),
            ssh: ssh.clone(),
            fake_super: !crate::run::is_root(),
            inc_recursive: false,
        };
        // The same with rsync's incremental recursion, which the engine turns off.
        let inc = Baseline {
            dir: work.join(format!("inc-{files}")),
            inc_recursive: true,
            ..baseline.clone()
        };
        std::fs::create_dir_all(&baseline.dir)?;
        std::fs::create_dir_all(&inc.dir)?;
        // rsnapshot, a third column, only when asked for: it doubles the benchmark's time.
        let rsnap = std::env::var_os("ELKARBACKUP_BENCH_RSNAPSHOT").and_then(|_| {
            Rsnapshot::setup(
                &work.join(format!("rs-{files}")),
                &keys,
                side.sshd.port,
                &src,
            )
        });
        let sides = measure::Sides {
            api: &api,
            jid,
            baseline: &baseline,
            inc: &inc,
            rsnap: rsnap.as_ref(),
        };
        cases.extend(measure::measure(&sides, files)?);
        // The trees are large: each size's copies go before the next size's are made.
        let _ = std::fs::remove_dir_all(&baseline.dir);
        let _ = std::fs::remove_dir_all(&inc.dir);
        let _ = std::fs::remove_dir_all(&src);
    }
    measure::print(&cases);
    drop(side);
    drop(server);
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// The engine's side: a location, an ssh client on a loopback sshd (which the baseline's
/// key may use too) with its host key accepted, and the default policy.
struct EngineSide {
    sshd: Sshd,
    client: i64,
    location: i64,
    policy: i64,
}

fn engine_side(api: &Api, work: &Path, keys: &Path) -> anyhow::Result<EngineSide> {
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
    Ok(EngineSide {
        sshd,
        client: cid,
        location: loc["id"].as_i64().context("location")?,
        policy,
    })
}

impl EngineSide {
    /// A job backing up `src`; gives its id.
    fn job(&self, api: &Api, src: &Path, files: usize) -> anyhow::Result<i64> {
        let job = api.call(
            "POST",
            "/api/jobs",
            Some(json!({"client_id": self.client, "name": format!("tree-{files}"), "source_path": src.display().to_string(), "policy_id": self.policy, "location_id": self.location, "use_local_permissions": false})),
        )?;
        job["id"].as_i64().context("job")
    }
}

/// rsync `--link-dest` by hand over the same sshd, then `sync -f`.
#[derive(Clone)]
struct Baseline {
    dir: PathBuf,
    src: PathBuf,
    ssh: String,
    fake_super: bool,
    /// Without the engine's `--no-inc-recursive` (what it costs, measured).
    inc_recursive: bool,
}

impl Baseline {
    /// Snapshot `n`, as deep below `dir` as the engine's are below its location
    /// (`<client>/<job>/snapshots/<name>/data`): rsync 3.4+ opens every directory of the
    /// `--link-dest` path, from `/`, for every file (about 0.27 s per level per 50,000
    /// files here), so a shallower baseline would time a different rsync.
    fn snapshot(&self, n: usize) -> PathBuf {
        self.dir
            .join("1/1/snapshots")
            .join(format!("s{n:03}"))
            .join("data")
    }

    /// Snapshot `n`, hard-linked to snapshot `n - 1` unless it is the first: the time of
    /// rsync, and of `sync -f` after it (what makes the copy durable, as the engine does
    /// before publishing).
    fn run(&self, n: usize) -> anyhow::Result<(Duration, Duration)> {
        // The engine's own rsync options (`shared::rsync`, which `engine::argv` builds
        // from), so that the ratio is the engine's overhead. The job keeps the snapshot's
        // permissions; the server runs as this user, hence the same fake-super.
        if let Some(parent) = self.snapshot(n).parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut c = Command::new("rsync");
        let options = shared::rsync::backup_options(&shared::rsync::BackupFlags {
            timeout_secs: 600,
            acls_xattrs: true,
            fake_super: self.fake_super,
            use_local_permissions: false,
        });
        c.args(
            options
                .iter()
                .filter(|o| !(self.inc_recursive && *o == "--no-inc-recursive")),
        )
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
        let raw = t.elapsed();
        let t = Instant::now();
        run(Command::new("sync").arg("-f").arg(self.snapshot(n)))?;
        Ok((raw, t.elapsed()))
    }
}
