//! The backup engine against a real sshd on 127.0.0.1 and real rsync: host-key pinning,
//! a round trip compared by manifest, incremental hardlinks, history immutability, a
//! changed host key refused before data moves.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::*;
use crate::manifest::manifest;
use crate::sshd::Sshd;

pub async fn wait_finished(api: &Api, run_id: i64) -> Value {
    wait_finished_within(api, run_id, Duration::from_secs(60)).await
}

/// [`wait_finished`] for runs whose time depends on the machine's load: a guard against a
/// hang, not a measure.
pub async fn wait_finished_within(api: &Api, run_id: i64, limit: Duration) -> Value {
    for _ in 0..limit.as_millis() / 100 {
        let (_, r) = api.get(&format!("/api/runs/{run_id}")).await;
        if r["state"] == "finished" {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("run {run_id} did not finish");
}

pub async fn run(api: &Api, job: i64) -> Value {
    let (s, r) = api.post(&format!("/api/jobs/{job}/run"), json!({})).await;
    assert_eq!(s, 202, "{r}");
    wait_finished(api, r["id"].as_i64().unwrap()).await
}

fn make_tree(root: &Path) {
    std::fs::create_dir_all(root.join("docs/deep/er")).unwrap();
    std::fs::write(root.join("docs/a.txt"), "alpha\n").unwrap();
    std::fs::write(root.join("docs/deep/er/b.bin"), vec![7u8; 100_000]).unwrap();
    std::fs::write(root.join("empty"), "").unwrap();
    std::fs::write(root.join("-rf"), "leading dash").unwrap();
    std::fs::write(root.join("sp ace & $(x)"), "shell chars").unwrap();
    std::fs::write(root.join("snapshot.json"), "a file named like our metadata").unwrap();
    std::os::unix::fs::symlink("docs/a.txt", root.join("link")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", root.join("abs-link")).unwrap();
    std::fs::hard_link(root.join("docs/a.txt"), root.join("hard")).unwrap();
    std::fs::set_permissions(
        root.join("docs/a.txt"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    let exe = root.join("run.sh");
    std::fs::write(&exe, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o4755)).unwrap();
    nix::unistd::chown(
        &root.join("empty"),
        Some(nix::unistd::Uid::from_raw(1234)),
        Some(nix::unistd::Gid::from_raw(4321)),
    )
    .unwrap();
}

#[tokio::test]
async fn backup_over_ssh_with_pinned_host_key() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut sshd = Sshd::start().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::set_permissions(src.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let tree = src.path().join("tree");
    make_tree(&tree);
    // rsync compares whole seconds before setting a directory's time: one created in the
    // very second it is copied would keep the copy's nanoseconds.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, client) = admin
        .post("/api/clients", json!({"name": "loopback", "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}}))
        .await;
    let cid = client["id"].as_i64().unwrap();
    sshd.install(&client);
    let mut body = job(cid, "tree", loc, pol);
    body["source_path"] = json!(tree.display().to_string());
    body["use_local_permissions"] = json!(false);
    let (_, j) = admin.post("/api/jobs", body).await;
    let jid = j["id"].as_i64().unwrap();

    // First contact: the host key is recorded as pending and nothing is backed up.
    let r = run(&admin, jid).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("host_key_unverified")),
        "{r}"
    );
    let (_, c) = admin.get(&format!("/api/clients/{cid}")).await;
    assert_eq!(c["host_key_state"], "pending");
    assert_eq!(c["host_key_fingerprint"], sshd.fingerprint());
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    assert_eq!(snaps.as_array().unwrap().len(), 0);
    let (s, c) = admin
        .post(&format!("/api/clients/{cid}/host-key/accept"), json!({}))
        .await;
    assert_eq!((s, c["host_key_state"].as_str()), (200, Some("accepted")));

    // A full round trip: the snapshot equals the source, entry by entry.
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    assert_eq!(
        r["levels"],
        json!(["daily"]),
        "a manual run serves the policy's first level"
    );
    let log = crate::steps::run_log(&app, &admin, &r["id"]).await;
    assert!(log.contains("Number of files"), "{log}");
    assert!(r["stats"]["files"].as_i64().unwrap_or(0) >= 10, "{r}");
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    assert_eq!(snaps.as_array().unwrap().len(), 1);
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    let store = Path::new(l["directory"].as_str().unwrap()).join(format!("{cid}/{jid}/snapshots"));
    let first = store.join(snaps[0]["name"].as_str().unwrap());
    assert!(
        first.join("snapshot.json").is_file(),
        "metadata beside the data"
    );
    let data1 = first.join("data");
    // The job's size: rsync's figure at once, then the exact disk usage from a walk.
    let exact = backend::engine::usage::disk_usage(store.parent().unwrap()) as i64;
    let mut size = 0;
    for _ in 0..100 {
        size = admin.get(&format!("/api/jobs/{jid}")).await.1["size_bytes"]
            .as_i64()
            .unwrap();
        if size == exact {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(size, exact, "exact disk usage recorded");
    assert_eq!(manifest(&data1), manifest(&tree), "{log}");
    assert!(
        !store
            .parent()
            .unwrap()
            .join(".inprogress")
            .read_dir()
            .unwrap()
            .any(|_| true),
        "nothing left in progress"
    );

    // Unchanged re-run: every regular file is a hardlink of the previous snapshot's.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    assert_eq!(r["stats"]["files_transferred"], 0);
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let second = store.join(snaps[0]["name"].as_str().unwrap()).join("data");
    let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
    assert_eq!(
        ino(&second.join("docs/deep/er/b.bin")),
        ino(&data1.join("docs/deep/er/b.bin"))
    );
    assert_eq!(manifest(&second), manifest(&tree));
    // About one new inode per directory: every regular file is shared.
    let inodes = |root: &Path| -> (std::collections::HashSet<u64>, usize, usize) {
        let (mut set, mut dirs, mut others) = (std::collections::HashSet::new(), 0, 0);
        let mut stack = vec![root.to_owned()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let m = std::fs::symlink_metadata(&p).unwrap();
                set.insert(m.ino());
                if m.is_dir() {
                    dirs += 1;
                    stack.push(p);
                } else if !m.is_file() {
                    others += 1;
                }
            }
        }
        (set, dirs, others)
    };
    let (old, _, _) = inodes(&data1);
    let (new, dirs, links) = inodes(&second);
    let fresh = new.difference(&old).count();
    assert!(
        fresh <= dirs + links,
        "{fresh} new inodes for {dirs} directories and {links} links"
    );

    // History is immutable: content, mode and owner changes reach only the new snapshot.
    let before = manifest(&data1);
    std::fs::write(tree.join("docs/a.txt"), "changed\n").unwrap();
    std::fs::set_permissions(tree.join("run.sh"), std::fs::Permissions::from_mode(0o700)).unwrap();
    nix::unistd::chown(
        &tree.join("docs/deep/er/b.bin"),
        Some(nix::unistd::Uid::from_raw(77)),
        None,
    )
    .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let third = store.join(snaps[0]["name"].as_str().unwrap()).join("data");
    assert_eq!(manifest(&third), manifest(&tree));
    assert_eq!(manifest(&data1), before, "older snapshot untouched");
    assert_eq!(
        std::fs::read_to_string(data1.join("docs/a.txt")).unwrap(),
        "alpha\n"
    );

    // A changed host key is refused before any data moves, and waits for acceptance.
    sshd.change_host_key().await;
    std::fs::write(tree.join("new-file"), "new").unwrap();
    let r = run(&admin, jid).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("host_key_mismatch")),
        "{r}"
    );
    let (_, snaps_after) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    assert_eq!(snaps_after.as_array().unwrap().len(), 3, "no new snapshot");
    let (_, c) = admin.get(&format!("/api/clients/{cid}")).await;
    assert_eq!(c["host_key_state"], "pending");
    assert_eq!(c["host_key_fingerprint"], sshd.fingerprint());
    // Deleting a job or client is refused while it runs; here nothing runs any more.
    let (_, runs) = admin.get(&format!("/api/runs?job_id={jid}")).await;
    assert_eq!(runs["total"], 5);
}

/// An ssh client on the loopback sshd with a job backing up `source` (host key accepted),
/// and the job's snapshot directory.
pub async fn ssh_job(
    app: &TestApp,
    admin: &Api,
    sshd: &Sshd,
    source: &Path,
) -> (i64, i64, std::path::PathBuf) {
    let (loc, pol) = app.defaults(admin).await;
    let (_, client) = admin
        .post("/api/clients", json!({"name": format!("c{}", sshd.port), "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}}))
        .await;
    let cid = client["id"].as_i64().unwrap();
    // The lines the client page gives: read-only backup key, write-only restore key.
    sshd.install(&client);
    // Only what a newcomer must give (no `use_local_permissions`): exact.rs relies on it.
    let mut body = job(cid, "torture", loc, pol);
    body["source_path"] = json!(source.display().to_string());
    let (_, j) = admin.post("/api/jobs", body).await;
    let jid = j["id"].as_i64().unwrap();
    let r = run(admin, jid).await;
    assert_eq!(r["error_code"], "host_key_unverified");
    assert_eq!(
        admin
            .post(&format!("/api/clients/{cid}/host-key/accept"), json!({}))
            .await
            .0,
        200
    );
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    let store = Path::new(l["directory"].as_str().unwrap()).join(format!("{cid}/{jid}/snapshots"));
    (cid, jid, store)
}

async fn newest_data(admin: &Api, jid: i64, store: &Path) -> std::path::PathBuf {
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    store.join(snaps[0]["name"].as_str().unwrap()).join("data")
}

#[tokio::test]
async fn torture_tree_round_trip_and_immutable_history() {
    use crate::manifest::diff;
    let app = spawn_app().await;
    let admin = app.admin().await;
    let sshd = Sshd::start().await;
    let (_src, tree) = crate::steps::torture_source().await;
    let (_, jid, store) = ssh_job(&app, &admin, &sshd, &tree).await;
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let first = newest_data(&admin, jid, &store).await;
    let want = manifest(&tree);
    let got = manifest(&first);
    assert!(
        got == want,
        "snapshot differs from source:\n{}",
        diff(&want, &got).join("\n")
    );
    // Sparse files stay sparse.
    let blocks = |p: &Path| std::fs::metadata(p).unwrap().blocks();
    assert!(
        blocks(&first.join("sparse")) <= blocks(&tree.join("sparse")) + 64,
        "sparse file kept sparse"
    );
    // rsync itself finds nothing to change between source and snapshot.
    let check = std::process::Command::new("rsync")
        .args([
            "-aHAXn",
            "--numeric-ids",
            "-c",
            "-ii",
            "--delete",
            "--no-inc-recursive",
        ])
        .arg(format!("{}/", tree.display()))
        .arg(format!("{}/", first.display()))
        .output()
        .unwrap();
    // With -ii every entry is listed; an unchanged one starts with `.` (or `h`, a hard link
    // to an entry already listed) and has no letter in its nine attribute columns.
    let listing = String::from_utf8_lossy(&check.stdout).into_owned();
    let changes: Vec<&str> = listing
        .lines()
        .filter(|l| !l.is_empty())
        .filter(|l| {
            !(l.starts_with('.') || l.starts_with('h'))
                || l.get(2..11)
                    .is_some_and(|a| a.chars().any(|c| c != ' ' && c != '.'))
        })
        .collect();
    assert!(
        listing.lines().count() > 100,
        "rsync listed the tree: {listing}"
    );
    assert!(changes.is_empty(), "rsync -n sees differences: {changes:?}");

    // chmod-only, chown-only, xattr-only and content changes: each reaches only the new
    // snapshot; the older one's manifest stays byte-identical.
    let before = manifest(&first);
    std::fs::set_permissions(
        tree.join("sizes/f4097"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    nix::unistd::chown(
        &tree.join("sizes/f4096"),
        Some(nix::unistd::Uid::from_raw(4242)),
        None,
    )
    .unwrap();
    xattr::set(tree.join("sizes/f1"), "user.added", b"later").unwrap();
    std::fs::write(tree.join("hardlinks/span"), "changed content").unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let second = newest_data(&admin, jid, &store).await;
    let want = manifest(&tree);
    let got = manifest(&second);
    assert!(
        got == want,
        "second snapshot differs:\n{}",
        diff(&want, &got).join("\n")
    );
    let after = manifest(&first);
    assert!(
        after == before,
        "history changed:\n{}",
        diff(&before, &after).join("\n")
    );
    // Unchanged files are shared with the previous snapshot: about one inode per directory.
    let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
    assert_eq!(
        ino(&first.join("sizes/random")),
        ino(&second.join("sizes/random"))
    );
    assert_ne!(
        ino(&first.join("sizes/f4097")),
        ino(&second.join("sizes/f4097")),
        "attributes differ: copied, not linked"
    );
}

#[tokio::test]
async fn test_connection_gives_a_precise_diagnosis() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut sshd = Sshd::start().await;
    let (_, client) = admin
        .post("/api/clients", json!({"name": "probe", "connection": {"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port}}))
        .await;
    let cid = client["id"].as_i64().unwrap();
    let path = format!("/api/clients/{cid}/test");
    let test = || admin.post(&path, json!({}));
    let (s, t) = test().await;
    assert_eq!(
        (s, t["ok"].as_bool(), t["code"].as_str()),
        (200, Some(false), Some("host_key_unverified"))
    );
    admin
        .post(&format!("/api/clients/{cid}/host-key/accept"), json!({}))
        .await;
    // Key not installed on the client yet.
    let (_, t) = test().await;
    assert_eq!(t["code"], "auth_refused", "{t}");
    assert_eq!(t["backup_key"], "missing", "{t}");
    // Only the backup key's restricted line: read-only, and no restore key.
    sshd.authorize_lines(&[client["backup_key_line"].as_str().unwrap()]);
    let (_, t) = test().await;
    assert_eq!(t["ok"], true, "{t}");
    assert_eq!(
        (t["backup_key"].as_str(), t["restore_key"].as_str()),
        (Some("read_only"), Some("missing")),
        "{t}"
    );
    assert!(
        t["rsync_version"].is_null(),
        "rrsync runs nothing else: {t}"
    );
    assert_eq!(t["warnings"], json!([]), "{t}");
    // Both lines: the restore key writes and cannot read.
    sshd.install(&client);
    let (_, t) = test().await;
    assert_eq!(
        (t["backup_key"].as_str(), t["restore_key"].as_str()),
        (Some("read_only"), Some("write_only")),
        "{t}"
    );
    // A plain key works (the root is `/`), shows rsync's version, and is worth a word.
    sshd.authorize(client["public_key"].as_str().unwrap());
    let (_, t) = test().await;
    assert_eq!(t["ok"], true, "{t}");
    assert_eq!(t["backup_key"], "unrestricted", "{t}");
    assert!(
        t["warnings"]
            .as_array()
            .unwrap()
            .contains(&json!("key_unrestricted")),
        "{t}"
    );
    assert!(
        t["rsync_version"].as_str().unwrap().contains("rsync"),
        "{t}"
    );
    sshd.change_host_key().await;
    sshd.authorize(client["public_key"].as_str().unwrap());
    let (_, t) = test().await;
    assert_eq!(t["code"], "host_key_mismatch", "{t}");
    sshd.stop().await;
    let (_, local) = admin
        .post(
            "/api/clients",
            json!({"name": "here", "connection": {"kind": "local"}}),
        )
        .await;
    let (_, t) = admin
        .post(&format!("/api/clients/{}/test", local["id"]), json!({}))
        .await;
    assert_eq!(t["ok"], true);
    let (_, t) = test().await;
    assert_eq!(
        t["code"], "host_key_unverified",
        "a new key awaits acceptance after the mismatch"
    );
}
