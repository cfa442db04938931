use std::path::Path;

use chrono::{Datelike, TimeDelta, Utc};

use super::*;

/// A self-signed certificate valid from `from` to `to` days from today, and its key.
fn cert(from: i64, to: i64) -> (Vec<u8>, Vec<u8>) {
    let ymd = |days: i64| {
        let d = Utc::now() + TimeDelta::days(days);
        rcgen::date_time_ymd(d.year(), d.month() as u8, d.day() as u8)
    };
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["backup.example".to_owned()]).unwrap();
    params.not_before = ymd(from);
    params.not_after = ymd(to);
    let c = params.self_signed(&key).unwrap();
    (c.pem().into_bytes(), key.serialize_pem().into_bytes())
}

fn run(cert: &[u8], key: &[u8]) -> Vec<(Status, &'static str)> {
    evaluate(
        (Path::new("/etc/c.pem"), &Ok(cert.to_vec())),
        (Path::new("/etc/k.pem"), &Ok(key.to_vec())),
        Utc::now(),
    )
    .into_iter()
    .map(|f| (f.status, f.key))
    .collect()
}

#[test]
fn a_valid_certificate_and_its_key_pass() {
    let (c, k) = cert(-1, 90);
    let f = evaluate(
        (Path::new("/etc/c.pem"), &Ok(c)),
        (Path::new("/etc/k.pem"), &Ok(k)),
        Utc::now(),
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].status, f[0].key), (Status::Ok, "doctor-tls-ok"));
    assert!(
        f[0].get("subject").is_some_and(|s| s.contains("CN=")),
        "{f:?}"
    );
    let expected = (Utc::now() + TimeDelta::days(90))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(f[0].get("date"), Some(expected.as_str()));
}

#[test]
fn dates_expired_soon_and_not_yet() {
    let (c, k) = cert(-30, -1);
    assert_eq!(run(&c, &k), [(Status::Problem, "doctor-tls-expired")]);
    let (c, k) = cert(-30, 5);
    let f = evaluate(
        (Path::new("/c"), &Ok(c)),
        (Path::new("/k"), &Ok(k)),
        Utc::now(),
    );
    assert_eq!(
        (f[0].status, f[0].key),
        (Status::Warning, "doctor-tls-expires-soon")
    );
    let days: i64 = f[0].get("days").unwrap().parse().unwrap();
    assert!((4..=5).contains(&days), "{days}");
    assert_eq!(f.len(), 1, "no other finding: {f:?}");
    let (c, k) = cert(-1, RENEW_DAYS + 2);
    assert_eq!(run(&c, &k), [(Status::Ok, "doctor-tls-ok")]);
    let (c, k) = cert(3, 90);
    assert_eq!(run(&c, &k), [(Status::Problem, "doctor-tls-not-yet-valid")]);
}

#[test]
fn the_key_of_another_certificate_is_refused() {
    let (c, _) = cert(-1, 90);
    let (_, other) = cert(-1, 90);
    assert_eq!(
        run(&c, &other),
        [(Status::Problem, "doctor-tls-key-mismatch")]
    );
    // Both wrong at once: both are said.
    let (old, _) = cert(-30, -1);
    assert_eq!(
        run(&old, &other),
        [
            (Status::Problem, "doctor-tls-expired"),
            (Status::Problem, "doctor-tls-key-mismatch")
        ]
    );
}

#[test]
fn garbage_truncated_and_unreadable_files() {
    let (c, k) = cert(-1, 90);
    assert_eq!(
        run(b"hello, I am not PEM\n", &k),
        [(Status::Problem, "doctor-tls-no-certificate")]
    );
    assert_eq!(
        run(&c, b"garbage"),
        [(Status::Problem, "doctor-tls-no-key")]
    );
    // A key file holding only the certificate has no key either.
    assert_eq!(run(&c, &c), [(Status::Problem, "doctor-tls-no-key")]);
    let truncated = &c[..c.len() / 2];
    assert_eq!(
        run(truncated, &k),
        [(Status::Problem, "doctor-tls-bad-certificate")]
    );
    let bad_der = b"-----BEGIN CERTIFICATE-----\nAAECAwQ=\n-----END CERTIFICATE-----\n";
    assert_eq!(
        run(bad_der, &k),
        [(Status::Problem, "doctor-tls-bad-certificate")]
    );
    let f = evaluate(
        (
            Path::new("/nope/c.pem"),
            &Err("No such file or directory".into()),
        ),
        (Path::new("/etc/k.pem"), &Ok(k)),
        Utc::now(),
    );
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].key, f[0].get("path")),
        ("doctor-tls-unreadable", Some("/nope/c.pem"))
    );
    assert_eq!(
        check(&TlsConfig::default(), Utc::now())[0].key,
        "doctor-tls-not-configured"
    );
}
