//! `cargo xtask deb`: the Debian package, made by cargo-deb from `[package.metadata.deb]`
//! in backend/Cargo.toml and the files in `packaging/`. By default the release server and
//! web app are built first; `--debug` packages the dev-profile binary and the web app
//! already built (for the CI test), rebuilding nothing heavy.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context};

use crate::run::{cmd, root, run};
use crate::setup::{deb_tools, setup, Needs};

/// Which build goes into the package.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// `trunk build --release` and `cargo build --release`.
    Release,
    /// The existing `target/debug/elkarbackup` (built only when missing) and `frontend/dist`.
    Debug,
}

/// `cargo xtask deb`: builds the package and prints its path.
pub fn deb(build: Build, version: Option<&str>) -> anyhow::Result<()> {
    let path = package(build, version)?;
    println!("{}", path.display());
    Ok(())
}

/// Builds the package and returns the path of the `.deb`.
pub fn package(build: Build, version: Option<&str>) -> anyhow::Result<PathBuf> {
    let binary = match build {
        Build::Release => {
            setup(Needs { test_tools: false })?;
            deb_tools()?;
            run(cmd("trunk").args(["build", "--release"]))?;
            crate::compress::dist(crate::compress::Effort::Max)?;
            run(cmd("cargo").args(["build", "--release", "-p", "backend"]))?;
            root().join("target/release/elkarbackup")
        }
        Build::Debug => {
            deb_tools()?;
            debug_inputs()?
        }
    };
    manual_pages(&binary)?;
    let mut c = cmd("cargo");
    c.args([
        "deb",
        "-p",
        "backend",
        "--no-build",
        "--output",
        "target/debian/",
    ]);
    if build == Build::Debug {
        // A big unoptimised binary: quicker compression matters more than size here.
        c.args(["--profile", "dev", "--fast"]);
    }
    if let Some(v) = version {
        c.args(["--deb-version", v]);
    }
    let printed = stdout_of(&mut c)?;
    let path = printed
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.ends_with(".deb"))
        .map(PathBuf::from)
        .with_context(|| format!("cargo deb printed no package path: {printed:?}"))?;
    let path = if path.is_absolute() {
        path
    } else {
        root().join(path)
    };
    if !path.is_file() {
        bail!("cargo deb named {}, which does not exist", path.display());
    }
    Ok(path)
}

/// The dev-profile binary (built if missing: `cargo test` builds it) and a built web app.
fn debug_inputs() -> anyhow::Result<PathBuf> {
    let binary = root().join("target/debug/elkarbackup");
    if !binary.is_file() {
        run(cmd("cargo").args(["build", "-p", "backend"]))?;
    }
    if !root().join("frontend/dist/index.html").is_file() {
        run(cmd("trunk").arg("build"))?;
    }
    Ok(binary)
}

/// Writes one manual page per command into `target/man` (the package's
/// `usr/share/man/man1`; cargo-deb compresses them), from the binary's clap definitions.
fn manual_pages(binary: &Path) -> anyhow::Result<()> {
    let dir = root().join("target/man");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    run(Command::new(binary).arg("manpages").arg(&dir))?;
    if !dir.join("elkarbackup.1").is_file() {
        bail!("{} wrote no elkarbackup.1", binary.display());
    }
    Ok(())
}

/// Runs a command with its standard error shown, returning its standard output.
fn stdout_of(c: &mut Command) -> anyhow::Result<String> {
    let shown = format!("{c:?}").replace('"', "");
    eprintln!("xtask: $ {shown}");
    let out = c
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("starting {shown}"))?;
    if !out.status.success() {
        bail!("{shown} failed with {}", out.status);
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
