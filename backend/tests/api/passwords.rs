//! Password rules: at least 12 characters and hard to guess (zxcvbn, offline), with the
//! reason in the caller's language; a refused password changes nothing.

use serde_json::json;

use crate::helpers::{spawn_app, Api};

/// The field errors of a 422 answer, as (field, code, message).
fn fields(body: &serde_json::Value) -> Vec<(String, String, String)> {
    body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_owned();
            (s("field"), s("code"), s("message"))
        })
        .collect()
}

#[tokio::test]
async fn short_and_guessable_passwords_are_refused_with_the_reason() {
    let app = spawn_app().await;
    app.create_user(
        "mirenetxeberria",
        shared::Role::Operator,
        "lantern-orchard-basalt",
    )
    .await;
    let res = app
        .login(&app.script(), "mirenetxeberria", "lantern-orchard-basalt")
        .await;
    let token = res.json::<shared::LoginResponse>().await.unwrap().token;
    let miren = Api {
        token: Some(token.clone()),
        ..app.anon()
    };
    let change = |new: &str| {
        miren.put(
            "/api/me/password",
            json!({"current_password": "lantern-orchard-basalt", "new_password": new}),
        )
    };

    let (s, body) = change("Kx9#mQ2$vL7").await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(fields(&body)[0].1, "too_short");

    let (s, body) = change("password1234").await;
    assert_eq!(s, 422, "{body}");
    let (field, code, message) = fields(&body).remove(0);
    assert_eq!(
        (field.as_str(), code.as_str()),
        ("new_password", "too_weak")
    );
    assert!(message.contains("common password"), "{message}");

    // The account's own name is a word like any other.
    let (s, body) = change("mirenetxeberria1").await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(fields(&body)[0].1, "too_weak");

    // In Spanish, and nothing changed: the old password still signs in.
    let res = app
        .script()
        .put(app.url("/api/me/password"))
        .bearer_auth(&token)
        .header("accept-language", "es")
        .json(
            &json!({"current_password": "lantern-orchard-basalt", "new_password": "password1234"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    let message = &fields(&body)[0].2;
    assert!(message.contains("contraseña habitual"), "{message}");
    let res = app
        .login(&app.script(), "mirenetxeberria", "lantern-orchard-basalt")
        .await;
    assert_eq!(res.status(), 200);

    let (s, body) = change("a-long-and-unrelated-passphrase").await;
    assert_eq!(s, 204, "{body}");
}

#[tokio::test]
async fn an_admin_cannot_give_a_user_a_guessable_password() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (s, body) = admin
        .post(
            "/api/users",
            json!({"username": "koldo", "role": "operator", "password": "koldo1234567"}),
        )
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        fields(&body)[0],
        (
            "password".into(),
            "too_weak".into(),
            fields(&body)[0].2.clone()
        )
    );
    let (_, users) = admin.get("/api/users?q=koldo").await;
    assert_eq!(
        users["items"].as_array().unwrap().len(),
        0,
        "nothing created"
    );
    let (s, body) = admin
        .post(
            "/api/users",
            json!({"username": "koldo", "role": "operator", "password": "short"}),
        )
        .await;
    assert_eq!(
        (s, fields(&body)[0].1.as_str()),
        (422, "too_short"),
        "{body}"
    );
}
