//! Whether the `postgres` system user can reach the managed cluster's directory, checked
//! before `initdb` runs (which would otherwise stop with a bare "could not access directory
//! …: Permission denied").
//!
//! The real check enters each directory with exactly the credentials PostgreSQL will run
//! with: a child process started as that user (the same `uid`/`gid` and no supplementary
//! groups, as for `initdb` and `postgres`) with the directory as its working directory, so
//! mode bits, ACLs and security modules all have their say. The walk from `/` down that
//! names the first directory refusing entry is pure and tested over a temporary tree.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use nix::unistd::{Gid, Uid};

/// The first directory on the way from `/` to `dir` (inclusive) that `can_enter` refuses.
pub fn first_blocked(dir: &Path, mut can_enter: impl FnMut(&Path) -> bool) -> Option<PathBuf> {
    let mut ancestors: Vec<&Path> = dir.ancestors().collect();
    ancestors.reverse();
    ancestors
        .into_iter()
        .find(|d| !can_enter(d))
        .map(Path::to_owned)
}

/// Whether the mode bits of `meta` let `uid`/`gid` (no other group) search the directory.
/// ACLs are not consulted: this is the simple model, for tests and diagnostics.
pub fn mode_allows_search(meta: &std::fs::Metadata, uid: Uid, gid: Gid) -> bool {
    let mode = meta.mode();
    if uid.is_root() {
        return true;
    }
    if meta.uid() == uid.as_raw() {
        mode & 0o100 != 0
    } else if meta.gid() == gid.as_raw() {
        mode & 0o010 != 0
    } else {
        mode & 0o001 != 0
    }
}

/// Whether `uid`/`gid` can enter `dir`: a child (`program --version`) started as that user
/// with `dir` as its working directory. Only a refused entry counts as "no"; any other
/// failure to start the probe counts as "yes" (the following steps then report it).
pub async fn can_enter_as(program: &Path, dir: &Path, uid: Uid, gid: Gid) -> bool {
    let started = tokio::process::Command::new(program)
        .arg("--version")
        .uid(uid.as_raw())
        .gid(gid.as_raw())
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .await;
    !matches!(started, Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied)
}

/// The directory that keeps `uid`/`gid` from reaching `dir`, if any: `dir` is tried
/// first, and only when it is refused are its ancestors walked from `/` down.
pub async fn blocking_directory(program: &Path, dir: &Path, uid: Uid, gid: Gid) -> Option<PathBuf> {
    if can_enter_as(program, dir, uid, gid).await {
        return None;
    }
    let mut ancestors: Vec<PathBuf> = dir.ancestors().map(Path::to_owned).collect();
    ancestors.reverse();
    for d in ancestors {
        if !can_enter_as(program, &d, uid, gid).await {
            return Some(d);
        }
    }
    Some(dir.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn chmod(p: &Path, mode: u32) {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn the_first_directory_refusing_a_user_is_named() {
        let top = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            top.path().join("a"),
            top.path().join("a/b"),
            top.path().join("a/b/c"),
        );
        std::fs::create_dir_all(&c).unwrap();
        chmod(top.path(), 0o755);
        let someone = (Uid::from_raw(54321), Gid::from_raw(54321));
        let check = |d: &Path| {
            let meta = std::fs::metadata(d).unwrap();
            mode_allows_search(&meta, someone.0, someone.1)
        };
        chmod(&a, 0o755);
        chmod(&b, 0o700);
        chmod(&c, 0o755);
        assert_eq!(first_blocked(&c, check), Some(b.clone()));
        // The first of several, from the top.
        chmod(&a, 0o750);
        assert_eq!(first_blocked(&c, check), Some(a.clone()));
        // Search without read is enough.
        chmod(&a, 0o711);
        chmod(&b, 0o711);
        assert_eq!(first_blocked(&c, check), None);
        // Group and owner bits count for the group and the owner.
        nix::unistd::chown(&b, None, Some(someone.1)).ok();
        if std::fs::metadata(&b).unwrap().gid() == someone.1.as_raw() {
            chmod(&b, 0o710);
            assert_eq!(first_blocked(&c, check), None);
            chmod(&b, 0o701);
            assert_eq!(first_blocked(&c, check), Some(b.clone()));
        }
        chmod(&b, 0o755);
        chmod(&c, 0o700);
        assert_eq!(first_blocked(&c, check), Some(c.clone()));
        assert!(mode_allows_search(
            &std::fs::metadata(&c).unwrap(),
            Uid::from_raw(0),
            Gid::from_raw(0)
        ));
    }
}
