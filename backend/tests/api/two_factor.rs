//! Two-factor sign-in (`/api/me/totp`): enrolment with a QR code and a first code, login
//! with a code, wrong and replayed codes refused, recovery codes that work once, a fresh
//! code before an API token, the administrators' requirement, an administrator's reset,
//! turning it off, and wrong codes rate-limited like wrong passwords.

use backend::auth::totp::code_at;
use serde_json::{json, Value};
use shared::ErrorCode;

use crate::helpers::{
    audit_codes, field_codes, spawn_app, spawn_app_with, Api, AppOptions, TestApp,
};

fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

/// A six-digit code that is none of the secret's codes around now.
fn wrong_code(secret: &str) -> String {
    let t = now();
    let near: Vec<String> = [t - 60, t - 30, t, t + 30, t + 60]
        .iter()
        .map(|t| code_at(secret, *t).unwrap())
        .collect();
    (0..)
        .map(|n| format!("{:06}", 123_456 + n))
        .find(|c| !near.contains(c))
        .unwrap()
}

/// Logs in; the status and the body.
async fn login(app: &TestApp, user: &str, pw: &str, code: Option<&str>) -> (u16, Value) {
    let res = app
        .script()
        .post(app.url("/api/auth/login"))
        .json(&json!({"username": user, "password": pw, "code": code}))
        .send()
        .await
        .unwrap();
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

fn session(app: &TestApp, body: &Value) -> Api {
    Api {
        token: Some(body["token"].as_str().unwrap().to_owned()),
        ..app.anon()
    }
}

/// Sets up two-factor sign-in for `api` (password `pw`); the secret and the recovery codes.
async fn enrol(api: &Api, pw: &str) -> (String, Vec<String>) {
    let (s, setup) = api
        .post("/api/me/totp/setup", json!({"password": pw}))
        .await;
    assert_eq!(s, 200, "{setup}");
    let secret = setup["secret"].as_str().unwrap().to_owned();
    let code = code_at(&secret, now()).unwrap();
    let (s, codes) = api
        .post("/api/me/totp/confirm", json!({"code": code}))
        .await;
    assert_eq!(s, 200, "{codes}");
    let codes = codes["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (secret, codes)
}

fn error_code(body: &Value) -> &str {
    body["code"].as_str().unwrap_or_default()
}

fn field_code(body: &Value, field: &str) -> String {
    field_codes(body)
        .into_iter()
        .find(|(f, _)| f == field)
        .map(|(_, code)| code)
        .unwrap_or_default()
}

#[tokio::test]
async fn enrolment_then_login_with_a_code_once_and_recovery_codes_once() {
    let app = spawn_app().await;
    let pw = "ane-lantern-orchard";
    let ane = app.user("ane", shared::Role::Operator).await;
    let (s, st) = ane.get("/api/me/totp").await;
    assert_eq!((s, st["enabled"].clone()), (200, json!(false)), "{st}");

    // The password guards the set-up; nothing changes before the confirmation.
    let (s, e) = ane
        .post("/api/me/totp/setup", json!({"password": "wrong"}))
        .await;
    assert_eq!((s, error_code(&e)), (401, "invalid_credentials"));
    let (s, e) = ane
        .post("/api/me/totp/confirm", json!({"code": "123456"}))
        .await;
    assert_eq!(
        (s, field_code(&e, "code")),
        (422, "setup_not_started".into())
    );
    let (s, setup) = ane
        .post("/api/me/totp/setup", json!({"password": pw}))
        .await;
    assert_eq!(s, 200, "{setup}");
    let secret = setup["secret"].as_str().unwrap();
    let url = setup["otpauth_url"].as_str().unwrap();
    assert!(
        url.starts_with("otpauth://totp/ElkarBackup:ane?") && url.contains(secret),
        "{url}"
    );
    assert!(setup["qr_code"]
        .as_str()
        .unwrap()
        .starts_with("data:image/svg+xml;base64,"));
    let (s, _) = login(&app, "ane", pw, None).await;
    assert_eq!(s, 200, "not on before the confirmation");
    let (s, e) = ane
        .post("/api/me/totp/confirm", json!({"code": wrong_code(secret)}))
        .await;
    assert_eq!((s, field_code(&e, "code")), (422, "invalid_code".into()));
    let first = code_at(secret, now()).unwrap();
    let (s, codes) = ane
        .post("/api/me/totp/confirm", json!({"code": first}))
        .await;
    assert_eq!(s, 200, "{codes}");
    let codes: Vec<String> = serde_json::from_value(codes["codes"].clone()).unwrap();
    assert_eq!(codes.len(), 10);
    let (_, st) = ane.get("/api/me/totp").await;
    assert_eq!(
        (st["enabled"].clone(), st["recovery_codes_left"].clone()),
        (json!(true), json!(10))
    );
    // A session and the password alone cannot swap the second factor for another one.
    let (s, e) = ane
        .post("/api/me/totp/setup", json!({"password": pw}))
        .await;
    assert_eq!((s, error_code(&e)), (409, "two_factor_already_on"));

    // The password alone is no longer enough; wrong and replayed codes are refused.
    let (s, e) = login(&app, "ane", pw, None).await;
    assert_eq!((s, error_code(&e)), (401, "second_factor_required"));
    let (s, e) = login(&app, "ane", "wrong", Some(&first)).await;
    assert_eq!(
        (s, error_code(&e)),
        (401, "invalid_credentials"),
        "the password first"
    );
    let (s, e) = login(&app, "ane", pw, Some(&wrong_code(secret))).await;
    assert_eq!((s, error_code(&e)), (401, "invalid_second_factor"));
    let (s, e) = login(&app, "ane", pw, Some(&first)).await;
    assert_eq!(
        (s, error_code(&e)),
        (401, "invalid_second_factor"),
        "the confirmation's code, again"
    );
    let next = code_at(secret, now() + 30).unwrap();
    let spaced = format!("{} {}", &next[..3], &next[3..]);
    let (s, body) = login(&app, "ane", pw, Some(&spaced)).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["user"]["two_factor"], true);
    let (s, e) = login(&app, "ane", pw, Some(&next)).await;
    assert_eq!(
        (s, error_code(&e)),
        (401, "invalid_second_factor"),
        "replayed in its step"
    );

    // A recovery code, in any case, works once.
    let (s, body) = login(&app, "ane", pw, Some(&codes[0].to_uppercase())).await;
    assert_eq!(s, 200, "{body}");
    let (s, _) = login(&app, "ane", pw, Some(&codes[0])).await;
    assert_eq!(s, 401, "a recovery code is used up");
    let (_, st) = session(&app, &body).get("/api/me/totp").await;
    assert_eq!(st["recovery_codes_left"], 9);

    // New recovery codes void the old ones.
    let (s, renewed) = ane
        .post("/api/me/totp/recovery-codes", json!({"code": codes[1]}))
        .await;
    assert_eq!(s, 200, "{renewed}");
    let (s, _) = login(&app, "ane", pw, Some(&codes[2])).await;
    assert_eq!(s, 401, "an old recovery code");
    let fresh = renewed["codes"][0].as_str().unwrap();
    let (s, _) = login(&app, "ane", pw, Some(fresh)).await;
    assert_eq!(s, 200);

    let audit = audit_codes(&app).await;
    for code in [
        "totp_enabled",
        "second_factor_failed",
        "recovery_codes_renewed",
    ] {
        assert!(audit.iter().any(|c| c == code), "{code} in {audit:?}");
    }
}

#[tokio::test]
async fn an_api_token_needs_a_fresh_code_and_then_works_alone() {
    let app = spawn_app().await;
    let mikel = app.user("mikel", shared::Role::Operator).await;
    let (secret, codes) = enrol(&mikel, "mikel-lantern-orchard").await;
    let (s, e) = mikel.post("/api/tokens", json!({"name": "nagios"})).await;
    assert_eq!((s, field_code(&e, "code")), (422, "required".into()));
    let (s, e) = mikel
        .post(
            "/api/tokens",
            json!({"name": "nagios", "code": wrong_code(&secret)}),
        )
        .await;
    assert_eq!((s, field_code(&e, "code")), (422, "invalid_code".into()));
    let (s, _) = mikel.get("/api/tokens").await;
    assert_eq!(s, 200);
    let (s, created) = mikel
        .post("/api/tokens", json!({"name": "nagios", "code": codes[0]}))
        .await;
    assert_eq!(s, 201, "{created}");
    let script = Api {
        token: Some(created["token"].as_str().unwrap().to_owned()),
        ..app.anon()
    };
    let (s, _) = script.get("/api/clients").await;
    assert_eq!(s, 200, "a token needs no code when used");
}

#[tokio::test]
async fn administrators_can_be_required_to_use_a_second_factor() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, settings) = admin.get("/api/settings").await;
    let mut require = settings.clone();
    require["admins_need_two_factor"] = json!(true);
    let (s, e) = admin.put("/api/settings", require.clone()).await;
    assert_eq!(
        (s, field_code(&e, "admins_need_two_factor")),
        (422, "own_two_factor_first".into())
    );
    enrol(&admin, &app.admin_password).await;
    let (s, saved) = admin.put("/api/settings", require).await;
    assert_eq!(s, 200, "{saved}");
    assert_eq!(saved["admins_need_two_factor"], true);

    // Another administrator without a second factor: held to setting one up.
    let pw = "bea-lantern-orchard";
    app.create_user("bea", shared::Role::Admin, pw).await;
    let (s, body) = login(&app, "bea", pw, None).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["user"]["two_factor_setup_required"], true);
    let bea = session(&app, &body);
    let (s, e) = bea.get("/api/clients").await;
    assert_eq!((s, error_code(&e)), (403, "two_factor_setup_required"));
    let (s, e) = bea.post("/api/tokens", json!({"name": "x"})).await;
    assert_eq!((s, error_code(&e)), (403, "two_factor_setup_required"));
    let (s, me) = bea.get("/api/auth/me").await;
    assert_eq!(
        (s, me["two_factor_setup_required"].clone()),
        (200, json!(true))
    );
    let (s, st) = bea.get("/api/me/totp").await;
    assert_eq!((s, st["required"].clone()), (200, json!(true)));
    enrol(&bea, pw).await;
    let (s, _) = bea.get("/api/clients").await;
    assert_eq!(s, 200, "free once set up, in the same session");
    let (_, me) = bea.get("/api/auth/me").await;
    assert_eq!(me["two_factor_setup_required"], false);

    // Operators are not concerned; administrators cannot turn theirs off.
    let ion = app.user("ion", shared::Role::Operator).await;
    let (s, _) = ion.get("/api/clients").await;
    assert_eq!(s, 200);
    let (s, e) = admin
        .post(
            "/api/me/totp/disable",
            json!({"password": app.admin_password, "code": "123456"}),
        )
        .await;
    assert_eq!((s, error_code(&e)), (409, "two_factor_required"));
}

#[tokio::test]
async fn an_administrator_resets_a_lost_second_factor_audited() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let pw = "nere-lantern-orchard";
    let nere = app.user("nere", shared::Role::Operator).await;
    enrol(&nere, pw).await;
    let (s, _) = login(&app, "nere", pw, None).await;
    assert_eq!(s, 401);
    let (_, me) = nere.get("/api/auth/me").await;
    let id = me["id"].as_i64().unwrap();
    let (_, listed) = admin.get(&format!("/api/users/{id}")).await;
    assert_eq!(listed["two_factor"], true);

    let (s, e) = nere.delete(&format!("/api/users/{id}/totp")).await;
    assert_eq!((s, error_code(&e)), (403, "forbidden"));
    let (s, _) = admin.delete("/api/users/999999/totp").await;
    assert_eq!(s, 404);
    let (s, _) = admin.delete(&format!("/api/users/{id}/totp")).await;
    assert_eq!(s, 204);
    let (s, body) = login(&app, "nere", pw, None).await;
    assert_eq!(s, 200, "the password alone again: {body}");
    assert_eq!(body["user"]["two_factor"], false);
    let (_, st) = nere.get("/api/me/totp").await;
    assert_eq!(
        (st["enabled"].clone(), st["recovery_codes_left"].clone()),
        (json!(false), json!(0))
    );
    assert!(audit_codes(&app).await.contains(&"totp_reset".to_owned()));
}

#[tokio::test]
async fn turning_it_off_needs_the_password_and_a_code() {
    let app = spawn_app().await;
    let pw = "unai-lantern-orchard";
    let unai = app.user("unai", shared::Role::Operator).await;
    let (secret, codes) = enrol(&unai, pw).await;
    let (s, e) = unai
        .post(
            "/api/me/totp/disable",
            json!({"password": "wrong", "code": codes[0]}),
        )
        .await;
    assert_eq!((s, error_code(&e)), (401, "invalid_credentials"));
    let (s, e) = unai
        .post(
            "/api/me/totp/disable",
            json!({"password": pw, "code": wrong_code(&secret)}),
        )
        .await;
    assert_eq!((s, field_code(&e, "code")), (422, "invalid_code".into()));
    let (s, _) = unai
        .post(
            "/api/me/totp/disable",
            json!({"password": pw, "code": codes[0]}),
        )
        .await;
    assert_eq!(s, 204);
    let (s, _) = login(&app, "unai", pw, None).await;
    assert_eq!(s, 200);
    assert!(audit_codes(&app)
        .await
        .contains(&"totp_disabled".to_owned()));
}

#[tokio::test]
async fn wrong_codes_are_rate_limited_like_wrong_passwords() {
    let app = spawn_app_with(AppOptions {
        login_max_failures: 3,
        ..AppOptions::default()
    })
    .await;
    let pw = "jon-lantern-orchard";
    let jon = app.user("jon", shared::Role::Operator).await;
    let (secret, codes) = enrol(&jon, pw).await;
    for _ in 0..3 {
        let (s, _) = login(&app, "jon", pw, Some(&wrong_code(&secret))).await;
        assert_eq!(s, 401);
    }
    let (s, e) = login(&app, "jon", pw, Some(&codes[0])).await;
    assert_eq!((s, error_code(&e)), (429, ErrorCode::RateLimited.as_str()));
    let (_, st) = jon.get("/api/me/totp").await;
    assert_eq!(
        st["recovery_codes_left"], 10,
        "a refused attempt uses up nothing"
    );
}
