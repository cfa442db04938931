//! "Test connection": can the server log in to a client with its key and pinned host key,
//! and is rsync there? A precise diagnosis rather than a yes/no (what each ssh key allows
//! is found in [`super::probe_keys`]).

use std::path::Path;
use std::process::Stdio;

use super::hostkeys;
use shared::runs::RunError;

/// The diagnosis of a connection test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diagnosis {
    /// Logged in; the remote rsync's first `--version` line.
    Ok(String),
    /// No answer, refused, or timed out.
    Unreachable,
    /// The host key was never accepted (now pending, when the host answered).
    HostKeyUnverified,
    /// The host presented a different key than the pinned one.
    HostKeyMismatch,
    /// The server's key was refused.
    AuthRefused,
    /// Logged in, but rsync is not installed there.
    RsyncMissing,
    /// An rsync daemon refused the login to a module.
    DaemonAuthFailed,
}

impl Diagnosis {
    /// Stable code for the API.
    pub fn code(&self) -> Option<RunError> {
        match self {
            Diagnosis::Ok(_) => None,
            Diagnosis::Unreachable => Some(RunError::Unreachable),
            Diagnosis::HostKeyUnverified => Some(RunError::HostKeyUnverified),
            Diagnosis::HostKeyMismatch => Some(RunError::HostKeyMismatch),
            Diagnosis::AuthRefused => Some(RunError::AuthRefused),
            Diagnosis::RsyncMissing => Some(RunError::RsyncMissing),
            Diagnosis::DaemonAuthFailed => Some(RunError::DaemonAuthFailed),
        }
    }
}

/// Reads ssh's verdict from its exit status and error output (pure, for tests).
pub fn diagnose(exit: Option<i32>, stdout: &str, stderr: &str) -> Diagnosis {
    if exit == Some(0) {
        return Diagnosis::Ok(stdout.lines().next().unwrap_or_default().trim().to_owned());
    }
    if hostkeys::is_mismatch(stderr) {
        return Diagnosis::HostKeyMismatch;
    }
    if stderr.contains("Permission denied") {
        return Diagnosis::AuthRefused;
    }
    if exit == Some(127) || stderr.contains("command not found") || stderr.contains("No such file")
    {
        return Diagnosis::RsyncMissing;
    }
    Diagnosis::Unreachable
}

/// How to reach an rsync daemon: where, as whom, and the modules the client's jobs read.
#[derive(Debug, Clone, Copy)]
pub struct DaemonReach<'a> {
    pub host: &'a str,
    pub port: u16,
    pub user: Option<&'a str>,
    /// Given to rsync as `RSYNC_PASSWORD` (empty: none).
    pub password: &'a str,
    pub modules: &'a [String],
}

/// Lists an rsync daemon's modules (reachable or not), then logs in to each module the
/// client's jobs read, as its backups do: a refused login is found before a backup.
pub async fn daemon(rsync: &Path, reach: DaemonReach<'_>, timeout_secs: u32) -> Diagnosis {
    let DaemonReach { host, port, .. } = reach;
    let list = |address: String| {
        async_process::Command::new(rsync)
            .arg(format!("--contimeout={timeout_secs}"))
            .arg("--")
            .arg(address)
            .env("RSYNC_PASSWORD", reach.password)
            .stdin(Stdio::null())
            .output()
    };
    match list(format!("rsync://{host}:{port}/")).await {
        Ok(o) if o.status.success() => {}
        _ => return Diagnosis::Unreachable,
    }
    let login = reach.user.map(|u| format!("{u}@")).unwrap_or_default();
    for module in reach.modules {
        match list(format!("rsync://{login}{host}:{port}/{module}/")).await {
            Ok(o) if super::classify::daemon_auth_failed(&String::from_utf8_lossy(&o.stderr)) => {
                return Diagnosis::DaemonAuthFailed
            }
            Ok(_) => {}
            Err(_) => return Diagnosis::Unreachable,
        }
    }
    Diagnosis::Ok("rsync daemon".into())
}

/// The daemon modules that job source paths read (`module/dir` → `module`), each once.
pub fn modules<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paths {
        let m = p
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        if !m.is_empty() && !out.iter().any(|o| o == m) {
            out.push(m.to_owned());
        }
    }
    out
}

/// Checks that rsync runs on the server itself (local clients).
pub async fn local(rsync: &Path) -> Diagnosis {
    match async_process::Command::new(rsync)
        .arg("--version")
        .output()
        .await
    {
        Ok(o) if o.status.success() => Diagnosis::Ok(
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        ),
        _ => Diagnosis::RsyncMissing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daemon_modules_of_job_paths() {
        assert_eq!(
            modules(["data/home", "/data/etc", "web", "", "web/"]),
            vec!["data".to_owned(), "web".to_owned()]
        );
    }

    #[test]
    fn diagnoses() {
        assert_eq!(
            diagnose(Some(0), "rsync  version 3.5.0  protocol version 32\n", ""),
            Diagnosis::Ok("rsync  version 3.5.0  protocol version 32".into())
        );
        assert_eq!(
            diagnose(Some(255), "", "root@h: Permission denied (publickey).\r\n"),
            Diagnosis::AuthRefused
        );
        assert_eq!(
            diagnose(
                Some(255),
                "",
                "@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@"
            ),
            Diagnosis::HostKeyMismatch
        );
        assert_eq!(
            diagnose(
                Some(255),
                "",
                "ssh: connect to host h port 22: Connection refused"
            ),
            Diagnosis::Unreachable
        );
        assert_eq!(
            diagnose(Some(127), "", "bash: line 1: rsync: command not found"),
            Diagnosis::RsyncMissing
        );
        assert_eq!(Diagnosis::AuthRefused.code(), Some(RunError::AuthRefused));
    }
}
