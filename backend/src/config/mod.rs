//! Server configuration: defaults, then an optional TOML file, then `ELKARBACKUP_*`
//! environment variables (and `DATABASE_URL`). Unknown keys in the file are errors.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

mod replication;
mod service;

pub use replication::ReplicationConfig;
pub use service::{valid_url_prefix, CatalogConfig, TlsConfig};

/// Everything the server needs to know at start-up. Tests build one directly.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory the server owns: managed PostgreSQL cluster, secrets, keys.
    pub data_dir: PathBuf,
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// External PostgreSQL; `None` means the server runs its own cluster in `data_dir`.
    pub database_url: Option<String>,
    /// Directory with the built web app (`index.html`, wasm, css).
    pub frontend_dir: PathBuf,
    /// Directory holding `initdb` and `postgres`; found automatically when `None`.
    pub postgres_bin_dir: Option<PathBuf>,
    /// JWT signing secret; generated once and kept in `data_dir` when `None`.
    pub jwt_secret: Option<String>,
    /// How long a login session lasts, in minutes.
    pub session_minutes: i64,
    /// Mark the session cookie `Secure` (set when the server is behind HTTPS).
    pub secure_cookies: bool,
    /// Failed logins allowed per user and address within the window before 429.
    pub login_max_failures: u32,
    /// The rate-limit window, in seconds.
    pub login_window_seconds: u64,
    /// Maximum database connections in the pool.
    pub db_pool_size: usize,
    /// HTTP worker threads; 0 means one per CPU (actix's default). Each worker holds its
    /// own copy of the routes and the API document, so on many-core machines the default
    /// costs memory while a backup server's few users never need that many.
    pub http_workers: usize,
    /// The rsync program.
    pub rsync: PathBuf,
    /// rsync I/O timeout and ssh connect timeout, in seconds.
    pub rsync_timeout_seconds: u32,
    /// Refuse to start a backup when the location has less free space or inodes (percent).
    pub min_free_percent: u64,
    /// Longest a pre or post script may run, in seconds.
    pub script_timeout_seconds: u64,
    /// Time zone the policies' times are in (IANA name, e.g. `Europe/Madrid`); by default
    /// `TZ` or `/etc/timezone`, else UTC.
    pub time_zone: String,
    /// After downtime, queue each missed level once (true) or skip what was missed.
    pub catch_up: bool,
    /// Whether this server evaluates schedules (every server may; one tick per minute).
    pub scheduler: bool,
    /// Whether this server executes queued runs.
    pub dispatcher: bool,
    /// How long a run's lease lasts without renewal before another server takes it over.
    pub lease_seconds: u64,
    /// Runs of a server that died are queued again (true) or failed as interrupted.
    pub requeue_interrupted: bool,
    /// Most runs this server executes at once (the global setting still applies).
    pub max_local_runs: usize,
    /// The `[replication]` section.
    pub replication: ReplicationConfig,
    /// The `[tls]` section: built-in HTTPS.
    pub tls: TlsConfig,
    /// Path prefix the web app and API are served under (`/elkarbackup`), empty for the
    /// root; links, the API base and cookies follow it.
    pub url_prefix: String,
    /// The `[catalog]` section: dumps of the server's own database into the locations.
    pub catalog: CatalogConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("data"),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: None,
            frontend_dir: PathBuf::from("frontend/dist"),
            postgres_bin_dir: None,
            jwt_secret: None,
            session_minutes: 12 * 60,
            secure_cookies: false,
            login_max_failures: 5,
            login_window_seconds: 300,
            db_pool_size: 16,
            http_workers: 2,
            rsync: PathBuf::from("rsync"),
            rsync_timeout_seconds: 600,
            min_free_percent: 1,
            script_timeout_seconds: 3600,
            time_zone: system_time_zone(),
            catch_up: true,
            scheduler: true,
            dispatcher: true,
            lease_seconds: 60,
            requeue_interrupted: false,
            max_local_runs: 64,
            replication: ReplicationConfig::default(),
            tls: TlsConfig::default(),
            url_prefix: String::new(),
            catalog: CatalogConfig::default(),
        }
    }
}

/// The TOML file's shape: every key optional, unknown keys rejected.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    listen: Option<SocketAddr>,
    database_url: Option<String>,
    frontend_dir: Option<PathBuf>,
    postgres_bin_dir: Option<PathBuf>,
    jwt_secret: Option<String>,
    session_minutes: Option<i64>,
    secure_cookies: Option<bool>,
    login_max_failures: Option<u32>,
    login_window_seconds: Option<u64>,
    db_pool_size: Option<usize>,
    http_workers: Option<usize>,
    rsync: Option<PathBuf>,
    rsync_timeout_seconds: Option<u32>,
    min_free_percent: Option<u64>,
    script_timeout_seconds: Option<u64>,
    time_zone: Option<String>,
    catch_up: Option<bool>,
    scheduler: Option<bool>,
    dispatcher: Option<bool>,
    lease_seconds: Option<u64>,
    requeue_interrupted: Option<bool>,
    max_local_runs: Option<usize>,
    #[serde(default)]
    replication: replication::FileReplication,
    url_prefix: Option<String>,
    #[serde(default)]
    tls: service::FileTls,
    #[serde(default)]
    catalog: service::FileCatalog,
}

/// The machine's time zone: `TZ`, else `/etc/timezone`, else UTC.
fn system_time_zone() -> String {
    std::env::var("TZ")
        .ok()
        .map(|t| t.trim_start_matches(':').to_owned())
        .or_else(|| std::fs::read_to_string("/etc/timezone").ok())
        .map(|t| t.trim().to_owned())
        .filter(|t| t.parse::<chrono_tz::Tz>().is_ok())
        .unwrap_or_else(|| "UTC".to_owned())
}

/// Why the configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("invalid value for {name}: {value:?} ({reason})")]
    Env {
        name: String,
        value: String,
        reason: String,
    },
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

impl Config {
    /// Loads defaults, then `file` if given, then the environment `env` (a lookup function,
    /// so tests need not touch the process environment).
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut cfg = Config::default();
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.to_owned(),
                source,
            })?;
            cfg.apply_file(&text)
                .map_err(|message| ConfigError::Parse {
                    path: path.to_owned(),
                    message,
                })?;
        }
        cfg.apply_env(env)?;
        cfg.validate()?;
        Ok(cfg)
    }

    fn apply_file(&mut self, text: &str) -> Result<(), String> {
        let mut f: FileConfig = toml::from_str(text).map_err(|e| e.to_string())?;
        self.replication
            .apply_file(std::mem::take(&mut f.replication));
        self.tls.apply_file(std::mem::take(&mut f.tls));
        self.catalog.apply_file(std::mem::take(&mut f.catalog));
        if let Some(p) = f.url_prefix.take() {
            self.url_prefix = service::normalize_url_prefix(&p);
        }
        macro_rules! set {
            ($($field:ident),*) => { $( if let Some(v) = f.$field { self.$field = v; } )* };
        }
        set!(
            data_dir,
            listen,
            frontend_dir,
            session_minutes,
            secure_cookies,
            login_max_failures,
            login_window_seconds,
            db_pool_size,
            http_workers,
            rsync,
            rsync_timeout_seconds,
            min_free_percent,
            script_timeout_seconds,
            time_zone,
            catch_up,
            scheduler,
            dispatcher,
            lease_seconds,
            requeue_interrupted,
            max_local_runs
        );
        if f.database_url.is_some() {
            self.database_url = f.database_url;
        }
        if f.postgres_bin_dir.is_some() {
            self.postgres_bin_dir = f.postgres_bin_dir;
        }
        if f.jwt_secret.is_some() {
            self.jwt_secret = f.jwt_secret;
        }
        Ok(())
    }

    fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        fn parse<T: std::str::FromStr>(name: &str, value: String) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            value.parse::<T>().map_err(|e| ConfigError::Env {
                name: name.to_owned(),
                reason: e.to_string(),
                value,
            })
        }
        if let Some(v) = env("ELKARBACKUP_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = env("ELKARBACKUP_LISTEN") {
            self.listen = parse("ELKARBACKUP_LISTEN", v)?;
        }
        if let Some(v) = env("ELKARBACKUP_DATABASE_URL").or_else(|| env("DATABASE_URL")) {
            self.database_url = (!v.is_empty()).then_some(v);
        }
        if let Some(v) = env("ELKARBACKUP_FRONTEND_DIR") {
            self.frontend_dir = PathBuf::from(v);
        }
        if let Some(v) = env("ELKARBACKUP_POSTGRES_BIN_DIR") {
            self.postgres_bin_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = env("ELKARBACKUP_JWT_SECRET") {
            self.jwt_secret = Some(v);
        }
        if let Some(v) = env("ELKARBACKUP_SESSION_MINUTES") {
            self.session_minutes = parse("ELKARBACKUP_SESSION_MINUTES", v)?;
        }
        if let Some(v) = env("ELKARBACKUP_SECURE_COOKIES") {
            self.secure_cookies = parse("ELKARBACKUP_SECURE_COOKIES", v)?;
        }
        if let Some(v) = env("ELKARBACKUP_LOGIN_MAX_FAILURES") {
            self.login_max_failures = parse("ELKARBACKUP_LOGIN_MAX_FAILURES", v)?;
        }
        if let Some(v) = env("ELKARBACKUP_LOGIN_WINDOW_SECONDS") {
            self.login_window_seconds = parse("ELKARBACKUP_LOGIN_WINDOW_SECONDS", v)?;
        }
        if let Some(v) = env("ELKARBACKUP_DB_POOL_SIZE") {
            self.db_pool_size = parse("ELKARBACKUP_DB_POOL_SIZE", v)?;
        }
        if let Some(v) = env("ELKARBACKUP_RSYNC") {
            self.rsync = PathBuf::from(v);
        }
        if let Some(v) = env("ELKARBACKUP_RSYNC_TIMEOUT_SECONDS") {
            self.rsync_timeout_seconds = parse("ELKARBACKUP_RSYNC_TIMEOUT_SECONDS", v)?;
        }
        if let Some(v) = env("ELKARBACKUP_SCRIPT_TIMEOUT_SECONDS") {
            self.script_timeout_seconds = parse("ELKARBACKUP_SCRIPT_TIMEOUT_SECONDS", v)?;
        }
        if let Some(v) = env("ELKARBACKUP_MIN_FREE_PERCENT") {
            self.min_free_percent = parse("ELKARBACKUP_MIN_FREE_PERCENT", v)?;
        }
        macro_rules! env {
            ($($field:ident => $name:literal),*) => {
                $( if let Some(v) = env($name) { self.$field = parse($name, v)?; } )*
            };
        }
        env!(
            time_zone => "ELKARBACKUP_TIME_ZONE",
            catch_up => "ELKARBACKUP_CATCH_UP",
            scheduler => "ELKARBACKUP_SCHEDULER",
            dispatcher => "ELKARBACKUP_DISPATCHER",
            lease_seconds => "ELKARBACKUP_LEASE_SECONDS",
            requeue_interrupted => "ELKARBACKUP_REQUEUE_INTERRUPTED",
            max_local_runs => "ELKARBACKUP_MAX_LOCAL_RUNS",
            http_workers => "ELKARBACKUP_HTTP_WORKERS"
        );
        if let Some(v) = env("ELKARBACKUP_URL_PREFIX") {
            self.url_prefix = service::normalize_url_prefix(&v);
        }
        self.tls.apply_env(&env);
        self.catalog.apply_env(&env)?;
        self.replication.apply_env(&env)
    }

    /// Whether the session cookie is `Secure`: asked for, or served over built-in HTTPS.
    pub fn cookies_secure(&self) -> bool {
        self.secure_cookies || self.tls.enabled()
    }

    /// The configured time zone (validated at load).
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        self.replication.validate()?;
        self.tls.validate()?;
        self.catalog.validate()?;
        if !valid_url_prefix(&self.url_prefix) {
            return Err(ConfigError::Invalid(format!(
                "url_prefix {:?} must be a path such as /elkarbackup (letters, digits, - _ . ~)",
                self.url_prefix
            )));
        }
        if self.session_minutes < 1 {
            return Err(ConfigError::Invalid(
                "session_minutes must be at least 1".into(),
            ));
        }
        if self.db_pool_size < 1 {
            return Err(ConfigError::Invalid(
                "db_pool_size must be at least 1".into(),
            ));
        }
        if self.login_max_failures < 1 {
            return Err(ConfigError::Invalid(
                "login_max_failures must be at least 1".into(),
            ));
        }
        if self.time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(ConfigError::Invalid(format!(
                "time_zone {:?} is not an IANA time zone name (e.g. Europe/Madrid)",
                self.time_zone
            )));
        }
        if self.lease_seconds < 2 {
            return Err(ConfigError::Invalid(
                "lease_seconds must be at least 2".into(),
            ));
        }
        if let Some(s) = &self.jwt_secret {
            if s.len() < 32 {
                return Err(ConfigError::Invalid(
                    "jwt_secret must be at least 32 characters".into(),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
