//! A real server process for the browser and API-tool tests: the debug `elkarbackup`
//! binary on its own managed PostgreSQL cluster in a fresh temporary data directory,
//! optionally over HTTPS (a test CA and a certificate for 127.0.0.1 made with `openssl`)
//! and under a path prefix.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{bail, Context};

use crate::run::{cmd, output, root};

/// How a test server is reached.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// Built-in HTTPS with a certificate signed by a CA made for this server.
    pub tls: bool,
    /// `ELKARBACKUP_URL_PREFIX`, e.g. `/elkarbackup`.
    pub prefix: Option<String>,
}

/// A running server, stopped (SIGTERM, then wait) on drop.
pub struct TestServer {
    child: Child,
    binary: PathBuf,
    /// The printed address without its final slash: `https://127.0.0.1:PORT[/prefix]`.
    pub base: String,
    pub data_dir: PathBuf,
    pub socket_dir: PathBuf,
    /// The CA that signed the server's certificate (PEM), with HTTPS.
    pub ca: Option<PathBuf>,
}

fn base_command(binary: &Path, data_dir: &Path) -> Command {
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
    pub fn start(name: &str, reach: &Reach) -> anyhow::Result<Self> {
        Self::start_reached(name, PathBuf::from("target/debug/elkarbackup"), reach)
    }

    /// Starts `binary` (relative to the repository) on a free port with a new data
    /// directory, over plain HTTP at the root.
    pub fn start_with(name: &str, binary: PathBuf) -> anyhow::Result<Self> {
        Self::start_reached(name, binary, &Reach::default())
    }

    fn start_reached(name: &str, binary: PathBuf, reach: &Reach) -> anyhow::Result<Self> {
        let data_dir = std::env::temp_dir().join(format!("ebk-{name}-{}", std::process::id()));
        if data_dir.exists() {
            std::fs::remove_dir_all(&data_dir)?;
        }
        let mut command = base_command(&binary, &data_dir);
        command
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("ELKARBACKUP_LOG", "warn")
            // Many logins from one address during the API fuzzing are expected.
            .env("ELKARBACKUP_LOGIN_MAX_FAILURES", "1000")
            .stdout(Stdio::piped());
        let ca = if reach.tls {
            let files = make_certificate(&data_dir.join("tls"))?;
            command
                .env("ELKARBACKUP_TLS_CERTIFICATE", &files.certificate)
                .env("ELKARBACKUP_TLS_KEY", &files.key)
                // The server's own HTTPS client (a replication source pointing at this same
                // server) must trust it too; rustls-native-certs reads this variable.
                .env("SSL_CERT_FILE", &files.ca);
            Some(files.ca)
        } else {
            None
        };
        if let Some(prefix) = &reach.prefix {
            command.env("ELKARBACKUP_URL_PREFIX", prefix);
        }
        let mut child = command.spawn().context("starting the server")?;
        let base = match read_address(&mut child) {
            Ok(b) => b,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        };
        let socket_dir = data_dir.join("postgres/run");
        Ok(TestServer {
            child,
            binary,
            base,
            data_dir,
            socket_dir,
            ca,
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

    /// The server's process id (the memory benchmark reads its RSS in `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A libpq URL of the server's database, for diesel_cli.
    pub fn database_url(&self) -> String {
        format!(
            "postgres:///elkarbackup?host={}&user=postgres",
            self.socket_dir.display()
        )
    }
}

/// The address the server prints once it listens (`… listening on https://…/`), without
/// its final slash.
fn read_address(child: &mut Child) -> anyhow::Result<String> {
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
    rx.recv_timeout(Duration::from_secs(180))
        .map_err(|_| anyhow::anyhow!("the server did not start within 180 s"))
}

/// The PEM files of a test server's HTTPS.
struct TlsFiles {
    ca: PathBuf,
    certificate: PathBuf,
    key: PathBuf,
}

/// A CA and a server certificate it signs for `127.0.0.1` and `localhost`, valid two days,
/// made in `dir` with `openssl` (argv vectors). A separate CA because certificate checkers
/// (rustls, Node) refuse a self-signed CA certificate used as the server's own.
fn make_certificate(dir: &Path) -> anyhow::Result<TlsFiles> {
    std::fs::create_dir_all(dir)?;
    let f = |name: &str| dir.join(name);
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        Command::new("openssl")
            .args(["req", "-x509"])
            .args(ec)
            .args(["-days", "2", "-subj", "/CN=ElkarBackup test CA", "-keyout"])
            .arg(f("ca.key"))
            .arg("-out")
            .arg(f("ca.pem")),
    )?;
    openssl(
        Command::new("openssl")
            .arg("req")
            .args(ec)
            .args(["-subj", "/CN=127.0.0.1", "-keyout"])
            .arg(f("key.pem"))
            .arg("-out")
            .arg(f("server.csr")),
    )?;
    std::fs::write(
        f("server.ext"),
        "basicConstraints = CA:FALSE\n\
         keyUsage = digitalSignature\n\
         extendedKeyUsage = serverAuth\n\
         subjectAltName = IP:127.0.0.1, DNS:localhost\n",
    )?;
    openssl(
        Command::new("openssl")
            .args(["x509", "-req", "-days", "2", "-in"])
            .arg(f("server.csr"))
            .arg("-CA")
            .arg(f("ca.pem"))
            .arg("-CAkey")
            .arg(f("ca.key"))
            .args(["-CAcreateserial", "-extfile"])
            .arg(f("server.ext"))
            .arg("-out")
            .arg(f("cert.pem")),
    )?;
    Ok(TlsFiles {
        ca: f("ca.pem"),
        certificate: f("cert.pem"),
        key: f("key.pem"),
    })
}

fn openssl(c: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{c:?}");
    output(c)
        .map(drop)
        .with_context(|| format!("making the test certificate: {shown} failed"))
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
