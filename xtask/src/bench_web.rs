//! `cargo xtask bench web`: the release web app's size (the wasm raw, brotli, gzip) and its
//! first loads in headless Chromium (`e2e/bench/web_load.mjs`) from the release server
//! with 500 clients: bytes on the wire and the time to an interactive login page and to
//! the drawn jobs page, with compression as Chromium asks for it beside the baseline with
//! compression refused (`Accept-Encoding: identity`), alternating in the same run; on
//! loopback, and on an emulated 20 Mbit/s link.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::Value;

use crate::bench_scheduler::psql::Psql;
use crate::compress::{self, Coding, Effort};
use crate::run::{cmd, root, run};
use crate::server::TestServer;

const CLIENTS: i64 = 500;
const JOBS_EACH: i64 = 2;
/// Loads timed per page, mode and network profile.
const ROUNDS: usize = 5;
const USER: &str = "bench";
const PASSWORD: &str = "bench-web-password";
/// Daily at 03:00, 14 kept: the jobs need a policy; nothing runs (no scheduler).
const SCHEDULE: &str = r#"{"hourly":{"enabled":false,"keep":1,"times":["00:00"],"days_of_week":[],"days_of_month":[],"months":[]},"daily":{"enabled":true,"keep":14,"times":["03:00"],"days_of_week":[],"days_of_month":[],"months":[]},"weekly":{"enabled":false,"keep":1,"times":["00:00"],"days_of_week":[],"days_of_month":[],"months":[]},"monthly":{"enabled":false,"keep":1,"times":["00:00"],"days_of_week":[],"days_of_month":[],"months":[]},"yearly":{"enabled":false,"keep":1,"times":["00:00"],"days_of_week":[],"days_of_month":[],"months":[]}}"#;

/// The clients (all on one page: the user's page size is 500), their jobs, a location
/// and a policy.
fn seed_sql(store: &Path) -> anyhow::Result<Vec<String>> {
    let dir = store.display().to_string();
    anyhow::ensure!(!dir.contains('\''), "unexpected quote in {dir}");
    Ok(vec![
        format!(
            "INSERT INTO backup_locations (name, directory, max_parallel_jobs) \
             VALUES ('bench', '{dir}', 4)"
        ),
        format!("INSERT INTO policies (name, schedule) VALUES ('bench', '{SCHEDULE}')"),
        format!(
            "INSERT INTO clients (name, connection, max_parallel_jobs) \
             SELECT 'client-' || lpad(i::text, 3, '0'), '{{\"kind\":\"local\"}}', 2 \
             FROM generate_series(1, {CLIENTS}) i"
        ),
        format!(
            "INSERT INTO jobs (client_id, name, source_path, policy_id, location_id, \
                               use_local_permissions, active) \
             SELECT c.id, 'job-' || j, '/srv/data/' || j || '/', p.id, l.id, false, true \
             FROM clients c CROSS JOIN generate_series(1, {JOBS_EACH}) j \
             JOIN policies p ON p.name = 'bench' JOIN backup_locations l ON l.name = 'bench' \
             WHERE c.name LIKE 'client-%'"
        ),
        format!("UPDATE users SET page_size = {CLIENTS} WHERE username = '{USER}'"),
        "ANALYZE".into(),
    ])
}

/// The release server with nothing moving (no scheduler, no dispatcher), filled.
fn seeded_server(store: &Path) -> anyhow::Result<TestServer> {
    std::fs::create_dir_all(store)?;
    std::env::set_var("ELKARBACKUP_SCHEDULER", "false");
    std::env::set_var("ELKARBACKUP_DISPATCHER", "false");
    let server = TestServer::start_with("bench-web", PathBuf::from("target/release/elkarbackup"));
    std::env::remove_var("ELKARBACKUP_SCHEDULER");
    std::env::remove_var("ELKARBACKUP_DISPATCHER");
    let server = server?;
    server.create_user(USER, "admin", PASSWORD)?;
    let mut db = Psql::open(&server.database_url())?;
    for sql in seed_sql(store)? {
        db.query(&sql)?;
    }
    Ok(server)
}

/// Sizes of the built web app, bytes: (what, raw, brotli, gzip).
fn sizes() -> anyhow::Result<Vec<(String, u64, u64, u64)>> {
    let dist = root().join("frontend/dist");
    let mut out = Vec::new();
    let mut total = (0, 0, 0);
    for entry in std::fs::read_dir(&dist).context("reading frontend/dist")? {
        let path = entry?.path();
        if !compress::compressible(&path) {
            continue;
        }
        let len = |p: &Path| std::fs::metadata(p).map(|m| m.len());
        let raw = len(&path)?;
        // No sibling: the file itself goes out.
        let br = len(&compress::sibling(&path, Coding::Brotli)).unwrap_or(raw);
        let gz = len(&compress::sibling(&path, Coding::Gzip)).unwrap_or(raw);
        total = (total.0 + raw, total.1 + br, total.2 + gz);
        if path.extension().is_some_and(|e| e == "wasm") {
            out.push(("wasm".to_owned(), raw, br, gz));
        }
    }
    out.push((
        "all compressible files (wasm, js, css, svg)".into(),
        total.0,
        total.1,
        total.2,
    ));
    Ok(out)
}

/// The browser's loads: the script's JSON, or why they could not be measured.
fn browse(base: &str) -> Result<Value, String> {
    let out = cmd("node")
        .arg("e2e/bench/web_load.mjs")
        .env("E2E_BASE_URL", base)
        .env("E2E_USER", USER)
        .env("E2E_PASSWORD", PASSWORD)
        .env("BENCH_ROUNDS", ROUNDS.to_string())
        .env("BENCH_ROWS", CLIENTS.to_string())
        .output()
        .map_err(|e| format!("node: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(err.lines().take(5).collect::<Vec<_>>().join(" / "));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).map_err(|e| format!("{e}: {last}"))
}

/// The median of the numbers in `v` (a JSON array).
fn median(v: &Value) -> f64 {
    let mut n: Vec<f64> = v
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    n.sort_by(f64::total_cmp);
    n.get(n.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(f64::NAN)
}

fn kb(bytes: f64) -> f64 {
    bytes / 1000.0
}

fn print_sizes(sizes: &[(String, u64, u64, u64)]) {
    println!("web app files (release build, wasm-opt -Oz, precompressed at build time):");
    for (what, raw, br, gz) in sizes {
        println!(
            "  {what:<44} raw {:>7.0} KB   brotli {:>6.0} KB ({:.2})   gzip {:>6.0} KB ({:.2})",
            kb(*raw as f64),
            kb(*br as f64),
            *br as f64 / *raw as f64,
            kb(*gz as f64),
            *gz as f64 / *raw as f64,
        );
    }
}

fn print_loads(loads: &Value) {
    let Some(profiles) = loads.as_object() else {
        return;
    };
    for (profile, modes) in profiles {
        let link = match profile.as_str() {
            "link" => "emulated 20 Mbit/s, 40 ms RTT",
            _ => "loopback",
        };
        println!(
            "first loads in headless Chromium, empty cache, {link}; median of {ROUNDS}, \
             alternating (wasm sent as {} / {}):",
            modes["compressed"]["wasm"][0].as_str().unwrap_or("?"),
            modes["identity"]["wasm"][0].as_str().unwrap_or("?"),
        );
        println!(
            "  {:<34} {:>12} {:>12} {:>8}",
            "", "compressed", "identity", "ratio"
        );
        for (label, key, unit) in [
            ("login page: bytes on the wire", "login_bytes", "KB"),
            ("login page: to interactive", "login_ms", "ms"),
            ("jobs page, 500 clients: bytes", "jobs_bytes", "KB"),
            ("jobs page, 500 clients: to drawn", "jobs_ms", "ms"),
        ] {
            let scale = |v: f64| if unit == "KB" { kb(v) } else { v };
            let c = median(&modes["compressed"][key]);
            let i = median(&modes["identity"][key]);
            println!(
                "  {label:<34} {:>9.0} {unit} {:>9.0} {unit} {:>8.2}",
                scale(c),
                scale(i),
                c / i
            );
        }
    }
}

/// Runs the benchmark and prints its figures.
pub fn web() -> anyhow::Result<()> {
    run(cmd("trunk").args(["build", "--release"]))?;
    compress::dist(Effort::Max)?;
    run(cmd("cargo").args(["build", "--release", "-p", "backend"]))?;
    let sizes = sizes()?;
    let work = std::env::temp_dir().join(format!("ebk-bench-web-{}", std::process::id()));
    // The server stops (on drop) before its location is removed, on failure too.
    let loads = seeded_server(&work.join("store")).map(|server| browse(&server.base));
    let _ = std::fs::remove_dir_all(&work);
    print_sizes(&sizes);
    match loads? {
        Ok(loads) => print_loads(&loads),
        Err(e) => println!("page loads not measured: {e}"),
    }
    Ok(())
}
