//! The backup plan, without a database or a disk: pre-flight thresholds, pattern
//! inheritance, script order, levels and the rsync command.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use shared::clients::Connection;
use shared::locations::LocationStatus;
use shared::policies::{Level, LevelName, Schedule};
use shared::runs::RunError;
use shared::scripts::ScriptPhase;

use super::context::{AttachedScript, JobContext, Limits};
use super::plan::{inherited, levels, nearly_full, plan, scripts};
use crate::db::clients::ClientRow;
use crate::db::jobs::JobRow;
use crate::db::policies::PolicyRow;
use crate::engine::fixtures::{self, at, location};

fn some(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|s| Some((*s).to_owned())).collect()
}

fn job() -> JobRow {
    JobRow {
        id: 7,
        client_id: 3,
        name: "home".into(),
        description: String::new(),
        source_path: "/home".into(),
        policy_id: 1,
        location_id: 2,
        include_patterns: None,
        exclude_patterns: None,
        use_local_permissions: false,
        notify_admin: false,
        notify_owner: false,
        notify_emails: vec![Some("a@example.org".into()), None],
        notify_threshold: shared::jobs::NotifyThreshold::Error,
        notify_mode: Default::default(),
        late_grace_hours: 24,
        priority: 0,
        active: true,
        trigger_token_hash: None,
        size_bytes: 0,
        last_result: None,
        last_run_at: None,
        created_at: at(),
        updated_at: at(),
        primary_id: None,
    }
}

fn client() -> ClientRow {
    ClientRow {
        rsync_options: some(&["--bwlimit=100"]),
        ..fixtures::client(3, "pc")
    }
}

fn status(free_bytes: u64, free_inodes: u64) -> LocationStatus {
    LocationStatus {
        online: true,
        writable: true,
        free_bytes: Some(free_bytes),
        total_bytes: Some(1000),
        free_inodes: Some(free_inodes),
        total_inodes: Some(1000),
    }
}

fn schedule() -> Schedule {
    let on = Level {
        enabled: true,
        keep: 3,
        ..Level::default()
    };
    Schedule {
        daily: on.clone(),
        weekly: on,
        ..Schedule::default()
    }
}

fn ctx() -> JobContext {
    JobContext {
        run_id: 9,
        queued_levels: Vec::new(),
        job: job(),
        client: client(),
        location: location(),
        policy: PolicyRow {
            id: 1,
            name: "p".into(),
            description: String::new(),
            include_patterns: some(&["/etc"]),
            exclude_patterns: some(&["*.tmp", "cache/"]),
            schedule: serde_json::Value::Null,
            created_at: at(),
            updated_at: at(),
            preset: None,
        },
        schedule: schedule(),
        connection: Connection::Ssh {
            user: "root".into(),
            host: "pc.example".into(),
            port: 2222,
        },
        status: status(500, 500),
        scripts: Vec::new(),
        post_scripts_after_pre_failure: false,
        owner_email: String::new(),
        owner_name: None,
        client_total: 0,
        limits: Limits {
            data_dir: PathBuf::from("/var/lib/eb"),
            min_free_percent: 5,
            timeout_secs: 600,
            fake_super: true,
        },
    }
}

fn code(c: &JobContext) -> Option<(RunError, String)> {
    plan(c).err().map(|s| (s.0, s.1))
}

#[test]
fn thresholds_refuse_a_nearly_full_location() {
    assert!(
        !nearly_full(&status(50, 50), 5),
        "exactly 5% free is enough"
    );
    assert!(nearly_full(&status(49, 500), 5), "space below 5%");
    assert!(nearly_full(&status(500, 49), 5), "inodes below 5%");
    assert!(
        !nearly_full(&status(0, 0), 0),
        "a zero threshold never refuses"
    );
    let unknown = LocationStatus {
        free_bytes: None,
        total_inodes: Some(0),
        ..status(0, 0)
    };
    assert!(!nearly_full(&unknown, 5), "unknown or zero totals pass");
    let mut c = ctx();
    c.status = status(10, 500);
    assert_eq!(code(&c), Some((RunError::LocationFull, "/srv/b".into())));
    c.status = status(500, 10);
    assert_eq!(code(&c), Some((RunError::LocationFull, "/srv/b".into())));
}

#[test]
fn an_unusable_location_stops_before_its_fill_is_considered() {
    for change in [
        (|c: &mut JobContext| c.location.active = false) as fn(&mut JobContext),
        |c| c.status.online = false,
        |c| c.status.writable = false,
    ] {
        let mut c = ctx();
        c.status = status(0, 0);
        change(&mut c);
        assert_eq!(
            code(&c),
            Some((RunError::LocationUnavailable, "/srv/b".into()))
        );
    }
    assert!(plan(&ctx()).is_ok());
}

#[test]
fn patterns_are_the_jobs_own_else_the_policys() {
    let policy = some(&["*.tmp"]);
    assert_eq!(inherited(None, &policy), ["*.tmp"]);
    let own = some(&["*.iso"]);
    assert_eq!(inherited(Some(&own), &policy), ["*.iso"]);
    assert!(
        inherited(Some(&[]), &policy).is_empty(),
        "an empty list is a list"
    );
    assert_eq!(inherited(Some(&[None, Some("x".into())]), &[]), ["x"]);

    let mut c = ctx();
    c.job.include_patterns = Some(some(&["/home/u"]));
    let p = plan(&c).unwrap();
    assert_eq!(p.rsync.include, ["/home/u"]);
    assert_eq!(p.rsync.exclude, ["*.tmp", "cache/"]);
}

fn script(name: &str, phase: ScriptPhase) -> AttachedScript {
    AttachedScript {
        name: name.into(),
        phase,
        content: name.as_bytes().to_vec(),
    }
}

#[test]
fn scripts_run_pre_by_name_and_post_in_reverse() {
    let attached = [
        script("b-mount", ScriptPhase::Pre),
        script("z-notify", ScriptPhase::Post),
        script("a-stop", ScriptPhase::Pre),
        script("a-start", ScriptPhase::Post),
        script("c-dump", ScriptPhase::Pre),
    ];
    let (pre, post) = scripts(&attached);
    let names =
        |v: &[(String, Vec<u8>)]| -> Vec<String> { v.iter().map(|s| s.0.clone()).collect() };
    assert_eq!(names(&pre), ["a-stop", "b-mount", "c-dump"]);
    assert_eq!(names(&post), ["z-notify", "a-start"]);
    assert_eq!(pre[0].1, b"a-stop");
    let mut c = ctx();
    c.scripts = attached.to_vec();
    c.post_scripts_after_pre_failure = true;
    let p = plan(&c).unwrap();
    assert_eq!((p.pre.len(), p.post.len()), (3, 2));
    assert!(p.post_after_pre_failure);
}

#[test]
fn levels_are_the_queued_ones_else_the_smallest_enabled() {
    let s = schedule();
    assert_eq!(levels(&[], &s), [LevelName::Daily]);
    assert_eq!(
        levels(&[LevelName::Weekly, LevelName::Monthly], &s),
        [LevelName::Weekly, LevelName::Monthly]
    );
    assert!(levels(&[], &Schedule::default()).is_empty());
    let mut c = ctx();
    assert_eq!(plan(&c).unwrap().levels, ["daily"]);
    c.queued_levels = vec![LevelName::Weekly];
    let p = plan(&c).unwrap();
    assert_eq!(p.levels, ["weekly"]);
    assert_eq!(p.schedule, s, "retention works on the policy's schedule");
}

fn strings(v: Vec<OsString>) -> Vec<String> {
    v.into_iter().map(|s| s.into_string().unwrap()).collect()
}

#[test]
fn the_rsync_plan_goes_over_the_clients_key_and_pinned_host_key() {
    let p = plan(&ctx()).unwrap();
    assert_eq!(p.store.root, Path::new("/srv/b/3/7"));
    assert_eq!(p.recipients, ["a@example.org"]);
    let dest = p.store.inprogress_dir().join("9");
    let link = Path::new("/srv/b/3/7/snapshots/S/data");
    let a = strings(p.rsync.argv(&dest, Some(link)).unwrap());
    for want in [
        "--fake-super",
        "--timeout=600",
        "--bwlimit=100",
        "--include=/etc",
        "--exclude=*.tmp",
        "--exclude=cache/",
        "--link-dest=/srv/b/3/7/snapshots/S/data",
        "--partial-dir=/srv/b/3/7/.inprogress/partial",
    ] {
        assert!(a.contains(&want.to_owned()), "{want} in {a:?}");
    }
    assert!(!a.iter().any(|x| x.starts_with("--chmod")));
    let e = &a[a.iter().position(|x| x == "-e").unwrap() + 1];
    assert!(
        e.starts_with("ssh -i /var/lib/eb/keys/client-3 -p 2222 "),
        "{e}"
    );
    assert!(e.contains("UserKnownHostsFile=/var/lib/eb/known_hosts/client-3"));
    assert!(e.contains("-o ConnectionAttempts=3"));
    let n = a.len();
    assert_eq!(
        &a[n - 3..],
        ["--", "root@pc.example:/home/", "/srv/b/3/7/.inprogress/9/"]
    );
}

#[test]
fn the_rsync_plan_follows_the_job_and_the_server() {
    let mut c = ctx();
    c.job.use_local_permissions = true;
    c.limits.fake_super = false;
    c.connection = Connection::Local;
    let p = plan(&c).unwrap();
    let a = strings(p.rsync.argv(Path::new("/d/.inprogress/9"), None).unwrap());
    assert!(a.contains(&"--chmod=Fug=rwX,Dug=rwx,Fo=r,Do=rx".to_owned()));
    assert!(!a.contains(&"--fake-super".to_owned()));
    assert!(!a.iter().any(|x| x.starts_with("--link-dest") || x == "-e"));
    assert_eq!(a[a.len() - 2], "/home/");

    c.connection = Connection::Ssh {
        user: "u".into(),
        host: "h".into(),
        port: 22,
    };
    c.limits.data_dir = PathBuf::from("/var/lib/it's");
    let p = plan(&c).unwrap();
    let err = p
        .rsync
        .argv(Path::new("/d/.inprogress/9"), None)
        .err()
        .unwrap();
    assert_eq!(err.0, RunError::InvalidConfiguration);
}
