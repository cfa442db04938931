//! Listing one snapshot directory a page at a time, and searching a subtree by name.
//! Names come from `getdents` (with their types), so the name order of a directory of
//! 100,000 entries is found without 100,000 `lstat` calls: only the page is described.

use std::os::fd::{AsFd, OwnedFd};

use rustix::fs::{AtFlags, Dir, FileType};
use shared::snapshots::{Entry, EntrySort};

use super::open::{describe, kind_of, open_dir, stat_at, FsError};
use super::path::RelPath;

/// Most entries a search walks before it stops (and says it was truncated).
pub const SEARCH_WALK_LIMIT: usize = 500_000;
/// Most hits a search collects.
pub const SEARCH_HIT_LIMIT: usize = 10_000;

struct Name {
    bytes: Vec<u8>,
    /// Case-folded for ordering as people expect.
    folded: String,
    is_dir: bool,
}

fn io(e: rustix::io::Errno) -> FsError {
    FsError::Io(e.into())
}

/// The names of a directory (without `.` and `..`) and whether each is a directory.
fn names(dir: &OwnedFd) -> Result<Vec<Name>, FsError> {
    let mut out = Vec::new();
    for e in Dir::read_from(dir.as_fd()).map_err(io)? {
        let e = e.map_err(io)?;
        let bytes = e.file_name().to_bytes();
        if bytes == b"." || bytes == b".." {
            continue;
        }
        let is_dir = match e.file_type() {
            FileType::Directory => true,
            FileType::Unknown => rustix::fs::statat(dir.as_fd(), bytes, AtFlags::SYMLINK_NOFOLLOW)
                .map(|s| kind_of(&s).eq(&shared::snapshots::EntryKind::Dir))
                .unwrap_or(false),
            _ => false,
        };
        out.push(Name {
            folded: String::from_utf8_lossy(bytes).to_lowercase(),
            bytes: bytes.to_vec(),
            is_dir,
        });
    }
    Ok(out)
}

fn by_name(a: &Name, b: &Name) -> std::cmp::Ordering {
    b.is_dir
        .cmp(&a.is_dir)
        .then_with(|| a.folded.cmp(&b.folded))
        .then_with(|| a.bytes.cmp(&b.bytes))
}

/// One page of a directory: directories first, then in the chosen order. Returns the page
/// and the number of entries in the directory.
pub fn list(
    root: &OwnedFd,
    rel: &RelPath,
    sort: EntrySort,
    page: i64,
    per_page: i64,
) -> Result<(Vec<Entry>, i64), FsError> {
    let dir = open_dir(root, rel)?;
    let mut all = names(&dir)?;
    let total = all.len() as i64;
    let skip = usize::try_from((page.max(1) - 1) * per_page).unwrap_or(usize::MAX);
    let take = usize::try_from(per_page).unwrap_or(0);
    let describe_one = |n: &Name| {
        stat_at(&dir, &n.bytes)
            .ok()
            .map(|s| describe(&dir, rel, &n.bytes, &s))
    };
    let entries = match sort {
        EntrySort::Name | EntrySort::NameDesc => {
            if sort == EntrySort::NameDesc {
                // Directories still first, names reversed within each group.
                all.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| by_name(b, a)));
            } else {
                all.sort_by(by_name);
            }
            all.iter()
                .skip(skip)
                .take(take)
                .filter_map(describe_one)
                .collect()
        }
        EntrySort::Size | EntrySort::SizeDesc | EntrySort::Mtime | EntrySort::MtimeDesc => {
            let mut described: Vec<(Name, Entry)> = all
                .into_iter()
                .filter_map(|n| describe_one(&n).map(|e| (n, e)))
                .collect();
            described.sort_by(|(na, a), (nb, b)| {
                let key = match sort {
                    EntrySort::Size => a.size.cmp(&b.size),
                    EntrySort::SizeDesc => b.size.cmp(&a.size),
                    EntrySort::Mtime => a.mtime.cmp(&b.mtime),
                    _ => b.mtime.cmp(&a.mtime),
                };
                nb.is_dir
                    .cmp(&na.is_dir)
                    .then(key)
                    .then_with(|| by_name(na, nb))
            });
            described
                .into_iter()
                .skip(skip)
                .take(take)
                .map(|(_, e)| e)
                .collect()
        }
    };
    Ok((entries, total))
}

/// Entries under `rel` (at any depth) whose name contains `needle`, case-insensitively,
/// ordered by path. Never follows symlinks; stops after `SEARCH_WALK_LIMIT` entries.
/// Returns the hits and whether the walk or the hit list was cut short.
pub fn search(root: &OwnedFd, rel: &RelPath, needle: &str) -> Result<(Vec<Entry>, bool), FsError> {
    let needle = needle.to_lowercase();
    let mut hits: Vec<(Vec<u8>, Entry)> = Vec::new();
    // Directories still to visit, by path: holding their descriptors instead could
    // exhaust the descriptor limit in a directory of many subdirectories.
    open_dir(root, rel)?;
    let mut stack = vec![rel.clone()];
    let mut walked = 0usize;
    let mut truncated = false;
    'walk: while let Some(dir_rel) = stack.pop() {
        let Ok(dir) = open_dir(root, &dir_rel) else {
            continue;
        };
        let Ok(found) = names(&dir) else { continue };
        for n in found {
            walked += 1;
            if walked > SEARCH_WALK_LIMIT || hits.len() >= SEARCH_HIT_LIMIT {
                truncated = true;
                break 'walk;
            }
            if n.folded.contains(&needle) {
                if let Ok(s) = stat_at(&dir, &n.bytes) {
                    let path = dir_rel.join(&n.bytes).to_bytes();
                    hits.push((path, describe(&dir, &dir_rel, &n.bytes, &s)));
                }
            }
            if n.is_dir {
                stack.push(dir_rel.join(&n.bytes));
            }
        }
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((hits.into_iter().map(|(_, e)| e).collect(), truncated))
}
