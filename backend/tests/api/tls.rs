//! Built-in HTTPS: with `[tls]` the server answers over TLS only, with its certificate,
//! offers HTTP/2 and HTTP/1.1, marks the session cookie Secure, and streams server-sent
//! events; a missing or wrong `[tls]` file stops the start with a message naming it.
//! Also the harness `spawn_served` for servers with `[tls]`, a path prefix or a web app.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use backend::config::{Config, TlsConfig};
use backend::startup::Application;
use futures_util::StreamExt;
use serde_json::json;

use crate::helpers::*;

/// What a server started by [`spawn_served`] is configured with beyond the defaults.
#[derive(Default)]
pub struct Serving {
    pub tls: TlsConfig,
    pub url_prefix: String,
    pub secure_cookies: bool,
    pub frontend_dir: Option<PathBuf>,
}

/// The configuration `spawn_app` uses, with `serving` on top.
fn config(db_url: &str, data_dir: &Path, serving: Serving) -> Config {
    Config {
        data_dir: data_dir.to_owned(),
        rsync_timeout_seconds: 20,
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: Some(db_url.to_owned()),
        frontend_dir: serving
            .frontend_dir
            .unwrap_or_else(|| data_dir.join("no-frontend")),
        jwt_secret: Some(JWT_SECRET.into()),
        db_pool_size: 4,
        scheduler: false,
        time_zone: "Europe/Madrid".into(),
        tls: serving.tls,
        url_prefix: serving.url_prefix,
        secure_cookies: serving.secure_cookies,
        replication: backend::config::ReplicationConfig {
            gate: Some(PathBuf::from(env!("CARGO_BIN_EXE_elkarbackup"))),
            ..Default::default()
        },
        ..Config::default()
    }
}

/// Starts a server on a fresh database; `base` is its printed address without the final
/// slash (`https://127.0.0.1:PORT/prefix`).
pub async fn spawn_served(serving: Serving) -> TestApp {
    let (db_url, _) = fresh_database().await;
    let data_dir = tempfile::tempdir().unwrap();
    let app = Application::build(config(&db_url, data_dir.path(), serving), &db_url)
        .await
        .unwrap();
    let admin_password = app.first_admin_password.clone().unwrap_or_default();
    let base = app.url("127.0.0.1").trim_end_matches('/').to_owned();
    let engine = app.engine.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        engine,
        base,
        db_url,
        admin_password,
        _data_dir: data_dir,
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost in `dir`: (certificate, key) files
/// and the certificate's PEM.
pub fn test_certificate(dir: &Path) -> (PathBuf, PathBuf, String) {
    let made =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    (cert, key, made.cert.pem())
}

/// A client trusting `pem`, keeping cookies when asked, never following redirects.
pub fn https_client(pem: &str, cookies: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(pem.as_bytes()).unwrap())
        .cookie_store(cookies)
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(Duration::from_secs(2))
        .build()
        .unwrap()
}

#[tokio::test]
async fn https_serves_the_api_with_secure_cookies_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, pem) = test_certificate(dir.path());
    let app = spawn_served(Serving {
        tls: TlsConfig {
            certificate: Some(cert),
            key: Some(key),
        },
        ..Serving::default()
    })
    .await;
    assert!(app.base.starts_with("https://127.0.0.1:"), "{}", app.base);
    let browser = https_client(&pem, true);
    let res = browser.get(app.url("/api/health")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    // No plain HTTP on the HTTPS port.
    let plain = app.base.replace("https://", "http://");
    let answered = https_client(&pem, false)
        .get(format!("{plain}/api/health"))
        .send()
        .await;
    assert!(
        answered.as_ref().map_or(true, |r| r.status() != 200),
        "{answered:?}"
    );

    let res = app.login(&browser, "admin", &app.admin_password).await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    for flag in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    let token = res.json::<shared::LoginResponse>().await.unwrap().token;
    assert_eq!(
        browser
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "the Secure cookie comes back over HTTPS"
    );

    // Server-sent events over TLS: a queued run arrives on the stream.
    let admin = Api {
        base: app.base.clone(),
        token: Some(token.clone()),
        client: https_client(&pem, false),
    };
    let res = https_client(&pem, false)
        .get(app.url("/api/events"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let source = tempfile::tempdir().unwrap();
    std::fs::write(source.path().join("a.txt"), "a").unwrap();
    let job = crate::faults::local_job(&app, &admin, source.path()).await;
    let (s, run) = admin.post(&format!("/api/jobs/{job}/run"), json!({})).await;
    assert_eq!(s, 202, "{run}");
    let mut body = res.bytes_stream();
    let mut seen = String::new();
    let arrived = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(Ok(chunk)) = body.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk));
            if seen.contains("\"type\":\"run\"") {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(arrived, Ok(true), "no run event over HTTPS: {seen}");
}

#[tokio::test]
async fn https_offers_http2_and_http11() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, pem) = test_certificate(dir.path());
    let app = spawn_served(Serving {
        tls: TlsConfig {
            certificate: Some(cert),
            key: Some(key),
        },
        ..Serving::default()
    })
    .await;
    let port: u16 = app.base.rsplit(':').next().unwrap().parse().unwrap();
    let negotiated = |offer: Vec<Vec<u8>>| {
        let pem = pem.clone();
        tokio::task::spawn_blocking(move || alpn(port, &pem, offer))
    };
    let h2 = negotiated(vec![b"h2".to_vec(), b"http/1.1".to_vec()])
        .await
        .unwrap();
    assert_eq!(h2.as_deref(), Some(&b"h2"[..]));
    let h1 = negotiated(vec![b"http/1.1".to_vec()]).await.unwrap();
    assert_eq!(h1.as_deref(), Some(&b"http/1.1"[..]));
}

/// The application protocol the server picks from `offer` in a TLS handshake.
fn alpn(port: u16, pem: &str, offer: Vec<Vec<u8>>) -> Option<Vec<u8>> {
    use rustls_pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls_pki_types::CertificateDer::from_pem_slice(pem.as_bytes()).unwrap())
        .unwrap();
    let mut config = rustls::ClientConfig::builder_with_provider(backend::web::tls::provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = offer;
    let name = rustls_pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let mut conn = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
    let mut tcp = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    while conn.is_handshaking() {
        conn.complete_io(&mut tcp).unwrap();
    }
    let protocol = conn.alpn_protocol().map(<[u8]>::to_vec);
    conn.send_close_notify();
    let _ = conn.complete_io(&mut tcp);
    let _ = tcp.flush();
    protocol
}

#[tokio::test]
async fn a_bad_tls_file_stops_the_start_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, _) = test_certificate(dir.path());
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "hello\n").unwrap();
    let missing = dir.path().join("missing-key.pem");
    // Checked before the database is opened: no database is needed to fail.
    let db_url = "postgres://postgres@127.0.0.1:1/none";
    for (c, k, named) in [(&cert, &missing, &missing), (&garbage, &key, &garbage)] {
        let serving = Serving {
            tls: TlsConfig {
                certificate: Some(c.clone()),
                key: Some(k.clone()),
            },
            ..Serving::default()
        };
        let Err(e) = Application::build(config(db_url, dir.path(), serving), db_url).await else {
            panic!("started with {named:?}");
        };
        assert!(
            e.to_string().contains(&named.display().to_string()),
            "{e:#}"
        );
    }
}
