//! The built-in script library: each script added as an administrator adds it, then run
//! by real backups: fail-if-empty through a read-only rrsync key, the PostgreSQL and MySQL
//! dumps over ssh against real servers (LVM and Windows: `script_library_fakes`).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::{json, Value};

use crate::engine::{run, ssh_job};
use crate::helpers::*;
use crate::sshd::Sshd;
use crate::steps::run_log;

/// The library's entry `slug`.
async fn entry(admin: &Api, slug: &str) -> Value {
    let (s, all) = admin.get("/api/script-library").await;
    assert_eq!(s, 200, "{all}");
    all.as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == slug)
        .cloned()
        .unwrap_or_else(|| panic!("no {slug} in {all}"))
}

/// Adds `content` as the library entry's script (what the web app's "Add" sends).
async fn add(admin: &Api, e: &Value, content: &str) -> i64 {
    let body = json!({"name": e["slug"], "description": e["summary"], "uses": e["uses"],
        "content_base64": STANDARD.encode(content)});
    let (s, script) = admin.post("/api/scripts", body).await;
    assert_eq!(s, 201, "{script}");
    script["id"].as_i64().unwrap()
}

#[tokio::test]
async fn fail_if_empty_stops_the_backup_of_an_empty_source_through_a_read_only_key() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (s, all) = admin.get("/api/script-library").await;
    assert_eq!(s, 200);
    let slugs: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        [
            "fail-if-empty",
            "mysql-dump",
            "postgresql-dump",
            "lvm-snapshot",
            "windows-vss"
        ]
    );
    assert_eq!(app.anon().get("/api/script-library").await.0, 401);

    let e = entry(&admin, "fail-if-empty").await;
    assert_eq!(e["needs_plain_key"], false);
    let script = add(&admin, &e, e["content"].as_str().unwrap()).await;
    // The client's default keys: rrsync, read-only. The script lists through them.
    let sshd = Sshd::start().await;
    let src = tempfile::tempdir().unwrap();
    std::fs::set_permissions(src.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let (_, jid, _) = ssh_job(&app, &admin, &sshd, src.path()).await;
    let (s, _) = admin
        .patch(
            &format!("/api/jobs/{jid}"),
            json!({"pre_scripts": [script]}),
        )
        .await;
    assert_eq!(s, 200);

    let stopped = run(&admin, jid).await;
    assert_eq!(
        (&stopped["result"], &stopped["error_code"]),
        (&json!("failed"), &json!("pre_script_failed")),
        "{stopped}"
    );
    let log = run_log(&app, &admin, &stopped["id"]).await;
    assert!(
        log.contains("is empty (is its disk mounted?); backup stopped"),
        "{log}"
    );
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    assert_eq!(
        snaps.as_array().unwrap().len(),
        0,
        "no empty snapshot was made"
    );

    std::fs::write(src.path().join("ledger.ods"), "accounts").unwrap();
    let ok = run(&admin, jid).await;
    assert_eq!(
        ok["result"],
        "ok",
        "{}",
        run_log(&app, &admin, &ok["id"]).await
    );
    assert!(run_log(&app, &admin, &ok["id"])
        .await
        .contains("holds 1 entries"));
}

/// A root ssh client in the plain key mode on `sshd` (host key accepted), with a job that
/// runs `script` before backing up `dumps`, the dumps' directory on the client.
async fn dump_job(app: &TestApp, admin: &Api, sshd: &Sshd, dumps: &Path, script: i64) -> i64 {
    let (loc, pol) = app.defaults(admin).await;
    let connection = json!({"kind": "ssh", "user": "root", "host": "127.0.0.1", "port": sshd.port});
    let body =
        json!({"name": format!("db{}", sshd.port), "key_mode": "plain", "connection": connection});
    let (_, client) = admin.post("/api/clients", body).await;
    let cid = client["id"].as_i64().unwrap();
    sshd.install(&client);
    let mut body = job(cid, "databases", loc, pol);
    body["source_path"] = json!(format!("{}/", dumps.display()));
    body["pre_scripts"] = json!([script]);
    let (s, j) = admin.post("/api/jobs", body).await;
    assert_eq!(s, 201, "{j}");
    let jid = j["id"].as_i64().unwrap();
    assert_eq!(run(admin, jid).await["error_code"], "host_key_unverified");
    let accept = format!("/api/clients/{cid}/host-key/accept");
    assert_eq!(admin.post(&accept, json!({})).await.0, 200);
    jid
}

/// libpq's variables for the test server (`PGHOST`, `PGPORT`, `PGUSER`), as the client
/// machine's environment gives them to `psql` and `pg_dump`.
fn libpq_env(db_url: &str) -> Vec<(&'static str, String)> {
    if let Ok(u) = reqwest::Url::parse(db_url) {
        return vec![
            ("PGHOST", u.host_str().unwrap().to_owned()),
            ("PGPORT", u.port().unwrap_or(5432).to_string()),
            ("PGUSER", u.username().to_owned()),
        ];
    }
    // Our own cluster: `host='<socket dir>' user=postgres dbname=…`.
    let host = db_url.split('\'').nth(1).unwrap().to_owned();
    vec![("PGHOST", host), ("PGUSER", "postgres".into())]
}

#[tokio::test]
async fn the_postgresql_dump_runs_on_the_client_over_ssh_and_is_backed_up() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    // A database of the client's with a row to find in the backup.
    let (url, name) = fresh_database().await;
    let db = pg(&name).await;
    db.batch_execute("CREATE TABLE invoices (id int, customer text); INSERT INTO invoices VALUES (1, 'Herria Kooperatiba');")
        .await
        .unwrap();
    let sshd = Sshd::start_with_env(&libpq_env(&url)).await;
    // Added as the library gives it, with its one setting edited as its comment says.
    let e = entry(&admin, "postgresql-dump").await;
    assert_eq!(e["needs_plain_key"], true);
    let content = e["content"]
        .as_str()
        .unwrap()
        .replace("DATABASES=\"\"", &format!("DATABASES=\"{name}\""));
    let script = add(&admin, &e, &content).await;
    let dumps = tempfile::tempdir().unwrap();
    let target = dumps.path().join("postgresql");
    let jid = dump_job(&app, &admin, &sshd, &target, script).await;

    let done = run(&admin, jid).await;
    let log = run_log(&app, &admin, &done["id"]).await;
    assert_eq!(done["result"], "ok", "{log}");
    assert!(log.contains(&format!("postgresql-dump: {name}")), "{log}");
    // The dump is in the snapshot, and pg_restore reads the row back out of it.
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let sid = snaps[0]["id"].as_i64().unwrap();
    let res = admin
        .raw(
            &format!("/api/snapshots/{sid}/download?path={name}.dump"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 200);
    let copy = dumps.path().join("copy.dump");
    std::fs::write(&copy, res.bytes().await.unwrap()).unwrap();
    let sql = std::process::Command::new("pg_restore")
        .arg("-f")
        .arg("-")
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        sql.status.success(),
        "{}",
        String::from_utf8_lossy(&sql.stderr)
    );
    let sql = String::from_utf8_lossy(&sql.stdout);
    assert!(
        sql.contains("CREATE TABLE public.invoices") && sql.contains("Herria Kooperatiba"),
        "{sql}"
    );
    let globals = admin
        .raw(
            &format!("/api/snapshots/{sid}/download?path=globals.sql"),
            &[],
        )
        .await;
    assert!(globals.text().await.unwrap().contains("CREATE ROLE"));
    // Nothing half-written is left beside the dumps.
    let left: Vec<String> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.iter().all(|f| !f.ends_with(".part")), "{left:?}");
}

/// A MariaDB server of its own on a socket in `dir` (no network), with an empty root
/// password; stopped on drop.
struct MariaDb {
    child: std::process::Child,
    socket: std::path::PathBuf,
}

impl MariaDb {
    async fn start(dir: &Path) -> MariaDb {
        let data = dir.join("data");
        let installed = std::process::Command::new("mariadb-install-db")
            .args([
                "--no-defaults",
                "--user=root",
                "--auth-root-authentication-method=normal",
            ])
            .arg(format!("--datadir={}", data.display()))
            .output()
            .expect("mariadb-install-db (cargo xtask test installs mariadb-server)");
        assert!(
            installed.status.success(),
            "{}",
            String::from_utf8_lossy(&installed.stderr)
        );
        let socket = dir.join("mysqld.sock");
        let child = std::process::Command::new("mariadbd")
            .args(["--no-defaults", "--user=root", "--skip-networking"])
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!("--pid-file={}", dir.join("mysqld.pid").display()))
            .arg(format!("--log-error={}", dir.join("error.log").display()))
            // Its start-up notes (open files limit) say nothing to the test; the error log
            // is read when it does not start.
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut db = MariaDb { child, socket };
        for _ in 0..200 {
            if db.sql("SELECT 1").is_ok() {
                return db;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let _ = db.child.kill();
        panic!(
            "mariadbd did not start: {}",
            std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
        );
    }

    fn sql(&mut self, sql: &str) -> Result<String, String> {
        let out = std::process::Command::new("mariadb")
            .args(["--no-defaults", "-u", "root", "-N", "-e", sql])
            .arg(format!("--socket={}", self.socket.display()))
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn the_mysql_dump_runs_on_the_client_over_ssh_against_a_real_mariadb() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let dir = tempfile::tempdir().unwrap();
    let mut maria = MariaDb::start(dir.path()).await;
    maria
        .sql("CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(80)) ENGINE=InnoDB; INSERT INTO shop.orders VALUES (7, 'Txokoa Elkartea');")
        .unwrap();
    // The client's own settings, as its README says: credentials in the user's ~/.my.cnf.
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(
        home.join(".my.cnf"),
        format!("[client]\nuser=root\nsocket={}\n", maria.socket.display()),
    )
    .unwrap();
    let sshd = Sshd::start_with_env(&[("HOME", home.display().to_string())]).await;
    let e = entry(&admin, "mysql-dump").await;
    let script = add(&admin, &e, e["content"].as_str().unwrap()).await;
    let target = dir.path().join("dumps");
    let jid = dump_job(&app, &admin, &sshd, &target, script).await;

    let done = run(&admin, jid).await;
    let log = run_log(&app, &admin, &done["id"]).await;
    assert_eq!(done["result"], "ok", "{log}");
    let (_, snaps) = admin.get(&format!("/api/jobs/{jid}/snapshots")).await;
    let sid = snaps[0]["id"].as_i64().unwrap();
    let res = admin
        .raw(
            &format!("/api/snapshots/{sid}/download?path=all-databases.sql"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 200);
    let sql = res.text().await.unwrap();
    assert!(
        sql.contains("CREATE TABLE `orders`") && sql.contains("(7,'Txokoa Elkartea')"),
        "{sql}"
    );

    // The dump loads back into an empty server: the row is there again.
    maria.sql("DROP DATABASE shop").unwrap();
    let restored = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "mariadb --no-defaults -u root --socket='{}' < '{}'",
            maria.socket.display(),
            target.join("all-databases.sql").display()
        ))
        .status()
        .unwrap();
    assert!(restored.success());
    assert_eq!(
        maria
            .sql("SELECT customer FROM shop.orders WHERE id = 7")
            .unwrap()
            .trim(),
        "Txokoa Elkartea"
    );

    // A dump that fails (the server stopped) stops the backup and keeps the last good dump.
    let _ = maria.child.kill();
    let _ = maria.child.wait();
    let failed = run(&admin, jid).await;
    assert_eq!(
        (&failed["result"], &failed["error_code"]),
        (&json!("failed"), &json!("pre_script_failed")),
        "{failed}"
    );
    assert!(std::fs::read_to_string(target.join("all-databases.sql"))
        .unwrap()
        .contains("Txokoa Elkartea"));
}
