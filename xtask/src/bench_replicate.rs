//! `cargo xtask bench replicate`: a primary job store of 20 hardlinked snapshots of a
//! 50,000-file tree at 1% churn per snapshot, copied over a loopback sshd two ways in
//! one run: the replica's way (one snapshot at a time, oldest first, through the
//! primary's `rrsync -ro`, `--link-dest` to the previous copy, with the engine's options
//! from `shared::rsync`) and upstream's way (`rsync -aH --delete` of the whole job
//! store). Prints the time of a first full copy and of an incremental one (one new
//! snapshot), the peak RSS of the local rsync (GNU time's `%M`), and the ratios.
//! `EBK_BENCH_FILES` and `EBK_BENCH_SNAPSHOTS` shrink it for a quick check.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::bench::{keygen, start_sshd};
use crate::run::run;

const FILES_PER_DIR: usize = 100;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The primary's job store and the tree its snapshots are made from.
struct Primary {
    /// The rrsync root (what a location's directory is to the server).
    root: PathBuf,
    dirs: usize,
    count: usize,
}

impl Primary {
    fn store(&self) -> PathBuf {
        self.root.join("1/1")
    }
    fn name(n: usize) -> String {
        format!("2026-01-{:02}T{:02}0000Z", 1 + n / 24, n % 24)
    }
    fn data(&self, n: usize) -> PathBuf {
        self.store()
            .join("snapshots")
            .join(Self::name(n))
            .join("data")
    }

    /// Snapshot `n`: the first written out, the others hard-linked copies of the previous
    /// one (as the server keeps them) with 1% of the files rewritten.
    fn add(&mut self) -> anyhow::Result<()> {
        let n = self.count;
        let data = self.data(n);
        std::fs::create_dir_all(data.parent().context("parent")?)?;
        if n == 0 {
            for d in 0..self.dirs {
                let dir = data.join(format!("d{d:04}"));
                std::fs::create_dir_all(&dir)?;
                for f in 0..FILES_PER_DIR {
                    std::fs::write(
                        dir.join(format!("f{f:03}")),
                        format!("{d} {f}\n").repeat(40),
                    )?;
                }
            }
        } else {
            run(Command::new("cp")
                .arg("-al")
                .arg(self.data(n - 1))
                .arg(&data))?;
            for d in 0..self.dirs {
                let p = data.join(format!("d{d:04}/f{:03}", n % FILES_PER_DIR));
                std::fs::remove_file(&p)?;
                std::fs::write(&p, format!("changed in snapshot {n}\n").repeat(40))?;
            }
        }
        self.count += 1;
        Ok(())
    }
}

/// One rsync: its time, the peak RSS in KiB of the local rsync (receiver) and of the
/// primary's (sender, through sshd), files transferred.
struct Figure {
    time: Duration,
    rss_kib: u64,
    sender_rss_kib: u64,
    transferred: u64,
}

/// The last figure GNU time appended to `file` (the sender's, written on the primary).
fn last_rss(file: &Path) -> u64 {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("ebk-max-rss="))
        .filter_map(|v| v.trim().parse().ok())
        .next_back()
        .unwrap_or(0)
}

/// Runs rsync under GNU time and reads what it reports.
fn timed_rsync(args: &[String]) -> anyhow::Result<Figure> {
    let t = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "ebk-max-rss=%M", "rsync"])
        .args(args)
        .stdin(Stdio::null())
        .output()?;
    let time = t.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        bail!("rsync failed: {stderr}");
    }
    let rss_kib = stderr
        .lines()
        .find_map(|l| l.strip_prefix("ebk-max-rss="))
        .and_then(|v| v.trim().parse().ok())
        .context("GNU time's figure")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let transferred = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Number of regular files transferred: "))
        .and_then(|v| v.trim().replace(',', "").parse().ok())
        .unwrap_or(0);
    Ok(Figure {
        time,
        rss_kib,
        sender_rss_kib: 0,
        transferred,
    })
}

/// The two ways of copying, over the same sshd with two keys.
struct Copier {
    /// The replica's key: forced through `rrsync -ro <primary root>`.
    replica_ssh: String,
    /// Upstream's key: a plain login.
    upstream_ssh: String,
    replica: PathBuf,
    upstream: PathBuf,
    /// Where GNU time on the primary appends the senders' peak RSS.
    replica_sender_rss: PathBuf,
    upstream_sender_rss: PathBuf,
}

impl Copier {
    /// The replica pulls snapshot `n` of the primary into its own store.
    fn pull(&self, n: usize) -> anyhow::Result<Figure> {
        let dest = self.replica.join(Primary::name(n)).join("data");
        std::fs::create_dir_all(&dest)?;
        let mut args: Vec<String> = shared::rsync::REPLICATE_BASE
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        args.extend(["-e".to_owned(), self.replica_ssh.clone()]);
        if n > 0 {
            let prev = self.replica.join(Primary::name(n - 1)).join("data");
            args.push(format!("--link-dest={}", prev.display()));
        }
        args.push(format!(
            "root@127.0.0.1:1/1/snapshots/{}/data/",
            Primary::name(n)
        ));
        args.push(format!("{}/", dest.display()));
        let mut f = timed_rsync(&args)?;
        f.sender_rss_kib = last_rss(&self.replica_sender_rss);
        Ok(f)
    }

    /// Upstream's way: the whole job store, every snapshot in one file list.
    fn whole_store(&self, primary: &Primary) -> anyhow::Result<Figure> {
        let mut f = timed_rsync(&[
            "-aH".to_owned(),
            "--delete".to_owned(),
            "--stats".to_owned(),
            "-e".to_owned(),
            self.upstream_ssh.clone(),
            // Measured like the replica's sender: under GNU time on the primary.
            format!(
                "--rsync-path=/usr/bin/time -a -o {} -f ebk-max-rss=%M rsync",
                self.upstream_sender_rss.display()
            ),
            format!("root@127.0.0.1:{}/", primary.store().display()),
            format!("{}/", self.upstream.display()),
        ])?;
        f.sender_rss_kib = last_rss(&self.upstream_sender_rss);
        Ok(f)
    }
}

fn ssh_with(key: &Path, port: u16) -> String {
    format!(
        "ssh -i {} -p {port} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
        key.display()
    )
}

/// Runs the benchmark and prints its figures.
pub fn replicate() -> anyhow::Result<()> {
    let files = env_or("EBK_BENCH_FILES", 50_000);
    let snapshots = env_or("EBK_BENCH_SNAPSHOTS", 20).max(2);
    let work = std::env::temp_dir().join(format!("ebk-bench-replicate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let result = measure(&work, files, snapshots);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn measure(work: &Path, files: usize, snapshots: usize) -> anyhow::Result<()> {
    let mut primary = Primary {
        root: work.join("primary"),
        dirs: files.div_ceil(FILES_PER_DIR),
        count: 0,
    };
    eprintln!("bench: {snapshots} snapshots of {files} files on the primary");
    for _ in 0..snapshots {
        primary.add()?;
    }
    let (rkey, ukey) = (work.join("replica-key"), work.join("upstream-key"));
    keygen(&rkey)?;
    keygen(&ukey)?;
    let rrsync = which("rrsync")?;
    let replica_sender_rss = work.join("replica-sender-rss");
    // GNU time around rrsync (which execs rsync) measures the sender on the primary.
    let authorized = format!(
        "restrict,command=\"/usr/bin/time -a -o {} -f ebk-max-rss=%M {} -ro {}\" {}\n{}\n",
        replica_sender_rss.display(),
        rrsync.display(),
        primary.root.display(),
        std::fs::read_to_string(rkey.with_extension("pub"))?.trim(),
        std::fs::read_to_string(ukey.with_extension("pub"))?.trim(),
    );
    let sshd_dir = work.join("sshd");
    std::fs::create_dir_all(&sshd_dir)?;
    let sshd = start_sshd(&sshd_dir, &authorized)?;
    let copier = Copier {
        replica_ssh: ssh_with(&rkey, sshd.port),
        upstream_ssh: ssh_with(&ukey, sshd.port),
        replica: work.join("replica"),
        upstream: work.join("upstream"),
        replica_sender_rss,
        upstream_sender_rss: work.join("upstream-sender-rss"),
    };
    std::fs::create_dir_all(&copier.upstream)?;

    eprintln!("bench: first full copies");
    let mut pulls = Vec::new();
    for n in 0..snapshots {
        pulls.push(copier.pull(n)?);
    }
    let upstream_first = copier.whole_store(&primary)?;
    eprintln!("bench: one new snapshot, incremental copies");
    primary.add()?;
    let pull_next = copier.pull(snapshots)?;
    let upstream_next = copier.whole_store(&primary)?;
    drop(sshd);
    print(
        files,
        snapshots,
        &pulls,
        &pull_next,
        &upstream_first,
        &upstream_next,
    );
    Ok(())
}

fn which(program: &str) -> anyhow::Result<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .with_context(|| format!("{program} not found (Debian's rsync package ships it)"))
}

fn print(
    files: usize,
    snapshots: usize,
    pulls: &[Figure],
    pull_next: &Figure,
    upstream_first: &Figure,
    upstream_next: &Figure,
) {
    let first: Duration = pulls.iter().map(|f| f.time).sum();
    let max = |g: fn(&Figure) -> u64| pulls.iter().map(g).max().unwrap_or(0);
    let min = |g: fn(&Figure) -> u64| pulls.iter().map(g).min().unwrap_or(0);
    let s = |d: Duration| d.as_secs_f64();
    let mib = |k: u64| k as f64 / 1024.0;
    println!("replication benchmark: {snapshots} snapshots of {files} files, 1% churn each");
    println!(
        "{:<34} {:>10} {:>14} {:>14} {:>12}",
        "", "seconds", "receiver MiB", "sender MiB", "files sent"
    );
    let row = |name: &str, t: Duration, rss: u64, sender: u64, sent: u64| {
        println!(
            "{name:<34} {:>10.2} {:>14.1} {:>14.1} {sent:>12}",
            s(t),
            mib(rss),
            mib(sender)
        );
    };
    let sent_first: u64 = pulls.iter().map(|f| f.transferred).sum();
    row(
        "replica, first (per snapshot)",
        first,
        max(|f| f.rss_kib),
        max(|f| f.sender_rss_kib),
        sent_first,
    );
    for (name, f) in [
        ("upstream rsync -aH, first", upstream_first),
        ("replica, incremental", pull_next),
        ("upstream rsync -aH, incremental", upstream_next),
    ] {
        row(name, f.time, f.rss_kib, f.sender_rss_kib, f.transferred);
    }
    println!(
        "replica peak RSS per pull over the {snapshots} pulls: receiver {:.1}–{:.1} MiB, \
         sender {:.1}–{:.1} MiB (flat as snapshots grow)",
        mib(min(|f| f.rss_kib)),
        mib(max(|f| f.rss_kib)),
        mib(min(|f| f.sender_rss_kib)),
        mib(max(|f| f.sender_rss_kib)),
    );
    println!(
        "ratios replica/upstream: first time {:.2}, incremental time {:.3}, incremental \
         peak RSS receiver {:.3}, sender {:.3}",
        s(first) / s(upstream_first.time),
        s(pull_next.time) / s(upstream_next.time),
        pull_next.rss_kib as f64 / upstream_next.rss_kib.max(1) as f64,
        pull_next.sender_rss_kib as f64 / upstream_next.sender_rss_kib.max(1) as f64
    );
}
