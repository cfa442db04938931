//! Pre and post scripts: run on the server, each executed directly (no shell in between),
//! in its own process group, with a timeout that kills the group, output into the run log,
//! and the `ELKARBACKUP_*` environment of the original ElkarBackup so existing scripts
//! keep working (sizes in bytes, times as unix seconds, STATUS the plain exit code, -1
//! when a pre script failed, -2 when the run was aborted).

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;
use shared::clients::Connection;

/// Before or after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Pre,
    Post,
}

/// What the environment of a job script says.
#[derive(Debug, Clone)]
pub struct JobEnv<'a> {
    pub event: Event,
    pub job_id: i64,
    pub job_name: &'a str,
    pub client_name: &'a str,
    pub connection: &'a Connection,
    pub source_path: &'a str,
    /// `<location>/<client>/<job>`.
    pub store_root: &'a Path,
    pub status: i64,
    pub owner_email: &'a str,
    pub recipients: &'a [String],
    pub client_total_size: i64,
    pub job_total_size: i64,
    pub job_run_size: i64,
    pub job_start: i64,
    pub job_end: i64,
    pub ssh_options: &'a [String],
    pub remote: &'a RemoteShell,
    /// rsync's source as the backup reads it (`user@host:path/`, `rsync://…/`, `path/`).
    pub rsync_source: &'a str,
}

/// How scripts reach an ssh client as the backup does (its own key, the pinned host key,
/// no prompts): `ELKARBACKUP_SSH_COMMAND`, ssh with its options and the destination
/// quoted for the shell (`eval "set -- $ELKARBACKUP_SSH_COMMAND"; "$@" 'command'`), and
/// `ELKARBACKUP_RSH`, the same without the destination for `rsync --rsh`. Empty for
/// other clients. Commands other than rsync need the plain key mode: rrsync refuses them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemoteShell {
    pub ssh_command: String,
    pub rsh: String,
}

impl RemoteShell {
    /// The remote shell of `connection` with the client's key and known_hosts file.
    pub fn of(
        connection: &Connection,
        key_path: &Path,
        known_hosts: &Path,
        ssh_options: &[String],
        timeout_secs: u32,
    ) -> RemoteShell {
        let Connection::Ssh { user, host, port } = connection else {
            return RemoteShell::default();
        };
        let mut words =
            super::argv::ssh_argv(*port, key_path, known_hosts, ssh_options, timeout_secs);
        words.push(format!("{user}@{host}"));
        RemoteShell {
            // Both refuse what they cannot quote (a NUL; rsync's own quoting also quotes
            // and backslashes): the script then sees none rather than a broken one.
            ssh_command: shlex::try_join(words.iter().map(String::as_str)).unwrap_or_default(),
            rsh: super::argv::ssh_command(*port, key_path, known_hosts, ssh_options, timeout_secs)
                .unwrap_or_default(),
        }
    }
}

/// The client-level context (client pre/post scripts, run by the scheduler's batches).
#[derive(Debug, Clone)]
pub struct ClientContext<'a> {
    pub event: Event,
    pub client_id: i64,
    pub client_name: &'a str,
    pub connection: &'a Connection,
    pub status: i64,
    pub client_total_size: i64,
    pub client_start: i64,
    pub client_end: i64,
    pub ssh_options: &'a [String],
    pub remote: &'a RemoteShell,
}

fn event(e: Event) -> &'static str {
    match e {
        Event::Pre => "PRE",
        Event::Post => "POST",
    }
}

/// The connection as the original's `url` field: `user@host`, `[user@]host::` or empty
/// (local).
pub fn client_url(c: &Connection) -> String {
    match c {
        Connection::Local => String::new(),
        Connection::Ssh { user, host, .. } => format!("{user}@{host}"),
        Connection::RsyncDaemon { host, user, .. } => match user {
            Some(u) => format!("{u}@{host}::"),
            None => format!("{host}::"),
        },
    }
}

/// The job's url: `user@host:path`, `[user@]host::path` or the plain path.
pub fn job_url(c: &Connection, path: &str) -> String {
    match c {
        Connection::Local => path.to_owned(),
        Connection::Ssh { .. } => format!("{}:{path}", client_url(c)),
        Connection::RsyncDaemon { .. } => format!("{}{path}", client_url(c)),
    }
}

fn ssh_args(opts: &[String]) -> String {
    opts.iter()
        .map(|o| format!("-o {o}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The environment of a job script.
pub fn job_env(c: &JobEnv<'_>) -> Vec<(String, String)> {
    let v = |k: &str, val: String| (format!("ELKARBACKUP_{k}"), val);
    vec![
        v("LEVEL", "JOB".into()),
        v("EVENT", event(c.event).into()),
        v("URL", job_url(c.connection, c.source_path)),
        v("ID", c.job_id.to_string()),
        v("PATH", c.store_root.display().to_string()),
        v("STATUS", c.status.to_string()),
        v("CLIENT_NAME", c.client_name.into()),
        v("JOB_NAME", c.job_name.into()),
        v("OWNER_EMAIL", c.owner_email.into()),
        v("RECIPIENT_LIST", c.recipients.join(",")),
        v("CLIENT_TOTAL_SIZE", c.client_total_size.to_string()),
        v("JOB_TOTAL_SIZE", c.job_total_size.to_string()),
        v("JOB_RUN_SIZE", c.job_run_size.to_string()),
        v("JOB_STARTTIME", c.job_start.to_string()),
        v("JOB_ENDTIME", c.job_end.to_string()),
        v("SSH_ARGS", ssh_args(c.ssh_options)),
        // Beyond the original's: what scripts need to act on the client.
        v("SSH_COMMAND", c.remote.ssh_command.clone()),
        v("RSH", c.remote.rsh.clone()),
        v("SOURCE", c.rsync_source.into()),
        v("SOURCE_PATH", c.source_path.into()),
    ]
}

/// The environment of a client script.
pub fn client_env(c: &ClientContext<'_>) -> Vec<(String, String)> {
    let v = |k: &str, val: String| (format!("ELKARBACKUP_{k}"), val);
    vec![
        v("LEVEL", "CLIENT".into()),
        v("EVENT", event(c.event).into()),
        v("URL", client_url(c.connection)),
        v("ID", c.client_id.to_string()),
        v("STATUS", c.status.to_string()),
        v("CLIENT_NAME", c.client_name.into()),
        v("CLIENT_TOTAL_SIZE", c.client_total_size.to_string()),
        v("CLIENT_STARTTIME", c.client_start.to_string()),
        v("CLIENT_ENDTIME", c.client_end.to_string()),
        v("SSH_ARGS", ssh_args(c.ssh_options)),
        v("SSH_COMMAND", c.remote.ssh_command.clone()),
        v("RSH", c.remote.rsh.clone()),
    ]
}

/// Order of execution: pre scripts by name ascending, post scripts descending.
pub fn ordered(mut scripts: Vec<(String, Vec<u8>)>, e: Event) -> Vec<(String, Vec<u8>)> {
    scripts.sort_by(|a, b| a.0.cmp(&b.0));
    if e == Event::Post {
        scripts.reverse();
    }
    scripts
}

/// Why a script chain stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptFailure {
    pub script: String,
    /// Exit code, or `None` when killed (timeout, abort).
    pub code: Option<i32>,
    pub timed_out: bool,
}

/// Runs scripts one after the other; the first failure stops the chain. Output goes to
/// `log`; `on_group` is told each script's process group (for abort).
pub async fn run_chain(
    work_dir: &Path,
    scripts: &[(String, Vec<u8>)],
    env: &[(String, String)],
    timeout: Duration,
    log: &Path,
    on_group: impl Fn(Option<i32>),
) -> Result<(), ScriptFailure> {
    let fail = |script: &str, code: Option<i32>, timed_out: bool| ScriptFailure {
        script: script.to_owned(),
        code,
        timed_out,
    };
    for (i, (name, content)) in scripts.iter().enumerate() {
        let path: PathBuf = work_dir.join(format!("script-{i}"));
        let prepared = std::fs::create_dir_all(work_dir)
            .and_then(|_| {
                std::fs::set_permissions(work_dir, std::fs::Permissions::from_mode(0o700))
            })
            .and_then(|_| std::fs::write(&path, content))
            .and_then(|_| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)));
        let out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log);
        let (Ok(()), Ok(out)) = (prepared, out) else {
            return Err(fail(name, None, false));
        };
        {
            use std::io::Write;
            let mut header = &out;
            let _ = writeln!(header, "--- script {name} ---");
        }
        let mut cmd = std::process::Command::new(&path);
        cmd.envs(env.iter().map(|(k, v)| (k, v)))
            .current_dir(work_dir)
            .process_group(0);
        let spawned = async_process::Command::from(cmd)
            .stdin(Stdio::null())
            .stdout(out.try_clone().map_err(|_| fail(name, None, false))?)
            .stderr(out)
            .spawn();
        let mut child = match spawned {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!("script {name} could not start: {e}");
                return Err(fail(name, None, false));
            }
        };
        let pgid = child.id() as i32;
        on_group(Some(pgid));
        let status = tokio::time::timeout(timeout, child.status()).await;
        on_group(None);
        match status {
            Ok(Ok(s)) if s.success() => {}
            Ok(Ok(s)) => {
                // Children it left behind go too.
                let _ = killpg(Pid::from_raw(pgid), Signal::SIGKILL);
                return Err(fail(name, s.code().or(s.signal().map(|x| 128 + x)), false));
            }
            Ok(Err(_)) => return Err(fail(name, None, false)),
            Err(_) => {
                let _ = killpg(Pid::from_raw(pgid), Signal::SIGKILL);
                let _ = child.status().await;
                return Err(fail(name, None, true));
            }
        }
        let _ = killpg(Pid::from_raw(pgid), Signal::SIGKILL);
    }
    let _ = std::fs::remove_dir_all(work_dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_environment_has_the_original_names() {
        let c = Connection::Ssh {
            user: "root".into(),
            host: "srv".into(),
            port: 22,
        };
        let ctx = JobEnv {
            event: Event::Post,
            job_id: 7,
            job_name: "home",
            client_name: "srv",
            connection: &c,
            source_path: "/home",
            store_root: Path::new("/b/1/7"),
            status: 23,
            owner_email: "o@x.eus",
            recipients: &["a@x.eus".into(), "b@x.eus".into()],
            client_total_size: 100,
            job_total_size: 50,
            job_run_size: 5,
            job_start: 1,
            job_end: 2,
            ssh_options: &["ConnectTimeout=9".into()],
            remote: &RemoteShell::of(
                &c,
                Path::new("/var/lib/eb/keys/client 7"),
                Path::new("/kh"),
                &["ConnectTimeout=9".into()],
                20,
            ),
            rsync_source: "root@srv:/home/",
        };
        let env = job_env(&ctx);
        let get = |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("ELKARBACKUP_LEVEL"), Some("JOB"));
        assert_eq!(get("ELKARBACKUP_EVENT"), Some("POST"));
        assert_eq!(get("ELKARBACKUP_URL"), Some("root@srv:/home"));
        assert_eq!(get("ELKARBACKUP_STATUS"), Some("23"));
        assert_eq!(get("ELKARBACKUP_PATH"), Some("/b/1/7"));
        assert_eq!(get("ELKARBACKUP_RECIPIENT_LIST"), Some("a@x.eus,b@x.eus"));
        assert_eq!(get("ELKARBACKUP_SSH_ARGS"), Some("-o ConnectTimeout=9"));
        assert_eq!(get("ELKARBACKUP_SOURCE"), Some("root@srv:/home/"));
        assert_eq!(get("ELKARBACKUP_SOURCE_PATH"), Some("/home"));
        // The shell reads the command back word for word, the key path with its space too.
        let ssh = shlex::split(get("ELKARBACKUP_SSH_COMMAND").unwrap()).unwrap();
        assert_eq!(&ssh[..3], ["ssh", "-i", "/var/lib/eb/keys/client 7"]);
        assert!(ssh.contains(&"StrictHostKeyChecking=yes".to_owned()));
        assert!(ssh.contains(&"UserKnownHostsFile=/kh".to_owned()));
        assert_eq!(ssh.last().map(String::as_str), Some("root@srv"));
        let rsh = get("ELKARBACKUP_RSH").unwrap();
        assert!(
            rsh.starts_with("ssh -i '/var/lib/eb/keys/client 7' -p 22 "),
            "{rsh}"
        );
        assert!(!rsh.contains("root@srv"));
        assert_eq!(env.len(), 20);
    }

    #[test]
    fn client_environment_and_order() {
        let c = Connection::Local;
        let ctx = ClientContext {
            event: Event::Pre,
            client_id: 3,
            client_name: "nas",
            connection: &c,
            status: 0,
            client_total_size: 0,
            client_start: 10,
            client_end: 0,
            ssh_options: &[],
            remote: &RemoteShell::of(&c, Path::new("/k"), Path::new("/kh"), &[], 20),
        };
        let env = client_env(&ctx);
        // Local clients have no remote shell.
        assert!(env.contains(&("ELKARBACKUP_SSH_COMMAND".into(), String::new())));
        assert!(env.contains(&("ELKARBACKUP_LEVEL".into(), "CLIENT".into())));
        assert!(env.contains(&("ELKARBACKUP_URL".into(), String::new())));
        let s = vec![
            ("b".to_string(), vec![]),
            ("a".to_string(), vec![]),
            ("c".to_string(), vec![]),
        ];
        let names = |v: Vec<(String, Vec<u8>)>| v.into_iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(names(ordered(s.clone(), Event::Pre)), ["a", "b", "c"]);
        assert_eq!(names(ordered(s, Event::Post)), ["c", "b", "a"]);
    }
}
