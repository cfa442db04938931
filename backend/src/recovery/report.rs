//! What `recover` did, and its summary in the language of the environment.

use std::path::PathBuf;

use shared::Language;

/// What became of a location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocationLine {
    /// The catalog's location (its name) is now at this directory.
    Mapped(String, PathBuf),
    /// A location was made for this directory.
    Created(String, PathBuf),
    /// A location of the catalog whose directory was not given and is not there.
    Missing(String, PathBuf),
}

/// A key that had to be made again: whose (a client's or a replication source's name)
/// and the public key line to install.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKey {
    pub owner: String,
    pub line: String,
}

/// Everything `recover` tells the administrator.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The dump restored, if one was found.
    pub dump: Option<PathBuf>,
    pub locations: Vec<LocationLine>,
    /// Made from snapshots' metadata.
    pub clients_made: usize,
    pub jobs_made: usize,
    pub policies_made: usize,
    /// Snapshots found on disk and added to the catalog.
    pub snapshots_adopted: usize,
    /// Snapshots of unknown jobs whose metadata cannot make the job (older files).
    pub snapshots_skipped: usize,
    /// Snapshot directories without valid metadata.
    pub unreadable: usize,
    /// Rows of the dump whose snapshot is no longer on disk, removed.
    pub stale_rows: usize,
    /// Key pairs copied back from the locations.
    pub keys_restored: usize,
    /// Key pairs made again, to be installed by hand.
    pub keys_made: Vec<NewKey>,
    /// The catalog at the end: users, clients, jobs, snapshots.
    pub totals: (i64, i64, i64, i64),
}

/// The summary, one line per fact, in `lang`.
pub fn text(r: &Report, lang: Language) -> String {
    let t = crate::i18n::translations();
    let s = |id: &str, args: &[(&str, String)]| t.text(lang, id, args);
    let n = |v: usize| v.to_string();
    let mut lines = vec![match &r.dump {
        Some(p) => s("recover-dump-used", &[("path", p.display().to_string())]),
        None => s("recover-no-dump", &[]),
    }];
    for l in &r.locations {
        let (id, name, dir) = match l {
            LocationLine::Mapped(n, d) => ("recover-location-mapped", n, d),
            LocationLine::Created(n, d) => ("recover-location-created", n, d),
            LocationLine::Missing(n, d) => ("recover-location-missing", n, d),
        };
        lines.push(s(
            id,
            &[("name", name.clone()), ("dir", dir.display().to_string())],
        ));
    }
    let (users, clients, jobs, snapshots) = r.totals;
    lines.push(s(
        "recover-totals",
        &[
            ("users", users.to_string()),
            ("clients", clients.to_string()),
            ("jobs", jobs.to_string()),
            ("snapshots", snapshots.to_string()),
        ],
    ));
    if users == 0 {
        lines.push(s("recover-no-users", &[]));
    }
    let made = [
        r.clients_made,
        r.jobs_made,
        r.policies_made,
        r.snapshots_adopted,
    ];
    if made.iter().any(|v| *v > 0) {
        lines.push(s(
            "recover-from-metadata",
            &[
                ("clients", n(r.clients_made)),
                ("jobs", n(r.jobs_made)),
                ("policies", n(r.policies_made)),
                ("snapshots", n(r.snapshots_adopted)),
            ],
        ));
    }
    let counts = [
        ("recover-stale-rows", r.stale_rows),
        ("recover-skipped", r.snapshots_skipped),
        ("recover-unreadable", r.unreadable),
        ("recover-keys-restored", r.keys_restored),
    ];
    for (id, v) in counts.into_iter().filter(|(_, v)| *v > 0) {
        lines.push(s(id, &[("n", n(v))]));
    }
    if r.keys_made.is_empty() {
        lines.push(s("recover-no-new-keys", &[]));
    } else {
        lines.push(s("recover-new-keys", &[]));
        for k in &r.keys_made {
            lines.push(format!("  {}: {}", k.owner, k.line));
        }
    }
    lines.push(s("recover-next", &[]));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_in_every_language() {
        let r = Report {
            dump: Some("/srv/b/.elkarbackup/catalog/catalog-2026-12-10T030000Z.dump".into()),
            locations: vec![
                LocationLine::Mapped("Default".into(), "/srv/b".into()),
                LocationLine::Created("Disk 2".into(), "/mnt/c".into()),
                LocationLine::Missing("Tape".into(), "/mnt/tape".into()),
            ],
            stale_rows: 2,
            snapshots_skipped: 1,
            unreadable: 1,
            keys_restored: 3,
            keys_made: vec![NewKey {
                owner: "fileserver".into(),
                line: "ssh-ed25519 AAAA elkarbackup-client-4".into(),
            }],
            totals: (0, 3, 4, 5),
            clients_made: 1,
            ..Report::default()
        };
        for lang in Language::ALL {
            let text = text(&r, lang);
            assert!(
                !text.contains("recover-"),
                "{lang:?}: a key without text: {text}"
            );
            for needle in [
                "catalog-2026-12-10T030000Z.dump",
                "/srv/b",
                "/mnt/c",
                "/mnt/tape",
                "Disk 2",
                "fileserver: ssh-ed25519 AAAA elkarbackup-client-4",
            ] {
                assert!(text.contains(needle), "{lang:?}: {needle} in {text}");
            }
        }
        let none = text(&Report::default(), Language::Es);
        assert!(!none.contains("recover-"), "{none}");
        assert_ne!(none, text(&Report::default(), Language::En));
    }
}
