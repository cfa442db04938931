//! Personal API tokens: create, use as Bearer, list with last use, revoke.

use shared::{CreateToken, ErrorCode, Me, Role, TokenCreated, TokenInfo};

use crate::helpers::*;
use crate::steps::*;

#[tokio::test]
async fn create_use_list_revoke() {
    let app = spawn_app().await;
    let jwt = app.admin_token().await;
    let c = app.script();
    let res = c
        .post(app.url("/api/tokens"))
        .bearer_auth(&jwt)
        .json(&CreateToken {
            name: "nagios".into(),
            code: None,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let created: TokenCreated = res.json().await.unwrap();
    assert!(created.token.starts_with("ebk_"));
    assert!(created.token.starts_with(&created.info.prefix));
    assert!(created.info.last_used_at.is_none());

    let me: Me = get_json(&c, app.url("/api/auth/me"), &created.token).await;
    assert_eq!(me.username, "admin");

    let list: Vec<TokenInfo> = get_json(&c, app.url("/api/tokens"), &created.token).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "nagios");
    assert!(list[0].last_used_at.is_some(), "last use recorded");
    let raw = get_text(&c, app.url("/api/tokens"), &jwt).await;
    assert!(!raw.contains(&created.token), "the secret is never listed");

    // The database holds only a hash.
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let stored: String = db
        .query_one("SELECT token_hash FROM api_tokens", &[])
        .await
        .unwrap()
        .get(0);
    assert_ne!(stored, created.token);
    assert!(!stored.contains(&created.token[4..]));

    // Another user can neither see nor revoke it.
    app.create_user("maite", Role::Operator, "maite-password")
        .await;
    let res = app.login(&c, "maite", "maite-password").await;
    let other = res.json::<shared::LoginResponse>().await.unwrap().token;
    let res = c
        .delete(app.url(&format!("/api/tokens/{}", created.info.id)))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let theirs: Vec<TokenInfo> = get_json(&c, app.url("/api/tokens"), &other).await;
    assert!(theirs.is_empty());

    let res = c
        .delete(app.url(&format!("/api/tokens/{}", created.info.id)))
        .bearer_auth(&jwt)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = get_with(&c, app.url("/api/auth/me"), &created.token).await;
    assert_eq!(res.status(), 401, "revoked");
}

#[tokio::test]
async fn token_name_is_validated() {
    let app = spawn_app().await;
    let jwt = app.admin_token().await;
    for name in ["", "   ", &"x".repeat(101)] {
        let res = app
            .script()
            .post(app.url("/api/tokens"))
            .bearer_auth(&jwt)
            .json(&CreateToken {
                name: name.into(),
                code: None,
            })
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{name:?}");
        let e = error_of(res).await;
        assert_eq!(e.code, ErrorCode::ValidationFailed);
        assert_eq!(e.fields[0].field, "name");
    }
    let list: Vec<TokenInfo> = get_json(&app.script(), app.url("/api/tokens"), &jwt).await;
    assert!(list.is_empty(), "nothing was created");
}
