//! `cargo xtask bench scheduler`: the release server's minute tick queueing 5,000 jobs due
//! at the same minute (beside one plain `INSERT … SELECT`), and the dispatcher's overhead
//! per run from claim to the start of a no-op rsync (beside spawning that script by hand).

mod dispatch;
pub mod psql;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::bail;
use serde_json::json;

use crate::run::{cmd, run};
use crate::server::TestServer;
use dispatch::{dispatcher, spawn_floor};
use psql::Psql;

const TICK_CLIENTS: usize = 500;
const TICK_JOBS_EACH: usize = 10;
const ROUNDS: usize = 3;
const DISPATCH_CLIENTS: usize = 50;
const DISPATCH_JOBS_EACH: usize = 10;
/// The global limits of runs at once measured (the server's own local limit is 64).
const PASSES: [usize; 2] = [64, 1];

/// Microseconds since the epoch (the clock PostgreSQL and `date` read too).
fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64)
}

fn ms(us: f64) -> f64 {
    us / 1000.0
}

/// The value at quantile `q` of `v` (sorted here).
fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(((v.len().saturating_sub(1)) as f64 * q).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

/// A policy whose only enabled level is daily at `time` (every day).
fn schedule(time: &str) -> String {
    let level = |enabled: bool, t: &str| json!({"enabled": enabled, "keep": 3, "times": [t], "days_of_week": [], "days_of_month": [], "months": []});
    json!({"hourly": level(false, "00:00"), "daily": level(true, time), "weekly": level(false, "00:00"),
           "monthly": level(false, "00:00"), "yearly": level(false, "00:00")})
    .to_string()
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

/// Inserts a location in `store`, a policy, `clients` local clients with `jobs_each` jobs
/// each, all limits raised; returns the policy and the job ids.
fn seed(
    db: &mut Psql,
    store: &Path,
    clients: usize,
    jobs_each: usize,
) -> anyhow::Result<(i64, Vec<i64>)> {
    let dir = store.display().to_string();
    if dir.contains('\'') {
        bail!("unexpected quote in {dir}");
    }
    std::fs::create_dir_all(store)?;
    let loc = db.number(&format!(
        "INSERT INTO backup_locations (name, directory, max_parallel_jobs) \
         VALUES ('bench', '{dir}', 10000) RETURNING id"
    ))?;
    let policy = db.number(&format!(
        "INSERT INTO policies (name, schedule) VALUES ('bench', '{}') RETURNING id",
        schedule("00:00")
    ))?;
    db.query(&format!(
        "INSERT INTO clients (name, connection, max_parallel_jobs) \
         SELECT 'bench-' || i, '{{\"kind\":\"local\"}}', 10000 FROM generate_series(1, {clients}) i"
    ))?;
    db.query(&format!(
        "INSERT INTO jobs (client_id, name, source_path, policy_id, location_id, use_local_permissions) \
         SELECT c.id, 'job-' || j, '/srv/bench/', {policy}, {loc}, false \
           FROM clients c CROSS JOIN generate_series(1, {jobs_each}) j WHERE c.name LIKE 'bench-%'"
    ))?;
    let jobs = db
        .query(&format!(
            "SELECT id FROM jobs WHERE policy_id = {policy} ORDER BY id"
        ))?
        .iter()
        .map(|s| s.parse::<i64>())
        .collect::<Result<Vec<_>, _>>()?;
    Ok((policy, jobs))
}

/// When the server stored the last of the `total` queue events (one per run, built after
/// the commit) published since `boundary`, in µs.
fn events_done(db: &mut Psql, boundary: i64, total: i64) -> anyhow::Result<i64> {
    let since = format!(
        "FROM events WHERE at >= to_timestamp({})",
        boundary / 1_000_000
    );
    let t = Instant::now();
    while db.number(&format!("SELECT count(*) {since}"))? < total {
        if t.elapsed() > Duration::from_secs(300) {
            bail!("fewer than {total} queue events after 5 minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    db.number(&format!(
        "SELECT (extract(epoch FROM max(at)) * 1000000)::bigint {since}"
    ))
}

/// One tick measurement: the server's own tick at the next minute boundary queues every
/// job of `policy`. Returns, in µs after the boundary: the tick's transaction began (the
/// runs' `queued_at`), every run visible as queued, the last queue event stored.
fn tick_round(db: &mut Psql, policy: i64, total: i64) -> anyhow::Result<(i64, i64, i64)> {
    db.query("TRUNCATE runs CASCADE")?;
    // Well inside a minute, so that this minute's tick is over and the next one is ahead.
    while !(3..=45).contains(&(now_us() / 1_000_000 % 60)) {
        std::thread::sleep(Duration::from_millis(200));
    }
    let boundary = (now_us() / 60_000_000 + 1) * 60_000_000;
    let of_day = boundary / 1_000_000 % 86_400;
    let time = format!("{:02}:{:02}", of_day / 3600, of_day % 3600 / 60);
    db.query(&format!(
        "UPDATE policies SET schedule = '{}' WHERE id = {policy}",
        schedule(&time)
    ))?;
    db.query(&format!(
        "UPDATE scheduler_state SET last_tick = to_timestamp({}) WHERE id = 1",
        boundary / 1_000_000 - 60
    ))?;
    let wait = boundary - 300_000 - now_us();
    std::thread::sleep(Duration::from_micros(wait.max(0) as u64));
    let visible = loop {
        if db.number("SELECT count(*) FROM runs WHERE state = 'queued'")? >= total {
            break now_us() - boundary;
        }
        if now_us() > boundary + 60_000_000 {
            bail!("the tick at {time} UTC did not queue {total} runs within a minute");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let begun =
        db.number("SELECT (extract(epoch FROM min(queued_at)) * 1000000)::bigint FROM runs")?;
    let done = events_done(db, boundary, total)?;
    Ok((begun - boundary, visible, done - boundary))
}

/// Milliseconds of the tick rounds: the plain INSERT's, and the server's from the minute
/// to its transaction's start, to all runs queued, and to the last queue event stored.
struct Tick {
    total: i64,
    floor: Vec<f64>,
    begun: Vec<f64>,
    visible: Vec<f64>,
    done: Vec<f64>,
}

/// The minute tick, on a server that does not dispatch: `ROUNDS` rounds of the plain
/// `INSERT … SELECT`, then `ROUNDS` real ticks.
fn tick(work: &Path) -> anyhow::Result<Tick> {
    let server = start(
        "bench-tick",
        &[
            ("ELKARBACKUP_DISPATCHER", "false"),
            ("ELKARBACKUP_TIME_ZONE", "UTC"),
        ],
    )?;
    let mut db = Psql::open(&server.database_url())?;
    let (policy, jobs) = seed(&mut db, &work.join("store"), TICK_CLIENTS, TICK_JOBS_EACH)?;
    let total = jobs.len() as i64;
    let mut floor = Vec::new();
    for _ in 0..ROUNDS {
        db.query("TRUNCATE runs CASCADE")?;
        let t = Instant::now();
        db.query(&format!(
            "INSERT INTO runs (job_id, trigger, levels) \
             SELECT j.id, 'schedule', '{{daily}}' FROM jobs j JOIN clients c ON c.id = j.client_id \
              WHERE j.policy_id = {policy} AND j.active AND c.active"
        ))?;
        floor.push(t.elapsed().as_secs_f64() * 1000.0);
        if db.number("SELECT count(*) FROM runs")? != total {
            bail!("the plain INSERT … SELECT did not insert {total} rows");
        }
    }
    let (mut begun, mut visible, mut done) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        eprintln!(
            "bench: tick {}/{ROUNDS} (waits for the next minute)",
            round + 1
        );
        let (b, v, d) = tick_round(&mut db, policy, total)?;
        begun.push(ms(b as f64));
        visible.push(ms(v as f64));
        done.push(ms(d as f64));
    }
    Ok(Tick {
        total,
        floor,
        begun,
        visible,
        done,
    })
}

/// Runs the benchmark and prints its figures; the tick's only when `with_tick`.
pub fn scheduler(with_tick: bool) -> anyhow::Result<()> {
    run(cmd("cargo").args(["build", "--release", "-p", "backend"]))?;
    let work = std::env::temp_dir().join(format!("ebk-bench-sched-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;

    // 1. The minute tick, on a server that does not dispatch.
    let tick = if with_tick { Some(tick(&work)?) } else { None };

    // 2. The dispatcher, with a no-op rsync.
    let floor_spawn = spawn_floor(&work, DISPATCH_CLIENTS * DISPATCH_JOBS_EACH)?;
    let engine = dispatcher(&work)?;
    let mut spawned = floor_spawn.latencies;

    println!(
        "scheduler benchmark: release server on its own managed cluster, {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    if let Some(tick) = tick {
        print_tick(tick);
    }
    let n = DISPATCH_CLIENTS * DISPATCH_JOBS_EACH;
    println!(
        "{n} no-op rsync runs:\n  \
         spawn from xtask, one by one   spawn → script  median {:>6.1} ms  p95 {:>6.1} ms  {:>6.1} runs/s",
        quantile(&mut spawned, 0.5),
        quantile(&mut spawned, 0.95),
        floor_spawn.per_second,
    );
    for (limit, mut d) in engine {
        println!(
            "  dispatcher, up to {limit:>2} at once  claim → script  median {:>6.1} ms  p95 {:>6.1} ms  {:>6.1} runs/s",
            quantile(&mut d.latencies, 0.5),
            quantile(&mut d.latencies, 0.95),
            d.per_second
        );
        let marks: Vec<String> = dispatch::PHASES
            .iter()
            .zip(&mut d.phases)
            .map(|(p, v)| format!("{p} +{:.1}", quantile(v, 0.5)))
            .collect();
        println!(
            "    median ms from the claim's commit (phase marks of the runs' logs): {}",
            marks.join(", ")
        );
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// Prints the tick's figures.
fn print_tick(tick: Tick) {
    let Tick {
        total,
        mut floor,
        mut begun,
        mut visible,
        mut done,
    } = tick;
    let (b, v, d, f) = (
        quantile(&mut begun, 0.5),
        quantile(&mut visible, 0.5),
        quantile(&mut done, 0.5),
        quantile(&mut floor, 0.5),
    );
    println!(
        "{total} jobs due at one minute ({TICK_CLIENTS} clients x {TICK_JOBS_EACH}), median of {ROUNDS}, ms after the minute:\n  \
         plain INSERT … SELECT (psql)   {f:>8.1} ms\n  \
         server tick                    transaction begins +{b:.1}, all {total} queued +{v:.1} \
         (queueing {:.1} ms, {:.2}x the INSERT), last of the {total} queue events stored +{d:.0}",
        v - b,
        (v - b) / f
    );
}
