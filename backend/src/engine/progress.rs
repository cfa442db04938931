//! Live progress from rsync's stdout (pure: bytes and caller-supplied times in, log lines
//! and [`RunProgress`] out). Run with `LC_ALL=C --no-human-readable --itemize-changes
//! --out-format=%i|%l|%n%L --info=progress2` (optionally `--info=flist2` too).
//!
//! rsync ends its log lines with `\n` and redraws transient lines with `\r`: progress2
//! (`  1060921  16%  1.53MB/s  0:00:00 (xfr#1, to-chk=414/416)`) and, with `flist2`, the
//! file-list count (` 100 files...`). A segment ended by a lone `\r` was overwritten on a
//! terminal, so it never reaches the log; neither do progress2 lines ended by `\n` (rsync
//! ends one per transferred file). Everything else goes to the log byte for byte.

use std::collections::VecDeque;
use std::time::Duration;

use shared::runs::RunProgress;

/// Minimum time between two progress events of one run (at most 4 a second).
pub const PUBLISH_INTERVAL: Duration = Duration::from_millis(250);
/// Minimum time between two writes of a run's progress to the database.
pub const PERSIST_INTERVAL: Duration = Duration::from_secs(2);

/// Rate and ETA are averaged over this much of the recent past.
const WINDOW: Duration = Duration::from_secs(5);
/// Samples closer together than this are not kept, so the window holds about 20.
const SAMPLE_SPACING: Duration = Duration::from_millis(250);
/// Below this span the rate would be noise (e.g. one chunk right at the start).
const MIN_SPAN: Duration = Duration::from_secs(1);
/// A line longer than this is cut (rsync's own lines are far shorter, even with escaped
/// names): memory stays bounded whatever the stream holds.
const MAX_LINE: usize = 64 * 1024;
/// `current_file` is for display; long paths keep their end, the most telling part.
const MAX_NAME_CHARS: usize = 300;

/// Whether an event may go out now, given when the last one did.
pub fn should_publish(last: Option<Duration>, now: Duration, min_interval: Duration) -> bool {
    match last {
        None => true,
        // A clock that went backwards must not silence the run for good.
        Some(last) => now.checked_sub(last).is_none_or(|d| d >= min_interval),
    }
}

#[derive(Debug, Clone, Copy)]
struct Sample {
    at: Duration,
    bytes: u64,
    files: u64,
}

/// Splits rsync's stdout into log lines and tracks the progress figures.
#[derive(Debug, Default)]
pub struct ProgressParser {
    /// The line being received.
    buf: Vec<u8>,
    /// The previous byte was a `\r`: a redraw, or the first half of `\r\n`.
    pending_cr: bool,
    bytes_done: u64,
    /// Largest total seen (`to-chk`/`ir-chk` T, or "N files to consider").
    files_total: Option<u64>,
    /// Largest T − M seen.
    checked: u64,
    /// Itemized entries (deletions excepted): they keep coming while progress2 stalls.
    itemized: u64,
    /// Never decreases.
    files_done: u64,
    current_file: Option<String>,
    samples: VecDeque<Sample>,
    now: Duration,
    last_taken: Option<RunProgress>,
}

impl ProgressParser {
    /// A parser at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds a chunk of rsync's stdout received at `now` (any monotonic clock); returns
    /// the log lines it completes, each with its terminator (`\n`, or `\r\n` if rsync
    /// wrote that), without progress2 lines and redraws.
    pub fn feed(&mut self, chunk: &[u8], now: Duration) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut rest = chunk;
        while let Some(&first) = rest.first() {
            if self.pending_cr {
                self.pending_cr = false;
                if first == b'\n' {
                    self.end_line(b"\r\n", &mut out);
                    rest = &rest[1..];
                    continue;
                }
                self.end_redraw();
            }
            let room = MAX_LINE.saturating_sub(self.buf.len());
            let scan = &rest[..rest.len().min(room + 1)];
            match scan.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(p) => {
                    self.buf.extend_from_slice(&rest[..p]);
                    if rest[p] == b'\n' {
                        self.end_line(b"\n", &mut out);
                    } else {
                        self.pending_cr = true;
                    }
                    rest = &rest[p + 1..];
                }
                None if rest.len() <= room => {
                    self.buf.extend_from_slice(rest);
                    rest = &[];
                }
                None => {
                    self.buf.extend_from_slice(&rest[..room]);
                    self.end_line(b"\n", &mut out);
                    rest = &rest[room..];
                }
            }
        }
        self.tick(now);
        out
    }

    /// Moves the clock without output, so the rate decays while rsync is silent.
    pub fn tick(&mut self, now: Duration) {
        self.now = self.now.max(now);
        let sample = Sample {
            at: self.now,
            bytes: self.bytes_done,
            files: self.files_done,
        };
        match self.samples.back() {
            Some(last) if self.now < last.at.saturating_add(SAMPLE_SPACING) => {}
            _ => self.samples.push_back(sample),
        }
        // Keep one sample at or before the window's start, so the span covers it.
        while self.samples.len() >= 2 && self.samples[1].at.saturating_add(WINDOW) <= self.now {
            self.samples.pop_front();
        }
    }

    /// The end of the stream: the unterminated last line, if any and not progress.
    pub fn finish(&mut self) -> Option<Vec<u8>> {
        if std::mem::take(&mut self.pending_cr) {
            self.end_redraw();
        }
        let line = std::mem::take(&mut self.buf);
        if line.is_empty() || self.apply_progress2(&line) {
            return None;
        }
        self.apply_line(&line);
        Some(line)
    }

    /// The figures so far.
    pub fn progress(&self) -> RunProgress {
        let remaining = self.files_total.map(|t| t.saturating_sub(self.files_done));
        let (rate, eta) = match self.samples.front() {
            Some(base) if self.now.saturating_sub(base.at) >= MIN_SPAN => {
                let span = (self.now - base.at).as_nanos();
                let bytes = u128::from(self.bytes_done.saturating_sub(base.bytes));
                let files = u128::from(self.files_done.saturating_sub(base.files));
                let eta = match remaining {
                    Some(0) => Some(0),
                    // remaining / (files / span), rounded up to whole seconds.
                    Some(r) if files > 0 => Some(to_i64(
                        u128::from(r)
                            .saturating_mul(span)
                            .div_ceil(files * 1_000_000_000),
                    )),
                    _ => None,
                };
                (Some(to_i64(bytes * 1_000_000_000 / span)), eta)
            }
            _ => (None, remaining.filter(|&r| r == 0).map(|_| 0)),
        };
        RunProgress {
            bytes_done: to_i64(self.bytes_done),
            files_done: to_i64(self.files_done),
            files_total: self.files_total.map(to_i64),
            current_file: self.current_file.clone(),
            rate_bytes_per_second: rate,
            eta_seconds: eta,
        }
    }

    /// Whether [`Self::progress`] differs from what it was at the last call of this; call
    /// it only when about to publish (after [`should_publish`]), so no change is lost.
    pub fn take_changed(&mut self) -> bool {
        let now = self.progress();
        let changed = self.last_taken.as_ref() != Some(&now);
        self.last_taken = Some(now);
        changed
    }

    fn end_line(&mut self, terminator: &[u8], out: &mut Vec<Vec<u8>>) {
        let mut line = std::mem::take(&mut self.buf);
        if self.apply_progress2(&line) {
            return;
        }
        self.apply_line(&line);
        line.extend_from_slice(terminator);
        out.push(line);
    }

    fn end_redraw(&mut self) {
        let line = std::mem::take(&mut self.buf);
        self.apply_progress2(&line);
    }

    /// Takes the figures of a progress2 line; false if it is not one.
    fn apply_progress2(&mut self, line: &[u8]) -> bool {
        let Some(p) = parse_progress2(line) else {
            return false;
        };
        self.bytes_done = self.bytes_done.max(p.bytes);
        if let Some((to_check, total)) = p.check {
            self.raise_total(total);
            self.checked = self.checked.max(total.saturating_sub(to_check));
        }
        self.update_done();
        true
    }

    /// Takes what a log line says: an itemized entry, or the size of the file list.
    fn apply_line(&mut self, line: &[u8]) {
        if let Some(entry) = parse_itemized(line) {
            if entry.counts {
                self.itemized += 1;
            }
            self.current_file = Some(display_name(entry.name));
            self.update_done();
        } else if let Some(n) = parse_files_to_consider(line) {
            self.raise_total(n);
            self.update_done();
        }
    }

    fn raise_total(&mut self, total: u64) {
        self.files_total = Some(self.files_total.map_or(total, |t| t.max(total)));
    }

    /// files_done = max(T − M, itemized), at most the total, never decreasing; a total
    /// below a count already shown is raised instead, so both stay consistent.
    fn update_done(&mut self) {
        let seen = self.checked.max(self.itemized);
        let capped = self.files_total.map_or(seen, |t| seen.min(t));
        self.files_done = self.files_done.max(capped);
        if let Some(t) = self.files_total {
            self.files_total = Some(t.max(self.files_done));
        }
    }
}

fn to_i64<T: TryInto<i64>>(n: T) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

/// Digits with optional thousands separators; saturates instead of overflowing.
fn parse_count(s: &str) -> Option<u64> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    s.chars().try_fold(0u64, |n, c| match c {
        ',' => Some(n),
        '0'..='9' => Some(
            n.saturating_mul(10)
                .saturating_add(u64::from(c) - u64::from('0')),
        ),
        _ => None,
    })
}

struct Progress2 {
    bytes: u64,
    /// (M, T) of `to-chk=M/T` or `ir-chk=M/T`.
    check: Option<(u64, u64)>,
}

/// `<bytes> <pct>% <rate>/s <h:mm:ss> [(xfr#N, to-chk=M/T)]`, surrounded by padding.
fn parse_progress2(line: &[u8]) -> Option<Progress2> {
    let text = std::str::from_utf8(line).ok()?;
    let mut words = text.split_ascii_whitespace();
    let bytes = parse_count(words.next()?)?;
    parse_count(words.next()?.strip_suffix('%')?)?;
    if !words.next()?.ends_with("/s") {
        return None;
    }
    let check = ["to-chk=", "ir-chk="].iter().find_map(|key| {
        let after = &text[text.find(key)? + key.len()..];
        let (m, t) = after.split_once('/')?;
        let t = &t[..t.find(')')?];
        Some((parse_count(m)?, parse_count(t)?))
    });
    Some(Progress2 { bytes, check })
}

struct Itemized<'a> {
    /// `%n%L`: the name, then ` -> target` (symlinks) or ` => target` (hard links).
    name: &'a [u8],
    /// An entry of the file list (what to-chk counts); deletions are not.
    counts: bool,
}

/// `YXcstpoguax|<length>|<name>` as written by `--out-format=%i|%l|%n%L`.
fn parse_itemized(line: &[u8]) -> Option<Itemized<'_>> {
    let (flags, rest) = (line.get(..11)?, line.get(11..)?);
    let rest = rest.strip_prefix(b"|")?;
    let (length, name) = rest.split_at(rest.iter().position(|&b| b == b'|')?);
    if length.is_empty() || !length.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let name = &name[1..];
    if flags.starts_with(b"*deleting") {
        return Some(Itemized {
            name,
            counts: false,
        });
    }
    let valid = b"<>ch.".contains(&flags[0]) && b"fdLDS".contains(&flags[1]);
    let name = match flags[..2] {
        [b'h', _] => cut_at(name, b" => "),
        [_, b'L'] => cut_at(name, b" -> "),
        _ => name,
    };
    valid.then_some(Itemized { name, counts: true })
}

fn cut_at<'a>(name: &'a [u8], marker: &[u8]) -> &'a [u8] {
    match name.windows(marker.len()).position(|w| w == marker) {
        Some(p) => &name[..p],
        None => name,
    }
}

/// `[receiving file list ... ]N files to consider` (`--info=flist2`).
fn parse_files_to_consider(line: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(line).ok()?.trim_end();
    let head = text
        .strip_suffix(" files to consider")
        .or_else(|| text.strip_suffix(" file to consider"))?;
    parse_count(head.rsplit(' ').next()?)
}

/// rsync escapes unprintable bytes as `\#ooo` (a `\` before `#` too): undone here so the
/// UI shows `ñandú`, not `\#303\#261and\#303\#272`; then lossy UTF-8, tail kept.
fn display_name(escaped: &[u8]) -> String {
    let mut raw = Vec::with_capacity(escaped.len());
    let mut i = 0;
    while i < escaped.len() {
        let code = escaped.get(i..i + 5).and_then(|s| match s {
            [b'\\', b'#', d @ ..] if d.iter().all(|c| (b'0'..=b'7').contains(c)) => {
                let v = d.iter().fold(0u32, |v, c| v * 8 + u32::from(c - b'0'));
                u8::try_from(v).ok()
            }
            _ => None,
        });
        match code {
            Some(b) => {
                raw.push(b);
                i += 5;
            }
            None => {
                raw.push(escaped[i]);
                i += 1;
            }
        }
    }
    let name = String::from_utf8_lossy(&raw);
    let count = name.chars().count();
    if count <= MAX_NAME_CHARS {
        return name.into_owned();
    }
    let tail: String = name.chars().skip(count - (MAX_NAME_CHARS - 1)).collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests;
