//! The local rsync: found, at least 3.2.7, and a warning below 3.4.0 for the vulnerabilities
//! published in January 2025 (which distributions also fix in older versions).

use std::path::Path;

use super::finding::{Check, Finding, Status};

pub use crate::engine::rsync_version::{parse_version, Version, FIXED_UPSTREAM, MINIMUM};

/// What running `program --version` gave: its first line, or why it did not run.
pub type Probe = Result<String, String>;

/// The finding for `program`.
pub fn evaluate(program: &Path, probe: &Probe) -> Finding {
    let program = program.display().to_string();
    let line = match probe {
        Err(error) => {
            return Finding::new(Check::Rsync, Status::Problem, "doctor-rsync-missing")
                .arg("program", program)
                .arg("reason", error);
        }
        Ok(line) => line,
    };
    let Some(version) = parse_version(line) else {
        return Finding::new(Check::Rsync, Status::Warning, "doctor-rsync-unreadable")
            .arg("program", program)
            .arg("line", line.trim())
            .arg("minimum", MINIMUM);
    };
    let (status, key) = if version < MINIMUM {
        (Status::Problem, "doctor-rsync-too-old")
    } else if version < FIXED_UPSTREAM {
        (Status::Warning, "doctor-rsync-cves")
    } else {
        (Status::Ok, "doctor-rsync-ok")
    };
    Finding::new(Check::Rsync, status, key)
        .arg("program", program)
        .arg("version", version)
        .arg("minimum", MINIMUM)
        .arg("fixed", FIXED_UPSTREAM)
}

/// Runs `program --version`: its first line, or the reason it did not run.
pub async fn probe(program: &Path) -> Probe {
    let out = async_process::Command::new(program)
        .arg("--version")
        .env("LC_ALL", "C")
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().next().unwrap_or_default().to_owned();
    if !out.status.success() && first.is_empty() {
        return Err(format!("{}", out.status));
    }
    Ok(first)
}

/// Why the server must not start with `program`: missing, or older than [`MINIMUM`] (the
/// doctor's problem, in the environment's language); `None` when it may. An unreadable
/// version only warns, in the log: a wrapper may print something else.
pub async fn refusal(program: &Path) -> Option<String> {
    let finding = evaluate(program, &probe(program).await);
    let t = crate::i18n::translations();
    let text = t.text(
        crate::i18n::environment_language(),
        finding.key,
        &finding.args,
    );
    match finding.status {
        Status::Problem => Some(text),
        Status::Warning => {
            tracing::warn!("{text}");
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_versions_are_problems_and_unfixed_ones_warnings() {
        let p = Path::new("/usr/bin/rsync");
        let f = |line: &str| evaluate(p, &Ok(line.to_owned()));
        let old = f("rsync  version 3.1.3  protocol version 31");
        assert_eq!(
            (old.status, old.key),
            (Status::Problem, "doctor-rsync-too-old")
        );
        assert_eq!(old.get("minimum"), Some("3.2.7"));
        let debian12 = f("rsync  version 3.2.7  protocol version 31");
        assert_eq!(
            (debian12.status, debian12.key),
            (Status::Warning, "doctor-rsync-cves")
        );
        assert_eq!(
            f("rsync  version 3.3.0  protocol version 31").status,
            Status::Warning
        );
        let new = f("rsync  version 3.4.0  protocol version 32");
        assert_eq!((new.status, new.key), (Status::Ok, "doctor-rsync-ok"));
        assert_eq!(new.get("version"), Some("3.4.0"));
        let odd = f("something else");
        assert_eq!(
            (odd.status, odd.key),
            (Status::Warning, "doctor-rsync-unreadable")
        );
        let missing = evaluate(p, &Err("No such file or directory (os error 2)".into()));
        assert_eq!(
            (missing.status, missing.key),
            (Status::Problem, "doctor-rsync-missing")
        );
        assert_eq!(missing.get("program"), Some("/usr/bin/rsync"));
    }
}
