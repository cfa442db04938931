//! What one of a client's keys lets the server do, found by trying: a command (a key
//! that runs one has a shell), then, for a key with a forced command, an rsync listing
//! (reading) and an rsync dry-run push of an empty directory (writing, with nothing
//! written). No shell on the server; the dry run changes nothing on the client.

use std::path::Path;
use std::process::Stdio;

use shared::clients::KeyState;

use super::argv::{ssh_argv, ssh_command};
use super::probe::{diagnose, Diagnosis};

/// How the server reaches the client with one key.
#[derive(Debug, Clone)]
pub struct KeyReach<'a> {
    pub user: &'a str,
    pub host: &'a str,
    pub port: u16,
    pub key: &'a Path,
    pub known_hosts: &'a Path,
    pub ssh_options: &'a [String],
    pub timeout_secs: u32,
    /// The server's rsync.
    pub rsync: &'a Path,
    /// An empty directory of the server's (the dry-run push's source).
    pub empty_dir: &'a Path,
}

/// What trying a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFound {
    /// The key's state; with a shell, the client's `rsync --version` first line.
    State(KeyState, Option<String>),
    /// The client could not be asked (unreachable, host key mismatch, no rsync).
    Failed(Diagnosis),
}

/// The verdict of `rsync --version` run over the key (pure, for tests): a key that runs
/// it has a shell; one refused by the client is missing; a forced command (rrsync
/// refuses anything but `rsync --server`) needs the rsync probes.
pub fn first_verdict(exit: Option<i32>, stdout: &str, stderr: &str) -> Option<KeyFound> {
    match diagnose(exit, stdout, stderr) {
        Diagnosis::Ok(line) if line.starts_with("rsync") => {
            Some(KeyFound::State(KeyState::Unrestricted, Some(line)))
        }
        // ssh's own refusal of the key; any other "Permission denied" is the forced
        // command's (a client's rrsync that cannot be run).
        Diagnosis::AuthRefused if stderr.contains("Permission denied (publickey") => {
            Some(KeyFound::State(KeyState::Missing, None))
        }
        Diagnosis::AuthRefused => Some(KeyFound::State(KeyState::Broken, None)),
        d @ (Diagnosis::HostKeyMismatch | Diagnosis::HostKeyUnverified) => {
            Some(KeyFound::Failed(d))
        }
        // The forced command itself is not there (`rrsync: not found`).
        Diagnosis::RsyncMissing if stderr.contains("rrsync") => {
            Some(KeyFound::State(KeyState::Broken, None))
        }
        Diagnosis::RsyncMissing => Some(KeyFound::Failed(Diagnosis::RsyncMissing)),
        Diagnosis::Unreachable if super::classify::ssh_unreachable(stderr) => {
            Some(KeyFound::Failed(Diagnosis::Unreachable))
        }
        _ => None,
    }
}

/// The state of a key with a forced command, from what rsync could do through it.
pub fn forced_state(can_read: bool, can_write: bool) -> KeyState {
    match (can_read, can_write) {
        (true, false) => KeyState::ReadOnly,
        (false, true) => KeyState::WriteOnly,
        (true, true) => KeyState::ReadWrite,
        (false, false) => KeyState::Broken,
    }
}

/// Tries the key.
pub async fn probe(r: &KeyReach<'_>) -> KeyFound {
    let mut words = ssh_argv(r.port, r.key, r.known_hosts, r.ssh_options, r.timeout_secs);
    let program = words.remove(0);
    let out = async_process::Command::new(program)
        .args(&words)
        .arg("--")
        .arg(format!("{}@{}", r.user, r.host))
        .args(["rsync", "--version"])
        .stdin(Stdio::null())
        .output()
        .await;
    let Ok(out) = out else {
        return KeyFound::Failed(Diagnosis::Unreachable);
    };
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    if let Some(found) = first_verdict(out.status.code(), &stdout, &stderr) {
        return found;
    }
    let Ok(shell) = ssh_command(r.port, r.key, r.known_hosts, r.ssh_options, r.timeout_secs) else {
        return KeyFound::Failed(Diagnosis::Unreachable);
    };
    // `/` is the root rrsync confines the key to.
    let remote = format!("{}@{}:/", r.user, r.host);
    let (can_read, read_err) =
        rsync_ok(r.rsync, &["--list-only", "--dirs"], &shell, None, &remote).await;
    let (can_write, write_err) = rsync_ok(
        r.rsync,
        &["--dry-run", "--dirs"],
        &shell,
        Some(r.empty_dir),
        &remote,
    )
    .await;
    // The client stopped answering between the tries: not a verdict on the key.
    if !can_read
        && !can_write
        && super::classify::ssh_unreachable(&read_err)
        && super::classify::ssh_unreachable(&write_err)
    {
        return KeyFound::Failed(Diagnosis::Unreachable);
    }
    KeyFound::State(forced_state(can_read, can_write), None)
}

/// Whether rsync succeeds (a pull of `remote` without `source`, else a push of `source`
/// to it), and its error output.
async fn rsync_ok(
    rsync: &Path,
    options: &[&str],
    shell: &str,
    source: Option<&Path>,
    remote: &str,
) -> (bool, String) {
    let mut cmd = async_process::Command::new(rsync);
    cmd.args(options).arg("-e").arg(shell).arg("--");
    match source {
        Some(dir) => {
            let mut s = dir.as_os_str().to_owned();
            s.push("/");
            cmd.arg(s).arg(remote)
        }
        None => cmd.arg(remote),
    };
    match cmd.stdin(Stdio::null()).output().await {
        Ok(o) => (
            o.status.success(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        ),
        Err(e) => (false, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_answer() {
        assert_eq!(
            first_verdict(Some(0), "rsync  version 3.4.1  protocol version 32\n", ""),
            Some(KeyFound::State(
                KeyState::Unrestricted,
                Some("rsync  version 3.4.1  protocol version 32".into())
            ))
        );
        assert_eq!(
            first_verdict(Some(255), "", "eb@h: Permission denied (publickey).\r\n"),
            Some(KeyFound::State(KeyState::Missing, None))
        );
        // rrsync's refusal of anything but `rsync --server`: probe further.
        assert_eq!(
            first_verdict(
                Some(1),
                "",
                "/usr/bin/rrsync error: --server option is not the first arg\n"
            ),
            None
        );
        assert_eq!(
            first_verdict(Some(127), "", "sh: 1: rrsync: not found\n"),
            Some(KeyFound::State(KeyState::Broken, None))
        );
        // Installed, but the forced command cannot be run: not a missing key.
        assert_eq!(
            first_verdict(
                Some(126),
                "",
                "sh: 1: /usr/local/bin/rrsync: Permission denied\n"
            ),
            Some(KeyFound::State(KeyState::Broken, None))
        );
        assert_eq!(
            first_verdict(
                Some(255),
                "",
                "ssh: connect to host h port 22: Connection refused\r\n"
            ),
            Some(KeyFound::Failed(Diagnosis::Unreachable))
        );
    }

    #[test]
    fn forced_states() {
        assert_eq!(forced_state(true, false), KeyState::ReadOnly);
        assert_eq!(forced_state(false, true), KeyState::WriteOnly);
        assert_eq!(forced_state(true, true), KeyState::ReadWrite);
        assert_eq!(forced_state(false, false), KeyState::Broken);
    }
}
