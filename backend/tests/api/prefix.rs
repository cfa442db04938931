//! Serving under a path prefix (`url_prefix = "/elkarbackup"`): the API, its docs and
//! document, `/metrics` and the web app answer only under the prefix; `/` and the bare
//! prefix redirect to `prefix/`; the start page carries `<base href>` and prefixed asset
//! URLs, and its CSP hash is that of the page served; the session cookie's path is the
//! prefix (and Secure with `secure_cookies`, as behind an HTTPS proxy).

use base64::Engine;
use serde_json::Value;
use sha2::Digest;

use crate::tls::{spawn_served, Serving};

const PREFIX: &str = "/elkarbackup";
const LOADER: &str = "\nimport init, * as bindings from '/frontend-1a2.js';\n\
                      const wasm = await init({ module_or_path: '/frontend-1a2_bg.wasm' });\n";

/// A build directory shaped like trunk's.
fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let index = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <link rel=\"stylesheet\" href=\"/style-77a.css\">\
         <link rel=\"modulepreload\" href=\"/frontend-1a2.js\" crossorigin=\"anonymous\">\
         <script type=\"module\">{LOADER}</script></head><body></body></html>"
    );
    std::fs::write(dir.path().join("index.html"), index).unwrap();
    std::fs::write(dir.path().join("frontend-1a2.js"), "export default 1;").unwrap();
    std::fs::write(dir.path().join("frontend-1a2_bg.wasm"), "wasm").unwrap();
    std::fs::write(dir.path().join("style-77a.css"), "body{}").unwrap();
    dir
}

fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn hash(script: &str) -> String {
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[tokio::test]
async fn everything_is_served_under_the_prefix_and_nothing_outside() {
    let web = dist();
    let app = spawn_served(Serving {
        url_prefix: PREFIX.into(),
        frontend_dir: Some(web.path().to_owned()),
        ..Serving::default()
    })
    .await;
    assert!(app.base.ends_with(PREFIX), "{}", app.base);
    let origin = app.base.trim_end_matches(PREFIX).to_owned();
    let c = plain_client();
    let get = |url: String| {
        let c = c.clone();
        async move { c.get(url).send().await.unwrap() }
    };

    let res = get(app.url("/api/health")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    for outside in [
        "/api/health",
        "/api/docs/",
        "/metrics",
        "/jobs/3",
        "/frontend-1a2.js",
    ] {
        assert_eq!(
            get(format!("{origin}{outside}")).await.status(),
            404,
            "{outside}"
        );
    }
    for to_slash in [format!("{origin}/"), app.base.clone()] {
        let res = get(to_slash.clone()).await;
        assert_eq!(res.status(), 302, "{to_slash}");
        assert_eq!(res.headers()["location"], "/elkarbackup/", "{to_slash}");
    }
    // The API's own 404 and 405 still know the paths.
    let res = get(app.url("/api/nothing-here")).await;
    assert_eq!(res.status(), 404);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "not_found");
    let res = c.delete(app.url("/api/health")).send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_ne!(get(app.url("/metrics")).await.status(), 404);

    // The start page, for the root and for deep links, rewritten for the prefix.
    for page in ["/", "/index.html", "/jobs/3", "/snapshots/7?path=a/b"] {
        let res = get(app.url(page)).await;
        assert_eq!(res.status(), 200, "{page}");
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let html = res.text().await.unwrap();
        assert!(
            html.contains("<head><base href=\"/elkarbackup/\">"),
            "{html}"
        );
        assert!(
            html.contains("href=\"/elkarbackup/style-77a.css\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"/elkarbackup/frontend-1a2.js\""),
            "{html}"
        );
        let served = LOADER.replace("'/frontend", "'/elkarbackup/frontend");
        assert!(html.contains(&served), "{html}");
        assert!(csp.contains(&hash(&served)), "{csp}");
        assert!(!csp.contains(&hash(LOADER)), "the old loader's hash: {csp}");
    }
    let res = get(app.url("/frontend-1a2.js")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "export default 1;");

    // The API docs fetch the document under the prefix, which names the prefix as server.
    assert_eq!(get(app.url("/api/docs/")).await.status(), 200);
    let init = get(app.url("/api/docs/swagger-initializer.js")).await;
    let init = init.text().await.unwrap();
    assert!(init.contains("/elkarbackup/api/openapi.json"), "{init}");
    let spec: Value = get(app.url("/api/openapi.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(spec["servers"][0]["url"], PREFIX);
    assert!(spec["paths"]["/api/auth/login"]["post"].is_object());
}

#[tokio::test]
async fn the_session_cookie_belongs_to_the_prefix() {
    for secure in [false, true] {
        let app = spawn_served(Serving {
            url_prefix: PREFIX.into(),
            secure_cookies: secure,
            ..Serving::default()
        })
        .await;
        let browser = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let res = app.login(&browser, "admin", &app.admin_password).await;
        assert_eq!(res.status(), 200);
        let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.contains("Path=/elkarbackup;"), "{cookie}");
        assert_eq!(cookie.contains("Secure"), secure, "{cookie}");
        if !secure {
            // A cookie jar sends it back under the prefix.
            let me = browser.get(app.url("/api/auth/me")).send().await.unwrap();
            assert_eq!(me.status(), 200);
        }
    }
}
