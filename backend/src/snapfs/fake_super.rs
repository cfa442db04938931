//! Snapshots written by a server that is not root (`rsync --fake-super`): the real type,
//! permissions and owner of each entry live in its `user.rsync.%stat` xattr, and specials
//! are stored as empty regular files. Reading that back, so browsing shows what the client
//! had and a stored FIFO is refused like a real one.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use rustix::fs::{Mode, OFlags, Stat};

/// The xattr rsync keeps the real status in.
const NAME: &str = "user.rsync.%stat";

/// Whether this server's snapshots carry fake-super metadata (it is not root, so the
/// engine passes `--fake-super`).
pub fn active() -> bool {
    !nix::unistd::Uid::effective().is_root()
}

/// Parses rsync's `"%o %u,%u %u:%u"`: mode (with the type bits) in octal, device major and
/// minor, uid and gid.
pub fn parse(value: &[u8]) -> Option<(u32, u32, u32)> {
    let text = std::str::from_utf8(value).ok()?;
    let mut words = text.split(' ');
    let mode = u32::from_str_radix(words.next()?, 8).ok()?;
    let _rdev = words.next()?;
    let (uid, gid) = words.next()?.split_once(':')?;
    Some((mode, uid.parse().ok()?, gid.parse().ok()?))
}

/// Applies the stored status of `name` in `dir` to `stat`, when there is one. Only regular
/// files and directories are opened (what fake-super stores everything as); symlinks and
/// real specials are left as they are.
pub fn apply(dir: BorrowedFd<'_>, name: &[u8], stat: &mut Stat) {
    let on_disk = rustix::fs::FileType::from_raw_mode(stat.st_mode);
    let flags = match on_disk {
        rustix::fs::FileType::RegularFile => OFlags::empty(),
        rustix::fs::FileType::Directory => OFlags::DIRECTORY,
        _ => return,
    };
    let Ok(fd) = rustix::fs::openat(
        dir,
        name,
        flags
            | OFlags::RDONLY
            | OFlags::NOFOLLOW
            | OFlags::NONBLOCK
            | OFlags::CLOEXEC
            | OFlags::NOCTTY,
        Mode::empty(),
    ) else {
        return;
    };
    // A second check on the opened object: it must still be what lstat said.
    match rustix::fs::fstat(fd.as_fd()) {
        Ok(s) if rustix::fs::FileType::from_raw_mode(s.st_mode) == on_disk => {}
        _ => return,
    }
    apply_fd(&fd, stat);
}

/// Applies the stored status read from an open file or directory to `stat`.
pub fn apply_fd(fd: &OwnedFd, stat: &mut Stat) {
    let mut buf = [0u8; 64];
    if let Ok(n) = rustix::fs::fgetxattr(fd.as_fd(), NAME, &mut buf[..]) {
        if let Some((mode, uid, gid)) = parse(&buf[..n]) {
            stat.st_mode = mode;
            stat.st_uid = uid;
            stat.st_gid = gid;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rsync_fake_super_status() {
        assert_eq!(parse(b"10644 0,0 4242:100"), Some((0o10644, 4242, 100)));
        assert_eq!(parse(b"20660 1,3 0:0"), Some((0o20660, 0, 0)));
        assert_eq!(parse(b"100600 0,0 1000"), None);
        assert_eq!(parse(b"zz 0,0 1:1"), None);
        assert_eq!(parse(b""), None);
    }

    #[test]
    fn a_stored_fifo_is_described_as_a_fifo() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("pipe"), "").unwrap();
        xattr_set(&dir.path().join("pipe"), b"10640 0,0 4242:4343");
        let fd = super::super::open::open_root(dir.path()).unwrap();
        let mut st =
            rustix::fs::statat(fd.as_fd(), "pipe", rustix::fs::AtFlags::SYMLINK_NOFOLLOW).unwrap();
        apply(fd.as_fd(), b"pipe", &mut st);
        assert_eq!(
            super::super::open::kind_of(&st),
            shared::snapshots::EntryKind::Fifo
        );
        assert_eq!(
            (st.st_mode & 0o7777, st.st_uid, st.st_gid),
            (0o640, 4242, 4343)
        );
    }

    fn xattr_set(p: &std::path::Path, v: &[u8]) {
        rustix::fs::setxattr(p, NAME, v, rustix::fs::XattrFlags::empty()).unwrap();
    }
}
