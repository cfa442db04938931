//! The live-server part of `cargo xtask test`, in two lanes run at once, each against its
//! own servers and managed clusters (no shared users or data):
//! - browser: a server over HTTPS (the schema.rs drift check, then every browser test),
//!   then a second server over HTTPS under `/elkarbackup` for the prefix journey;
//! - api: the Debian package test, then a third server over HTTPS for the generated
//!   Python client and schemathesis.
//!
//! The browser lane's output streams as it comes; the api lane's goes to
//! `target/xtask-logs/api.log` and is printed in one block when it ends (`lanes::beside`).

use std::fs::File;
use std::path::PathBuf;
use std::process::Command;

use anyhow::Context;

use super::lanes::{beside, logged, step};
use super::schema_drift;
use crate::run::{cmd, output, root, run};
use crate::server::{Reach, TestServer};

const E2E_USER: &str = "e2e-admin";
const E2E_PASSWORD: &str = "e2e-password-123";
const FUZZ_USER: &str = "schemathesis";
const FUZZ_PASSWORD: &str = "schemathesis-password";
/// The path prefix the prefix journey is served under.
const PREFIX: &str = "/elkarbackup";

/// Runs both lanes at once and reports both. The api lane, the shorter, first runs the
/// Debian package test (its commands print as they run), so that it costs no time of
/// its own.
pub fn live_tests() -> anyhow::Result<()> {
    beside(browser_lane, "api", |log| {
        step("debian package", crate::deb_test::run)?;
        api_tools(log)
    })
}

fn browser_lane() -> anyhow::Result<()> {
    let https = Reach {
        tls: true,
        prefix: None,
    };
    let server = step("start the browser tests' server (HTTPS)", || {
        TestServer::start("e2e", &https)
    })?;
    step("schema.rs drift", || schema_drift(&server))?;
    server.create_user(E2E_USER, "admin", E2E_PASSWORD)?;
    step("browser tests (HTTPS)", || {
        run(node(&server).args(["--test", "--test-concurrency=1", "e2e/"]))
    })?;
    drop(server);
    let prefixed = Reach {
        tls: true,
        prefix: Some(PREFIX.to_owned()),
    };
    let server = step("start a server under a path prefix", || {
        TestServer::start("e2e-prefix", &prefixed)
    })?;
    server.create_user(E2E_USER, "admin", E2E_PASSWORD)?;
    step("browser test under a path prefix", || {
        run(node(&server)
            .args(["--test", "e2e/prefix.test.mjs"])
            .env("E2E_URL_PREFIX", PREFIX))
    })
}

/// `node` with the environment of the browser tests (`e2e/lib.mjs`) for `server`.
fn node(server: &TestServer) -> Command {
    let mut c = cmd("node");
    c.env("E2E_BASE_URL", &server.base)
        .env("E2E_USER", E2E_USER)
        .env("E2E_PASSWORD", E2E_PASSWORD)
        // For states no API call can make (a job created weeks ago: late).
        .env("E2E_DATABASE_URL", server.database_url())
        // For files the server manages (replication's authorized_keys, read by an sshd
        // the replication test starts).
        .env("E2E_DATA_DIR", &server.data_dir);
    if let Some(ca) = &server.ca {
        // Node's own requests (fetch, Playwright's API client) trust the test CA; the
        // browser ignores certificate errors (lib.mjs).
        c.env("NODE_EXTRA_CA_CERTS", ca);
    }
    c
}

fn api_tools(log: &File) -> anyhow::Result<()> {
    let https = Reach {
        tls: true,
        prefix: None,
    };
    let server = TestServer::start("e2e-api", &https).context("starting the api server")?;
    server.create_user(FUZZ_USER, "admin", FUZZ_PASSWORD)?;
    let ca: PathBuf = server.ca.clone().context("the api server has no CA")?;
    let logged = |c: &mut Command| logged(log, c);
    let client = root().join("target/python-client");
    logged(
        cmd(".venv/bin/openapi-python-client")
            .args(["generate", "--path", "openapi.yaml", "--overwrite"])
            .arg("--output-path")
            .arg(&client),
    )?;
    logged(
        cmd(".venv/bin/python")
            .arg("e2e/api/client_test.py")
            .env("PYTHONPATH", &client)
            .env("E2E_BASE_URL", &server.base)
            .env("E2E_CA_FILE", &ca)
            .env("E2E_USER", FUZZ_USER)
            .env("E2E_PASSWORD", FUZZ_PASSWORD),
    )
    .context("generated Python client")?;
    // Authenticated as a user of its own, with a personal API token, so that it reaches
    // every endpoint.
    let token = output(
        cmd(".venv/bin/python")
            .arg("e2e/api/make_token.py")
            .env("E2E_BASE_URL", &server.base)
            .env("E2E_CA_FILE", &ca)
            .env("E2E_USER", FUZZ_USER)
            .env("E2E_PASSWORD", FUZZ_PASSWORD),
    )
    .context("creating an API token for schemathesis")?;
    logged(
        cmd(".venv/bin/schemathesis")
            .args(["run", "openapi.yaml", "--url"])
            .arg(&server.base)
            .arg("--tls-verify")
            .arg(&ca)
            .arg("--header")
            .arg(format!("Authorization: Bearer {}", token.trim()))
            .args([
                "--request-timeout",
                "10",
                // The fuzzing phase's budget per operation: every operation is still
                // fuzzed (and covered by the examples, coverage and stateful phases),
                // within a bounded time.
                "--max-examples",
                "20",
                "--checks",
                "all",
                // Schema-valid bodies may still name a job that does not exist or a
                // directory the server lacks: the API rightly answers 422, which no schema
                // can foresee.
                "--exclude-checks",
                "positive_data_acceptance",
                "--no-color",
                // One worker: with two (threads), CPython's parser raced inside
                // schemathesis's schema compilation ("SystemError: AST constructor
                // recursion depth mismatch", a KeyError in linecache) and failed the run.
                "--workers",
                "1",
            ]),
    )
    .context("schemathesis")
}
