//! What `cargo xtask test` shares between its phases: timed steps (every step's time is
//! recorded and the whole table printed at the end of every run, passed or failed), and
//! lanes: work run beside other work, whose output goes to a log file printed in one
//! block, each line marked with the lane's name, when the lane ends — so that two lanes
//! never interleave line by line.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::run::{root, run};

/// One finished step: its name, how deep it was nested, its time and whether it passed.
struct Timed {
    name: String,
    depth: usize,
    took: Duration,
    passed: bool,
}

/// Every step finished in this run, in the order they ended, for the table at the end.
static TIMES: Mutex<Vec<Timed>> = Mutex::new(Vec::new());

thread_local! {
    /// How many steps this thread is inside (a lane's steps are nested in the step that
    /// started the lanes: the thread inherits nothing, so lanes pass it on by hand).
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `f` as a named step: announced, timed, and recorded for the table.
pub fn step<T>(name: &str, f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    eprintln!("xtask: == {name}");
    let depth = DEPTH.with(|d| d.replace(d.get() + 1));
    let t = Instant::now();
    let r = f().with_context(|| format!("step `{name}`"));
    let took = t.elapsed();
    DEPTH.with(|d| d.set(depth));
    eprintln!("xtask: == {name}: {:.1} s", took.as_secs_f64());
    if let Ok(mut times) = TIMES.lock() {
        times.push(Timed {
            name: name.to_owned(),
            depth,
            took,
            passed: r.is_ok(),
        });
    }
    r
}

/// The table of every step's time, printed at the end of every run.
pub fn print_times(total: Duration, passed: bool) {
    let Ok(times) = TIMES.lock() else { return };
    let mut table = String::from("xtask: phase times\n");
    for t in times.iter() {
        table.push_str(&format!(
            "xtask:   {:>7.1} s  {}{}{}\n",
            t.took.as_secs_f64(),
            "  ".repeat(t.depth),
            t.name,
            if t.passed { "" } else { "  (FAILED)" }
        ));
    }
    table.push_str(&format!(
        "xtask:   {:>7.1} s  total, {}",
        total.as_secs_f64(),
        if passed { "passed" } else { "FAILED" }
    ));
    eprintln!("{table}");
}

/// A lane's log file, under `target/xtask-logs/`.
pub fn log_path(lane: &str) -> anyhow::Result<PathBuf> {
    let dir = root().join("target/xtask-logs");
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join(format!("{lane}.log")))
}

/// Runs `c` with its output appended to `log`; fails unless it exits 0.
pub fn logged(log: &File, c: &mut Command) -> anyhow::Result<()> {
    write_line(log, &format!("$ {c:?}"));
    c.stdout(Stdio::from(log.try_clone()?))
        .stderr(Stdio::from(log.try_clone()?));
    run(c)
}

/// Appends one line to a lane's log.
pub fn write_line(mut log: &File, line: &str) {
    use std::io::Write;
    let _ = writeln!(log, "{}", line.replace('"', ""));
}

/// Runs `quiet` (a lane that writes to its log `lane`) on a thread of its own while `loud`
/// runs here with its output streaming; both always finish, then the quiet lane's log is
/// printed in one block. Fails if either failed.
pub fn beside(
    loud: impl FnOnce() -> anyhow::Result<()>,
    lane: &str,
    quiet: impl FnOnce(&File) -> anyhow::Result<()> + Send + 'static,
) -> anyhow::Result<()> {
    let log = log_path(lane)?;
    let file = File::create(&log)?;
    let depth = DEPTH.with(|d| d.get());
    let name = lane.to_owned();
    let handle = std::thread::spawn(move || {
        DEPTH.with(|d| d.set(depth));
        step(
            &format!("{name} lane (output in target/xtask-logs)"),
            || quiet(&file),
        )
    });
    let loud = loud();
    let quiet = handle
        .join()
        .unwrap_or_else(|_| Err(anyhow::anyhow!("the {lane} lane panicked")));
    print_block(lane, &log);
    match (loud, quiet) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(l), Ok(())) => Err(l),
        (Ok(()), Err(q)) => {
            Err(q.context(format!("{lane} lane (output above, marked `{lane} |`)")))
        }
        (Err(l), Err(q)) => bail!("both lanes failed:\n  {l:#}\n  {lane}: {q:#}"),
    }
}

/// Prints a lane's log in one block, each line marked with the lane's name.
fn print_block(lane: &str, log: &Path) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let mut block = format!("xtask: ---- {lane} lane output ({}) ----\n", log.display());
    for line in text.lines() {
        block.push_str(&format!("{lane} | {line}\n"));
    }
    block.push_str(&format!("xtask: ---- end of {lane} lane output ----"));
    eprintln!("{block}");
}
