//! The `[tls]` files: both readable, the certificate chain and the key in PEM, the
//! certificate valid now and for more than [`RENEW_DAYS`] days (x509-cert reads its dates),
//! and the key the certificate's (rustls builds the server's configuration from them, as the
//! server does at start).

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use x509_cert::der::Decode;

use super::finding::{Check, Finding, Status};
use crate::config::TlsConfig;

/// A certificate expiring within this many days gets a warning.
pub const RENEW_DAYS: i64 = 14;

fn finding(status: Status, key: &'static str) -> Finding {
    Finding::new(Check::Tls, status, key)
}

/// What the two files held, or why they could not be read.
pub type Read = Result<Vec<u8>, String>;

/// The findings for the certificate file `cert_path` and key file `key_path` read as
/// `cert` and `key`, at `now`. Parsing and matching only: no I/O.
pub fn evaluate(
    (cert_path, cert): (&Path, &Read),
    (key_path, key): (&Path, &Read),
    now: DateTime<Utc>,
) -> Vec<Finding> {
    let path = |p: &Path| p.display().to_string();
    let mut out = Vec::new();
    for (p, read) in [(cert_path, cert), (key_path, key)] {
        if let Err(error) = read {
            out.push(
                finding(Status::Problem, "doctor-tls-unreadable")
                    .arg("path", path(p))
                    .arg("reason", error),
            );
        }
    }
    let (Ok(cert), Ok(key)) = (cert, key) else {
        return out;
    };
    let chain = match CertificateDer::pem_slice_iter(cert).collect::<Result<Vec<_>, _>>() {
        Ok(chain) if !chain.is_empty() => Some(chain),
        Ok(_) => {
            out.push(
                finding(Status::Problem, "doctor-tls-no-certificate").arg("path", path(cert_path)),
            );
            None
        }
        Err(e) => {
            out.push(
                finding(Status::Problem, "doctor-tls-bad-certificate")
                    .arg("path", path(cert_path))
                    .arg("reason", e),
            );
            None
        }
    };
    let private = match PrivateKeyDer::from_pem_slice(key) {
        Ok(k) => Some(k),
        Err(pem::Error::NoItemsFound) => {
            out.push(finding(Status::Problem, "doctor-tls-no-key").arg("path", path(key_path)));
            None
        }
        Err(e) => {
            out.push(
                finding(Status::Problem, "doctor-tls-bad-key")
                    .arg("path", path(key_path))
                    .arg("reason", e),
            );
            None
        }
    };
    let (Some(chain), Some(private)) = (chain, private) else {
        return out;
    };
    let validity = match validity(&chain[0], cert_path, now) {
        Ok(v) => v,
        Err(f) => {
            out.push(f);
            return out;
        }
    };
    out.extend(validity.finding.clone());
    if let Some(f) = key_mismatch(chain, private, cert_path, key_path) {
        out.push(f);
    }
    if out.is_empty() {
        out.push(
            finding(Status::Ok, "doctor-tls-ok")
                .arg("certificate", path(cert_path))
                .arg("key", path(key_path))
                .arg("subject", validity.subject)
                .arg("date", validity.not_after.format("%Y-%m-%d")),
        );
    }
    out
}

/// The end-entity certificate's subject and dates, and what they say at `now`.
struct Validity {
    subject: String,
    not_after: DateTime<Utc>,
    finding: Option<Finding>,
}

fn validity(
    cert: &CertificateDer<'_>,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<Validity, Finding> {
    let bad = |error: String| {
        finding(Status::Problem, "doctor-tls-bad-certificate")
            .arg("path", path.display())
            .arg("reason", error)
    };
    let parsed = x509_cert::Certificate::from_der(cert.as_ref()).map_err(|e| bad(e.to_string()))?;
    let tbs = &parsed.tbs_certificate;
    let date = |t: x509_cert::time::Time| {
        let secs = i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
        DateTime::<Utc>::from_timestamp(secs, 0)
            .ok_or_else(|| bad(format!("date {t} out of range")))
    };
    let (not_before, not_after) = (
        date(tbs.validity.not_before)?,
        date(tbs.validity.not_after)?,
    );
    let day = |d: DateTime<Utc>| d.format("%Y-%m-%d").to_string();
    let at = |status, key, d: DateTime<Utc>| {
        finding(status, key)
            .arg("path", path.display())
            .arg("date", day(d))
    };
    let left = not_after - now;
    let finding = if now < not_before {
        Some(at(Status::Problem, "doctor-tls-not-yet-valid", not_before))
    } else if left <= TimeDelta::zero() {
        Some(at(Status::Problem, "doctor-tls-expired", not_after))
    } else if left < TimeDelta::days(RENEW_DAYS) {
        Some(at(Status::Warning, "doctor-tls-expires-soon", not_after).arg("days", left.num_days()))
    } else {
        None
    };
    Ok(Validity {
        subject: tbs.subject.to_string(),
        not_after,
        finding,
    })
}

/// ring's provider, as the rest of the tree uses (no aws-lc). rustls 0.23.48 deprecates it
/// for lacking post-quantum key exchange; here only its key loading is used, to match the
/// key with the certificate exactly as the server's configuration does.
#[allow(deprecated)]
fn ring_provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Builds the server's rustls configuration from the chain and key as the server does:
/// `None` when it accepts them, else the finding (another certificate's key, or rustls's
/// reason).
fn key_mismatch(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
    cert_path: &Path,
    key_path: &Path,
) -> Option<Finding> {
    let built = rustls::ServerConfig::builder_with_provider(ring_provider())
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_no_client_auth().with_single_cert(chain, key));
    let mismatch = |e: &rustls::Error| {
        matches!(
            e,
            rustls::Error::InconsistentKeys(rustls::InconsistentKeys::KeyMismatch)
        )
    };
    match built {
        Ok(_) => None,
        Err(e) if mismatch(&e) => Some(
            finding(Status::Problem, "doctor-tls-key-mismatch")
                .arg("certificate", cert_path.display())
                .arg("key", key_path.display()),
        ),
        Err(e) => Some(
            finding(Status::Problem, "doctor-tls-rejected")
                .arg("certificate", cert_path.display())
                .arg("key", key_path.display())
                .arg("reason", e),
        ),
    }
}

/// Reads the configured files and evaluates them; a note when TLS is not configured.
pub fn check(tls: &TlsConfig, now: DateTime<Utc>) -> Vec<Finding> {
    let (Some(cert_path), Some(key_path)) = (&tls.certificate, &tls.key) else {
        return vec![finding(Status::Note, "doctor-tls-not-configured")];
    };
    let read = |p: &Path| std::fs::read(p).map_err(|e| e.to_string());
    evaluate(
        (cert_path, &read(cert_path)),
        (key_path, &read(key_path)),
        now,
    )
}

#[cfg(test)]
mod tests;
