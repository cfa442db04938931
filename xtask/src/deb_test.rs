//! The Debian package test (a step of `cargo xtask test`; alone: `cargo xtask deb-test`),
//! as root: builds the package from the debug build, installs it with dpkg, checks its
//! files, conffile, dependencies and unit (`systemd-analyze verify`), starts the unit's
//! ExecStart the way systemd would, signs in with the password from
//! `initial-admin-password` and backs up a local directory; upgrades to a higher version
//! (data, password and snapshot kept, every migration applied); removes and purges (data
//! kept, and the purge says so). It never runs beside a real installation (guard.rs).

mod api;
mod guard;
mod service;
mod unit;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context};

use crate::deb::{package, Build};
use crate::run::{is_root, output, root};
use api::Api;
use guard::{Marker, DATA_DIR};
use service::Service;

const UNIT: &str = "/usr/lib/systemd/system/elkarbackup.service";
const CONFIG: &str = "/etc/elkarbackup/config.toml";
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The source file whose copy the test looks for in the snapshot.
const PROBE: &str = "sub/inner.txt";
const PROBE_TEXT: &str = "kept by the Debian package test\n";
/// The owner the probe gets (nobody), which the snapshot must keep.
const PROBE_UID: u32 = 65534;

/// Runs the whole scenario, then removes the package and everything it made.
pub fn run() -> anyhow::Result<()> {
    if !is_root() {
        eprintln!(
            "xtask: skipped: the Debian package test installs a package, so it runs as root only"
        );
        return Ok(());
    }
    let marker = Marker::claim()?;
    let work = root().join("target/deb-test");
    let result = reset_dir(&work).and_then(|()| scenario(&marker, &work));
    let cleaned = marker.release();
    result?;
    cleaned
}

fn scenario(marker: &Marker, work: &Path) -> anyhow::Result<()> {
    let source = work.join("source");
    make_source(&source)?;
    let password_file = format!("{DATA_DIR}/initial-admin-password");

    let first = package(Build::Debug, Some(&format!("{VERSION}-1")))?;
    let said = dpkg(&["-i".as_ref(), first.as_os_str()])?;
    expect_said(
        &said,
        &[
            &password_file,
            "elkarbackup --config /etc/elkarbackup/config.toml serve",
        ],
    )?;
    check_installed(&format!("{VERSION}-1"))?;
    let unit = check_unit()?;
    let server = Service::start(&unit, free_port()?, &work.join("server-1.log"), marker)?;
    let password = read_password(&password_file)?;
    // Right after READY=1, without retrying: ready means listening.
    let api = Api::login(&server.base, "admin", &password)?;
    eprintln!("xtask: ready; signed in as admin with the password from {password_file}");
    let said = server.output();
    ensure!(
        !said.contains(&password),
        "the password was printed to the journal"
    );
    ensure!(
        !said.contains('\u{1b}'),
        "colour codes in the journal:\n{said}"
    );
    let job = api.local_job(&source)?;
    let run = api.run_now(job)?;
    ensure!(run["result"] == "ok", "the backup did not succeed: {run}");
    let snapshots = api.snapshots(job)?;
    ensure!(snapshots.len() == 1, "one snapshot expected: {snapshots:?}");
    let name = snapshots[0]["name"]
        .as_str()
        .context("snapshot without a name")?;
    let copy = check_copy(name)?;
    eprintln!("xtask: backed up a local directory: {}", copy.display());
    server.stop()?;

    upgrade(marker, work, &password, job, &snapshots[0])?;

    let said = dpkg(&["-r".as_ref(), "elkarbackup".as_ref()])?;
    expect_said(&said, &["data was kept in /var/lib/elkarbackup"])?;
    ensure!(
        !Path::new("/usr/bin/elkarbackup").exists(),
        "the binary survived dpkg -r"
    );
    ensure!(Path::new(CONFIG).exists(), "dpkg -r removed the conffile");
    ensure!(
        copy.is_file(),
        "dpkg -r deleted the snapshot {}",
        copy.display()
    );

    let said = dpkg(&["--purge".as_ref(), "elkarbackup".as_ref()])?;
    expect_said(&said, &["NOT deleted", "rm -rf /var/lib/elkarbackup"])?;
    ensure!(
        !Path::new(CONFIG).exists(),
        "dpkg --purge kept the conffile"
    );
    ensure!(
        copy.is_file(),
        "dpkg --purge deleted the snapshot {}",
        copy.display()
    );
    ensure!(
        Path::new(&password_file).is_file(),
        "dpkg --purge deleted the data directory"
    );
    eprintln!("xtask: Debian package: installed, served, backed up, upgraded, removed, purged");
    Ok(())
}

/// A higher version over the first: the conffile's local edit, the data, the password and
/// the snapshot are kept, and every migration is applied.
fn upgrade(
    marker: &Marker,
    work: &Path,
    password: &str,
    job: i64,
    snapshot: &serde_json::Value,
) -> anyhow::Result<()> {
    let edit = "\n# edited by the Debian package test\n";
    let mut config = std::fs::read_to_string(CONFIG)?;
    config.push_str(edit);
    std::fs::write(CONFIG, &config)?;
    let version = format!("{VERSION}-2");
    let second = package(Build::Debug, Some(&version))?;
    let said = dpkg(&["-i".as_ref(), second.as_os_str()])?;
    expect_said(&said, &["your data in", "is kept"])?;
    ensure!(
        query("${Version}")? == version,
        "dpkg -i did not install {version}"
    );
    ensure!(
        std::fs::read_to_string(CONFIG)?.ends_with(edit),
        "the upgrade lost the local edit of {CONFIG}"
    );
    let unit = unit::parse(&std::fs::read_to_string(UNIT)?)?;
    let server = Service::start(&unit, free_port()?, &work.join("server-2.log"), marker)?;
    let api = Api::login(&server.base, "admin", password)
        .context("the first password after the upgrade")?;
    let snapshots = api.snapshots(job)?;
    ensure!(
        snapshots.len() == 1 && snapshots[0]["id"] == snapshot["id"],
        "the snapshot is not listed after the upgrade: {snapshots:?}"
    );
    check_migrations()?;
    eprintln!("xtask: upgraded to {version}: same password, snapshot and every migration");
    server.stop()
}

fn reset_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}

/// A few files to back up; the probe is owned by nobody with mode 0600.
fn make_source(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("sub"))?;
    std::fs::write(dir.join("hello.txt"), "hello\n")?;
    let probe = dir.join(PROBE);
    std::fs::write(&probe, PROBE_TEXT)?;
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o600))?;
    std::os::unix::fs::chown(&probe, Some(PROBE_UID), Some(PROBE_UID))?;
    Ok(())
}

/// Runs dpkg, prints and returns what it (and the maintainer scripts) said.
fn dpkg(args: &[&std::ffi::OsStr]) -> anyhow::Result<String> {
    let mut c = Command::new("dpkg");
    c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    eprintln!("xtask: $ {c:?}");
    let out = c.output().context("starting dpkg")?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprint!("{said}");
    ensure!(
        out.status.success(),
        "dpkg {args:?} failed with {}",
        out.status
    );
    Ok(said)
}

fn expect_said(said: &str, parts: &[&str]) -> anyhow::Result<()> {
    for part in parts {
        ensure!(said.contains(part), "dpkg's output does not say {part:?}");
    }
    Ok(())
}

/// A field of the installed package (`dpkg-query -W -f=FIELD`).
fn query(field: &str) -> anyhow::Result<String> {
    output(Command::new("dpkg-query").args(["-W", &format!("-f={field}"), "elkarbackup"]))
        .with_context(|| format!("dpkg-query {field}"))
}

/// The package's files where the Debian layout puts them, its conffile, dependencies and
/// version, the data directory, and the unit enabled.
fn check_installed(version: &str) -> anyhow::Result<()> {
    let mode = |p: &str| -> anyhow::Result<u32> {
        Ok(std::fs::metadata(p)
            .with_context(|| format!("{p} is missing"))?
            .mode()
            & 0o7777)
    };
    ensure!(
        mode("/usr/bin/elkarbackup")? == 0o755,
        "/usr/bin/elkarbackup is not 0755"
    );
    ensure!(mode(CONFIG)? == 0o640, "{CONFIG} is not 0640");
    ensure!(mode(DATA_DIR)? == 0o711, "{DATA_DIR} is not 0711");
    for file in [
        "/usr/share/elkarbackup/web/index.html",
        UNIT,
        "/usr/share/man/man1/elkarbackup.1.gz",
        "/usr/share/man/man1/elkarbackup-serve.1.gz",
        "/usr/share/doc/elkarbackup/README.md",
    ] {
        ensure!(Path::new(file).is_file(), "{file} is missing");
    }
    let copyright = std::fs::read_to_string("/usr/share/doc/elkarbackup/copyright")?;
    ensure!(
        copyright.contains("License: GPL-3.0-or-later"),
        "copyright: {copyright}"
    );
    let config = std::fs::read_to_string(CONFIG)?;
    for setting in [
        "data_dir = \"/var/lib/elkarbackup\"",
        "frontend_dir = \"/usr/share/elkarbackup/web\"",
    ] {
        ensure!(
            config.lines().any(|l| l == setting),
            "{CONFIG} lacks {setting}"
        );
    }
    let conffiles = query("${Conffiles}")?;
    ensure!(
        conffiles.contains(&format!(" {CONFIG} ")),
        "not a conffile: {conffiles:?}"
    );
    let depends = query("${Depends}")?;
    for dep in ["postgresql", "rsync (>= 3.2.7)", "openssh-client", "acl"] {
        ensure!(depends.contains(dep), "Depends lacks {dep}: {depends}");
    }
    ensure!(
        query("${Version}")? == version,
        "the installed version is not {version}"
    );
    let wants = "/etc/systemd/system/multi-user.target.wants/elkarbackup.service";
    ensure!(
        Path::new(wants).is_symlink(),
        "the unit is not enabled ({wants})"
    );
    Ok(())
}

/// `systemd-analyze verify` of the installed unit must print nothing; then the unit's
/// `[Service]` settings.
fn check_unit() -> anyhow::Result<unit::Service> {
    let mut c = Command::new("systemd-analyze");
    c.arg("verify");
    // It checks Documentation=man:… pages with man(1), when there is one.
    if output(Command::new("man").arg("--version")).is_none() {
        c.arg("--man=no");
    }
    let out = c.arg(UNIT).output().context("starting systemd-analyze")?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    ensure!(
        out.status.success() && said.trim().is_empty(),
        "systemd-analyze verify {UNIT} ({}):\n{said}",
        out.status
    );
    unit::parse(&std::fs::read_to_string(UNIT)?)
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// The first administrator's password, from its file, which must be 0600.
fn read_password(file: &str) -> anyhow::Result<String> {
    let meta = std::fs::metadata(file).with_context(|| format!("{file} is missing"))?;
    ensure!(
        meta.mode() & 0o777 == 0o600,
        "{file} has mode {:o}",
        meta.mode() & 0o777
    );
    let password = std::fs::read_to_string(file)?.trim().to_owned();
    ensure!(!password.is_empty(), "{file} is empty");
    Ok(password)
}

/// The probe's copy in the snapshot `name`, in the default location: same content, mode and
/// owner. Returns its path.
fn check_copy(name: &str) -> anyhow::Result<PathBuf> {
    let dir = find_snapshot(&Path::new(DATA_DIR).join("backups"), name, 4)
        .with_context(|| format!("no directory snapshots/{name} under {DATA_DIR}/backups"))?;
    let copy = dir.join("data").join(PROBE);
    let text =
        std::fs::read_to_string(&copy).with_context(|| format!("reading {}", copy.display()))?;
    ensure!(text == PROBE_TEXT, "{} holds {text:?}", copy.display());
    let meta = std::fs::metadata(&copy)?;
    ensure!(
        meta.mode() & 0o7777 == 0o600 && meta.uid() == PROBE_UID,
        "{} lost its mode or owner: {:o} uid {}",
        copy.display(),
        meta.mode() & 0o7777,
        meta.uid()
    );
    Ok(copy)
}

/// `…/snapshots/<name>` under `dir`, at most `depth` levels down.
fn find_snapshot(dir: &Path, name: &str, depth: usize) -> Option<PathBuf> {
    let candidate = dir.join("snapshots").join(name);
    if candidate.is_dir() {
        return Some(candidate);
    }
    if depth == 0 {
        return None;
    }
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .find_map(|e| find_snapshot(&e.path(), name, depth - 1))
}

/// `__diesel_schema_migrations` has one row per directory of `migrations/`.
fn check_migrations() -> anyhow::Result<()> {
    let expected = std::fs::read_dir(root().join("migrations"))?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .count();
    let socket = format!("{DATA_DIR}/postgres/run");
    let sql = "SELECT count(*) FROM __diesel_schema_migrations";
    let applied = output(Command::new("psql").args([
        "-h",
        &socket,
        "-U",
        "postgres",
        "-d",
        "elkarbackup",
        "-Atc",
        sql,
    ]))
    .context("psql on the package's cluster")?;
    let applied: usize = applied.trim().parse().context("psql's count")?;
    if applied != expected {
        bail!("{applied} migrations applied, {expected} in migrations/");
    }
    Ok(())
}
