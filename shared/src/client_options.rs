//! What a client's connection settings may contain: the allowed ssh and rsync options
//! and the names an rsync daemon login may take. Allow-lists, because each of these
//! reaches a command line.

/// ssh options a client may set (`-o Name=value`). Everything that could run commands,
/// read other files or weaken host-key checking is absent on purpose.
pub const SSH_OPTIONS: &[&str] = &[
    "ConnectTimeout",
    "ConnectionAttempts",
    "ServerAliveInterval",
    "ServerAliveCountMax",
    "TCPKeepAlive",
    "Compression",
    "Ciphers",
    "MACs",
    "KexAlgorithms",
    "HostKeyAlgorithms",
    "PubkeyAcceptedAlgorithms",
    "IPQoS",
    "AddressFamily",
    "RekeyLimit",
];

/// rsync options without a value that a client may add.
pub const RSYNC_FLAGS: &[&str] = &[
    "--compress",
    "-z",
    "--sparse",
    "-S",
    "--one-file-system",
    "-x",
    "--checksum",
    "-c",
    "--no-whole-file",
    "--whole-file",
    "-W",
    "--ipv4",
    "-4",
    "--ipv6",
    "-6",
    "--ignore-errors",
    "--omit-dir-times",
    "-O",
];

/// rsync options with a value (`--name=value`) and the kind of value each takes.
pub const RSYNC_VALUED: &[(&str, ValueKind)] = &[
    ("--bwlimit", ValueKind::Size),
    ("--max-size", ValueKind::Size),
    ("--min-size", ValueKind::Size),
    ("--compress-level", ValueKind::Number),
    ("--contimeout", ValueKind::Number),
    ("--skip-compress", ValueKind::List),
    ("--iconv", ValueKind::List),
    ("--block-size", ValueKind::Size),
];

/// What an option's value may look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Digits.
    Number,
    /// Digits with an optional unit suffix (`5000`, `1.5G`, `100K`).
    Size,
    /// Letters, digits and `/ , . _ -`.
    List,
}

fn value_ok(kind: ValueKind, v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 100
        && match kind {
            ValueKind::Number => v.chars().all(|c| c.is_ascii_digit()),
            ValueKind::Size => {
                let digits = v.trim_end_matches(|c: char| "KMGTkmgtBbiI".contains(c));
                !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
            }
            ValueKind::List => v
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/,._-".contains(c)),
        }
}

/// True when `opt` is an allowed ssh option (`Name=value`).
pub fn ssh_option_ok(opt: &str) -> bool {
    let Some((name, value)) = opt.split_once('=') else {
        return false;
    };
    SSH_OPTIONS
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name.trim()))
        && !value.is_empty()
        && value.len() <= 200
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@.,:_+-".contains(c))
}

/// True when `opt` is an allowed rsync option.
pub fn rsync_option_ok(opt: &str) -> bool {
    if RSYNC_FLAGS.contains(&opt) {
        return true;
    }
    if let Some(program) = opt.strip_prefix("--rsync-path=") {
        return rsync_path_ok(program);
    }
    let Some((name, value)) = opt.split_once('=') else {
        return false;
    };
    RSYNC_VALUED
        .iter()
        .any(|(n, kind)| *n == name && value_ok(*kind, value))
}

/// The client's rsync program (`--rsync-path=`, ssh clients in the plain key mode; the
/// restricted keys run their own): an absolute path ending in `/rsync` (a newer rsync than
/// the system's, as Homebrew's on macOS) made of letters, digits and `/ . _ -` only, since
/// the client's shell reads it; or `sudo` followed by `rsync` or such a path, for a user
/// allowed to run rsync as root.
pub fn rsync_path_ok(program: &str) -> bool {
    let absolute = |p: &str| {
        p.starts_with('/')
            && p.ends_with("/rsync")
            && p.len() <= 200
            && !p.contains("..")
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    };
    match program.strip_prefix("sudo ") {
        Some(p) => p == "rsync" || absolute(p),
        None => absolute(program),
    }
}

/// Whether `user` may name an rsync daemon login: what `rsync://user@host/` carries
/// unambiguously (no `@`, `:` or `/`, nothing that reads as an option).
pub fn is_daemon_user(user: &str) -> bool {
    !user.is_empty()
        && user.len() <= 64
        && !user.starts_with('-')
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_allow_lists() {
        assert!(ssh_option_ok("ConnectTimeout=20"));
        assert!(ssh_option_ok("ciphers=aes128-ctr,aes256-ctr"));
        assert!(!ssh_option_ok("ProxyCommand=nc %h %p"));
        assert!(!ssh_option_ok("StrictHostKeyChecking=no"));
        assert!(!ssh_option_ok("ConnectTimeout=1 -oProxyCommand=x"));
        assert!(!ssh_option_ok("ConnectTimeout"));
        assert!(rsync_option_ok("--bwlimit=5000"));
        assert!(rsync_option_ok("--max-size=1.5G"));
        assert!(rsync_option_ok("-z"));
        assert!(!rsync_option_ok("--rsh=sh -c id"));
        assert!(!rsync_option_ok("-e"));
        assert!(!rsync_option_ok("--bwlimit=5;id"));
        assert!(!rsync_option_ok("--remove-source-files"));
        assert!(!rsync_option_ok("--delete"));
        assert!(rsync_option_ok("--rsync-path=sudo rsync"));
        assert!(rsync_option_ok("--rsync-path=/opt/homebrew/bin/rsync"));
        assert!(rsync_option_ok("--rsync-path=sudo /opt/homebrew/bin/rsync"));
        for refused in [
            "--rsync-path=sudo rsync; id",
            "--rsync-path=rsync",
            "--rsync-path=sudo sh",
            "--rsync-path=sudo  rsync",
            "--rsync-path=/tmp/x/sh",
            "--rsync-path=/opt/$(id)/rsync",
            "--rsync-path=/opt/a b/rsync",
            "--rsync-path=/../../tmp/rsync",
        ] {
            assert!(!rsync_option_ok(refused), "{refused}");
        }
    }
}
