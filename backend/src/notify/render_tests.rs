//! Rendering in the three languages, with hostile names.

use super::*;
use chrono::TimeZone;

fn facts(client: &str, job: &str) -> RunFacts {
    let start = Utc.with_ymd_and_hms(2026, 12, 6, 20, 0, 0).unwrap();
    RunFacts {
        run_id: 42,
        kind: RunKind::Backup,
        result: RunResult::Failed,
        error_code: Some(RunError::LocationFull),
        client: client.into(),
        job: job.into(),
        started_at: Some(start),
        finished_at: start + chrono::Duration::seconds(3723),
        files: Some(1200),
        bytes: Some(3 * 1024 * 1024 / 2),
        new_bytes: Some(512),
    }
}

fn render(lang: Language, f: &RunFacts, url: &str, log: &[String]) -> Rendered {
    let t = Translations::load().unwrap();
    let ctx = Context {
        t: &t,
        lang,
        tz: chrono_tz::Europe::Madrid,
        instance_url: url,
        log_tail: log,
    };
    run_message(&ctx, NotificationEvent::RunFailed, f)
}

#[test]
fn each_language_has_its_subject_and_facts() {
    let f = facts("pc1", "home");
    let log = vec!["line one".to_owned(), "line two".to_owned()];
    let cases = [
        (Language::En, "[ElkarBackup] Failed: pc1 / home"),
        (Language::Es, "[ElkarBackup] Fallo: pc1 / home"),
        (Language::Eu, "[ElkarBackup] Huts egin du: pc1 / home"),
    ];
    for (lang, subject) in cases {
        let m = render(lang, &f, "https://backup.example.org/", &log);
        assert_eq!(m.subject, subject);
        for part in [&m.text, &m.html] {
            assert!(part.contains("2026-12-06 21:00:00 CET"), "{lang:?}: {part}");
            assert!(part.contains("1:02:03"), "{part}");
            assert!(part.contains("1200") && part.contains("1.5 MiB") && part.contains("512 B"));
            assert!(part.contains("line one") && part.contains("line two"));
            assert!(
                part.contains("https://backup.example.org/runs/42"),
                "{part}"
            );
            assert!(part.contains("(location_full)"), "{part}");
            assert!(
                !part.contains("mail-") && !part.contains("run-error-"),
                "{part}"
            );
        }
    }
    let en = render(Language::En, &f, "", &[]);
    assert!(
        en.text.contains("The backup location is full."),
        "{}",
        en.text
    );
    assert!(en.text.contains("The run wrote no log."));
    assert!(
        !en.text.contains("/runs/42"),
        "no link without instance_url"
    );
    let es = render(Language::Es, &f, "", &[]);
    assert!(es.text.contains("«home» del cliente «pc1»"), "{}", es.text);
    let eu = render(Language::Eu, &f, "", &[]);
    assert!(
        eu.text.contains("“pc1” bezeroaren “home” lana"),
        "{}",
        eu.text
    );
    assert_ne!(es.text, en.text);
    assert_ne!(eu.text, en.text);
}

#[test]
fn hostile_names_stay_text() {
    let f = facts("<script>alert(1)</script>", "a\r\nBcc: x@y");
    let log = vec!["<img src=x onerror=alert(2)>".to_owned()];
    for lang in Language::ALL {
        let m = render(lang, &f, "https://b.example/\"><script>", &log);
        assert!(!m.subject.contains('\r') && !m.subject.contains('\n'));
        assert!(m.subject.contains("<script>alert(1)</script>"));
        assert!(m.subject.contains("a  Bcc: x@y"));
        assert!(
            !m.html.contains("<script>") && !m.html.contains("<img"),
            "{}",
            m.html
        );
        assert!(
            m.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            m.html
        );
        assert!(m.html.contains("&lt;img src=x onerror=alert(2)&gt;"));
        // The text part is not HTML: names as they are.
        assert!(m.text.contains("<script>alert(1)</script>"));
    }
}

#[test]
fn every_run_error_and_event_has_its_text() {
    let t = Translations::load().unwrap();
    for lang in Language::ALL {
        for code in RunError::ALL {
            let id = format!("run-error-{}", code.as_str().replace('_', "-"));
            let text = t.text(lang, &id, &[]);
            assert!(
                text != id && !text.contains("No localization"),
                "{id} in {lang:?}"
            );
        }
        for e in [
            NotificationEvent::RunFailed,
            NotificationEvent::RunWarning,
            NotificationEvent::RunOk,
            NotificationEvent::RunRecovered,
        ] {
            let id = format!("mail-event-{}", e.as_str().replace('_', "-"));
            assert_ne!(t.text(lang, &id, &[]), id);
        }
        let m = test_message(&t, lang);
        assert!(m.subject.starts_with("[ElkarBackup] ") && !m.text.contains("mail-"));
    }
}

#[test]
fn sizes_and_durations() {
    assert_eq!(size(0), "0 B");
    assert_eq!(size(1023), "1023 B");
    assert_eq!(size(1024), "1.0 KiB");
    assert_eq!(size(5 * 1024 * 1024 * 1024), "5.0 GiB");
    assert_eq!(duration(59), "0:00:59");
    assert_eq!(duration(86_400 + 61), "24:01:01");
    assert_eq!(
        run_link("http://h:8080", 3).as_deref(),
        Some("http://h:8080/runs/3")
    );
    assert_eq!(run_link("javascript:alert(1)", 3), None);
}
