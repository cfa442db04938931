//! The authorisation matrix: every catalog endpoint × {anonymous, operator A, operator B,
//! admin}. The wrong principal gets 401/403/404 and never the data.

use reqwest::Method;
use serde_json::{json, Value};
use shared::Role;

use crate::helpers::*;

const SECRET_NAME: &str = "client-of-a-7f3e";

struct Case {
    method: Method,
    path: String,
    body: Option<Value>,
    /// Expected status for anonymous, operator A, operator B, admin.
    expect: [u16; 4],
}

fn case(method: Method, path: impl Into<String>, body: Option<Value>, expect: [u16; 4]) -> Case {
    Case {
        method,
        path: path.into(),
        body,
        expect,
    }
}

#[tokio::test]
async fn every_endpoint_for_every_principal() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let op_a = app.user("op-a", Role::Operator).await;
    let op_b = app.user("op-b", Role::Operator).await;
    let anon = app.anon();
    let (loc, pol) = app.defaults(&admin).await;
    let (s, a) = op_a.post("/api/clients", ssh_client(SECRET_NAME)).await;
    assert_eq!(s, 201);
    let a = a["id"].as_i64().unwrap();
    let (_, b) = op_b.post("/api/clients", ssh_client("client-of-b")).await;
    let b = b["id"].as_i64().unwrap();
    let (s, ja) = op_a.post("/api/jobs", job(a, "job-of-a", loc, pol)).await;
    assert_eq!(s, 201, "{ja}");
    let ja = ja["id"].as_i64().unwrap();
    let (_, jb) = op_b.post("/api/jobs", job(b, "job-of-b", loc, pol)).await;
    let jb = jb["id"].as_i64().unwrap();
    let b64 = "IyEvYmluL3NoCg==";
    let (_, script) = admin
        .post("/api/scripts", json!({"name": "s", "uses": {"client_pre": true, "job_pre": true}, "content_base64": b64}))
        .await;
    let script = script["id"].as_i64().unwrap();
    let (_, users) = admin.get("/api/users?q=op-a").await;
    let op_a_id = users["items"][0]["id"].as_i64().unwrap();
    let (_, users) = admin.get("/api/users?q=op-b").await;
    let op_b_id = users["items"][0]["id"].as_i64().unwrap();
    let (_, policy) = admin.get(&format!("/api/policies/{pol}")).await;
    let policy_input =
        json!({"name": policy["name"], "description": "edited", "schedule": policy["schedule"]});
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().display().to_string();
    let (_, settings) = admin.get("/api/settings").await;
    let mut settings_input = settings.clone();
    settings_input
        .as_object_mut()
        .unwrap()
        .remove("mail_password_set");

    let cases = vec![
        case(Method::GET, "/api/clients", None, [401, 200, 200, 200]),
        case(
            Method::GET,
            format!("/api/clients/{a}"),
            None,
            [401, 200, 404, 200],
        ),
        case(
            Method::PUT,
            format!("/api/clients/{a}"),
            Some(ssh_client(SECRET_NAME)),
            [401, 200, 404, 200],
        ),
        case(
            Method::PATCH,
            format!("/api/clients/{a}"),
            Some(json!({"description": "d"})),
            [401, 200, 404, 200],
        ),
        case(
            Method::POST,
            format!("/api/clients/{a}/clone"),
            None,
            [401, 201, 404, 201],
        ),
        case(
            Method::GET,
            format!("/api/clients/{a}/public-key"),
            None,
            [401, 200, 404, 200],
        ),
        case(
            Method::POST,
            format!("/api/clients/{a}/public-key/regenerate"),
            None,
            [401, 200, 404, 200],
        ),
        case(Method::GET, "/api/jobs", None, [401, 200, 200, 200]),
        case(
            Method::POST,
            "/api/jobs",
            Some(job(a, "another", loc, pol)),
            [401, 201, 422, 201],
        ),
        case(
            Method::GET,
            format!("/api/jobs/{ja}"),
            None,
            [401, 200, 404, 200],
        ),
        case(
            Method::PUT,
            format!("/api/jobs/{ja}"),
            Some(job(a, "job-of-a", loc, pol)),
            [401, 200, 404, 200],
        ),
        case(
            Method::PATCH,
            format!("/api/jobs/{ja}"),
            Some(json!({"description": "d"})),
            [401, 200, 404, 200],
        ),
        case(
            Method::POST,
            format!("/api/jobs/{ja}/token"),
            None,
            [401, 201, 404, 201],
        ),
        case(
            Method::DELETE,
            format!("/api/jobs/{ja}/token"),
            None,
            [401, 204, 404, 204],
        ),
        case(
            Method::PUT,
            "/api/jobs/priorities",
            Some(json!({"job_ids": []})),
            [401, 422, 422, 422],
        ),
        case(Method::GET, "/api/policies", None, [401, 200, 200, 200]),
        case(
            Method::GET,
            format!("/api/policies/{pol}"),
            None,
            [401, 200, 200, 200],
        ),
        case(
            Method::PUT,
            format!("/api/policies/{pol}"),
            Some(policy_input.clone()),
            [401, 403, 403, 200],
        ),
        case(
            Method::PATCH,
            format!("/api/policies/{pol}"),
            Some(json!({"description": "x"})),
            [401, 403, 403, 200],
        ),
        case(
            Method::POST,
            "/api/policies",
            Some(json!({"name": "matrix", "schedule": policy["schedule"]})),
            [401, 403, 403, 201],
        ),
        case(Method::GET, "/api/scripts", None, [401, 200, 200, 200]),
        case(
            Method::GET,
            format!("/api/scripts/{script}"),
            None,
            [401, 200, 200, 200],
        ),
        case(
            Method::GET,
            format!("/api/scripts/{script}/content"),
            None,
            [401, 403, 403, 200],
        ),
        case(
            Method::PUT,
            format!("/api/scripts/{script}"),
            Some(json!({"name": "s", "uses": {"client_pre": true, "job_pre": true}})),
            [401, 403, 403, 200],
        ),
        case(
            Method::POST,
            "/api/scripts",
            Some(json!({"name": "s2", "content_base64": b64})),
            [401, 403, 403, 201],
        ),
        case(Method::GET, "/api/locations", None, [401, 200, 200, 200]),
        case(
            Method::GET,
            format!("/api/locations/{loc}"),
            None,
            [401, 200, 200, 200],
        ),
        case(
            Method::POST,
            "/api/locations",
            Some(json!({"name": "extra", "directory": dir})),
            [401, 403, 403, 201],
        ),
        case(
            Method::PATCH,
            format!("/api/locations/{loc}"),
            Some(json!({"max_parallel_jobs": 3})),
            [401, 403, 403, 200],
        ),
        case(Method::GET, "/api/users", None, [401, 403, 403, 200]),
        case(
            Method::DELETE,
            format!("/api/users/{op_a_id}/totp"),
            None,
            [401, 403, 403, 204],
        ),
        case(
            Method::GET,
            format!("/api/users/{op_a_id}"),
            None,
            [401, 403, 403, 200],
        ),
        case(
            Method::PATCH,
            format!("/api/users/{op_a_id}"),
            Some(json!({"page_size": 30})),
            [401, 403, 403, 200],
        ),
        case(
            Method::POST,
            "/api/users",
            Some(
                json!({"username": "new-one", "role": "operator", "password": "new-one-lantern-orchard"}),
            ),
            [401, 403, 403, 201],
        ),
        case(Method::GET, "/api/settings", None, [401, 403, 403, 200]),
        case(
            Method::PUT,
            "/api/settings",
            Some(settings_input),
            [401, 403, 403, 200],
        ),
        case(Method::GET, "/api/tokens", None, [401, 200, 200, 200]),
        case(
            Method::GET,
            "/api/me/preferences",
            None,
            [401, 200, 200, 200],
        ),
    ];
    let principals = [
        ("anonymous", &anon),
        ("operator A", &op_a),
        ("operator B", &op_b),
        ("admin", &admin),
    ];
    let mut failures = Vec::new();
    for c in &cases {
        for (i, (who, api)) in principals.iter().enumerate() {
            let (status, body) = api.call(c.method.clone(), &c.path, c.body.as_ref()).await;
            if status != c.expect[i] {
                failures.push(format!(
                    "{} {} as {who}: {status} (want {}) {body}",
                    c.method, c.path, c.expect[i]
                ));
            }
            if status >= 400 && body.to_string().contains(SECRET_NAME) {
                failures.push(format!(
                    "{} {} as {who}: error leaks data: {body}",
                    c.method, c.path
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Lists show operators only their own.
    let (_, la) = op_a.get("/api/clients").await;
    let (_, lb) = op_b.get("/api/clients").await;
    assert!(la["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["owner"]["id"] == op_a_id));
    assert!(!lb.to_string().contains(SECRET_NAME));
    assert_eq!(lb["total"], 1);
    let (_, jobs_b) = op_b.get(&format!("/api/jobs?client_id={a}")).await;
    assert_eq!(jobs_b["total"], 0);
    let (_, all) = admin.get("/api/clients").await;
    assert!(all["total"].as_i64().unwrap() >= 4);

    // Operators cannot give a client away, nor create one for someone else.
    let (s, _) = op_a
        .patch(&format!("/api/clients/{a}"), json!({"owner_id": op_b_id}))
        .await;
    assert_eq!(s, 403);
    let mut other = ssh_client("for-b");
    other["owner_id"] = json!(op_b_id);
    assert_eq!(op_a.post("/api/clients", other.clone()).await.0, 403);
    // An admin can.
    let (s, c) = admin.post("/api/clients", other).await;
    assert_eq!(s, 201);
    assert_eq!(c["owner"]["id"], op_b_id);
    // An operator cannot move a job to another's client.
    assert_eq!(
        op_a.put(&format!("/api/jobs/{ja}"), job(b, "moved", loc, pol))
            .await
            .0,
        422
    );

    // Deletions.
    assert_eq!(anon.delete(&format!("/api/clients/{a}")).await.0, 401);
    assert_eq!(op_b.delete(&format!("/api/clients/{a}")).await.0, 404);
    assert_eq!(op_b.delete(&format!("/api/jobs/{ja}")).await.0, 404);
    assert_eq!(op_a.delete(&format!("/api/jobs/{jb}")).await.0, 404);
    assert_eq!(op_a.delete(&format!("/api/policies/{pol}")).await.0, 403);
    assert_eq!(op_a.delete(&format!("/api/scripts/{script}")).await.0, 403);
    assert_eq!(op_a.delete(&format!("/api/locations/{loc}")).await.0, 403);
    assert_eq!(op_a.delete(&format!("/api/users/{op_b_id}")).await.0, 403);
    assert_eq!(op_a.delete(&format!("/api/jobs/{ja}")).await.0, 204);
    assert_eq!(op_a.delete(&format!("/api/clients/{a}")).await.0, 204);
    assert_eq!(admin.delete(&format!("/api/clients/{b}")).await.0, 204);
    assert_eq!(admin.delete(&format!("/api/users/{op_b_id}")).await.0, 204);
}
