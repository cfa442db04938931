//! Tests of the progress parser: real rsync captures (see `fixtures/README.md`) and
//! hand-written edge cases.

use super::*;
use crate::engine::stats;

const A_FIRST_COPY: &[u8] = include_bytes!("fixtures/a-first-copy.out");
const B_LINK_DEST: &[u8] = include_bytes!("fixtures/b-link-dest.out");
const C_ODD_NAMES: &[u8] = include_bytes!("fixtures/c-odd-names.out");
const C_ODD_NAMES_8BIT: &[u8] = include_bytes!("fixtures/c-odd-names-8bit.out");
const D_DELETE: &[u8] = include_bytes!("fixtures/d-delete.out");
const E_UNCHANGED: &[u8] = include_bytes!("fixtures/e-unchanged.out");
const F_PULL_FLIST2: &[u8] = include_bytes!("fixtures/f-pull-flist2.out");

const FIXTURES: [(&str, &[u8]); 7] = [
    ("a", A_FIRST_COPY),
    ("b", B_LINK_DEST),
    ("c", C_ODD_NAMES),
    ("c8", C_ODD_NAMES_8BIT),
    ("d", D_DELETE),
    ("e", E_UNCHANGED),
    ("f", F_PULL_FLIST2),
];

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

struct Outcome {
    lines: Vec<Vec<u8>>,
    rest: Option<Vec<u8>>,
    progress: RunProgress,
    /// files_done after every chunk.
    done: Vec<i64>,
}

/// Feeds `data` in chunks of `size`, the clock advancing 1 ms a chunk.
fn run(data: &[u8], size: usize) -> Outcome {
    let mut p = ProgressParser::new();
    let (mut lines, mut done) = (Vec::new(), Vec::new());
    for (i, chunk) in data.chunks(size).enumerate() {
        lines.extend(p.feed(chunk, Duration::from_millis(i as u64)));
        done.push(p.progress().files_done);
    }
    let rest = p.finish();
    Outcome {
        lines,
        rest,
        progress: p.progress(),
        done,
    }
}

/// What the log must hold, worked out independently: every `\n` line, where a line with
/// redraws keeps only its last segment, and progress2 lines (`…B/s…`) are dropped.
fn expected_log(data: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for line in data.split_inclusive(|&b| b == b'\n') {
        let last = line.rsplit(|&b| b == b'\r').next().unwrap_or(line);
        if !last.windows(3).any(|w| w == b"B/s") {
            out.push(last.to_vec());
        }
    }
    out
}

fn is_itemized_line(line: &[u8]) -> bool {
    line.len() > 12 && line[11] == b'|' && b"<>ch.*".contains(&line[0])
}

fn name_of(line: &[u8]) -> &[u8] {
    let rest = &line[12..line.len() - 1];
    let bar = rest.iter().position(|&b| b == b'|').unwrap();
    &rest[bar + 1..]
}

#[test]
fn fixtures_give_the_same_results_in_any_chunking() {
    for (name, data) in FIXTURES {
        let stats = stats::parse(&String::from_utf8_lossy(data)).unwrap();
        let whole = run(data, data.len());
        for size in [1, 7, 4096] {
            let o = run(data, size);
            assert_eq!(o.lines, whole.lines, "{name} in chunks of {size}");
            assert_eq!(o.progress.bytes_done, whole.progress.bytes_done);
            assert_eq!(o.progress.files_done, whole.progress.files_done);
            assert_eq!(o.progress.files_total, whole.progress.files_total);
            assert_eq!(o.progress.current_file, whole.progress.current_file);
            assert!(
                o.rest.is_none(),
                "{name}: rsync ends its output with a newline"
            );
            assert!(
                o.done.windows(2).all(|w| w[0] <= w[1]),
                "{name} in chunks of {size}: files_done went back"
            );
            let total = o.progress.files_total.unwrap();
            assert!(
                o.done.iter().all(|&d| d <= total),
                "{name}: above the total"
            );
        }
        assert_eq!(whole.lines, expected_log(data), "{name}");
        let p = &whole.progress;
        assert_eq!(p.files_total, Some(stats.files as i64), "{name}");
        assert_eq!(p.files_done, stats.files as i64, "{name}");
        assert_eq!(p.bytes_done, stats.transferred_bytes as i64, "{name}");
    }
}

#[test]
fn the_log_has_every_itemized_line_and_no_progress() {
    for (name, data) in FIXTURES {
        let lines = run(data, 7).lines;
        let itemized: Vec<&[u8]> = data
            .split_inclusive(|&b| b == b'\n')
            .filter(|l| is_itemized_line(l))
            .collect();
        let logged: Vec<&[u8]> = lines
            .iter()
            .map(Vec::as_slice)
            .filter(|l| is_itemized_line(l))
            .collect();
        assert_eq!(logged, itemized, "{name}");
        for l in &lines {
            assert!(!l.contains(&b'\r'), "{name}: a redraw in the log");
            assert!(
                !l.windows(4).any(|w| w == b"chk="),
                "{name}: progress2 in the log"
            );
            assert!(l.ends_with(b"\n"));
        }
    }
}

#[test]
fn current_file_follows_the_itemized_names() {
    for (name, data) in FIXTURES {
        let mut p = ProgressParser::new();
        let mut expected = None;
        for line in data.split_inclusive(|&b| b == b'\n') {
            p.feed(line, secs(0));
            if is_itemized_line(line) {
                let n = name_of(line);
                let n = if line[0] == b'h' {
                    n.split(|&b| b == b' ').next().unwrap()
                } else if line[1] == b'L' {
                    &n[..n.windows(4).position(|w| w == b" -> ").unwrap()]
                } else {
                    n
                };
                expected = Some(display_name(n));
            }
            assert_eq!(p.progress().current_file, expected, "{name}");
        }
    }
    let a = run(A_FIRST_COPY, 4096).progress;
    assert_eq!(a.current_file.as_deref(), Some("dir0/file0.txt"), "hf line");
}

#[test]
fn symlinks_and_hard_links_show_their_own_name() {
    let mut p = ProgressParser::new();
    p.feed(b"cL+++++++++|14|symlink -> dir1/file1.txt\n", secs(0));
    assert_eq!(p.progress().current_file.as_deref(), Some("symlink"));
    p.feed(b"hf+++++++++|15|dir0/a b => dir0/c\n", secs(0));
    assert_eq!(p.progress().current_file.as_deref(), Some("dir0/a b"));
}

#[test]
fn odd_names_survive_byte_exact_and_display_decoded() {
    // Default output: rsync escapes the newline and the high bytes.
    let o = run(C_ODD_NAMES, 1);
    assert!(o
        .lines
        .contains(&b">f+++++++++|100|bad-\\#377\\#376.bin\n".to_vec()));
    assert!(o
        .lines
        .contains(&b">f+++++++++|100|new\\#012line.txt\n".to_vec()));
    // --8-bit-output: raw bytes that are not UTF-8 reach the log untouched.
    let o = run(C_ODD_NAMES_8BIT, 1);
    assert!(o
        .lines
        .contains(&b">f+++++++++|100|bad-\xff\xfe.bin\n".to_vec()));
    assert!(o
        .lines
        .contains(&b">f+++++++++|100|latin1-\xe9t\xe9.txt\n".to_vec()));

    let mut names = Vec::new();
    let mut p = ProgressParser::new();
    for line in C_ODD_NAMES.split_inclusive(|&b| b == b'\n') {
        p.feed(line, secs(0));
        names.push(p.progress().current_file);
    }
    names.dedup();
    let names: Vec<&str> = names.iter().flatten().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "./",
            "bad-\u{FFFD}\u{FFFD}.bin",
            "latin1-\u{FFFD}t\u{FFFD}.txt",
            "new\nline.txt",
            "utf8-ñandú.txt"
        ]
    );
}

#[test]
fn an_escaped_backslash_is_not_decoded_twice() {
    assert_eq!(display_name(b"a\\#134#101b"), "a\\#101b");
    assert_eq!(display_name(b"plain\\#9x\\#"), "plain\\#9x\\#");
}

#[test]
fn long_names_keep_their_end() {
    let name = format!("{}/end.txt", "d".repeat(1000));
    let shown = display_name(name.as_bytes());
    assert_eq!(shown.chars().count(), MAX_NAME_CHARS);
    assert!(shown.starts_with('…') && shown.ends_with("dddd/end.txt"));
}

#[test]
fn link_dest_stalls_yet_files_done_moves() {
    // Real capture: 4 of 416 files changed; progress2 speaks only after each transfer.
    let mut p = ProgressParser::new();
    let mut trail = Vec::new();
    for line in B_LINK_DEST.split_inclusive(|&b| b == b'\n') {
        p.feed(line, secs(0));
        trail.push((p.progress().files_done, p.progress().files_total));
    }
    trail.dedup();
    assert_eq!(
        trail,
        [
            (0, None),
            (1, None),
            (113, Some(416)),
            (222, Some(416)),
            (319, Some(416)),
            // to-chk=6 then 0 come as redraws of one line.
            (416, Some(416)),
        ]
    );
}

#[test]
fn itemized_lines_advance_files_done_up_to_the_total() {
    let mut p = ProgressParser::new();
    p.feed(
        b"\r  10 0% 0.00kB/s 0:00:00 (xfr#1, to-chk=95/100)\n",
        secs(0),
    );
    assert_eq!(p.progress().files_done, 5);
    for i in 0..8 {
        p.feed(format!(">f.st......|1|f{i}\n").as_bytes(), secs(0));
    }
    assert_eq!(
        p.progress().files_done,
        8,
        "itemized lines beat a stalled to-chk"
    );
    p.feed(
        b"\r  20 0% 0.00kB/s 0:00:00 (xfr#2, to-chk=50/100)\n",
        secs(0),
    );
    assert_eq!(p.progress().files_done, 50);
    for i in 0..200 {
        p.feed(format!(">f.st......|1|g{i}\n").as_bytes(), secs(0));
    }
    assert_eq!(p.progress().files_done, 100, "capped at the total");
    assert_eq!(p.progress().files_total, Some(100));
}

#[test]
fn deletions_are_logged_and_shown_but_not_counted() {
    let mut p = ProgressParser::new();
    let lines = p.feed(
        b"*deleting  |0|dir8/file9.txt\n*deleting  |0|dir8/\n",
        secs(0),
    );
    assert_eq!(lines.len(), 2);
    assert_eq!(p.progress().files_done, 0);
    assert_eq!(p.progress().current_file.as_deref(), Some("dir8/"));
    let d = run(D_DELETE, 1);
    let deletions = d
        .lines
        .iter()
        .filter(|l| l.starts_with(b"*deleting"))
        .count();
    assert_eq!(deletions, 43, "as many as --stats says were deleted");
}

#[test]
fn nothing_changed_reports_the_total_at_the_end() {
    let o = run(E_UNCHANGED, 7);
    assert_eq!(o.progress.files_done, 373);
    assert_eq!(o.progress.current_file, None);
    assert_eq!(o.progress.bytes_done, 0);
    assert_eq!(o.lines.first().map(Vec::as_slice), Some(&b"\n"[..]));
}

#[test]
fn flist2_gives_the_total_before_any_transfer() {
    let mut p = ProgressParser::new();
    let mut logged = Vec::new();
    for line in F_PULL_FLIST2.split_inclusive(|&b| b == b'\n').take(2) {
        logged.extend(p.feed(line, secs(0)));
    }
    assert_eq!(
        logged,
        [
            b"receiving file list ... \n".to_vec(),
            b"373 files to consider\n".to_vec()
        ]
    );
    assert_eq!(p.progress().files_total, Some(373));
    assert_eq!(p.progress().files_done, 0);
    let mut p = ProgressParser::new();
    p.feed(
        b"building file list ... \n 0 files...\r1 file to consider\n",
        secs(0),
    );
    assert_eq!(p.progress().files_total, Some(1));
}

fn progress2(bytes: u64, to_check: u64, total: u64) -> Vec<u8> {
    format!("\r{bytes:>15} 50%  1.00MB/s  0:00:01 (xfr#1, to-chk={to_check}/{total})\n")
        .into_bytes()
}

#[test]
fn rate_and_eta_come_from_the_last_five_seconds() {
    let mut p = ProgressParser::new();
    p.feed(&progress2(0, 100, 100), secs(0));
    assert_eq!(p.progress().rate_bytes_per_second, None, "no span yet");
    assert_eq!(p.progress().eta_seconds, None);
    // 1000 bytes and 2 files a second for 10 s, then 10000 bytes and 5 files a second.
    for t in 1..=10 {
        p.feed(&progress2(1000 * t, 100 - 2 * t, 100), secs(t));
    }
    assert_eq!(p.progress().rate_bytes_per_second, Some(1000));
    assert_eq!(p.progress().eta_seconds, Some(40), "80 files at 2/s");
    for t in 11..=15 {
        p.feed(
            &progress2(10_000 + 10_000 * (t - 10), 80 - 5 * (t - 10), 100),
            secs(t),
        );
    }
    let q = p.progress();
    assert_eq!(
        q.rate_bytes_per_second,
        Some(10_000),
        "(60000 - 10000) / 5 s"
    );
    assert_eq!(q.eta_seconds, Some(11), "55 files at 5/s");
    // Silence: the rate decays to zero and the ETA becomes unknown.
    p.tick(secs(21));
    assert_eq!(p.progress().rate_bytes_per_second, Some(0));
    assert_eq!(p.progress().eta_seconds, None);
    p.feed(&progress2(70_000, 0, 100), secs(22));
    assert_eq!(p.progress().eta_seconds, Some(0), "done");
}

#[test]
fn a_clock_going_back_does_not_break_the_rate() {
    let mut p = ProgressParser::new();
    p.feed(&progress2(0, 10, 10), secs(10));
    p.feed(&progress2(5000, 5, 10), secs(15));
    p.feed(&progress2(6000, 4, 10), secs(3));
    assert_eq!(p.progress().rate_bytes_per_second, Some(1200));
}

#[test]
fn rate_over_a_real_capture() {
    // One line a second: over the last 5 s the 416-file copy moved only small files.
    let mut p = ProgressParser::new();
    let lines: Vec<&[u8]> = A_FIRST_COPY.split_inclusive(|&b| b == b'\n').collect();
    for (t, line) in lines.iter().enumerate() {
        p.feed(line, secs(t as u64));
    }
    let q = p.progress();
    assert_eq!(
        q.rate_bytes_per_second,
        Some(0),
        "the stats lines came last"
    );
    assert_eq!(q.eta_seconds, Some(0));
    let mut p = ProgressParser::new();
    for (t, line) in lines.iter().take(8).enumerate() {
        p.feed(line, secs(t as u64));
    }
    // Lines 0..7 at 0..7 s: bytes went from 0 (t = 2) to 6328491 (t = 7).
    assert_eq!(p.progress().rate_bytes_per_second, Some(6_328_491 / 5));
}

#[test]
fn a_progress_line_split_across_chunks() {
    let line = b"\r        1060921  16%    1.53MB/s    0:00:00 (xfr#1, to-chk=414/416)\n";
    for cut in 0..=line.len() {
        let mut p = ProgressParser::new();
        assert!(p.feed(&line[..cut], secs(0)).is_empty());
        assert!(p.feed(&line[cut..], secs(0)).is_empty());
        assert_eq!(p.finish(), None);
        assert_eq!(p.progress().bytes_done, 1_060_921);
        assert_eq!(p.progress().files_done, 2);
        assert_eq!(p.progress().files_total, Some(416));
    }
}

#[test]
fn crlf_is_one_terminator_even_across_chunks() {
    let mut p = ProgressParser::new();
    assert!(p.feed(b"Number of files: 3\r", secs(0)).is_empty());
    assert_eq!(
        p.feed(b"\nnext\r\n", secs(0)),
        [b"Number of files: 3\r\n".to_vec(), b"next\r\n".to_vec()]
    );
    // A lone \r is a redraw: overwritten, not logged.
    assert_eq!(p.feed(b"draft\rfinal\n", secs(0)), [b"final\n".to_vec()]);
    assert_eq!(
        p.feed(b"\r\r\n\n", secs(0)),
        [b"\r\n".to_vec(), b"\n".to_vec()]
    );
}

#[test]
fn an_empty_stream() {
    let mut p = ProgressParser::new();
    assert!(p.feed(b"", secs(0)).is_empty());
    assert_eq!(p.finish(), None);
    assert_eq!(p.progress(), RunProgress::default());
}

#[test]
fn an_unterminated_end() {
    let mut p = ProgressParser::new();
    assert!(p.feed(b"rsync error: some message", secs(0)).is_empty());
    assert_eq!(p.finish(), Some(b"rsync error: some message".to_vec()));
    assert_eq!(p.finish(), None);
    let mut p = ProgressParser::new();
    p.feed(b"\r  77 1% 0.00kB/s 0:00:00", secs(0));
    assert_eq!(p.finish(), None, "a progress line is never logged");
    assert_eq!(p.progress().bytes_done, 77);
    let mut p = ProgressParser::new();
    p.feed(b"text then a redraw\r", secs(0));
    assert_eq!(p.finish(), None);
}

#[test]
fn garbage_is_logged_and_ignored() {
    let garbage: &[&[u8]] = &[
        b"12ab 34% 1kB/s 0:00:00\n",
        b"12 34 1kB/s\n",
        b"12 34% 1kB\n",
        b"\x00\xff\xfe to-chk=1/2\n",
        b"|||||||||||||||\n",
        b">f+++++++++|x|name\n",
        b"?f+++++++++|1|name\n",
        b"\n",
        b"files to consider\n",
        b"x files to consider\n",
    ];
    let mut p = ProgressParser::new();
    for g in garbage {
        assert_eq!(p.feed(g, secs(0)), [g.to_vec()]);
    }
    let q = p.progress();
    assert_eq!((q.bytes_done, q.files_done, q.files_total), (0, 0, None));
    assert_eq!(q.current_file, None);
}

#[test]
fn huge_numbers_saturate() {
    let mut p = ProgressParser::new();
    let line = b"\r99999999999999999999999 100% 1.00kB/s 0:00:00 (xfr#1, to-chk=5/99999999999999999999999)\n";
    assert!(p.feed(line, secs(0)).is_empty());
    let q = p.progress();
    assert_eq!(q.bytes_done, i64::MAX);
    assert_eq!(q.files_total, Some(i64::MAX));
    assert_eq!(q.files_done, i64::MAX);
    p.feed(
        b"\r18446744073709551615 100% 1.00kB/s 0:00:00 (xfr#1, ir-chk=1/2)\n",
        secs(9),
    );
    assert_eq!(p.progress().rate_bytes_per_second, Some(0));
    p.tick(Duration::MAX);
    p.feed(&progress2(1, 1, 3), Duration::MAX);
    assert_eq!(p.progress().eta_seconds, None, "no file in the window");
}

#[test]
fn thousands_separators_and_ir_chk() {
    let mut p = ProgressParser::new();
    p.feed(
        b"\r  1,234,567  12%  1.00MB/s  0:00:01 (xfr#3, ir-chk=1,000/2,000)\n",
        secs(0),
    );
    let q = p.progress();
    assert_eq!(
        (q.bytes_done, q.files_done, q.files_total),
        (1_234_567, 1000, Some(2000))
    );
}

#[test]
fn an_endless_line_is_cut_the_same_way_in_any_chunking() {
    let mut data = vec![b'x'; 2 * MAX_LINE + 10];
    data.push(b'\n');
    let whole = run(&data, data.len()).lines;
    assert_eq!(whole.len(), 3);
    assert_eq!(whole[0].len(), MAX_LINE + 1);
    assert_eq!(whole[2], b"xxxxxxxxxx\n");
    assert_eq!(run(&data, 7).lines, whole);
    assert_eq!(run(&data, MAX_LINE).lines, whole);
}

#[test]
fn take_changed_reports_new_figures_once() {
    let mut p = ProgressParser::new();
    assert!(p.take_changed(), "the first figures are news");
    assert!(!p.take_changed());
    p.feed(b"created directory /x\n", secs(0));
    assert!(!p.take_changed(), "nothing in it");
    p.feed(b">f+++++++++|1|a\n", secs(0));
    assert!(p.take_changed());
    assert!(!p.take_changed());
}

#[test]
fn publishing_is_throttled() {
    assert!(should_publish(None, secs(0), PUBLISH_INTERVAL));
    let last = Some(Duration::from_millis(1000));
    assert!(!should_publish(
        last,
        Duration::from_millis(1249),
        PUBLISH_INTERVAL
    ));
    assert!(should_publish(
        last,
        Duration::from_millis(1250),
        PUBLISH_INTERVAL
    ));
    assert!(
        should_publish(last, Duration::from_millis(10), PUBLISH_INTERVAL),
        "clock went back"
    );
    assert!(!should_publish(Some(secs(1)), secs(2), PERSIST_INTERVAL));
    assert!(should_publish(Some(secs(1)), secs(3), PERSIST_INTERVAL));
}
