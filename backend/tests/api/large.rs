//! Large snapshots: a directory of 100,000 entries listed a page at a time, and a 5 GiB
//! sparse file downloaded in two parts with Range and If-Range (a resumed download).
//! How fast, and with how much memory, is measured by `cargo xtask bench browse`.

use std::io::{Seek, SeekFrom, Write};
use std::time::Duration;

use futures_util::StreamExt;

use crate::engine::wait_finished_within;
use crate::faults::local_job;
use crate::helpers::*;

/// Backs `src` up with a local job, once its files are a second old (rsync compares whole
/// seconds); returns the snapshot's id.
async fn backed_up(app: &TestApp, admin: &Api, src: &std::path::Path) -> i64 {
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let jid = local_job(app, admin, src).await;
    let (s, r) = admin
        .post(&format!("/api/jobs/{jid}/run"), serde_json::json!({}))
        .await;
    assert_eq!(s, 202, "{r}");
    // Reading 5 GiB (of zeros) takes rsync a minute or more on a busy 2-core machine.
    let r = wait_finished_within(admin, r["id"].as_i64().unwrap(), Duration::from_secs(600)).await;
    assert_eq!(r["result"], "ok", "{r}");
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    snaps[0]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_directory_of_100000_entries_pages_and_searches() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    let wide = src.path().join("wide");
    std::fs::create_dir(&wide).unwrap();
    for i in 0..100_000 {
        std::fs::File::create(wide.join(format!("entry-{i:06}"))).unwrap();
    }
    let sid = backed_up(&app, &admin, src.path()).await;

    let page = |n: i64| {
        let admin = &admin;
        async move {
            admin
                .get(&format!(
                    "/api/snapshots/{sid}/entries?path=wide&per_page=500&page={n}"
                ))
                .await
                .1
        }
    };
    let first = page(1).await;
    assert_eq!(first["total"], 100_000);
    let items = first["items"].as_array().unwrap();
    assert_eq!(items.len(), 500);
    assert_eq!(items[0]["name"], "entry-000000");
    assert_eq!(items[499]["name"], "entry-000499");
    assert_eq!(items[0]["path"], "wide/entry-000000");
    let last = page(200).await;
    assert_eq!(last["items"][499]["name"], "entry-099999");
    assert_eq!(page(201).await["items"].as_array().unwrap().len(), 0);
    let (_, hits) = admin
        .get(&format!("/api/snapshots/{sid}/entries?q=ENTRY-09999"))
        .await;
    assert_eq!(hits["total"], 10);
    assert_eq!(hits["items"][0]["path"], "wide/entry-099990");
}

#[tokio::test]
async fn a_5_gib_sparse_file_downloads_with_range_resume() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    let size: u64 = 5 << 30;
    let mut f = std::fs::File::create(src.path().join("disk.img")).unwrap();
    f.write_all(b"HEAD").unwrap();
    f.seek(SeekFrom::Start(size - 4)).unwrap();
    f.write_all(b"TAIL").unwrap();
    drop(f);
    let sid = backed_up(&app, &admin, src.path()).await;
    let url = format!("/api/snapshots/{sid}/download?path=disk.img");

    // The first attempt breaks off after a few bytes.
    let res = admin.raw(&url, &[]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.content_length(), Some(size));
    let etag = crate::steps::header(&res, "etag");
    let mut body = res.bytes_stream();
    let chunk = body.next().await.unwrap().unwrap();
    assert!(chunk.starts_with(b"HEAD"));
    drop(body);

    // The resumed request gets the rest, from beyond 4 GiB, while the file is unchanged.
    let from = size - 10;
    let res = admin
        .raw(
            &url,
            &[("range", &format!("bytes={from}-")), ("if-range", &etag)],
        )
        .await;
    assert_eq!(res.status(), 206);
    assert_eq!(
        res.headers()["content-range"],
        format!("bytes {from}-{}/{size}", size - 1).as_str()
    );
    let rest = res.bytes().await.unwrap();
    assert_eq!(&rest[..], b"\0\0\0\0\0\0TAIL");
    // A stale validator restarts the download from the beginning instead.
    let res = admin
        .raw(&url, &[("range", "bytes=0-3"), ("if-range", "\"stale\"")])
        .await;
    assert_eq!(res.status(), 200);
}
