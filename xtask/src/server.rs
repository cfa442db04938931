//! A real server process for the browser and API-tool tests: the debug `elkarbackup`
//! binary on its own managed PostgreSQL cluster in a fresh temporary data directory.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{bail, Context};

use crate::run::{cmd, root};

/// A running server, stopped (SIGTERM, then wait) on drop.
pub struct TestServer {
    child: Child,
    binary: PathBuf,
    pub base: String,
    pub data_dir: PathBuf,
    pub socket_dir: PathBuf,
}

fn base_command(binary: &std::path::Path, data_dir: &std::path::Path) -> Command {
    let mut c = cmd(&root().join(binary).to_string_lossy());
    c.arg("--data-dir")
        .arg(data_dir)
        .env_remove("DATABASE_URL")
        .env_remove("ELKARBACKUP_DATABASE_URL")
        .env("ELKARBACKUP_FRONTEND_DIR", root().join("frontend/dist"));
    c
}

impl TestServer {
    /// Starts the debug server on a free port with a new data directory.
    pub fn start(name: &str) -> anyhow::Result<Self> {
        Self::start_with(name, PathBuf::from("target/debug/elkarbackup"))
    }

    /// Starts `binary` (relative to the repository) on a free port with a new data directory.
    pub fn start_with(name: &str, binary: PathBuf) -> anyhow::Result<Self> {
        let data_dir = std::env::temp_dir().join(format!("ebk-{name}-{}", std::process::id()));
        if data_dir.exists() {
            std::fs::remove_dir_all(&data_dir)?;
        }
        let mut child = base_command(&binary, &data_dir)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("ELKARBACKUP_LOG", "warn")
            // Many logins from one address during the API fuzzing are expected.
            .env("ELKARBACKUP_LOGIN_MAX_FAILURES", "1000")
            .stdout(Stdio::piped())
            .spawn()
            .context("starting the server")?;
        let stdout = child.stdout.take().context("server stdout")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.split("listening on ").nth(1) {
                    let _ = tx.send(url.trim().trim_end_matches('/').to_owned());
                }
                // Everything else (the first admin's password) is not needed: the tests
                // create their own users.
            }
        });
        let base = match rx.recv_timeout(Duration::from_secs(180)) {
            Ok(b) => b,
            Err(_) => {
                let _ = child.kill();
                bail!("the server did not start within 180 s");
            }
        };
        let socket_dir = data_dir.join("postgres/run");
        Ok(TestServer {
            child,
            binary,
            base,
            data_dir,
            socket_dir,
        })
    }

    /// Creates a user with `elkarbackup admin create` against the running server's cluster.
    /// Their language is English (the browser tests expect the e2e admin's to be `en`).
    pub fn create_user(&self, name: &str, role: &str, password: &str) -> anyhow::Result<()> {
        let mut child = base_command(&self.binary, &self.data_dir)
            .args(["admin", "create", name, "--role", role, "--language", "en"])
            .arg("--password-stdin")
            .env("ELKARBACKUP_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            writeln!(stdin, "{password}")?;
        }
        let status = child.wait()?;
        if !status.success() {
            bail!("creating user {name} failed: {status}");
        }
        Ok(())
    }

    /// A libpq URL of the server's database, for diesel_cli.
    pub fn database_url(&self) -> String {
        format!(
            "postgres:///elkarbackup?host={}&user=postgres",
            self.socket_dir.display()
        )
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}
