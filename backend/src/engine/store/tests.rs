//! The store on a temporary directory: publishing, resuming, trash, store paths.
use super::*;

fn meta(run_id: i64) -> SnapshotMeta {
    let t = Utc::now();
    SnapshotMeta {
        format: 1,
        run_id,
        job_id: 2,
        started_at: t,
        finished_at: t,
        levels: vec!["daily".into()],
        rsync_version: "3.5.0".into(),
        exit_code: 0,
        warnings: false,
        files: 1,
        files_transferred: 1,
        total_bytes: 5,
        transferred_bytes: 5,
        literal_bytes: 5,
        rewritten_permissions: false,
        replicated_from: None,
        client: None,
        job: None,
    }
}

#[test]
fn publish_is_atomic_and_idempotent() {
    let loc = tempfile::tempdir().unwrap();
    let store = JobStore::new(loc.path(), 1, 2);
    let data = store.prepare(7).unwrap();
    // A source file named like our metadata stays data.
    std::fs::write(data.join("snapshot.json"), "user data").unwrap();
    assert!(
        store.published().is_empty(),
        "in progress is not a snapshot"
    );
    let name = store.publish(7, "2026-11-22T210000Z", &meta(7)).unwrap();
    assert_eq!(name, "2026-11-22T210000Z");
    assert_eq!(
        store.published().last().map(|(n, _)| n.as_str()),
        Some(name.as_str())
    );
    assert_eq!(
        std::fs::read_to_string(store.data_of(&name).join("snapshot.json")).unwrap(),
        "user data"
    );
    assert_eq!(
        read_meta(&store.snapshots_dir().join(&name))
            .unwrap()
            .run_id,
        7
    );
    // Publishing again (after a crash before the DB row) finds it.
    assert_eq!(
        store.publish(7, "2026-11-22T210500Z", &meta(7)).unwrap(),
        name
    );
    // Same second, another run: a distinct name.
    store.prepare(8).unwrap();
    assert_eq!(
        store.publish(8, "2026-11-22T210000Z", &meta(8)).unwrap(),
        "2026-11-22T210000Z-2"
    );
}

#[test]
fn store_paths_stay_inside_the_location() {
    assert_eq!(store_path(3, 17), "3/17");
    assert!(valid_store_path("3/17"));
    for bad in [
        "", "3", "3/", "/3/4", "3/4/5", "../4", "3/..", "3/4a", "a/4", "3//4",
    ] {
        assert!(!valid_store_path(bad), "{bad:?}");
        assert!(JobStore::at(Path::new("/l"), bad).is_none(), "{bad:?}");
    }
    assert_eq!(
        JobStore::at(Path::new("/l"), "3/17").unwrap().root,
        JobStore::new(Path::new("/l"), 3, 17).root
    );
}

#[test]
fn a_spent_store_is_removed_with_its_empty_client_directory() {
    let loc = tempfile::tempdir().unwrap();
    let old = JobStore::new(loc.path(), 1, 2);
    let other = JobStore::new(loc.path(), 1, 3);
    old.prepare(5).unwrap();
    old.publish(5, "a", &meta(5)).unwrap();
    other.prepare(6).unwrap();
    assert!(!old.remove_if_spent().unwrap(), "a snapshot is left");
    old.trash_snapshot("a").unwrap();
    assert!(old.remove_if_spent().unwrap());
    assert!(!old.root.exists());
    assert!(
        loc.path().join("1").exists(),
        "job 3's store is still there"
    );
    assert!(
        !other.remove_if_spent().unwrap(),
        "a run in progress is kept"
    );
    std::fs::remove_dir_all(other.inprogress_dir()).unwrap();
    assert!(other.remove_if_spent().unwrap());
    assert!(!loc.path().join("1").exists());
}

#[test]
fn leftovers_are_resumed_and_trash_emptied() {
    let loc = tempfile::tempdir().unwrap();
    let store = JobStore::new(loc.path(), 1, 2);
    let old = store.prepare(3).unwrap();
    std::fs::write(old.join("big"), "partial").unwrap();
    let data = store.prepare(4).unwrap();
    assert_eq!(
        std::fs::read_to_string(data.join("big")).unwrap(),
        "partial",
        "resumed"
    );
    assert!(!store.inprogress_dir().join("3").exists());
    let name = store.publish(4, "a", &meta(4)).unwrap();
    // Read-only directories are still removable from the trash.
    let ro = store.data_of(&name).join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::write(ro.join("f"), "x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    store.trash_snapshot(&name).unwrap();
    assert!(store.published().is_empty());
    store.empty_trash().unwrap();
    assert_eq!(std::fs::read_dir(store.trash_dir()).unwrap().count(), 0);
}
