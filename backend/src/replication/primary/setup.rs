//! Where the primary's replication files are and how replicas reach it, resolved once from
//! the configuration (`replication.*`).

use std::path::{Path, PathBuf};

use shared::replication::SshEndpoint;

use crate::config::{Config, ReplicationConfig};

/// The resolved replication settings of this server.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The managed `authorized_keys` file.
    pub authorized_keys: PathBuf,
    /// One symlink per location, named by its id.
    pub view_dir: PathBuf,
    /// rrsync, absolute.
    pub rrsync: PathBuf,
    /// The program installed as the forced command (this server's executable).
    pub gate: PathBuf,
    /// The ssh endpoint advertised to replicas.
    pub ssh: SshEndpoint,
}

impl Setup {
    /// The settings of `config` with every default filled in (the configured values when
    /// start-up already resolved them).
    pub fn of(config: &Config) -> Setup {
        let r = &config.replication;
        let data = std::path::absolute(&config.data_dir).unwrap_or(config.data_dir.clone());
        let dir = data.join("replication");
        Setup {
            authorized_keys: r
                .authorized_keys
                .clone()
                .unwrap_or_else(|| dir.join("authorized_keys")),
            view_dir: dir.join("view"),
            rrsync: find_program(&r.rrsync).unwrap_or_else(|| r.rrsync.clone()),
            gate: r
                .gate
                .clone()
                .or_else(|| std::env::current_exe().ok())
                .unwrap_or_else(|| PathBuf::from("elkarbackup")),
            ssh: SshEndpoint {
                host: r.ssh_host.clone().unwrap_or_else(hostname),
                port: r.ssh_port,
                user: r.ssh_user.clone().unwrap_or_else(current_user),
            },
        }
    }
}

/// Fills in the defaults of `config.replication` (absolute rrsync, this executable, host
/// and user names) so that every later use sees the same values; warns about what makes
/// replication keys unusable or unsafe.
pub fn resolve(config: &mut Config) {
    let s = Setup::of(config);
    if !s.rrsync.is_absolute() {
        tracing::warn!(
            "rrsync ({}) is not on PATH: replicas' keys will not work until it is installed",
            s.rrsync.display()
        );
    }
    if nix::unistd::getuid().is_root() {
        tracing::warn!(
            "the server runs as root: replication keys need a dedicated unprivileged \
             service user (its sshd AuthorizedKeysFile pointed at {})",
            s.authorized_keys.display()
        );
    }
    let r: &mut ReplicationConfig = &mut config.replication;
    r.authorized_keys = Some(s.authorized_keys);
    r.rrsync = s.rrsync;
    r.gate = Some(s.gate);
    r.ssh_host = Some(s.ssh.host);
    r.ssh_user = Some(s.ssh.user);
}

/// `name` if it has a slash, else the first executable `name` on `PATH`.
pub fn find_program(name: &Path) -> Option<PathBuf> {
    if name.components().count() > 1 || name.is_absolute() {
        return std::path::absolute(name).ok();
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn hostname() -> String {
    nix::unistd::gethostname()
        .ok()
        .and_then(|h| h.into_string().ok())
        .unwrap_or_else(|| "localhost".to_owned())
}

fn current_user() -> String {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| "root".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_under_the_data_dir() {
        let config = Config {
            data_dir: PathBuf::from("/srv/eb"),
            ..Config::default()
        };
        let s = Setup::of(&config);
        assert_eq!(
            s.authorized_keys,
            PathBuf::from("/srv/eb/replication/authorized_keys")
        );
        assert_eq!(s.view_dir, PathBuf::from("/srv/eb/replication/view"));
        assert_eq!(s.ssh.port, 22);
        assert!(!s.ssh.user.is_empty() && !s.ssh.host.is_empty());
    }

    #[test]
    fn programs_are_found_on_path() {
        let sh = find_program(Path::new("sh")).expect("sh on PATH");
        assert!(sh.is_absolute());
        assert!(find_program(Path::new("no-such-program-here")).is_none());
    }
}
