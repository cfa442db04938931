//! The pure parts of a restore: where on the client it writes, rsync's argv (a push over
//! the target client's own key and pinned host key, no shell), and the dry run's itemized
//! output turned into a preview.

use std::ffi::OsString;
use std::path::Path;

use chrono::{DateTime, Utc};
use shared::clients::Connection;
use shared::snapshots::{Change, ChangeAction, EntryKind, RestorePreview};

use super::argv::{ssh_command, ArgvError};

/// Most changes a preview lists (the counts cover all).
pub const PREVIEW_LIMIT: usize = 1000;

/// Everything a restore's rsync command depends on.
#[derive(Debug, Clone)]
pub struct RestorePlan<'a> {
    /// The target client's connection.
    pub connection: &'a Connection,
    /// The restored entry on the server, inside the snapshot's data directory.
    pub source: &'a Path,
    /// The source is the snapshot root: its contents go into the destination.
    pub whole_snapshot: bool,
    /// Directory on the client receiving the entry.
    pub destination: &'a str,
    pub delete: bool,
    pub dry_run: bool,
    pub ssh_options: &'a [String],
    pub key_path: &'a Path,
    pub known_hosts: &'a Path,
    /// Ownership and specials are stored as xattrs in the snapshot (server not root).
    pub fake_super: bool,
    pub timeout_secs: u32,
}

/// Why a restore cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    Argv(#[from] ArgvError),
    #[error("restores go to ssh or local clients, not rsync daemons")]
    Unsupported,
}

/// The directory on the client that receives the entry: `target` (or the place it was
/// backed up from: the job's source path plus the entry's parent), and unless
/// `overwrite`, a new `restore-<UTC time>` directory inside it. `None` when no usable
/// default exists (a parent whose name is not UTF-8) and no target was given.
pub fn destination(
    job_source: &str,
    parent: &[u8],
    target: Option<&str>,
    overwrite: bool,
    now: DateTime<Utc>,
) -> Option<String> {
    let base = match target {
        Some(t) => t.trim_end_matches('/').to_owned(),
        None => {
            let parent = std::str::from_utf8(parent).ok()?;
            let source = job_source.trim_end_matches('/');
            if parent.is_empty() {
                source.to_owned()
            } else {
                format!("{source}/{parent}")
            }
        }
    };
    let base = if base.is_empty() {
        "/".to_owned()
    } else {
        base
    };
    Some(if overwrite {
        base
    } else {
        format!(
            "{}/restore-{}",
            base.trim_end_matches('/'),
            now.format("%Y%m%dT%H%M%SZ")
        )
    })
}

/// Whether a target path given by a user is acceptable: absolute, no control characters,
/// no `..` (the destination must be what it says).
pub fn target_ok(t: &str) -> bool {
    t.starts_with('/')
        && t.len() <= 4096
        && !t.chars().any(char::is_control)
        && !t.split('/').any(|c| c == "..")
}

/// The argv of a restore (without the program name).
pub fn restore_argv(plan: &RestorePlan<'_>) -> Result<Vec<OsString>, PlanError> {
    let mut a: Vec<OsString> = [
        "--archive",
        "--hard-links",
        "--acls",
        "--xattrs",
        "--numeric-ids",
        "--sparse",
        "--no-inc-recursive",
        // The destination directory and its parents are created (`restore-<time>/`).
        "--mkpath",
        "--stats",
        "--no-human-readable",
        "--itemize-changes",
        "--out-format=%i|%l|%n%L",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    a.push(format!("--timeout={}", plan.timeout_secs).into());
    if plan.dry_run {
        a.push("--dry-run".into());
    } else {
        a.push("--info=flist2,progress2".into());
    }
    if plan.delete {
        a.push("--delete".into());
    }
    if plan.fake_super {
        a.push("--fake-super".into());
    }
    let dest = format!("{}/", plan.destination.trim_end_matches('/'));
    let dest = match plan.connection {
        Connection::Local => dest,
        Connection::Ssh {
            user, host, port, ..
        } => {
            a.push("--secluded-args".into());
            a.push("-e".into());
            a.push(
                ssh_command(
                    *port,
                    plan.key_path,
                    plan.known_hosts,
                    plan.ssh_options,
                    plan.timeout_secs,
                )?
                .into(),
            );
            format!("{user}@{host}:{dest}")
        }
        Connection::RsyncDaemon { .. } => return Err(PlanError::Unsupported),
    };
    a.push("--".into());
    let mut src = plan.source.as_os_str().to_owned();
    if plan.whole_snapshot {
        src.push("/");
    }
    a.push(src);
    a.push(dest.into());
    Ok(a)
}

fn kind_of(c: char) -> Option<EntryKind> {
    Some(match c {
        'f' => EntryKind::File,
        'd' => EntryKind::Dir,
        'L' => EntryKind::Symlink,
        'D' => EntryKind::CharDevice,
        'S' => EntryKind::Fifo,
        _ => return None,
    })
}

/// One line of `--out-format=%i|%l|%n%L` output as a change; `None` for unchanged
/// entries and lines that are not itemized (statistics, messages).
pub fn parse_change(line: &str) -> Option<Change> {
    let (item, rest) = line.split_once('|')?;
    let (_, name) = rest.split_once('|')?;
    let path = name
        .split_once(" -> ")
        .or_else(|| name.split_once(" => "))
        .map_or(name, |(n, _)| n)
        .to_owned();
    if item.starts_with("*deleting") {
        return Some(Change {
            action: ChangeAction::Delete,
            kind: None,
            path,
        });
    }
    let mut chars = item.chars();
    let update = chars.next()?;
    let kind = kind_of(chars.next()?);
    let attrs: String = chars.collect();
    if attrs.len() != 9 || !"<>ch.".contains(update) {
        return None;
    }
    let action = if attrs.chars().all(|c| c == '+') {
        ChangeAction::Create
    } else if update != '.' {
        ChangeAction::Overwrite
    } else if attrs.chars().any(|c| c != '.' && c != ' ') {
        ChangeAction::Attributes
    } else {
        return None;
    };
    Some(Change { action, kind, path })
}

/// The preview of a dry run's output.
pub fn preview(destination: &str, output: &str) -> RestorePreview {
    let mut p = RestorePreview {
        destination: destination.to_owned(),
        changes: Vec::new(),
        creates: 0,
        overwrites: 0,
        attributes: 0,
        deletes: 0,
        truncated: false,
        rewritten_permissions: false,
    };
    for c in output.lines().filter_map(parse_change) {
        match c.action {
            ChangeAction::Create => p.creates += 1,
            ChangeAction::Overwrite => p.overwrites += 1,
            ChangeAction::Attributes => p.attributes += 1,
            ChangeAction::Delete => p.deletes += 1,
        }
        if p.changes.len() < PREVIEW_LIMIT {
            p.changes.push(c);
        } else {
            p.truncated = true;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_000_000, 0).unwrap()
    }

    #[test]
    fn default_destination_is_the_original_parent_in_a_new_directory() {
        assert_eq!(
            destination("/home/u/data/", b"docs/sub", None, false, at()).unwrap(),
            "/home/u/data/docs/sub/restore-20251124T160000Z"
        );
        assert_eq!(
            destination("/home/u/data", b"", None, true, at()).unwrap(),
            "/home/u/data"
        );
        assert_eq!(
            destination("/x", b"", Some("/tmp/r/"), true, at()).unwrap(),
            "/tmp/r"
        );
        assert_eq!(destination("/", b"", None, true, at()).unwrap(), "/");
        assert_eq!(destination("/x", b"\xff", None, true, at()), None);
        assert!(destination("/x", b"\xff", Some("/t"), false, at()).is_some());
    }

    #[test]
    fn targets_must_be_plain_absolute_paths() {
        assert!(target_ok("/home/u/restore here"));
        for bad in ["relative", "/a/../etc", "/a\nb", "", "/a/..", "../x"] {
            assert!(!target_ok(bad), "{bad:?}");
        }
    }

    fn ssh() -> Connection {
        Connection::Ssh {
            user: "root".into(),
            host: "client.example".into(),
            port: 2222,
        }
    }

    fn plan<'a>(c: &'a Connection, dry: bool, delete: bool, whole: bool) -> RestorePlan<'a> {
        RestorePlan {
            connection: c,
            source: Path::new("/srv/1/2/snapshots/S/data/docs $(x)"),
            whole_snapshot: whole,
            destination: "/home/u/it's here",
            delete,
            dry_run: dry,
            ssh_options: &[],
            key_path: Path::new("/k"),
            known_hosts: Path::new("/kh"),
            fake_super: false,
            timeout_secs: 30,
        }
    }

    #[test]
    fn argv_pushes_over_the_pinned_ssh_with_literal_paths() {
        let c = ssh();
        let a = restore_argv(&plan(&c, false, false, false)).unwrap();
        let s: Vec<String> = a.iter().map(|x| x.to_string_lossy().into_owned()).collect();
        let n = s.len();
        assert_eq!(s[n - 3], "--");
        assert_eq!(s[n - 2], "/srv/1/2/snapshots/S/data/docs $(x)");
        assert_eq!(s[n - 1], "root@client.example:/home/u/it's here/");
        assert!(s.contains(&"--secluded-args".to_owned()));
        let e = &s[s.iter().position(|x| x == "-e").unwrap() + 1];
        assert!(e.contains("StrictHostKeyChecking=yes") && e.contains("UserKnownHostsFile=/kh"));
        assert!(e.contains("-p 2222"));
        assert!(!s.contains(&"--delete".to_owned()));
        assert!(!s.contains(&"--dry-run".to_owned()));
        assert!(s.contains(&"--info=flist2,progress2".to_owned()));
    }

    #[test]
    fn dry_run_delete_and_whole_snapshot() {
        let c = Connection::Local;
        let a = restore_argv(&plan(&c, true, true, true)).unwrap();
        let s: Vec<String> = a.iter().map(|x| x.to_string_lossy().into_owned()).collect();
        assert!(s.contains(&"--dry-run".to_owned()) && s.contains(&"--delete".to_owned()));
        assert!(!s.iter().any(|x| x.starts_with("--info")));
        assert!(!s.contains(&"-e".to_owned()));
        let n = s.len();
        assert_eq!(s[n - 2], "/srv/1/2/snapshots/S/data/docs $(x)/");
        assert_eq!(s[n - 1], "/home/u/it's here/");
        let d = Connection::RsyncDaemon {
            host: "h".into(),
            port: 873,
        };
        assert_eq!(
            restore_argv(&plan(&d, true, false, false)),
            Err(PlanError::Unsupported)
        );
    }

    #[test]
    fn itemized_lines_become_changes() {
        let out = "\
cd+++++++++|4096|docs/
<f+++++++++|5|docs/a.txt
<f.st......|9|docs/b.txt
.f...p.....|3|docs/c.txt
.f.........|3|docs/same.txt
cL+++++++++|4|docs/evil -> /etc
hf+++++++++|5|docs/h => docs/a.txt
*deleting  |0|docs/old.txt
.d..t......|4096|docs/sub/
Number of files: 7
";
        let p = preview("/d", out);
        let got: Vec<(ChangeAction, Option<EntryKind>, &str)> = p
            .changes
            .iter()
            .map(|c| (c.action, c.kind, c.path.as_str()))
            .collect();
        use ChangeAction::*;
        use EntryKind::*;
        assert_eq!(
            got,
            vec![
                (Create, Some(Dir), "docs/"),
                (Create, Some(File), "docs/a.txt"),
                (Overwrite, Some(File), "docs/b.txt"),
                (Attributes, Some(File), "docs/c.txt"),
                (Create, Some(Symlink), "docs/evil"),
                (Create, Some(File), "docs/h"),
                (Delete, None, "docs/old.txt"),
                (Attributes, Some(Dir), "docs/sub/"),
            ]
        );
        assert_eq!(
            (p.creates, p.overwrites, p.attributes, p.deletes),
            (4, 1, 2, 1)
        );
        assert!(!p.truncated);
    }

    #[test]
    fn previews_are_capped_but_counted() {
        let out: String = (0..PREVIEW_LIMIT + 5)
            .map(|i| format!("<f+++++++++|1|f{i}\n"))
            .collect();
        let p = preview("/d", &out);
        assert_eq!(p.changes.len(), PREVIEW_LIMIT);
        assert_eq!(p.creates, (PREVIEW_LIMIT + 5) as i64);
        assert!(p.truncated);
    }
}
