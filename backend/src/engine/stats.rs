//! Parsing rsync's `--stats` summary (run with `LC_ALL=C` and `--no-human-readable`, so
//! numbers are plain digits, possibly with thousands separators).

/// The figures of one transfer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RsyncStats {
    /// All entries considered (files, directories, links…).
    pub files: u64,
    /// Regular files sent (new or changed).
    pub files_transferred: u64,
    /// Apparent size of everything.
    pub total_bytes: u64,
    /// Apparent size of the files sent.
    pub transferred_bytes: u64,
    /// Bytes actually sent as data (not matched by the delta algorithm).
    pub literal_bytes: u64,
}

fn number_after(line: &str, label: &str) -> Option<u64> {
    let rest = line.strip_prefix(label)?.trim_start();
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Extracts the statistics from rsync's output; `None` when the summary is absent (rsync
/// died before printing it).
pub fn parse(output: &str) -> Option<RsyncStats> {
    let mut s = RsyncStats::default();
    let mut seen = false;
    for line in output.lines() {
        let line = line.trim();
        if let Some(n) = number_after(line, "Number of files:") {
            s.files = n;
            seen = true;
        } else if let Some(n) = number_after(line, "Number of regular files transferred:") {
            s.files_transferred = n;
        } else if let Some(n) = number_after(line, "Total file size:") {
            s.total_bytes = n;
        } else if let Some(n) = number_after(line, "Total transferred file size:") {
            s.transferred_bytes = n;
        } else if let Some(n) = number_after(line, "Literal data:") {
            s.literal_bytes = n;
        }
    }
    seen.then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
Number of files: 101,101 (reg: 100,000, dir: 1,101)
Number of created files: 0
Number of deleted files: 0
Number of regular files transferred: 1,000
Total file size: 106,112,000 bytes
Total transferred file size: 5,116,160 bytes
Literal data: 5,116,160 bytes
Matched data: 0 bytes
File list size: 0
Total bytes sent: 19,427
Total bytes received: 5,243,466

sent 19,427 bytes  received 5,243,466 bytes  1,052,578.60 bytes/sec
total size is 106,112,000  speedup is 20.16
";

    #[test]
    fn parses_the_summary() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(
            s,
            RsyncStats {
                files: 101_101,
                files_transferred: 1_000,
                total_bytes: 106_112_000,
                transferred_bytes: 5_116_160,
                literal_bytes: 5_116_160,
            }
        );
    }

    #[test]
    fn missing_summary() {
        assert!(parse("rsync error: unexplained error (code 255)").is_none());
        let s = parse("Number of files: 3 (reg: 2, dir: 1)\n").unwrap();
        assert_eq!(s.files, 3);
    }
}
