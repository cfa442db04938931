//! Test harness: finds or starts PostgreSQL, keeps a migrated template database, and spawns
//! the application on a random port with a fresh database.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use backend::config::Config;
use backend::db::cluster::ManagedCluster;
use backend::startup::Application;
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

pub const JWT_SECRET: &str = "integration-tests-secret-0123456789abcdef";

/// Where test databases live.
pub enum PgServer {
    /// A server on TCP (the machine's, on 127.0.0.1:5432, trust auth).
    Tcp(String),
    /// Our own cluster, for machines without one.
    Managed(Box<ManagedCluster>),
}

impl PgServer {
    pub fn url(&self, db: &str) -> String {
        match self {
            PgServer::Tcp(base) => format!("{base}/{db}"),
            PgServer::Managed(c) => c.database_url(db),
        }
    }
}

static SERVER: OnceCell<PgServer> = OnceCell::const_new();
static TEMPLATE: OnceCell<String> = OnceCell::const_new();

fn workspace_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

async fn server() -> &'static PgServer {
    SERVER
        .get_or_init(|| async {
            // ELKARBACKUP_TEST_PG: a base URL, or `managed` to force our own cluster.
            let forced = std::env::var("ELKARBACKUP_TEST_PG").ok();
            if let Some(base) = forced.as_ref().filter(|b| *b != "managed") {
                return PgServer::Tcp(base.clone());
            }
            if forced.is_none() && std::net::TcpStream::connect("127.0.0.1:5432").is_ok() {
                return PgServer::Tcp("postgres://postgres@127.0.0.1:5432".into());
            }
            // No server here: run our own in target/, shared by all test processes.
            let dir = workspace_dir().join("target/test-pg");
            std::fs::create_dir_all(&dir).unwrap();
            let lock = std::fs::File::create(dir.join("lock")).unwrap();
            lock.lock().unwrap();
            let c = ManagedCluster::start(&dir.join("cluster"), None)
                .await
                .expect("starting a PostgreSQL cluster for the tests");
            lock.unlock().unwrap();
            PgServer::Managed(Box::new(c))
        })
        .await
}

/// A plain connection to a database of the test server.
pub async fn pg(db: &str) -> tokio_postgres::Client {
    let url = server().await.url(db);
    let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap_or_else(|e| panic!("connecting to {url}: {e}"));
    tokio::spawn(conn);
    client
}

fn migrations_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| {
        let mut files: Vec<PathBuf> = std::fs::read_dir(workspace_dir().join("migrations"))
            .unwrap()
            .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
            .map(|f| f.unwrap().path())
            .collect();
        files.sort();
        let mut h = Sha256::new();
        for f in files {
            h.update(f.to_string_lossy().as_bytes());
            h.update(std::fs::read(f).unwrap());
        }
        hex::encode(h.finalize())[..16].to_owned()
    })
}

/// The name of the migrated template database, created once (across processes).
async fn template() -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("ebk_tpl_{}", migrations_hash());
            let admin = pg("postgres").await;
            admin
                .execute("SELECT pg_advisory_lock(727274)", &[])
                .await
                .unwrap();
            let exists = admin
                .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
                .await
                .unwrap()
                .is_some();
            if !exists {
                let building = format!("{name}_b{}", std::process::id());
                admin
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {building}"))
                    .await
                    .unwrap();
                admin
                    .batch_execute(&format!("CREATE DATABASE {building}"))
                    .await
                    .unwrap();
                backend::db::run_migrations(&server().await.url(&building))
                    .await
                    .unwrap();
                admin
                    .batch_execute(&format!("ALTER DATABASE {building} RENAME TO {name}"))
                    .await
                    .unwrap();
            }
            admin
                .execute("SELECT pg_advisory_unlock(727274)", &[])
                .await
                .unwrap();
            name
        })
        .await
}

/// A fresh, migrated, empty database; returns its URL.
pub async fn fresh_database() -> (String, String) {
    let tpl = template().await;
    let name = format!("ebk_t_{}", uuid::Uuid::new_v4().simple());
    let admin = pg("postgres").await;
    // CREATE DATABASE … TEMPLATE fails while another session copies the same template;
    // retry briefly rather than serialise every test.
    let mut tries = 0;
    loop {
        match admin
            .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {tpl}"))
            .await
        {
            Ok(()) => break,
            Err(e) if tries < 50 => {
                tries += 1;
                let _ = e;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => panic!("creating {name}: {e}"),
        }
    }
    (server().await.url(&name), name)
}

/// A running application on its own database.
pub struct TestApp {
    /// The server's engine (to drive the scheduler's tick with a test clock).
    pub engine: backend::engine::runner::Engine,
    pub base: String,
    pub db_url: String,
    pub admin_password: String,
    /// Kept so the directory lives as long as the app.
    pub _data_dir: tempfile::TempDir,
}

/// Options for `spawn_app_with`.
pub struct AppOptions {
    pub frontend_dir: Option<PathBuf>,
    pub login_max_failures: u32,
    /// Another rsync program (a fake one producing chosen exit codes).
    pub rsync: Option<PathBuf>,
    /// Use this database instead of a fresh one (to restart on the same data).
    pub database: Option<String>,
    /// Use this data directory instead of a fresh one.
    pub data_dir: Option<PathBuf>,
    /// Script timeout in seconds.
    pub script_timeout: u64,
    /// Run the minute tick (off by default: tests drive the tick with their own clock).
    pub scheduler: bool,
    /// Execute queued runs.
    pub dispatcher: bool,
    /// Lease length in seconds.
    pub lease_seconds: u64,
    /// Re-queue runs of a dead server instead of failing them.
    pub requeue_interrupted: bool,
    /// Most runs this server executes at once.
    pub max_local_runs: usize,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            frontend_dir: None,
            login_max_failures: 5,
            rsync: None,
            database: None,
            data_dir: None,
            script_timeout: 60,
            scheduler: false,
            dispatcher: true,
            lease_seconds: 60,
            requeue_interrupted: false,
            max_local_runs: 64,
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(AppOptions::default()).await
}

pub async fn spawn_app_with(opts: AppOptions) -> TestApp {
    let db_url = match opts.database.clone() {
        Some(u) => u,
        None => fresh_database().await.0,
    };
    let data_dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: opts
            .data_dir
            .clone()
            .unwrap_or_else(|| data_dir.path().to_owned()),
        rsync: opts.rsync.clone().unwrap_or_else(|| PathBuf::from("rsync")),
        rsync_timeout_seconds: 20,
        script_timeout_seconds: opts.script_timeout,
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: Some(db_url.clone()),
        frontend_dir: opts
            .frontend_dir
            .unwrap_or_else(|| data_dir.path().join("no-frontend")),
        jwt_secret: Some(JWT_SECRET.into()),
        login_max_failures: opts.login_max_failures,
        db_pool_size: 4,
        scheduler: opts.scheduler,
        dispatcher: opts.dispatcher,
        lease_seconds: opts.lease_seconds,
        requeue_interrupted: opts.requeue_interrupted,
        max_local_runs: opts.max_local_runs,
        time_zone: "Europe/Madrid".into(),
        // In production the server's own executable; here the tests' process is not it.
        replication: backend::config::ReplicationConfig {
            gate: Some(PathBuf::from(env!("CARGO_BIN_EXE_elkarbackup"))),
            ..Default::default()
        },
        ..Config::default()
    };
    let app = Application::build(config, &db_url).await.unwrap();
    let admin_password = app.first_admin_password.clone().unwrap_or_default();
    let base = format!("http://127.0.0.1:{}", app.port());
    let engine = app.engine.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        engine,
        base,
        db_url,
        admin_password,
        _data_dir: data_dir,
    }
}

/// How long a test client keeps an idle connection: well under the server's 5 s
/// keep-alive, so a request never goes out on a connection the server is closing
/// at that instant (hyper then fails it with `IncompleteMessage`).
const CLIENT_IDLE: Duration = Duration::from_secs(2);

/// An HTTP client without cookies whose pooled connections never outlive the server's.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_idle_timeout(CLIENT_IDLE)
        .build()
        .unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A client keeping cookies, like a browser.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .pool_idle_timeout(CLIENT_IDLE)
            .build()
            .unwrap()
    }

    /// A client without cookies, like a script.
    pub fn script(&self) -> reqwest::Client {
        http_client()
    }

    pub async fn login(&self, client: &reqwest::Client, user: &str, pw: &str) -> reqwest::Response {
        client
            .post(self.url("/api/auth/login"))
            .json(&shared::LoginRequest {
                username: user.into(),
                password: pw.into(),
                code: None,
            })
            .send()
            .await
            .unwrap()
    }

    /// Logs the admin in and returns the JWT.
    pub async fn admin_token(&self) -> String {
        let res = self
            .login(&self.script(), "admin", &self.admin_password)
            .await;
        assert_eq!(res.status(), 200);
        res.json::<shared::LoginResponse>().await.unwrap().token
    }

    /// Creates a user directly through the domain layer.
    pub async fn create_user(&self, name: &str, role: shared::Role, pw: &str) {
        let pool = backend::db::build_pool(&self.db_url, 1).unwrap();
        backend::domain::accounts::create_user(&pool, name, role, Some(pw.into()))
            .await
            .unwrap();
    }
}

pub async fn error_of(res: reqwest::Response) -> shared::ApiError {
    res.json::<shared::ApiError>().await.unwrap()
}

/// Checks that `res` has `status` and an error body with `code`; returns that body.
pub async fn expect_error(
    res: reqwest::Response,
    status: u16,
    code: shared::ErrorCode,
) -> shared::ApiError {
    assert_eq!(res.status(), status);
    let e = error_of(res).await;
    assert_eq!(e.code, code);
    e
}

/// Sends a request; an idempotent one is sent once more when it failed before any
/// answer (a pooled keep-alive connection the server closed at that very instant: on a
/// loaded machine the server's keep-alive can run out while the client is still reading
/// a large answer, before the client's own idle limit).
async fn send_retrying_stale(
    build: impl Fn() -> reqwest::RequestBuilder,
    idempotent: bool,
) -> reqwest::Response {
    match build().send().await {
        Ok(res) => res,
        Err(e) if idempotent && e.is_request() => build().send().await.unwrap(),
        Err(e) => panic!("{e:?}"),
    }
}

/// A JSON client acting as one principal (or anonymously).
pub struct Api {
    pub base: String,
    pub token: Option<String>,
    pub client: reqwest::Client,
}

impl Api {
    /// Sends a request; returns the status and the JSON body (Null when empty or not JSON).
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let build = || {
            let mut req = self
                .client
                .request(method.clone(), format!("{}{}", self.base, path));
            if let Some(t) = &self.token {
                req = req.bearer_auth(t);
            }
            if let Some(b) = body {
                req = req.json(b);
            }
            req
        };
        let res = send_retrying_stale(build, method.is_idempotent()).await;
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
        )
    }

    /// A GET whose response is read by the caller (downloads, headers).
    pub async fn raw(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let build = || {
            let mut req = self.client.get(format!("{}{}", self.base, path));
            if let Some(t) = &self.token {
                req = req.bearer_auth(t);
            }
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            req
        };
        send_retrying_stale(build, true).await
    }

    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        self.call(reqwest::Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.call(reqwest::Method::POST, path, Some(&body)).await
    }
    pub async fn put(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.call(reqwest::Method::PUT, path, Some(&body)).await
    }
    pub async fn patch(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.call(reqwest::Method::PATCH, path, Some(&body)).await
    }
    pub async fn delete(&self, path: &str) -> (u16, serde_json::Value) {
        self.call(reqwest::Method::DELETE, path, None).await
    }
}

impl TestApp {
    /// An anonymous API client.
    pub fn anon(&self) -> Api {
        Api {
            base: self.base.clone(),
            token: None,
            client: http_client(),
        }
    }

    /// An API client signed in as the first admin.
    pub async fn admin(&self) -> Api {
        Api {
            token: Some(self.admin_token().await),
            ..self.anon()
        }
    }

    /// Creates a user with `role` and returns an API client signed in as them.
    pub async fn user(&self, name: &str, role: shared::Role) -> Api {
        let pw = format!("{name}-lantern-orchard");
        self.create_user(name, role, &pw).await;
        let res = self.login(&self.script(), name, &pw).await;
        assert_eq!(res.status(), 200);
        let token = res.json::<shared::LoginResponse>().await.unwrap().token;
        Api {
            token: Some(token),
            ..self.anon()
        }
    }

    /// The id of the default location and of the "Default policy".
    pub async fn defaults(&self, api: &Api) -> (i64, i64) {
        let (_, locs) = api.get("/api/locations").await;
        let (_, pols) = api.get("/api/policies?q=Default").await;
        (
            locs["items"][0]["id"].as_i64().unwrap(),
            pols["items"][0]["id"].as_i64().unwrap(),
        )
    }
}

/// A minimal valid ssh client body.
pub fn ssh_client(name: &str) -> serde_json::Value {
    serde_json::json!({
        "name": name,
        "connection": {"kind": "ssh", "user": "root", "host": "backup-client.example"},
    })
}

/// A minimal valid job body.
pub fn job(client_id: i64, name: &str, location: i64, policy: i64) -> serde_json::Value {
    serde_json::json!({
        "client_id": client_id,
        "name": name,
        "source_path": "/home/",
        "policy_id": policy,
        "location_id": location,
    })
}

/// The `(field, code)` pairs of a validation error body.
pub fn field_codes(body: &serde_json::Value) -> Vec<(String, String)> {
    body["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["field"].as_str().unwrap_or_default().to_owned(),
                        f["code"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The first column of `sql`'s rows, in their order.
pub async fn column<T>(
    db: &tokio_postgres::Client,
    sql: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> Vec<T>
where
    T: for<'a> tokio_postgres::types::FromSql<'a>,
{
    db.query(sql, params)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// The codes of the audit records, oldest first.
pub async fn audit_codes(app: &TestApp) -> Vec<String> {
    let db = pg(app.db_url.rsplit('/').next().unwrap()).await;
    let sql = "SELECT code FROM log_records WHERE source = 'audit' ORDER BY id";
    column(&db, sql, &[]).await
}
