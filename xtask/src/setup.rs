//! Installs what the build and the tests need, skipping whatever is already there:
//! Debian packages (as root), the wasm32 target, trunk, wasm-bindgen-cli at the version in
//! `Cargo.lock`, npm packages (playwright-core, binaryen's wasm-opt), and for the tests a
//! Python venv (schemathesis, openapi-python-client, aiosmtpd) and diesel_cli; for the
//! Debian package, dpkg-dev and cargo-deb.

use std::process::Command;

use anyhow::{bail, Context};

use crate::run::{cmd, is_root, output, root, run};

/// trunk 0.22 needs a newer rustc than this machine's; 0.21.14 works offline.
const TRUNK_VERSION: &str = "0.21.14";
/// cargo-deb: 3.8.0 builds with rustc 1.95 (its MSRV is 1.85) and has every option
/// `xtask deb` uses (`--no-build`, `--profile`, `--deb-version`, `--fast`).
const CARGO_DEB_VERSION: &str = "3.8.0";

/// What a command needs beyond the server build.
#[derive(Clone, Copy)]
pub struct Needs {
    /// Browser, Python tools and diesel_cli, for `xtask test`.
    pub test_tools: bool,
}

/// Runs the whole set-up.
pub fn setup(needs: Needs) -> anyhow::Result<()> {
    debian_packages(needs)?;
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm()?;
    if needs.test_tools {
        python_tools()?;
        diesel_cli()?;
    }
    Ok(())
}

fn installed(pkg: &str) -> bool {
    output(Command::new("dpkg-query").args(["-W", "-f=${Status}", pkg]))
        .is_some_and(|s| s.contains("install ok installed"))
}

fn debian_packages(needs: Needs) -> anyhow::Result<()> {
    let mut wanted = vec![
        "postgresql",
        "rsync",
        "openssh-client",
        "openssh-server",
        "nodejs",
        "npm",
        // setfacl/getfacl: the engine tests back up POSIX ACLs.
        "acl",
    ];
    if needs.test_tools {
        // prometheus: its promtool checks the /metrics output and the example alert rules;
        // systemd: `systemd-analyze verify` checks the Debian package's unit.
        wanted.extend([
            "chromium",
            "libpq-dev",
            "python3-venv",
            "prometheus",
            "systemd",
            // The script library's MySQL dump is tested against a real MariaDB.
            "mariadb-server",
        ]);
    }
    // node and npm may come from elsewhere than Debian (as on the CI image).
    let missing: Vec<&str> = wanted
        .into_iter()
        .filter(|p| !installed(p))
        .filter(|p| match *p {
            "nodejs" => output(Command::new("node").arg("--version")).is_none(),
            "npm" => output(Command::new("npm").arg("--version")).is_none(),
            "python3-venv" => {
                output(Command::new("python3").args(["-m", "venv", "--help"])).is_none()
            }
            _ => true,
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "missing Debian packages: {}. Install them with: sudo apt-get install {}",
            missing.join(" "),
            missing.join(" ")
        );
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// What `cargo xtask deb` needs beyond the build: dpkg-dev (`dpkg-shlibdeps` computes the
/// package's library dependencies) and cargo-deb.
pub fn deb_tools() -> anyhow::Result<()> {
    if !installed("dpkg-dev") {
        if !is_root() {
            bail!(
                "missing Debian package dpkg-dev. Install it with: sudo apt-get install dpkg-dev"
            );
        }
        run(Command::new("apt-get")
            .args([
                "install",
                "-y",
                "-qq",
                "--no-install-recommends",
                "dpkg-dev",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    if output(cmd("cargo").args(["deb", "--version"]))
        .is_some_and(|v| v.contains(CARGO_DEB_VERSION))
    {
        return Ok(());
    }
    run(cmd("cargo").args([
        "install",
        "--locked",
        &format!("cargo-deb@{CARGO_DEB_VERSION}"),
    ]))
}

fn wasm_target() -> anyhow::Result<()> {
    let list = output(Command::new("rustup").args(["target", "list", "--installed"]));
    if list.is_some_and(|l| l.lines().any(|t| t.trim() == "wasm32-unknown-unknown")) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn tool_version(program: &str) -> Option<String> {
    output(cmd(program).arg("--version"))
}

fn trunk() -> anyhow::Result<()> {
    if tool_version("trunk").is_some_and(|v| v.contains(TRUNK_VERSION)) {
        return Ok(());
    }
    run(cmd("cargo").args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")]))
}

/// The wasm-bindgen version in Cargo.lock, which the CLI must match exactly.
fn locked_wasm_bindgen() -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

fn wasm_bindgen() -> anyhow::Result<()> {
    let want = locked_wasm_bindgen()?;
    if tool_version("wasm-bindgen").is_some_and(|v| v.split_whitespace().nth(1) == Some(&want)) {
        return Ok(());
    }
    // Without --locked: its lockfile names a crate version the registry mirror lacks.
    run(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn npm() -> anyhow::Result<()> {
    let lock = root().join("package-lock.json");
    let marker = root().join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&marker)) {
        (Ok(l), Ok(m)) => m.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn python_tools() -> anyhow::Result<()> {
    let venv = root().join(".venv");
    let req = root().join("e2e/requirements.txt");
    let stamp = venv.join(".installed");
    let current = std::fs::read_to_string(&req).context("reading e2e/requirements.txt")?;
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == current) {
        return Ok(());
    }
    if !venv.join("bin/python").exists() {
        run(cmd("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    run(cmd(&venv.join("bin/pip").to_string_lossy())
        .args(["install", "--quiet", "-r"])
        .arg(&req))?;
    std::fs::write(stamp, current)?;
    Ok(())
}

fn diesel_cli() -> anyhow::Result<()> {
    if tool_version("diesel").is_some_and(|v| v.contains("2.3")) {
        return Ok(());
    }
    run(cmd("cargo").args([
        "install",
        "diesel_cli",
        "--version",
        "2.3.14",
        "--no-default-features",
        "--features",
        "postgres",
        "--locked",
    ]))
}
