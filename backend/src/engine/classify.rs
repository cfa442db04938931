//! Classification of rsync's exit status (DESIGN.md §4.5, reliability.md §2.1): only 0 is
//! plainly ok; 24 (vanished files) and 25 (max-delete) are ok with a warning; 23 (partial)
//! is a warning when something was transferred and a failure when nothing was; everything
//! else — unknown codes and deaths by signal included — fails.

use shared::common::RunResult;
use shared::runs::RunError;

/// How rsync ended, as the operating system reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Exited with this code.
    Code(i32),
    /// Killed by this signal.
    Signal(i32),
}

/// The verdict on one rsync run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub result: RunResult,
    /// Stable error code for failed and warning runs (`rsync_partial`, `unreachable`, …).
    pub error_code: Option<RunError>,
    /// Whether trying again later may help (network trouble), for the scheduler.
    pub retryable: bool,
}

const fn v(result: RunResult, code: Option<RunError>, retryable: bool) -> Verdict {
    Verdict {
        result,
        error_code: code,
        retryable,
    }
}

/// Classifies an rsync exit; `files_transferred` is the count from `--stats` (regular
/// files sent or linked), `None` when the statistics are missing.
pub fn classify(exit: Exit, files_transferred: Option<u64>) -> Verdict {
    use RunResult::{Failed, Ok, Warning};
    let code = match exit {
        Exit::Signal(_) => return v(Failed, Some(RunError::RsyncKilled), false),
        Exit::Code(c) => c,
    };
    match code {
        0 => v(Ok, None, false),
        24 => v(Warning, Some(RunError::RsyncVanishedFiles), false),
        25 => v(Warning, Some(RunError::RsyncMaxDelete), false),
        23 => match files_transferred {
            Some(n) if n > 0 => v(Warning, Some(RunError::RsyncPartial), false),
            _ => v(
                Failed,
                Some(RunError::RsyncPartialNothingTransferred),
                false,
            ),
        },
        1 => v(Failed, Some(RunError::RsyncSyntax), false),
        2 => v(Failed, Some(RunError::RsyncProtocolIncompatible), false),
        3 => v(Failed, Some(RunError::RsyncFileSelection), false),
        4 => v(Failed, Some(RunError::RsyncUnsupported), false),
        5 => v(Failed, Some(RunError::RsyncStartFailed), false),
        10 => v(Failed, Some(RunError::RsyncSocketIo), true),
        11 => v(Failed, Some(RunError::StorageError), false),
        12 => v(Failed, Some(RunError::RsyncProtocolStream), true),
        19 | 20 => v(Failed, Some(RunError::RsyncInterrupted), false),
        30 => v(Failed, Some(RunError::RsyncTimeout), true),
        35 => v(Failed, Some(RunError::RsyncDaemonTimeout), true),
        124..=127 => v(Failed, Some(RunError::RemoteShellFailed), false),
        255 => v(Failed, Some(RunError::Unreachable), true),
        _ => v(Failed, Some(RunError::RsyncFailed), false),
    }
}

/// Whether rsync's output shows that ssh never reached the client. rsync then reports
/// 255 or, when it notices the closed pipe first, 12: both mean "unreachable".
pub fn ssh_unreachable(output: &str) -> bool {
    [
        "Connection refused",
        "Connection closed by",
        "Connection reset by",
        "Connection timed out",
        "No route to host",
        "Could not resolve hostname",
        "Network is unreachable",
        "kex_exchange_identification",
    ]
    .iter()
    .any(|m| output.contains(m))
}

/// Whether rsync's output shows an rsync daemon refusing the login (it then exits 5):
/// `@ERROR: auth failed on module …`.
pub fn daemon_auth_failed(output: &str) -> bool {
    output.contains("@ERROR: auth failed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use RunResult::*;

    /// The whole table, as the issue lists it.
    #[test]
    fn every_code() {
        let cases: &[(Exit, Option<u64>, RunResult, Option<RunError>)] = &[
            (Exit::Code(0), Some(10), Ok, None),
            (Exit::Code(1), Some(0), Failed, Some(RunError::RsyncSyntax)),
            (
                Exit::Code(2),
                None,
                Failed,
                Some(RunError::RsyncProtocolIncompatible),
            ),
            (
                Exit::Code(3),
                None,
                Failed,
                Some(RunError::RsyncFileSelection),
            ),
            (
                Exit::Code(5),
                None,
                Failed,
                Some(RunError::RsyncStartFailed),
            ),
            (Exit::Code(10), None, Failed, Some(RunError::RsyncSocketIo)),
            (
                Exit::Code(11),
                Some(5),
                Failed,
                Some(RunError::StorageError),
            ),
            (
                Exit::Code(12),
                None,
                Failed,
                Some(RunError::RsyncProtocolStream),
            ),
            (
                Exit::Code(20),
                Some(5),
                Failed,
                Some(RunError::RsyncInterrupted),
            ),
            (
                Exit::Code(23),
                Some(3),
                Warning,
                Some(RunError::RsyncPartial),
            ),
            (
                Exit::Code(23),
                Some(0),
                Failed,
                Some(RunError::RsyncPartialNothingTransferred),
            ),
            (
                Exit::Code(23),
                None,
                Failed,
                Some(RunError::RsyncPartialNothingTransferred),
            ),
            (
                Exit::Code(24),
                Some(0),
                Warning,
                Some(RunError::RsyncVanishedFiles),
            ),
            (
                Exit::Code(25),
                Some(1),
                Warning,
                Some(RunError::RsyncMaxDelete),
            ),
            (Exit::Code(30), None, Failed, Some(RunError::RsyncTimeout)),
            (
                Exit::Code(35),
                None,
                Failed,
                Some(RunError::RsyncDaemonTimeout),
            ),
            (Exit::Code(255), None, Failed, Some(RunError::Unreachable)),
            (
                Exit::Code(127),
                None,
                Failed,
                Some(RunError::RemoteShellFailed),
            ),
            (
                Exit::Code(99),
                Some(10),
                Failed,
                Some(RunError::RsyncFailed),
            ),
            (Exit::Code(-1), None, Failed, Some(RunError::RsyncFailed)),
            (
                Exit::Signal(9),
                Some(10),
                Failed,
                Some(RunError::RsyncKilled),
            ),
        ];
        for (exit, files, result, code) in cases {
            let got = classify(*exit, *files);
            assert_eq!(
                (got.result, got.error_code),
                (*result, *code),
                "{exit:?} {files:?}"
            );
        }
        assert!(classify(Exit::Code(255), None).retryable);
        assert!(
            !classify(Exit::Code(11), None).retryable,
            "a full disk is not retried"
        );
    }

    #[test]
    fn unreachable_messages() {
        assert!(ssh_unreachable(
            "ssh: connect to host 10.0.0.9 port 22: Connection refused"
        ));
        assert!(ssh_unreachable(
            "kex_exchange_identification: Connection closed by remote host"
        ));
        assert!(!ssh_unreachable(
            "rsync: change_dir \"/x\" failed: No such file or directory (2)"
        ));
    }
}
