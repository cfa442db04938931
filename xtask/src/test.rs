//! `cargo xtask test`: set-up, then formatting and lints, the web app build, every cargo
//! test (unit, integration on real PostgreSQL, translations), the generated-file drift
//! checks, and against a live server: browser tests, a generated Python client, and
//! schemathesis over the whole API.

use std::time::Instant;

use anyhow::{bail, Context};

use crate::run::{cmd, output, root, run};
use crate::server::TestServer;
use crate::setup::{setup, Needs};

const E2E_USER: &str = "e2e-admin";
const E2E_PASSWORD: &str = "e2e-password-123";
const FUZZ_USER: &str = "schemathesis";
const FUZZ_PASSWORD: &str = "schemathesis-password";

/// Runs everything; the first failure stops the run with an error.
pub fn test(e2e: bool) -> anyhow::Result<()> {
    let started = Instant::now();
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
    drop_old_test_databases();
    step("cargo tests", || {
        run(cmd("cargo").args(["test", "--workspace"]))
    })?;
    step("debian package", crate::deb_test::run)?;
    if e2e {
        let server = step("start a server", || TestServer::start("e2e"))?;
        step("schema.rs drift", || schema_drift(&server))?;
        server.create_user(E2E_USER, "admin", E2E_PASSWORD)?;
        server.create_user(FUZZ_USER, "admin", FUZZ_PASSWORD)?;
        step("browser tests", || browser_tests(&server))?;
        step("generated Python client", || python_client(&server))?;
        step("schemathesis", || schemathesis(&server))?;
    }
    eprintln!(
        "xtask: all checks passed in {:.0} s",
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

fn browser_tests(server: &TestServer) -> anyhow::Result<()> {
    run(cmd("node")
        .args(["--test", "--test-concurrency=1", "e2e/"])
        .env("E2E_BASE_URL", &server.base)
        .env("E2E_USER", E2E_USER)
        .env("E2E_PASSWORD", E2E_PASSWORD)
        // For states no API call can make (a job created weeks ago: late).
        .env("E2E_DATABASE_URL", server.database_url())
        // For files the server manages (replication's authorized_keys, read by an sshd
        // the replication test starts).
        .env("E2E_DATA_DIR", &server.data_dir))
}

fn python_client(server: &TestServer) -> anyhow::Result<()> {
    let out = root().join("target/python-client");
    run(cmd(".venv/bin/openapi-python-client")
        .args([
            "generate",
            "--path",
            "openapi.yaml",
            "--overwrite",
            "--output-path",
        ])
        .arg(&out))?;
    run(cmd(".venv/bin/python")
        .arg("e2e/api/client_test.py")
        .env("PYTHONPATH", &out)
        .env("E2E_BASE_URL", &server.base)
        .env("E2E_USER", FUZZ_USER)
        .env("E2E_PASSWORD", FUZZ_PASSWORD))
}

fn schemathesis(server: &TestServer) -> anyhow::Result<()> {
    // Authenticated as a user of its own, with a personal API token, so that it reaches
    // every endpoint without disturbing the browser tests' user.
    let token = output(
        cmd(".venv/bin/python")
            .arg("e2e/api/make_token.py")
            .env("E2E_BASE_URL", &server.base)
            .env("E2E_USER", FUZZ_USER)
            .env("E2E_PASSWORD", FUZZ_PASSWORD),
    )
    .context("creating an API token for schemathesis")?;
    run(cmd(".venv/bin/schemathesis")
        .args(["run", "openapi.yaml", "--url"])
        .arg(&server.base)
        .args(["--header"])
        .arg(format!("Authorization: Bearer {}", token.trim()))
        .args([
            "--request-timeout",
            "10",
            "--max-examples",
            "40",
            "--checks",
            "all",
            // Schema-valid bodies may still name a job that does not exist or a directory
            // the server lacks: the API rightly answers 422, which no schema can foresee.
            "--exclude-checks",
            "positive_data_acceptance",
            "--no-color",
        ]))
}
