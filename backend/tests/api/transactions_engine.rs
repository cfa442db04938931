//! The engine's multi-write steps are transactions too: a failure injected between their
//! writes (a trigger, as in `transactions`) leaves nothing half-saved and nothing stuck —
//! a new client key, the recovery of a dead server's run, the end of a client batch.

use std::time::Duration;

use serde_json::json;

use crate::engine::wait_finished;
use crate::faults::local_job;
use crate::helpers::*;
use crate::scheduler::{bulk_jobs, counting_rsync, db_of, setup, Setup};
use crate::scripts::script;
use crate::transactions::{count, heal, inject, key_files};

/// The public key file of client `cid`, as stored.
fn public_key_file(app: &TestApp, cid: i64) -> String {
    let path = app._data_dir.path().join(format!("keys/client-{cid}.pub"));
    std::fs::read_to_string(path).unwrap().trim().to_owned()
}

/// The private key file of client `cid`.
fn private_key_file(app: &TestApp, cid: i64) -> Vec<u8> {
    std::fs::read(app._data_dir.path().join(format!("keys/client-{cid}"))).unwrap()
}

#[tokio::test]
async fn a_new_key_that_cannot_be_saved_leaves_the_old_pair_in_place() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let pg = db_of(&app).await;
    let (_, c) = admin.post("/api/clients", ssh_client("keyed")).await;
    let cid = c["id"].as_i64().unwrap();
    let old_public = c["public_key"].as_str().unwrap().to_owned();
    let old_private = private_key_file(&app, cid);
    let files = key_files(&app);
    let regenerate = format!("/api/clients/{cid}/public-key/regenerate");

    // The key pair is made; storing its public half fails.
    inject(&pg, "clients", "BEFORE UPDATE OF public_key", "true").await;
    let (s, e) = admin.post(&regenerate, json!({})).await;
    assert_eq!(s, 500, "{e}");
    let (_, now) = admin.get(&format!("/api/clients/{cid}")).await;
    assert_eq!(now["public_key"], old_public.as_str(), "database unchanged");
    assert_eq!(
        public_key_file(&app, cid),
        old_public,
        "public key file kept"
    );
    assert_eq!(private_key_file(&app, cid), old_private, "private key kept");
    assert_eq!(key_files(&app), files, "no staged or set-aside files left");

    heal(&pg, "clients").await;
    let (s, now) = admin.post(&regenerate, json!({})).await;
    assert_eq!(s, 200, "{now}");
    let new_public = now["public_key"].as_str().unwrap();
    assert_ne!(new_public, old_public);
    assert_eq!(
        public_key_file(&app, cid),
        new_public,
        "file and database agree"
    );
    assert_ne!(private_key_file(&app, cid), old_private);
    assert_eq!(
        key_files(&app),
        files,
        "the old pair is gone, nothing else left"
    );
}

#[tokio::test]
async fn a_dead_servers_run_is_recovered_only_together_with_its_record() {
    let fake = tempfile::tempdir().unwrap();
    let options = AppOptions {
        rsync: Some(counting_rsync(fake.path())),
        lease_seconds: 2,
        ..AppOptions::default()
    };
    let s: Setup = setup(options).await;
    let (admin, db) = (&s.admin, &s.db);
    let src = tempfile::tempdir().unwrap();
    let jid = bulk_jobs(db, 1, 1, src.path(), s.loc, s.policy).await[0].1[0];
    inject(
        db,
        "log_records",
        "BEFORE INSERT",
        "NEW.code = 'run_recovered'",
    )
    .await;
    let rid: i64 = db
        .query_one(
            "INSERT INTO runs (job_id, trigger, state, started_at, lease_owner, lease_until) \
             VALUES ($1, 'manual', 'running', now(), 'elsewhere:4242:dead', \
                     now() - interval '1 second') RETURNING id",
            &[&jid],
        )
        .await
        .unwrap()
        .get(0);
    // Recovery is tried every half second and fails each time: the run keeps its state
    // and its dead owner rather than changing without a record.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let (_, r) = admin.get(&format!("/api/runs/{rid}")).await;
    assert_eq!(r["state"], "running", "{r}");
    let owner = "SELECT count(*) FROM runs WHERE lease_owner = 'elsewhere:4242:dead'";
    assert_eq!(count(db, owner).await, 1);

    heal(db, "log_records").await;
    let r = wait_finished(admin, rid).await;
    assert_eq!(
        (r["result"].as_str(), r["error_code"].as_str()),
        (Some("failed"), Some("interrupted"))
    );
    let records =
        format!("SELECT count(*) FROM log_records WHERE code = 'run_recovered' AND run_id = {rid}");
    assert_eq!(count(db, &records).await, 1);
}

#[tokio::test]
async fn a_client_batch_ends_only_together_with_its_failure_record() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let pg = db_of(&app).await;
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("f"), b"data").unwrap();
    let jid = local_job(&app, &admin, src.path()).await;
    let (_, job) = admin.get(&format!("/api/jobs/{jid}")).await;
    let cid = job["client"]["id"].as_i64().unwrap();
    let post = script(
        &admin,
        "post-fails",
        json!({"client_post": true}),
        "#!/bin/sh\nexit 5\n",
    )
    .await;
    let (s, c) = admin
        .patch(
            &format!("/api/clients/{cid}"),
            json!({"post_scripts": [post]}),
        )
        .await;
    assert_eq!(s, 200, "{c}");
    let failure = "NEW.detail = 'client post scripts failed'";
    inject(&pg, "log_records", "BEFORE INSERT", failure).await;

    let (s, runs) = admin
        .post(&format!("/api/clients/{cid}/run"), json!({}))
        .await;
    assert_eq!(s, 202, "{runs}");
    let rid = runs[0]["id"].as_i64().unwrap();
    assert_eq!(wait_finished(&admin, rid).await["result"], "ok");
    // The post script failed; its record cannot be written, so the batch is not
    // finished either (and is tried again).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let finished = format!(
        "SELECT count(*) FROM client_batches WHERE client_id = {cid} AND state = 'finished'"
    );
    assert_eq!(count(&pg, &finished).await, 0);
    let records = "SELECT count(*) FROM log_records WHERE detail = 'client post scripts failed'";
    assert_eq!(count(&pg, records).await, 0);

    heal(&pg, "log_records").await;
    let mut done = false;
    for _ in 0..300 {
        if count(&pg, &finished).await == 1 {
            done = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(done, "the batch is finished once the database accepts it");
    let failed = format!(
        "SELECT count(*) FROM client_batches WHERE client_id = {cid} AND result = 'failed'"
    );
    assert_eq!(count(&pg, &failed).await, 1);
    assert_eq!(count(&pg, records).await, 1);
}
