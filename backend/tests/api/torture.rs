//! The torture tree of reliability.md §4.5 (rows 1, 3–13, 15 and 17), built
//! deterministically. Row 2 (> 4 GiB) and 14 (100,000 entries) belong to the restore and
//! benchmark tests; row 16 (files changing during the backup) is covered by the vanished
//! files test.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use nix::sys::stat::{mknod, utimensat, Mode, SFlag, UtimensatFlags};
use nix::sys::time::TimeSpec;
use nix::unistd::{chown, Gid, Uid};

fn write(p: &Path, bytes: &[u8]) {
    std::fs::write(p, bytes).unwrap();
}

fn mode(p: &Path, m: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

fn times(p: &Path, secs: i64, nsec: i64) {
    let t = TimeSpec::new(secs, nsec);
    utimensat(
        nix::fcntl::AT_FDCWD,
        p,
        &t,
        &t,
        UtimensatFlags::NoFollowSymlink,
    )
    .unwrap();
}

fn setfacl(args: &[&str], p: &Path) {
    let ok = std::process::Command::new("setfacl")
        .args(args)
        .arg(p)
        .status()
        .unwrap();
    assert!(
        ok.success(),
        "setfacl {args:?} (install the Debian package acl)"
    );
}

/// Builds the tree under `root` (which must not exist). Runs as root.
pub fn build(root: &Path) {
    std::fs::create_dir_all(root).unwrap();
    // 1. Sizes around block boundaries, and pseudo-random content.
    let files = root.join("sizes");
    std::fs::create_dir(&files).unwrap();
    for n in [0usize, 1, 4095, 4096, 4097, 1024 * 1024 + 1] {
        write(
            &files.join(format!("f{n}")),
            &vec![b'a' + (n % 26) as u8; n],
        );
    }
    let mut x: u32 = 12345;
    let random: Vec<u8> = (0..50_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    write(&files.join("random"), &random);
    // 3. Sparse: 64 MiB apparent, three 4 KiB islands, a hole at the end.
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::File::create(root.join("sparse")).unwrap();
        for off in [0u64, 16 << 20, 40 << 20] {
            f.seek(SeekFrom::Start(off)).unwrap();
            f.write_all(&[0x5a; 4096]).unwrap();
        }
        f.set_len(64 << 20).unwrap();
    }
    // 4. Hardlinks: a group of three in one directory, and one spanning directories.
    let hl = root.join("hardlinks");
    std::fs::create_dir_all(hl.join("other")).unwrap();
    write(&hl.join("one"), b"group of three");
    std::fs::hard_link(hl.join("one"), hl.join("two")).unwrap();
    std::fs::hard_link(hl.join("one"), hl.join("three")).unwrap();
    write(&hl.join("span"), b"spanning");
    std::fs::hard_link(hl.join("span"), hl.join("other/span-link")).unwrap();
    // 5. Symlinks of every kind; never followed.
    let sl = root.join("symlinks");
    std::fs::create_dir_all(sl.join("dir")).unwrap();
    let link = |target: &[u8], name: &str| {
        std::os::unix::fs::symlink(OsStr::from_bytes(target), sl.join(name)).unwrap();
    };
    link(b"dir", "to-dir");
    link(b"../sizes/f1", "relative");
    link(b"/etc/passwd", "absolute");
    link(b"nowhere/at/all", "dangling");
    link(b"relative", "chain");
    link(b"../../../../../../etc", "escape");
    link(b"with\nnewline", "newline-target");
    link(&vec![b'x'; 1000], "long-target");
    times(&sl.join("relative"), 1_000_000_000, 5);
    // 6. Specials: described, never opened.
    let sp = root.join("specials");
    std::fs::create_dir(&sp).unwrap();
    mknod(
        &sp.join("fifo"),
        SFlag::S_IFIFO,
        Mode::from_bits_truncate(0o644),
        0,
    )
    .unwrap();
    mknod(
        &sp.join("null"),
        SFlag::S_IFCHR,
        Mode::from_bits_truncate(0o666),
        nix::sys::stat::makedev(1, 3),
    )
    .unwrap();
    mknod(
        &sp.join("loop0"),
        SFlag::S_IFBLK,
        Mode::from_bits_truncate(0o660),
        nix::sys::stat::makedev(7, 0),
    )
    .unwrap();
    drop(std::os::unix::net::UnixListener::bind(sp.join("socket")).unwrap());
    // 7. Permissions.
    let pm = root.join("perms");
    std::fs::create_dir(&pm).unwrap();
    for m in [0o000, 0o400, 0o600, 0o644, 0o755, 0o777, 0o4755] {
        let p = pm.join(format!("f{m:o}"));
        write(&p, b"perm");
        mode(&p, m);
    }
    for (name, m) in [
        ("d555", 0o555),
        ("d700", 0o700),
        ("d2775", 0o2775),
        ("d1777", 0o1777),
    ] {
        let d = pm.join(name);
        std::fs::create_dir(&d).unwrap();
        write(&d.join("inside"), b"x");
        mode(&d, m);
    }
    // 8. Owners, including ids with no name here.
    let ow = root.join("owners");
    std::fs::create_dir(&ow).unwrap();
    for id in [0u32, 1, 65534, 4242] {
        let p = ow.join(format!("u{id}"));
        write(&p, b"owned");
        chown(&p, Some(Uid::from_raw(id)), Some(Gid::from_raw(id))).unwrap();
    }
    // 10. Extended attributes. ext4 keeps all of a file's xattrs in one 4 KiB block, so the
    // big value and the many small ones go on separate files, and "big" is 3.5 KiB.
    let xa = root.join("xattrs");
    std::fs::create_dir(&xa).unwrap();
    write(&xa.join("small"), b"x");
    xattr::set(xa.join("small"), "user.empty", b"").unwrap();
    xattr::set(xa.join("small"), "user.binary", &[0, 1, 2, 255, 254]).unwrap();
    xattr::set(xa.join("small"), "trusted.root-only", b"t").unwrap();
    write(&xa.join("big"), b"x");
    xattr::set(xa.join("big"), "user.big", &[b'v'; 3500]).unwrap();
    write(&xa.join("many"), b"x");
    for i in 0..50 {
        xattr::set(
            xa.join("many"),
            format!("user.many{i:02}"),
            format!("{i}").as_bytes(),
        )
        .unwrap();
    }
    // 11. ACLs: named user and group, mask, default ACL on a directory.
    let ac = root.join("acls");
    std::fs::create_dir(&ac).unwrap();
    write(&ac.join("file"), b"acl");
    setfacl(&["-m", "u:4242:rw-,g:4343:r--,m::rw-"], &ac.join("file"));
    setfacl(&["-d", "-m", "u:4242:rwx"], &ac);
    // 12. Hostile and awkward names.
    let nm = root.join("names");
    std::fs::create_dir(&nm).unwrap();
    let names: Vec<&[u8]> = vec![
        "caf\u{e9}".as_bytes(),
        "cafe\u{301}".as_bytes(),
        b"\xff\xfe invalid utf8",
        b"new\nline",
        b"tab\there",
        b"carriage\rreturn",
        b"back\\slash",
        b"double\"quote",
        b"single'quote",
        b"$(touch x)",
        b"`id`",
        b"*?[]",
        b"-leading-dash",
        b"--rsh=x",
        b" spaces ",
        b"...",
        b"<script>alert(1)<script>",
        b"A",
        b"a",
    ];
    for n in names {
        write(&nm.join(OsStr::from_bytes(n)), n);
    }
    write(&nm.join("n".repeat(255)), b"255 bytes");
    // 13. Depth: 70 levels.
    let mut deep = root.join("deep");
    for i in 0..70 {
        deep = deep.join(format!("level{i:02}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    write(&deep.join("bottom"), b"deep");
    // 15. Empty directories and names the server uses itself.
    std::fs::create_dir_all(root.join("empty/dir")).unwrap();
    std::fs::create_dir(root.join("looks-like.txt")).unwrap();
    write(&root.join(".rsync-partial"), b"not ours");
    std::fs::create_dir_all(root.join(".inprogress/.trash")).unwrap();
    write(&root.join("snapshot.json"), b"{\"run_id\": 1}");
    write(&root.join("snapshots"), b"a file called snapshots");
    // 9. Times, set last so that directories keep them: nanoseconds, before 1970, after 2038.
    times(&files.join("f1"), 1_700_000_000, 123_456_789);
    times(&files.join("f0"), -86_400 * 365, 0);
    times(&files.join("f4096"), (1i64 << 31) + 1, 0);
    for d in [&files, &hl, &sp, &pm, &ow, &nm] {
        times(d, 1_600_000_000, 987_654_321);
    }
}
