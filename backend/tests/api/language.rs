//! Issue 11: a user's language is unset until they choose one (the API says `null`, the
//! stored choice is kept and can be unset again), errors still follow `Accept-Language`,
//! and the seeded policies speak the caller's language until an administrator edits them.

use serde_json::json;
use shared::{ErrorCode, Language, Me, Preferences, Role};

use crate::helpers::*;

async fn me(api: &Api) -> Me {
    let (s, body) = api.get("/api/auth/me").await;
    assert_eq!(s, 200, "{body}");
    serde_json::from_value(body).unwrap()
}

#[tokio::test]
async fn a_new_users_language_is_null_until_chosen() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    assert_eq!(me(&admin).await.language, None, "first admin");

    // Created through the API without a language: not chosen.
    let (s, u) = admin
        .post(
            "/api/users",
            json!({"username": "miren", "role": "operator", "password": "miren-password"}),
        )
        .await;
    assert_eq!(s, 201, "{u}");
    assert!(u["language"].is_null(), "{u}");
    let id = u["id"].as_i64().unwrap();
    // Given one, it is kept.
    let (s, u) = admin
        .post(
            "/api/users",
            json!({"username": "jon", "role": "operator", "password": "jon-lantern-orchard", "language": "es"}),
        )
        .await;
    assert_eq!((s, u["language"].as_str()), (201, Some("es")), "{u}");

    let res = app.login(&app.script(), "miren", "miren-password").await;
    let login: shared::LoginResponse = res.json().await.unwrap();
    assert_eq!(login.user.language, None);
    let miren = Api {
        token: Some(login.token),
        ..app.anon()
    };
    let (s, p) = miren.get("/api/me/preferences").await;
    assert_eq!(s, 200);
    assert!(p["language"].is_null(), "{p}");

    // Errors follow Accept-Language while the stored language is null.
    let res = app
        .script()
        .put(app.url("/api/me/preferences"))
        .bearer_auth(miren.token.as_deref().unwrap())
        .header("accept-language", "eu")
        .json(&json!({"language": null, "page_size": 4}))
        .send()
        .await
        .unwrap();
    let e = expect_error(res, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(e.fields[0].message, "5 eta 500 artean egon behar du.");

    // The first explicit choice is saved…
    let (s, p) = miren
        .put(
            "/api/me/preferences",
            json!({"language": "eu", "page_size": 20}),
        )
        .await;
    assert_eq!(s, 200, "{p}");
    let p: Preferences = serde_json::from_value(p).unwrap();
    assert_eq!(p.language, Some(Language::Eu));
    assert_eq!(me(&miren).await.language, Some(Language::Eu));
    let res = app.login(&app.script(), "miren", "miren-password").await;
    let again: shared::LoginResponse = res.json().await.unwrap();
    assert_eq!(
        again.user.language,
        Some(Language::Eu),
        "kept for the next login"
    );
    // …an admin's PATCH changes it and leaves it alone when not given…
    let (s, u) = admin
        .patch(&format!("/api/users/{id}"), json!({"page_size": 30}))
        .await;
    assert_eq!((s, u["language"].as_str()), (200, Some("eu")), "{u}");
    let (s, u) = admin
        .patch(&format!("/api/users/{id}"), json!({"language": "es"}))
        .await;
    assert_eq!((s, u["language"].as_str()), (200, Some("es")), "{u}");
    // …and null makes it unchosen again.
    let (s, p) = miren
        .put(
            "/api/me/preferences",
            json!({"language": null, "page_size": 20}),
        )
        .await;
    assert_eq!(s, 200, "{p}");
    assert!(p["language"].is_null(), "{p}");
    assert_eq!(me(&miren).await.language, None);
    // Unknown languages are still malformed.
    let (s, _) = miren
        .put(
            "/api/me/preferences",
            json!({"language": "fr", "page_size": 20}),
        )
        .await;
    assert_eq!(s, 400);

    // Users created by the domain (as `admin create` without --language) have none either.
    let other = app.user("koldo", Role::Operator).await;
    assert_eq!(me(&other).await.language, None);
}

async fn policies_in(api: &Api, lang: Option<&str>) -> Vec<serde_json::Value> {
    let headers: Vec<(&str, &str)> = lang.map(|l| ("accept-language", l)).into_iter().collect();
    let res = api.raw("/api/policies", &headers).await;
    assert_eq!(res.status(), 200);
    let page: serde_json::Value = res.json().await.unwrap();
    page["items"].as_array().unwrap().clone()
}

fn named<'a>(items: &'a [serde_json::Value], preset: &str) -> &'a serde_json::Value {
    items
        .iter()
        .find(|p| p["preset"] == preset)
        .unwrap_or_else(|| panic!("no preset {preset} in {items:?}"))
}

#[tokio::test]
async fn seeded_policies_speak_the_callers_language_until_edited() {
    let app = spawn_app().await;
    let admin = app.admin().await;

    let en = policies_in(&admin, None).await;
    let presets: Vec<&str> = en.iter().filter_map(|p| p["preset"].as_str()).collect();
    let seeded: Vec<&str> = shared::policies::PolicyPreset::ALL
        .iter()
        .map(|p| p.as_str())
        .collect();
    assert_eq!(presets, seeded);
    assert_eq!(named(&en, "default")["name"], "Default policy");

    let eu = policies_in(&admin, Some("eu")).await;
    let default = named(&eu, "default");
    assert_eq!(default["name"], "Politika lehenetsia");
    assert!(
        default["description"]
            .as_str()
            .unwrap()
            .starts_with("Egunero astelehenetik ostiralera"),
        "{default}"
    );
    assert_eq!(
        named(&eu, "weekdays_long_term")["name"],
        "21:00etan, astelehenetik ostiralera, epe luzerako gordetzea"
    );
    let es = policies_in(&admin, Some("es-ES,es;q=0.9")).await;
    assert_eq!(
        named(&es, "daily")["name"],
        "A las 21:00, los 7 días de la semana"
    );

    // One policy, in Basque.
    let id = default["id"].as_i64().unwrap();
    let res = admin
        .raw(&format!("/api/policies/{id}"), &[("accept-language", "eu")])
        .await;
    let one: serde_json::Value = res.json().await.unwrap();
    assert_eq!(one["name"], "Politika lehenetsia");

    // The search still finds it by its stored name (the helpers rely on it).
    let (s, found) = admin.get("/api/policies?q=Default").await;
    assert_eq!((s, found["items"][0]["id"].as_i64()), (200, Some(id)));

    // An admin's edit keeps their text verbatim in every language.
    let (s, edited) = admin
        .patch(
            &format!("/api/policies/{id}"),
            json!({"name": "Gure politika", "description": "Geurea"}),
        )
        .await;
    assert_eq!(s, 200, "{edited}");
    assert!(edited["preset"].is_null(), "{edited}");
    for lang in [None, Some("eu"), Some("es")] {
        let items = policies_in(&admin, lang).await;
        let p = items.iter().find(|p| p["id"] == id).unwrap();
        assert_eq!(
            (p["name"].as_str(), p["description"].as_str()),
            (Some("Gure politika"), Some("Geurea")),
            "{lang:?}"
        );
        assert!(p["preset"].is_null());
    }
    // Editing only the schedule also ends the translation: the stored text stays as it is.
    let daily = named(&en, "daily")["id"].as_i64().unwrap();
    let (s, edited) = admin
        .patch(
            &format!("/api/policies/{daily}"),
            json!({"schedule": {"daily": {"enabled": true, "keep": 3, "times": ["20:00"]}}}),
        )
        .await;
    assert_eq!(s, 200, "{edited}");
    let eu = policies_in(&admin, Some("eu")).await;
    let p = eu.iter().find(|p| p["id"] == daily).unwrap();
    assert_eq!(p["name"], "At 21:00, 7 days a week");
    // The other presets are still translated.
    assert_eq!(
        named(&eu, "weekdays_three_times")["name"],
        "Egunean hiru aldiz, astelehenetik ostiralera"
    );
}
