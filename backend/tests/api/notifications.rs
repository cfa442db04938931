//! E-mail notifications against a real SMTP server (aiosmtpd): recipients and languages,
//! thresholds and modes, retries after the mail server was down, permanent refusals, two
//! senders on one database, hostile names, the history and the test button.

use chrono::Utc;
use serde_json::{json, Value};

use crate::engine::run;
use crate::faults::{fake_rsync, local_job};
use crate::helpers::*;
use crate::smtp::{free_port, history, sql, use_mail_server, Smtp};

/// A server with a fake rsync, mail settings pointing at `port`, and one local job.
pub struct Rig {
    pub app: TestApp,
    pub admin: Api,
    pub tools: tempfile::TempDir,
    _src: tempfile::TempDir,
    pub job: i64,
    pub client: i64,
}

pub async fn rig(port: u16, default_language: &str) -> Rig {
    let tools = tempfile::tempdir().unwrap();
    let rsync = fake_rsync(tools.path());
    let app = spawn_app_with(AppOptions {
        rsync: Some(rsync),
        ..AppOptions::default()
    })
    .await;
    let admin = app.admin().await;
    use_mail_server(&admin, port, default_language).await;
    let src = tempfile::tempdir().unwrap();
    let job = local_job(&app, &admin, src.path()).await;
    let (_, j) = admin.get(&format!("/api/jobs/{job}")).await;
    let client = j["client"]["id"].as_i64().unwrap();
    Rig {
        app,
        admin,
        tools,
        _src: src,
        job,
        client,
    }
}

impl Rig {
    /// Runs the job with rsync exiting `code` ("0" ok, "24" warning, "1" failed).
    pub async fn run(&self, code: &str) -> Value {
        std::fs::write(self.tools.path().join("code"), code).unwrap();
        let transferred = if code == "0" { "4" } else { "0" };
        std::fs::write(self.tools.path().join("transferred"), transferred).unwrap();
        run(&self.admin, self.job).await
    }

    pub async fn notify(&self, n: Value) {
        let (s, b) = self
            .admin
            .patch(
                &format!("/api/jobs/{}", self.job),
                json!({"notifications": n}),
            )
            .await;
        assert_eq!(s, 200, "{b}");
    }

    pub async fn client_name(&self) -> String {
        let (_, c) = self
            .admin
            .get(&format!("/api/clients/{}", self.client))
            .await;
        c["name"].as_str().unwrap().to_owned()
    }

    /// Waits until every notification of the job is sent or failed; returns them.
    pub async fn settled(&self) -> Vec<Value> {
        for _ in 0..300 {
            let h = history(&self.admin, &format!("job_id={}", self.job)).await;
            if h.iter()
                .all(|n| n["status"] == "sent" || n["status"] == "failed")
            {
                return h;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("notifications not delivered");
    }
}

#[tokio::test]
async fn each_recipient_gets_one_mail_in_their_language() {
    let smtp = Smtp::start(0);
    let r = rig(smtp.port, "es").await;
    for (name, role) in [
        ("admin2", shared::Role::Admin),
        ("oper", shared::Role::Operator),
        ("gone", shared::Role::Admin),
        ("nomail", shared::Role::Admin),
    ] {
        r.app
            .create_user(name, role, &format!("{name}-password-1"))
            .await;
    }
    sql(
        &r.app,
        "UPDATE users SET email = 'admin@herria.eus', language = 'eu' WHERE username = 'admin';
         UPDATE users SET email = 'admin2@x.org' WHERE username = 'admin2';
         UPDATE users SET email = 'oper@x.org', language = 'en' WHERE username = 'oper';
         UPDATE users SET email = 'gone@x.org', active = false WHERE username = 'gone';",
    )
    .await;
    let (_, users) = r.admin.get("/api/users?q=oper").await;
    let oper = users["items"][0]["id"].as_i64().unwrap();
    let (s, _) = r
        .admin
        .patch(
            &format!("/api/clients/{}", r.client),
            json!({"owner_id": oper}),
        )
        .await;
    assert_eq!(s, 200);
    r.notify(
        json!({"admin": true, "owner": true, "emails": ["extra@y.org", "ADMIN@herria.eus"],
        "threshold": "error"}),
    )
    .await;
    let run = r.run("1").await;
    assert_eq!(run["result"], "failed");
    let id = run["id"].as_i64().unwrap();
    let mails = smtp.wait_mails(4).await;
    let client = r.client_name().await;
    let got: Vec<(&str, &str)> = mails
        .iter()
        .map(|m| {
            (
                m["rcpt_tos"][0].as_str().unwrap(),
                m["subject"].as_str().unwrap(),
            )
        })
        .collect();
    let eu = format!("[ElkarBackup] Huts egin du: {client} / local");
    let es = format!("[ElkarBackup] Fallo: {client} / local");
    let en = format!("[ElkarBackup] Failed: {client} / local");
    assert_eq!(
        got,
        vec![
            ("admin2@x.org", es.as_str()),
            ("admin@herria.eus", eu.as_str()),
            ("extra@y.org", es.as_str()),
            ("oper@x.org", en.as_str()),
        ]
    );
    for m in &mails {
        assert_eq!(m["mail_from"], "elkarbackup@herria.eus");
        assert_eq!(m["content_type"], "multipart/alternative");
        let link = format!("https://backup.herria.eus/runs/{id}");
        for part in [&m["text"], &m["html"]] {
            let part = part.as_str().unwrap();
            assert!(
                part.contains("(rsync_syntax)") && part.contains(&link),
                "{part}"
            );
            assert!(
                part.contains("finished: failed rsync_syntax"),
                "the log's tail: {part}"
            );
        }
    }
    let en_text = mails[3]["text"].as_str().unwrap();
    assert!(
        en_text.contains("rsync rejected its command line"),
        "{en_text}"
    );
    let h = r.settled().await;
    assert_eq!(h.len(), 4);
    for n in &h {
        assert_eq!(
            (n["status"].as_str(), n["attempts"].as_i64()),
            (Some("sent"), Some(1))
        );
        assert!(n["last_reply"].as_str().unwrap().starts_with("250"), "{n}");
        assert_eq!(
            (n["event"].as_str(), n["run_id"].as_i64()),
            (Some("run_failed"), Some(id))
        );
        assert_eq!(n["job_name"], "local");
    }
    let (s, _) = r
        .app
        .user("viewer", shared::Role::Operator)
        .await
        .get("/api/notifications")
        .await;
    assert_eq!(s, 403);
    assert_eq!(smtp.mails().len(), 4, "no second mail to anyone");
}

#[tokio::test]
async fn thresholds_and_modes_decide_what_is_sent() {
    let smtp = Smtp::start(0);
    let r = rig(smtp.port, "en").await;
    let mut n = json!({"admin": false, "owner": false, "emails": ["ops@y.org"],
        "threshold": "error", "mode": "changes"});
    r.notify(n.clone()).await;
    // (rsync exit, threshold, mode, the event queued or none)
    let steps: &[(&str, &str, &str, Option<&str>)] = &[
        ("1", "error", "changes", Some("run_failed")),
        ("1", "error", "changes", None),
        ("0", "error", "changes", Some("run_recovered")),
        ("0", "error", "changes", None),
        ("1", "error", "every_failure", Some("run_failed")),
        ("1", "error", "every_failure", Some("run_failed")),
        ("0", "error", "every_failure", Some("run_recovered")),
        ("0", "all", "changes", Some("run_ok")),
        ("0", "warning", "changes", None),
        ("24", "warning", "changes", Some("run_warning")),
        ("1", "none", "changes", None),
    ];
    let mut expected = Vec::new();
    for (i, (code, threshold, mode, event)) in steps.iter().enumerate() {
        n["threshold"] = json!(threshold);
        n["mode"] = json!(mode);
        r.notify(n.clone()).await;
        let run = r.run(code).await;
        if let Some(e) = event {
            expected.push((*e, run["id"].as_i64().unwrap()));
        }
        // Queued with the run's result: the history has them as soon as the run finished.
        let h = history(&r.admin, &format!("job_id={}", r.job)).await;
        let got: Vec<(&str, i64)> = h
            .iter()
            .rev()
            .map(|x| (x["event"].as_str().unwrap(), x["run_id"].as_i64().unwrap()))
            .collect();
        assert_eq!(got, expected, "step {i}: exit {code}, {threshold}, {mode}");
    }
    let mails = smtp.wait_mails(expected.len()).await;
    let h = r.settled().await;
    assert!(h.iter().all(|x| x["status"] == "sent"));
    assert_eq!(mails.len(), expected.len());
    let subjects: Vec<&str> = mails
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    for word in ["Failed:", "Recovered:", "OK:", "Warning:"] {
        assert!(
            subjects.iter().any(|s| s.contains(word)),
            "{word} in {subjects:?}"
        );
    }
    let (_, sent) = r
        .admin
        .get("/api/notifications?status=sent&channel=email&per_page=2")
        .await;
    assert_eq!(sent["total"], expected.len());
    assert_eq!(sent["items"].as_array().unwrap().len(), 2);
    let (_, none) = r.admin.get("/api/notifications?status=failed").await;
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn a_mail_server_down_delays_the_mail_not_the_backup() {
    let port = free_port();
    let r = rig(port, "en").await;
    r.notify(json!({"owner": false, "emails": ["late@y.org"]}))
        .await;
    // Nothing listens on the port: the run finishes all the same.
    let run = r.run("1").await;
    assert_eq!(
        (run["state"].as_str(), run["result"].as_str()),
        (Some("finished"), Some("failed"))
    );
    let mut row = Value::Null;
    for _ in 0..300 {
        row = history(&r.admin, "").await[0].clone();
        if row["attempts"] == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        (row["status"].as_str(), row["attempts"].as_i64()),
        (Some("pending"), Some(1)),
        "{row}"
    );
    let error = row["last_error"].as_str().unwrap().to_lowercase();
    assert!(error.contains("refused"), "{row}");
    let next: chrono::DateTime<Utc> =
        serde_json::from_value(row["next_attempt_at"].clone()).unwrap();
    assert!(next > Utc::now(), "retried later, not at once: {row}");
    // The server comes up; the next round after the backoff delivers.
    let smtp = Smtp::start(port);
    let sender = backend::startup::sender_of(&r.app.engine);
    assert_eq!(sender.send_due(Utc::now()).await.unwrap(), 0, "not due yet");
    let sent = sender
        .send_due(next + chrono::Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let mails = smtp.wait_mails(1).await;
    assert_eq!(mails[0]["rcpt_tos"], json!(["late@y.org"]));
    let row = history(&r.admin, "").await[0].clone();
    assert_eq!(
        (row["status"].as_str(), row["attempts"].as_i64()),
        (Some("sent"), Some(2)),
        "{row}"
    );
}

#[tokio::test]
async fn a_permanent_refusal_fails_at_once_and_is_logged() {
    let smtp = Smtp::start(0);
    let r = rig(smtp.port, "en").await;
    r.notify(json!({"owner": false, "emails": ["reject-me@y.org", "fine@y.org"]}))
        .await;
    r.run("1").await;
    let h = r.settled().await;
    let refused = h
        .iter()
        .find(|n| n["recipient"] == "reject-me@y.org")
        .unwrap();
    assert_eq!(
        (refused["status"].as_str(), refused["attempts"].as_i64()),
        (Some("failed"), Some(1))
    );
    assert!(
        refused["last_error"].as_str().unwrap().contains("550"),
        "{refused}"
    );
    let mails = smtp.wait_mails(1).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["rcpt_tos"], json!(["fine@y.org"]));
    let (client, conn) = tokio_postgres::connect(&r.app.db_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let rows = client
        .query(
            "SELECT level, detail, job_id FROM log_records WHERE source = 'notification'",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].get::<_, String>(0), "error");
    let detail: String = rows[0].get(1);
    assert!(
        detail.contains("reject-me@y.org") && detail.contains("550"),
        "{detail}"
    );
    assert_eq!(rows[0].get::<_, Option<i64>>(2), Some(r.job));
}
