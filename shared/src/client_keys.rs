//! What a client's `authorized_keys` lets the server do: the two keys' lines (a read-only
//! backup key and a write-only restore key, each confined by `rrsync` to a root), the
//! paths as `rrsync` sees them, and what a connection test found each key allowed.

use crate::clients::Connection;
use crate::validate::Issue;

crate::text::text_enum! {
    /// How the client's `authorized_keys` confines the server's keys.
    #[derive(Default)]
    pub enum KeyMode {
        /// The lines the server gives: the backup key runs only `rrsync -ro <root>`
        /// (reading), the restore key only `rrsync -wo -no-lock <root>` (writing). The server gets
        /// no shell on the client; paths are given relative to the root.
        #[default]
        Rrsync => "rrsync",
        /// One plain key (`restrict` only, a shell on the client) for backups and
        /// restores: clients made before restricted keys, and client scripts that run
        /// commands on the client over ssh.
        Plain => "plain",
    }
}

crate::text::text_enum! {
    /// Which of a client's two keys.
    pub enum KeyPurpose {
        /// Reads the client's files for backups.
        Backup => "backup",
        /// Writes restored files onto the client.
        Restore => "restore",
    }
}

crate::text::text_enum! {
    /// What a connection test found one key allowed.
    pub enum KeyState {
        /// The client refused the key: its line is not installed.
        Missing => "missing",
        /// The key runs any command: a shell on the client.
        Unrestricted => "unrestricted",
        /// rsync may read, not write (`rrsync -ro`): what a backup key should be.
        ReadOnly => "read_only",
        /// rsync may write, not read (`rrsync -wo`): what a restore key should be.
        WriteOnly => "write_only",
        /// rsync only, both ways (`rrsync` without `-ro` or `-wo`).
        ReadWrite => "read_write",
        /// The key is accepted but neither reading nor writing works (for instance
        /// `rrsync` is not installed on the client, or its root does not exist).
        Broken => "broken",
    }
}

/// The default root of both keys: the whole file system.
pub const DEFAULT_ROOT: &str = "/";

/// Whether `root` can be a key's root: absolute, at most 1024 bytes, no `.` or `..`
/// component, and only letters, digits and `._+,:@%=/-` (it is part of a shell command).
pub fn root_ok(root: &str) -> bool {
    // sshd runs the forced command through the user's shell: only characters that mean
    // nothing to a shell, to `authorized_keys` quoting and to rrsync may appear.
    root.starts_with('/')
        && root.len() <= 1024
        && !root.split('/').any(|c| c == ".." || c == ".")
        && root
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._+,:@%=/-".contains(&b))
}

/// Whether a path reaches the client's `rrsync` unchanged. rsync escapes spaces, quotes
/// and backslashes on the command line and rrsync removes the escapes, but it expands
/// wildcards and braces, which rsync leaves as they are.
pub fn path_chars_ok(path: &str) -> bool {
    !path.chars().any(|c| c.is_control() || "*?[]{}".contains(c))
}

/// `path` as the client's `rrsync` must be given it: relative to `root` (a leading `/`
/// means the root), or `None` when the path is not beneath the root. With root `/` the
/// path is unchanged.
pub fn confined_path(root: &str, path: &str) -> Option<String> {
    let root = root.trim_end_matches('/');
    if root.is_empty() {
        return Some(path.to_owned());
    }
    match path.strip_prefix(root) {
        Some("") => Some("/".to_owned()),
        Some(rest) if rest.starts_with('/') => Some(rest.to_owned()),
        _ => None,
    }
}

/// Whether a client's keys run `rrsync` (ssh clients in `rrsync` mode): paths go to it
/// relative to the keys' root, and no shell parses them.
pub fn confines(mode: KeyMode, connection: &Connection) -> bool {
    mode == KeyMode::Rrsync && matches!(connection, Connection::Ssh { .. })
}

/// Why a path cannot be given to a client's `rrsync`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unconfinable {
    /// It holds wildcards or braces, which rrsync would expand.
    Expanded,
    /// It is not beneath the keys' root.
    Outside,
}

/// `path` as the client's `rrsync` takes it ([`confined_path`]), or why it cannot be.
pub fn confine(root: &str, path: &str) -> Result<String, Unconfinable> {
    if !path_chars_ok(path) {
        return Err(Unconfinable::Expanded);
    }
    confined_path(root, path).ok_or(Unconfinable::Outside)
}

/// Whether a job's source path can be reached through its client's keys: anything
/// through a plain key or another kind of connection; through restricted ssh keys only
/// absolute paths beneath the root, without `..`, that rrsync takes as they are.
pub fn reachable(mode: KeyMode, root: &str, connection: &Connection, path: &str) -> bool {
    !confines(mode, connection)
        || (path.starts_with('/')
            && !path.split('/').any(|c| c == "..")
            && confine(root, path).is_ok())
}

/// The `authorized_keys` line of a key: `restrict` (no pty, no forwarding of any kind),
/// the forced `rrsync` command in `rrsync` mode, and `from="…"` when the server's
/// address is set. The key and the address were validated (no quotes or spaces).
pub fn key_line(
    mode: KeyMode,
    purpose: KeyPurpose,
    root: &str,
    from: &str,
    public_key: &str,
) -> String {
    let mut options = "restrict".to_owned();
    if mode == KeyMode::Rrsync {
        let flag = match purpose {
            KeyPurpose::Backup => "-ro",
            // rrsync locks its directory for every writer by default, so two restores to
            // one client (two files, or a replica's and the primary's) would refuse each
            // other: "Another instance of rrsync is already accessing this directory".
            KeyPurpose::Restore => "-wo -no-lock",
        };
        options.push_str(&format!(",command=\"rrsync {flag} {root}\""));
    }
    let from = from.trim();
    if !from.is_empty() {
        options.push_str(&format!(",from=\"{from}\""));
    }
    format!("{options} {}", public_key.trim())
}

/// Checks of an optional key root given by a user (`None`: unchanged or the default).
pub fn validate_root(v: &mut Vec<Issue>, root: Option<&str>) {
    if let Some(r) = root {
        if !root_ok(r) {
            v.push(Issue::new("key_root", "invalid"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let key = "ssh-ed25519 AAAAC3Nz elkarbackup-client-3\n";
        assert_eq!(
            key_line(KeyMode::Rrsync, KeyPurpose::Backup, "/", "", key),
            "restrict,command=\"rrsync -ro /\" ssh-ed25519 AAAAC3Nz elkarbackup-client-3"
        );
        assert_eq!(
            key_line(
                KeyMode::Rrsync,
                KeyPurpose::Restore,
                "/srv",
                "192.0.2.7",
                key
            ),
            "restrict,command=\"rrsync -wo -no-lock /srv\",from=\"192.0.2.7\" ssh-ed25519 AAAAC3Nz \
             elkarbackup-client-3"
        );
        assert_eq!(
            key_line(KeyMode::Plain, KeyPurpose::Backup, "/srv", "", key),
            "restrict ssh-ed25519 AAAAC3Nz elkarbackup-client-3"
        );
    }

    #[test]
    fn paths_relative_to_the_root() {
        assert_eq!(
            confined_path("/", "/home/ane").as_deref(),
            Some("/home/ane")
        );
        assert_eq!(
            confined_path("/home", "/home/ane/").as_deref(),
            Some("/ane/")
        );
        assert_eq!(confined_path("/home/", "/home").as_deref(), Some("/"));
        assert_eq!(confined_path("/home", "/homework"), None);
        assert_eq!(confined_path("/home", "/etc"), None);
    }

    #[test]
    fn roots() {
        for good in ["/", "/home", "/srv/data-1/x_y.z"] {
            assert!(root_ok(good), "{good}");
        }
        for bad in [
            "",
            "home",
            "/a b",
            "/a\"b",
            "/a'b",
            "/a\\b",
            "/*",
            "/a/../b",
            "/a/./b",
            "/a\n",
            "/;$SSH_ORIGINAL_COMMAND",
            "/srv|sh",
            "/srv$(id)",
            "/srv`id`",
            "/srv&id",
            "/srv>x",
        ] {
            assert!(!root_ok(bad), "{bad:?}");
        }
    }

    #[test]
    fn reachable_paths() {
        let ssh = Connection::Ssh {
            user: "eb".into(),
            host: "h".into(),
            port: 22,
        };
        let r = |p: &str| reachable(KeyMode::Rrsync, "/srv", &ssh, p);
        assert!(r("/srv/a b") && r("/srv"));
        for bad in ["/srv/../etc", "srv/a", "/srv/[x]", "/srv/{a,b}", "/etc"] {
            assert!(!r(bad), "{bad}");
        }
        assert!(reachable(KeyMode::Plain, "/srv", &ssh, "/etc"));
        assert!(reachable(
            KeyMode::Rrsync,
            "/srv",
            &Connection::Local,
            "/etc"
        ));
    }
}
