//! Loading the configuration: defaults, file, environment, validation.

use super::*;
use std::collections::HashMap;

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

#[test]
fn defaults_then_file_then_env() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "listen = \"127.0.0.1:9000\"\nsession_minutes = 30\ndata_dir = \"/srv/eb\"\n",
    )
    .unwrap();
    let cfg = Config::load(
        Some(&path),
        env_of(&[
            ("ELKARBACKUP_LISTEN", "0.0.0.0:9100"),
            ("DATABASE_URL", "postgres://x/y"),
        ]),
    )
    .unwrap();
    assert_eq!(cfg.listen.to_string(), "0.0.0.0:9100");
    assert_eq!(cfg.session_minutes, 30);
    assert_eq!(cfg.data_dir, PathBuf::from("/srv/eb"));
    assert_eq!(cfg.database_url.as_deref(), Some("postgres://x/y"));
    assert_eq!(cfg.login_max_failures, 5);
}

#[test]
fn unknown_file_key_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, "lisen = \"127.0.0.1:9000\"\n").unwrap();
    let err = Config::load(Some(&path), env_of(&[])).unwrap_err();
    assert!(err.to_string().contains("unknown field"), "{err}");
}

#[test]
fn bad_env_value_is_an_error() {
    let err = Config::load(None, env_of(&[("ELKARBACKUP_LISTEN", "nowhere")])).unwrap_err();
    assert!(err.to_string().contains("ELKARBACKUP_LISTEN"), "{err}");
    let err = Config::load(None, env_of(&[("ELKARBACKUP_JWT_SECRET", "short")])).unwrap_err();
    assert!(err.to_string().contains("jwt_secret"), "{err}");
    let err = Config::load(None, env_of(&[("ELKARBACKUP_TIME_ZONE", "Mars/Olympus")])).unwrap_err();
    assert!(err.to_string().contains("time_zone"), "{err}");
}

#[test]
fn scheduler_settings_from_env() {
    let cfg = Config::load(
        None,
        env_of(&[
            ("ELKARBACKUP_TIME_ZONE", "Europe/Madrid"),
            ("ELKARBACKUP_CATCH_UP", "false"),
            ("ELKARBACKUP_LEASE_SECONDS", "5"),
        ]),
    )
    .unwrap();
    assert_eq!(cfg.tz(), chrono_tz::Europe::Madrid);
    assert!(!cfg.catch_up);
    assert_eq!(cfg.lease_seconds, 5);
    assert!(cfg.dispatcher && cfg.scheduler);
}

#[test]
fn replication_section_then_env() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "[replication]\nssh_host = \"backup1.example.org\"\nssh_port = 2222\nrrsync = \"/usr/local/bin/rrsync\"\n",
    )
    .unwrap();
    let cfg = Config::load(
        Some(&path),
        env_of(&[("ELKARBACKUP_REPLICATION_SSH_USER", "elkarbackup")]),
    )
    .unwrap();
    let r = &cfg.replication;
    assert_eq!(r.ssh_host.as_deref(), Some("backup1.example.org"));
    assert_eq!(r.ssh_port, 2222);
    assert_eq!(r.ssh_user.as_deref(), Some("elkarbackup"));
    assert_eq!(r.rrsync, PathBuf::from("/usr/local/bin/rrsync"));
    let err = Config::load(
        None,
        env_of(&[("ELKARBACKUP_REPLICATION_RRSYNC", "/bin/rrsync; id")]),
    )
    .unwrap_err();
    assert!(err.to_string().contains("replication.rrsync"), "{err}");
}

#[test]
fn tls_prefix_and_catalog_from_file_and_env() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "url_prefix = \"/elkarbackup/\"\n[tls]\ncertificate = \"/etc/eb/cert.pem\"\nkey = \"/etc/eb/key.pem\"\n[catalog]\nkeep = 3\n",
    )
    .unwrap();
    let cfg = Config::load(
        Some(&path),
        env_of(&[("ELKARBACKUP_CATALOG_BACKUP", "false")]),
    )
    .unwrap();
    assert_eq!(cfg.url_prefix, "/elkarbackup");
    assert!(cfg.tls.enabled());
    assert!(
        cfg.cookies_secure(),
        "HTTPS makes the session cookie Secure"
    );
    assert_eq!(cfg.catalog.keep, 3);
    assert!(!cfg.catalog.backup);
    let err = Config::load(None, env_of(&[("ELKARBACKUP_URL_PREFIX", "/a b")])).unwrap_err();
    assert!(err.to_string().contains("url_prefix"), "{err}");
    let err = Config::load(None, env_of(&[("ELKARBACKUP_TLS_KEY", "/k.pem")])).unwrap_err();
    assert!(err.to_string().contains("tls.certificate"), "{err}");
    let err = Config::load(None, env_of(&[("ELKARBACKUP_CATALOG_KEEP", "0")])).unwrap_err();
    assert!(err.to_string().contains("catalog.keep"), "{err}");
}
