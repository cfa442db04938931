//! PostgreSQL's client programs (`pg_dump`, `pg_restore`): where they are, whether they are
//! new enough for the server, and how they reach the database. The connection goes
//! through the environment (`PGHOST`, `PGPASSWORD`, …) rather than the command line, so a
//! password in `DATABASE_URL` is never visible in the process list.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// What stops a dump or a restore before it starts.
#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error(
        "{0} was not found: install the PostgreSQL client programs (Debian package \
         `postgresql-client`), or set postgres_bin_dir"
    )]
    Missing(&'static str),
    #[error(
        "{tool} {tool_major} cannot dump or restore a PostgreSQL {server_major} server: install \
         the client programs of version {server_major} or newer (Debian package \
         `postgresql-client-{server_major}`) and set postgres_bin_dir to their directory"
    )]
    TooOld {
        tool: &'static str,
        tool_major: u32,
        server_major: u32,
    },
    #[error("cannot read the version of {0}: {1}")]
    Version(PathBuf, String),
    #[error("the database address is not understood: {0}")]
    Url(String),
}

/// The program `name` (`pg_dump`, `pg_restore`): in the configured directory, else in the
/// newest Debian `/usr/lib/postgresql/<version>/bin` (the managed cluster's: both search
/// `db::cluster::bin_dir_candidates`), else on the `PATH`.
pub fn find(name: &'static str, configured: Option<&Path>) -> Result<PathBuf, ToolError> {
    if let Some(d) = configured {
        let p = d.join(name);
        return p.is_file().then_some(p).ok_or(ToolError::Missing(name));
    }
    crate::db::cluster::bin_dir_candidates()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or(ToolError::Missing(name))
}

/// The major version in a `--version` line: `pg_dump (PostgreSQL) 15.20 (Debian …)` → 15
/// (and `9.6.24` → 9).
pub fn major_of(version_line: &str) -> Option<u32> {
    let number = version_line
        .split_whitespace()
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))?;
    number
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// The major version of a program, from its `--version`.
pub async fn tool_major(program: &Path) -> Result<u32, ToolError> {
    let out = tokio::process::Command::new(program)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .map_err(|e| ToolError::Version(program.to_owned(), e.to_string()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    major_of(&text).ok_or_else(|| ToolError::Version(program.to_owned(), text.trim().to_owned()))
}

/// Checks that a client program of major version `tool_major` can work with a server of
/// `server_version_num` (`SHOW server_version_num`: 150020 → 15; 90624 → 9).
pub fn check_versions(
    tool: &'static str,
    tool_major: u32,
    server_version_num: i64,
) -> Result<(), ToolError> {
    let server_major = u32::try_from(server_version_num / 10_000).unwrap_or(u32::MAX);
    if tool_major < server_major {
        return Err(ToolError::TooOld {
            tool,
            tool_major,
            server_major,
        });
    }
    Ok(())
}

/// The libpq environment that reaches the database of `url` (a `postgres://` URL or a
/// `key=value` string, as the server accepts them), `PGDATABASE` included.
pub fn libpq_env(url: &str) -> Result<Vec<(&'static str, OsString)>, ToolError> {
    let cfg = tokio_postgres::Config::from_str(url).map_err(|e| ToolError::Url(e.to_string()))?;
    let mut env: Vec<(&'static str, OsString)> = Vec::new();
    let hosts: Vec<OsString> = cfg
        .get_hosts()
        .iter()
        .map(|h| match h {
            tokio_postgres::config::Host::Tcp(name) => OsString::from(name),
            tokio_postgres::config::Host::Unix(dir) => dir.as_os_str().to_owned(),
        })
        .collect();
    if !hosts.is_empty() {
        env.push(("PGHOST", join(&hosts)));
    }
    let addrs: Vec<OsString> = cfg
        .get_hostaddrs()
        .iter()
        .map(|a| a.to_string().into())
        .collect();
    if !addrs.is_empty() {
        env.push(("PGHOSTADDR", join(&addrs)));
    }
    let ports: Vec<OsString> = cfg
        .get_ports()
        .iter()
        .map(|p| p.to_string().into())
        .collect();
    if !ports.is_empty() {
        env.push(("PGPORT", join(&ports)));
    }
    let texts = [
        ("PGUSER", cfg.get_user()),
        ("PGDATABASE", cfg.get_dbname()),
        ("PGOPTIONS", cfg.get_options()),
        ("PGAPPNAME", cfg.get_application_name()),
    ];
    env.extend(texts.into_iter().filter_map(|(k, v)| Some((k, v?.into()))));
    if let Some(pw) = cfg.get_password() {
        use std::os::unix::ffi::OsStrExt;
        env.push(("PGPASSWORD", std::ffi::OsStr::from_bytes(pw).to_os_string()));
    }
    let ssl = match cfg.get_ssl_mode() {
        tokio_postgres::config::SslMode::Disable => Some("disable"),
        tokio_postgres::config::SslMode::Require => Some("require"),
        tokio_postgres::config::SslMode::Prefer => Some("prefer"),
        _ => None,
    };
    if let Some(s) = ssl {
        env.push(("PGSSLMODE", s.into()));
    }
    if let Some(t) = cfg.get_connect_timeout() {
        env.push(("PGCONNECT_TIMEOUT", t.as_secs().max(1).to_string().into()));
    }
    Ok(env)
}

fn join(parts: &[OsString]) -> OsString {
    let mut out = OsString::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(",");
        }
        out.push(p);
    }
    out
}

/// The database name in `url` (libpq's default, the user's name, when it names none).
pub fn dbname_of(url: &str) -> Result<String, ToolError> {
    let cfg = tokio_postgres::Config::from_str(url).map_err(|e| ToolError::Url(e.to_string()))?;
    cfg.get_dbname()
        .or(cfg.get_user())
        .map(str::to_owned)
        .ok_or_else(|| ToolError::Url("no database name".into()))
}

/// A `key=value` connection string naming only the database `name` (quoted, so that no
/// character of the name is read as another parameter): for `pg_restore --dbname`, which
/// needs the database on its command line; everything else comes from [`libpq_env`].
pub fn dbname_conninfo(name: &str) -> String {
    let quoted = name.replace('\\', "\\\\").replace('\'', "\\'");
    format!("dbname='{quoted}'")
}

/// A command for `program` with the connection of `url` in its environment; no password
/// prompt, and messages in English (they are logged).
pub fn command(program: &Path, url: &str) -> Result<tokio::process::Command, ToolError> {
    let mut cmd = tokio::process::Command::new(program);
    // A default timeout first: the URL's own, if it has one, replaces it.
    cmd.env("PGCONNECT_TIMEOUT", "30")
        .envs(libpq_env(url)?)
        .env("LC_MESSAGES", "C")
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true);
    Ok(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(url: &str) -> Vec<(String, String)> {
        libpq_env(url)
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_string_lossy().into_owned()))
            .collect()
    }

    fn get(env: &[(String, String)], k: &str) -> Option<String> {
        env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn a_url_becomes_the_libpq_environment_password_included() {
        let env = env_of("postgres://backup:s3cr%20t@db.example:5433/elkar?sslmode=require");
        assert_eq!(get(&env, "PGHOST").as_deref(), Some("db.example"));
        assert_eq!(get(&env, "PGPORT").as_deref(), Some("5433"));
        assert_eq!(get(&env, "PGUSER").as_deref(), Some("backup"));
        assert_eq!(get(&env, "PGPASSWORD").as_deref(), Some("s3cr t"));
        assert_eq!(get(&env, "PGDATABASE").as_deref(), Some("elkar"));
        assert_eq!(get(&env, "PGSSLMODE").as_deref(), Some("require"));
        assert_eq!(dbname_of("postgres://u@h/elkar").unwrap(), "elkar");
        assert_eq!(dbname_of("postgres://u@h").unwrap(), "u");
    }

    #[test]
    fn the_managed_clusters_socket_string_is_understood() {
        let env =
            env_of("host='/var/lib/elkar backup/postgres/run' user=postgres dbname=elkarbackup");
        assert_eq!(
            get(&env, "PGHOST").as_deref(),
            Some("/var/lib/elkar backup/postgres/run")
        );
        assert_eq!(get(&env, "PGUSER").as_deref(), Some("postgres"));
        assert_eq!(get(&env, "PGDATABASE").as_deref(), Some("elkarbackup"));
        assert_eq!(get(&env, "PGPASSWORD"), None);
        assert!(libpq_env("postgres://[").is_err());
    }

    #[test]
    fn versions_are_compared_by_major() {
        assert_eq!(
            major_of("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"),
            Some(15)
        );
        assert_eq!(major_of("pg_restore (PostgreSQL) 9.6.24"), Some(9));
        assert_eq!(major_of("pg_dump (PostgreSQL) 17beta1"), Some(17));
        assert_eq!(major_of("nothing here"), None);
        assert!(check_versions("pg_dump", 15, 150020).is_ok());
        assert!(check_versions("pg_dump", 16, 150020).is_ok());
        let e = check_versions("pg_dump", 13, 150020)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("pg_dump 13") && e.contains("PostgreSQL 15"),
            "{e}"
        );
        assert!(e.contains("postgresql-client-15"), "{e}");
    }

    #[test]
    fn the_database_name_is_quoted_for_the_command_line() {
        assert_eq!(dbname_conninfo("elkarbackup"), "dbname='elkarbackup'");
        assert_eq!(dbname_conninfo("a' host=evil"), "dbname='a\\' host=evil'");
    }
}
