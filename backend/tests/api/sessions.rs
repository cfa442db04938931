//! Sessions a user can see and end: `GET /api/me/sessions` (created, last used, address,
//! browser, which is this one), `DELETE /api/me/sessions/{id}` (that session is refused
//! at once), an admin ending all of a user's sessions, and a password change ending the
//! other sessions; each audited.

use serde_json::json;

use crate::helpers::{audit_codes, spawn_app, Api, TestApp};

/// Signs in as `user` from a browser saying `agent`; an API client with that session.
async fn sign_in(app: &TestApp, user: &str, pw: &str, agent: &str) -> Api {
    let res = app
        .script()
        .post(app.url("/api/auth/login"))
        .header("user-agent", agent)
        .json(&json!({"username": user, "password": pw}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let token = res.json::<shared::LoginResponse>().await.unwrap().token;
    Api {
        token: Some(token),
        ..app.anon()
    }
}

#[tokio::test]
async fn a_user_lists_their_sessions_and_ends_one_which_is_refused_at_once() {
    let app = spawn_app().await;
    app.create_user("ana", shared::Role::Operator, "ana-password-1")
        .await;
    let laptop = sign_in(&app, "ana", "ana-password-1", "Firefox/140 (laptop)").await;
    let phone = sign_in(&app, "ana", "ana-password-1", "Chrome/141 (phone)").await;
    let other = app.user("beñat", shared::Role::Operator).await;

    let (s, list) = laptop.get("/api/me/sessions").await;
    assert_eq!(s, 200, "{list}");
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2, "only ana's sessions: {list:?}");
    let mine = list.iter().find(|s| s["current"] == true).unwrap();
    assert_eq!(mine["user_agent"], "Firefox/140 (laptop)");
    assert_eq!(mine["address"], "127.0.0.1");
    for field in ["created_at", "last_used_at", "expires_at"] {
        assert!(mine[field].is_string(), "{field}: {mine}");
    }
    let phone_id = list
        .iter()
        .find(|s| s["current"] == false)
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .unwrap();
    assert_eq!(phone.get("/api/auth/me").await.0, 200);

    // Another user can neither end it nor learn that it exists.
    let (s, _) = other.delete(&format!("/api/me/sessions/{phone_id}")).await;
    assert_eq!(s, 404);
    assert_eq!(other.delete("/api/me/sessions/not-a-uuid").await.0, 404);
    assert_eq!(phone.get("/api/auth/me").await.0, 200);

    let (s, body) = laptop.delete(&format!("/api/me/sessions/{phone_id}")).await;
    assert_eq!(s, 204, "{body}");
    assert_eq!(phone.get("/api/auth/me").await.0, 401, "refused at once");
    assert_eq!(
        laptop.get("/api/auth/me").await.0,
        200,
        "the other one stays"
    );
    let (_, list) = laptop.get("/api/me/sessions").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    // Ended once: a second time it is gone.
    let (s, _) = laptop.delete(&format!("/api/me/sessions/{phone_id}")).await;
    assert_eq!(s, 404);
    assert!(audit_codes(&app)
        .await
        .contains(&"session_ended".to_owned()));
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_and_an_admin_ends_them_all() {
    let app = spawn_app().await;
    app.create_user("ane", shared::Role::Operator, "ane-password-1")
        .await;
    let here = sign_in(&app, "ane", "ane-password-1", "here").await;
    let there = sign_in(&app, "ane", "ane-password-1", "there").await;
    let (s, body) = here
        .put(
            "/api/me/password",
            json!({"current_password": "ane-password-1", "new_password": "ane-password-2"}),
        )
        .await;
    assert_eq!(s, 204, "{body}");
    assert_eq!(
        there.get("/api/auth/me").await.0,
        401,
        "the other session ended"
    );
    assert_eq!(here.get("/api/auth/me").await.0, 200, "this one stays");
    let (_, list) = here.get("/api/me/sessions").await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");

    // An admin signs the user out everywhere; nobody else can.
    let again = sign_in(&app, "ane", "ane-password-2", "again").await;
    let admin = app.admin().await;
    let (_, users) = admin.get("/api/users?q=ane").await;
    let id = users["items"][0]["id"].as_i64().unwrap();
    assert_eq!(
        here.delete(&format!("/api/users/{id}/sessions")).await.0,
        403
    );
    assert_eq!(here.get("/api/auth/me").await.0, 200);
    assert_eq!(admin.delete("/api/users/999999/sessions").await.0, 404);
    let (s, body) = admin.delete(&format!("/api/users/{id}/sessions")).await;
    assert_eq!(s, 204, "{body}");
    assert_eq!(here.get("/api/auth/me").await.0, 401);
    assert_eq!(again.get("/api/auth/me").await.0, 401);
    assert_eq!(
        admin.get("/api/auth/me").await.0,
        200,
        "the admin's own stays"
    );
    let codes = audit_codes(&app).await;
    assert!(codes.contains(&"sessions_ended".to_owned()), "{codes:?}");
    assert!(codes.contains(&"password_changed".to_owned()), "{codes:?}");
}
