//! CSRF rule, security headers, API fallbacks (404/405), the SPA fallback and health.

use shared::{ErrorCode, Health, Language, Preferences};

use crate::helpers::*;
use crate::steps::*;

#[tokio::test]
async fn cookie_sessions_need_the_csrf_header_for_unsafe_requests() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(
        app.login(&browser, "admin", &app.admin_password)
            .await
            .status(),
        200
    );
    let prefs = Preferences {
        language: Some(Language::Es),
        page_size: 30,
    };
    let res = browser
        .put(app.url("/api/me/preferences"))
        .json(&prefs)
        .send()
        .await
        .unwrap();
    expect_error(res, 403, ErrorCode::CsrfHeaderMissing).await;
    // Nothing changed.
    let now: Preferences =
        crate::steps::get_plain_json(&browser, app.url("/api/me/preferences")).await;
    assert_eq!(now.language, None);
    // Safe methods need no header; unsafe ones pass with it.
    let res = browser
        .put(app.url("/api/me/preferences"))
        .header(shared::CSRF_HEADER, "1")
        .json(&prefs)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Bearer clients (scripts) are not subject to the rule: no ambient credential.
    let token = app.admin_token().await;
    let res = app
        .script()
        .put(app.url("/api/me/preferences"))
        .bearer_auth(token)
        .json(&prefs)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn unknown_api_paths_and_methods() {
    let app = spawn_app().await;
    let c = app.script();
    let res = c.get(app.url("/api/no-such-thing")).send().await.unwrap();
    expect_error(res, 404, ErrorCode::NotFound).await;
    let res = c.delete(app.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET");
    assert_eq!(error_of(res).await.code, ErrorCode::MethodNotAllowed);
    let res = c
        .patch(app.url("/api/me/preferences"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    let allow = res.headers()["allow"].to_str().unwrap().to_owned();
    assert!(allow.contains("GET") && allow.contains("PUT"), "{allow}");
    // A non-numeric id names nothing.
    let token = app.admin_token().await;
    let res = c
        .delete(app.url("/api/tokens/abc"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    // Malformed JSON.
    let res = c
        .post(app.url("/api/auth/login"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    expect_error(res, 400, ErrorCode::BadRequest).await;
}

#[tokio::test]
async fn health_reports_version_and_database() {
    let app = spawn_app().await;
    let res = anonymous_get(&app, "/api/health").await;
    assert_eq!(res.status(), 200);
    let h: Health = res.json().await.unwrap();
    assert_eq!(h.status, "ok");
    assert_eq!(h.database, "ok");
    assert_eq!(h.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn spa_fallback_and_security_headers() {
    let dist = tempfile::tempdir().unwrap();
    let loader = "import init from '/app.js';await init();";
    std::fs::write(
        dist.path().join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{loader}</script></head><body></body></html>"),
    )
    .unwrap();
    std::fs::write(
        dist.path().join("app.js"),
        "export default async function(){}",
    )
    .unwrap();
    let app = spawn_app_with(AppOptions {
        frontend_dir: Some(dist.path().to_owned()),
        ..AppOptions::default()
    })
    .await;
    let c = app.script();
    for path in ["/", "/clients/3", "/tokens"] {
        let res = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        use base64::Engine;
        use sha2::Digest;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader));
        assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
        assert!(res.text().await.unwrap().contains(loader));
    }
    let res = c.get(app.url("/app.js")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("export default"));
    // API errors never leak paths or stack traces.
    let res = c
        .get(app.url("/api/../../etc/passwd"))
        .send()
        .await
        .unwrap();
    let text = res.text().await.unwrap();
    assert!(!text.contains("root:"), "{text}");
}

#[tokio::test]
async fn api_docs_are_served_offline() {
    let app = spawn_app().await;
    let c = app.script();
    let res = c.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    assert!(!html.contains("https://"), "no CDN: {html}");
    let res = c
        .get(app.url("/api/docs/swagger-ui-bundle.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let spec: serde_json::Value =
        crate::steps::get_plain_json(&c, app.url("/api/openapi.json")).await;
    assert!(spec["paths"]["/api/auth/login"]["post"].is_object());
}

#[tokio::test]
async fn bodies_with_nul_are_refused_and_integral_floats_accepted() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut body = ssh_client("nul");
    body["description"] = serde_json::json!("a\u{0}b");
    let (s, e) = admin.post("/api/clients", body).await;
    assert_eq!((s, e["code"].as_str()), (400, Some("bad_request")));
    let mut body = ssh_client("floats");
    body["max_parallel_jobs"] = serde_json::json!(3.0);
    let (s, c) = admin.post("/api/clients", body).await;
    assert_eq!(s, 201, "{c}");
    assert_eq!(c["max_parallel_jobs"], 3);
    let mut body = ssh_client("fraction");
    body["max_parallel_jobs"] = serde_json::json!(2.5);
    assert_eq!(admin.post("/api/clients", body).await.0, 400);
    // /api/jobs/priorities is its own resource: other methods get 405, not a job lookup.
    let (s, _) = admin
        .call(
            reqwest::Method::PATCH,
            "/api/jobs/priorities",
            Some(&serde_json::json!({})),
        )
        .await;
    assert_eq!(s, 405);
    assert_eq!(admin.get("/api/jobs/priorities").await.0, 405);
}
