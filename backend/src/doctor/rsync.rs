//! The local rsync: found, at least 3.2.7, and a warning below 3.4.0 for the vulnerabilities
//! published in January 2025 (which distributions also fix in older versions).

use std::path::Path;

use super::finding::{Check, Finding, Status};

/// The oldest rsync the engine works with (its options and `--info` output).
pub const MINIMUM: Version = Version(3, 2, 7);
/// The first upstream release with the fixes for CVE-2024-12084…12088 and CVE-2024-12747.
pub const FIXED_UPSTREAM: Version = Version(3, 4, 0);

/// major.minor.patch
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u32, pub u32, pub u32);

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// The version in rsync's first `--version` line (`rsync  version 3.2.7  protocol version
/// 31`, or `v3.2.3`); a missing patch number counts as 0, a suffix (`pre1`) is ignored.
pub fn parse_version(line: &str) -> Option<Version> {
    let mut words = line.split_whitespace();
    words.find(|w| *w == "version")?;
    let word = words.next()?.trim_start_matches('v');
    let mut numbers = word.split('.').map(|part| {
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<u32>().ok()
    });
    let major = numbers.next()??;
    let minor = numbers.next()??;
    let patch = numbers.next().flatten().unwrap_or(0);
    Some(Version(major, minor, patch))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_from_the_first_line() {
        let v = |s| parse_version(s);
        assert_eq!(
            v("rsync  version 3.2.7  protocol version 31"),
            Some(Version(3, 2, 7))
        );
        assert_eq!(
            v("rsync  version v3.2.3  protocol version 31"),
            Some(Version(3, 2, 3))
        );
        assert_eq!(
            v("rsync version 3.4.1pre1 protocol"),
            Some(Version(3, 4, 1))
        );
        assert_eq!(v("rsync  version 3.10"), Some(Version(3, 10, 0)));
        assert_eq!(v("openrsync: protocol version 29"), None);
        assert_eq!(v(""), None);
        assert!(Version(3, 10, 0) > Version(3, 4, 0));
    }

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
