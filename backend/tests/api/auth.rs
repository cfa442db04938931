//! Login, logout, `me`, rate limiting, token validation, preferences and password change.

use backend::auth::jwt::JwtKeys;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use shared::{ErrorCode, Language, LoginResponse, Me, Preferences, Role};

use crate::helpers::*;
use crate::steps::*;

#[tokio::test]
async fn login_ok_sets_cookie_and_token_works() {
    let app = spawn_app().await;
    let res = app.login(&app.script(), "admin", &app.admin_password).await;
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get("set-cookie")
        .expect("cookie")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("elkarbackup_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    let body: LoginResponse = res.json().await.unwrap();
    assert_eq!(body.user.username, "admin");
    assert_eq!(body.user.role, Role::Admin);
    assert!(body.expires_at > chrono::Utc::now().timestamp());

    let me: Me = get_json(&app.script(), app.url("/api/auth/me"), &body.token).await;
    assert_eq!(me.username, "admin");

    // Usernames are case-insensitive.
    let res = app.login(&app.script(), "ADMIN", &app.admin_password).await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_the_same_401() {
    let app = spawn_app().await;
    for (user, pw) in [("admin", "wrong-password"), ("nobody", "whatever-pw")] {
        let res = app.login(&app.script(), user, pw).await;
        let e = expect_error(res, 401, ErrorCode::InvalidCredentials).await;
        assert_eq!(e.message, "Wrong username or password.");
    }
    // The session cookie is not set on failure.
    let res = app.login(&app.script(), "admin", "wrong-password").await;
    assert!(res.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn errors_follow_accept_language() {
    let app = spawn_app().await;
    let res = app
        .script()
        .post(app.url("/api/auth/login"))
        .header("accept-language", "es-ES,es;q=0.9,en;q=0.5")
        .json(&serde_json::json!({"username": "admin", "password": "nope-nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers().get("content-language").unwrap(), "es");
    let e = error_of(res).await;
    assert_eq!(e.code, ErrorCode::InvalidCredentials);
    assert_eq!(e.message, "Usuario o contraseña incorrectos.");

    let res = app
        .script()
        .get(app.url("/api/auth/me"))
        .header("accept-language", "eu")
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(res).await.message, "Saioa hasi behar duzu.");
}

#[tokio::test]
async fn repeated_failures_are_rate_limited() {
    let app = spawn_app_with(AppOptions {
        login_max_failures: 3,
        ..AppOptions::default()
    })
    .await;
    for _ in 0..3 {
        let res = app.login(&app.script(), "admin", "bad-password").await;
        assert_eq!(res.status(), 401);
    }
    let res = app.login(&app.script(), "admin", "bad-password").await;
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=300).contains(&retry), "{retry}");
    assert_eq!(error_of(res).await.code, ErrorCode::RateLimited);
    // Even the right password is refused while blocked…
    let res = app.login(&app.script(), "admin", &app.admin_password).await;
    assert_eq!(res.status(), 429);
    // …but another account from the same address is not affected.
    app.create_user("maite", Role::Operator, "maite-password")
        .await;
    let res = app.login(&app.script(), "maite", "maite-password").await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn me_requires_credentials() {
    let app = spawn_app().await;
    let res = anonymous_get(&app, "/api/auth/me").await;
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    assert_eq!(error_of(res).await.code, ErrorCode::Unauthorized);
    for bad in ["garbage", "ebk_not-a-real-token", "a.b.c", ""] {
        let res = app
            .script()
            .get(app.url("/api/auth/me"))
            .header("authorization", format!("Bearer {bad}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{bad:?}");
    }
}

fn claims_part(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn expired_tampered_and_unsigned_tokens_are_rejected() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let claims = claims_part(&token);
    let sid: uuid::Uuid = claims["sid"].as_str().unwrap().parse().unwrap();
    let keys = JwtKeys::new(JWT_SECRET.as_bytes());
    let now = chrono::Utc::now().timestamp();
    let me = |t: String| {
        let c = app.script();
        let url = app.url("/api/auth/me");
        async move { c.get(url).bearer_auth(t).send().await.unwrap().status() }
    };
    // Sanity: a token we sign for the live session is accepted.
    assert_eq!(me(keys.issue(1, sid, now, now + 60).unwrap()).await, 200);
    // Expired.
    assert_eq!(
        me(keys.issue(1, sid, now - 120, now - 1).unwrap()).await,
        401
    );
    // Signed with another secret.
    let other = JwtKeys::new(b"some-other-secret-some-other-secret!!");
    assert_eq!(me(other.issue(1, sid, now, now + 60).unwrap()).await, 401);
    // Payload tampered (another user id) with the original signature.
    let parts: Vec<&str> = token.split('.').collect();
    let mut c = claims.clone();
    c["sub"] = "2".into();
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(c.to_string()),
        parts[2]
    );
    assert_eq!(me(forged).await, 401);
    // alg: none.
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    assert_eq!(me(format!("{header}.{}.", parts[1])).await, 401);
    // HS512 with the right secret is still refused: the algorithm is pinned.
    let h512 = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .unwrap();
    assert_eq!(me(h512).await, 401);
    // A valid signature for a session that does not exist.
    assert_eq!(
        me(keys.issue(1, uuid::Uuid::new_v4(), now, now + 60).unwrap()).await,
        401
    );
    // The original still works.
    assert_eq!(me(token).await, 200);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let browser = app.browser();
    let res = app.login(&browser, "admin", &app.admin_password).await;
    let token = res.json::<LoginResponse>().await.unwrap().token;
    let res = browser.get(app.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(res.status(), 200, "cookie session");
    let res = browser
        .post(app.url("/api/auth/logout"))
        .header(shared::CSRF_HEADER, "1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let set = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        set.contains("Max-Age=0") || set.contains("expires=Thu, 01 Jan 1970"),
        "{set}"
    );
    let res = browser.get(app.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    // The JWT itself is dead too, not just the cookie.
    let res = get_with(&app.script(), app.url("/api/auth/me"), &token).await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn preferences_round_trip_and_validation() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let c = app.script();
    let p: Preferences = get_json(&c, app.url("/api/me/preferences"), &token).await;
    assert_eq!(
        p.language, None,
        "the first admin has not chosen a language"
    );
    let res = c
        .put(app.url("/api/me/preferences"))
        .bearer_auth(&token)
        .json(&Preferences {
            language: Some(Language::Eu),
            page_size: 50,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let me: Me = get_json(&c, app.url("/api/auth/me"), &token).await;
    assert_eq!((me.language, me.page_size), (Some(Language::Eu), 50));

    let res = c
        .put(app.url("/api/me/preferences"))
        .bearer_auth(&token)
        .header("accept-language", "es")
        .json(&Preferences {
            language: Some(Language::Es),
            page_size: 4,
        })
        .send()
        .await
        .unwrap();
    let e = expect_error(res, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(e.fields[0].field, "page_size");
    assert_eq!(e.fields[0].message, "Debe estar entre 5 y 500.");
    // Nothing changed.
    let me: Me = get_json(&c, app.url("/api/auth/me"), &token).await;
    assert_eq!((me.language, me.page_size), (Some(Language::Eu), 50));
    // An unknown language is a malformed body.
    let res = c
        .put(app.url("/api/me/preferences"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"language": "fr", "page_size": 20}))
        .send()
        .await
        .unwrap();
    expect_error(res, 400, ErrorCode::BadRequest).await;
}

#[tokio::test]
async fn password_change_checks_the_current_one() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let c = app.script();
    let put = |current: &str, new: &str| {
        c.put(app.url("/api/me/password"))
            .bearer_auth(&token)
            .json(&shared::ChangePassword {
                current_password: current.into(),
                new_password: new.into(),
            })
            .send()
    };
    let res = put("not-the-password", "a-new-password").await.unwrap();
    expect_error(res, 401, ErrorCode::InvalidCredentials).await;
    let res = put(&app.admin_password, "short").await.unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(error_of(res).await.fields[0].field, "new_password");
    let res = put(&app.admin_password, "a-new-password").await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(
        app.login(&c, "admin", &app.admin_password).await.status(),
        401
    );
    assert_eq!(app.login(&c, "admin", "a-new-password").await.status(), 200);
}
