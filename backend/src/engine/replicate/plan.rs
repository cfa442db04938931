//! The pure decisions of a replication run: which primary snapshots are missing here
//! (oldest first), what each copy hard-links to, whether the transfer window is open, how
//! far behind the job is, and rsync's argv for one copy. No I/O, no database, no clock.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveTime, Utc};
use shared::replication::CatalogSnapshot;

use crate::engine::argv::{ssh_command, ArgvError};
use crate::engine::store::valid_store_path;

/// A local snapshot as the plan sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Here {
    pub name: String,
    pub taken_at: DateTime<Utc>,
    /// Its `data/` directory, absolute, when it can be linked to (same filesystem).
    pub data: Option<PathBuf>,
}

/// Whether a name from the primary is one this server could have written as a snapshot
/// directory (it becomes a path here and on the primary: nothing else is accepted).
pub fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && !name.starts_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The primary's snapshots missing here (by name), oldest first; names that are not
/// safe are left out (and reported by the caller).
pub fn missing<'a>(primary: &'a [CatalogSnapshot], here: &[Here]) -> Vec<&'a CatalogSnapshot> {
    let mut out: Vec<&CatalogSnapshot> = primary
        .iter()
        .filter(|s| safe_name(&s.name) && valid_store_path(&s.store_path))
        .filter(|s| !here.iter().any(|h| h.name == s.name))
        .collect();
    out.sort_by(|a, b| a.taken_at.cmp(&b.taken_at).then(a.name.cmp(&b.name)));
    out
}

/// The `--link-dest` directories of a copy taken at `at`: the nearest older local
/// snapshot, then the nearest newer one (a gap being filled shares with both).
pub fn link_dests(here: &[Here], at: DateTime<Utc>) -> Vec<PathBuf> {
    let linkable = || here.iter().filter(|h| h.data.is_some());
    let older = linkable()
        .filter(|h| h.taken_at < at)
        .max_by_key(|h| h.taken_at);
    let newer = linkable()
        .filter(|h| h.taken_at > at)
        .min_by_key(|h| h.taken_at);
    older
        .into_iter()
        .chain(newer)
        .filter_map(|h| h.data.clone())
        .collect()
}

/// Whether local time `now` is inside the window `start..end` (which may cross
/// midnight); no window, or an empty one, is always open.
pub fn in_window(now: NaiveTime, window: Option<(NaiveTime, NaiveTime)>) -> bool {
    match window {
        None => true,
        Some((s, e)) if s == e => true,
        Some((s, e)) if s < e => now >= s && now < e,
        Some((s, e)) => now >= s || now < e,
    }
}

/// Since when the job lags: the `taken_at` of the newest primary snapshot still not
/// here (`None`: caught up).
pub fn behind_since(primary: &[CatalogSnapshot], here_names: &[String]) -> Option<DateTime<Utc>> {
    primary
        .iter()
        .filter(|s| !here_names.contains(&s.name))
        .map(|s| s.taken_at)
        .max()
}

/// The snapshots the last run saw listed but did not copy that the primary no longer
/// lists and that are not here: pruned there before they could be copied.
pub fn lost_since_last(
    pending: &[String],
    primary: &[CatalogSnapshot],
    here_names: &[String],
) -> Vec<String> {
    pending
        .iter()
        .filter(|n| !primary.iter().any(|s| &s.name == *n) && !here_names.contains(n))
        .cloned()
        .collect()
}

/// The primary snapshots still not here, for the next run to check.
pub fn still_pending(primary: &[CatalogSnapshot], here_names: &[String]) -> Vec<String> {
    primary
        .iter()
        .filter(|s| !here_names.contains(&s.name))
        .map(|s| s.name.clone())
        .collect()
}

/// How one copy reaches the primary.
#[derive(Debug, Clone)]
pub struct Pull<'a> {
    pub ssh_user: &'a str,
    pub ssh_host: &'a str,
    pub ssh_port: u16,
    pub key_path: &'a Path,
    pub known_hosts: &'a Path,
    pub timeout_secs: u32,
    pub bwlimit_kib: Option<i32>,
    /// The copy's `data/` and rsync's temp directory for this run.
    pub dest: &'a Path,
    pub temp: &'a Path,
    pub link_dests: &'a [PathBuf],
}

/// rsync's argv (without the program) pulling `snap` through the primary's
/// `rrsync -ro`: archive with hard links, ACLs and every xattr (`-XX`: rsync's own
/// fake-super ones too, so a store kept with `--fake-super` is copied as it is), numeric
/// ids, the statistics and progress backups print; no `--delete` (rrsync -ro refuses it,
/// and the staging only ever holds files of this very snapshot), no `--fake-super`.
pub fn pull_argv(p: &Pull<'_>, snap: &CatalogSnapshot) -> Result<Vec<OsString>, ArgvError> {
    let mut a: Vec<OsString> = [
        "-aHAXX",
        "--numeric-ids",
        "--no-inc-recursive",
        "--sparse",
        "--stats",
        "--no-human-readable",
        "--itemize-changes",
        "--out-format=%i|%l|%n%L",
        "--info=flist2,progress2",
    ]
    .into_iter()
    .map(OsString::from)
    .collect();
    a.push(format!("--timeout={}", p.timeout_secs).into());
    let mut temp = OsString::from("--temp-dir=");
    temp.push(p.temp.as_os_str());
    temp.push("/");
    a.push(temp);
    if let Some(k) = p.bwlimit_kib {
        a.push(format!("--bwlimit={k}").into());
    }
    for l in p.link_dests {
        let mut o = OsString::from("--link-dest=");
        o.push(l.as_os_str());
        a.push(o);
    }
    let bad = |w: &str| {
        w.is_empty()
            || w.starts_with('-')
            || w.chars()
                .any(|c| c.is_whitespace() || c.is_control() || "@'\"\\/".contains(c))
    };
    // The user and host become ssh's arguments: nothing that ssh could read as an option.
    if bad(p.ssh_user) || bad(p.ssh_host) {
        return Err(ArgvError::UnsafePath(format!(
            "{}@{}",
            p.ssh_user, p.ssh_host
        )));
    }
    let shell = ssh_command(p.ssh_port, p.key_path, p.known_hosts, &[], p.timeout_secs)?;
    a.push("-e".into());
    a.push(shell.into());
    a.push("--".into());
    a.push(
        format!(
            "{}@{}:{}/{}/snapshots/{}/data/",
            p.ssh_user, p.ssh_host, snap.location_id, snap.store_path, snap.name
        )
        .into(),
    );
    let mut dest = p.dest.as_os_str().to_owned();
    dest.push("/");
    a.push(dest);
    Ok(a)
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
