//! `cargo xtask test`: set-up, then formatting and lints, the web app build, every cargo
//! test (unit, integration on real PostgreSQL, translations), the generated-file drift
//! checks, and against live servers over HTTPS (see `live`): browser tests (also under a
//! path prefix), a generated Python client, and schemathesis over the whole API.
//!
//! `EBK_XTASK_E2E_ONLY=1 cargo xtask test` builds the server and the web app and runs only
//! the live-server part, for working on it.

mod live;

use std::time::Instant;

use anyhow::{bail, Context};

use crate::run::{cmd, output, root, run};
use crate::server::TestServer;
use crate::setup::{setup, Needs};

/// Runs everything; the first failure stops the run with an error.
pub fn test(e2e: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    if std::env::var_os("EBK_XTASK_E2E_ONLY").is_some() {
        return live_only(started);
    }
    setup(Needs { test_tools: e2e })?;
    step("format", || {
        run(cmd("cargo").args(["fmt", "--all", "--check"]))
    })?;
    step("clippy", || {
        run(cmd("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        run(cmd("cargo").args([
            "clippy",
            "-p",
            "frontend",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step("web app build", || run(cmd("trunk").arg("build")))?;
    step("web app compression", || {
        crate::compress::dist(crate::compress::Effort::Quick)
    })?;
    drop_old_test_databases();
    step("cargo tests", || {
        run(cmd("cargo").args(["test", "--workspace"]))
    })?;
    step("debian package", crate::deb_test::run)?;
    if e2e {
        step(
            "live servers: browser lane and api lane at once",
            live::live_tests,
        )?;
    }
    eprintln!(
        "xtask: all checks passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The live-server part alone, after building what it serves.
fn live_only(started: Instant) -> anyhow::Result<()> {
    step("server build", || {
        run(cmd("cargo").args(["build", "-p", "backend", "--bin", "elkarbackup"]))
    })?;
    step("web app build", || run(cmd("trunk").arg("build")))?;
    step("web app compression", || {
        crate::compress::dist(crate::compress::Effort::Quick)
    })?;
    step(
        "live servers: browser lane and api lane at once",
        live::live_tests,
    )?;
    eprintln!(
        "xtask: live-server tests passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Each integration test makes its own database (`ebk_t_…`); drop those of earlier runs
/// so that they do not pile up on the machine's PostgreSQL.
fn drop_old_test_databases() {
    if std::net::TcpStream::connect("127.0.0.1:5432").is_err() {
        return;
    }
    let psql = |sql: &str| {
        output(cmd("psql").args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-Atc",
            sql,
        ]))
    };
    let Some(list) = psql("SELECT datname FROM pg_database WHERE datname LIKE 'ebk\\_t\\_%'")
    else {
        return;
    };
    for name in list
        .lines()
        .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        let _ = psql(&format!("DROP DATABASE IF EXISTS \"{name}\""));
    }
}

fn step<T>(name: &str, f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    eprintln!("xtask: == {name}");
    let t = Instant::now();
    let r = f().with_context(|| format!("step `{name}`"));
    eprintln!("xtask: == {name}: {:.1} s", t.elapsed().as_secs_f64());
    r
}

/// `diesel print-schema` on the migrated database must equal the committed schema.rs.
fn schema_drift(server: &TestServer) -> anyhow::Result<()> {
    let printed = output(
        cmd("diesel")
            .args(["print-schema", "--database-url"])
            .arg(server.database_url()),
    )
    .context("diesel print-schema failed")?;
    let committed = std::fs::read_to_string(root().join("backend/src/db/schema.rs"))?;
    if printed != committed {
        std::fs::write(root().join("target/schema.rs.printed"), &printed)?;
        bail!(
            "backend/src/db/schema.rs differs from `diesel print-schema` \
             (see target/schema.rs.printed)"
        );
    }
    Ok(())
}
