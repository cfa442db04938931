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

/// Lists an rsync daemon's modules: reachable or not.
pub async fn daemon(rsync: &Path, host: &str, port: u16, timeout_secs: u32) -> Diagnosis {
    let out = async_process::Command::new(rsync)
        .arg(format!("--contimeout={timeout_secs}"))
        .arg("--")
        .arg(format!("rsync://{host}:{port}/"))
        .stdin(Stdio::null())
        .output()
        .await;
    match out {
        Ok(o) if o.status.success() => Diagnosis::Ok("rsync daemon".into()),
        _ => Diagnosis::Unreachable,
    }
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
