//! Every migration applies, reverts and re-applies cleanly; migration 000008 keeps jobs
//! and backfills snapshots; migration 000009 unsets languages and marks the seeded policies;
//! every state-like text column (000010 and earlier) accepts exactly its enum's names.
use crate::helpers::*;

async fn tables(db: &str) -> Vec<String> {
    let sql = "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations' ORDER BY 1";
    column(&pg(db).await, sql, &[]).await
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
    column(c, "SELECT language FROM users ORDER BY username", &[]).await
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

/// Migration 000017: clients made before restricted keys keep their plain key (their
/// installed line is a plain one); clients made after start restricted, confined to `/`.
#[tokio::test]
async fn clients_before_restricted_keys_stay_plain() {
    let (url, name) = fresh_database().await;
    let c = pg(&name).await;
    loop {
        backend::db::revert_last_migration(&url).await.unwrap();
        let left = c
            .query(
                "SELECT 1 FROM information_schema.columns \
                 WHERE table_name = 'clients' AND column_name = 'key_mode'",
                &[],
            )
            .await
            .unwrap();
        if left.is_empty() {
            break;
        }
    }
    c.batch_execute("INSERT INTO clients (name, connection) VALUES ('old', '{}')")
        .await
        .unwrap();
    backend::db::run_migrations(&url).await.unwrap();
    c.batch_execute("INSERT INTO clients (name, connection) VALUES ('new', '{}')")
        .await
        .unwrap();
    let modes: Vec<(String, String, String)> = c
        .query(
            "SELECT name, key_mode, key_root FROM clients ORDER BY id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let want = |n: &str, m: &str| (n.to_owned(), m.to_owned(), "/".to_owned());
    assert_eq!(modes, [want("old", "plain"), want("new", "rrsync")]);
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

/// The wire names of a `shared` enum.
fn names<T: shared::text::TextEnum>() -> Vec<&'static str> {
    T::variants().iter().map(|v| v.wire()).collect()
}

/// Inserts each name, then a made-up one, into `column` of a constraint-only copy of
/// `table` (`others` fills its other required columns): only the names are accepted.
async fn accepts_exactly(
    c: &tokio_postgres::Client,
    table: &str,
    others: (&str, &str),
    column: &str,
    names: &[&str],
) {
    let copy = format!("t_{table}");
    c.batch_execute(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS {copy} (LIKE {table} INCLUDING CONSTRAINTS INCLUDING DEFAULTS)"
    ))
    .await
    .unwrap();
    let (cols, vals) = others;
    let sql = format!("INSERT INTO {copy} ({cols}, {column}) VALUES ({vals}, $1)");
    for n in names.iter().copied().chain(["made_up"]) {
        let r = c.execute(sql.as_str(), &[&n]).await;
        assert_eq!(r.is_ok(), n != "made_up", "{table}.{column} = {n}: {r:?}");
    }
}

/// Migration 000010 (and the CHECKs before it): the state-like columns hold only the wire
/// names of their enums in `shared`, which the server converts exhaustively.
#[tokio::test]
async fn state_columns_accept_exactly_their_enums() {
    use shared::common::RunResult;
    use shared::events::{LogLevel, LogSource};
    use shared::runs::{BatchState, RunError, RunKind, RunState, RunTrigger};
    let (_url, name) = fresh_database().await;
    let c = pg(&name).await;
    let run = ("job_id, trigger, restore", "1, 'manual', '{}'");
    // A restore run carries its target; `kind` is checked with one.
    accepts_exactly(&c, "runs", run, "kind", &["restore"]).await;
    let run = ("job_id, trigger", "1, 'manual'");
    accepts_exactly(&c, "runs", run, "state", &names::<RunState>()).await;
    accepts_exactly(&c, "runs", run, "result", &names::<RunResult>()).await;
    accepts_exactly(&c, "runs", run, "error_code", &names::<RunError>()).await;
    let run = ("job_id", "1");
    accepts_exactly(&c, "runs", run, "trigger", &names::<RunTrigger>()).await;
    assert_eq!(names::<RunKind>(), ["backup", "restore", "replicate"]);
    // Without a target: a backup or a replication.
    let run = ("job_id, trigger", "1, 'manual'");
    accepts_exactly(&c, "runs", run, "kind", &["backup", "replicate"]).await;
    let batch = ("client_id", "1");
    accepts_exactly(&c, "client_batches", batch, "state", &names::<BatchState>()).await;
    accepts_exactly(
        &c,
        "client_batches",
        batch,
        "error_code",
        &names::<RunError>(),
    )
    .await;
    accepts_exactly(&c, "client_batches", batch, "result", &["ok", "failed"]).await;
    let log = ("code, level", "'x', 'info'");
    accepts_exactly(&c, "log_records", log, "source", &names::<LogSource>()).await;
    let log = ("code, source", "'x', 'api'");
    accepts_exactly(&c, "log_records", log, "level", &names::<LogLevel>()).await;
    let script = ("client_id, script_id", "1, 1");
    let phases = names::<shared::scripts::ScriptPhase>();
    accepts_exactly(&c, "client_scripts", script, "phase", &phases).await;
    let job = (
        "client_id, name, source_path, policy_id, location_id",
        "1, 'j', '/', 1, 1",
    );
    let thresholds = names::<shared::jobs::NotifyThreshold>();
    accepts_exactly(&c, "jobs", job, "notify_threshold", &thresholds).await;
    accepts_exactly(&c, "jobs", job, "last_result", &names::<RunResult>()).await;
    let client = ("name, connection", "'c', '{}'");
    let modes = names::<shared::clients::KeyMode>();
    accepts_exactly(&c, "clients", client, "key_mode", &modes).await;
    let user = ("username, password_hash", "'u', 'x'");
    accepts_exactly(&c, "users", user, "role", &names::<shared::Role>()).await;
    let user = ("username, password_hash, role", "'u', 'x', 'admin'");
    accepts_exactly(&c, "users", user, "language", &names::<shared::Language>()).await;
    let settings = ("id", "1");
    let tls = names::<shared::settings::MailTls>();
    accepts_exactly(&c, "settings", settings, "mail_tls", &tls).await;
    let source = (
        "name, url, token, ssh_host, ssh_user, policy_id",
        "'s', 'https://p', 't', 'h', 'u', 1",
    );
    let retention = names::<shared::replication::ReplicaRetention>();
    accepts_exactly(&c, "replications", source, "retention", &retention).await;

    // Level arrays: only level names, no NULL element.
    for table in ["runs", "snapshots"] {
        let others = if table == "runs" {
            "job_id, trigger) VALUES (1, 'manual'"
        } else {
            "job_id, location_id, name, store_path, taken_at) VALUES (1, 1, 'n', '1/1', now()"
        };
        let sql = format!("INSERT INTO t_{table} ({others}, $1)");
        let sql = sql.replacen(") VALUES", ", levels) VALUES", 1);
        c.batch_execute(&format!(
            "CREATE TEMP TABLE IF NOT EXISTS t_{table} (LIKE {table} INCLUDING CONSTRAINTS INCLUDING DEFAULTS)"
        ))
        .await
        .unwrap();
        let all: Vec<Option<&str>> = names::<shared::policies::LevelName>()
            .into_iter()
            .map(Some)
            .collect();
        for (levels, ok) in [
            (all, true),
            (vec![], true),
            (vec![Some("made_up")], false),
            (vec![Some("daily"), None], false),
        ] {
            let r = c.execute(sql.as_str(), &[&levels]).await;
            assert_eq!(r.is_ok(), ok, "{table}.levels = {levels:?}: {r:?}");
        }
    }
}
