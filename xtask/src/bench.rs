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

const DIRS: usize = 1000;
const FILES_PER_DIR: usize = 100;
const ROUNDS: usize = 3;

struct Sshd {
    child: Child,
    port: u16,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) -> anyhow::Result<()> {
    run(Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path))
}

fn start_sshd(dir: &Path, authorized: &str) -> anyhow::Result<Sshd> {
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

fn make_tree(root: &Path) -> anyhow::Result<()> {
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

/// rsnapshot with `link_dest 1` on the same tree and sshd, when it can be installed.
struct Rsnapshot {
    config: PathBuf,
}

impl Rsnapshot {
    fn setup(work: &Path, key: &Path, port: u16, src: &Path) -> Option<Rsnapshot> {
        let installed = Command::new("rsnapshot")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if !installed && crate::run::is_root() {
            let _ = run(Command::new("apt-get")
                .args(["install", "-y", "-qq", "rsnapshot"])
                .env("DEBIAN_FRONTEND", "noninteractive"));
        }
        Command::new("rsnapshot")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        let root = work.join("rsnapshot");
        std::fs::create_dir_all(&root).ok()?;
        let config = work.join("rsnapshot.conf");
        let lines = [
            "config_version\t1.2".to_owned(),
            format!("snapshot_root\t{}/", root.display()),
            "cmd_rsync\t/usr/bin/rsync".to_owned(),
            "cmd_ssh\t/usr/bin/ssh".to_owned(),
            format!(
                "ssh_args\t-i {} -p {port} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
                key.display()
            ),
            "link_dest\t1".to_owned(),
            "rsync_long_args\t--delete --numeric-ids --delete-excluded --hard-links --acls --xattrs".to_owned(),
            "retain\tdaily\t10".to_owned(),
            format!("lockfile\t{}/rsnapshot.pid", work.display()),
            format!("backup\troot@127.0.0.1:{}/\tbench/", src.display()),
        ];
        std::fs::write(&config, lines.join("\n") + "\n").ok()?;
        Some(Rsnapshot { config })
    }

    fn run(&self) -> anyhow::Result<Duration> {
        let t = Instant::now();
        run(Command::new("rsnapshot")
            .arg("-c")
            .arg(&self.config)
            .arg("daily"))?;
        Ok(t.elapsed())
    }
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

    let keys = work.join("baseline-key");
    keygen(&keys)?;
    let sshd_dir = work.join("sshd");
    std::fs::create_dir_all(&sshd_dir)?;
    // Both the baseline's key and the engine's client key may log in.
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
    let jid = job["id"].as_i64().context("job")?;

    // Baseline: the same ssh, options and link-dest, by hand.
    let base_dir = work.join("baseline");
    std::fs::create_dir_all(&base_dir)?;
    let ssh = format!(
        "ssh -i {} -p {} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
        keys.display(),
        sshd.port
    );
    let snapshot = |n: usize| base_dir.join(format!("s{n:03}"));
    let rsync_by_hand = |n: usize, link: Option<&Path>| -> anyhow::Result<Duration> {
        let dest = snapshot(n);
        // The engine's own rsync options, so that the ratio is the engine's overhead.
        let mut c = Command::new("rsync");
        c.args([
            "--archive",
            "--hard-links",
            "--no-inc-recursive",
            "--numeric-ids",
            "--delete",
            "--delete-excluded",
            "--stats",
            "--no-human-readable",
            "--itemize-changes",
            "--out-format=%i|%l|%n%L",
            "--acls",
            "--xattrs",
            "--sparse",
            "--secluded-args",
            "-e",
            &ssh,
        ]);
        if let Some(l) = link {
            c.arg(format!("--link-dest={}", l.display()));
        }
        c.arg(format!("root@127.0.0.1:{}/", src.display()))
            .arg(format!("{}/", dest.display()))
            .stdout(Stdio::null());
        let t = Instant::now();
        let s = c.status()?;
        if !s.success() {
            bail!("baseline rsync failed: {s}");
        }
        Ok(t.elapsed())
    };
    let rsnap = Rsnapshot::setup(&work, &keys, sshd.port, &src);
    eprintln!("bench: first full copies");
    let mut n = 0;
    let first_base = rsync_by_hand(n, None)?;
    let mut snap_times: (Vec<Duration>, Vec<Duration>, Vec<Duration>) =
        (Vec::new(), Vec::new(), Vec::new());
    if let Some(r) = &rsnap {
        snap_times.0.push(r.run()?);
    }
    let (first_engine, r) = api.run_job(jid)?;
    if r["result"] != "ok" {
        bail!("engine run failed: {r}");
    }
    let mut unchanged = (Vec::new(), Vec::new());
    let mut changed = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        eprintln!("bench: round {}/{ROUNDS}", round + 1);
        n += 1;
        unchanged.0.push(rsync_by_hand(n, Some(&snapshot(n - 1)))?);
        unchanged.1.push(api.run_job(jid)?.0);
        if let Some(r) = &rsnap {
            snap_times.1.push(r.run()?);
        }
        touch_one_percent(&src, round)?;
        n += 1;
        changed.0.push(rsync_by_hand(n, Some(&snapshot(n - 1)))?);
        changed.1.push(api.run_job(jid)?.0);
        if let Some(r) = &rsnap {
            // rsnapshot sees the change one round late; comparable enough for a median.
            snap_times.2.push(r.run()?);
        }
    }
    let row = |name: &str, base: Duration, engine: Duration, snap: &[Duration]| {
        let snap = if snap.is_empty() {
            "rsnapshot       n/a".to_owned()
        } else {
            format!("rsnapshot {:>8.2} s", median(snap.to_vec()).as_secs_f64())
        };
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
    row("first full copy", first_base, first_engine, &snap_times.0);
    row(
        "unchanged tree",
        median(unchanged.0),
        median(unchanged.1),
        &snap_times.1,
    );
    row(
        "1% of files changed",
        median(changed.0),
        median(changed.1),
        &snap_times.2,
    );
    drop(sshd);
    drop(server);
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}
