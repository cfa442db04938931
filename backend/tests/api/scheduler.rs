//! The scheduler and the queue against real PostgreSQL: a simulated week of minute ticks,
//! catch-up and level merging, the limits checked from the runs' timestamps.

use std::collections::{BTreeMap, HashMap};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use serde_json::{json, Value};

use crate::helpers::*;

/// A stand-in for rsync that appends its destination to `<dir>/calls`, sleeps the seconds
/// in `<dir>/sleep` (0 when absent) and succeeds.
pub fn counting_rsync(dir: &Path) -> PathBuf {
    let path = dir.join("counting-rsync");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nd={}\nif [ \"$1\" = --version ]; then echo 'rsync  version 0.0 (fake)'; exit 0; fi\n\
             for a; do last=$a; done\necho \"$last\" >> $d/calls\n\
             if [ -f $d/sleep ]; then sleep $(cat $d/sleep); fi\n\
             echo 'Number of files: 1 (reg: 1)'\necho 'Number of regular files transferred: 1'\n\
             echo 'Total file size: 1 bytes'\nexit 0\n",
            dir.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The run ids in the `calls` file of a counting rsync, one per invocation.
pub fn called_runs(dir: &Path) -> Vec<i64> {
    std::fs::read_to_string(dir.join("calls"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let after = l.split(".inprogress/").nth(1)?;
            after.split('/').next()?.parse().ok()
        })
        .collect()
}

/// A direct connection to the app's database.
pub async fn db_of(app: &TestApp) -> tokio_postgres::Client {
    pg(app.db_url.rsplit('/').next().unwrap()).await
}

/// An app started with `opts`, with its admin, a direct database connection and the ids of
/// the default location and policy.
pub struct Setup {
    pub app: TestApp,
    pub admin: Api,
    pub db: tokio_postgres::Client,
    pub loc: i64,
    pub policy: i64,
}

pub async fn setup(opts: AppOptions) -> Setup {
    let app = spawn_app_with(opts).await;
    let admin = app.admin().await;
    let db = db_of(&app).await;
    let (loc, policy) = app.defaults(&admin).await;
    Setup {
        app,
        admin,
        db,
        loc,
        policy,
    }
}

/// Options without a dispatcher: runs stay queued, for the scheduler's arithmetic alone.
fn no_dispatcher() -> AppOptions {
    AppOptions {
        dispatcher: false,
        ..AppOptions::default()
    }
}

/// Creates `clients` local clients with `jobs_each` jobs (source: `source`) straight in the
/// database; returns the job ids grouped by client.
pub async fn bulk_jobs(
    db: &tokio_postgres::Client,
    clients: usize,
    jobs_each: usize,
    source: &Path,
    location: i64,
    policy: i64,
) -> Vec<(i64, Vec<i64>)> {
    let mut out = Vec::new();
    for c in 0..clients {
        let cid: i64 = db
            .query_one(
                "INSERT INTO clients (name, connection) VALUES ($1, '{\"kind\":\"local\"}') RETURNING id",
                &[&format!("bulk-{c}-{}", uuid::Uuid::new_v4().simple())],
            )
            .await
            .unwrap()
            .get(0);
        let mut jobs = Vec::new();
        for j in 0..jobs_each {
            let jid: i64 = db
                .query_one(
                    "INSERT INTO jobs (client_id, name, source_path, policy_id, location_id, use_local_permissions) \
                     VALUES ($1, $2, $3, $4, $5, false) RETURNING id",
                    &[&cid, &format!("job-{j}"), &format!("{}/", source.display()), &policy, &location],
                )
                .await
                .unwrap()
                .get(0);
            jobs.push(jid);
        }
        out.push((cid, jobs));
    }
    out
}

/// Waits until no run is unfinished.
pub async fn wait_queue_empty(db: &tokio_postgres::Client, secs: u64) {
    for _ in 0..secs * 10 {
        let n: i64 = db
            .query_one("SELECT count(*) FROM runs WHERE state <> 'finished'", &[])
            .await
            .unwrap()
            .get(0);
        if n == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("runs still unfinished after {secs} s");
}

fn level(times: &[&str], dow: &[u8], dom: &[u8]) -> Value {
    json!({"enabled": true, "keep": 3, "times": times, "days_of_week": dow, "days_of_month": dom, "months": []})
}

#[tokio::test]
async fn a_simulated_week_of_minute_ticks_queues_exactly_the_planned_runs() {
    let Setup {
        app,
        admin,
        db,
        loc,
        policy: default_policy,
    } = setup(no_dispatcher()).await;
    let off = json!({"enabled": false, "keep": 1, "times": [], "days_of_week": [], "days_of_month": [], "months": []});
    let mut policies = vec![default_policy];
    for (i, schedule) in [
        json!({"hourly": level(&["09:00", "13:00", "17:00"], &[], &[]), "daily": off, "weekly": off, "monthly": off, "yearly": off}),
        json!({"hourly": off, "daily": level(&["03:30"], &[], &[]), "weekly": off, "monthly": level(&["03:30"], &[], &[1]), "yearly": off}),
        json!({"hourly": off, "daily": off, "weekly": level(&["23:00"], &[7], &[]), "monthly": off, "yearly": off}),
        json!({"hourly": level(&["00:00", "12:00"], &[1, 3, 5], &[]), "daily": level(&["12:00"], &[], &[]), "weekly": off, "monthly": off, "yearly": off}),
    ]
    .into_iter()
    .enumerate()
    {
        let (s, p) = admin
            .post("/api/policies", json!({"name": format!("p{i}"), "schedule": schedule}))
            .await;
        assert_eq!(s, 201, "{p}");
        policies.push(p["id"].as_i64().unwrap());
    }
    let src = tempfile::tempdir().unwrap();
    // 50 active jobs over 5 clients, 10 per policy; and jobs that must never be queued.
    let mut job_policy: HashMap<i64, i64> = HashMap::new();
    for (i, &p) in policies.iter().enumerate() {
        for (_, jobs) in bulk_jobs(&db, 1, 10, src.path(), loc, p).await {
            for j in jobs {
                job_policy.insert(j, p);
            }
        }
        let inactive = bulk_jobs(&db, 1, 2, src.path(), loc, p).await;
        db.execute(
            "UPDATE jobs SET active = false WHERE id = $1",
            &[&inactive[0].1[0]],
        )
        .await
        .unwrap();
        db.execute(
            "UPDATE clients SET active = false WHERE id = $1",
            &[&inactive[0].0],
        )
        .await
        .unwrap();
        let _ = i;
    }
    assert_eq!(job_policy.len(), 50);

    // Wednesday 25 November 2026 to Wednesday 2 December (a 1st of the month inside).
    let start = Madrid.with_ymd_and_hms(2026, 11, 25, 0, 0, 0).unwrap();
    let minutes = 7 * 24 * 60;
    for m in 0..=minutes {
        let now =
            start.with_timezone(&Utc) + chrono::Duration::minutes(m) + chrono::Duration::seconds(3);
        let report = backend::scheduler::tick::tick(&app.engine, now)
            .await
            .unwrap();
        assert!(report.evaluated, "minute {m} evaluated");
        assert_eq!(report.missed_minutes, 0);
        if !report.runs.is_empty() {
            // The runs "execute" at once, so that the next hit queues a new run.
            db.execute(
                "UPDATE runs SET state = 'finished', result = 'ok', finished_at = now() WHERE state = 'queued'",
                &[],
            )
            .await
            .unwrap();
        }
    }
    // The same minute again (a second server): nothing more.
    let again = backend::scheduler::tick::tick(
        &app.engine,
        start.with_timezone(&Utc) + chrono::Duration::minutes(minutes),
    )
    .await
    .unwrap();
    assert!(!again.evaluated);

    let mut got: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in db
        .query("SELECT job_id, array_to_string(levels, '+') FROM runs WHERE trigger = 'schedule' ORDER BY id", &[])
        .await
        .unwrap()
    {
        got.entry(row.get(0)).or_default().push(row.get(1));
    }
    let end = start + chrono::Duration::minutes(minutes);
    let mut expected: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut schedules = HashMap::new();
    for &p in &policies {
        let (_, pol) = admin.get(&format!("/api/policies/{p}")).await;
        let s: shared::policies::Schedule =
            serde_json::from_value(pol["schedule"].clone()).unwrap();
        schedules.insert(p, s);
    }
    for (&j, p) in &job_policy {
        // Runs strictly after the first evaluated minute's window opened.
        let from = start - chrono::Duration::minutes(1);
        let planned: Vec<String> = shared::policies::next_runs(&schedules[p], &from, 500)
            .into_iter()
            .filter(|r| r.at <= end)
            .map(|r| {
                r.levels
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect();
        if !planned.is_empty() {
            expected.insert(j, planned);
        }
    }
    assert_eq!(got, expected);
    let total: usize = got.values().map(Vec::len).sum();
    assert!(total > 300, "a meaningful week: {total} runs");
}

#[tokio::test]
async fn catch_up_after_downtime_queues_each_missed_level_once_and_merges_into_queued_runs() {
    let Setup {
        app,
        admin,
        db,
        loc,
        policy,
    } = setup(no_dispatcher()).await;
    let src = tempfile::tempdir().unwrap();
    let jobs = bulk_jobs(&db, 1, 2, src.path(), loc, policy).await;
    let (j1, j2) = (jobs[0].1[0], jobs[0].1[1]);
    // Last evaluated: Sunday 22 November noon. Server back on Wednesday 25th at 10:00.
    let last = Madrid
        .with_ymd_and_hms(2026, 11, 22, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    db.execute("UPDATE scheduler_state SET last_tick = $1", &[&last])
        .await
        .unwrap();
    // Job 1 was queued by hand before (no levels yet): the catch-up merges into it.
    let (s, manual) = admin.post(&format!("/api/jobs/{j1}/run"), json!({})).await;
    assert_eq!(s, 202);
    let now = Madrid
        .with_ymd_and_hms(2026, 11, 25, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let r = backend::scheduler::tick::tick(&app.engine, now)
        .await
        .unwrap();
    assert_eq!(r.missed_minutes, (now - last).num_minutes() - 1);
    let rows = db
        .query(
            "SELECT id, job_id, array_to_string(levels, '+'), trigger FROM runs ORDER BY job_id",
            &[],
        )
        .await
        .unwrap();
    let seen: Vec<(i64, String, String)> = rows
        .iter()
        .map(|r| (r.get(1), r.get(2), r.get(3)))
        .collect();
    assert_eq!(
        seen,
        [
            (j1, "daily+weekly".to_string(), "manual".to_string()),
            (j2, "daily+weekly".to_string(), "schedule".to_string()),
        ]
    );
    assert_eq!(
        rows[0].get::<_, i64>(0),
        manual["id"].as_i64().unwrap(),
        "merged, not a second run"
    );
    // Logged for the administrator.
    let n: i64 = db
        .query_one(
            "SELECT count(*) FROM log_records WHERE code = 'catch_up'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
    // A running job gets one follow-up run with the new levels; a second hit merges into it.
    db.execute(
        "UPDATE runs SET state = 'running' WHERE job_id = $1",
        &[&j1],
    )
    .await
    .unwrap();
    let (s, follow) = admin.post(&format!("/api/jobs/{j1}/run"), json!({})).await;
    assert_eq!(s, 202);
    let (s, again) = admin.post(&format!("/api/jobs/{j1}/run"), json!({})).await;
    assert_eq!(s, 202);
    assert_eq!(follow["id"], again["id"]);
    assert_ne!(
        follow["id"].as_i64().unwrap(),
        manual["id"].as_i64().unwrap()
    );
    assert_eq!(follow["state"], "queued");
}

/// A run's (client, location, start, end).
type Interval = (i64, i64, chrono::DateTime<Utc>, chrono::DateTime<Utc>);

/// Runs' (client, location, start, end) from the database.
async fn intervals(db: &tokio_postgres::Client) -> Vec<Interval> {
    db.query(
        "SELECT j.client_id, j.location_id, r.started_at, r.finished_at FROM runs r JOIN jobs j ON j.id = r.job_id",
        &[],
    )
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
    .collect()
}

#[tokio::test]
async fn limits_are_never_exceeded() {
    let fake = tempfile::tempdir().unwrap();
    std::fs::write(fake.path().join("sleep"), "0.3").unwrap();
    let Setup {
        app: _app,
        admin,
        db,
        loc: loc1,
        policy,
    } = setup(AppOptions {
        rsync: Some(counting_rsync(fake.path())),
        ..AppOptions::default()
    })
    .await;
    let dir2 = tempfile::tempdir().unwrap();
    let (s, l2) = admin
        .post("/api/locations", json!({"name": "second", "directory": dir2.path().display().to_string(), "max_parallel_jobs": 1}))
        .await;
    assert_eq!(s, 201, "{l2}");
    let loc2 = l2["id"].as_i64().unwrap();
    db.execute("UPDATE settings SET max_parallel_jobs = 2", &[])
        .await
        .unwrap();
    db.execute("UPDATE backup_locations SET max_parallel_jobs = 1", &[])
        .await
        .unwrap();
    let src = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for (i, (_, jobs)) in bulk_jobs(&db, 3, 4, src.path(), loc1, policy)
        .await
        .into_iter()
        .enumerate()
    {
        for (k, j) in jobs.iter().enumerate() {
            if (i + k) % 2 == 1 {
                db.execute(
                    "UPDATE jobs SET location_id = $1 WHERE id = $2",
                    &[&loc2, j],
                )
                .await
                .unwrap();
            }
            all.push(*j);
        }
    }
    let (s, runs) = admin.post("/api/jobs/run", json!({"job_ids": all})).await;
    assert_eq!(s, 202, "{runs}");
    wait_queue_empty(&db, 60).await;
    let iv = intervals(&db).await;
    assert_eq!(iv.len(), 12);
    let mut max_total = 0;
    for (_, _, start, _) in &iv {
        let at = |f: &dyn Fn(&Interval) -> bool| {
            iv.iter()
                .filter(|x| x.2 <= *start && *start < x.3 && f(x))
                .count()
        };
        let total = at(&|_| true);
        max_total = max_total.max(total);
        assert!(total <= 2, "global limit 2 exceeded at {start}");
        for c in iv.iter().map(|x| x.0) {
            assert!(at(&|x| x.0 == c) <= 1, "client limit exceeded at {start}");
        }
        for l in [loc1, loc2] {
            assert!(at(&|x| x.1 == l) <= 1, "location limit exceeded at {start}");
        }
    }
    assert_eq!(
        max_total, 2,
        "the limits allow two at once, and two ran at once"
    );
    let results: Vec<String> = column(&db, "SELECT result FROM runs", &[]).await;
    assert!(results.iter().all(|r| r == "ok"), "{results:?}");
}
