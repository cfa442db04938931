//! ElkarBackup 2.x's trigger address, `POST /client/{c}/job/{j}/run` with a `token` form
//! field, as migrated crontabs call it (`curl -X POST … -d token=…`).

use serde_json::Value;

use crate::engine::wait_finished;
use crate::faults::job_with_token;
use crate::helpers::*;

#[tokio::test]
async fn the_upstream_trigger_address_runs_the_job_with_its_token() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_src, jid, token) = job_with_token(&app, &admin).await;
    let (_, job) = admin.get(&format!("/api/jobs/{jid}")).await;
    let cid = job["client"]["id"].as_i64().unwrap();
    let client = http_client();
    let post = |path: String, form: Vec<(&'static str, String)>| {
        let request = client.post(app.url(&path)).form(&form);
        async move { request.send().await.unwrap() }
    };

    // Refused alike: no token, a wrong one, the right one for a job of another client.
    let address = format!("/client/{cid}/job/{jid}/run");
    assert_eq!(post(address.clone(), vec![]).await.status(), 401);
    let wrong = post(address.clone(), vec![("token", "wrong".into())]).await;
    assert_eq!(wrong.status(), 401);
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(body["code"], "invalid_trigger_token", "{body}");
    assert_eq!(
        body["message"], "Wrong or missing trigger token for this job.",
        "a token is no username nor password: {body}"
    );
    let elsewhere = format!("/client/{}/job/{jid}/run", cid + 1000);
    let res = post(elsewhere, vec![("token", token.clone())]).await;
    assert_eq!(res.status(), 401, "the job must belong to the client named");
    // Ids that are not numbers name nothing; a negative one is a job that does not exist.
    let res = post(
        format!("/client/x/job/{jid}/run"),
        vec![("token", token.clone())],
    )
    .await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "not_found");
    let res = post(
        format!("/client/{cid}/job/-{jid}/run"),
        vec![("token", token.clone())],
    )
    .await;
    assert_eq!(res.status(), 401);
    // Other methods: 405 naming the one allowed.
    let res = client.get(app.url(&address)).send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "POST");
    let (_, runs) = admin.get(&format!("/api/runs?job_id={jid}")).await;
    assert_eq!(runs["total"], 0, "nothing was started: {runs}");

    // The right token, as curl -d sends it: queued, then backed up.
    let res = post(address.clone(), vec![("token", token.clone())]).await;
    assert_eq!(res.status(), 202);
    let run: Value = res.json().await.unwrap();
    assert_eq!(
        (run["job_id"].as_i64(), run["trigger"].as_str()),
        (Some(jid), Some("token"))
    );
    let run = wait_finished(&admin, run["id"].as_i64().unwrap()).await;
    assert_eq!(run["result"], "ok", "{run}");
    // As upstream, the token may also come in the query string.
    let res = client
        .post(app.url(&format!("{address}?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    wait_finished(
        &admin,
        res.json::<Value>().await.unwrap()["id"].as_i64().unwrap(),
    )
    .await;

    // The same rate limit as the API's trigger, per job and address.
    for _ in 0..5 {
        post(address.clone(), vec![("token", "wrong".into())]).await;
    }
    let res = post(address.clone(), vec![("token", token.clone())]).await;
    assert_eq!(res.status(), 429, "rate limited after repeated failures");
    assert!(res.headers().contains_key("retry-after"));
}
