//! The self-managed PostgreSQL cluster: when no `DATABASE_URL` is configured the server
//! initialises and runs its own cluster in `<data dir>/postgres`, listening on a Unix socket
//! only, as the `postgres` system user when started as root.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::unistd::{Gid, Pid, Uid, User};
use tokio::process::Command;

/// Name of the application database inside the managed cluster.
pub const APP_DATABASE: &str = "elkarbackup";
/// Longest Unix socket path the kernel accepts (sun_path is 108 bytes with the NUL).
const MAX_SOCKET_PATH: usize = 107;

/// Why the managed cluster could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL server programs (initdb, postgres) were not found. Install them with \
         `apt-get install postgresql` (Debian package `postgresql`), set postgres_bin_dir, \
         or point DATABASE_URL at an existing server"
    )]
    BinariesMissing,
    #[error("the system user `postgres` does not exist; install the Debian package `postgresql`")]
    NoPostgresUser,
    #[error("the socket path {0} is too long for a Unix socket; use a shorter data directory")]
    SocketPathTooLong(PathBuf),
    #[error("cannot prepare {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{program} failed: {detail}")]
    Command { program: String, detail: String },
    #[error("PostgreSQL did not become ready within {0:?}; see {1}")]
    NotReady(Duration, PathBuf),
    /// The `postgres` user cannot reach the cluster: the localised explanation, naming the
    /// directory that blocks it and the fix.
    #[error("{message}")]
    Blocked { dir: PathBuf, message: String },
}

/// The error for a cluster in `cluster` that the `postgres` user cannot reach because it
/// cannot enter `dir`, in the language of the environment.
fn blocked(dir: PathBuf, cluster: &Path) -> ClusterError {
    let message = crate::i18n::translations().text(
        crate::i18n::environment_language(),
        "cli-postgres-blocked",
        &[
            ("dir", dir.display().to_string()),
            ("cluster", cluster.display().to_string()),
        ],
    );
    ClusterError::Blocked { dir, message }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ClusterError + '_ {
    move |source| ClusterError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A running cluster in a directory of ours.
#[derive(Debug)]
pub struct ManagedCluster {
    root: PathBuf,
    pgdata: PathBuf,
    socket_dir: PathBuf,
    /// The postmaster, when this process started it (not when it adopted a running one).
    child: tokio::sync::Mutex<Option<tokio::process::Child>>,
}

/// Finds the directory holding `initdb` and `postgres`: the configured one, else the newest
/// Debian `/usr/lib/postgresql/<version>/bin`, else the `PATH`.
pub fn find_bin_dir(configured: Option<&Path>) -> Result<PathBuf, ClusterError> {
    let usable = |d: &Path| d.join("initdb").is_file() && d.join("postgres").is_file();
    if let Some(d) = configured {
        return if usable(d) {
            Ok(d.to_owned())
        } else {
            Err(ClusterError::BinariesMissing)
        };
    }
    bin_dir_candidates()
        .find(|d| usable(d))
        .ok_or(ClusterError::BinariesMissing)
}

/// Where PostgreSQL's programs are looked for when no directory is configured, in order:
/// Debian's `/usr/lib/postgresql/<version>/bin`, newest version first, then the `PATH`.
pub fn bin_dir_candidates() -> impl Iterator<Item = PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            Some((v, e.path().join("bin")))
        })
        .collect();
    versions.sort_by_key(|v| std::cmp::Reverse(v.0));
    let path: Vec<PathBuf> = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .collect();
    versions.into_iter().map(|(_, d)| d).chain(path)
}

/// The user the cluster runs as: `postgres` when we are root (initdb refuses root).
fn run_as() -> Result<Option<(Uid, Gid)>, ClusterError> {
    if !Uid::effective().is_root() {
        return Ok(None);
    }
    let user = User::from_name("postgres")
        .ok()
        .flatten()
        .ok_or(ClusterError::NoPostgresUser)?;
    Ok(Some((user.uid, user.gid)))
}

fn command(program: PathBuf, owner: Option<(Uid, Gid)>) -> Command {
    let mut cmd = Command::new(program);
    if let Some((uid, gid)) = owner {
        cmd.uid(uid.as_raw()).gid(gid.as_raw());
    }
    cmd.stdin(Stdio::null()).env("LC_ALL", "C.UTF-8");
    // Under systemd (Type=notify) readiness is the server's to announce: PostgreSQL would
    // send its own READY=1 to the same socket, before the server listens.
    cmd.env_remove("NOTIFY_SOCKET");
    cmd
}

impl ManagedCluster {
    /// Initialises (first time) and starts the cluster under `root`, or adopts one already
    /// running there, then makes sure the application database exists.
    pub async fn start(root: &Path, bin_dir: Option<&Path>) -> Result<Self, ClusterError> {
        let bin = find_bin_dir(bin_dir)?;
        let owner = run_as()?;
        let root = std::path::absolute(root).map_err(io_err(root))?;
        let pgdata = root.join("data");
        let socket_dir = root.join("run");
        let socket = socket_dir.join(".s.PGSQL.5432");
        if socket.as_os_str().len() > MAX_SOCKET_PATH {
            return Err(ClusterError::SocketPathTooLong(socket));
        }
        for d in [&root, &socket_dir] {
            std::fs::create_dir_all(d).map_err(io_err(d))?;
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700))
                .map_err(io_err(d))?;
            if let Some((uid, gid)) = owner {
                nix::unistd::chown(d.as_path(), Some(uid), Some(gid))
                    .map_err(|e| io_err(d)(e.into()))?;
            }
        }
        // The postgres user must be able to reach its directory through the data dir.
        if owner.is_some() {
            if let Some(parent) = root.parent() {
                let meta = std::fs::metadata(parent).map_err(io_err(parent))?;
                let mode = meta.permissions().mode();
                if mode & 0o001 == 0 {
                    std::fs::set_permissions(parent, std::fs::Permissions::from_mode(mode | 0o711))
                        .map_err(io_err(parent))?;
                }
            }
        }
        // Every directory above must let it in too: say which one does not, and how to fix
        // it, before initdb fails with a bare "Permission denied".
        if let Some((uid, gid)) = owner {
            let probe = bin.join("postgres");
            if let Some(dir) =
                super::cluster_access::blocking_directory(&probe, &root, uid, gid).await
            {
                return Err(blocked(dir, &root));
            }
        }
        let cluster = ManagedCluster {
            root,
            pgdata,
            socket_dir,
            child: tokio::sync::Mutex::new(None),
        };
        if !cluster.pgdata.join("PG_VERSION").exists() {
            cluster.initdb(&bin, owner).await?;
        }
        if cluster.running_pid().is_none() {
            let child = cluster.spawn_postgres(&bin, owner)?;
            *cluster.child.lock().await = Some(child);
        } else {
            tracing::info!(
                "adopting the PostgreSQL cluster already running in {:?}",
                cluster.pgdata
            );
        }
        cluster.wait_ready(Duration::from_secs(60)).await?;
        cluster.ensure_database(APP_DATABASE).await?;
        Ok(cluster)
    }

    async fn initdb(&self, bin: &Path, owner: Option<(Uid, Gid)>) -> Result<(), ClusterError> {
        tracing::info!("initialising a PostgreSQL cluster in {:?}", self.pgdata);
        let out = command(bin.join("initdb"), owner)
            .arg("-D")
            .arg(&self.pgdata)
            .args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ])
            .arg("--no-instructions")
            .output()
            .await
            .map_err(io_err(&self.pgdata))?;
        if !out.status.success() {
            return Err(ClusterError::Command {
                program: "initdb".into(),
                detail: String::from_utf8_lossy(&out.stderr).into_owned(),
            });
        }
        Ok(())
    }

    fn spawn_postgres(
        &self,
        bin: &Path,
        owner: Option<(Uid, Gid)>,
    ) -> Result<tokio::process::Child, ClusterError> {
        let log_path = self.log_path();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(io_err(&log_path))?;
        if let Some((uid, gid)) = owner {
            nix::unistd::chown(log_path.as_path(), Some(uid), Some(gid))
                .map_err(|e| io_err(&log_path)(e.into()))?;
        }
        let log2 = log.try_clone().map_err(io_err(&log_path))?;
        let mut cmd = command(bin.join("postgres"), owner);
        cmd.arg("-D")
            .arg(&self.pgdata)
            .arg("-k")
            .arg(&self.socket_dir)
            // Socket only: no TCP port is opened.
            .args([
                "-c",
                "listen_addresses=",
                "-c",
                "unix_socket_permissions=0700",
            ])
            .stdout(log)
            .stderr(log2)
            // Its own process group: a Ctrl-C meant for the server must not kill the
            // database before the server has shut down cleanly.
            .process_group(0);
        cmd.spawn().map_err(io_err(&self.pgdata))
    }

    fn log_path(&self) -> PathBuf {
        self.root.join("postgres.log")
    }

    /// The postmaster's pid, when one is alive for this data directory.
    fn running_pid(&self) -> Option<Pid> {
        let text = std::fs::read_to_string(self.pgdata.join("postmaster.pid")).ok()?;
        let pid = Pid::from_raw(text.lines().next()?.trim().parse().ok()?);
        kill(pid, None).ok().map(|_| pid)
    }

    async fn wait_ready(&self, limit: Duration) -> Result<(), ClusterError> {
        let start = Instant::now();
        loop {
            if self.connect("postgres").await.is_ok() {
                return Ok(());
            }
            if start.elapsed() > limit {
                return Err(ClusterError::NotReady(limit, self.log_path()));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn connect(&self, db: &str) -> Result<tokio_postgres::Client, tokio_postgres::Error> {
        let mut cfg = tokio_postgres::Config::new();
        cfg.host_path(&self.socket_dir).user("postgres").dbname(db);
        let (client, conn) = cfg.connect(tokio_postgres::NoTls).await?;
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!("managed cluster connection closed: {e}");
            }
        });
        Ok(client)
    }

    async fn ensure_database(&self, name: &str) -> Result<(), ClusterError> {
        let fail = |e: tokio_postgres::Error| ClusterError::Command {
            program: "postgres".into(),
            detail: e.to_string(),
        };
        let client = self.connect("postgres").await.map_err(fail)?;
        let exists = client
            .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
            .await
            .map_err(fail)?
            .is_some();
        if !exists {
            // The name is our constant, never user input; identifiers cannot be bound.
            client
                .batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .await
                .map_err(fail)?;
        }
        Ok(())
    }

    /// True when this process started the postmaster (rather than adopting a running one).
    pub async fn started_here(&self) -> bool {
        self.child.lock().await.is_some()
    }

    /// Connection string for a database of this cluster (key=value form, socket host).
    pub fn database_url(&self, db: &str) -> String {
        let host = self
            .socket_dir
            .to_string_lossy()
            .replace('\\', "\\\\")
            .replace('\'', "\\'");
        format!("host='{host}' user=postgres dbname={db}")
    }

    /// Stops the cluster with a fast shutdown (open transactions roll back, data is safe)
    /// and waits until it has exited.
    pub async fn stop(&self) -> Result<(), ClusterError> {
        let Some(pid) = self.running_pid() else {
            return Ok(());
        };
        tracing::info!("stopping the managed PostgreSQL cluster");
        let _ = kill(pid, Signal::SIGINT);
        if let Some(mut child) = self.child.lock().await.take() {
            // Our own child: reap it, so that its pid cannot linger as a zombie.
            return match tokio::time::timeout(Duration::from_secs(60), child.wait()).await {
                Ok(_) => Ok(()),
                Err(_) => {
                    let _ = kill(pid, Signal::SIGQUIT);
                    Err(ClusterError::Command {
                        program: "postgres".into(),
                        detail: "did not stop within 60 s".into(),
                    })
                }
            };
        }
        // Adopted: not our child, so wait for the postmaster to remove its pid file (a
        // zombie of another parent would still answer kill(pid, 0)).
        let start = Instant::now();
        while self.pgdata.join("postmaster.pid").exists() && kill(pid, None).is_ok() {
            if start.elapsed() > Duration::from_secs(60) {
                let _ = kill(pid, Signal::SIGQUIT);
                return Err(ClusterError::Command {
                    program: "postgres".into(),
                    detail: "did not stop within 60 s".into(),
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }
}
