//! Building the argv of rsync and of its ssh remote shell: pure functions, no shell
//! anywhere. Client-controlled strings (paths, patterns, host, user) end up as single argv
//! items or inside the remote-shell command whose words we choose.

use std::ffi::OsString;
use std::path::Path;

use shared::clients::Connection;

/// Everything a backup's rsync command depends on.
#[derive(Debug, Clone)]
pub struct RsyncPlan<'a> {
    pub connection: &'a Connection,
    /// The job's source path on the client (for daemons: `module/path`).
    pub source_path: &'a str,
    /// The run's in-progress directory.
    pub dest: &'a Path,
    /// The newest complete snapshot's data directory, if any.
    pub link_dest: Option<&'a Path>,
    pub include: &'a [String],
    pub exclude: &'a [String],
    /// The client's allowed extra rsync options.
    pub rsync_options: &'a [String],
    /// The client's allowed extra ssh options (`Name=value`).
    pub ssh_options: &'a [String],
    /// The client's private key.
    pub key_path: &'a Path,
    /// The known_hosts file holding the client's pinned host key.
    pub known_hosts: &'a Path,
    pub use_local_permissions: bool,
    /// Store ownership and special files as xattrs (the receiver is not root).
    pub fake_super: bool,
    /// Preserve ACLs and extended attributes.
    pub acls_xattrs: bool,
    /// rsync I/O timeout and ssh connect timeout, in seconds.
    pub timeout_secs: u32,
    /// The client's key runs `rrsync`, not a shell: `source_path` is already relative to
    /// its root, and the names go on the command line (rrsync refuses `--secluded-args`;
    /// no shell parses them there, and rsync escapes them as rrsync expects).
    pub confined: bool,
}

/// Why a command could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArgvError {
    #[error("the path {0:?} cannot be passed to ssh safely (quotes or control characters)")]
    UnsafePath(String),
}

/// Quotes one word for rsync's own splitting of the `-e` value (it honours single quotes).
fn rsh_word(s: &str) -> Result<String, ArgvError> {
    if s.chars()
        .any(|c| c == '\'' || c == '"' || c == '\\' || c.is_control())
    {
        return Err(ArgvError::UnsafePath(s.to_owned()));
    }
    Ok(if s.chars().any(char::is_whitespace) {
        format!("'{s}'")
    } else {
        s.to_owned()
    })
}

/// The ssh argv (program first): strict host-key checking against the client's own
/// known_hosts file, the client's own key, no agent, no password prompts.
pub fn ssh_argv(
    port: u16,
    key_path: &Path,
    known_hosts: &Path,
    ssh_options: &[String],
    timeout_secs: u32,
) -> Vec<String> {
    let mut words = vec![
        "ssh".to_owned(),
        "-i".to_owned(),
        key_path.to_string_lossy().into_owned(),
        "-p".to_owned(),
        port.to_string(),
    ];
    for o in [
        "BatchMode=yes".to_owned(),
        "StrictHostKeyChecking=yes".to_owned(),
        format!("UserKnownHostsFile={}", known_hosts.to_string_lossy()),
        "GlobalKnownHostsFile=/dev/null".to_owned(),
        "IdentitiesOnly=yes".to_owned(),
        "IdentityAgent=none".to_owned(),
        "PasswordAuthentication=no".to_owned(),
        "KbdInteractiveAuthentication=no".to_owned(),
        "ForwardAgent=no".to_owned(),
        "ClearAllForwardings=yes".to_owned(),
        "PermitLocalCommand=no".to_owned(),
        format!("ConnectTimeout={timeout_secs}"),
        "ServerAliveInterval=15".to_owned(),
        "ServerAliveCountMax=4".to_owned(),
    ] {
        words.push("-o".to_owned());
        words.push(o);
    }
    // Validated against the allow-list on save, and again here; ours come first, and ssh
    // keeps the first value it is given.
    for o in ssh_options {
        if shared::clients::ssh_option_ok(o) {
            words.push("-o".to_owned());
            words.push(o.clone());
        }
    }
    words
}

/// The remote-shell command (rsync's `-e`), quoted for rsync's own word splitting.
pub fn ssh_command(
    port: u16,
    key_path: &Path,
    known_hosts: &Path,
    ssh_options: &[String],
    timeout_secs: u32,
) -> Result<String, ArgvError> {
    let words: Result<Vec<String>, ArgvError> =
        ssh_argv(port, key_path, known_hosts, ssh_options, timeout_secs)
            .iter()
            .map(|w| rsh_word(w))
            .collect();
    Ok(words?.join(" "))
}

/// The rsync source argument for a connection.
pub fn source(connection: &Connection, path: &str) -> String {
    // A trailing slash copies the directory's contents into the snapshot root.
    let path = if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    };
    match connection {
        Connection::Local => path,
        Connection::Ssh { user, host, .. } => format!("{user}@{host}:{path}"),
        Connection::RsyncDaemon { host, port, user } => {
            // The login's password travels in rsync's environment (`RSYNC_PASSWORD`).
            let login = user.as_deref().map(|u| format!("{u}@")).unwrap_or_default();
            format!(
                "rsync://{login}{host}:{port}/{}",
                path.trim_start_matches('/')
            )
        }
    }
}

/// The full argv of a backup (without the program name). The options that name no path
/// come from `shared::rsync`, which the backup benchmark's baseline uses too.
pub fn rsync_argv(plan: &RsyncPlan<'_>) -> Result<Vec<OsString>, ArgvError> {
    let mut a: Vec<OsString> = shared::rsync::backup_options(&shared::rsync::BackupFlags {
        timeout_secs: plan.timeout_secs,
        acls_xattrs: plan.acls_xattrs,
        fake_super: plan.fake_super,
        use_local_permissions: plan.use_local_permissions,
    })
    .into_iter()
    .map(OsString::from)
    .collect();
    // Partial files go beside the data, never inside it: a backed-up directory may be
    // called `.rsync-partial` too. (Right after `--timeout`, where it always stood.)
    if let Some(staging) = plan.dest.parent() {
        let mut o = OsString::from("--partial-dir=");
        o.push(staging.join("partial").as_os_str());
        a.insert(shared::rsync::BACKUP_BASE.len() + 1, o);
    }
    if let Some(link) = plan.link_dest {
        let mut o = OsString::from("--link-dest=");
        o.push(link.as_os_str());
        a.push(o);
    }
    for p in plan.include {
        a.push(format!("--include={p}").into());
    }
    for p in plan.exclude {
        a.push(format!("--exclude={p}").into());
    }
    for o in plan.rsync_options {
        if shared::clients::rsync_option_ok(o) {
            a.push(o.into());
        }
    }
    if let Connection::Ssh { port, .. } = plan.connection {
        let shell = ssh_command(
            *port,
            plan.key_path,
            plan.known_hosts,
            plan.ssh_options,
            plan.timeout_secs,
        )?;
        if plan.confined {
            a.extend(["-e".into(), shell.into()]);
        } else {
            a.extend(shared::rsync::remote_shell(shell).map(OsString::from));
        }
    }
    a.push("--".into());
    a.push(source(plan.connection, plan.source_path).into());
    let mut dest = plan.dest.as_os_str().to_owned();
    dest.push("/");
    a.push(dest);
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan<'a>(
        c: &'a Connection,
        src: &'a str,
        inc: &'a [String],
        exc: &'a [String],
    ) -> RsyncPlan<'a> {
        RsyncPlan {
            connection: c,
            source_path: src,
            dest: Path::new("/srv/b/1/2/.inprogress/9"),
            link_dest: Some(Path::new("/srv/b/1/2/snapshots/2026-11-22T210000Z/data")),
            include: inc,
            exclude: exc,
            rsync_options: &[],
            ssh_options: &[],
            key_path: Path::new("/var/lib/eb/keys/client-1"),
            known_hosts: Path::new("/var/lib/eb/known_hosts/client-1"),
            use_local_permissions: false,
            fake_super: true,
            acls_xattrs: true,
            timeout_secs: 600,
            confined: false,
        }
    }

    fn strings(v: Vec<OsString>) -> Vec<String> {
        v.into_iter().map(|s| s.into_string().unwrap()).collect()
    }

    #[test]
    fn ssh_backup() {
        let c = Connection::Ssh {
            user: "root".into(),
            host: "10.0.0.5".into(),
            port: 2222,
        };
        let a = strings(rsync_argv(&plan(&c, "/home", &[], &["*.tmp".into()])).unwrap());
        assert_eq!(a[0], "--archive");
        assert!(a.contains(&"--hard-links".to_string()));
        assert!(a.contains(&"--numeric-ids".to_string()));
        assert!(a.contains(&"--fake-super".to_string()));
        assert!(a.contains(&"--link-dest=/srv/b/1/2/snapshots/2026-11-22T210000Z/data".to_string()));
        assert!(a.contains(&"--exclude=*.tmp".to_string()));
        assert!(a.contains(&"--secluded-args".to_string()));
        let e = &a[a.iter().position(|x| x == "-e").unwrap() + 1];
        assert!(
            e.starts_with("ssh -i /var/lib/eb/keys/client-1 -p 2222 "),
            "{e}"
        );
        assert!(e.contains("StrictHostKeyChecking=yes"));
        assert!(e.contains("UserKnownHostsFile=/var/lib/eb/known_hosts/client-1"));
        assert!(!e.contains("StrictHostKeyChecking=no"));
        let n = a.len();
        assert_eq!(
            &a[n - 3..],
            ["--", "root@10.0.0.5:/home/", "/srv/b/1/2/.inprogress/9/"]
        );
    }

    #[test]
    fn confined_backup_names_the_path_for_rrsync() {
        let c = Connection::Ssh {
            user: "eb".into(),
            host: "h".into(),
            port: 22,
        };
        let mut p = plan(&c, "/ane", &[], &[]);
        p.confined = true;
        let a = strings(rsync_argv(&p).unwrap());
        // rrsync refuses -s: no --secluded-args, and the path relative to its root.
        assert!(!a.contains(&"--secluded-args".to_string()));
        assert!(a.contains(&"-e".to_string()));
        let n = a.len();
        assert_eq!(&a[n - 2..], ["eb@h:/ane/", "/srv/b/1/2/.inprogress/9/"]);
    }

    #[test]
    fn local_backup_argv_in_full() {
        let c = Connection::Local;
        let a = strings(rsync_argv(&plan(&c, "/data", &["a".into()], &["b".into()])).unwrap());
        // Written out, not taken from `shared::rsync::BACKUP_BASE`: the test pins what
        // rsync is told, whatever the constant says.
        let want = [
            "--archive",
            "--hard-links",
            "--no-inc-recursive",
            "--numeric-ids",
            "--delete",
            "--delete-excluded",
            "--stats",
            "--no-human-readable",
            "--itemize-changes",
            "--out-format=%i|%l|%n%L",
            "--info=flist2,progress2",
            "--timeout=600",
            "--partial-dir=/srv/b/1/2/.inprogress/partial",
            "--sparse",
            "--acls",
            "--xattrs",
            "--fake-super",
            "--link-dest=/srv/b/1/2/snapshots/2026-11-22T210000Z/data",
            "--include=a",
            "--exclude=b",
            "--",
            "/data/",
            "/srv/b/1/2/.inprogress/9/",
        ];
        assert_eq!(a, want);
    }

    #[test]
    fn hostile_strings_stay_single_arguments() {
        let c = Connection::Local;
        let src = "/data/-rf $(touch /tmp/pwned)\nx";
        let exc = vec!["--delete-after".to_string()];
        let a = strings(rsync_argv(&plan(&c, src, &[], &exc)).unwrap());
        // The path is one argument after `--`; the pattern is glued to its option.
        assert_eq!(a[a.len() - 2], format!("{src}/"));
        assert!(a.contains(&"--exclude=--delete-after".to_string()));
        assert_eq!(a.iter().filter(|x| *x == "--").count(), 1);
    }

    #[test]
    fn options_outside_the_allow_lists_are_dropped() {
        let c = Connection::Ssh {
            user: "u".into(),
            host: "h".into(),
            port: 22,
        };
        let rsync = vec!["--rsh=sh".to_string(), "--bwlimit=100".to_string()];
        let ssh = vec![
            "ProxyCommand=nc x".to_string(),
            "ConnectionAttempts=3".to_string(),
        ];
        let mut p = plan(&c, "/", &[], &[]);
        p.rsync_options = &rsync;
        p.ssh_options = &ssh;
        let a = strings(rsync_argv(&p).unwrap());
        assert!(a.contains(&"--bwlimit=100".to_string()));
        assert!(!a.iter().any(|x| x.contains("--rsh")));
        let e = &a[a.iter().position(|x| x == "-e").unwrap() + 1];
        assert!(e.contains("-o ConnectionAttempts=3") && !e.contains("ProxyCommand"));
    }

    #[test]
    fn paths_with_spaces_are_quoted_and_quotes_refused() {
        let e = ssh_command(22, Path::new("/a b/key"), Path::new("/kh"), &[], 10).unwrap();
        assert!(e.contains("-i '/a b/key'"));
        assert!(ssh_command(22, Path::new("/a'b/key"), Path::new("/kh"), &[], 10).is_err());
    }

    #[test]
    fn sources() {
        assert_eq!(source(&Connection::Local, "/srv/data"), "/srv/data/");
        let mut d = Connection::RsyncDaemon {
            host: "nas".into(),
            port: 873,
            user: None,
        };
        assert_eq!(source(&d, "backup/home"), "rsync://nas:873/backup/home/");
        if let Connection::RsyncDaemon { user, .. } = &mut d {
            *user = Some("backup".into());
        }
        assert_eq!(
            source(&d, "/backup/home"),
            "rsync://backup@nas:873/backup/home/"
        );
        let v6 = Connection::Ssh {
            user: "root".into(),
            host: "[fe80::1]".into(),
            port: 22,
        };
        assert_eq!(source(&v6, "/etc/"), "root@[fe80::1]:/etc/");
    }
}
