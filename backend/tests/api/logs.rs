//! `GET /api/logs` and `GET /api/logs.csv`: each filter narrows the list, paging and
//! totals, operators see only their own clients' records (and no audit records), bad
//! filters are field errors, and the CSV export quotes and defuses its cells.

use reqwest::Method;
use serde_json::{json, Value};
use shared::events::{LogLevel, LogSource};
use shared::Role;

use crate::helpers::*;

/// Writes a log record through the server's own insert; returns its id.
async fn record(app: &TestApp, r: backend::db::events::NewLogRecord<'_>) -> i64 {
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let mut c = backend::db::conn(&pool).await.unwrap();
    backend::db::events::log(&mut c, &r).await.unwrap().id
}

/// Runs SQL on the app's database (dates and audit columns the insert above leaves out).
async fn sql(app: &TestApp, statement: &str) {
    let (client, conn) = tokio_postgres::connect(&app.db_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    client.batch_execute(statement).await.unwrap();
}

/// The codes of the records a list answer holds, newest first.
fn codes(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["record"]["code"].as_str().unwrap().to_owned())
        .collect()
}

/// A client with one job, created by `api`; returns their ids.
async fn client_with_job(app: &TestApp, api: &Api, admin: &Api, name: &str) -> (i64, i64) {
    let (loc, pol) = app.defaults(admin).await;
    let (s, c) = api.post("/api/clients", ssh_client(name)).await;
    assert_eq!(s, 201, "{c}");
    let c = c["id"].as_i64().unwrap();
    let (s, j) = api
        .post("/api/jobs", job(c, &format!("{name}-job"), loc, pol))
        .await;
    assert_eq!(s, 201, "{j}");
    (c, j["id"].as_i64().unwrap())
}

/// Two clients (the second an operator's), a run queued by the admin, and records of
/// every kind. Returns the app, the admin, the operator and the ids used.
struct World {
    app: TestApp,
    admin: Api,
    operator: Api,
    client_a: i64,
    job_a: i64,
    client_b: i64,
    job_b: i64,
    run_b: i64,
    admin_id: i64,
}

async fn world() -> World {
    let app = spawn_app_with(AppOptions {
        dispatcher: false,
        ..AppOptions::default()
    })
    .await;
    let admin = app.admin().await;
    let operator = app.user("op-logs", Role::Operator).await;
    let (client_a, job_a) = client_with_job(&app, &admin, &admin, "alpha").await;
    let (client_b, job_b) = client_with_job(&app, &operator, &admin, "bravo").await;
    // A real action: queuing a run writes `run_queued` (source api, by the admin).
    let (s, run) = admin
        .post(&format!("/api/jobs/{job_b}/run"), json!({}))
        .await;
    assert_eq!(s, 202, "{run}");
    let run_b = run["id"].as_i64().unwrap();
    // Only what this test writes from here on (other actions may write records too).
    sql(&app, "DELETE FROM log_records WHERE code <> 'run_queued'").await;
    let (_, me) = admin.get("/api/auth/me").await;
    let admin_id = me["id"].as_i64().unwrap();
    let old = record(
        &app,
        backend::db::events::NewLogRecord {
            level: LogLevel::Info,
            source: LogSource::Engine,
            code: "run_finished",
            detail: "run finished: ok",
            client_id: Some(client_a),
            job_id: Some(job_a),
            ..Default::default()
        },
    )
    .await;
    sql(
        &app,
        &format!("UPDATE log_records SET at = '2026-01-15T12:00:00Z' WHERE id = {old}"),
    )
    .await;
    record(
        &app,
        backend::db::events::NewLogRecord {
            level: LogLevel::Warning,
            source: LogSource::Scheduler,
            code: "catch_up",
            detail: "2 missed runs caught up",
            ..Default::default()
        },
    )
    .await;
    record(
        &app,
        backend::db::events::NewLogRecord {
            level: LogLevel::Error,
            source: LogSource::Notification,
            code: "notification_failed",
            detail: "SMTP said 550: mailbox 100%_full, \"quota\"\nbye",
            client_id: Some(client_a),
            job_id: Some(job_a),
            ..Default::default()
        },
    )
    .await;
    let audit = record(
        &app,
        backend::db::events::NewLogRecord {
            level: LogLevel::Info,
            source: LogSource::Audit,
            code: "client_updated",
            detail: "=cmd|' /C calc'!A0",
            user_id: Some(admin_id),
            client_id: Some(client_b),
            ..Default::default()
        },
    )
    .await;
    sql(
        &app,
        &format!(
            "UPDATE log_records SET address = '10.0.0.9', data = '{{\"kind\":\"client\",\"id\":{client_b},\"name\":\"bravo\",\"changes\":{{\"host\":[\"a\",\"b\"]}}}}' WHERE id = {audit}"
        ),
    )
    .await;
    World {
        app,
        admin,
        operator,
        client_a,
        job_a,
        client_b,
        job_b,
        run_b,
        admin_id,
    }
}

#[tokio::test]
async fn each_filter_narrows_the_list() {
    let w = world().await;
    let get = |q: String| {
        let admin = &w.admin;
        async move {
            let (s, body) = admin.get(&format!("/api/logs{q}")).await;
            assert_eq!(s, 200, "{q}: {body}");
            body
        }
    };
    let all = get(String::new()).await;
    assert_eq!(
        codes(&all),
        [
            "client_updated",
            "notification_failed",
            "catch_up",
            "run_queued",
            "run_finished"
        ]
    );
    assert_eq!(all["total"], 5);
    // Names come with the records.
    let queued = &all["items"][3];
    assert_eq!(queued["record"]["source"], "api");
    assert_eq!(queued["client_name"], "bravo");
    assert_eq!(queued["job_name"], "bravo-job");
    assert_eq!(queued["username"], "admin");
    assert_eq!(all["items"][0]["record"]["address"], "10.0.0.9");
    assert_eq!(all["items"][0]["record"]["data"]["changes"]["host"][1], "b");

    let cases: Vec<(String, Vec<&str>)> = vec![
        ("?level=error".into(), vec!["notification_failed"]),
        (
            "?level=warning,error".into(),
            vec!["notification_failed", "catch_up"],
        ),
        ("?source=scheduler".into(), vec!["catch_up"]),
        ("?source=run,api".into(), vec!["run_queued", "run_finished"]),
        (
            format!("?client_id={}", w.client_a),
            vec!["notification_failed", "run_finished"],
        ),
        (format!("?job_id={}", w.job_b), vec!["run_queued"]),
        (format!("?run_id={}", w.run_b), vec!["run_queued"]),
        (
            format!("?user_id={}", w.admin_id),
            vec!["client_updated", "run_queued"],
        ),
        ("?to=2026-02-01T00:00:00Z".into(), vec!["run_finished"]),
        (
            "?from=2026-01-15T12:00:00%2B00:00&to=2026-01-15T12:00:01Z".into(),
            vec!["run_finished"],
        ),
        ("?from=2026-01-15T12:00:01Z&source=run".into(), vec![]),
        ("?q=smtp%20SAID".into(), vec!["notification_failed"]),
        ("?q=CATCH_".into(), vec!["catch_up"]),
        // `%` and `_` are taken literally.
        ("?q=100%25_".into(), vec!["notification_failed"]),
        ("?q=%25".into(), vec!["notification_failed"]),
        ("?q=run_f".into(), vec!["run_finished"]),
        (
            format!("?level=info&client_id={}", w.client_b),
            vec!["client_updated", "run_queued"],
        ),
    ];
    for (q, expected) in cases {
        let body = get(q.clone()).await;
        assert_eq!(codes(&body), expected, "{q}");
        assert_eq!(body["total"], expected.len(), "{q}");
    }

    // Pages of two, newest first, with the total of all pages.
    let p1 = get("?per_page=2".into()).await;
    let p3 = get("?per_page=2&page=3".into()).await;
    assert_eq!(codes(&p1), ["client_updated", "notification_failed"]);
    assert_eq!(codes(&p3), ["run_finished"]);
    assert_eq!(
        (p3["total"].as_i64(), p3["page"].as_i64()),
        (Some(5), Some(3))
    );
    let (s, _) = w.admin.get("/api/logs?page=0").await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn operators_see_only_their_clients_records_and_no_audit() {
    let w = world().await;
    let (s, mine) = w.operator.get("/api/logs").await;
    assert_eq!(s, 200);
    assert_eq!(codes(&mine), ["run_queued"]);
    assert_eq!(mine["total"], 1);
    for q in [
        "?source=audit".to_owned(),
        format!("?client_id={}", w.client_a),
        format!("?job_id={}", w.job_a),
        "?source=scheduler".to_owned(),
        "?q=smtp".to_owned(),
    ] {
        let (s, body) = w.operator.get(&format!("/api/logs{q}")).await;
        assert_eq!(s, 200, "{q}");
        assert_eq!(body["total"], 0, "{q}: {body}");
    }
    let (s, b) = w
        .operator
        .get(&format!("/api/logs?client_id={}", w.client_b))
        .await;
    assert_eq!(s, 200);
    assert_eq!(codes(&b), ["run_queued"]);
    // The export follows the same rule.
    let csv = w
        .operator
        .raw("/api/logs.csv", &[])
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("run_queued") && !csv.contains("client_updated"));
    let (s, _) = w.app.anon().get("/api/logs").await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn bad_filters_are_localised_field_errors() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for path in ["/api/logs", "/api/logs.csv"] {
        let q = "?level=warning,fatal&source=engine&from=yesterday&to=2026-13-01T00:00:00Z";
        let (s, body) = admin.get(&format!("{path}{q}")).await;
        assert_eq!(s, 422, "{body}");
        assert_eq!(body["code"], "validation_failed");
        let mut fields = field_codes(&body);
        fields.sort();
        let expected: Vec<(String, String)> = [
            ("from", "invalid"),
            ("level", "invalid"),
            ("source", "invalid"),
            ("to", "invalid"),
        ]
        .iter()
        .map(|(f, c)| (f.to_string(), c.to_string()))
        .collect();
        assert_eq!(fields, expected, "{path}");
    }
    let res = admin
        .raw(
            "/api/logs?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
            &[("accept-language", "es")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        field_codes(&body),
        [("to".to_owned(), "before_start".to_owned())]
    );
    assert_eq!(
        body["fields"][0]["message"],
        "No puede ser anterior al inicio."
    );
    let (s, _) = admin
        .call(Method::GET, "/api/logs?client_id=abc", None)
        .await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn csv_export_has_a_header_quotes_and_defuses_formulas() {
    let w = world().await;
    let res = w
        .admin
        .raw("/api/logs.csv?source=notification,audit", &[])
        .await;
    assert_eq!(res.status(), 200);
    let ctype = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ctype.starts_with("text/csv"), "{ctype}");
    let text = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, shared::logs::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "{text}");
    // The audit record: its detail would be a formula, so it starts with a quote mark.
    assert_eq!(&rows[0][3], "client_updated");
    assert_eq!(&rows[0][4], "'=cmd|' /C calc'!A0");
    assert_eq!(&rows[0][6], "bravo");
    assert_eq!(&rows[0][11], "admin");
    assert_eq!(&rows[0][12], "10.0.0.9");
    let data: Value = serde_json::from_str(&rows[0][13]).unwrap();
    assert_eq!(data["changes"]["host"], json!(["a", "b"]));
    // Comma, quotes and a newline survive the round trip.
    assert_eq!(
        &rows[1][4],
        "SMTP said 550: mailbox 100%_full, \"quota\"\nbye"
    );
    assert_eq!(&rows[1][5], w.client_a.to_string());
    assert!(text.contains("\"SMTP said 550: mailbox 100%_full, \"\"quota\"\"\nbye\""));
    // Filters apply as in the list.
    let only = w
        .admin
        .raw(
            &format!("/api/logs.csv?client_id={}&level=info", w.client_b),
            &[],
        )
        .await;
    let only = only.text().await.unwrap();
    assert_eq!(
        csv::Reader::from_reader(only.as_bytes()).records().count(),
        2
    );
}

#[tokio::test]
async fn csv_export_stops_at_100_000_records_newest_first() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    sql(
        &app,
        "INSERT INTO log_records (level, source, code, detail) \
         SELECT 'info', 'system', 'bulk', 'row ' || g FROM generate_series(1, 100001) g",
    )
    .await;
    let res = admin.raw("/api/logs.csv?q=bulk", &[]).await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 100_000);
    assert_eq!(&rows[0][4], "row 100001");
    assert_eq!(&rows[99_999][4], "row 2");
    let (_, page) = admin.get("/api/logs?q=bulk&per_page=1").await;
    assert_eq!(page["total"], 100_001);
}
