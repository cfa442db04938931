//! `cargo xtask bench browse`: the snapshot browser's listing, search and archive code on
//! 100,000 files beside `ls`, `find`, `tar` and `zip`. The work is in the backend example
//! `bench_browse` (it calls the library directly); this only builds and runs it in release.

use crate::run::{cmd, run};

/// Runs the example, which prints its own table.
pub fn browse() -> anyhow::Result<()> {
    run(cmd("cargo").args([
        "run",
        "--release",
        "--quiet",
        "-p",
        "backend",
        "--example",
        "bench_browse",
    ]))
}
