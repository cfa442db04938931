//! Round-trip tests of the archive writers: the torture tree archived,
//! extracted by GNU tar as root and compared by manifest; read back with the
//! zip reader; streamed. Tests that need root skip (most of) themselves otherwise.

mod tree;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{Cursor, Read};
use std::os::fd::AsFd;
use std::process::Command;
use std::time::Duration;

use futures_util::StreamExt;

use super::*;
use tree::*;

#[test]
fn tar_gz_round_trips_through_gnu_tar() {
    if !is_root() {
        eprintln!("skipped: needs root (chown, GNU tar -p)");
        return;
    }
    let tmp = tempdir();
    let src = tmp.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    // GNU tar cannot create paths longer than PATH_MAX (it passes whole
    // relative paths to mkdirat), so the chain stays below 4096 bytes here;
    // `tar_carries_paths_beyond_path_max` covers longer ones.
    let deep = build_tree(&src, true, 50);
    let (archive, summary) = write_with_deadline(&src, b"snap top", Format::TarGz);
    let mut skipped = summary.skipped.clone();
    skipped.sort();
    assert_eq!(skipped, vec![b"fifo".to_vec(), b"sock".to_vec()]);

    let file = tmp.path().join("out.tar.gz");
    fs::write(&file, &archive).expect("write");
    let dest = tmp.path().join("dest");
    fs::create_dir(&dest).expect("mkdir");
    let out = Command::new("tar")
        .args([
            "--numeric-owner",
            "--xattrs",
            "--xattrs-include=*",
            "--acls",
            "-xzpf",
        ])
        .arg(&file)
        .arg("-C")
        .arg(&dest)
        .output()
        .expect("tar");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let short = |s: &str| s.chars().take(3000).collect::<String>();
    assert!(out.status.success(), "tar: {}", short(&stderr));
    // GNU tar warns about the deliberately odd times, and nothing else.
    let unexpected: Vec<_> = stderr
        .lines()
        .filter(|l| !l.contains("implausibly old time stamp") && !l.contains("in the future"))
        .collect();
    assert!(
        unexpected.is_empty(),
        "tar warnings: {}",
        short(&unexpected.join("\n"))
    );

    let extracted = dest.join("snap top");
    let readme =
        fs::read_to_string(extracted.join("README.elkarbackup-skipped.txt")).expect("README");
    assert!(readme.contains("FIFO (named pipe): fifo\n"), "{readme}");
    assert!(readme.contains("socket: sock\n"), "{readme}");
    fs::remove_file(extracted.join("README.elkarbackup-skipped.txt")).expect("rm");

    let mut want = manifest(&src);
    want.retain(|_, r| r.kind != 'p' && r.kind != 's');
    let mut got = manifest(&extracted);
    // Removing the README changed the top directory's mtime.
    got.get_mut(&Vec::new()).expect("top").mtime_ns = want[&Vec::new()].mtime_ns;
    for (path, w) in &want {
        assert_eq!(
            got.get(path),
            Some(w),
            "entry {:?}",
            String::from_utf8_lossy(path)
        );
    }
    assert_eq!(
        got.len(),
        want.len(),
        "extra entries: {:?}",
        got.keys()
            .filter(|k| !want.contains_key(*k))
            .collect::<Vec<_>>()
    );

    // Spot checks that the manifest really covers the tricky cases.
    assert_eq!(
        want[b"evil".as_slice()].link.as_deref(),
        Some(b"/etc".as_slice())
    );
    assert_eq!(
        want[b"unnormalised".as_slice()].link.as_deref(),
        Some(b"./a//b/".as_slice())
    );
    assert_eq!(
        want[b"hl/h2".as_slice()].group.as_deref(),
        Some(b"hl/h1".as_slice())
    );
    assert_eq!(
        want[b"span2/y".as_slice()].group.as_deref(),
        Some(b"span1/x".as_slice())
    );
    assert_eq!(want[b"shared".as_slice()].group, None);
    assert_eq!(want[b"m4755".as_slice()].mode, 0o4755);
    assert_eq!(
        want[b"old".as_slice()].mtime_ns,
        -315_619_200_000_000_000 + 250_000_000
    );
    assert!(want[b"acl".as_slice()]
        .facl
        .as_deref()
        .is_some_and(|f| f.contains("user:4242:r--")));
    assert!(want[b"dacl".as_slice()]
        .facl
        .as_deref()
        .is_some_and(|f| f.contains("default:user:4242:r-x")));
    assert!(want.contains_key(&deep) && deep.len() > 3500);
}

#[test]
fn tar_carries_paths_beyond_path_max() {
    let tmp = tempdir();
    // Names of 83 bytes, non-ASCII.
    let (fd, names) = nest(tmp.path(), |i| format!("d{i:02}{}", "\u{e9}".repeat(40)));
    let mut deep = format!("top/{}", names.join("/")).into_bytes();
    rustix::fs::symlinkat(&b"t".repeat(3000)[..], &fd, "link").expect("symlink");
    deep.extend_from_slice(b"/link");
    let mut out = Vec::new();
    write(open_dir(tmp.path()), b"top", Format::TarGz, &mut out).expect("write");
    let mut ar = ::tar::Archive::new(flate2::read::GzDecoder::new(out.as_slice()));
    let mut found = false;
    for entry in ar.entries().expect("entries") {
        let entry = entry.expect("entry");
        if entry.path_bytes().as_ref() == deep.as_slice() {
            assert_eq!(
                entry.link_name_bytes().as_deref(),
                Some(&b"t".repeat(3000)[..])
            );
            found = true;
        }
    }
    assert!(found && deep.len() > 4096);
}

/// Reads every entry of a zip: name → (unix mode, content).
fn read_zip(bytes: Vec<u8>) -> BTreeMap<String, (u32, Vec<u8>)> {
    let mut zip = ::zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut entries = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().expect("name").into_owned();
        let mode = f.unix_mode().expect("unix mode");
        let mut content = Vec::new();
        f.read_to_end(&mut content).expect("read");
        assert!(
            entries.insert(name, (mode, content)).is_none(),
            "duplicate name"
        );
    }
    entries
}

#[test]
fn zip_reads_back() {
    let tmp = tempdir();
    let src = tmp.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    let root = is_root();
    let deep = if root {
        build_tree(&src, true, 60)
    } else {
        Vec::new()
    };
    if !root {
        fs::write(src.join("\u{ff}x"), b"x").expect("write");
    }
    let (archive, summary) = write_with_deadline(&src, b"top", Format::Zip);
    let entries = read_zip(archive);
    if !root {
        assert!(entries.contains_key("top/ÿx"));
        return;
    }
    assert_eq!(summary.skipped.len(), 2);
    assert_eq!(summary.entries, entries.len() as u64);
    let file = |name: &str| {
        entries
            .get(&format!("top/{name}"))
            .unwrap_or_else(|| panic!("missing {name}"))
    };
    assert_eq!(file("big").1, noise((1 << 20) + 1, 7));
    assert_eq!(file("empty").1, b"");
    assert_eq!(file("a/b/c/file").1, b"nested");
    assert_eq!(file("%FF%FE").1, b"invalid utf-8");
    assert_eq!(file("100%25").1, b"percent");
    assert_eq!(file("new\nline").1, b"newline");
    assert_eq!(file(&"n".repeat(255)).1, b"long name");
    assert_eq!(file(&String::from_utf8_lossy(&deep)).1, b"deep");
    // Hardlinks are copies.
    assert_eq!(file("hl/h3").1, b"hardlinked");
    // Symlinks stay symlinks: S_IFLNK and the target as content.
    for (name, target) in [
        ("evil", "/etc".to_string()),
        ("dangling", "nope/nothing".into()),
        ("longtarget", "x/".repeat(500)),
    ] {
        let (mode, content) = file(name);
        assert_eq!(mode & 0o170000, 0o120000, "{name}");
        assert_eq!(content, target.as_bytes());
    }
    // Permissions; setuid is dropped on purpose.
    assert_eq!(file("m755").0, 0o100755);
    assert_eq!(file("m4755").0, 0o100755);
    assert_eq!(file("m000").0, 0o100000);
    assert_eq!(entries["top/"].0 & 0o170000, 0o040000);
    assert_eq!(file("sticky/").0, 0o040777);
    let readme =
        String::from_utf8(file("README.elkarbackup-skipped.txt").1.clone()).expect("utf-8");
    assert!(
        readme.contains("FIFO (named pipe): fifo\n") && readme.contains("socket: sock\n"),
        "{readme}"
    );
    assert!(!entries
        .keys()
        .any(|k| k.ends_with("/fifo") || k.ends_with("/sock")));
}

#[test]
fn zip64_with_more_than_65535_entries() {
    // Straight into the zip writer: creating 65,600 files on disk takes far
    // longer than archiving them, and the walk is covered by the other tests.
    let tmp = tempdir();
    let fd = open_dir(tmp.path());
    let meta = walk::Meta {
        mode: 0o040755,
        uid: 0,
        gid: 0,
        size: 0,
        mtime: 1_700_000_000,
        mtime_nsec: 0,
        dev: 0,
        ino: 0,
        nlink: 1,
    };
    let mut out = Vec::new();
    let mut sink = zip::ZipSink::new(&mut out, b"many");
    let n: u64 = 65_600;
    for i in 0..n {
        let name = format!("{:03}/{i}", i / 256);
        if i % 256 == 0 {
            walk::Sink::dir(&mut sink, &name.as_bytes()[..3], &meta, fd.as_fd()).expect("dir");
        }
        sink.extra_file(name.as_bytes(), b"").expect("file");
    }
    let entries = sink.entries();
    sink.finish().expect("finish");
    assert_eq!(entries, n + n.div_ceil(256));
    let mut zip = ::zip::ZipArchive::new(Cursor::new(out)).expect("zip64 archive");
    assert_eq!(zip.len() as u64, entries);
    assert_eq!(
        zip.by_index(zip.len() - 1)
            .expect("last")
            .name()
            .expect("name"),
        "many/256/65599"
    );
}

#[test]
fn invalid_top_is_rejected() {
    let tmp = tempdir();
    for top in [&b""[..], b"/abs", b"a/../b", b".", b"a//b", b"nul\0"] {
        let err =
            write(open_dir(tmp.path()), top, Format::TarGz, Vec::new()).expect_err("must fail");
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    }
    let err = write(
        File::open("/dev/null").expect("null").into(),
        b"x",
        Format::Zip,
        Vec::new(),
    )
    .expect_err("not a dir");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn readme_name_avoids_existing_entries() {
    let tmp = tempdir();
    fs::write(tmp.path().join("README.elkarbackup-skipped.txt"), b"mine").expect("write");
    assert_eq!(
        readme_name(&open_dir(tmp.path())).expect("name"),
        "README.elkarbackup-skipped.1.txt"
    );
    assert_eq!(
        escape_printable(b"a\n\\\x1b[31m\xff"),
        "a\\x0a\\x5c\\x1b[31m\\xff"
    );
}

#[tokio::test]
async fn stream_equals_write() {
    let tmp = tempdir();
    fs::create_dir_all(tmp.path().join("d/e")).expect("mkdir");
    fs::write(tmp.path().join("d/e/f"), noise(300_000, 9)).expect("write");
    fs::write(tmp.path().join("g"), b"small").expect("write");
    for format in [Format::TarGz, Format::Zip] {
        let mut direct = Vec::new();
        write(open_dir(tmp.path()), b"t", format, &mut direct).expect("write");
        let chunks: Vec<_> = stream(open_dir(tmp.path()), b"t".to_vec(), format)
            .collect()
            .await;
        assert!(chunks.len() > 2, "expected several chunks");
        let mut streamed = Vec::new();
        for c in chunks {
            let c = c.expect("chunk");
            assert!(c.len() <= CHUNK);
            streamed.extend_from_slice(&c);
        }
        assert!(streamed == direct, "{format:?}: stream differs from write");
    }
    // An error before the first byte arrives as the stream's only item.
    let items: Vec<_> = stream(open_dir(tmp.path()), b"../x".to_vec(), Format::Zip)
        .collect()
        .await;
    assert!(matches!(items.as_slice(), [Err(_)]));
}

#[tokio::test]
async fn dropping_the_stream_stops_the_walk() {
    let tmp = tempdir();
    // 64 GiB of holes: archiving it all would take many minutes.
    File::create(tmp.path().join("huge"))
        .expect("create")
        .set_len(64 << 30)
        .expect("set_len");
    let (mut s, task) = spawn(open_dir(tmp.path()), b"t".to_vec(), Format::TarGz);
    let first = s.next().await.expect("a chunk").expect("ok");
    assert!(!first.is_empty());
    drop(s);
    tokio::time::timeout(Duration::from_secs(20), task)
        .await
        .expect("walk did not stop")
        .expect("task");
}

#[test]
fn exact_reader_pads_and_cuts() {
    let mut out = Vec::new();
    ExactReader::new(&b"abc"[..], 5)
        .read_to_end(&mut out)
        .expect("read");
    assert_eq!(out, b"abc\0\0");
    out.clear();
    ExactReader::new(&b"abcdef"[..], 2)
        .read_to_end(&mut out)
        .expect("read");
    assert_eq!(out, b"ab");
}

/// A sparse file past 4 GiB needs zip64 sizes. Ignored by default: deflating
/// and inflating 4 GiB takes minutes in a debug build (about 20 s in release); run with
/// `cargo test --release -p backend -- --ignored zip_file_over_4_gib`.
#[test]
#[ignore]
fn zip_file_over_4_gib() {
    let tmp = tempdir();
    let size = (4 << 30) + 4097;
    let f = File::create(tmp.path().join("sparse")).expect("create");
    f.set_len(size).expect("set_len");
    std::os::unix::fs::FileExt::write_all_at(&f, b"tail", size - 4).expect("write");
    let mut out = Vec::new();
    write(open_dir(tmp.path()), b"big", Format::Zip, &mut out).expect("write");
    let mut zip = ::zip::ZipArchive::new(Cursor::new(out)).expect("zip");
    let mut entry = zip.by_name("big/sparse").expect("entry");
    assert_eq!(entry.size(), size);
    let mut last = [0u8; 4];
    let mut total = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = entry.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        total += n as u64;
        if n >= 4 {
            last.copy_from_slice(&buf[n - 4..n]);
        }
    }
    assert_eq!((total, &last), (size, b"tail"));
}
