//! `cargo xtask bench memory`: the release server's resident memory, idle after start and
//! at its peak during 4 parallel backups of 100,000 files each over a loopback sshd,
//! beside the memory of the rsync and ssh processes those backups start (the work the
//! server only supervises), and beside the server started with the former settings.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};

use crate::bench::{make_tree, start_sshd};
use crate::bench_scheduler::psql::Psql;
use crate::run::{cmd, run};
use crate::server::TestServer;

/// Parallel backups measured.
const BACKUPS: usize = 4;
/// How long the server is left alone after start before its idle RSS is read.
const SETTLE: Duration = Duration::from_secs(5);
/// The former defaults, for the baseline server: 10 database connections, one HTTP worker
/// per CPU.
const OLD_SETTINGS: &[(&str, &str)] = &[
    ("ELKARBACKUP_DB_POOL_SIZE", "10"),
    ("ELKARBACKUP_HTTP_WORKERS", "0"),
];

/// A process's memory from `/proc/<pid>/status` and `smaps_rollup`, in KiB.
#[derive(Debug, Clone, Copy, Default)]
struct Memory {
    rss: u64,
    anon: u64,
    file: u64,
    threads: u64,
}

fn field(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn memory(pid: u32) -> Memory {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    Memory {
        rss: field(&status, "VmRSS:"),
        anon: field(&rollup, "Anonymous:"),
        file: field(&status, "RssFile:"),
        threads: field(&status, "Threads:"),
    }
}

/// The parent of every process, from `/proc/<pid>/stat`.
fn parents() -> Vec<(u32, u32)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| {
        let pid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name may hold spaces and parentheses: the fields follow the last ')'.
        let rest = &stat[stat.rfind(')')? + 1..];
        let ppid = rest.split_whitespace().nth(1)?.parse().ok()?;
        Some((pid, ppid))
    })
    .collect()
}

/// The summed RSS (KiB) of every descendant of `root` (its rsync and ssh processes).
fn descendants_rss(root: u32) -> u64 {
    let all = parents();
    let mut tree = vec![root];
    let mut i = 0;
    while let Some(&p) = tree.get(i) {
        tree.extend(all.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    tree[1..].iter().map(|p| memory(*p).rss).sum()
}

/// Starts the release server with extra environment variables.
fn start(name: &str, env: &[(&str, &str)]) -> anyhow::Result<TestServer> {
    for (k, v) in env {
        std::env::set_var(k, v);
    }
    let server = TestServer::start_with(name, PathBuf::from("target/release/elkarbackup"));
    for (k, _) in env {
        std::env::remove_var(k);
    }
    server
}

/// The idle memory of a server started with `env`, read after it settled.
fn idle(name: &str, env: &[(&str, &str)]) -> anyhow::Result<(TestServer, Memory)> {
    let server = start(name, env)?;
    std::thread::sleep(SETTLE);
    let m = memory(server.pid());
    Ok((server, m))
}

struct Api {
    base: String,
    token: String,
}

impl Api {
    fn login(server: &TestServer) -> anyhow::Result<Api> {
        server.create_user("bench", "admin", "bench-lantern-orchard")?;
        let login: Value = ureq::post(&format!("{}/api/auth/login", server.base))
            .send_json(json!({"username": "bench", "password": "bench-lantern-orchard"}))?
            .into_json()?;
        Ok(Api {
            base: server.base.clone(),
            token: login["token"].as_str().context("token")?.to_owned(),
        })
    }

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
}

/// `BACKUPS` ssh clients on one loopback sshd, one job each backing up `src`. Gives the
/// sshd and the job ids.
fn jobs(api: &Api, work: &Path, src: &Path) -> anyhow::Result<(crate::bench::Sshd, Vec<i64>)> {
    let store = work.join("store");
    std::fs::create_dir_all(&store)?;
    let loc = api.call(
        "POST",
        "/api/locations",
        Some(json!({"name": "bench", "directory": store.display().to_string()})),
    )?;
    let policy = api.call("GET", "/api/policies?q=Default", None)?["items"][0]["id"]
        .as_i64()
        .context("policy")?;
    let mut clients = Vec::new();
    let mut authorized = String::new();
    for i in 0..BACKUPS {
        let c = api.call(
            "POST",
            "/api/clients",
            Some(json!({"name": format!("bench-{i}"), "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": 1}})),
        )?;
        authorized.push_str(c["public_key"].as_str().unwrap_or_default());
        authorized.push('\n');
        clients.push(c["id"].as_i64().context("client")?);
    }
    let sshd_dir = work.join("sshd");
    std::fs::create_dir_all(&sshd_dir)?;
    let sshd = start_sshd(&sshd_dir, &authorized)?;
    let mut jobs = Vec::new();
    for cid in clients {
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
        jobs.push(job["id"].as_i64().context("job")?);
    }
    Ok((sshd, jobs))
}

/// Peaks sampled every 50 ms while the backups run: the server's RSS, and the summed RSS
/// of its descendants (rsync, ssh).
fn sample(pid: u32, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<(u64, u64)> {
    std::thread::spawn(move || {
        let (mut server, mut children) = (0, 0);
        while !stop.load(Ordering::Relaxed) {
            server = server.max(memory(pid).rss);
            children = children.max(descendants_rss(pid));
            std::thread::sleep(Duration::from_millis(50));
        }
        (server, children)
    })
}

/// Runs the `BACKUPS` jobs at once and waits until they finished; gives the peaks and the
/// wall time.
fn backups(server: &TestServer, api: &Api, jobs: &[i64]) -> anyhow::Result<(u64, u64, f64)> {
    let mut db = Psql::open(&server.database_url())?;
    let n = BACKUPS;
    db.query(&format!(
        "UPDATE settings SET max_parallel_jobs = {n}; UPDATE backup_locations SET max_parallel_jobs = {n}"
    ))?;
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = sample(server.pid(), stop.clone());
    let t = Instant::now();
    api.call("POST", "/api/jobs/run", Some(json!({ "job_ids": jobs })))?;
    let outcome = loop {
        if t.elapsed() > Duration::from_secs(1800) {
            break Err(anyhow::anyhow!("backups unfinished after 30 minutes"));
        }
        std::thread::sleep(Duration::from_millis(200));
        let left = db.number("SELECT count(*) FROM runs WHERE state <> 'finished'")?;
        if left == 0 {
            let ok = db.number("SELECT count(*) FROM runs WHERE result = 'ok'")?;
            break if ok == n as i64 {
                Ok(())
            } else {
                Err(anyhow::anyhow!("{} of {n} backups ended ok", ok))
            };
        }
    };
    let wall = t.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let (server_peak, children_peak) = sampler
        .join()
        .map_err(|_| anyhow::anyhow!("sampler panicked"))?;
    outcome?;
    Ok((server_peak, children_peak, wall))
}

fn mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Runs the benchmark and prints its figures.
pub fn memory_bench() -> anyhow::Result<()> {
    run(cmd("cargo").args(["build", "--release", "-p", "backend"]))?;
    let work = std::env::temp_dir().join(format!("ebk-bench-memory-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;

    let (old, old_idle) = idle("bench-memory-old", OLD_SETTINGS)?;
    drop(old);
    let (server, new_idle) = idle("bench-memory", &[])?;

    let src = work.join("src");
    eprintln!("bench: building the 100,000-file tree");
    make_tree(&src, 100_000)?;
    let api = Api::login(&server)?;
    let (sshd, jobs) = jobs(&api, &work, &src)?;
    eprintln!("bench: {BACKUPS} parallel backups of 100,000 files");
    let (peak, children, wall) = backups(&server, &api, &jobs)?;
    let after = memory(server.pid());
    drop(sshd);
    drop(server);
    let _ = std::fs::remove_dir_all(&work);

    println!(
        "memory benchmark: release server on its own managed cluster (PostgreSQL not counted), {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let row = |name: &str, m: Memory| {
        println!(
            "  {name:<34} RSS {:>6.1} MB (anonymous {:>6.1} MB, file {:>6.1} MB), {} threads",
            mb(m.rss),
            mb(m.anon),
            mb(m.file),
            m.threads
        );
    };
    println!("idle, {} s after start:", SETTLE.as_secs());
    row("former settings", old_idle);
    row("current settings", new_idle);
    println!(
        "  ratio current/former                 {:.2}",
        new_idle.rss as f64 / old_idle.rss.max(1) as f64
    );
    println!("{BACKUPS} parallel backups of 100,000 files over loopback ssh ({wall:.1} s):");
    println!(
        "  server peak RSS                      {:>6.1} MB\n  \
         its rsync and ssh processes, peak    {:>6.1} MB (summed)\n  \
         ratio server/(rsync + ssh)           {:.2}",
        mb(peak),
        mb(children),
        peak as f64 / children.max(1) as f64
    );
    row("server after the backups", after);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn reads_a_kib_field_of_proc_status() {
        let status = "Name:\telkarbackup\nVmHWM:\t  120000 kB\nVmRSS:\t   41234 kB\nThreads:\t6\n";
        assert_eq!(field(status, "VmRSS:"), 41234);
        assert_eq!(field(status, "Threads:"), 6);
        assert_eq!(field(status, "RssAnon:"), 0, "a missing field reads as 0");
    }
}
