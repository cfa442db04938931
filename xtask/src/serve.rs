//! `cargo xtask serve`: set-up, release builds of the web app and the server, then runs
//! the server on its self-managed PostgreSQL in the data directory.

use std::path::Path;

use anyhow::Context;

use crate::run::{cmd, root, run};
use crate::setup::{setup, Needs};

/// Builds and runs the server in the foreground until Ctrl-C.
pub fn serve(listen: &str, data_dir: &str) -> anyhow::Result<()> {
    setup(Needs { test_tools: false })?;
    run(cmd("trunk").args(["build", "--release"]))?;
    crate::compress::dist(crate::compress::Effort::Max)?;
    run(cmd("cargo").args(["build", "--release", "-p", "backend"]))?;
    let data = root().join(data_dir);
    let first_start = !Path::new(&data).join("postgres").exists();
    eprintln!("xtask: starting the server (Ctrl-C stops it)");
    if !first_start {
        eprintln!(
            "xtask: existing data in {}; the admin password was printed on the first start. \
             To set a new one: target/release/elkarbackup --data-dir {} admin reset-password admin",
            data.display(),
            data.display()
        );
    }
    run(
        cmd(&root().join("target/release/elkarbackup").to_string_lossy())
            .arg("--data-dir")
            .arg(&data)
            .args(["serve", "--listen", listen])
            .env("ELKARBACKUP_FRONTEND_DIR", root().join("frontend/dist")),
    )
    .context("the server stopped with an error")
}
