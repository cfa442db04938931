//! `elkarbackup doctor` on the `[tls]` files: each problem made for real (a missing file,
//! garbage instead of PEM, an expired certificate, another certificate's key) and a
//! certificate about to expire.

use chrono::{TimeDelta, Utc};
use std::path::Path;

use crate::doctor::{certificate, doctor, line, report};

/// Each TLS problem: a missing file, garbage instead of PEM, an expired certificate, the
/// key of another certificate.
#[tokio::test]
async fn broken_tls_files() {
    let (url, _) = crate::helpers::fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = certificate(dir.path(), "good", -1, 365);
    let (expired, expired_key) = certificate(dir.path(), "old", -400, -35);
    let (_, other_key) = certificate(dir.path(), "other", -1, 365);
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "this is not a certificate\n").unwrap();
    let absent = dir.path().join("absent.pem");
    let d = |days: i64| {
        (Utc::now() + TimeDelta::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let cases: [(&Path, &Path, &str); 4] = [
        (&absent, &key, "Cannot read"),
        (&garbage, &key, "holds no PEM certificate"),
        (&expired, &expired_key, &format!("expired on {}", d(-35))),
        (&cert, &other_key, "does not belong to the certificate"),
    ];
    for (c_path, k_path, words) in cases {
        let mut c = doctor(&dir.path().join("data"), Some(&url));
        c.env("ELKARBACKUP_TLS_CERTIFICATE", c_path)
            .env("ELKARBACKUP_TLS_KEY", k_path);
        let (ok, text) = report(c).await;
        assert!(!ok, "{words}:\n{text}");
        let l = line(&text, "[problem]", "HTTPS:");
        assert!(l.contains(words), "{words}: {l}");
    }
    // A certificate expiring in a week is a warning only.
    let (soon, soon_key) = certificate(dir.path(), "soon", -80, 7);
    let mut c = doctor(&dir.path().join("data"), Some(&url));
    c.env("ELKARBACKUP_TLS_CERTIFICATE", &soon)
        .env("ELKARBACKUP_TLS_KEY", &soon_key);
    let (_, text) = report(c).await;
    assert!(line(&text, "[warning]", "HTTPS:").contains(&d(7)), "{text}");
}
