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

/// One rsync: its time, the local rsync's peak RSS in KiB, files transferred.
struct Figure {
    time: Duration,
    rss_kib: u64,
    transferred: u64,
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
        timed_rsync(&args)
    }

    /// Upstream's way: the whole job store, every snapshot in one file list.
    fn whole_store(&self, primary: &Primary) -> anyhow::Result<Figure> {
        timed_rsync(&[
            "-aH".to_owned(),
            "--delete".to_owned(),
            "--stats".to_owned(),
            "-e".to_owned(),
            self.upstream_ssh.clone(),
            format!("root@127.0.0.1:{}/", primary.store().display()),
            format!("{}/", self.upstream.display()),
        ])
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
    let authorized = format!(
        "restrict,command=\"{} -ro {}\" {}\n{}\n",
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
    let rss_first = pulls.iter().map(|f| f.rss_kib).max().unwrap_or(0);
    let (rss_min, rss_max) = (
        pulls.iter().map(|f| f.rss_kib).min().unwrap_or(0),
        rss_first,
    );
    let s = |d: Duration| d.as_secs_f64();
    println!("replication benchmark: {snapshots} snapshots of {files} files, 1% churn each");
    println!(
        "{:<34} {:>10} {:>14} {:>12}",
        "", "seconds", "peak RSS MiB", "files sent"
    );
    let row = |name: &str, t: Duration, rss: u64, sent: u64| {
        println!(
            "{name:<34} {:>10.2} {:>14.1} {sent:>12}",
            s(t),
            rss as f64 / 1024.0
        );
    };
    let sent_first: u64 = pulls.iter().map(|f| f.transferred).sum();
    row(
        "replica, first (per snapshot)",
        first,
        rss_first,
        sent_first,
    );
    row(
        "upstream rsync -aH, first",
        upstream_first.time,
        upstream_first.rss_kib,
        upstream_first.transferred,
    );
    row(
        "replica, incremental",
        pull_next.time,
        pull_next.rss_kib,
        pull_next.transferred,
    );
    row(
        "upstream rsync -aH, incremental",
        upstream_next.time,
        upstream_next.rss_kib,
        upstream_next.transferred,
    );
    println!(
        "replica per-snapshot peak RSS over the {snapshots} pulls: {:.1}–{:.1} MiB (flat as snapshots grow)",
        rss_min as f64 / 1024.0,
        rss_max as f64 / 1024.0
    );
    println!(
        "ratios replica/upstream: first time {:.2}, incremental time {:.3}, incremental RSS {:.3}",
        s(first) / s(upstream_first.time),
        s(pull_next.time) / s(upstream_next.time),
        pull_next.rss_kib as f64 / upstream_next.rss_kib.max(1) as f64
    );
}
