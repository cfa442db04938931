//! Browsing benchmark (`cargo xtask bench browse`): the snapshot browser's listing, search
//! and archive code (`backend::snapfs`) on a directory of 100,000 small files, each figure
//! printed beside a baseline measured in the same run (std or coreutils/findutils/tar/zip
//! doing the same work), as medians of wall time, plus the memory the archive streaming
//! grows by.

use std::fmt::Debug;
use std::io::{self, Write};
use std::os::fd::OwnedFd;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use backend::snapfs::archive::{self, Format};
use backend::snapfs::list;
use backend::snapfs::open::{open_dir, open_root};
use backend::snapfs::path::RelPath;
use shared::snapshots::EntrySort;

const FILES: usize = 100_000;
const FILE_SIZE: usize = 100;
const PER_PAGE: i64 = 500;
const RUNS: usize = 5;
/// One file in this many has the needle in its name (100 hits).
const NEEDLE_EVERY: usize = 1000;

/// The snapfs errors are plain enums without `Display`; their `Debug` says enough here.
fn fs<T>(r: Result<T, impl Debug>) -> Result<T> {
    r.map_err(|e| anyhow!("{e:?}"))
}

/// A writer that only counts, so archive figures measure building the stream, not storage.
#[derive(Default)]
struct Counting(u64);

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Median wall time of `RUNS` calls; `f` returns a figure (entries, bytes) that is checked
/// to be the same on every run, so a baseline cannot silently do less work.
fn measure(mut f: impl FnMut() -> Result<u64>) -> Result<(Duration, u64)> {
    let mut times = Vec::with_capacity(RUNS);
    let mut figure = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let n = f()?;
        times.push(t.elapsed());
        if figure.is_some_and(|f| f != n) {
            bail!("runs disagree: {figure:?} then {n}");
        }
        figure = Some(n);
    }
    times.sort();
    Ok((times[RUNS / 2], figure.unwrap_or(0)))
}

/// Runs an external command (argv, no shell) in `dir` and returns the bytes it wrote to
/// stdout, read through a pipe: a pipe rather than /dev/null, because GNU tar skips
/// reading file contents when it sees its output is /dev/null.
fn external(dir: &Path, argv: &[&str]) -> Result<u64> {
    let mut child = Command::new(argv[0])
        .args(&argv[1..])
        .current_dir(dir)
        // The C locale: no collation tables in the baselines' sorting and matching.
        .env("LC_ALL", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {argv:?}"))?;
    let mut out = child.stdout.take().context("no stdout pipe")?;
    let n = io::copy(&mut out, &mut Counting::default())?;
    let status = child.wait()?;
    if !status.success() {
        bail!("{argv:?} failed with {status}");
    }
    Ok(n)
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One line of the table: our figure, a baseline's, and ours / baseline.
fn row(label: &str, ours: Duration, base_label: &str, base: Duration) {
    println!(
        "  {label:<30} {:>9.1} ms   {base_label:<34} {:>9.1} ms   {:>6.2}x",
        ms(ours),
        ms(base),
        ours.as_secs_f64() / base.as_secs_f64().max(1e-9)
    );
}

/// `VmHWM` and `VmRSS` of this process, in KiB.
fn memory() -> Result<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let field = |name: &str| -> Result<u64> {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .with_context(|| format!("no {name} in /proc/self/status"))
    };
    Ok((field("VmHWM:")?, field("VmRSS:")?))
}

/// Resets `VmHWM` to the current RSS (Linux ≥ 4.0), so that the peak measured afterwards
/// is the archive's and not the earlier 100,000-entry listings'. False if refused.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn make_tree(wide: &Path) -> Result<()> {
    std::fs::create_dir(wide)?;
    let content = vec![b'x'; FILE_SIZE];
    for i in 0..FILES {
        let name = if i % NEEDLE_EVERY == 0 {
            format!("f{i:06}-NeedLe.txt")
        } else {
            format!("f{i:06}.txt")
        };
        std::fs::write(wide.join(name), &content)?;
    }
    Ok(())
}

/// The baseline for a name-ordered page in plain std: every name, sorted, and the
/// metadata of the page's entries only.
fn std_page(wide: &Path) -> Result<u64> {
    let mut names = std::fs::read_dir(wide)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<io::Result<Vec<_>>>()?;
    names.sort();
    let mut n = 0;
    for name in names.iter().take(PER_PAGE as usize) {
        std::fs::symlink_metadata(wide.join(name))?;
        n += 1;
    }
    Ok(n)
}

fn archive_once(root: &OwnedFd, rel: &RelPath, format: Format) -> Result<u64> {
    let dir = fs(open_dir(root, rel))?;
    let mut sink = Counting::default();
    let summary = archive::write(dir, b"wide", format, &mut sink)?;
    if !summary.skipped.is_empty() {
        bail!("{} entries skipped", summary.skipped.len());
    }
    Ok(sink.0)
}

/// Our archive streamed once with the peak reset first: (RSS before, peak after) in KiB.
fn archive_memory(root: &OwnedFd, rel: &RelPath, format: Format) -> Result<Option<(u64, u64)>> {
    if !reset_peak() {
        return Ok(None);
    }
    let (_, before) = memory()?;
    archive_once(root, rel, format)?;
    let (peak, _) = memory()?;
    Ok(Some((before, peak)))
}

/// The maximum RSS (KiB) of an external archiver, via GNU time, when it is installed.
fn external_peak(tmp: &Path, argv: &[&str]) -> Result<Option<u64>> {
    if !Path::new("/usr/bin/time").exists() {
        return Ok(None);
    }
    let report = tmp.join("time.out");
    let report_s = report.to_string_lossy().into_owned();
    let mut full = vec!["/usr/bin/time", "-o", &report_s, "-f", "%M"];
    full.extend_from_slice(argv);
    external(tmp, &full)?;
    let text = std::fs::read_to_string(&report)?;
    Ok(text.lines().last().and_then(|l| l.trim().parse().ok()))
}

fn print_memory(label: &str, ours: Option<(u64, u64)>, base_label: &str, base: Option<u64>) {
    let ours = match ours {
        Some((before, peak)) => format!(
            "RSS before {:.1} MiB, peak during {:.1} MiB: +{:.1} MiB",
            before as f64 / 1024.0,
            peak as f64 / 1024.0,
            peak.saturating_sub(before) as f64 / 1024.0
        ),
        None => "skipped (/proc/self/clear_refs refused)".to_owned(),
    };
    let base = match base {
        Some(kib) => format!("{:.1} MiB max RSS", kib as f64 / 1024.0),
        None => "skipped (no /usr/bin/time)".to_owned(),
    };
    println!("  {label:<34} {ours}");
    println!("  {base_label:<34} {base}");
}

fn main() -> Result<()> {
    let tmp = tempfile::tempdir()?;
    let wide = tmp.path().join("wide");
    let t = Instant::now();
    make_tree(&wide)?;
    let made = t.elapsed();
    let root = open_root(tmp.path())?;
    let rel = fs(RelPath::decode("wide"))?;
    let top = RelPath::default();

    println!(
        "browse benchmark: {FILES} files of {FILE_SIZE} bytes in one directory (made in {:.1} s), median of {RUNS} runs:",
        made.as_secs_f64()
    );
    println!(
        "  {:<30} {:>12}   {:<34} {:>12}   {:>7}",
        "ours (backend::snapfs)", "", "baseline", "", "ratio"
    );

    // Memory first, on one streaming each, so that nothing else has run in the process
    // yet besides making the tree.
    let tar_mem = archive_memory(&root, &rel, Format::TarGz)?;
    let zip_mem = archive_memory(&root, &rel, Format::Zip)?;

    // 1. Page 1 by name: ours reads all names (getdents) and stats only the page.
    let (ours, n) = measure(|| {
        let (page, total) = fs(list::list(&root, &rel, EntrySort::Name, 1, PER_PAGE))?;
        if total != FILES as i64 {
            bail!("total {total}");
        }
        Ok(page.len() as u64)
    })?;
    if n != PER_PAGE as u64 {
        bail!("page of {n}");
    }
    let (std_base, _) = measure(|| std_page(&wide))?;
    let (ls_base, _) = measure(|| external(tmp.path(), &["ls", "-1", "--sort=none", "wide"]))?;
    row(
        "list page 1 by name (500)",
        ours,
        "std read_dir+sort+lstat 500",
        std_base,
    );
    row("", ours, "ls -1 --sort=none wide", ls_base);

    // 2. Page 1 by size, largest first: every entry has to be stat'ed.
    let (ours, _) = measure(|| {
        let (page, _) = fs(list::list(&root, &rel, EntrySort::SizeDesc, 1, PER_PAGE))?;
        Ok(page.len() as u64)
    })?;
    let (base, _) = measure(|| external(tmp.path(), &["ls", "-lS", "wide"]))?;
    row("list page 1 by size desc", ours, "ls -lS wide", base);

    // 3. Name search from the snapshot root.
    let (ours, hits) = measure(|| {
        let (hits, truncated) = fs(list::search(&root, &top, "needle"))?;
        if truncated {
            bail!("search truncated");
        }
        Ok(hits.len() as u64)
    })?;
    let (base, _) = measure(|| external(tmp.path(), &["find", "wide", "-iname", "*needle*"]))?;
    row(
        &format!("search \"needle\" ({hits} hits)"),
        ours,
        "find wide -iname '*needle*'",
        base,
    );

    // 4. Archives into a counting sink. Ours compresses at level 1 (downloads are
    // CPU-bound on a small server), so tar with gzip -1 is the like-for-like baseline;
    // plain `tar -czf` (gzip -6) is shown too.
    let tar_default = ["tar", "-czf", "-", "wide"];
    let tar_fast = ["tar", "-I", "gzip -1", "-cf", "-", "wide"];
    let (ours, ours_bytes) = measure(|| archive_once(&root, &rel, Format::TarGz))?;
    let (base, base_bytes) = measure(|| external(tmp.path(), &tar_default))?;
    let (fast, fast_bytes) = measure(|| external(tmp.path(), &tar_fast))?;
    row("archive tar.gz", ours, "tar -czf - wide", base);
    row("", ours, "tar -I 'gzip -1' -cf - wide", fast);
    println!(
        "  {:<30} sizes: ours {ours_bytes} B, tar -czf {base_bytes} B, tar gzip -1 {fast_bytes} B",
        ""
    );
    let zip_argv = ["zip", "-qr", "-1", "-", "wide"];
    let zip_peak = if have("zip") {
        let (ours, ours_bytes) = measure(|| archive_once(&root, &rel, Format::Zip))?;
        let (base, base_bytes) = measure(|| external(tmp.path(), &zip_argv))?;
        row("archive zip", ours, "zip -qr -1 - wide", base);
        println!(
            "  {:<30} sizes: ours {ours_bytes} B, zip -1 {base_bytes} B",
            ""
        );
        external_peak(tmp.path(), &zip_argv)?
    } else {
        println!("  archive zip: skipped (no zip command installed)");
        None
    };

    // 5. Memory of one archive streaming (measured first, above).
    let tar_peak = external_peak(tmp.path(), &tar_fast)?;
    println!("memory, one archive of the {FILES} files:");
    print_memory(
        "ours tar.gz",
        tar_mem,
        "tar -I 'gzip -1' (whole process)",
        tar_peak,
    );
    print_memory("ours zip", zip_mem, "zip -qr -1 (whole process)", zip_peak);
    Ok(())
}
