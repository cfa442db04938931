//! Browsing and downloading snapshots of a malicious client's tree: symlinks shown and
//! never followed (`evil -> /etc`, links into another job), specials listed and never
//! opened, the traversal corpus of reliability.md §3.4 refused, names of any bytes, Range
//! and ETag on files, streamed archives, versions, search, and other users kept out.

use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::engine::run;
use crate::faults::local_job;
use crate::helpers::*;

const CANARY: &str = "CANARY-3c1f-outside-the-snapshot";

/// A hostile tree; `other_job` is the store directory of another job.
fn hostile_tree(root: &Path, other_job: &Path) {
    std::fs::create_dir_all(root.join("docs/sub")).unwrap();
    std::fs::write(root.join("docs/a.txt"), "alpha\n").unwrap();
    std::fs::write(root.join("docs/sub/b.txt"), "beta\n").unwrap();
    std::fs::write(root.join("<script>alert(1)<script>.txt"), "xss\n").unwrap();
    std::fs::write(
        root.join(std::ffi::OsStr::from_bytes(b"bad\xff\xfename")),
        "bytes\n",
    )
    .unwrap();
    std::fs::write(root.join("line\nbreak \"q\".txt"), "nl\n").unwrap();
    std::fs::write(root.join("0123456789"), "0123456789").unwrap();
    symlink("/etc", root.join("evil")).unwrap();
    symlink("/etc/passwd", root.join("abs")).unwrap();
    symlink(other_job, root.join("x")).unwrap();
    symlink("../../../../..", root.join("up")).unwrap();
    nix::unistd::mkfifo(
        &root.join("pipe"),
        nix::sys::stat::Mode::from_bits_truncate(0o644),
    )
    .unwrap();
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

fn entry<'a>(page: &'a Value, name: &str) -> &'a Value {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in {page}"))
}

async fn newest_snapshot(admin: &Api, jid: i64) -> i64 {
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    snaps[0]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn browse_shows_links_and_specials_and_never_leaves_the_snapshot() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    let (loc, _) = app.defaults(&admin).await;
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    let location = Path::new(l["directory"].as_str().unwrap()).to_owned();
    // Canaries outside the snapshot: in the location and beside the snapshot's data.
    std::fs::create_dir_all(&location).unwrap();
    std::fs::write(location.join("canary.txt"), CANARY).unwrap();
    hostile_tree(src.path(), &location);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let jid = local_job(&app, &admin, src.path()).await;
    let r = run(&admin, jid).await;
    assert_eq!(r["result"], "ok", "{r}");
    let sid = newest_snapshot(&admin, jid).await;

    // The root: directories first, every kind described from its own lstat.
    let (s, root) = admin
        .get(&format!("/api/snapshots/{sid}/entries?per_page=100"))
        .await;
    assert_eq!(s, 200, "{root}");
    assert_eq!(root["total"], 10);
    assert_eq!(names(&root)[0], "docs");
    assert_eq!(entry(&root, "evil")["kind"], "symlink");
    assert_eq!(entry(&root, "evil")["target"], "/etc");
    assert_eq!(entry(&root, "pipe")["kind"], "fifo");
    assert_eq!(entry(&root, "0123456789")["size"], 10);
    assert_eq!(entry(&root, "<script>alert(1)<script>.txt")["kind"], "file");
    // A name that is not UTF-8: shown with U+FFFD, its path lossless.
    let bad = entry(&root, "bad\u{fffd}\u{fffd}name");
    assert_eq!(bad["path"], "bad%FF%FEname");
    let res = admin
        .raw(
            &format!("/api/snapshots/{sid}/download?path=bad%FF%FEname"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "bytes\n");

    // Symlinks are never followed, whatever the path says.
    for p in [
        "evil",
        "evil/",
        "evil/passwd",
        "x",
        "x/canary.txt",
        "up",
        "up/etc",
        "abs",
    ] {
        let (s, body) = admin
            .get(&format!("/api/snapshots/{sid}/entries?path={p}"))
            .await;
        assert_eq!(s, 404, "entries {p}: {body}");
        let res = admin
            .raw(&format!("/api/snapshots/{sid}/download?path={p}"), &[])
            .await;
        let status = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        assert!(status == 404 || status == 409, "download {p}: {status}");
        assert!(
            !text.contains("root:") && !text.contains(CANARY),
            "{p}: {text}"
        );
    }

    // The traversal corpus (borg's rejected_dotdot_paths, encodings, NUL, backslashes).
    let borg = include_str!("../data/dotdot_paths.txt").lines();
    let corpus = borg.chain([
        "%2e%2e/%2e%2e/canary.txt",
        "%252e%252e%252fcanary.txt",
        "%c0%ae%c0%ae/canary.txt",
        "docs%00",
        "docs/%00/..",
        "..%5c..%5ccanary.txt",
        "..\\..\\canary.txt",
        "/etc/passwd",
        "../../../canary.txt",
        "docs/../../canary.txt",
        "%2F..%2F..%2Fcanary.txt",
    ]);
    for p in corpus {
        let p = p.replace('\\', "%5C");
        for what in ["entries", "download", "versions"] {
            let res = admin
                .raw(&format!("/api/snapshots/{sid}/{what}?path={p}"), &[])
                .await;
            let status = res.status().as_u16();
            let text = res.text().await.unwrap_or_default();
            assert!(
                status == 400 || status == 404,
                "{what} {p}: {status} {text}"
            );
            assert!(
                !text.contains(CANARY) && !text.contains("root:"),
                "{what} {p}"
            );
        }
    }
    let (s, e) = admin
        .get(&format!("/api/snapshots/{sid}/entries?path=a%2F..%2F.."))
        .await;
    assert_eq!((s, e["code"].as_str()), (400, Some("invalid_path")));

    // A FIFO is refused at once, never opened.
    let started = std::time::Instant::now();
    let res = tokio::time::timeout(
        Duration::from_secs(5),
        admin.raw(&format!("/api/snapshots/{sid}/download?path=pipe"), &[]),
    )
    .await
    .expect("a FIFO download must not hang");
    assert_eq!(res.status(), 409);
    assert!(started.elapsed() < Duration::from_secs(2));

    // A file: an attachment of type octet-stream (never rendered), Range and ETag.
    let res = admin
        .raw(
            &format!("/api/snapshots/{sid}/download?path=%3Cscript%3Ealert(1)%3Cscript%3E.txt"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/octet-stream");
    let cd = crate::steps::header(&res, "content-disposition");
    assert!(cd.starts_with("attachment"), "{cd}");
    assert!(cd.contains("filename*=UTF-8''%3Cscript%3E"), "{cd}");
    let res = admin
        .raw(
            &format!("/api/snapshots/{sid}/download?path=line%0Abreak%20%22q%22.txt"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 200);
    let cd = crate::steps::header(&res, "content-disposition");
    assert!(!cd.contains('\n') && cd.contains("line_break"), "{cd}");
    let url = format!("/api/snapshots/{sid}/download?path=0123456789");
    let res = admin.raw(&url, &[("range", "bytes=2-5")]).await;
    assert_eq!(res.status(), 206);
    let etag = crate::steps::header(&res, "etag");
    assert_eq!(res.text().await.unwrap(), "2345");
    let res = admin.raw(&url, &[("if-none-match", &etag)]).await;
    assert_eq!(res.status(), 304);

    // Search by name, at any depth, case-insensitive.
    let (_, hits) = admin
        .get(&format!("/api/snapshots/{sid}/entries?q=B.TXT"))
        .await;
    assert_eq!(names(&hits), vec!["b.txt"]);
    assert_eq!(hits["items"][0]["path"], "docs/sub/b.txt");

    // A directory as tar.gz: links stay links, the FIFO is left out and listed.
    let res = admin
        .raw(&format!("/api/snapshots/{sid}/download?format=tar.gz"), &[])
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/gzip");
    let bytes = res.bytes().await.unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut tar = std::process::Command::new("tar")
        .args(["--numeric-owner", "-xzf", "-", "-C"])
        .arg(out.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(tar.stdin.as_mut().unwrap(), &bytes).unwrap();
    drop(tar.stdin.take());
    assert!(tar.wait().unwrap().success());
    let top = crate::steps::first_entry(out.path());
    assert_eq!(
        std::fs::read_link(top.join("evil")).unwrap(),
        Path::new("/etc")
    );
    assert!(std::fs::symlink_metadata(top.join("evil"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(!top.join("pipe").exists());
    let readme = std::fs::read_dir(&top)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("README"))
        .expect("a README lists the skipped specials");
    assert!(std::fs::read_to_string(readme).unwrap().contains("pipe"));
    assert_eq!(
        std::fs::read_to_string(top.join("docs/sub/b.txt")).unwrap(),
        "beta\n"
    );

    // The same directory as zip.
    let res = admin
        .raw(
            &format!("/api/snapshots/{sid}/download?path=docs&format=zip"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 200);
    let cd = crate::steps::header(&res, "content-disposition");
    assert!(cd.contains("docs.zip"), "{cd}");
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut b = String::new();
    zip.by_name("docs/sub/b.txt")
        .unwrap()
        .read_to_string(&mut b)
        .unwrap();
    assert_eq!(b, "beta\n");
}

#[tokio::test]
async fn versions_pages_and_other_users() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    let wide = src.path().join("wide");
    std::fs::create_dir_all(&wide).unwrap();
    for i in 0..2500 {
        std::fs::write(wide.join(format!("f{i:05}")), i.to_string()).unwrap();
    }
    std::fs::create_dir(wide.join("zdir")).unwrap();
    std::fs::write(src.path().join("doc.txt"), "one").unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let jid = local_job(&app, &admin, src.path()).await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    std::fs::write(src.path().join("doc.txt"), "two!").unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(run(&admin, jid).await["result"], "ok");
    assert_eq!(run(&admin, jid).await["result"], "ok");
    let sid = newest_snapshot(&admin, jid).await;

    // Pages: directories first, then names; sizes order on request.
    let (_, p1) = admin
        .get(&format!(
            "/api/snapshots/{sid}/entries?path=wide&per_page=100"
        ))
        .await;
    assert_eq!(p1["total"], 2501);
    assert_eq!(names(&p1)[0], "zdir");
    assert_eq!(names(&p1)[1], "f00000");
    assert_eq!(p1["items"].as_array().unwrap().len(), 100);
    let (_, last) = admin
        .get(&format!(
            "/api/snapshots/{sid}/entries?path=wide&per_page=100&page=26"
        ))
        .await;
    assert_eq!(names(&last), vec!["f02499"]);
    let (_, big) = admin
        .get(&format!(
            "/api/snapshots/{sid}/entries?path=wide&per_page=3&sort=-size"
        ))
        .await;
    assert_eq!(names(&big), vec!["zdir", "f01000", "f01001"]);
    let (s, _) = admin
        .get(&format!(
            "/api/snapshots/{sid}/entries?path=wide&sort=bogus"
        ))
        .await;
    assert_eq!(s, 400);
    let (s, _) = admin
        .get(&format!("/api/snapshots/{sid}/entries?path=doc.txt"))
        .await;
    assert_eq!(s, 404, "a file is not a directory");

    // Versions: newest first; the unchanged one is the same stored file.
    let (s, v) = admin
        .get(&format!("/api/snapshots/{sid}/versions?path=doc.txt"))
        .await;
    assert_eq!(s, 200, "{v}");
    let v = v.as_array().unwrap();
    assert_eq!(v.len(), 3);
    assert_eq!(
        v.iter()
            .map(|x| x["size"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        vec![4, 4, 3]
    );
    assert_eq!(v[0]["same_as_older"], true);
    assert_eq!(v[1]["same_as_older"], false);
    let older = v[2]["snapshot_id"].as_i64().unwrap();
    let res = admin
        .raw(
            &format!("/api/snapshots/{older}/download?path=doc.txt"),
            &[],
        )
        .await;
    assert_eq!(res.text().await.unwrap(), "one");

    // Another operator sees none of it; the owner's operator does.
    let other = app.user("mallory", shared::Role::Operator).await;
    for url in [
        format!("/api/snapshots/{sid}"),
        format!("/api/snapshots/{sid}/entries"),
        format!("/api/snapshots/{sid}/versions?path=doc.txt"),
        format!("/api/snapshots/{sid}/download?path=doc.txt"),
    ] {
        let (s, _) = other.get(&url).await;
        assert_eq!(s, 404, "{url}");
        let (s, _) = app.anon().get(&url).await;
        assert_eq!(s, 401, "{url}");
    }
    let (s, _) = other
        .post(
            "/api/restores",
            json!({"snapshot_id": sid, "path": "doc.txt", "client_id": 1, "dry_run": true}),
        )
        .await;
    assert_eq!(s, 404);
}
