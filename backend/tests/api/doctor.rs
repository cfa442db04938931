//! `elkarbackup doctor` end to end: the built binary against a real database, each problem
//! it checks created for real (an old rsync, no ssh, a wrong PostgreSQL directory, a data
//! directory the `postgres` user cannot enter, broken locations, broken TLS files), a
//! healthy installation exiting 0, and the report in Basque and Spanish.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use chrono::{Datelike, TimeDelta, Utc};
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_elkarbackup");

/// `elkarbackup doctor` with a clean environment: English, no configuration file, the
/// given database (`None`: the managed cluster in `data`).
pub(crate) fn doctor(data: &Path, database: Option<&str>) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data-dir").arg(data).arg("doctor");
    for var in [
        "DATABASE_URL",
        "ELKARBACKUP_DATABASE_URL",
        "ELKARBACKUP_CONFIG",
        "ELKARBACKUP_RSYNC",
        "ELKARBACKUP_MIN_FREE_PERCENT",
        "ELKARBACKUP_POSTGRES_BIN_DIR",
        "ELKARBACKUP_TLS_CERTIFICATE",
        "ELKARBACKUP_TLS_KEY",
        "LANGUAGE",
        "LC_ALL",
        "LC_MESSAGES",
    ] {
        c.env_remove(var);
    }
    if let Some(url) = database {
        c.env("DATABASE_URL", url);
    }
    c.env("LANG", "C.UTF-8")
        .env("ELKARBACKUP_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    c
}

/// Runs it: whether it exited 0, and its report.
pub(crate) async fn report(mut c: Command) -> (bool, String) {
    let out = tokio::time::timeout(Duration::from_secs(180), c.output())
        .await
        .expect("doctor finished")
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?}: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The report's line of `subject` with `status` (`[problem]`, …), or a failure showing all.
pub(crate) fn line<'a>(text: &'a str, status: &str, subject: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(status) && l[status.len()..].trim_start().starts_with(subject))
        .unwrap_or_else(|| panic!("no {status} line for {subject}:\n{text}"))
}

/// The line of a location that is in order, or only low on space (the test machine's disk
/// may be fuller than 10 %: that is a warning, never a problem at the default 1 %).
fn usable<'a>(text: &'a str, subject: &str) -> &'a str {
    text.lines()
        .find(|l| (l.starts_with("[ok]") || l.starts_with("[warning]")) && l.contains(subject))
        .unwrap_or_else(|| panic!("{subject} is usable:\n{text}"))
}

fn problems(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with("[problem]"))
        .collect()
}

fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

async fn add_location(db: &str, name: &str, dir: &str, active: bool) {
    crate::helpers::pg(db)
        .await
        .execute(
            "INSERT INTO backup_locations (name, directory, max_parallel_jobs, active) \
             VALUES ($1, $2, 1, $3)",
            &[&name, &dir, &active],
        )
        .await
        .unwrap();
}

/// A self-signed certificate valid from `from` to `to` days from today, and its key, as
/// files in `dir` named after `name`.
pub(crate) fn certificate(dir: &Path, name: &str, from: i64, to: i64) -> (PathBuf, PathBuf) {
    let day = |days: i64| {
        let d = Utc::now() + TimeDelta::days(days);
        rcgen::date_time_ymd(d.year(), d.month() as u8, d.day() as u8)
    };
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["backup.example".to_owned()]).unwrap();
    params.not_before = day(from);
    params.not_after = day(to);
    let cert = params.self_signed(&key).unwrap();
    let (c, k) = (
        dir.join(format!("{name}.crt")),
        dir.join(format!("{name}.key")),
    );
    std::fs::write(&c, cert.pem()).unwrap();
    std::fs::write(&k, key.serialize_pem()).unwrap();
    (c, k)
}

/// A healthy installation on an existing database: a writable location, a valid
/// certificate; nothing is a problem and the exit status is 0.
#[tokio::test]
async fn a_healthy_installation_reports_no_problem() {
    let (url, db) = crate::helpers::fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    add_location(&db, "Main", &store.to_string_lossy(), true).await;
    let (cert, key) = certificate(dir.path(), "server", -1, 365);
    let mut c = doctor(&dir.path().join("data"), Some(&url));
    c.env("ELKARBACKUP_TLS_CERTIFICATE", &cert)
        .env("ELKARBACKUP_TLS_KEY", &key)
        .env("ELKARBACKUP_TIME_ZONE", "Europe/Madrid");
    let (ok, text) = report(c).await;
    assert!(ok, "exit 0:\n{text}");
    assert!(problems(&text).is_empty(), "{text}");
    assert!(line(&text, "[ok]", "PostgreSQL:").contains("pg_dump, pg_restore"));
    assert!(line(&text, "[ok]", "Database:").contains("DATABASE_URL"));
    assert!(
        !text.contains(&url),
        "the database address is not printed: {text}"
    );
    let main = usable(&text, "Location “Main”:");
    assert!(main.contains(&*store.to_string_lossy()), "{main}");
    assert!(
        main.contains("writable") || main.contains("less than 10 %"),
        "{main}"
    );
    assert_eq!(
        std::fs::read_dir(&store).unwrap().count(),
        0,
        "the probe file is gone"
    );
    assert!(line(&text, "[ok]", "ssh:").contains("ssh-keygen"));
    assert!(line(&text, "[ok]", "HTTPS:").contains(&*cert.to_string_lossy()));
    let zone = line(&text, "[ok]", "Time zone:");
    assert!(
        zone.contains("Europe/Madrid") && zone.contains("ELKARBACKUP_TIME_ZONE"),
        "{zone}"
    );
    assert!(line(&text, "[ok]", "Clock:").contains("agrees"), "{text}");
    assert!(text.contains("No problems."), "{text}");
}

/// A fresh data directory with the managed cluster: doctor starts it the way `migrate`
/// does, finds everything in order, and stops it again.
#[tokio::test]
async fn a_fresh_managed_installation_is_healthy_and_left_stopped() {
    let dir = tempfile::Builder::new().prefix("ebk").tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("d");
    let (ok, text) = report(doctor(&data, None)).await;
    assert!(ok, "exit 0:\n{text}");
    assert!(line(&text, "[ok]", "PostgreSQL:").contains("initdb, postgres, pg_dump, pg_restore"));
    if nix::unistd::Uid::effective().is_root() {
        let reach = text
            .lines()
            .find(|l| l.starts_with("[ok]") && l.contains("can reach"))
            .unwrap_or_else(|| panic!("the postgres user's access is said: {text}"));
        assert!(
            reach.contains(&*data.join("postgres").to_string_lossy()),
            "{reach}"
        );
    }
    assert!(
        line(&text, "[ok]", "Database:").contains("managed cluster"),
        "{text}"
    );
    assert!(data.join("postgres/data/PG_VERSION").exists());
    assert!(
        !data.join("postgres/data/postmaster.pid").exists(),
        "the cluster it started is stopped again"
    );
}

/// A fake rsync printing an old version is a problem (exit 1); 3.3.0 only a warning naming
/// the 2025 CVEs (exit 0); a missing program a problem.
#[tokio::test]
async fn old_and_unpatched_rsync_versions() {
    let (url, _) = crate::helpers::fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let old = script(
        dir.path(),
        "rsync-old",
        "echo 'rsync  version 3.1.3  protocol version 31'",
    );
    let mid = script(
        dir.path(),
        "rsync-mid",
        "echo 'rsync  version 3.3.0  protocol version 31'",
    );
    let data = dir.path().join("data");

    let mut c = doctor(&data, Some(&url));
    c.env("ELKARBACKUP_RSYNC", &old);
    let (ok, text) = report(c).await;
    assert!(!ok, "an old rsync fails the check:\n{text}");
    let l = line(&text, "[problem]", "rsync:");
    assert!(l.contains("3.1.3") && l.contains("3.2.7"), "{l}");
    assert_eq!(problems(&text).len(), 1, "{text}");

    let mut c = doctor(&data, Some(&url));
    c.env("ELKARBACKUP_RSYNC", &mid);
    let (ok, text) = report(c).await;
    assert!(ok, "a warning alone exits 0:\n{text}");
    let l = line(&text, "[warning]", "rsync:");
    for cve in [
        "CVE-2024-12084",
        "CVE-2024-12088",
        "CVE-2024-12747",
        "3.2.7-1+deb12u2",
        "advisory",
    ] {
        assert!(l.contains(cve), "{cve}: {l}");
    }
    assert!(text.contains("1 warning."), "{text}");

    let mut c = doctor(&data, Some(&url));
    c.env("ELKARBACKUP_RSYNC", dir.path().join("no-such-rsync"));
    let (ok, text) = report(c).await;
    assert!(!ok);
    assert!(line(&text, "[problem]", "rsync:").contains("apt-get install rsync"));
}

/// Where the program is on this machine's `PATH`, to name it when the `PATH` is emptied.
fn on_path(name: &str) -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap())
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} on the PATH"))
}

/// Without ssh and ssh-keygen on the `PATH`, both are problems.
#[tokio::test]
async fn ssh_missing_from_the_path() {
    let (url, _) = crate::helpers::fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let rsync = on_path("rsync");
    let mut c = doctor(&dir.path().join("data"), Some(&url));
    c.env("PATH", dir.path()).env("ELKARBACKUP_RSYNC", rsync);
    let (ok, text) = report(c).await;
    assert!(!ok, "{text}");
    assert!(line(&text, "[problem]", "ssh:").contains("apt-get install openssh-client"));
    let keygen = text
        .lines()
        .filter(|l| l.starts_with("[problem]") && l.contains("ssh-keygen does not run"))
        .count();
    assert_eq!(keygen, 1, "{text}");
    // Without timedatectl the NTP state is unknown: a note, not a problem.
    assert!(
        line(&text, "[note]", "Clock:").contains("unknown"),
        "{text}"
    );
}

/// The managed cluster: a wrong postgres_bin_dir, then (as root) a data directory under
/// one the `postgres` user cannot enter; neither starts the cluster.
#[tokio::test]
async fn managed_cluster_programs_and_access() {
    let dir = tempfile::Builder::new().prefix("ebk").tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("d");
    let nowhere = dir.path().join("nowhere");
    let mut c = doctor(&data, None);
    c.env("ELKARBACKUP_POSTGRES_BIN_DIR", &nowhere);
    let (ok, text) = report(c).await;
    assert!(!ok, "{text}");
    let l = line(&text, "[problem]", "PostgreSQL:");
    assert!(
        l.contains(&*nowhere.to_string_lossy()) && l.contains("postgres_bin_dir"),
        "{l}"
    );
    line(&text, "[skipped]", "Database:");
    assert!(!data.join("postgres").exists(), "nothing was started");

    if !nix::unistd::Uid::effective().is_root() {
        eprintln!("skipped the access part: only root runs the cluster as postgres");
        return;
    }
    let closed = tempfile::Builder::new().prefix("ebk").tempdir().unwrap();
    std::fs::set_permissions(closed.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let data = closed.path().join("d");
    let (ok, text) = report(doctor(&data, None)).await;
    assert!(!ok, "{text}");
    let l = line(&text, "[problem]", "PostgreSQL:");
    let blocking = closed.path().to_string_lossy();
    assert!(
        l.contains("cannot enter") && l.contains(&*format!("{blocking},")),
        "{l}"
    );
    assert!(
        l.contains("/var/lib") && l.contains("setfacl"),
        "the fix: {l}"
    );
    line(&text, "[skipped]", "Database:");
    assert!(!data.join("postgres/data").exists(), "initdb never ran");
}

/// Locations that do not exist, are a file, cannot be written, are inactive, or are below
/// `min_free_percent`; and the report in Basque and Spanish.
#[tokio::test]
async fn broken_locations_and_the_report_language() {
    let (url, db) = crate::helpers::fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("unplugged-disk");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"not a directory").unwrap();
    let good = dir.path().join("good");
    std::fs::create_dir(&good).unwrap();
    let s = |p: &Path| p.to_string_lossy().into_owned();
    add_location(&db, "Gone", &s(&missing), true).await;
    add_location(&db, "File", &s(&file), true).await;
    // Root writes through any mode bits: /proc refuses new files to everyone.
    add_location(&db, "Proc", "/proc/self", true).await;
    add_location(&db, "Old", &s(&missing), false).await;
    add_location(&db, "Good", &s(&good), true).await;
    let data = dir.path().join("data");

    let (ok, text) = report(doctor(&data, Some(&url))).await;
    assert!(!ok, "{text}");
    assert!(line(&text, "[problem]", "Location “Gone”:").contains("does not exist"));
    assert!(line(&text, "[problem]", "Location “File”:").contains("is not a directory"));
    assert!(line(&text, "[problem]", "Location “Proc”:").contains("Cannot write into /proc/self"));
    assert!(line(&text, "[skipped]", "Location “Old”:").contains("inactive"));
    usable(&text, "Location “Good”:");
    assert!(text.contains("3 problems:"), "{text}");

    let mut c = doctor(&data, Some(&url));
    c.env("ELKARBACKUP_MIN_FREE_PERCENT", "100");
    let (ok, text) = report(c).await;
    assert!(!ok);
    let l = line(&text, "[problem]", "Location “Good”:");
    assert!(
        l.contains("min_free_percent") && l.contains("below 100 %"),
        "{l}"
    );

    for (lang, status, subject, words) in [
        ("eu_ES.UTF-8", "[arazoa]", "«Gone» kokapena:", "ez dago"),
        (
            "es_ES.UTF-8",
            "[problema]",
            "Ubicación «Gone»:",
            "no existe",
        ),
    ] {
        let mut c = doctor(&data, Some(&url));
        c.env("LANG", lang);
        let (ok, text) = report(c).await;
        assert!(!ok);
        let l = line(&text, status, subject);
        assert!(l.contains(words) && l.contains(&s(&missing)), "{lang}: {l}");
        assert!(!text.contains(": doctor-"), "{lang}: untranslated: {text}");
        assert!(!text.contains("[problem]"), "{lang}: {text}");
    }
    let mut c = doctor(&data, Some(&url));
    c.env("LANG", "eu_ES.UTF-8");
    assert!(report(c).await.1.contains("3 arazo:"));
}
