//! E-mail notifications, continued: two senders on one database, hostile names, and the
//! mail test of the settings page (also without a mail server).

use std::sync::Arc;

use chrono::Utc;
use serde_json::json;

use crate::helpers::*;
use crate::notifications::rig;
use crate::smtp::{history, sql, use_mail_server, Smtp};
use backend::db::notifications::{enqueue, NewNotification};
use backend::notify::render::RunFacts;
use shared::notifications::{Channel, NotificationEvent};

/// An e-mail about a failed run of job "home" of client "pc1", in Basque, to `to`.
fn row(to: &str) -> NewNotification {
    let facts = RunFacts {
        run_id: 7,
        kind: shared::runs::RunKind::Backup,
        result: shared::common::RunResult::Failed,
        error_code: Some(shared::runs::RunError::Unreachable),
        client: "pc1".into(),
        job: "home".into(),
        started_at: Some(Utc::now()),
        finished_at: Utc::now(),
        files: None,
        bytes: None,
        new_bytes: None,
    };
    NewNotification {
        channel: Channel::Email,
        event: NotificationEvent::RunFailed,
        dedup_key: format!("run:7:email:{to}"),
        recipient: to.into(),
        webhook_id: None,
        user_id: None,
        language: shared::Language::Eu,
        client_id: None,
        job_id: None,
        run_id: None,
        payload: serde_json::to_value(&facts).unwrap(),
    }
}

/// A server without a dispatcher (so without a sender of its own) and mail settings
/// pointing at `port`; rows are queued and senders driven by the test.
async fn quiet_app(port: u16) -> (TestApp, Api) {
    let app = spawn_app_with(AppOptions {
        dispatcher: false,
        ..AppOptions::default()
    })
    .await;
    let admin = app.admin().await;
    use_mail_server(&admin, port, "eu").await;
    (app, admin)
}

async fn queue(app: &TestApp, rows: &[NewNotification]) -> usize {
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let mut c = backend::db::conn(&pool).await.unwrap();
    enqueue(&mut c, rows).await.unwrap()
}

#[tokio::test]
async fn two_senders_on_one_database_deliver_each_mail_once() {
    let smtp = Smtp::start(0);
    // No dispatcher: no sender of the server's own; the two below are the only ones.
    let (app, admin) = quiet_app(smtp.port).await;
    let rows: Vec<NewNotification> = (0..20).map(|i| row(&format!("r{i}@y.org"))).collect();
    assert_eq!(queue(&app, &rows).await, 20);
    // Queued twice (a second server finishing the same run): still one row each.
    assert_eq!(queue(&app, &rows).await, 0);
    let a = backend::startup::sender_of(&app.engine);
    let b = backend::notify::sender::Sender {
        pool: backend::db::build_pool(&app.db_url, 2).unwrap(),
        owner: Arc::from("other-server:1:0000"),
        ..a.clone()
    };
    let now = Utc::now();
    let (x, y) = tokio::join!(a.send_due(now), b.send_due(now));
    assert_eq!(x.unwrap() + y.unwrap(), 20);
    let mails = smtp.wait_mails(20).await;
    assert_eq!(mails.len(), 20);
    let mut to: Vec<&str> = mails
        .iter()
        .map(|m| m["rcpt_tos"][0].as_str().unwrap())
        .collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 20, "each recipient once");
    assert!(mails
        .iter()
        .all(|m| m["subject"] == "[ElkarBackup] Huts egin du: pc1 / home"));
    let h = history(&admin, "status=sent").await;
    assert_eq!(h.len(), 20);
    assert!(h.iter().all(|n| n["attempts"] == 1));
}

#[tokio::test]
async fn hostile_names_stay_text_in_subject_and_html() {
    let smtp = Smtp::start(0);
    let r = rig(smtp.port, "en").await;
    r.notify(json!({"owner": false, "emails": ["victim@y.org"]}))
        .await;
    sql(
        &r.app,
        &format!(
            "UPDATE clients SET name = '<script>alert(1)</script>' WHERE id = {};
             UPDATE jobs SET name = E'a\\r\\nBcc: x@y' WHERE id = {};",
            r.client, r.job
        ),
    )
    .await;
    r.run("1").await;
    let mails = smtp.wait_mails(1).await;
    let m = &mails[0];
    assert_eq!(m["rcpt_tos"], json!(["victim@y.org"]), "no Bcc recipient");
    let subject = m["subject"].as_str().unwrap();
    assert!(
        subject.contains("<script>alert(1)</script> / a  Bcc: x@y"),
        "{subject}"
    );
    let headers = m["headers"].as_array().unwrap();
    assert!(!headers
        .iter()
        .any(|h| h[0].as_str().unwrap().eq_ignore_ascii_case("bcc")));
    let html = m["html"].as_str().unwrap();
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(m["text"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));
    let h = r.settled().await;
    assert_eq!(h[0]["client_name"], "<script>alert(1)</script>");
}

#[tokio::test]
async fn the_mail_test_answers_with_the_servers_reply_or_the_error() {
    let smtp = Smtp::start(0);
    let app = spawn_app().await;
    let admin = app.admin().await;
    use_mail_server(&admin, smtp.port, "es").await;
    let (s, ok) = admin
        .post("/api/settings/mail/test", json!({"to": "me@y.org"}))
        .await;
    assert_eq!(s, 200, "{ok}");
    assert_eq!(ok["delivered"], true, "{ok}");
    assert!(
        ok["reply"].as_str().unwrap().starts_with("250 2.0.0 Ok"),
        "{ok}"
    );
    let mails = smtp.wait_mails(1).await;
    assert_eq!(mails[0]["subject"], "[ElkarBackup] Mensaje de prueba");
    assert_eq!(mails[0]["content_type"], "multipart/alternative");
    let (s, refused) = admin
        .post("/api/settings/mail/test", json!({"to": "reject@y.org"}))
        .await;
    assert_eq!(s, 200);
    assert_eq!(refused["delivered"], false);
    let error = refused["error"].as_str().unwrap();
    assert!(
        error.contains("550") && error.contains("Recipient address rejected"),
        "{error}"
    );
    let (s, bad) = admin
        .post("/api/settings/mail/test", json!({"to": "not an address"}))
        .await;
    assert_eq!(s, 422, "{bad}");
    assert_eq!(
        field_codes(&bad),
        vec![("to".to_owned(), "invalid".to_owned())]
    );
    let (s, _) = app
        .user("op", shared::Role::Operator)
        .await
        .post("/api/settings/mail/test", json!({"to": "me@y.org"}))
        .await;
    assert_eq!(s, 403);
    drop(smtp);
    let (s, down) = admin
        .post("/api/settings/mail/test", json!({"to": "me@y.org"}))
        .await;
    assert_eq!(s, 200);
    assert_eq!(down["delivered"], false);
    let error = down["error"].as_str().unwrap().to_lowercase();
    assert!(error.contains("refused"), "{error}");
    // Sent now, not queued: the history stays empty.
    assert!(history(&admin, "").await.is_empty());
}

#[tokio::test]
async fn the_mail_test_without_a_server_says_what_to_fill_in_in_the_admins_language() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, mut s) = admin.get("/api/settings").await;
    assert_eq!(s["mail_host"], "");
    let o = s.as_object_mut().unwrap();
    o.remove("mail_password_set");
    o.insert("default_language".into(), json!("es"));
    let (st, body) = admin.put("/api/settings", s).await;
    assert_eq!(st, 200, "{body}");
    let (s, report) = admin
        .post("/api/settings/mail/test", json!({"to": "me@y.org"}))
        .await;
    assert_eq!(s, 200, "{report}");
    assert_eq!(report["delivered"], false, "{report}");
    assert_eq!(
        report["error"],
        "No hay ningún servidor de correo: rellena «Servidor SMTP» arriba y guarda antes los ajustes."
    );
    assert!(history(&admin, "").await.is_empty());
}

#[tokio::test]
async fn a_row_left_sending_by_a_dead_sender_is_taken_over_after_its_lease() {
    let smtp = Smtp::start(0);
    let (app, admin) = quiet_app(smtp.port).await;
    queue(&app, &[row("orphan@y.org")]).await;
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let mut c = backend::db::conn(&pool).await.unwrap();
    let now = Utc::now();
    let lease = now + chrono::Duration::minutes(10);
    // A sender claims the row and dies before it records anything.
    let claimed =
        backend::db::notifications::claim(&mut c, Channel::Email, "dead:1:0", now, lease, 10)
            .await
            .unwrap();
    assert_eq!(claimed.len(), 1);
    let sender = backend::startup::sender_of(&app.engine);
    assert_eq!(
        sender.send_due(now).await.unwrap(),
        0,
        "leased to the dead sender"
    );
    let after = lease + chrono::Duration::seconds(1);
    assert_eq!(sender.send_due(after).await.unwrap(), 1);
    assert_eq!(
        smtp.wait_mails(1).await[0]["rcpt_tos"],
        json!(["orphan@y.org"])
    );
    let h = history(&admin, "status=sent").await;
    assert_eq!((h.len(), h[0]["attempts"].as_i64()), (1, Some(1)));
}

#[tokio::test]
async fn a_mail_that_never_gets_through_fails_after_eight_attempts() {
    let port = crate::smtp::free_port();
    let (app, admin) = quiet_app(port).await;
    queue(&app, &[row("never@y.org")]).await;
    let sender = backend::startup::sender_of(&app.engine);
    let mut now = Utc::now();
    for attempt in 1..=8 {
        assert_eq!(sender.send_due(now).await.unwrap(), 1, "attempt {attempt}");
        let n = history(&admin, "").await[0].clone();
        assert_eq!(n["attempts"], attempt);
        let expected = if attempt < 8 { "pending" } else { "failed" };
        assert_eq!(n["status"], expected, "{n}");
        now = serde_json::from_value::<chrono::DateTime<Utc>>(n["next_attempt_at"].clone())
            .unwrap()
            .max(now)
            + chrono::Duration::seconds(1);
    }
    assert_eq!(
        sender
            .send_due(now + chrono::Duration::days(1))
            .await
            .unwrap(),
        0
    );
    let (client, conn) = tokio_postgres::connect(&app.db_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let n: i64 = client
        .query_one(
            "SELECT count(*) FROM log_records WHERE source = 'notification' AND level = 'error'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}

#[tokio::test]
async fn a_failed_restore_tells_the_jobs_recipients() {
    let smtp = Smtp::start(0);
    let r = rig(smtp.port, "en").await;
    r.notify(json!({"owner": false, "emails": ["ops@y.org"], "threshold": "error"}))
        .await;
    assert_eq!(r.run("0").await["result"], "ok");
    let (_, snaps) = r.admin.get(&format!("/api/jobs/{}/snapshots", r.job)).await;
    std::fs::write(r.tools.path().join("code"), "1").unwrap();
    let target = tempfile::tempdir().unwrap();
    let (s, q) = r
        .admin
        .post(
            "/api/restores",
            json!({"snapshot_id": snaps[0]["id"], "path": "", "client_id": r.client,
                "target_path": target.path().display().to_string(), "overwrite": true}),
        )
        .await;
    assert_eq!(s, 202, "{q}");
    let id = q["run"]["id"].as_i64().unwrap();
    let done = crate::engine::wait_finished(&r.admin, id).await;
    assert_eq!(done["result"], "failed", "{done}");
    let mails = smtp.wait_mails(1).await;
    let text = mails[0]["text"].as_str().unwrap();
    assert!(text.starts_with("Restore of job “local”"), "{text}");
    assert!(mails[0]["subject"]
        .as_str()
        .unwrap()
        .starts_with("[ElkarBackup] Failed: "));
    let h = r.settled().await;
    assert_eq!(h.len(), 1, "the ok backup told nobody: {h:?}");
    assert_eq!(
        (h[0]["run_id"].as_i64(), h[0]["event"].as_str()),
        (Some(id), Some("run_failed"))
    );
}
