//! The file-descriptor-only tree walk behind both archive formats: decides each
//! entry's type with `statat(AT_SYMLINK_NOFOLLOW)`, opens only directories and
//! regular files (`O_NOFOLLOW`, re-checked with `fstat`), reads symlinks with
//! `readlinkat`, never opens specials, and reads xattrs through the open fd.

use std::ffi::CStr;
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, Stat};
use rustix::io::Errno;

/// Deepest directory level descended into. Each open level costs one file
/// descriptor (the walk keeps the whole chain open so that it never has to
/// resolve a path string), so this bounds a download's fd use well below the
/// usual 1024 soft limit; deeper directories are skipped and listed.
pub(crate) const MAX_DEPTH: usize = 256;

/// The metadata of one entry that the archive formats carry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Meta {
    /// Full `st_mode`, type bits included.
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    /// Size in bytes (regular files; 0 for the others).
    pub size: u64,
    /// Modification time: seconds since the epoch (may be negative) and nanoseconds.
    pub mtime: i64,
    pub mtime_nsec: u32,
    pub dev: u64,
    pub ino: u64,
    pub nlink: u64,
}

impl Meta {
    // The field types of `Stat` differ between architectures, hence the casts.
    #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
    fn from_stat(st: &Stat) -> Meta {
        let is_reg = FileType::from_raw_mode(st.st_mode as _) == FileType::RegularFile;
        Meta {
            mode: st.st_mode as u32,
            uid: st.st_uid as u32,
            gid: st.st_gid as u32,
            size: if is_reg { st.st_size.max(0) as u64 } else { 0 },
            mtime: st.st_mtime as i64,
            // The kernel keeps this in 0..1e9; clamp anyway so that callers may rely on it.
            mtime_nsec: (st.st_mtime_nsec as i64).clamp(0, 999_999_999) as u32,
            dev: st.st_dev as u64,
            ino: st.st_ino as u64,
            nlink: st.st_nlink as u64,
        }
    }

    /// A file the server adds to an archive (the README of skipped entries): root's,
    /// mode 0644, written now.
    pub(crate) fn added_file(size: u64) -> Meta {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
        Meta {
            mode: 0o100644,
            uid: 0,
            gid: 0,
            size,
            mtime: now,
            mtime_nsec: 0,
            dev: 0,
            ino: 0,
            nlink: 1,
        }
    }
}

/// Receives the walk's entries, parents before their children. `rel` is the
/// entry's path relative to the walked directory (empty for that directory).
pub(crate) trait Sink {
    /// A directory; `fd` is open on it (for xattrs).
    fn dir(&mut self, rel: &[u8], meta: &Meta, fd: BorrowedFd<'_>) -> io::Result<()>;
    /// A regular file, open for reading; `meta` comes from `fstat` of `file`.
    fn file(&mut self, rel: &[u8], meta: &Meta, file: File) -> io::Result<()>;
    /// A symbolic link and its target bytes (never followed).
    fn symlink(&mut self, rel: &[u8], meta: &Meta, target: &[u8]) -> io::Result<()>;
}

/// An entry left out of the archive, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    pub rel: Vec<u8>,
    pub reason: &'static str,
}

/// One open directory on the walk's explicit stack.
struct Frame {
    dir: Dir,
    /// Length of the relative path of this directory (the walk's path buffer
    /// is truncated back to it before appending each child name).
    base: usize,
}

/// What to do with one directory entry, decided while the parent is borrowed.
enum Step {
    Descend(OwnedFd, Meta),
    File(OwnedFd, Meta),
    Symlink(Vec<u8>, Meta),
    Skip(&'static str),
}

/// Walks the tree of `root` depth-first in readdir order, feeding `sink`.
/// Returns the skipped entries (specials, entries that changed type or
/// vanished while being read, directories deeper than [`MAX_DEPTH`]).
/// Any other error, including the sink's, stops the walk.
pub(crate) fn walk(root: OwnedFd, sink: &mut dyn Sink) -> io::Result<Vec<Skipped>> {
    let st = rustix::fs::fstat(&root)?;
    if FileType::from_raw_mode(st.st_mode as _) != FileType::Directory {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a directory",
        ));
    }
    sink.dir(b"", &Meta::from_stat(&st), root.as_fd())?;
    let mut skipped = Vec::new();
    let mut path: Vec<u8> = Vec::new();
    let mut stack = vec![Frame {
        dir: Dir::new(root)?,
        base: 0,
    }];
    loop {
        let depth = stack.len();
        let Some(frame) = stack.last_mut() else { break };
        let entry = match frame.dir.read() {
            None => {
                stack.pop();
                continue;
            }
            Some(entry) => entry?,
        };
        let name = entry.file_name();
        if name == c"." || name == c".." {
            continue;
        }
        path.truncate(frame.base);
        if !path.is_empty() {
            path.push(b'/');
        }
        path.extend_from_slice(name.to_bytes());
        let step = step(frame.dir.fd()?, name, depth)?;
        match step {
            Step::Descend(fd, meta) => {
                sink.dir(&path, &meta, fd.as_fd())?;
                stack.push(Frame {
                    dir: Dir::new(fd)?,
                    base: path.len(),
                });
            }
            Step::File(fd, meta) => sink.file(&path, &meta, File::from(fd))?,
            Step::Symlink(target, meta) => sink.symlink(&path, &meta, &target)?,
            Step::Skip(reason) => skipped.push(Skipped {
                rel: path.clone(),
                reason,
            }),
        }
    }
    Ok(skipped)
}

/// Reason given for entries that vanished or were swapped for another type
/// between the `statat` and the open (snapshots are not supposed to change).
const CHANGED: &str = "changed or vanished while being read";

/// Decides what entry `name` of `dir` is and opens it if it may be opened.
fn step(dir: BorrowedFd<'_>, name: &CStr, depth: usize) -> io::Result<Step> {
    let st = match rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => st,
        Err(Errno::NOENT) => return Ok(Step::Skip(CHANGED)),
        Err(e) => return Err(e.into()),
    };
    let opened = |flags: OFlags| match rustix::fs::openat(dir, name, flags, Mode::empty()) {
        Ok(fd) => Ok(Some(fd)),
        // ELOOP: replaced by a symlink (O_NOFOLLOW); ENOTDIR: by a non-directory.
        Err(Errno::NOENT | Errno::LOOP | Errno::NOTDIR) => Ok(None),
        Err(e) => Err(io::Error::from(e)),
    };
    let expect = |fd: Option<OwnedFd>, ty: FileType| -> io::Result<Option<(OwnedFd, Meta)>> {
        let Some(fd) = fd else { return Ok(None) };
        let mut st = rustix::fs::fstat(&fd)?;
        if FileType::from_raw_mode(st.st_mode as _) != ty {
            return Ok(None);
        }
        // A fake-super snapshot keeps the real permissions and owner in an xattr.
        if crate::snapfs::fake_super::active() {
            crate::snapfs::fake_super::apply_fd(&fd, &mut st);
        }
        Ok(Some((fd, Meta::from_stat(&st))))
    };
    // A fake-super snapshot stores specials as empty regular files: still never archived.
    if crate::snapfs::fake_super::active() {
        let mut faked = st;
        crate::snapfs::fake_super::apply(dir, name.to_bytes(), &mut faked);
        if let Some(reason) = special(FileType::from_raw_mode(faked.st_mode as _)) {
            return Ok(Step::Skip(reason));
        }
    }
    Ok(match FileType::from_raw_mode(st.st_mode as _) {
        FileType::Directory if depth >= MAX_DEPTH => Step::Skip("directory nested too deep"),
        FileType::Directory => {
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            match expect(opened(flags)?, FileType::Directory)? {
                Some((fd, meta)) => Step::Descend(fd, meta),
                None => Step::Skip(CHANGED),
            }
        }
        FileType::RegularFile => {
            // O_NONBLOCK: should a FIFO be swapped in after the statat, the
            // open must not hang (the fstat check then rejects it).
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
            match expect(opened(flags)?, FileType::RegularFile)? {
                Some((fd, meta)) => Step::File(fd, meta),
                None => Step::Skip(CHANGED),
            }
        }
        FileType::Symlink => match rustix::fs::readlinkat(dir, name, Vec::new()) {
            Ok(target) => Step::Symlink(target.into_bytes(), Meta::from_stat(&st)),
            Err(Errno::NOENT | Errno::INVAL) => Step::Skip(CHANGED),
            Err(e) => return Err(e.into()),
        },
        other => Step::Skip(special(other).unwrap_or("unknown file type")),
    })
}

/// Why a special file is left out; `None` for what archives hold.
fn special(ty: FileType) -> Option<&'static str> {
    Some(match ty {
        FileType::Fifo => "FIFO (named pipe)",
        FileType::Socket => "socket",
        FileType::CharacterDevice => "character device",
        FileType::BlockDevice => "block device",
        FileType::Unknown => "unknown file type",
        _ => return None,
    })
}

/// Reads all extended attributes of the open file `fd` as (name, value)
/// pairs, in the kernel's order. A filesystem without xattr support yields none.
pub(crate) fn xattrs(fd: BorrowedFd<'_>) -> io::Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let list = match read_sized(|buf| rustix::fs::flistxattr(fd, buf)) {
        Ok(list) => list,
        Err(e) if e.raw_os_error() == Some(Errno::NOTSUP.raw_os_error()) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for name in list.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        match read_sized(|buf| rustix::fs::fgetxattr(fd, name, buf)) {
            Ok(value) => out.push((name.to_vec(), value)),
            // Removed between the list and the read.
            Err(e) if e.raw_os_error() == Some(Errno::NODATA.raw_os_error()) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Runs a "fill this buffer" xattr call with a growing buffer: the size can
/// change between a size query and the read (ERANGE), so retry a few times.
fn read_sized(mut call: impl FnMut(&mut [u8]) -> rustix::io::Result<usize>) -> io::Result<Vec<u8>> {
    let mut cap = 1024;
    for _ in 0..8 {
        let mut buf = vec![0u8; cap];
        match call(&mut buf) {
            Ok(n) => {
                buf.truncate(n);
                return Ok(buf);
            }
            // Xattr values are at most 64 KiB, lists at most 64 KiB too (XATTR_LIST_MAX).
            Err(Errno::RANGE) => cap = (cap * 4).min(1 << 17),
            Err(e) => return Err(e.into()),
        }
    }
    Err(io::Error::other("extended attribute kept growing"))
}
