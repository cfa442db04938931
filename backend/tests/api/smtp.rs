//! A real SMTP server for the mail tests: `backend/tests/smtp/server.py` (aiosmtpd) run
//! with the workspace venv's Python; it writes each accepted message as a JSON file.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::{Api, TestApp};

/// A running SMTP server and the messages it accepted.
pub struct Smtp {
    pub port: u16,
    child: Child,
    dir: tempfile::TempDir,
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// A port nobody listens on now (for a mail server that is down, then started there).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Smtp {
    /// Starts the server on `port` (0: a free one) and waits until it listens.
    pub fn start(port: u16) -> Smtp {
        let python = workspace().join(".venv/bin/python");
        assert!(
            python.exists(),
            "{} is missing: the mail tests need the test venv with aiosmtpd \
             (`cargo xtask setup`, or `.venv/bin/pip install -r e2e/requirements.txt`)",
            python.display()
        );
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(&python)
            .arg(workspace().join("backend/tests/smtp/server.py"))
            .arg(dir.path())
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the SMTP server did not start: {line:?}"));
        Smtp { port, child, dir }
    }

    /// The messages accepted so far.
    pub fn mails(&self) -> Vec<Value> {
        let mut out: Vec<Value> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
            .collect();
        out.sort_by_key(|m| m["rcpt_tos"][0].as_str().unwrap_or_default().to_owned());
        out
    }

    /// Waits until `n` messages arrived (at most 30 s), and returns them.
    pub async fn wait_mails(&self, n: usize) -> Vec<Value> {
        for _ in 0..300 {
            let m = self.mails();
            if m.len() >= n {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("expected {n} mails, got {:#?}", self.mails());
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Points the settings at `127.0.0.1:port` (plain SMTP), with `default_language`.
pub async fn use_mail_server(admin: &Api, port: u16, default_language: &str) {
    let (_, mut s) = admin.get("/api/settings").await;
    let o = s.as_object_mut().unwrap();
    o.remove("mail_password_set");
    o.insert("mail_host".into(), json!("127.0.0.1"));
    o.insert("mail_port".into(), json!(port));
    o.insert("mail_tls".into(), json!("none"));
    o.insert("mail_from".into(), json!("elkarbackup@herria.eus"));
    o.insert("instance_url".into(), json!("https://backup.herria.eus"));
    o.insert("default_language".into(), json!(default_language));
    let (st, body) = admin.put("/api/settings", s).await;
    assert_eq!(st, 200, "{body}");
}

/// Runs SQL on the app's database (for what the API does not set: hostile names, e-mail
/// addresses and languages of users).
pub async fn sql(app: &TestApp, stmt: &str) {
    let (client, conn) = tokio_postgres::connect(&app.db_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    client.batch_execute(stmt).await.unwrap();
}

/// The notifications the history lists with this query (`status=sent&job_id=…`).
pub async fn history(admin: &Api, query: &str) -> Vec<Value> {
    let (s, page) = admin
        .get(&format!("/api/notifications?per_page=500&{query}"))
        .await;
    assert_eq!(s, 200, "{page}");
    page["items"].as_array().unwrap().clone()
}
