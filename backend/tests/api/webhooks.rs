//! Webhooks: the CRUD with its write-only secret, and delivery to a local HTTP receiver
//! (body shape, HMAC signature, a retry after a 500), and the test endpoint.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use chrono::Utc;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::helpers::*;
use crate::notifications::rig;
use crate::smtp::{free_port, history};

/// What the receiver got: path, signature header, body.
type Got = Arc<Mutex<Vec<(String, Option<String>, Vec<u8>)>>>;

/// A local HTTP server recording every request and answering with `status`.
struct Receiver {
    base: String,
    got: Got,
    status: Arc<AtomicU16>,
}

async fn receive(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<(Got, Arc<AtomicU16>)>,
) -> HttpResponse {
    let sig = req
        .headers()
        .get("X-ElkarBackup-Signature")
        .map(|v| v.to_str().unwrap().to_owned());
    state
        .0
        .lock()
        .unwrap()
        .push((req.path().to_owned(), sig, body.to_vec()));
    let status = state.1.load(Ordering::SeqCst);
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).body("received")
}

fn receiver() -> Receiver {
    let got: Got = Arc::default();
    let status = Arc::new(AtomicU16::new(200));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let data = web::Data::new((got.clone(), status.clone()));
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .default_service(web::to(receive))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    Receiver { base, got, status }
}

fn hmac_hex(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[tokio::test]
async fn webhooks_are_managed_by_admins_and_keep_their_secret() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let body = json!({"name": "ntfy", "url": "https://ntfy.example.org/b",
        "events": ["run_failed"], "secret": "s3cret"});
    let (s, w) = admin.post("/api/webhooks", body.clone()).await;
    assert_eq!(s, 201, "{w}");
    assert_eq!(
        (w["secret_set"].as_bool(), w.get("secret")),
        (Some(true), None)
    );
    let id = w["id"].as_i64().unwrap();
    let (s, dup) = admin.post("/api/webhooks", body.clone()).await;
    assert_eq!(
        (s, field_codes(&dup)),
        (409, vec![("name".into(), "duplicate".into())])
    );
    let (s, bad) = admin
        .post(
            "/api/webhooks",
            json!({"name": "x", "url": "ftp://x.org", "events": []}),
        )
        .await;
    assert_eq!(s, 422);
    let mut codes = field_codes(&bad);
    codes.sort();
    assert_eq!(
        codes,
        vec![
            ("events".into(), "required".into()),
            ("url".into(), "invalid".into())
        ]
    );
    let mut keep = body.clone();
    keep.as_object_mut().unwrap().remove("secret");
    keep["events"] = json!(["run_failed", "run_recovered"]);
    let (s, w) = admin.put(&format!("/api/webhooks/{id}"), keep).await;
    assert_eq!(s, 200);
    assert_eq!(w["secret_set"], true, "an absent secret is kept");
    assert_eq!(w["events"], json!(["run_failed", "run_recovered"]));
    let mut clear = body.clone();
    clear["secret"] = json!("");
    let (_, w) = admin.put(&format!("/api/webhooks/{id}"), clear).await;
    assert_eq!(w["secret_set"], false);
    let op = app.user("op", shared::Role::Operator).await;
    assert_eq!(op.get("/api/webhooks").await.0, 403);
    assert_eq!(
        op.post(&format!("/api/webhooks/{id}/test"), json!({}))
            .await
            .0,
        403
    );
    assert_eq!(
        admin.get("/api/webhooks").await.1.as_array().unwrap().len(),
        1
    );
    assert_eq!(admin.delete(&format!("/api/webhooks/{id}")).await.0, 204);
    assert_eq!(admin.get(&format!("/api/webhooks/{id}")).await.0, 404);
}

#[tokio::test]
async fn a_failed_run_is_posted_signed_and_retried_after_a_500() {
    let rx = receiver();
    let r = rig(free_port(), "en").await;
    r.notify(json!({"owner": false, "emails": []})).await;
    for (name, path, events, secret, active) in [
        ("signed", "/a", json!(["run_failed"]), "s3cret", true),
        ("ok-only", "/b", json!(["run_ok"]), "", true),
        ("off", "/c", json!(["run_failed"]), "", false),
    ] {
        let (s, w) = r
            .admin
            .post(
                "/api/webhooks",
                json!({"name": name, "url": format!("{}{path}", rx.base), "events": events,
                    "secret": secret, "active": active}),
            )
            .await;
        assert_eq!(s, 201, "{w}");
    }
    rx.status.store(500, Ordering::SeqCst);
    let run = r.run("1").await;
    let run_id = run["id"].as_i64().unwrap();
    let mut row = Value::Null;
    for _ in 0..300 {
        row = history(&r.admin, "channel=webhook").await[0].clone();
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
    assert!(row["last_error"].as_str().unwrap().contains("500"), "{row}");
    assert_eq!(
        history(&r.admin, "channel=webhook").await.len(),
        1,
        "one webhook wants it"
    );
    rx.status.store(200, Ordering::SeqCst);
    let next: chrono::DateTime<Utc> =
        serde_json::from_value(row["next_attempt_at"].clone()).unwrap();
    let sender = backend::startup::sender_of(&r.app.engine);
    assert_eq!(
        sender
            .send_due(next + chrono::Duration::seconds(1))
            .await
            .unwrap(),
        1
    );
    let row = history(&r.admin, "channel=webhook").await[0].clone();
    assert_eq!(
        (row["status"].as_str(), row["attempts"].as_i64()),
        (Some("sent"), Some(2)),
        "{row}"
    );
    assert!(
        row["last_reply"].as_str().unwrap().starts_with("200"),
        "{row}"
    );
    let got = rx.got.lock().unwrap().clone();
    assert_eq!(got.len(), 2, "the failed attempt and the retry");
    for (path, sig, body) in &got {
        assert_eq!(path, "/a");
        assert_eq!(sig.as_deref(), Some(hmac_hex("s3cret", body).as_str()));
    }
    let b: Value = serde_json::from_slice(&got[1].2).unwrap();
    assert_eq!(
        (
            &b["event"],
            &b["run_id"],
            &b["result"],
            &b["error_code"],
            &b["job"]
        ),
        (
            &json!("run_failed"),
            &json!(run_id),
            &json!("failed"),
            &json!("rsync_syntax"),
            &json!("local")
        )
    );
    assert_eq!(b["url"], format!("https://backup.herria.eus/runs/{run_id}"));
    assert_eq!(b["client"], r.client_name().await);
}

#[tokio::test]
async fn the_webhook_test_answers_with_the_reply_or_the_error() {
    let rx = receiver();
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, w) = admin
        .post(
            "/api/webhooks",
            json!({"name": "t", "url": format!("{}/t", rx.base), "events": ["run_failed"]}),
        )
        .await;
    let id = w["id"].as_i64().unwrap();
    let (s, ok) = admin
        .post(&format!("/api/webhooks/{id}/test"), json!({}))
        .await;
    assert_eq!(s, 200);
    assert_eq!(ok["delivered"], true, "{ok}");
    assert_eq!(ok["reply"], "200 OK received");
    let got = rx.got.lock().unwrap().clone();
    let b: Value = serde_json::from_slice(&got[0].2).unwrap();
    assert_eq!((&b["event"], &got[0].1), (&json!("test"), &None));
    rx.status.store(404, Ordering::SeqCst);
    let (_, nf) = admin
        .post(&format!("/api/webhooks/{id}/test"), json!({}))
        .await;
    assert_eq!(nf["delivered"], false);
    assert_eq!(nf["error"], "HTTP 404 Not Found received");
    assert_eq!(admin.post("/api/webhooks/999/test", json!({})).await.0, 404);
    assert!(history(&admin, "").await.is_empty());
}
