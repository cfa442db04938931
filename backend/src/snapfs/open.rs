//! Opening and describing things beneath a snapshot root. Every lookup goes through
//! `openat2` with `RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS` from a descriptor of the root, so
//! no path, `..` or symlink (client-controlled content) can reach outside; the last
//! component is examined with `lstat` semantics and specials are never opened.

use std::fs::File;
use std::os::fd::{AsFd, OwnedFd};
use std::path::Path;

use chrono::{DateTime, Utc};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags, Stat};
use rustix::io::Errno;
use shared::snapshots::{Entry, EntryKind};

use super::path::{encode, RelPath};

/// Why a path could not be used.
#[derive(Debug)]
pub enum FsError {
    /// Nothing there, or a symlink on the way (never followed).
    NotFound,
    /// Not a directory where one is needed.
    NotADirectory,
    /// Not a regular file where one is needed.
    NotRegular(EntryKind),
    Io(std::io::Error),
}

fn classify(e: Errno) -> FsError {
    match e {
        // ELOOP: a symlink on the way; EXDEV: an attempt to leave the root.
        Errno::NOENT | Errno::LOOP | Errno::XDEV | Errno::NAMETOOLONG | Errno::ACCESS => {
            FsError::NotFound
        }
        Errno::NOTDIR => FsError::NotADirectory,
        e => FsError::Io(e.into()),
    }
}

const RESOLVE: ResolveFlags = ResolveFlags::BENEATH
    .union(ResolveFlags::NO_SYMLINKS)
    .union(ResolveFlags::NO_MAGICLINKS);

/// Opens a snapshot's data directory (a server-made path) as the root of lookups.
pub fn open_root(data_dir: &Path) -> std::io::Result<OwnedFd> {
    Ok(rustix::fs::open(
        data_dir,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

/// Opens a directory beneath the root.
pub fn open_dir(root: &OwnedFd, rel: &RelPath) -> Result<OwnedFd, FsError> {
    let bytes = rel.to_bytes();
    let path: &[u8] = if bytes.is_empty() { b"." } else { &bytes };
    rustix::fs::openat2(
        root.as_fd(),
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
        RESOLVE,
    )
    .map_err(classify)
}

/// The entry's own status (a symlink is described, not followed), with the descriptor of
/// the directory holding it. The root itself is described from its own descriptor.
pub fn lstat(root: &OwnedFd, rel: &RelPath) -> Result<(OwnedFd, Stat), FsError> {
    let parent = open_dir(root, &rel.parent())?;
    let stat = match rel.name() {
        Some(name) => stat_at(&parent, name),
        None => rustix::fs::fstat(parent.as_fd()),
    }
    .map_err(classify)?;
    Ok((parent, stat))
}

/// The status of `name` in `dir`, its own (a symlink is not followed), with the type,
/// permissions and owner a fake-super snapshot stores in an xattr.
pub fn stat_at(dir: &OwnedFd, name: &[u8]) -> Result<Stat, Errno> {
    let mut stat = rustix::fs::statat(dir.as_fd(), name, AtFlags::SYMLINK_NOFOLLOW)?;
    if super::fake_super::active() {
        super::fake_super::apply(dir.as_fd(), name, &mut stat);
    }
    Ok(stat)
}

/// Opens a regular file for download. Specials are refused from their status, never
/// opened; the open itself neither follows a symlink nor blocks (a FIFO swapped in
/// meanwhile is caught by the second check).
pub fn open_file(root: &OwnedFd, rel: &RelPath) -> Result<(File, Stat), FsError> {
    let (parent, stat) = lstat(root, rel)?;
    let kind = kind_of(&stat);
    if kind != EntryKind::File {
        return Err(FsError::NotRegular(kind));
    }
    let name = rel.name().ok_or(FsError::NotRegular(EntryKind::Dir))?;
    let fd = rustix::fs::openat(
        parent.as_fd(),
        name,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY,
        Mode::empty(),
    )
    .map_err(classify)?;
    let opened = rustix::fs::fstat(fd.as_fd()).map_err(classify)?;
    if kind_of(&opened) != EntryKind::File {
        return Err(FsError::NotRegular(kind_of(&opened)));
    }
    Ok((File::from(fd), stat))
}

/// The entry kind of a status.
pub fn kind_of(stat: &Stat) -> EntryKind {
    match FileType::from_raw_mode(stat.st_mode) {
        FileType::Directory => EntryKind::Dir,
        FileType::Symlink => EntryKind::Symlink,
        FileType::Fifo => EntryKind::Fifo,
        FileType::Socket => EntryKind::Socket,
        FileType::CharacterDevice => EntryKind::CharDevice,
        FileType::BlockDevice => EntryKind::BlockDevice,
        _ => EntryKind::File,
    }
}

/// The modification time of a status.
pub fn mtime_of(stat: &Stat) -> DateTime<Utc> {
    DateTime::from_timestamp(stat.st_mtime, stat.st_mtime_nsec as u32).unwrap_or_default()
}

/// Describes `name` in directory `dir` (whose path is `dir_rel`) for the API.
pub fn describe(dir: &OwnedFd, dir_rel: &RelPath, name: &[u8], stat: &Stat) -> Entry {
    let kind = kind_of(stat);
    let target = (kind == EntryKind::Symlink)
        .then(|| rustix::fs::readlinkat(dir.as_fd(), name, Vec::new()).ok())
        .flatten()
        .map(|t| String::from_utf8_lossy(t.as_bytes()).into_owned());
    Entry {
        name: String::from_utf8_lossy(name).into_owned(),
        path: encode(&dir_rel.join(name).to_bytes()),
        kind,
        size: if kind == EntryKind::Dir {
            0
        } else {
            stat.st_size
        },
        mtime: mtime_of(stat),
        mode: stat.st_mode & 0o7777,
        uid: stat.st_uid,
        gid: stat.st_gid,
        target,
    }
}
