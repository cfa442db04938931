//! Every migration applies, reverts and re-applies cleanly.

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
