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
