use super::*;
use chrono::TimeZone;
use shared::replication::ReplicaMeta;

fn at(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, d, 21, 0, 0).unwrap()
}

fn snap(name: &str, d: u32) -> CatalogSnapshot {
    CatalogSnapshot {
        id: i64::from(d),
        name: name.into(),
        taken_at: at(d),
        levels: vec!["daily".into()],
        location_id: 1,
        store_path: "3/4".into(),
        meta: ReplicaMeta {
            started_at: at(d),
            finished_at: at(d),
            rsync_version: String::new(),
            exit_code: 0,
            warnings: false,
            files: 1,
            total_bytes: 0,
            transferred_bytes: 0,
            rewritten_permissions: false,
        },
    }
}

fn here(name: &str, d: u32) -> Here {
    Here {
        name: name.into(),
        taken_at: at(d),
        data: Some(PathBuf::from(format!("/s/{name}/data"))),
    }
}

#[test]
fn missing_snapshots_oldest_first_and_unsafe_names_left_out() {
    let primary = vec![snap("d5", 5), snap("d1", 1), snap("d3", 3), snap("../x", 4)];
    let local = vec![here("d3", 3)];
    let names: Vec<&str> = missing(&primary, &local)
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["d1", "d5"]);
    let mut bad = snap("d6", 6);
    bad.store_path = "../../etc".into();
    assert!(missing(&[bad], &[]).is_empty());
}

#[test]
fn a_gap_links_to_both_neighbours_and_the_newest_to_its_elder() {
    let local = vec![here("d1", 1), here("d5", 5), here("d9", 9)];
    assert_eq!(
        link_dests(&local, at(3)),
        [PathBuf::from("/s/d1/data"), PathBuf::from("/s/d5/data")]
    );
    assert_eq!(link_dests(&local, at(10)), [PathBuf::from("/s/d9/data")]);
    assert_eq!(link_dests(&[], at(10)), Vec::<PathBuf>::new());
    let mut elsewhere = here("d8", 8);
    elsewhere.data = None;
    assert_eq!(link_dests(&[elsewhere], at(9)), Vec::<PathBuf>::new());
}

#[test]
fn windows_may_cross_midnight() {
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    assert!(in_window(t(3), None));
    assert!(in_window(t(23), Some((t(22), t(6)))));
    assert!(in_window(t(2), Some((t(22), t(6)))));
    assert!(!in_window(t(12), Some((t(22), t(6)))));
    assert!(in_window(t(12), Some((t(9), t(17)))));
    assert!(!in_window(t(17), Some((t(9), t(17)))));
}

#[test]
fn behind_since_is_the_newest_missing() {
    let primary = vec![snap("d1", 1), snap("d2", 2), snap("d3", 3)];
    assert_eq!(behind_since(&primary, &["d1".into()]), Some(at(3)));
    assert_eq!(
        behind_since(&primary, &["d1".into(), "d2".into(), "d3".into()]),
        None
    );
}

#[test]
fn the_pull_argv_has_no_shell_no_delete_no_fake_super() {
    let links = vec![PathBuf::from("/srv/r/5/6/snapshots/d1/data")];
    let p = Pull {
        ssh_user: "elkar",
        ssh_host: "b1.example",
        ssh_port: 2222,
        key_path: Path::new("/var/lib/eb/keys/replication-1"),
        known_hosts: Path::new("/var/lib/eb/known_hosts/replication-1"),
        timeout_secs: 600,
        bwlimit_kib: Some(2048),
        dest: Path::new("/srv/r/5/6/.inprogress/replica-d3/data"),
        temp: Path::new("/srv/r/5/6/.inprogress/replica-d3/tmp-run-9"),
        link_dests: &links,
    };
    let a: Vec<String> = pull_argv(&p, &snap("d3", 3))
        .unwrap()
        .into_iter()
        .map(|s| s.into_string().unwrap())
        .collect();
    assert_eq!(a[0], "-aHAXX");
    for want in [
        "--numeric-ids",
        "--stats",
        "--info=flist2,progress2",
        "--bwlimit=2048",
        "--temp-dir=/srv/r/5/6/.inprogress/replica-d3/tmp-run-9/",
        "--link-dest=/srv/r/5/6/snapshots/d1/data",
    ] {
        assert!(a.contains(&want.to_owned()), "{want} in {a:?}");
    }
    assert!(!a
        .iter()
        .any(|x| x.contains("delete") || x.contains("fake-super")));
    let e = &a[a.iter().position(|x| x == "-e").unwrap() + 1];
    assert!(
        e.starts_with("ssh -i /var/lib/eb/keys/replication-1 -p 2222 "),
        "{e}"
    );
    assert!(e.contains("StrictHostKeyChecking=yes") && e.contains("BatchMode=yes"));
    assert!(e.contains("UserKnownHostsFile=/var/lib/eb/known_hosts/replication-1"));
    let n = a.len();
    assert_eq!(
        &a[n - 3..],
        [
            "--",
            "elkar@b1.example:1/3/4/snapshots/d3/data/",
            "/srv/r/5/6/.inprogress/replica-d3/data/"
        ]
    );
    let evil = Pull {
        ssh_host: "-oProxyCommand=x",
        ..p.clone()
    };
    assert!(pull_argv(&evil, &snap("d3", 3)).is_err());
}

#[test]
fn snapshots_left_to_copy_then_pruned_are_lost() {
    let listed = [snap("a", 1), snap("c", 3)];
    let here_names = ["a".to_owned()];
    // b was pending and is neither listed nor here; c is still listed; a arrived.
    let pending = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
    assert_eq!(lost_since_last(&pending, &listed, &here_names), ["b"]);
    assert_eq!(still_pending(&listed, &here_names), ["c"]);
    assert!(lost_since_last(&[], &listed, &here_names).is_empty());
}
