//! A real OpenSSH server on 127.0.0.1 for engine tests: its own host key, and an
//! `authorized_keys` the test fills with the client's generated public key.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::process::{Child, Command};

pub struct Sshd {
    pub port: u16,
    pub dir: tempfile::TempDir,
    child: Option<Child>,
    /// An `authorized_keys` kept elsewhere (a server's managed file), instead of the
    /// test's own in `dir`.
    keys_file: Option<PathBuf>,
    /// Environment of every session (`SetEnv`): the client machine's own settings.
    session_env: Vec<(String, String)>,
}

/// A port nothing listens on now, on loopback (for a test server of its own).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Sshd {
    /// Starts sshd with a fresh host key.
    pub async fn start() -> Sshd {
        Sshd::start_with_env(&[]).await
    }

    /// Starts sshd with a fresh host key, giving every session these variables (as a
    /// client machine's own environment would).
    pub async fn start_with_env(session_env: &[(&str, String)]) -> Sshd {
        let mut s = Sshd {
            port: free_port(),
            dir: tempfile::tempdir().unwrap(),
            child: None,
            keys_file: None,
            session_env: session_env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        };
        s.new_host_key();
        std::fs::write(s.authorized_keys(), "").unwrap();
        s.spawn().await;
        s
    }

    /// Starts sshd reading the keys of `authorized_keys`, a file someone else manages
    /// (sshd reads it at each login, so later changes count).
    pub async fn start_with_authorized_keys(authorized_keys: &Path) -> Sshd {
        let mut s = Sshd {
            port: free_port(),
            dir: tempfile::tempdir().unwrap(),
            child: None,
            keys_file: Some(authorized_keys.to_owned()),
            session_env: Vec::new(),
        };
        s.new_host_key();
        s.spawn().await;
        s
    }

    pub fn authorized_keys(&self) -> PathBuf {
        self.keys_file
            .clone()
            .unwrap_or_else(|| self.dir.path().join("authorized_keys"))
    }

    fn host_key(&self) -> PathBuf {
        self.dir.path().join("host_ed25519")
    }

    /// The fingerprint ssh-keygen prints for the host key.
    pub fn fingerprint(&self) -> String {
        let out = std::process::Command::new("ssh-keygen")
            .arg("-lf")
            .arg(self.host_key().with_extension("pub"))
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .to_owned()
    }

    fn new_host_key(&self) {
        let _ = std::fs::remove_file(self.host_key());
        let _ = std::fs::remove_file(self.host_key().with_extension("pub"));
        let ok = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(self.host_key())
            .status()
            .unwrap();
        assert!(ok.success());
    }

    async fn spawn(&mut self) {
        let sshd = Path::new("/usr/sbin/sshd");
        assert!(
            sshd.exists(),
            "install openssh-server (cargo xtask test does)"
        );
        std::fs::create_dir_all("/run/sshd").unwrap();
        let cfg = self.dir.path().join("sshd_config");
        let set_env: String = self
            .session_env
            .iter()
            .map(|(k, v)| format!("SetEnv {k}=\"{v}\"\n"))
            .collect();
        std::fs::write(
            &cfg,
            set_env
                + &format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {hk}\nPidFile {d}/sshd.pid\n\
                 AuthorizedKeysFile {ak}\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n\
                 KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nUsePAM no\nStrictModes no\n\
                 MaxStartups 100\nLogLevel ERROR\n",
                port = self.port,
                hk = self.host_key().display(),
                d = self.dir.path().display(),
                ak = self.authorized_keys().display(),
                ),
        )
        .unwrap();
        let child = Command::new(sshd)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(&cfg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        self.child = Some(child);
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("sshd did not start");
    }

    /// Stops the server (an unreachable client).
    pub async fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill().await;
            let _ = c.wait().await;
        }
    }

    /// Restarts with a new host key (a reinstalled or impersonated client).
    pub async fn change_host_key(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill().await;
            let _ = c.wait().await;
        }
        self.new_host_key();
        self.spawn().await;
    }

    /// Lets the client's key in.
    pub fn authorize(&self, public_key: &str) {
        self.authorize_lines(&[public_key]);
    }

    /// Replaces the `authorized_keys` with these lines.
    pub fn authorize_lines(&self, lines: &[&str]) {
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(self.authorized_keys(), text).unwrap();
    }

    /// Installs a client's keys as its page shows them: the backup key's line and, when
    /// the client has one, the restore key's (restricted by rrsync for a new client).
    pub fn install(&self, client: &serde_json::Value) {
        let mut lines = vec![client["backup_key_line"].as_str().expect("backup_key_line")];
        if let Some(restore) = client["restore_key_line"].as_str() {
            lines.push(restore);
        }
        self.authorize_lines(&lines);
    }
}

/// ssh's options for a test's own connections to a loopback sshd on `port` with `key`:
/// no host key check, no agent, no prompts. For direct calls and rsync's `-e`.
pub fn client_ssh_args(key: &Path, port: u16) -> Vec<String> {
    [
        "-i",
        &key.display().to_string(),
        "-p",
        &port.to_string(),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "LogLevel=ERROR",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}
