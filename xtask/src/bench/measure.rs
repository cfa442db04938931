//! The measurement of one tree size (a first copy, then rounds of an unchanged tree and of
//! 1% of its files changed, engine and baseline alternating: which goes first swaps every
//! round), and the table of every size's figures with the engine's phase breakdown, read
//! from the phase marks of its runs' logs (`backend::engine::phases`).

use std::time::Duration;

use super::{touch_one_percent, Api, Baseline, Rsnapshot, ROUNDS};

/// What is measured side by side at one size.
pub struct Sides<'a> {
    pub api: &'a Api,
    /// The engine's job.
    pub jid: i64,
    pub baseline: &'a Baseline,
    /// The baseline with rsync's incremental recursion.
    pub inc: &'a Baseline,
    pub rsnap: Option<&'a Rsnapshot>,
}

/// The phase marks a backup's log holds, in order (`backend::engine::phases::Phase`).
const PHASES: [&str; 9] = [
    "claim",
    "preflight",
    "host_key",
    "scripts",
    "rsync_start",
    "rsync_end",
    "publish",
    "retention",
    "finish",
];

/// The figures of one case at one tree size.
pub struct Case {
    files: usize,
    name: &'static str,
    /// rsync by hand.
    raw: Vec<Duration>,
    /// rsync by hand and `sync -f` after it.
    durable: Vec<Duration>,
    /// rsync by hand with incremental recursion.
    inc: Vec<Duration>,
    /// API request to the run seen finished.
    engine: Vec<Duration>,
    rsnapshot: Vec<Duration>,
    /// Per engine run, milliseconds: outside the marks (request, dispatch, polling), then
    /// the interval before each mark after the claim.
    intervals: Vec<Vec<Option<f64>>>,
}

impl Case {
    fn new(files: usize, name: &'static str) -> Case {
        Case {
            files,
            name,
            raw: Vec::new(),
            durable: Vec::new(),
            inc: Vec::new(),
            engine: Vec::new(),
            rsnapshot: Vec::new(),
            intervals: Vec::new(),
        }
    }

    fn baseline(&mut self, b: &Baseline, n: usize) -> anyhow::Result<()> {
        let (raw, sync) = b.run(n)?;
        self.raw.push(raw);
        self.durable.push(raw + sync);
        Ok(())
    }

    fn engine(&mut self, api: &Api, jid: i64) -> anyhow::Result<()> {
        let (elapsed, _, log) = api.run_job(jid)?;
        self.engine.push(elapsed);
        self.intervals.push(intervals(elapsed, &log));
        Ok(())
    }

    /// One round: the engine and the baseline, in the order asked, then the baseline with
    /// incremental recursion and rsnapshot.
    fn round(&mut self, s: &Sides, n: usize, engine_first: bool) -> anyhow::Result<()> {
        if engine_first {
            self.engine(s.api, s.jid)?;
            self.baseline(s.baseline, n)?;
        } else {
            self.baseline(s.baseline, n)?;
            self.engine(s.api, s.jid)?;
        }
        self.inc.push(s.inc.run(n)?.0);
        if let Some(r) = s.rsnap {
            // rsnapshot sees a change one round late; comparable enough for a median.
            self.rsnapshot.push(r.run()?);
        }
        Ok(())
    }
}

/// Measures the three cases at one size.
pub fn measure(s: &Sides, files: usize) -> anyhow::Result<Vec<Case>> {
    eprintln!("bench: {files} files, first copies");
    let mut first = Case::new(files, "first copy");
    let mut n = 0;
    first.round(s, n, false)?;
    let (mut unchanged, mut changed) = (
        Case::new(files, "unchanged"),
        Case::new(files, "1% changed"),
    );
    for round in 0..ROUNDS {
        eprintln!("bench: {files} files, round {}/{ROUNDS}", round + 1);
        n += 1;
        unchanged.round(s, n, round % 2 == 1)?;
        touch_one_percent(&s.baseline.src, files, round)?;
        n += 1;
        changed.round(s, n, round % 2 == 0)?;
    }
    Ok(vec![first, unchanged, changed])
}

/// The mark `[phase <code> +<ms> ms]` of a log line.
pub fn mark(line: &str) -> Option<(&str, u64)> {
    let rest = &line[line.find("[phase ")? + "[phase ".len()..];
    let (code, rest) = rest.split_once(" +")?;
    let (ms, _) = rest.split_once(" ms]")?;
    Some((code, ms.parse().ok()?))
}

/// A run's intervals (see [`Case::intervals`]) from its log; `None` where a mark is
/// missing (an engine without them).
fn intervals(elapsed: Duration, log: &str) -> Vec<Option<f64>> {
    let marks: Vec<(&str, u64)> = log.lines().filter_map(mark).collect();
    let at = |code: &str| marks.iter().find(|m| m.0 == code).map(|m| m.1 as f64);
    let total = elapsed.as_secs_f64() * 1000.0;
    let mut out = vec![at("finish").map(|f| total - f)];
    for w in PHASES.windows(2) {
        out.push(at(w[0]).zip(at(w[1])).map(|(a, b)| b - a));
    }
    out
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

fn secs(v: &[Duration]) -> Option<f64> {
    median(v.iter().map(Duration::as_secs_f64).collect())
}

fn cell(v: Option<f64>, width: usize, digits: usize) -> String {
    match v {
        Some(x) => format!("{x:>width$.digits$}"),
        None => format!("{:>width$}", "n/a"),
    }
}

/// Prints the figures of every case: times and ratios, then the phase breakdown beside
/// the raw rsync time.
pub fn print(cases: &[Case]) {
    println!(
        "backup benchmark over loopback ssh: medians of {ROUNDS} rounds (1 for a first copy), engine and baseline alternating"
    );
    println!(
        "{:>7}  {:<11} {:>9} {:>11} {:>9} {:>10} {:>17} {:>11} {:>11}",
        "files",
        "case",
        "rsync s",
        "+sync -f s",
        "engine s",
        "engine/raw",
        "engine/(raw+sync)",
        "inc-rec s",
        "rsnapshot s"
    );
    for c in cases {
        let (raw, durable, engine) = (secs(&c.raw), secs(&c.durable), secs(&c.engine));
        let ratio = |base: Option<f64>| engine.zip(base).map(|(e, b)| e / b);
        println!(
            "{:>7}  {:<11} {} {} {} {} {} {} {}",
            c.files,
            c.name,
            cell(raw, 9, 2),
            cell(durable, 11, 2),
            cell(engine, 9, 2),
            cell(ratio(raw), 10, 3),
            cell(ratio(durable), 17, 3),
            cell(secs(&c.inc), 11, 2),
            cell(secs(&c.rsnapshot), 11, 2),
        );
    }
    println!();
    println!(
        "engine phases, median ms between the marks of the runs' logs (outside = API request, dispatcher, polling until seen finished)"
    );
    let heads = [
        "outside",
        "preflight",
        "host_key",
        "scripts",
        "rsync_st",
        "rsync",
        "publish",
        "retention",
        "finish",
    ];
    print!("{:>7}  {:<11} {:>9}", "files", "case", "raw rsync");
    for h in heads {
        print!(" {h:>9}");
    }
    println!();
    for c in cases {
        print!(
            "{:>7}  {:<11} {}",
            c.files,
            c.name,
            cell(secs(&c.raw).map(|s| s * 1000.0), 9, 0)
        );
        for i in 0..heads.len() {
            let column = c.intervals.iter().filter_map(|r| r[i]).collect();
            print!(" {}", cell(median(column), 9, 0));
        }
        println!();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_intervals() {
        let log = "[2026-12-07 05:10:00] run 1 of job 2 started\n\
                   [2026-12-07 05:10:00.100] [phase claim +0 ms] x\n\
                   [2026-12-07 05:10:00.110] [phase preflight +10 ms] x\n\
                   [2026-12-07 05:10:00.900] [phase finish +800 ms] x\n";
        assert_eq!(
            mark("[x] [phase rsync_end +12 ms] y"),
            Some(("rsync_end", 12))
        );
        assert_eq!(mark("[x] rsync -a"), None);
        let i = intervals(Duration::from_millis(1000), log);
        assert_eq!(i[0], Some(200.0));
        assert_eq!(i[1], Some(10.0));
        assert_eq!(i[2], None, "no host key mark");
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
    }
}
