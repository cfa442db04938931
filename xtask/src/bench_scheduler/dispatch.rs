//! The dispatcher half of the scheduler benchmark: no-op rsync runs claimed and started by
//! the server, beside the same script spawned by hand.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};

use super::psql::Psql;
use super::{ms, now_us, seed, start, DISPATCH_CLIENTS, DISPATCH_JOBS_EACH, PASSES};

/// The no-op rsync: records `date +%s%N` and its last argument, prints nothing, exits 0.
fn write_script(path: &Path, stamps: &Path) -> anyhow::Result<()> {
    std::fs::write(
        path,
        format!(
            "#!/bin/sh\nt=$(date +%s%N)\nfor a in \"$@\"; do d=$a; done\necho \"$t $d\" >> '{}'\n",
            stamps.display()
        ),
    )?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
    Ok(())
}

/// The script's records: run id (from `.inprogress/<id>/`) and timestamp in µs.
fn read_stamps(path: &Path) -> anyhow::Result<Vec<(i64, i64)>> {
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        let Some((t, dest)) = line.split_once(' ') else {
            continue;
        };
        let Some(rest) = dest.split(".inprogress/").nth(1) else {
            continue;
        };
        let id: String = rest.chars().take_while(char::is_ascii_digit).collect();
        out.push((id.parse()?, t.parse::<i64>()? / 1000));
    }
    Ok(out)
}

/// The phases up to rsync's start whose marks the dispatcher bench reads from run logs.
pub const PHASES: [&str; 4] = ["preflight", "host_key", "scripts", "rsync_start"];

/// Figures of the no-op rsync runs: per-run latencies in ms, runs per second, and per
/// phase of [`PHASES`] the ms since the run's task took it (empty for the floor).
pub struct Dispatch {
    pub latencies: Vec<f64>,
    pub per_second: f64,
    pub phases: Vec<Vec<f64>>,
}

/// The floor: the script spawned `n` times in a row from here; spawn → its timestamp.
pub fn spawn_floor(work: &Path, n: usize) -> anyhow::Result<Dispatch> {
    let stamps = work.join("floor-stamps");
    let script = work.join("floor-rsync");
    write_script(&script, &stamps)?;
    let mut spawned = Vec::with_capacity(n);
    let t = Instant::now();
    for i in 0..n {
        spawned.push(now_us());
        let s = Command::new(&script)
            .arg(format!("{}/.inprogress/{i}/data/", work.display()))
            .stdout(Stdio::null())
            .status()?;
        if !s.success() {
            bail!("the no-op script failed: {s}");
        }
    }
    let per_second = n as f64 / t.elapsed().as_secs_f64();
    let latencies = read_stamps(&stamps)?
        .iter()
        .filter_map(|(i, t)| Some(ms((t - spawned.get(*i as usize)?) as f64)))
        .collect();
    Ok(Dispatch {
        latencies,
        per_second,
        phases: Vec::new(),
    })
}

/// Per phase of [`PHASES`], its marks' ms since the claim in the logs of runs `ids`.
fn phase_marks(base: &str, token: &str, ids: &[i64]) -> anyhow::Result<Vec<Vec<f64>>> {
    let mut out = vec![Vec::with_capacity(ids.len()); PHASES.len()];
    for id in ids {
        let log = ureq::get(&format!("{base}/api/runs/{id}/log"))
            .set("authorization", &format!("Bearer {token}"))
            .call()?
            .into_string()?;
        for (code, ms) in log.lines().filter_map(crate::bench::mark) {
            if let Some(i) = PHASES.iter().position(|p| *p == code) {
                out[i].push(ms as f64);
            }
        }
    }
    Ok(out)
}

/// The dispatcher on a fresh server, once per limit of `PASSES`: every job queued by one
/// API call; claim (`started_at`) → the script's timestamp per run, and runs per second
/// until the queue is empty.
pub fn dispatcher(work: &Path) -> anyhow::Result<Vec<(usize, Dispatch)>> {
    let stamps = work.join("engine-stamps");
    let script = work.join("fake-rsync");
    write_script(&script, &stamps)?;
    let script_path = script.display().to_string();
    let server = start(
        "bench-dispatch",
        &[
            ("ELKARBACKUP_SCHEDULER", "false"),
            ("ELKARBACKUP_RSYNC", &script_path),
        ],
    )?;
    let mut db = Psql::open(&server.database_url())?;
    let (_, jobs) = seed(
        &mut db,
        &work.join("store"),
        DISPATCH_CLIENTS,
        DISPATCH_JOBS_EACH,
    )?;
    server.create_user("bench", "admin", "bench-lantern-orchard")?;
    let login: Value = ureq::post(&format!("{}/api/auth/login", server.base))
        .send_json(json!({"username": "bench", "password": "bench-lantern-orchard"}))?
        .into_json()?;
    let token = login["token"].as_str().context("token")?;
    let mut out = Vec::new();
    for limit in PASSES {
        out.push((
            limit,
            pass(&mut db, &server.base, token, &jobs, &stamps, limit)?,
        ));
    }
    Ok(out)
}

/// One pass of [`dispatcher`]: every job queued at once with the global limit at `limit`.
fn pass(
    db: &mut Psql,
    base: &str,
    token: &str,
    jobs: &[i64],
    stamps: &Path,
    limit: usize,
) -> anyhow::Result<Dispatch> {
    db.query(&format!("UPDATE settings SET max_parallel_jobs = {limit}"))?;
    let before = db.number("SELECT coalesce(max(id), 0) FROM runs")?;
    eprintln!(
        "bench: {} runs through the dispatcher, up to {limit} at once",
        jobs.len()
    );
    let t = Instant::now();
    ureq::post(&format!("{base}/api/jobs/run"))
        .set("authorization", &format!("Bearer {token}"))
        .send_json(json!({ "job_ids": jobs }))?;
    while db.number("SELECT count(*) FROM runs WHERE state <> 'finished'")? > 0 {
        if t.elapsed() > Duration::from_secs(600) {
            bail!("runs still unfinished after 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let per_second = jobs.len() as f64 / t.elapsed().as_secs_f64();
    let mut claimed = std::collections::HashMap::new();
    let mut not_ok = 0;
    for row in db.query(&format!(
        "SELECT id, (extract(epoch FROM started_at) * 1000000)::bigint, result \
           FROM runs WHERE id > {before}"
    ))? {
        let cols: Vec<&str> = row.split('|').collect();
        if let [id, started, result] = cols[..] {
            claimed.insert(id.parse::<i64>()?, started.parse::<i64>()?);
            not_ok += usize::from(result != "ok");
        }
    }
    if not_ok > 0 {
        eprintln!("bench: warning: {not_ok} runs did not end ok");
    }
    let latencies: Vec<f64> = read_stamps(stamps)?
        .iter()
        .filter_map(|(id, t)| Some(ms((t - claimed.get(id)?) as f64)))
        .collect();
    if latencies.len() != jobs.len() {
        bail!(
            "{} of {} runs started the script",
            latencies.len(),
            jobs.len()
        );
    }
    let ids: Vec<i64> = claimed.keys().copied().collect();
    Ok(Dispatch {
        latencies,
        per_second,
        phases: phase_marks(base, token, &ids)?,
    })
}
