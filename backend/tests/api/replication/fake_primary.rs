//! A stand-in for the primary's replication catalog endpoints (written on another branch):
//! a minimal HTTP server answering `/api/replication/catalog` and
//! `/api/replication/jobs/{id}/snapshots` from the primary's database and store, as the
//! real endpoints do, behind a bearer token.

use std::path::PathBuf;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub const TOKEN: &str = "ebr_test_token";

/// Starts the server for the primary at `db` whose location `location_id` is `location`;
/// returns its base URL.
pub async fn start(db: String, location_id: i64, location: PathBuf) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let (db, location) = (db.clone(), location.clone());
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let n = sock.read(&mut buf).await.unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]).to_string();
                let path = req.split_whitespace().nth(1).unwrap_or("").to_owned();
                let authorized = req.contains(&format!("Bearer {TOKEN}"))
                    || req.contains(&format!("bearer {TOKEN}"));
                let (status, body) = if !authorized {
                    ("401 Unauthorized", json!({"code": "unauthorized"}))
                } else {
                    ("200 OK", answer(&db, location_id, &location, &path).await)
                };
                let body = body.to_string();
                let res = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(res.as_bytes()).await;
            });
        }
    });
    base
}

async fn answer(db: &str, location_id: i64, location: &std::path::Path, path: &str) -> Value {
    let pg = crate::helpers::pg(db).await;
    if path == "/api/replication/catalog" {
        let clients: Vec<Value> = pg
            .query(
                "SELECT id, name, connection::text FROM clients ORDER BY id",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| {
                let conn: Value = serde_json::from_str(r.get::<_, &str>(2)).unwrap();
                json!({"id": r.get::<_, i64>(0), "name": r.get::<_, String>(1), "description": "",
                    "connection": conn, "ssh_options": [], "rsync_options": []})
            })
            .collect();
        let jobs: Vec<Value> = pg
            .query("SELECT id, client_id, name, source_path, location_id FROM jobs ORDER BY id", &[])
            .await
            .unwrap()
            .iter()
            .map(|r| {
                json!({"id": r.get::<_, i64>(0), "client_id": r.get::<_, i64>(1),
                    "name": r.get::<_, String>(2), "description": "", "source_path": r.get::<_, String>(3),
                    "include": null, "exclude": null, "use_local_permissions": false,
                    "location_id": r.get::<_, i64>(4)})
            })
            .collect();
        return json!({"instance_url": "http://primary", "locations": [{"id": location_id, "name": "disk"}],
            "clients": clients, "jobs": jobs});
    }
    let job: i64 = path
        .trim_start_matches("/api/replication/jobs/")
        .trim_end_matches("/snapshots")
        .parse()
        .unwrap_or(0);
    let rows = pg
        .query(
            "SELECT id, name, taken_at, levels, location_id, store_path FROM snapshots \
             WHERE job_id = $1 ORDER BY taken_at",
            &[&job],
        )
        .await
        .unwrap();
    let mut out = Vec::new();
    for r in rows {
        let (name, store_path): (String, String) = (r.get(1), r.get(5));
        let dir = location.join(&store_path).join("snapshots").join(&name);
        let Ok(bytes) = std::fs::read(dir.join("snapshot.json")) else {
            continue;
        };
        let meta: Value = serde_json::from_slice(&bytes).unwrap();
        let taken: chrono::DateTime<chrono::Utc> = r.get(2);
        let levels: Vec<String> = r.get(3);
        out.push(
            json!({"id": r.get::<_, i64>(0), "name": name, "taken_at": taken,
            "levels": levels, "location_id": r.get::<_, i64>(4), "store_path": store_path,
            "meta": {"started_at": meta["started_at"], "finished_at": meta["finished_at"],
                "rsync_version": meta["rsync_version"], "exit_code": meta["exit_code"],
                "warnings": meta["warnings"], "files": meta["files"],
                "total_bytes": meta["total_bytes"], "transferred_bytes": meta["transferred_bytes"],
                "rewritten_permissions": meta["rewritten_permissions"]}}),
        );
    }
    Value::Array(out)
}
