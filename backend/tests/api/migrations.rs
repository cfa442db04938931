//! Every migration applies, reverts and re-applies cleanly; migration 000008 keeps jobs
//! and backfills snapshots; migration 000009 unsets languages and marks the seeded policies.
use crate::helpers::*;

async fn tables(db: &str) -> Vec<String> {
    let c = pg(db).await;
    c.query(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations' ORDER BY 1",
        &[],
    )
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect()
}

#[tokio::test]
async fn up_down_up() {
    let (url, name) = fresh_database().await;
    let before = tables(&name).await;
    assert!(before.contains(&"users".to_string()), "{before:?}");
    let reverted = backend::db::revert_all_migrations(&url).await.unwrap();
    assert!(reverted >= 1);
    assert!(
        tables(&name).await.is_empty(),
        "down.sql leaves nothing behind"
    );
    let applied = backend::db::run_migrations(&url).await.unwrap();
    assert_eq!(applied, reverted);
    assert_eq!(tables(&name).await, before);
}

async fn languages(c: &tokio_postgres::Client) -> Vec<Option<String>> {
    c.query("SELECT language FROM users ORDER BY username", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// Reverts migrations until 000009 (the one adding `policies.preset`) is undone.
async fn revert_through_000009(url: &str, c: &tokio_postgres::Client) {
    loop {
        backend::db::revert_last_migration(url).await.unwrap();
        let left = c
            .query(
                "SELECT 1 FROM information_schema.columns \
                 WHERE table_name = 'policies' AND column_name = 'preset'",
                &[],
            )
            .await
            .unwrap();
        if left.is_empty() {
            return;
        }
    }
}

/// Migration 000009: every stored language becomes "not chosen", the four seeded policies
/// get their preset key unless an admin had edited them; the down migration gives English
/// back.
#[tokio::test]
async fn user_language_unset_migration() {
    let (url, name) = fresh_database().await;
    let c = pg(&name).await;
    revert_through_000009(&url, &c).await;
    c.batch_execute(
        "INSERT INTO users (username, password_hash, role, language) VALUES ('ane', 'x', 'admin', 'es'); \
         INSERT INTO users (username, password_hash, role) VALUES ('jon', 'x', 'operator'); \
         UPDATE policies SET description = 'ours', updated_at = now() + interval '1 second' \
          WHERE name = 'At 21:00, 7 days a week';",
    )
    .await
    .unwrap();
    assert_eq!(languages(&c).await, [Some("es".into()), Some("en".into())]);

    assert!(backend::db::run_migrations(&url).await.unwrap() >= 1);
    assert_eq!(languages(&c).await, [None, None]);
    let presets: Vec<(String, Option<String>)> = c
        .query("SELECT name, preset FROM policies ORDER BY id", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let keys: Vec<Option<&str>> = presets.iter().map(|(_, p)| p.as_deref()).collect();
    assert_eq!(
        keys,
        [
            Some("default"),
            Some("weekdays_three_times"),
            None, // edited before the migration: the admin's text stays
            Some("weekdays_long_term")
        ],
        "{presets:?}"
    );
    // New users get no language by default.
    c.batch_execute(
        "INSERT INTO users (username, password_hash, role) VALUES ('miren', 'x', 'operator')",
    )
    .await
    .unwrap();

    revert_through_000009(&url, &c).await;
    assert_eq!(
        languages(&c).await,
        [Some("en".into()), Some("en".into()), Some("en".into())]
    );
}

/// Migration 000008: new jobs default to exact permissions, existing jobs keep theirs, and
/// existing snapshots are marked from their job's current setting (the best knowledge).
#[tokio::test]
async fn exact_permissions_migration_keeps_jobs_and_backfills_snapshots() {
    const UP: &str = include_str!("../../../migrations/2026-12-06-000008_exact_permissions/up.sql");
    const DOWN: &str =
        include_str!("../../../migrations/2026-12-06-000008_exact_permissions/down.sql");
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, client) = admin.post("/api/clients", ssh_client("m")).await;
    let cid = client["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for (name, rewrite) in [("rewritten", true), ("exact", false)] {
        let mut body = job(cid, name, loc, pol);
        body["use_local_permissions"] = serde_json::json!(rewrite);
        let (s, j) = admin.post("/api/jobs", body).await;
        assert_eq!(s, 201, "{j}");
        ids.push(j["id"].as_i64().unwrap());
    }
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    // Back to before the migration, with a snapshot of each job.
    db.batch_execute(DOWN).await.unwrap();
    for id in &ids {
        db.execute(
            "INSERT INTO snapshots (job_id, location_id, name, taken_at, store_path) \
             VALUES ($1, $2, 'old', now(), $3)",
            &[id, &loc, &format!("{cid}/{id}")],
        )
        .await
        .unwrap();
    }
    let insert_job = "INSERT INTO jobs (client_id, name, source_path, policy_id, location_id) \
                      VALUES ($1, $2, '/x/', $3, $4) RETURNING use_local_permissions";
    let before: bool = db
        .query_one(insert_job, &[&cid, &"before", &pol, &loc])
        .await
        .unwrap()
        .get(0);
    assert!(before, "the old default rewrote permissions");
    db.batch_execute(UP).await.unwrap();
    let marked: Vec<(i64, bool)> = db
        .query(
            "SELECT job_id, rewritten_permissions FROM snapshots ORDER BY job_id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(marked, vec![(ids[0], true), (ids[1], false)]);
    let kept: bool = db
        .query_one(
            "SELECT use_local_permissions FROM jobs WHERE name = 'before'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(kept, "existing jobs keep their value");
    let after: bool = db
        .query_one(insert_job, &[&cid, &"after", &pol, &loc])
        .await
        .unwrap()
        .get(0);
    assert!(!after, "new jobs keep permissions exactly");
}
