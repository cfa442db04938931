//! The installed service started the way systemd starts it (CI has no systemd): the unit's
//! `ExecStart=` argv from `/`, with only the unit's `Environment=` and what systemd itself
//! sets (`PATH`, `NOTIFY_SOCKET`, `JOURNAL_STREAM` naming the output file); ready when the
//! server sends READY=1 to the notify socket, as `Type=notify` means.

use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};

use super::guard::Marker;
use super::unit;

/// systemd's `PATH` for system services.
const SYSTEMD_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin";

/// A running service, stopped (SIGTERM, then wait) on drop if it still runs.
pub struct Service {
    child: Child,
    notify: UnixDatagram,
    socket: PathBuf,
    log: PathBuf,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

impl Service {
    /// Starts `unit`'s `ExecStart=` listening on 127.0.0.1:`port`, its output in `log`, and
    /// waits for READY=1.
    pub fn start(
        unit: &unit::Service,
        port: u16,
        log: &Path,
        marker: &Marker,
    ) -> anyhow::Result<Service> {
        ensure!(unit.kind == "notify", "the unit is Type={}", unit.kind);
        let socket = std::env::temp_dir().join(format!("ebk-deb-test-{}.sock", std::process::id()));
        let _ = std::fs::remove_file(&socket);
        let notify =
            UnixDatagram::bind(&socket).with_context(|| format!("binding {}", socket.display()))?;
        notify.set_read_timeout(Some(Duration::from_millis(200)))?;
        let out = File::create(log).with_context(|| format!("creating {}", log.display()))?;
        let meta = out.metadata()?;
        let err = out.try_clone()?;
        let mut c = Command::new(&unit.exec_start[0]);
        c.args(&unit.exec_start[1..])
            .env_clear()
            .current_dir("/")
            .env("PATH", SYSTEMD_PATH)
            .env("NOTIFY_SOCKET", &socket)
            .env("JOURNAL_STREAM", format!("{}:{}", meta.dev(), meta.ino()))
            .envs(unit.environment.iter().map(|(k, v)| (k, v)))
            .env("ELKARBACKUP_LISTEN", format!("127.0.0.1:{port}"))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        eprintln!("xtask: starting {:?} as systemd would", unit.exec_start);
        let child = c.spawn().context("starting the service's ExecStart")?;
        marker.record_pid(child.id())?;
        let mut service = Service {
            child,
            notify,
            socket,
            log: log.to_owned(),
            base: format!("http://127.0.0.1:{port}"),
        };
        service.wait_for("READY=1", Duration::from_secs(180))?;
        Ok(service)
    }

    /// The server's output so far.
    pub fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits for a datagram with the line `state`, failing if the server exits first.
    fn wait_for(&mut self, state: &str, limit: Duration) -> anyhow::Result<()> {
        let start = Instant::now();
        let mut buf = [0u8; 4096];
        loop {
            match self.notify.recv(&mut buf) {
                Ok(n) => {
                    let msg = String::from_utf8_lossy(&buf[..n]).into_owned();
                    if msg.lines().any(|l| l == state) {
                        return Ok(());
                    }
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => return Err(e).context("reading the notify socket"),
            }
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "the server exited ({status}) before sending {state}; its output:\n{}",
                    self.output()
                );
            }
            if start.elapsed() > limit {
                bail!(
                    "no {state} within {limit:?}; the server's output:\n{}",
                    self.output()
                );
            }
        }
    }

    /// SIGTERM, as `systemctl stop` sends it (KillMode=mixed: to the server alone); the
    /// server must say STOPPING=1 and exit successfully.
    pub fn stop(mut self) -> anyhow::Result<()> {
        signal(self.child.id(), "TERM")?;
        self.wait_for("STOPPING=1", Duration::from_secs(30))?;
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait()? {
                break status;
            }
            if start.elapsed() > Duration::from_secs(120) {
                bail!("the server did not exit within 120 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        ensure!(
            status.success(),
            "the server exited with {status} after SIGTERM; its output:\n{}",
            self.output()
        );
        Ok(())
    }
}

fn signal(pid: u32, name: &str) -> anyhow::Result<()> {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()?;
    ensure!(status.success(), "kill -{name} {pid} failed");
    Ok(())
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.socket);
        if !matches!(self.child.try_wait(), Ok(None)) {
            return;
        }
        let _ = signal(self.child.id(), "TERM");
        let start = Instant::now();
        while matches!(self.child.try_wait(), Ok(None)) {
            if start.elapsed() > Duration::from_secs(90) {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}
