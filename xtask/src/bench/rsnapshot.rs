//! rsnapshot, the benchmark's third column: `link_dest 1` on the same tree and sshd.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::run;

/// rsnapshot with `link_dest 1` on the same tree and sshd, when it can be installed.
pub struct Rsnapshot {
    config: PathBuf,
}

impl Rsnapshot {
    pub fn setup(work: &Path, key: &Path, port: u16, src: &Path) -> Option<Rsnapshot> {
        let installed = Command::new("rsnapshot")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if !installed && crate::run::is_root() {
            let _ = run(Command::new("apt-get")
                .args(["install", "-y", "-qq", "rsnapshot"])
                .env("DEBIAN_FRONTEND", "noninteractive"));
        }
        Command::new("rsnapshot")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        let root = work.join("rsnapshot");
        std::fs::create_dir_all(&root).ok()?;
        let config = work.join("rsnapshot.conf");
        let lines = [
            "config_version\t1.2".to_owned(),
            format!("snapshot_root\t{}/", root.display()),
            "cmd_rsync\t/usr/bin/rsync".to_owned(),
            "cmd_ssh\t/usr/bin/ssh".to_owned(),
            format!(
                "ssh_args\t-i {} -p {port} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
                key.display()
            ),
            "link_dest\t1".to_owned(),
            "rsync_long_args\t--delete --numeric-ids --delete-excluded --hard-links --acls --xattrs".to_owned(),
            "retain\tdaily\t10".to_owned(),
            format!("lockfile\t{}/rsnapshot.pid", work.display()),
            format!("backup\troot@127.0.0.1:{}/\tbench/", src.display()),
        ];
        std::fs::write(&config, lines.join("\n") + "\n").ok()?;
        Some(Rsnapshot { config })
    }

    pub fn run(&self) -> anyhow::Result<Duration> {
        let t = Instant::now();
        run(Command::new("rsnapshot")
            .arg("-c")
            .arg(&self.config)
            .arg("daily"))?;
        Ok(t.elapsed())
    }
}
