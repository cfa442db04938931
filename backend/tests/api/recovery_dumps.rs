//! Catalog dumps into the locations: written durably and privately with the location's
//! identity and the key copies, pruned to `keep` without touching other files, due once a
//! day (checked hourly), written after migrations at start, refused where another
//! catalog's dumps are, and a failure logged where an administrator sees it. Real
//! PostgreSQL and `pg_dump`.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use backend::catalog::{self, files, names, Setup, Which};
use chrono::{DurationRound, TimeDelta, Utc};
use serde_json::json;

use crate::helpers::*;

/// The app's default location directory.
pub async fn location_dir(app: &TestApp, admin: &Api) -> PathBuf {
    let (loc, _) = app.defaults(admin).await;
    let (_, l) = admin.get(&format!("/api/locations/{loc}")).await;
    PathBuf::from(l["directory"].as_str().unwrap())
}

/// The dump setup of a test app.
pub fn setup(app: &TestApp, keep: u32) -> Setup {
    Setup {
        url: app.db_url.clone(),
        bin_dir: None,
        data_dir: app._data_dir.path().to_owned(),
        keep,
    }
}

/// The dumps in a location, oldest first.
pub fn dumps(location: &Path) -> Vec<String> {
    let mut n: Vec<String> = files::names_in(&files::catalog_dir(location))
        .unwrap()
        .into_iter()
        .filter(|n| names::dump_time(n).is_some())
        .collect();
    n.sort();
    n
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

async fn log_details(app: &TestApp, code: &str) -> Vec<(String, String, String)> {
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    db.query(
        "SELECT level, source, detail FROM log_records WHERE code = $1 ORDER BY id",
        &[&code],
    )
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2)))
    .collect()
}

#[tokio::test]
async fn a_dump_is_private_restorable_and_pruned_to_keep() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (s, c) = admin
        .post(
            "/api/clients",
            json!({"name": "here", "connection": {"kind": "local"}}),
        )
        .await;
    assert_eq!(s, 201, "{c}");
    let cid = c["id"].as_i64().unwrap();
    let loc = location_dir(&app, &admin).await;
    let cat = files::catalog_dir(&loc);
    std::fs::create_dir_all(&cat).unwrap();
    for n in [
        "catalog-2026-01-01T030000Z.dump",
        "catalog-2026-01-02T030000Z.dump",
        "catalog-2026-01-03T030000Z.dump",
        "notes.txt",
    ] {
        std::fs::write(cat.join(n), n).unwrap();
    }
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let out = catalog::write(&setup(&app, 2), &pool, Which::All).await;
    assert!(out.failed.is_empty() && out.refused.is_empty(), "{out:?}");
    assert_eq!(out.written.len(), 1);
    let written = out.written[0].clone();
    let name = written.file_name().unwrap().to_str().unwrap().to_owned();
    assert_eq!(
        dumps(&loc),
        ["catalog-2026-01-03T030000Z.dump".to_owned(), name]
    );
    assert!(cat.join("notes.txt").exists(), "only dumps are pruned");
    assert_eq!(mode(&files::own_dir(&loc)), 0o700);
    assert_eq!(mode(&written), 0o600);
    // A real custom-format dump of the catalog.
    let list = std::process::Command::new("pg_restore")
        .arg("--list")
        .arg(&written)
        .output()
        .unwrap();
    assert!(list.status.success());
    assert!(String::from_utf8_lossy(&list.stdout).contains("TABLE DATA public clients"));
    // The location's identity, and the client's key pair beside it.
    let f = files::read_location_file(&loc).unwrap();
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let id: String = db
        .query_one("SELECT catalog_id::text FROM catalog_identity", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!((f.catalog_id.to_string(), f.name.as_str()), (id, "Default"));
    let keys = files::keys_dir(&loc);
    assert_eq!(mode(&keys), 0o700);
    let private = keys.join(format!("client-{cid}"));
    assert_eq!(mode(&private), 0o600);
    assert_eq!(
        std::fs::read(&private).unwrap(),
        std::fs::read(app._data_dir.path().join(format!("keys/client-{cid}"))).unwrap()
    );
    assert_eq!(
        std::fs::read_to_string(keys.join(format!("client-{cid}.pub")))
            .unwrap()
            .trim(),
        c["public_key"].as_str().unwrap()
    );
    // The restore key pair goes with it.
    assert_eq!(
        std::fs::read(keys.join(format!("client-{cid}-restore"))).unwrap(),
        std::fs::read(
            app._data_dir
                .path()
                .join(format!("keys/client-{cid}-restore"))
        )
        .unwrap()
    );
    assert_eq!(
        std::fs::read_to_string(keys.join(format!("client-{cid}-restore.pub")))
            .unwrap()
            .trim(),
        c["restore_public_key"].as_str().unwrap()
    );
}

#[tokio::test]
async fn the_hourly_check_dumps_a_location_once_a_day() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let loc = location_dir(&app, &admin).await;
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let dumper = backend::scheduler::catalog::Dumper::new(setup(&app, 7));
    let hour = Utc::now().duration_trunc(TimeDelta::hours(1)).unwrap();
    let check = |h: i64, m: i64| hour + TimeDelta::hours(h) + TimeDelta::minutes(m);
    dumper.tick(&pool, check(0, 0)).unwrap().await.unwrap();
    assert_eq!(dumps(&loc).len(), 1, "none yet: due at once");
    assert!(
        dumper.tick(&pool, check(0, 30)).is_none(),
        "checked once an hour"
    );
    dumper.tick(&pool, check(1, 0)).unwrap().await.unwrap();
    assert_eq!(dumps(&loc).len(), 1, "a fresh dump is not due");
    // The dump is made older: 23 hours at the next check, 24 at the one after.
    let cat = files::catalog_dir(&loc);
    let old = names::dump_name(check(2, 0) - TimeDelta::hours(23));
    std::fs::rename(cat.join(&dumps(&loc)[0]), cat.join(&old)).unwrap();
    dumper.tick(&pool, check(2, 0)).unwrap().await.unwrap();
    assert_eq!(
        dumps(&loc),
        std::slice::from_ref(&old),
        "23 hours old: not due"
    );
    dumper.tick(&pool, check(3, 0)).unwrap().await.unwrap();
    let after = dumps(&loc);
    assert_eq!(after.len(), 2, "24 hours old: due");
    assert_eq!(after[0], old);
}

#[tokio::test]
async fn a_dump_follows_migrations_at_start() {
    let (url, _) = fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let loc = dir.path().join("disk");
    std::fs::create_dir(&loc).unwrap();
    let db = pg(url.rsplit('/').next().unwrap()).await;
    db.execute(
        "INSERT INTO backup_locations (name, directory) VALUES ('Disk', $1)",
        &[&loc.to_str().unwrap()],
    )
    .await
    .unwrap();
    backend::db::revert_last_migration(&url).await.unwrap();
    let config = backend::config::Config {
        database_url: Some(url.clone()),
        data_dir: dir.path().join("data"),
        ..backend::config::Config::default()
    };
    let opened = backend::startup::open_database(&config).await.unwrap();
    assert_eq!(opened.migrations_applied, 1);
    assert_eq!(dumps(&loc).len(), 1, "dumped right after the migration");
    // Nothing to apply: no dump.
    let again = backend::startup::open_database(&config).await.unwrap();
    assert_eq!(again.migrations_applied, 0);
    assert_eq!(dumps(&loc).len(), 1);
}

#[tokio::test]
async fn a_failed_dump_says_why_in_the_logs() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let loc = location_dir(&app, &admin).await;
    // A pg_dump older than the server.
    let bin = tempfile::tempdir().unwrap();
    let fake = bin.path().join("pg_dump");
    std::fs::write(&fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let mut s = setup(&app, 7);
    s.bin_dir = Some(bin.path().to_owned());
    let out = catalog::write(&s, &pool, Which::All).await;
    catalog::record(&pool, &out).await;
    assert!(out.written.is_empty());
    assert!(dumps(&loc).is_empty());
    let logged = log_details(&app, "catalog_dump_failed").await;
    assert_eq!(logged.len(), 1, "{logged:?}");
    let (level, source, detail) = &logged[0];
    assert_eq!((level.as_str(), source.as_str()), ("warning", "system"));
    assert!(detail.contains("pg_dump 9 cannot dump"), "{detail}");
    assert!(detail.contains("postgresql-client-"), "{detail}");
    assert!(detail.contains(loc.to_str().unwrap()), "{detail}");
}

#[tokio::test]
async fn another_catalogs_dumps_are_left_alone() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let loc = location_dir(&app, &admin).await;
    let other = uuid::Uuid::new_v4();
    files::write_location_file(
        &loc,
        &files::LocationFile {
            format: 1,
            catalog_id: other,
            location_id: 1,
            name: "Default".into(),
            written_at: Utc::now(),
        },
    )
    .unwrap();
    let theirs = files::catalog_dir(&loc);
    std::fs::create_dir_all(&theirs).unwrap();
    std::fs::write(theirs.join("catalog-2026-01-01T030000Z.dump"), "theirs").unwrap();
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let out = catalog::write(&setup(&app, 1), &pool, Which::All).await;
    catalog::record(&pool, &out).await;
    assert_eq!(out.refused, [(loc.clone(), other)]);
    assert_eq!(
        dumps(&loc),
        ["catalog-2026-01-01T030000Z.dump"],
        "not pruned either"
    );
    assert_eq!(files::read_location_file(&loc).unwrap().catalog_id, other);
    let logged = log_details(&app, "catalog_dump_refused").await;
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert!(logged[0].2.contains("elkarbackup recover"), "{logged:?}");
}
