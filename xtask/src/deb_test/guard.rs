//! Keeps the package test away from a real installation: it refuses to run when the
//! package `elkarbackup` is installed or its directories exist and no marker file says an
//! earlier run of this test made them; what such a run left behind it removes (its server
//! and that server's PostgreSQL stopped by their recorded ids, the package purged, the
//! directories deleted).

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::run::{output, run};

/// Written before anything is installed; the server pids the test starts are appended.
const MARKER: &str = "/var/lib/elkarbackup.deb-test";
/// The package's data directory.
pub const DATA_DIR: &str = "/var/lib/elkarbackup";
const CONFIG_DIR: &str = "/etc/elkarbackup";

/// The test's claim on the machine's `elkarbackup` paths.
pub struct Marker(());

impl Marker {
    /// Refuses to run beside a real installation, cleans up an earlier run's leftovers,
    /// then writes the marker.
    pub fn claim() -> anyhow::Result<Marker> {
        let mut found = Vec::new();
        if let Some(status) = package_status() {
            found.push(format!("the package elkarbackup ({status})"));
        }
        for dir in [DATA_DIR, CONFIG_DIR] {
            if Path::new(dir).exists() {
                found.push(dir.to_owned());
            }
        }
        if Path::new(MARKER).exists() {
            eprintln!("xtask: removing what an earlier run of this test left: {found:?}");
            clean_up()?;
        } else if !found.is_empty() {
            bail!(
                "refusing to run: {} exist(s) and {MARKER} does not say this test made them. \
                 The test installs, upgrades and purges the package elkarbackup and deletes \
                 {DATA_DIR}; it never touches an installation it did not make. Run it on a \
                 machine without ElkarBackup installed.",
                found.join(", ")
            );
        }
        std::fs::write(
            MARKER,
            "made by the Debian package test (xtask/src/deb_test.rs); its next run removes \
             the package elkarbackup, /var/lib/elkarbackup and /etc/elkarbackup\n",
        )
        .with_context(|| format!("writing {MARKER}"))?;
        Ok(Marker(()))
    }

    /// Records the pid of a server the test started, for a later run's clean-up.
    pub fn record_pid(&self, pid: u32) -> anyhow::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(MARKER)
            .with_context(|| format!("opening {MARKER}"))?;
        writeln!(f, "server pid {pid}")?;
        Ok(())
    }

    /// Removes the package and every file the test made, the marker last.
    pub fn release(self) -> anyhow::Result<()> {
        clean_up()
    }
}

/// The package's dpkg status, unless dpkg does not know it or it is not installed.
fn package_status() -> Option<String> {
    output(Command::new("dpkg-query").args(["-W", "-f=${Status}", "elkarbackup"]))
        .filter(|s| !s.contains("not-installed"))
}

fn clean_up() -> anyhow::Result<()> {
    let marker = std::fs::read_to_string(MARKER).unwrap_or_default();
    for pid in marker
        .lines()
        .filter_map(|l| l.strip_prefix("server pid "))
        .filter_map(|p| p.trim().parse::<u32>().ok())
    {
        if process_runs(pid, "/usr/bin/elkarbackup") {
            stop(pid, "TERM")?;
        }
    }
    let postmaster = Path::new(DATA_DIR).join("postgres/data/postmaster.pid");
    if let Some(pid) = std::fs::read_to_string(&postmaster)
        .ok()
        .and_then(|t| t.lines().next()?.trim().parse::<u32>().ok())
    {
        if process_runs(pid, "/usr/lib/postgresql/") {
            // A fast shutdown, as the server itself stops it.
            stop(pid, "INT")?;
        }
    }
    if package_status().is_some() {
        run(Command::new("dpkg").args(["--purge", "elkarbackup"]))?;
    }
    for dir in [DATA_DIR, CONFIG_DIR] {
        if Path::new(dir).exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("removing {dir}"))?;
        }
    }
    if Path::new(MARKER).exists() {
        std::fs::remove_file(MARKER).with_context(|| format!("removing {MARKER}"))?;
    }
    Ok(())
}

/// Whether `pid` is alive and runs a program under `exe_prefix` (so that a recycled pid
/// is never signalled).
fn process_runs(pid: u32, exe_prefix: &str) -> bool {
    std::fs::read_link(format!("/proc/{pid}/exe"))
        .is_ok_and(|exe| exe.to_string_lossy().starts_with(exe_prefix))
}

/// Sends `signal` to `pid` and waits up to 90 s for it to end.
fn stop(pid: u32, signal: &str) -> anyhow::Result<()> {
    run(Command::new("kill").args([&format!("-{signal}"), &pid.to_string()]))?;
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        if start.elapsed() > Duration::from_secs(90) {
            bail!("process {pid} did not end within 90 s of SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}
