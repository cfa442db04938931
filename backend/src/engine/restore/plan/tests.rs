//! The restore plan and its argv, without a database or a disk.

use super::*;
use crate::engine::fixtures::{at, client, location};

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
        confined: false,
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
        user: None,
    };
    assert_eq!(
        restore_argv(&plan(&d, true, false, false)),
        Err(PlanError::Unsupported)
    );
}

fn context(store_path: &str, path: &str, connection: Connection) -> RestoreContext {
    use crate::db::snapshots::SnapshotRow;
    RestoreContext {
        target: shared::runs::RestoreTarget {
            snapshot_id: 5,
            path: path.into(),
            client_id: 4,
            destination: "/home/u/restore".into(),
            delete: true,
        },
        snapshot: SnapshotRow {
            id: 5,
            job_id: 7,
            run_id: None,
            location_id: 2,
            name: "2026-11-22T210000Z".into(),
            levels: Vec::new(),
            taken_at: at(),
            files: 0,
            bytes: 0,
            new_bytes: 0,
            warnings: false,
            store_path: store_path.into(),
            rewritten_permissions: false,
            received_at: None,
        },
        location: location(),
        client: client(4, "other"),
        connection,
        limits: crate::engine::backup::Limits {
            data_dir: "/var/lib/eb".into(),
            min_free_percent: 5,
            timeout_secs: 30,
            fake_super: true,
        },
    }
}

#[test]
fn the_plan_reads_the_snapshot_in_its_own_place_and_pushes_to_the_target() {
    let p = super::plan(&context("3/7", "docs/a%20b.txt", ssh()), false).unwrap();
    assert_eq!(
        p.data,
        Path::new("/srv/b/3/7/snapshots/2026-11-22T210000Z/data")
    );
    assert_eq!(p.source, p.data.join("docs/a b.txt"));
    let s: Vec<String> = p
        .argv()
        .unwrap()
        .iter()
        .map(|x| x.to_string_lossy().into_owned())
        .collect();
    let n = s.len();
    assert_eq!(s[n - 2], p.source.to_string_lossy());
    assert_eq!(s[n - 1], "root@client.example:/home/u/restore/");
    assert!(s.contains(&"--delete".to_owned()) && s.contains(&"--fake-super".to_owned()));
    let e = &s[s.iter().position(|x| x == "-e").unwrap() + 1];
    assert!(e.contains("-i /var/lib/eb/keys/client-4 -p 2222"), "{e}");
    assert!(e.contains("UserKnownHostsFile=/var/lib/eb/known_hosts/client-4"));
    assert!(e.contains("ConnectionAttempts=3"));
    let whole = super::plan(&context("3/7", "", Connection::Local), true).unwrap();
    let s = whole.argv().unwrap();
    // The whole snapshot: its contents (a trailing slash; rsync reads `data//` alike).
    let src = s[s.len() - 2].to_string_lossy();
    assert!(src.ends_with('/'), "{src}");
    assert_eq!(
        src.trim_end_matches('/'),
        "/srv/b/3/7/snapshots/2026-11-22T210000Z/data"
    );
    assert!(s.contains(&OsString::from("--dry-run")));
}

#[test]
fn the_plan_refuses_bad_store_paths_bad_entries_and_daemons() {
    let code = |c: RestoreContext| super::plan(&c, false).err().map(|s| s.0);
    assert_eq!(
        code(context("../x", "", ssh())),
        Some(RunError::SnapshotMissing)
    );
    assert_eq!(
        code(context("3/7", "a/../../etc", ssh())),
        Some(RunError::InvalidPath)
    );
    let daemon = Connection::RsyncDaemon {
        host: "h".into(),
        port: 873,
        user: None,
    };
    let p = super::plan(&context("3/7", "", daemon), false).unwrap();
    assert_eq!(
        p.argv().err().map(|s| s.0),
        Some(RunError::RestoreUnsupported)
    );
}
