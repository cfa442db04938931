//! rsync's version: read from the first line of `rsync --version`, and the versions the
//! server needs (3.2.7) and recommends (3.4.0, for the 2025 vulnerabilities), for the
//! server's own rsync (`elkarbackup doctor`, `serve`) and a client's (connection test).

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

/// The connection test's warning for a client's `rsync --version` line: `rsync_unfixed`
/// below [`FIXED_UPSTREAM`]; a line without a version (a daemon's) warns of nothing.
pub fn warning(line: &str) -> Option<&'static str> {
    parse_version(line)
        .filter(|v| *v < FIXED_UPSTREAM)
        .map(|_| "rsync_unfixed")
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
    fn clients_below_3_4_0_get_a_warning() {
        assert_eq!(
            warning("rsync  version 3.2.7  protocol version 31"),
            Some("rsync_unfixed")
        );
        assert_eq!(warning("rsync  version 3.4.0  protocol version 32"), None);
        assert_eq!(warning("rsync daemon"), None);
    }
}
