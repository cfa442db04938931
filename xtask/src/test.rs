//! `cargo xtask test`: set-up, formatting, then every cargo test (unit, integration on
//! real PostgreSQL, translations) with the lints and the web app build beside it, then
//! the Debian package test and, against live servers over HTTPS (see `live`): the schema.rs
//! drift check, browser tests (also under a path prefix), a generated Python client, and
//! schemathesis over the whole API. Every run ends with the table of its phase times.
//!
//! `EBK_XTASK_E2E_ONLY=1 cargo xtask test` builds the server and the web app and runs only
//! the live-server part, for working on it.

mod lanes;
mod live;

use std::fs::File;
use std::time::Instant;

use anyhow::{bail, Context};

use crate::run::{cmd, output, root, run};
use crate::server::TestServer;
use crate::setup::{setup, Needs};
use lanes::{beside, logged, step};

/// Runs everything; the first failure stops the run with an error. The table of phase
/// times is printed at the end either way.
pub fn test(e2e: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    let result = if std::env::var_os("EBK_XTASK_E2E_ONLY").is_some() {
        live_only()
    } else {
        everything(e2e)
    };
    lanes::print_times(started.elapsed(), result.is_ok());
    result
}

fn everything(e2e: bool) -> anyhow::Result<()> {
    step("set-up", || setup(Needs { test_tools: e2e }))?;
    step("format", || {
        run(cmd("cargo").args(["fmt", "--all", "--check"]))
    })?;
    drop_old_test_databases();
    // The test run mostly waits (on sshd, rsync, PostgreSQL and the servers it starts), so
    // the lints and the web app build run beside it rather than before it.
    step("cargo tests, beside lints and the web app build", || {
        beside(
            || {
                step("cargo tests", || {
                    // More threads than cores: most API tests wait on sshd, rsync and
                    // PostgreSQL, and the longest few bound the run.
                    run(cmd("cargo").args(["test", "--workspace", "--", "--test-threads=6"]))
                })
            },
            "checks",
            checks,
        )
    })?;
    if e2e {
        // The Debian package test runs in the api lane.
        step(
            "live servers: browser lane and api lane at once",
            live::live_tests,
        )?;
    } else {
        step("debian package", crate::deb_test::run)?;
    }
    Ok(())
}

/// The lints and the web app build, in a target directory of their own
/// (`target/checks`): cargo locks a target directory for a whole command, test runs
/// included, so sharing `target/` would make them wait for the tests. They share no
/// artefacts with the test build anyway (lints only type-check; the web app is wasm).
fn checks(log: &File) -> anyhow::Result<()> {
    let dir = root().join("target/checks");
    let cargo = |args: &[&str]| {
        let mut c = cmd("cargo");
        c.args(args).env("CARGO_TARGET_DIR", &dir);
        c
    };
    step("clippy", || {
        // The frontend is linted for the target it is built for, its tests included.
        logged(
            log,
            &mut cargo(&[
                "clippy",
                "--workspace",
                "--exclude",
                "frontend",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )?;
        logged(
            log,
            &mut cargo(&[
                "clippy",
                "-p",
                "frontend",
                "--all-targets",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ]),
        )
    })?;
    step("web app build", || {
        let mut trunk = cmd("trunk");
        trunk.arg("build").env("CARGO_TARGET_DIR", &dir);
        logged(log, &mut trunk)
    })?;
    step("web app compression", || {
        crate::compress::dist(crate::compress::Effort::Quick)
    })
}

/// The live-server part alone, after building what it serves.
fn live_only() -> anyhow::Result<()> {
    // Quick when everything is there; a fresh machine gets trunk, the browser and the rest.
    step("set-up", || setup(Needs { test_tools: true }))?;
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
    )
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
