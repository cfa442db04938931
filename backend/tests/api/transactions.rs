//! Multi-write operations are transactions: a failure injected between their writes (a
//! PostgreSQL trigger this test creates in its own database, raising on a chosen write)
//! makes the API answer with an error and leaves nothing half-saved, in the API's view and
//! in the tables; once the trigger is gone the same request succeeds.

use serde_json::{json, Value};

use crate::helpers::*;
use crate::scheduler::db_of as db;
use crate::steps::eventually;

/// Makes `timing event` on `table` fail when `condition` holds (row values as `NEW.`/`OLD.`).
pub async fn inject(pg: &tokio_postgres::Client, table: &str, timing_event: &str, condition: &str) {
    pg.batch_execute(&format!(
        "CREATE OR REPLACE FUNCTION injected_failure() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; \
         CREATE TRIGGER injected {timing_event} ON {table} FOR EACH ROW \
         WHEN ({condition}) EXECUTE FUNCTION injected_failure();"
    ))
    .await
    .unwrap();
}

/// Removes the injected failure from `table`.
pub async fn heal(pg: &tokio_postgres::Client, table: &str) {
    pg.batch_execute(&format!("DROP TRIGGER injected ON {table}"))
        .await
        .unwrap();
}

pub async fn count(pg: &tokio_postgres::Client, sql: &str) -> i64 {
    pg.query_one(sql, &[]).await.unwrap().get(0)
}

/// A script usable before clients and jobs.
async fn pre_script(admin: &Api) -> i64 {
    let b64 = "IyEvYmluL3NoCmV4aXQgMAo="; // "#!/bin/sh\nexit 0\n"
    let uses = json!({"client_pre": true, "job_pre": true});
    let (s, script) = admin
        .post(
            "/api/scripts",
            json!({"name": "pre", "uses": uses, "content_base64": b64}),
        )
        .await;
    assert_eq!(s, 201, "{script}");
    script["id"].as_i64().unwrap()
}

/// The client key files present in the data directory.
pub fn key_files(app: &TestApp) -> Vec<String> {
    match std::fs::read_dir(app._data_dir.path().join("keys")) {
        Ok(dir) => {
            let mut names: Vec<String> = dir
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        }
        Err(_) => Vec::new(),
    }
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap()
}

/// An app with its defaults, a pre script and a direct database connection.
struct Fixture {
    app: TestApp,
    admin: Api,
    pg: tokio_postgres::Client,
    loc: i64,
    pol: i64,
    script: i64,
}

async fn fixture() -> Fixture {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let pg = db(&app).await;
    let (loc, pol) = app.defaults(&admin).await;
    let script = pre_script(&admin).await;
    Fixture {
        app,
        admin,
        pg,
        loc,
        pol,
        script,
    }
}

impl Fixture {
    /// A job body named "home" for a new ssh client `client`, with the pre script; returns
    /// (client id, body).
    async fn job_body(&self, client: &str) -> (i64, Value) {
        let (_, c) = self.admin.post("/api/clients", ssh_client(client)).await;
        let cid = id(&c);
        let mut body = job(cid, "home", self.loc, self.pol);
        body["pre_scripts"] = json!([self.script]);
        (cid, body)
    }

    /// Removes the failure from `table`; then the same `PUT` succeeds with the new name and
    /// the pre script.
    async fn heal_then_put(&self, table: &str, path: &str, body: Value, name: &str) {
        heal(&self.pg, table).await;
        let (s, now) = self.admin.put(path, body).await;
        assert_eq!(s, 200, "{now}");
        assert_eq!(now["name"], name);
        assert_eq!(now["pre_scripts"][0]["id"], self.script);
    }

    /// A backup file under `dir/snapshots/x` of location `loc`'s directory; returns `dir`
    /// and the tree holding the file.
    async fn plant_backup(&self, dir: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        let (_, l) = self
            .admin
            .get(&format!("/api/locations/{}", self.loc))
            .await;
        let base = std::path::Path::new(l["directory"].as_str().unwrap()).join(dir);
        let tree = base.join("snapshots/x");
        std::fs::create_dir_all(&tree).unwrap();
        std::fs::write(tree.join("file"), "data").unwrap();
        (base, tree)
    }
}

#[tokio::test]
async fn client_create_fails_whole_and_takes_its_key_files_back() {
    let Fixture {
        app,
        admin,
        pg,
        script,
        ..
    } = fixture().await;
    let mut body = ssh_client("new");
    body["pre_scripts"] = json!([script]);
    // The last write: the restore key's public half, stored after both key pairs were
    // generated.
    inject(
        &pg,
        "clients",
        "BEFORE UPDATE OF restore_public_key",
        "NEW.restore_public_key IS NOT NULL",
    )
    .await;
    let (s, e) = admin.post("/api/clients", body.clone()).await;
    assert_eq!(s, 500, "{e}");
    let (_, list) = admin.get("/api/clients").await;
    assert_eq!(list["total"], 0);
    assert_eq!(count(&pg, "SELECT count(*) FROM clients").await, 0);
    assert_eq!(count(&pg, "SELECT count(*) FROM client_scripts").await, 0);
    assert_eq!(key_files(&app), Vec::<String>::new(), "key files removed");
    // A failure between the row and its scripts.
    heal(&pg, "clients").await;
    inject(&pg, "client_scripts", "BEFORE INSERT", "true").await;
    assert_eq!(admin.post("/api/clients", body.clone()).await.0, 500);
    assert_eq!(count(&pg, "SELECT count(*) FROM clients").await, 0);
    assert_eq!(key_files(&app), Vec::<String>::new());

    heal(&pg, "client_scripts").await;
    let (s, c) = admin.post("/api/clients", body).await;
    assert_eq!(s, 201, "{c}");
    assert_eq!(c["name"], "new");
    assert_eq!(c["pre_scripts"][0]["id"], script);
    assert!(c["public_key"]
        .as_str()
        .unwrap()
        .starts_with("ssh-ed25519 "));
    let cid = id(&c);
    assert_eq!(
        key_files(&app),
        [
            format!("client-{cid}"),
            format!("client-{cid}-restore"),
            format!("client-{cid}-restore.pub"),
            format!("client-{cid}.pub")
        ]
    );
}

#[tokio::test]
async fn client_update_keeps_row_and_scripts_on_failure() {
    let f = fixture().await;
    let (admin, pg, script) = (&f.admin, &f.pg, f.script);
    let mut body = ssh_client("before");
    body["pre_scripts"] = json!([script]);
    let (_, c) = admin.post("/api/clients", body.clone()).await;
    let cid = id(&c);
    body["name"] = json!("after");
    body["description"] = json!("changed");
    // The row is updated, the old scripts deleted, then the new ones fail.
    inject(pg, "client_scripts", "BEFORE INSERT", "true").await;
    let (s, e) = admin
        .put(&format!("/api/clients/{cid}"), body.clone())
        .await;
    assert_eq!(s, 500, "{e}");
    let (_, now) = admin.get(&format!("/api/clients/{cid}")).await;
    assert_eq!(now["name"], "before");
    assert_eq!(now["description"], "");
    assert_eq!(now["pre_scripts"][0]["id"], script, "scripts kept");
    assert_eq!(
        count(pg, "SELECT count(*) FROM clients WHERE name = 'after'").await,
        0
    );

    let path = format!("/api/clients/{cid}");
    f.heal_then_put("client_scripts", &path, body, "after")
        .await;
}

#[tokio::test]
async fn client_and_job_clone_fail_whole() {
    let f = fixture().await;
    let Fixture {
        app,
        admin,
        pg,
        script,
        ..
    } = &f;
    let script = *script;
    let (cid, j) = f.job_body("orig").await;
    assert_eq!(admin.post("/api/jobs", j).await.0, 201);
    let keys_before = key_files(app);
    // The client copy and its key are made; copying the job's scripts fails.
    inject(pg, "job_scripts", "BEFORE INSERT", "true").await;
    let (s, e) = admin
        .post(&format!("/api/clients/{cid}/clone"), json!({}))
        .await;
    assert_eq!(s, 500, "{e}");
    let (_, list) = admin.get("/api/clients").await;
    assert_eq!(list["total"], 1);
    assert_eq!(count(pg, "SELECT count(*) FROM clients").await, 1);
    assert_eq!(count(pg, "SELECT count(*) FROM jobs").await, 1);
    assert_eq!(count(pg, "SELECT count(*) FROM job_scripts").await, 1);
    assert_eq!(key_files(app), keys_before, "the copy's key files removed");

    heal(pg, "job_scripts").await;
    let (s, copy) = admin
        .post(&format!("/api/clients/{cid}/clone"), json!({}))
        .await;
    assert_eq!(s, 201, "{copy}");
    assert_eq!(copy["name"], "orig-copy");
    assert_eq!(copy["jobs"][0]["name"], "home");
    let jid = copy["jobs"][0]["id"].as_i64().unwrap();
    let (_, copied) = admin.get(&format!("/api/jobs/{jid}")).await;
    assert_eq!(copied["pre_scripts"][0]["id"], script);
}

#[tokio::test]
async fn client_delete_fails_whole_and_keeps_backups_and_key() {
    let f = fixture().await;
    let Fixture { app, admin, pg, .. } = &f;
    let (_, c) = admin.post("/api/clients", ssh_client("old")).await;
    let cid = id(&c);
    let (_, j) = admin.post("/api/jobs", job(cid, "etc", f.loc, f.pol)).await;
    let jid = id(&j);
    let (job_dir, tree) = f.plant_backup(&format!("{cid}/{jid}")).await;
    let client_dir = job_dir.parent().unwrap();
    // The client row goes, its jobs (by cascade) fail.
    inject(pg, "jobs", "BEFORE DELETE", "true").await;
    let (s, e) = admin.delete(&format!("/api/clients/{cid}")).await;
    assert_eq!(s, 500, "{e}");
    let (s, now) = admin.get(&format!("/api/clients/{cid}")).await;
    assert_eq!(s, 200);
    assert_eq!(now["jobs"][0]["id"], jid);
    assert_eq!(admin.get(&format!("/api/jobs/{jid}")).await.0, 200);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(tree.join("file").exists(), "backups stay");
    let key = app._data_dir.path().join(format!("keys/client-{cid}"));
    assert!(key.exists(), "key stays");

    heal(pg, "jobs").await;
    assert_eq!(admin.delete(&format!("/api/clients/{cid}")).await.0, 204);
    assert_eq!(admin.get(&format!("/api/clients/{cid}")).await.0, 404);
    assert_eq!(count(pg, "SELECT count(*) FROM jobs").await, 0);
    let gone = eventually(|| !client_dir.exists() && !key.exists()).await;
    assert!(gone, "backups and key removed after the commit");
}

#[tokio::test]
async fn job_create_and_update_fail_whole() {
    let f = fixture().await;
    let Fixture {
        admin, pg, script, ..
    } = &f;
    let script = *script;
    let (_, mut body) = f.job_body("host").await;
    inject(pg, "job_scripts", "BEFORE INSERT", "true").await;
    let (s, e) = admin.post("/api/jobs", body.clone()).await;
    assert_eq!(s, 500, "{e}");
    let (_, list) = admin.get("/api/jobs").await;
    assert_eq!(list["total"], 0);
    assert_eq!(count(pg, "SELECT count(*) FROM jobs").await, 0);

    heal(pg, "job_scripts").await;
    let (s, j) = admin.post("/api/jobs", body.clone()).await;
    assert_eq!(s, 201, "{j}");
    let jid = id(&j);

    // Update: the row is updated and its scripts deleted, then inserting them fails.
    body["name"] = json!("renamed");
    body["source_path"] = json!("/srv/");
    inject(pg, "job_scripts", "BEFORE INSERT", "true").await;
    let (s, e) = admin.put(&format!("/api/jobs/{jid}"), body.clone()).await;
    assert_eq!(s, 500, "{e}");
    let (_, now) = admin.get(&format!("/api/jobs/{jid}")).await;
    assert_eq!(now["name"], "home");
    assert_eq!(now["source_path"], "/home/");
    assert_eq!(
        now["pre_scripts"][0]["id"], script,
        "not left without scripts"
    );
    assert_eq!(
        count(pg, "SELECT count(*) FROM job_scripts").await,
        1,
        "the old attachment is still there"
    );

    let path = format!("/api/jobs/{jid}");
    f.heal_then_put("job_scripts", &path, body, "renamed").await;
}

#[tokio::test]
async fn job_delete_fails_whole_and_keeps_backups() {
    let f = fixture().await;
    let Fixture {
        admin, pg, script, ..
    } = &f;
    let script = *script;
    let (cid, body) = f.job_body("host").await;
    let (_, j) = admin.post("/api/jobs", body).await;
    let jid = id(&j);
    let (job_dir, tree) = f.plant_backup(&format!("{cid}/{jid}")).await;
    // The job row goes, its script attachments (by cascade) fail.
    inject(pg, "job_scripts", "BEFORE DELETE", "true").await;
    let (s, e) = admin.delete(&format!("/api/jobs/{jid}")).await;
    assert_eq!(s, 500, "{e}");
    let (s, now) = admin.get(&format!("/api/jobs/{jid}")).await;
    assert_eq!(s, 200);
    assert_eq!(now["pre_scripts"][0]["id"], script);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(tree.join("file").exists(), "backups stay");

    heal(pg, "job_scripts").await;
    assert_eq!(admin.delete(&format!("/api/jobs/{jid}")).await.0, 204);
    assert_eq!(admin.get(&format!("/api/jobs/{jid}")).await.0, 404);
    let gone = eventually(|| !job_dir.exists()).await;
    assert!(gone, "backups removed after the commit");
}

#[tokio::test]
async fn run_state_changes_only_with_their_log_record_and_events() {
    let app = spawn_app_with(AppOptions {
        dispatcher: false,
        ..Default::default()
    })
    .await;
    let admin = app.admin().await;
    let pg = db(&app).await;
    let (loc, pol) = app.defaults(&admin).await;
    let (_, c) = admin.post("/api/clients", ssh_client("host")).await;
    let (_, j) = admin.post("/api/jobs", job(id(&c), "home", loc, pol)).await;
    let jid = id(&j);
    let events = "SELECT count(*) FROM events";

    // Queueing: the run, its log record and its events, or none of them.
    inject(
        &pg,
        "log_records",
        "BEFORE INSERT",
        "NEW.code = 'run_queued'",
    )
    .await;
    let before = count(&pg, events).await;
    let (s, e) = admin.post(&format!("/api/jobs/{jid}/run"), json!({})).await;
    assert_eq!(s, 500, "{e}");
    assert_eq!(count(&pg, "SELECT count(*) FROM runs").await, 0);
    assert_eq!(count(&pg, events).await, before);
    let (_, queue) = admin.get("/api/queue").await;
    assert_eq!(queue.as_array().map(Vec::len), Some(0), "{queue}");
    heal(&pg, "log_records").await;
    let (s, run) = admin.post(&format!("/api/jobs/{jid}/run"), json!({})).await;
    assert_eq!(s, 202, "{run}");
    let rid = id(&run);
    assert_eq!(run["state"], "queued");

    // Aborting: the state change, its log record and its events, or none of them.
    inject(
        &pg,
        "log_records",
        "BEFORE INSERT",
        "NEW.code = 'run_abort'",
    )
    .await;
    let before = count(&pg, events).await;
    let (s, e) = admin
        .post(&format!("/api/runs/{rid}/abort"), json!({}))
        .await;
    assert_eq!(s, 500, "{e}");
    let (_, now) = admin.get(&format!("/api/runs/{rid}")).await;
    assert_eq!(now["state"], "queued");
    assert_eq!(now["result"], Value::Null);
    assert_eq!(count(&pg, events).await, before);
    assert_eq!(
        count(
            &pg,
            "SELECT count(*) FROM log_records WHERE code = 'run_abort'"
        )
        .await,
        0
    );

    heal(&pg, "log_records").await;
    let (s, now) = admin
        .post(&format!("/api/runs/{rid}/abort"), json!({}))
        .await;
    assert_eq!(s, 200, "{now}");
    assert_eq!(now["state"], "finished");
    assert_eq!(now["result"], "aborted");
    assert_eq!(
        count(
            &pg,
            "SELECT count(*) FROM log_records WHERE code = 'run_abort'"
        )
        .await,
        1
    );
    assert!(count(&pg, events).await >= before + 2, "run and log events");
}
