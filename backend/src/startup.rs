//! Wiring: prepares the data directory and database (own cluster or `DATABASE_URL`), runs
//! migrations, creates the first admin, and builds the HTTP server. Tests use `Application`
//! to run the real server on a random port.

use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use anyhow::Context;

use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::LoginLimiter;
use crate::auth::secrets;
use crate::config::Config;
use crate::db::{self, cluster::ManagedCluster};
use crate::engine::runner::Engine;
use crate::state::AppState;
use crate::web::server::build_server;
use crate::web::tls;

/// Where the database is, and the cluster we manage if any.
pub struct Database {
    pub url: String,
    pub cluster: Option<ManagedCluster>,
    /// How many migrations opening it applied.
    pub migrations_applied: usize,
}

impl Database {
    /// For short commands (`migrate`, `admin`): stops the managed cluster only if this
    /// process started it, leaving a running server's cluster alone.
    pub async fn release(self) {
        if let Some(c) = &self.cluster {
            if !c.started_here().await {
                return;
            }
        }
        self.shutdown().await;
    }

    /// For the server: stops the managed cluster, also one adopted after a crash.
    pub async fn shutdown(self) {
        if let Some(c) = self.cluster {
            if let Err(e) = c.stop().await {
                tracing::error!("stopping PostgreSQL: {e}");
            }
        }
    }
}

/// Creates the data directory: traversable but not listable by others (the `postgres`
/// user must reach its own subdirectory when we run as root).
pub fn prepare_data_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o711))
        .with_context(|| format!("setting permissions of {}", dir.display()))?;
    Ok(())
}

/// Connects to `DATABASE_URL`, or starts (or adopts) the managed cluster; then migrates.
/// When that applied migrations, the catalog is dumped into every active location at once
/// (`[catalog] backup`): a failed dump is logged, never fatal.
pub async fn open_database(config: &Config) -> anyhow::Result<Database> {
    let db = migrate_database(config).await?;
    if db.migrations_applied > 0 {
        if let Some(setup) = crate::catalog::Setup::of(config, &db.url) {
            match db::build_pool(&db.url, 1) {
                Ok(pool) => {
                    let out =
                        crate::catalog::write(&setup, &pool, crate::catalog::Which::All).await;
                    crate::catalog::record(&pool, &out).await;
                }
                Err(e) => tracing::warn!("no catalog dump after the migrations: {e}"),
            }
        }
    }
    Ok(db)
}

/// [`open_database`] without the dump after migrations (`recover`, whose fresh catalog
/// must never be dumped over the one it is about to restore).
pub async fn migrate_database(config: &Config) -> anyhow::Result<Database> {
    let (url, cluster) = match &config.database_url {
        Some(url) => (url.clone(), None),
        None => {
            prepare_data_dir(&config.data_dir)?;
            let cluster = ManagedCluster::start(
                &config.data_dir.join("postgres"),
                config.postgres_bin_dir.as_deref(),
            )
            .await?;
            (
                cluster.database_url(db::cluster::APP_DATABASE),
                Some(cluster),
            )
        }
    };
    match db::run_migrations(&url).await {
        Ok(n) => {
            if n > 0 {
                tracing::info!("applied {n} database migrations");
            }
            Ok(Database {
                url,
                cluster,
                migrations_applied: n,
            })
        }
        Err(e) => {
            let db = Database {
                url,
                cluster,
                migrations_applied: 0,
            };
            db.shutdown().await;
            Err(e.into())
        }
    }
}

/// The file the first administrator's password is written to (mode 0600), for
/// installations whose console nobody reads (a service started by its package).
pub const INITIAL_PASSWORD_FILE: &str = "initial-admin-password";

fn write_initial_password(data_dir: &Path, password: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    prepare_data_dir(data_dir)?;
    let path = data_dir.join(INITIAL_PASSWORD_FILE);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("creating {}", path.display()))?;
    // An existing file keeps its mode on open: make sure it is private.
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    writeln!(f, "{password}")
        .and_then(|()| f.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

/// A built, bound, not yet awaited server.
pub struct Application {
    server: Server,
    port: u16,
    /// Served over HTTPS (built-in TLS).
    https: bool,
    /// The path prefix everything is served under ("" for the root).
    prefix: String,
    /// Password of the admin created on this start, to be shown once.
    pub first_admin_password: Option<String>,
    /// The engine (tests drive the scheduler's tick through it with their own clock).
    pub engine: crate::engine::runner::Engine,
    /// The minute tick; stops when dropped.
    _cron: Option<tokio_cron_scheduler::JobScheduler>,
}

impl Application {
    /// Builds the state and binds the listener (`port 0` picks a free port).
    pub async fn build(mut config: Config, database_url: &str) -> anyhow::Result<Self> {
        crate::replication::primary::setup::resolve(&mut config);
        let tls = tls::server_config(&config.tls)?; // First: a wrong file is a common mistake.
        let pool = db::build_pool(database_url, config.db_pool_size)?;
        let first_admin_password = crate::domain::accounts::ensure_first_admin(&pool).await?;
        if let Some(pw) = &first_admin_password {
            write_initial_password(&config.data_dir, pw)?;
        }
        crate::domain::locations::ensure_default(&pool, &config.data_dir).await?;
        crate::replication::primary::reinstall(
            &pool,
            &crate::replication::primary::Setup::of(&config),
        )
        .await;
        let purged = db::sessions::purge_expired(&mut *db::conn(&pool).await?).await?;
        if purged > 0 {
            tracing::info!("removed {purged} expired login sessions");
        }
        let secret = match &config.jwt_secret {
            Some(s) => s.clone(),
            None => {
                prepare_data_dir(&config.data_dir)?;
                secrets::load_or_create_secret(&config.data_dir.join("jwt-secret"))
                    .context("reading or creating the JWT secret")?
            }
        };
        let engine = engine_of(&config, pool.clone())?;
        crate::engine::reconcile::at_start(&engine).await?;
        tokio::spawn(engine.events.clone().run());
        let dumps = crate::catalog::Setup::of(&config, database_url);
        let cron =
            crate::scheduler::start(&engine, config.scheduler, config.dispatcher, dumps).await?;
        if config.dispatcher {
            // Servers that execute runs deliver notifications too, in a task of their own.
            tokio::spawn(sender_of(&engine).run());
        }
        let state = AppState {
            engine: engine.clone(),
            pool,
            jwt: Arc::new(JwtKeys::new(secret.as_bytes())),
            limiter: Arc::new(LoginLimiter::new(
                config.login_max_failures,
                Duration::from_secs(config.login_window_seconds),
            )),
            config: Arc::new(config.clone()),
        };
        let listener = TcpListener::bind(config.listen)
            .with_context(|| format!("binding {}", config.listen))?;
        let port = listener.local_addr()?.port();
        let server = build_server(state, listener, tls)?;
        Ok(Application {
            server,
            port,
            https: config.tls.enabled(),
            prefix: config.url_prefix.clone(),
            first_admin_password,
            engine,
            _cron: cron,
        })
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The web app's address on `host`: `http(s)://host:port/prefix/`.
    pub fn url(&self, host: &str) -> String {
        let scheme = if self.https { "https" } else { "http" };
        format!("{scheme}://{host}:{}{}/", self.port, self.prefix)
    }

    /// Serves until the server is stopped (SIGINT/SIGTERM, or the handle).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    /// A handle to stop the server.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }
}

/// The notification sender of a server: its lease identity is the dispatcher's, and it
/// reads the runs' log files where the engine writes them.
pub fn sender_of(engine: &crate::engine::runner::Engine) -> crate::notify::sender::Sender {
    let logs_dir = engine
        .log_path(0)
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    crate::notify::sender::Sender {
        pool: engine.pool.clone(),
        owner: engine.owner.clone(),
        logs_dir,
        tz: engine.config.tz,
        events: engine.events.clone(),
        wake: engine.outbox.clone(),
    }
}

/// The engine of a server: its configuration and fresh shared handles.
fn engine_of(config: &Config, pool: db::DbPool) -> anyhow::Result<Engine> {
    Ok(Engine {
        pool: pool.clone(),
        config: Arc::new(crate::engine::handle::EngineConfig {
            data_dir: std::path::absolute(&config.data_dir)?,
            timeout_secs: config.rsync_timeout_seconds,
            rsync: config.rsync.clone(),
            min_free_percent: config.min_free_percent,
            script_timeout: Duration::from_secs(config.script_timeout_seconds),
            lease_secs: config.lease_seconds as f64,
            tz: config.tz(),
            catch_up: config.catch_up,
            requeue_interrupted: config.requeue_interrupted,
            local_slots: config.max_local_runs,
        }),
        registry: Arc::new(crate::engine::registry::Registry::default()),
        usage_gate: Arc::new(tokio::sync::Semaphore::new(1)),
        events: crate::events::Bus::new(pool),
        owner: crate::engine::runner::server_identity().into(),
        wake: Arc::new(tokio::sync::Notify::new()),
        outbox: Arc::new(tokio::sync::Notify::new()),
        batch_opened: Arc::new(tokio::sync::Notify::new()),
    })
}
