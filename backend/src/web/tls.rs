//! Built-in HTTPS: the rustls server configuration made from the PEM files of `[tls]`, with
//! errors that name the file at fault and the fix, in the language of the environment.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use crate::config::TlsConfig;
use crate::i18n::{environment_language, translations};

/// Why the `[tls]` files cannot serve HTTPS. The message is localised and complete.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A file is missing or unreadable.
    #[error("{message}")]
    Unreadable { path: PathBuf, message: String },
    /// A file holds no PEM block of the expected kind, or a broken one.
    #[error("{message}")]
    NotPem { path: PathBuf, message: String },
    /// rustls refused the pair (the key is not the certificate's, an unsupported key).
    #[error("{message}")]
    Rejected { message: String },
}

/// The certificate chain and key named by `tls`, checked by rustls, as a server
/// configuration (HTTP/2 and HTTP/1.1 are offered by actix through ALPN). `None` when
/// `[tls]` is not configured.
pub fn server_config(tls: &TlsConfig) -> Result<Option<ServerConfig>, TlsError> {
    let (Some(cert_path), Some(key_path)) = (&tls.certificate, &tls.key) else {
        return Ok(None);
    };
    let chain = certificates(cert_path)?;
    let key = private_key(key_path)?;
    let rejected = |reason: String| TlsError::Rejected {
        message: text(
            "cli-tls-rejected",
            &[
                ("certificate", cert_path.display().to_string()),
                ("key", key_path.display().to_string()),
                ("reason", reason),
            ],
        ),
    };
    let config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| rejected(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| rejected(e.to_string()))?;
    Ok(Some(config))
}

/// The crypto of the server's TLS: ring, explicitly (no process-wide default is installed).
/// rustls 0.23.48 deprecates its ring provider because ring lacks the post-quantum key
/// exchange (connections use X25519, as before); ring is the crypto the build already has
/// (reqwest and lettre use it), where aws-lc-rs would add a second, C-built library.
#[allow(deprecated, reason = "ring on purpose, see above")]
pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The certificates of a PEM file, the server's first.
pub fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let pem = read(path, "cli-tls-certificate-unreadable")?;
    let chain = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| not_pem(path, "cli-tls-certificate-not-pem", e.to_string()))?;
    if chain.is_empty() {
        return Err(not_pem(
            path,
            "cli-tls-certificate-not-pem",
            rustls_pki_types::pem::Error::NoItemsFound.to_string(),
        ));
    }
    Ok(chain)
}

/// The private key of a PEM file (PKCS#8, PKCS#1 or SEC1, unencrypted).
pub fn private_key(path: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let pem = read(path, "cli-tls-key-unreadable")?;
    PrivateKeyDer::from_pem_slice(&pem)
        .map_err(|e| not_pem(path, "cli-tls-key-not-pem", e.to_string()))
}

fn read(path: &Path, message_id: &str) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|e| TlsError::Unreadable {
        path: path.to_owned(),
        message: text(
            message_id,
            &[
                ("path", path.display().to_string()),
                ("reason", e.to_string()),
            ],
        ),
    })
}

fn not_pem(path: &Path, message_id: &str, reason: String) -> TlsError {
    TlsError::NotPem {
        path: path.to_owned(),
        message: text(
            message_id,
            &[("path", path.display().to_string()), ("reason", reason)],
        ),
    }
}

fn text(id: &str, args: &[(&str, String)]) -> String {
    translations().text(environment_language(), id, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(dir: &Path) -> (PathBuf, PathBuf) {
        let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let (c, k) = (dir.join("cert.pem"), dir.join("key.pem"));
        std::fs::write(&c, cert.cert.pem()).unwrap();
        std::fs::write(&k, cert.signing_key.serialize_pem()).unwrap();
        (c, k)
    }

    fn tls(c: &Path, k: &Path) -> TlsConfig {
        TlsConfig {
            certificate: Some(c.to_owned()),
            key: Some(k.to_owned()),
        }
    }

    #[test]
    fn a_matching_pair_makes_a_config_and_no_section_makes_none() {
        let dir = tempfile::tempdir().unwrap();
        let (c, k) = pair(dir.path());
        assert!(server_config(&tls(&c, &k)).unwrap().is_some());
        assert!(server_config(&TlsConfig::default()).unwrap().is_none());
    }

    #[test]
    fn each_fault_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let (c, k) = pair(dir.path());
        let missing = dir.path().join("nope.pem");
        let err = server_config(&tls(&missing, &k)).unwrap_err();
        assert!(matches!(err, TlsError::Unreadable { .. }), "{err:?}");
        assert!(err.to_string().contains("nope.pem"), "{err}");
        assert!(err.to_string().contains("certificate"), "{err}");

        let garbage = dir.path().join("garbage.pem");
        std::fs::write(&garbage, "not a certificate\n").unwrap();
        let err = server_config(&tls(&garbage, &k)).unwrap_err();
        assert!(matches!(err, TlsError::NotPem { .. }), "{err:?}");
        assert!(err.to_string().contains("garbage.pem"), "{err}");
        // A certificate where the key belongs is no key either.
        let err = server_config(&tls(&c, &c)).unwrap_err();
        assert!(
            matches!(err, TlsError::NotPem { ref path, .. } if path == &c),
            "{err:?}"
        );

        // Another certificate's key: rustls compares the public keys.
        let other = tempfile::tempdir().unwrap();
        let (_, other_key) = pair(other.path());
        let err = server_config(&tls(&c, &other_key)).unwrap_err();
        assert!(matches!(err, TlsError::Rejected { .. }), "{err:?}");
        assert!(err.to_string().contains("cert.pem"), "{err}");
    }
}
