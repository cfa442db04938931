//! How the server is reached and keeps itself: built-in HTTPS (`[tls]`), the path prefix it
//! is served under (`url_prefix`), and the nightly dumps of its own catalog (`[catalog]`).

use std::path::PathBuf;

use serde::Deserialize;

use super::ConfigError;

/// Built-in HTTPS (rustls): both files, or neither for plain HTTP (e.g. behind a proxy).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsConfig {
    /// Certificate chain, PEM (the server's certificate first).
    pub certificate: Option<PathBuf>,
    /// Private key, PEM (PKCS#8, PKCS#1 or SEC1).
    pub key: Option<PathBuf>,
}

impl TlsConfig {
    /// Whether HTTPS is configured.
    pub fn enabled(&self) -> bool {
        self.certificate.is_some() && self.key.is_some()
    }
}

/// The dumps of the server's own database written into each active location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogConfig {
    /// Write a dump every night and after migrations (default true).
    pub backup: bool,
    /// Dumps kept per location (default 7).
    pub keep: u32,
}

impl Default for CatalogConfig {
    fn default() -> Self {
        CatalogConfig {
            backup: true,
            keep: 7,
        }
    }
}

/// The `[tls]` section in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileTls {
    certificate: Option<PathBuf>,
    key: Option<PathBuf>,
}

/// The `[catalog]` section in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileCatalog {
    backup: Option<bool>,
    keep: Option<u32>,
}

impl TlsConfig {
    pub(super) fn apply_file(&mut self, f: FileTls) {
        self.certificate = f.certificate.or(self.certificate.take());
        self.key = f.key.or(self.key.take());
    }

    pub(super) fn apply_env(&mut self, env: &impl Fn(&str) -> Option<String>) {
        if let Some(v) = env("ELKARBACKUP_TLS_CERTIFICATE") {
            self.certificate = (!v.is_empty()).then(|| PathBuf::from(v));
        }
        if let Some(v) = env("ELKARBACKUP_TLS_KEY") {
            self.key = (!v.is_empty()).then(|| PathBuf::from(v));
        }
    }

    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if self.certificate.is_some() != self.key.is_some() {
            return Err(ConfigError::Invalid(
                "tls.certificate and tls.key must be given together".into(),
            ));
        }
        Ok(())
    }
}

impl CatalogConfig {
    pub(super) fn apply_file(&mut self, f: FileCatalog) {
        self.backup = f.backup.unwrap_or(self.backup);
        self.keep = f.keep.unwrap_or(self.keep);
    }

    pub(super) fn apply_env(
        &mut self,
        env: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        fn parse<T: std::str::FromStr>(name: &str, v: String) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            v.parse().map_err(|e: T::Err| ConfigError::Env {
                name: name.into(),
                reason: e.to_string(),
                value: v,
            })
        }
        if let Some(v) = env("ELKARBACKUP_CATALOG_BACKUP") {
            self.backup = parse("ELKARBACKUP_CATALOG_BACKUP", v)?;
        }
        if let Some(v) = env("ELKARBACKUP_CATALOG_KEEP") {
            self.keep = parse("ELKARBACKUP_CATALOG_KEEP", v)?;
        }
        Ok(())
    }

    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if self.keep < 1 {
            return Err(ConfigError::Invalid(
                "catalog.keep must be at least 1".into(),
            ));
        }
        Ok(())
    }
}

/// A path prefix is empty (served at the root) or `/segment[/segment…]` of plain URL
/// characters, without a trailing slash: it goes into links, cookies and `<base href>`.
pub fn valid_url_prefix(prefix: &str) -> bool {
    prefix.is_empty()
        || (prefix.starts_with('/')
            && prefix[1..].split('/').all(|seg| {
                !seg.is_empty()
                    && seg != "."
                    && seg != ".."
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
            }))
}

/// `url_prefix` as users write it (`elkarbackup`, `/elkarbackup/`, `/`) in its one form
/// (`/elkarbackup`, or empty for the root).
pub fn normalize_url_prefix(raw: &str) -> String {
    let trimmed = raw.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_normalized_then_checked() {
        assert_eq!(normalize_url_prefix("/elkarbackup/"), "/elkarbackup");
        assert_eq!(normalize_url_prefix("elkarbackup"), "/elkarbackup");
        assert_eq!(normalize_url_prefix("/"), "");
        assert_eq!(normalize_url_prefix(""), "");
        assert!(valid_url_prefix(""));
        assert!(valid_url_prefix("/elkarbackup"));
        assert!(valid_url_prefix("/it/backup-1"));
        for bad in ["/a b", "/a//b", "/..", "/a\"b", "/<x>", "/a?b", "/é"] {
            assert!(!valid_url_prefix(bad), "{bad}");
        }
    }

    #[test]
    fn tls_needs_both_files() {
        let mut t = TlsConfig::default();
        assert!(t.validate().is_ok());
        assert!(!t.enabled());
        t.certificate = Some("/c.pem".into());
        assert!(t.validate().is_err());
        t.key = Some("/k.pem".into());
        assert!(t.validate().is_ok());
        assert!(t.enabled());
    }
}
