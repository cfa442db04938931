//! `cargo xtask bench dashboard`: the dashboard's endpoints on the release server with
//! 3,000 jobs (300 clients × 10) of 100 finished runs each and a year of storage samples,
//! inserted with SQL, beside a plain `SELECT count(*) FROM runs` on one psql session; then
//! the dashboard page drawn in headless Chromium (`e2e/bench/dashboard_render.mjs`).

use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context};
use serde_json::json;

use crate::bench_scheduler::psql::Psql;
use crate::run::{cmd, run};
use crate::server::TestServer;

const CLIENTS: i64 = 300;
const JOBS_EACH: i64 = 10;
const RUNS_EACH: i64 = 100;
const LOCATIONS: i64 = 3;
/// Requests timed per endpoint (after two untimed ones).
const N: usize = 30;
/// Page loads timed in the browser.
const RENDERS: usize = 5;
const USER: &str = "bench";
const PASSWORD: &str = "bench-dashboard-password";

/// Every day at 03:00: most jobs ran within the day, the ones whose runs stopped days ago
/// are late.
const SCHEDULE: &str = r#"{"hourly":{"enabled":false,"keep":1,"times":["00:00"],"days_of_week":[],"days_of_month":[],"months":[]},"daily":{"enabled":true,"keep":14,"times":["03:00"],"days_of_week":[],"days_of_month":[],"months":[]},"weekly":{"enabled":false,"keep":1,"times":["00:00"],"days_of_week":[],"days_of_month":[],"months":[]},"monthly":{"enabled":false,"keep":1,"times":["00:00"],"days_of_week":[],"days_of_month":[],"months":[]},"yearly":{"enabled":false,"keep":1,"times":["00:00"],"days_of_week":[],"days_of_month":[],"months":[]}}"#;

/// The statements that fill the database, in order. Jobs with `id % 50 = 7` stopped three
/// days ago (late), `id % 100 = 11` have a run going on, `id % 97 = 0` are inactive; a
/// run's result comes from a hash of job and run (about 91% ok, 5% warning, 3% failed,
/// 1% aborted).
fn seed_sql(store: &Path) -> anyhow::Result<Vec<String>> {
    let dir = store.display().to_string();
    if dir.contains('\'') {
        bail!("unexpected quote in {dir}");
    }
    let mut all = catalog_sql(&dir);
    all.extend(runs_sql());
    all.extend(usage_sql());
    all.push("ANALYZE".into());
    Ok(all)
}

/// Locations in `dir`, the policy, the clients and their jobs.
fn catalog_sql(dir: &str) -> Vec<String> {
    vec![
        format!(
            "INSERT INTO backup_locations (name, directory, max_parallel_jobs) \
             SELECT 'bench-' || i, '{dir}/' || i, 100 FROM generate_series(1, {LOCATIONS}) i"
        ),
        format!("INSERT INTO policies (name, schedule) VALUES ('bench', '{SCHEDULE}')"),
        format!(
            "INSERT INTO clients (name, connection, max_parallel_jobs, quota_bytes) \
             SELECT 'client-' || lpad(i::text, 3, '0'), '{{\"kind\":\"local\"}}', 4, \
                    CASE WHEN i % 3 = 0 THEN 4000000000000 END \
             FROM generate_series(1, {CLIENTS}) i"
        ),
        format!(
            "INSERT INTO jobs (client_id, name, source_path, policy_id, location_id, \
                               use_local_permissions, active, created_at) \
             SELECT c.id, 'job-' || lpad(j::text, 2, '0'), '/srv/data/' || j || '/', p.id, \
                    l.id, false, true, now() - interval '200 days' \
             FROM clients c CROSS JOIN generate_series(1, {JOBS_EACH}) j \
             JOIN policies p ON p.name = 'bench' \
             JOIN backup_locations l ON l.name = 'bench-' || (1 + (c.id + j) % {LOCATIONS}) \
             WHERE c.name LIKE 'client-%'"
        ),
        "UPDATE jobs SET active = false WHERE id % 97 = 0".into(),
    ]
}

/// The finished runs, the running ones, the jobs' last results and the kept snapshots.
fn runs_sql() -> Vec<String> {
    vec![
        format!(
            "INSERT INTO runs (job_id, trigger, levels, state, result, error_code, queued_at, \
                               started_at, finished_at, files_total, files_transferred, \
                               total_bytes, transferred_bytes, literal_bytes) \
             SELECT id, 'schedule', '{{daily}}', 'finished', res, \
                    CASE WHEN res = 'failed' THEN 'rsync_partial' END, fin - dur, fin - dur, fin, \
                    CASE WHEN ok THEN files END, CASE WHEN ok THEN files / 50 END, \
                    CASE WHEN ok THEN bytes END, CASE WHEN ok THEN bytes / 100 END, \
                    CASE WHEN ok THEN bytes / 200 END \
             FROM (SELECT j.id, res, res IN ('ok', 'warning') AS ok, \
                     now() - make_interval(days => ({RUNS_EACH} - k \
                         + CASE WHEN j.id % 50 = 7 THEN 3 ELSE 0 END)::int, \
                         mins => (30 + j.id % 600)::int) AS fin, \
                     make_interval(secs => 60 + j.id % 3600 + (k % 7) * 60) AS dur, \
                     (10000 + (j.id % 1000) * 500 + k * 10)::bigint AS files, \
                     (1 + j.id % 200) * 1000000000 * (1000 + k) / 1000 AS bytes \
                   FROM jobs j CROSS JOIN generate_series(1, {RUNS_EACH}) k \
                   CROSS JOIN LATERAL (SELECT CASE WHEN h < 3 THEN 'failed' \
                       WHEN h < 4 THEN 'aborted' WHEN h < 9 THEN 'warning' ELSE 'ok' END AS res \
                     FROM (SELECT (j.id * 7919 + k * 104729) % 100 AS h) x) y) s"
        ),
        "INSERT INTO runs (job_id, trigger, levels, state, queued_at, started_at, lease_owner, \
                           lease_until) \
         SELECT id, 'schedule', '{daily}', 'running', now() - interval '10 minutes', \
                now() - interval '9 minutes', 'bench', now() + interval '1 hour' \
         FROM jobs WHERE id % 100 = 11"
            .into(),
        "UPDATE jobs j SET last_result = r.result, last_run_at = r.finished_at, \
                size_bytes = COALESCE(r.total_bytes, 0), \
                late_since = CASE WHEN j.id % 50 = 7 THEN now() - interval '2 days' END \
         FROM (SELECT DISTINCT ON (job_id) job_id, result, finished_at, total_bytes FROM runs \
               WHERE state = 'finished' ORDER BY job_id, finished_at DESC) r \
         WHERE r.job_id = j.id"
            .into(),
        // The snapshots a 14-day retention keeps: what lateness is judged on.
        "INSERT INTO snapshots (job_id, run_id, location_id, name, levels, taken_at, files, \
                                bytes, new_bytes, store_path) \
         SELECT r.job_id, r.id, j.location_id, to_char(r.started_at, 'YYYY-MM-DD\"T\"HH24MISS'), \
                '{daily}', r.started_at, r.files_total, r.total_bytes, r.literal_bytes, \
                j.client_id || '/' || j.id \
         FROM runs r JOIN jobs j ON j.id = r.job_id \
         WHERE r.state = 'finished' AND r.result IN ('ok', 'warning') \
           AND r.finished_at > now() - interval '17 days'"
            .into(),
    ]
}

/// A year of location samples and of client sizes.
fn usage_sql() -> Vec<String> {
    vec![
        // A year of samples: hourly for 35 days, daily before; used space grows with noise.
        "INSERT INTO location_usage (location_id, daily, at, used_bytes, total_bytes, \
                                     used_inodes, total_inodes) \
         SELECT l.id, s.daily, s.at, \
                3000000000000 * l.id + (8760 - s.age)::bigint * 200000000 * l.id \
                 + ((s.age * 7919) % 1000)::bigint * 10000000, \
                20000000000000, 1000000 + (8760 - s.age)::bigint * 100, 500000000 \
         FROM backup_locations l CROSS JOIN ( \
             SELECT false AS daily, date_trunc('hour', now()) - make_interval(hours => h) AS at, \
                    h AS age FROM generate_series(0, 35 * 24 - 1) h \
             UNION ALL \
             SELECT true, date_trunc('day', now(), 'UTC') - make_interval(days => d), d * 24 \
             FROM generate_series(36, 365) d) s \
         WHERE l.name LIKE 'bench-%'"
            .into(),
        "INSERT INTO client_usage (client_id, day, size_bytes) \
         SELECT client_id, current_date - d, sum(size_bytes)::bigint * (1000 - d) / 1000 \
         FROM jobs CROSS JOIN generate_series(0, 364) d GROUP BY client_id, d"
            .into(),
    ]
}

/// The value at quantile `q` of `v` (sorted here).
fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(((v.len().saturating_sub(1)) as f64 * q).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

/// Times of one request, ms, and what it answered.
struct Timed {
    ms: Vec<f64>,
    status: u16,
    bytes: usize,
}

/// `N` timed GETs of `path` (after two untimed ones), on one kept-alive connection.
fn get(agent: &ureq::Agent, base: &str, token: &str, path: &str) -> Timed {
    let call = || {
        let t = Instant::now();
        let (status, bytes) = match agent
            .get(&format!("{base}{path}"))
            .set("Authorization", &format!("Bearer {token}"))
            .call()
        {
            Ok(r) => (r.status(), r.into_string().map_or(0, |s| s.len())),
            Err(ureq::Error::Status(s, _)) => (s, 0),
            Err(_) => (0, 0),
        };
        (t.elapsed().as_secs_f64() * 1000.0, status, bytes)
    };
    call();
    call();
    let mut out = Timed {
        ms: Vec::new(),
        status: 0,
        bytes: 0,
    };
    for _ in 0..N {
        let (ms, status, bytes) = call();
        out.ms.push(ms);
        (out.status, out.bytes) = (status, bytes);
    }
    out
}

fn login(agent: &ureq::Agent, base: &str) -> anyhow::Result<String> {
    let r: serde_json::Value = agent
        .post(&format!("{base}/api/auth/login"))
        .send_json(json!({"username": USER, "password": PASSWORD}))
        .context("signing in")?
        .into_json()?;
    r["token"]
        .as_str()
        .map(str::to_owned)
        .context("no token in the login answer")
}

/// Page loads of `/` until the board is drawn, ms; or why they could not be timed.
fn render(base: &str) -> Result<Vec<f64>, String> {
    let out = cmd("node")
        .arg("e2e/bench/dashboard_render.mjs")
        .env("E2E_BASE_URL", base)
        .env("E2E_USER", USER)
        .env("E2E_PASSWORD", PASSWORD)
        .env("BENCH_ROUNDS", RENDERS.to_string())
        .output()
        .map_err(|e| format!("node: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(err.lines().take(3).collect::<Vec<_>>().join(" / "));
    }
    let last = stdout.lines().last().unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(last).map_err(|e| format!("{e}: {last}"))?;
    Ok(v["ms"]
        .as_array()
        .map(|a| a.iter().filter_map(serde_json::Value::as_f64).collect())
        .unwrap_or_default())
}

/// The release server, started with nothing moving (no tick with its late checks and
/// samples, no dispatcher to fail the seeded running runs of no process), and filled.
fn seeded_server(store: &Path) -> anyhow::Result<(TestServer, Psql, f64)> {
    for i in 1..=LOCATIONS {
        std::fs::create_dir_all(store.join(i.to_string()))?;
    }
    std::env::set_var("ELKARBACKUP_SCHEDULER", "false");
    std::env::set_var("ELKARBACKUP_DISPATCHER", "false");
    let server = TestServer::start_with(
        "bench-dashboard",
        std::path::PathBuf::from("target/release/elkarbackup"),
    );
    std::env::remove_var("ELKARBACKUP_SCHEDULER");
    std::env::remove_var("ELKARBACKUP_DISPATCHER");
    let server = server?;
    server.create_user(USER, "admin", PASSWORD)?;
    let mut db = Psql::open(&server.database_url())?;
    let t = Instant::now();
    for sql in seed_sql(store)? {
        db.query(&sql)?;
    }
    Ok((server, db, t.elapsed().as_secs_f64()))
}

/// What was measured.
struct Figures {
    runs: i64,
    seeded_s: f64,
    count_ms: Vec<f64>,
    endpoints: Vec<(String, Timed)>,
    render: Result<Vec<f64>, String>,
}

fn measure(server: &TestServer, db: &mut Psql, seeded_s: f64) -> anyhow::Result<Figures> {
    let runs = db.number("SELECT count(*) FROM runs")?;
    let job = db.number("SELECT min(id) + 1234 FROM jobs")?;
    let client = db.number("SELECT min(id) + 123 FROM clients")?;
    let mut count_ms = Vec::new();
    for _ in 0..N {
        let t = Instant::now();
        db.number("SELECT count(*) FROM runs")?;
        count_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let agent = ureq::AgentBuilder::new().build();
    let token = login(&agent, &server.base)?;
    let paths = [
        "/api/dashboard".to_owned(),
        "/api/dashboard?per_page=500".to_owned(),
        "/api/dashboard?health=failed".to_owned(),
        "/api/dashboard/storage".to_owned(),
        format!("/api/jobs/{job}/history"),
        format!("/api/clients/{client}/history"),
    ];
    let endpoints = paths
        .iter()
        .map(|p| (p.clone(), get(&agent, &server.base, &token, p)))
        .collect();
    Ok(Figures {
        runs,
        seeded_s,
        count_ms,
        endpoints,
        render: render(&server.base),
    })
}

fn print(f: Figures) {
    println!(
        "dashboard benchmark: release server on its own managed cluster, {} cores; \
         {} jobs ({CLIENTS} clients x {JOBS_EACH}), {} runs, {LOCATIONS} locations with \
         a year of samples (inserted in {:.1} s); median of {N}, ms:",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        CLIENTS * JOBS_EACH,
        f.runs,
        f.seeded_s,
    );
    let mut count = f.count_ms;
    println!(
        "  {:<42} {:>8.1} ms  p95 {:>7.1} ms",
        "SELECT count(*) FROM runs (psql)",
        quantile(&mut count, 0.5),
        quantile(&mut count, 0.95)
    );
    for (path, mut t) in f.endpoints {
        let answer = match t.status {
            200 => format!("{:>9} bytes", t.bytes),
            s => format!("HTTP {s}: not measured"),
        };
        println!(
            "  GET {:<38} {:>8.1} ms  p95 {:>7.1} ms  {answer}",
            path,
            quantile(&mut t.ms, 0.5),
            quantile(&mut t.ms, 0.95),
        );
    }
    match f.render {
        Ok(mut ms) => println!(
            "  {:<42} {:>8.1} ms  max {:>7.1} ms  (median of {})",
            "page / in Chromium (navigation → board)",
            quantile(&mut ms, 0.5),
            quantile(&mut ms, 1.0),
            ms.len()
        ),
        Err(e) => println!("  page render not measured: {e}"),
    }
}

/// Runs the benchmark and prints its figures.
pub fn dashboard() -> anyhow::Result<()> {
    run(cmd("trunk").args(["build", "--release"]))?;
    crate::compress::dist(crate::compress::Effort::Max)?;
    run(cmd("cargo").args(["build", "--release", "-p", "backend"]))?;
    let work = std::env::temp_dir().join(format!("ebk-bench-dash-{}", std::process::id()));
    // The server and its psql session end before the locations are removed, on failure too.
    let figures = seeded_server(&work.join("locations"))
        .and_then(|(server, mut db, seeded_s)| measure(&server, &mut db, seeded_s));
    let _ = std::fs::remove_dir_all(&work);
    print(figures?);
    Ok(())
}
