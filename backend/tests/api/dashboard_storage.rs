//! `GET /api/dashboard/storage` and the hourly sampler behind it: samples recorded at
//! chosen times give the expected history and "full" date, the real sampler reads statvfs
//! once an hour, old samples are rolled up into daily points, a deleted location's samples
//! go with it, and every client's size of the day follows its jobs' sizes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use backend::db::usage::{record_client_sizes, record_location_sample, Reading};
use backend::scheduler::usage::sample;
use chrono::{DateTime, DurationRound, NaiveDate, TimeDelta, Utc};
use serde_json::{json, Value};

use crate::helpers::*;

const GB: i64 = 1_000_000_000;

fn hour_of(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::hours(1)).unwrap()
}

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

fn reading(used: i64, total: i64) -> Reading {
    Reading {
        used_bytes: used,
        total_bytes: total,
        used_inodes: used / GB,
        total_inodes: 1_000_000,
    }
}

/// A location in a fresh directory; the directory is removed when `offline`.
async fn location(admin: &Api, name: &str, offline: bool) -> (i64, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (s, l) = admin
        .post(
            "/api/locations",
            json!({"name": name, "directory": dir.path().display().to_string()}),
        )
        .await;
    assert_eq!(s, 201, "{l}");
    if offline {
        std::fs::remove_dir(dir.path()).unwrap();
    }
    (l["id"].as_i64().unwrap(), dir)
}

async fn storage(admin: &Api) -> Vec<Value> {
    let (s, body) = admin.get("/api/dashboard/storage").await;
    assert_eq!(s, 200, "{body}");
    body["locations"].as_array().unwrap().clone()
}

fn card(cards: &[Value], id: i64) -> &Value {
    cards
        .iter()
        .find(|c| c["location"]["id"] == id)
        .unwrap_or_else(|| panic!("no location {id} in {cards:?}"))
}

#[tokio::test]
async fn a_straight_line_of_samples_gives_its_full_date_and_daily_history() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    // Offline directories: the forecast then aims at the latest sample's size, which the
    // test chooses (an online one would aim at this machine's disk).
    let (shelf, _d1) = location(&admin, "Shelf", true).await;
    let (short, _d2) = location(&admin, "Attic", true).await;
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let mut c = backend::db::conn(&pool).await.unwrap();
    // Ten days of hourly samples up to the last hour: 1 TB used, 1 GB more each hour, of
    // 2 TB; full 1000 hours after the first sample.
    let first = hour_of(Utc::now()) - TimeDelta::hours(241);
    let mut samples = Vec::new();
    for h in 0..=240 {
        let at = first + TimeDelta::hours(h);
        let r = reading(1_000 * GB + h * GB, 2_000 * GB);
        assert!(record_location_sample(&mut c, shelf, at, &r).await.unwrap());
        samples.push((at, r.used_bytes));
    }
    // Three days of samples are too few for a forecast.
    for h in 0..=72 {
        let at = first + TimeDelta::hours(168 + h);
        record_location_sample(&mut c, short, at, &reading(h * GB, 2_000 * GB))
            .await
            .unwrap();
    }

    let cards = storage(&admin).await;
    let names: Vec<&str> = cards
        .iter()
        .map(|c| c["location"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Attic", "Default", "Shelf"], "by name");
    let s = card(&cards, shelf);
    assert_eq!(s["status"]["online"], false);
    assert_eq!(s["forecast"]["kind"], "full", "{}", s["forecast"]);
    assert_eq!(
        time(&s["forecast"]["at"]),
        first + TimeDelta::hours(1_000),
        "to the second"
    );
    let per_day = s["forecast"]["bytes_per_day"].as_f64().unwrap();
    assert!((per_day - 24.0 * GB as f64).abs() < 1.0, "{per_day}");
    // One point per UTC day: the day's last sample, oldest first.
    let mut want: Vec<(DateTime<Utc>, i64)> = Vec::new();
    for (at, used) in samples {
        match want.last_mut() {
            Some(last) if last.0.date_naive() == at.date_naive() => *last = (at, used),
            _ => want.push((at, used)),
        }
    }
    let got: Vec<(DateTime<Utc>, i64)> = s["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (time(&p["at"]), p["used_bytes"].as_i64().unwrap()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(s["history"][0]["total_bytes"], 2_000 * GB);
    assert_eq!(s["history"][0]["total_inodes"], 1_000_000);

    let a = card(&cards, short);
    assert_eq!(
        a["forecast"]["kind"], "not_enough_data",
        "{}",
        a["forecast"]
    );
    assert_eq!(a["forecast"]["days"], 3.0);
    let d = cards
        .iter()
        .find(|c| c["location"]["name"] == "Default")
        .unwrap();
    assert_eq!(d["status"]["online"], true);
    assert_eq!(d["history"], json!([]));
    assert_eq!(
        d["forecast"],
        json!({"kind": "not_enough_data", "days": 0.0})
    );
}

#[tokio::test]
async fn the_sampler_reads_statvfs_once_an_hour() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (here, dir) = location(&admin, "Here", false).await;
    let (_gone, _d) = location(&admin, "Gone", true).await;
    let pool = backend::db::build_pool(&app.db_url, 2).unwrap();
    let now = hour_of(Utc::now()) + TimeDelta::minutes(1);

    let fs = nix::sys::statvfs::statvfs(dir.path()).unwrap();
    let done = sample(&pool, now).await.unwrap();
    assert_eq!((done.locations, done.unreadable), (2, 1), "{done:?}");
    let cards = storage(&admin).await;
    let h = &card(&cards, here)["history"];
    assert_eq!(h.as_array().unwrap().len(), 1, "{h}");
    assert_eq!(time(&h[0]["at"]), hour_of(now));
    let block = fs.fragment_size() as i64;
    let total = fs.blocks() as i64 * block;
    let used = total - fs.blocks_available() as i64 * block;
    assert_eq!(h[0]["total_bytes"], total);
    // Other processes write to this disk meanwhile: within 256 MB.
    let got = h[0]["used_bytes"].as_i64().unwrap();
    assert!((got - used).abs() < 256 << 20, "{got} vs {used}");
    assert_eq!(h[0]["total_inodes"], fs.files() as i64);
    let inodes = fs.files() as i64 - fs.files_available() as i64;
    assert!((h[0]["used_inodes"].as_i64().unwrap() - inodes).abs() < 100_000);

    // Again within the hour: nothing new (as another server sharing the database).
    let again = sample(&pool, now + TimeDelta::minutes(30)).await.unwrap();
    assert_eq!(again.locations, 0, "{again:?}");
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let n: i64 = db
        .query_one("SELECT count(*) FROM location_usage", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 2, "Here and Default, once");
}

#[tokio::test]
async fn old_hourly_samples_become_daily_points_and_expire_after_a_year() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, _d) = location(&admin, "Old", true).await;
    let pool = backend::db::build_pool(&app.db_url, 2).unwrap();
    let mut c = backend::db::conn(&pool).await.unwrap();
    let now = Utc::now();
    let day = (now - TimeDelta::days(40)).date_naive();
    let midnight = day.and_hms_opt(0, 0, 0).unwrap().and_utc();
    for (h, used) in [(2, 5), (9, 7), (23, 6)] {
        let at = midnight + TimeDelta::hours(h);
        record_location_sample(&mut c, loc, at, &reading(used * GB, 100 * GB))
            .await
            .unwrap();
    }
    // A sample of 400 days ago, and a client's size of then: past the year kept.
    record_location_sample(
        &mut c,
        loc,
        hour_of(now - TimeDelta::days(400)),
        &reading(GB, 100 * GB),
    )
    .await
    .unwrap();
    let (_, client) = admin.post("/api/clients", ssh_client("old")).await;
    record_client_sizes(&mut c, (now - TimeDelta::days(400)).date_naive())
        .await
        .unwrap();

    let done = sample(&pool, now).await.unwrap();
    assert_eq!(done.rolled_up.hourly_deleted, 4, "{done:?}");
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let rows: Vec<(bool, DateTime<Utc>, i64)> = db
        .query(
            "SELECT daily, at, used_bytes FROM location_usage WHERE location_id = $1",
            &[&loc],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(rows, [(true, midnight, 6 * GB)], "the day's last sample");
    let cards = storage(&admin).await;
    let h = &card(&cards, loc)["history"];
    assert_eq!(
        (time(&h[0]["at"]), &h[0]["used_bytes"]),
        (midnight, &json!(6 * GB))
    );
    let sql = "SELECT day FROM client_usage WHERE client_id = $1";
    let days: Vec<NaiveDate> = column(&db, sql, &[&client["id"].as_i64().unwrap()]).await;
    assert_eq!(
        days,
        [now.date_naive()],
        "today's size; the old one is gone"
    );
}

#[tokio::test]
async fn a_deleted_location_takes_its_samples_along() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, _d) = location(&admin, "Brief", false).await;
    let pool = backend::db::build_pool(&app.db_url, 2).unwrap();
    sample(&pool, Utc::now()).await.unwrap();
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let count = async || -> i64 {
        db.query_one(
            "SELECT count(*) FROM location_usage WHERE location_id = $1",
            &[&loc],
        )
        .await
        .unwrap()
        .get(0)
    };
    assert_eq!(count().await, 1);
    assert_eq!(admin.delete(&format!("/api/locations/{loc}")).await.0, 204);
    assert_eq!(count().await, 0);
}

/// Waits until the job's size is the disk usage of its store (recorded after the run by a
/// walk in the background); returns it.
async fn settled_size(admin: &Api, store: &Path, jid: i64) -> i64 {
    let exact = backend::engine::usage::disk_usage(store) as i64;
    for _ in 0..200 {
        let size = admin.get(&format!("/api/jobs/{jid}")).await.1["size_bytes"]
            .as_i64()
            .unwrap();
        if size == exact {
            return size;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {jid} never weighed {exact}");
}

#[tokio::test]
async fn a_client_weighs_the_sum_of_its_jobs_each_day() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("a.bin"), vec![3u8; 300_000]).unwrap();
    let jid = crate::faults::local_job(&app, &admin, src.path()).await;
    assert_eq!(crate::engine::run(&admin, jid).await["result"], "ok");
    let (_, j) = admin.get(&format!("/api/jobs/{jid}")).await;
    let cid = j["client"]["id"].as_i64().unwrap();
    let (_, l) = admin
        .get(&format!("/api/locations/{}", j["location"]["id"]))
        .await;
    let store = PathBuf::from(l["directory"].as_str().unwrap()).join(format!("{cid}/{jid}"));
    let size = settled_size(&admin, &store, jid).await;
    assert!(size > 300_000, "{size}");
    let (_, empty) = admin.post("/api/clients", ssh_client("empty")).await;

    let pool = backend::db::build_pool(&app.db_url, 2).unwrap();
    let now = Utc::now();
    assert_eq!(sample(&pool, now).await.unwrap().clients, 2);
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let sizes: Vec<(i64, NaiveDate, i64)> = db
        .query(
            "SELECT client_id, day, size_bytes FROM client_usage ORDER BY client_id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let today = now.date_naive();
    let (_, c) = admin.get(&format!("/api/clients/{cid}")).await;
    assert_eq!(c["size_bytes"], size, "the API's figure too");
    assert_eq!(
        sizes,
        [
            (cid, today, size),
            (empty["id"].as_i64().unwrap(), today, 0)
        ]
    );
}

#[tokio::test]
async fn storage_needs_a_signed_in_user() {
    let app = spawn_app().await;
    assert_eq!(app.anon().get("/api/dashboard/storage").await.0, 401);
    let op = app.user("olga", shared::Role::Operator).await;
    assert_eq!(
        op.get("/api/dashboard/storage").await.0,
        200,
        "operators too"
    );
}
