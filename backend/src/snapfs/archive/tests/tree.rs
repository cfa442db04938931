//! Test fixtures: the torture tree of reliability.md §4.5 and the manifest
//! (lstat fields, link targets, content hashes, xattrs, getfacl) that a round
//! trip must preserve, both built and read through fds only.

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsStr;
use std::fs::{self, File, FileTimes};
use std::io::{Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, UNIX_EPOCH};

use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use sha2::{Digest, Sha256};

use super::super::{walk, write, Format, Summary};

pub(super) const DEEP: usize = 70;
pub(super) const LONG_TARGET: usize = 1000;

pub(super) fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

pub(super) fn open_dir(path: &Path) -> OwnedFd {
    File::open(path).expect("open dir").into()
}

/// Creates `DEEP` nested directories in `dir`, the `i`th named `name(i)`, through fds
/// (their path may exceed PATH_MAX); returns the innermost one and the names.
pub(super) fn nest(dir: &Path, name: impl Fn(usize) -> String) -> (OwnedFd, Vec<String>) {
    let mut fd = open_dir(dir);
    let mut names = Vec::new();
    for i in 0..DEEP {
        let n = name(i);
        rustix::fs::mkdirat(&fd, n.as_str(), Mode::from_raw_mode(0o755)).expect("mkdirat");
        fd = rustix::fs::openat(
            &fd,
            n.as_str(),
            OFlags::RDONLY | OFlags::DIRECTORY,
            Mode::empty(),
        )
        .expect("openat");
        names.push(n);
    }
    (fd, names)
}

pub(super) fn set_mtime(path: &Path, secs: i64, nsec: u32) {
    let t = if secs >= 0 {
        UNIX_EPOCH + Duration::new(secs.unsigned_abs(), nsec)
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs()) + Duration::from_nanos(nsec.into())
    };
    File::open(path)
        .expect("open")
        .set_times(FileTimes::new().set_modified(t))
        .expect("set_times");
}

/// Pseudo-random, incompressible bytes (xorshift), deterministic.
pub(super) fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

pub(super) fn setfacl(args: &[&str], path: &Path) {
    let ok = Command::new("setfacl")
        .args(args)
        .arg(path)
        .status()
        .expect("setfacl")
        .success();
    assert!(ok, "setfacl {args:?} failed");
}

/// Builds the torture tree in `root` (which must exist). With `specials`,
/// adds a FIFO and a socket. The deep chain has [`DEEP`] levels of
/// `deep_len`-byte names; returns its relative path.
pub(super) fn build_tree(root: &Path, specials: bool, deep_len: usize) -> Vec<u8> {
    let w = |name: &[u8], content: &[u8]| {
        fs::write(root.join(OsStr::from_bytes(name)), content).expect("write")
    };
    w(b"empty", b"");
    w(b"one", b"1");
    for n in [4095, 4096, 4097] {
        w(format!("f{n}").as_bytes(), &noise(n, n as u64));
    }
    w(b"big", &noise((1 << 20) + 1, 7));
    fs::create_dir_all(root.join("a/b/c")).expect("mkdir");
    fs::write(root.join("a/b/c/file"), b"nested").expect("write");
    w(&[b'n'; 255], b"long name");
    w(b"\xff\xfe", b"invalid utf-8");
    w(b"new\nline", b"newline");
    w(b"<script>alert(1)<\\script>", b"html");
    w(b"100%", b"percent");
    // Hardlinks: a group of 3 in one directory, a pair across directories,
    // and one linked from outside the archived tree (nlink 2, one inside).
    fs::create_dir(root.join("hl")).expect("mkdir");
    fs::write(root.join("hl/h1"), b"hardlinked").expect("write");
    fs::hard_link(root.join("hl/h1"), root.join("hl/h2")).expect("link");
    fs::hard_link(root.join("hl/h1"), root.join("hl/h3")).expect("link");
    fs::create_dir(root.join("span1")).expect("mkdir");
    fs::create_dir(root.join("span2")).expect("mkdir");
    fs::write(root.join("span1/x"), b"spanning").expect("write");
    fs::hard_link(root.join("span1/x"), root.join("span2/y")).expect("link");
    let outside = root.parent().expect("parent").join("outside-link");
    fs::write(&outside, b"also in another snapshot").expect("write");
    fs::hard_link(&outside, root.join("shared")).expect("link");
    // Symlinks, never followed.
    symlink("a/b/c/file", root.join("rel")).expect("symlink");
    symlink("/etc", root.join("evil")).expect("symlink");
    symlink("nope/nothing", root.join("dangling")).expect("symlink");
    symlink("./a//b/", root.join("unnormalised")).expect("symlink");
    symlink("x/".repeat(LONG_TARGET / 2), root.join("longtarget")).expect("symlink");
    // Permissions and owners (chown before chmod: chown clears setuid).
    for (name, mode) in [("m000", 0o000), ("m755", 0o755), ("m4755", 0o4755)] {
        w(name.as_bytes(), b"mode");
        std::os::unix::fs::chown(root.join(name), Some(4242), Some(4242)).expect("chown");
        fs::set_permissions(root.join(name), fs::Permissions::from_mode(mode)).expect("chmod");
    }
    fs::create_dir(root.join("sticky")).expect("mkdir");
    fs::set_permissions(root.join("sticky"), fs::Permissions::from_mode(0o1777)).expect("chmod");
    // Times.
    w(b"ns", b"ns");
    set_mtime(&root.join("ns"), 1_700_000_000, 123_456_789);
    w(b"old", b"old");
    set_mtime(&root.join("old"), -315_619_200, 250_000_000);
    w(b"future", b"future");
    set_mtime(&root.join("future"), (1 << 31) + 1, 0);
    // Xattrs.
    w(b"xa", b"xattrs");
    xattr::set(root.join("xa"), "user.empty", b"").expect("xattr");
    xattr::set(root.join("xa"), "user.bin", &[0, 1, 2, 0xff, b'\n', b'=']).expect("xattr");
    // ext4 keeps all xattrs of an inode in one 4 KiB block: the largest value that fits.
    xattr::set(root.join("xa"), "user.big", &noise(3900, 3)).expect("xattr");
    // ACLs: named user and group with a mask; a default ACL inherited by a child.
    w(b"acl", b"acl");
    setfacl(&["-m", "u:4242:r,g:4243:rw,m::rw"], &root.join("acl"));
    fs::create_dir(root.join("dacl")).expect("mkdir");
    setfacl(&["-d", "-m", "u:4242:rx"], &root.join("dacl"));
    fs::write(root.join("dacl/child"), b"inherits").expect("write");
    // 70 levels of names: with 60 bytes the path exceeds PATH_MAX, so build it through fds.
    let (fd, names) = nest(root, |i| format!("d{i:02}{}", "x".repeat(deep_len - 3)));
    let mut deep = format!("{}/", names.join("/")).into_bytes();
    let leaf = rustix::fs::openat(
        &fd,
        "leaf",
        OFlags::WRONLY | OFlags::CREATE,
        Mode::from_raw_mode(0o644),
    )
    .expect("leaf");
    File::from(leaf).write_all(b"deep").expect("write");
    deep.extend_from_slice(b"leaf");
    if specials {
        nix::unistd::mkfifo(
            &root.join("fifo"),
            nix::sys::stat::Mode::from_bits_truncate(0o644),
        )
        .expect("mkfifo");
        drop(std::os::unix::net::UnixListener::bind(root.join("sock")).expect("socket"));
    }
    // Directory times last, after their children were created.
    set_mtime(&root.join("a"), 1_600_000_000, 500_000_000);
    set_mtime(&root.join("sticky"), -1, 999_999_999);
    deep
}

/// One manifest line per entry: everything the round trip must keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row {
    pub kind: char,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u64,
    pub mtime_ns: i128,
    pub link: Option<Vec<u8>>,
    pub sha256: Option<String>,
    pub xattrs: Vec<(Vec<u8>, Vec<u8>)>,
    pub facl: Option<String>,
    /// For files with several links in the tree: the smallest path of the group.
    pub group: Option<Vec<u8>>,
}

/// Manifest of the tree under `root`, keyed by relative path (root is `""`),
/// walked through fds with lstat semantics; specials are never opened.
pub(super) fn manifest(root: &Path) -> BTreeMap<Vec<u8>, Row> {
    let mut rows = BTreeMap::new();
    let mut inodes: HashMap<(u64, u64), Vec<Vec<u8>>> = HashMap::new();
    let fd = open_dir(root);
    let st = rustix::fs::fstat(&fd).expect("fstat");
    rows.insert(
        Vec::new(),
        row('d', &st, None, None, xattrs_of(fd.as_fd()), facl(root, b"")),
    );
    scan(root, &fd, b"", &mut rows, &mut inodes);
    for paths in inodes.values().filter(|p| p.len() > 1) {
        let first = paths.iter().min().cloned();
        for p in paths {
            if let Some(r) = rows.get_mut(p) {
                r.group = first.clone();
            }
        }
    }
    rows
}

pub(super) fn row(
    kind: char,
    st: &rustix::fs::Stat,
    link: Option<Vec<u8>>,
    sha256: Option<String>,
    xattrs: Vec<(Vec<u8>, Vec<u8>)>,
    facl: Option<String>,
) -> Row {
    Row {
        kind,
        mode: st.st_mode & 0o7777,
        uid: st.st_uid,
        gid: st.st_gid,
        size: if kind == 'f' { st.st_size as u64 } else { 0 },
        mtime_ns: i128::from(st.st_mtime) * 1_000_000_000 + i128::from(st.st_mtime_nsec),
        link,
        sha256,
        xattrs,
        facl,
        group: None,
    }
}

pub(super) fn xattrs_of(fd: BorrowedFd<'_>) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut x = walk::xattrs(fd).expect("xattrs");
    x.sort();
    x
}

/// `getfacl` text for shallow entries (its path argument cannot exceed PATH_MAX).
pub(super) fn facl(root: &Path, rel: &[u8]) -> Option<String> {
    if rel.len() > 200 {
        return None;
    }
    let path = root.join(OsStr::from_bytes(rel));
    let out = Command::new("getfacl")
        .args(["--numeric", "--skip-base", "--omit-header", "--"])
        .arg(path)
        .output()
        .expect("getfacl");
    assert!(
        out.status.success(),
        "getfacl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub(super) fn scan(
    root: &Path,
    dir: &OwnedFd,
    rel: &[u8],
    rows: &mut BTreeMap<Vec<u8>, Row>,
    inodes: &mut HashMap<(u64, u64), Vec<Vec<u8>>>,
) {
    let names: Vec<_> = rustix::fs::Dir::read_from(dir)
        .expect("readdir")
        .map(|e| e.expect("entry").file_name().to_owned())
        .filter(|n| n.to_bytes() != b"." && n.to_bytes() != b"..")
        .collect();
    for name in names {
        let mut path = rel.to_vec();
        if !path.is_empty() {
            path.push(b'/');
        }
        path.extend_from_slice(name.to_bytes());
        let st = rustix::fs::statat(dir, &name, AtFlags::SYMLINK_NOFOLLOW).expect("statat");
        let r = match FileType::from_raw_mode(st.st_mode) {
            FileType::Directory => {
                let fd = rustix::fs::openat(
                    dir,
                    &name,
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW,
                    Mode::empty(),
                )
                .expect("open dir");
                scan(root, &fd, &path, rows, inodes);
                row(
                    'd',
                    &st,
                    None,
                    None,
                    xattrs_of(fd.as_fd()),
                    facl(root, &path),
                )
            }
            FileType::RegularFile => {
                let fd = rustix::fs::openat(
                    dir,
                    &name,
                    OFlags::RDONLY | OFlags::NOFOLLOW,
                    Mode::empty(),
                )
                .expect("open");
                let mut content = Vec::new();
                File::from(fd.try_clone().expect("dup"))
                    .read_to_end(&mut content)
                    .expect("read");
                inodes
                    .entry((st.st_dev, st.st_ino))
                    .or_default()
                    .push(path.clone());
                let sha = hex::encode(Sha256::digest(&content));
                row(
                    'f',
                    &st,
                    None,
                    Some(sha),
                    xattrs_of(fd.as_fd()),
                    facl(root, &path),
                )
            }
            FileType::Symlink => {
                let target = rustix::fs::readlinkat(dir, &name, Vec::new()).expect("readlink");
                row('l', &st, Some(target.into_bytes()), None, Vec::new(), None)
            }
            FileType::Fifo => row('p', &st, None, None, Vec::new(), None),
            FileType::Socket => row('s', &st, None, None, Vec::new(), None),
            other => panic!("unexpected {other:?}"),
        };
        rows.insert(path, r);
    }
}

/// Runs `write` on a thread and fails (instead of hanging) if it blocks.
pub(super) fn write_with_deadline(
    dir: &Path,
    top: &'static [u8],
    format: Format,
) -> (Vec<u8>, Summary) {
    let fd = open_dir(dir);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let summary = write(fd, top, format, &mut out);
        let _ = tx.send(summary.map(|s| (out, s)));
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the walk blocked (opened a FIFO?)")
        .expect("write")
}

pub(super) fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}
