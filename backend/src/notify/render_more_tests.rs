//! Late and digest messages in the three languages, with hostile names.

use chrono::{DateTime, Utc};
use shared::auth::Language;
use shared::common::RunResult;
use shared::notifications::NotificationEvent;

use super::*;
use crate::db::digest::{DigestLate, DigestRun};

fn ctx(lang: Language) -> Context<'static> {
    Context {
        t: crate::i18n::translations(),
        lang,
        tz: chrono_tz::Europe::Madrid,
        instance_url: "https://backup.example.org/",
        log_tail: &[],
    }
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

const HOSTILE: &str = "<script>alert(1)</script>\r\nBcc: x@y";

fn late() -> LateFacts {
    LateFacts {
        job_id: 7,
        client: HOSTILE.into(),
        job: "home".into(),
        late_since: at("2026-12-06T09:00:00Z"),
        grace_hours: 24,
    }
}

#[test]
fn late_messages_in_each_language_keep_names_as_text() {
    let mut subjects = Vec::new();
    for lang in Language::ALL {
        let m = late_message(&ctx(lang), NotificationEvent::JobLate, &late());
        assert!(m.subject.starts_with("[ElkarBackup]"), "{}", m.subject);
        assert!(!m.subject.contains('\n') && !m.subject.contains('\r'));
        assert!(m.subject.contains("home"));
        assert!(!m.html.contains("<script>"), "{}", m.html);
        assert!(m.html.contains("&lt;script&gt;"));
        assert!(m.text.contains("2026-12-06 10:00 CET"), "{}", m.text);
        assert!(m.text.contains("https://backup.example.org/jobs/7"));
        subjects.push(m.subject);
    }
    subjects.dedup();
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    let back = late_message(&ctx(Language::En), NotificationEvent::JobOnTime, &late());
    let went = late_message(&ctx(Language::En), NotificationEvent::JobLate, &late());
    assert_ne!(back.subject, went.subject);
}

#[test]
fn the_digest_lists_each_problem_or_says_all_is_well() {
    let run = |id, result, code: &str| DigestRun {
        run_id: id,
        job_id: 1,
        job: "etc".into(),
        client: "pc1".into(),
        result: Some(result),
        error_code: Some(code.into()),
        finished_at: Some(at("2026-12-06T06:00:00Z")),
    };
    let f = DigestFacts {
        day: "2026-12-06".into(),
        failures: vec![run(1, RunResult::Failed, "unreachable")],
        warnings: vec![run(2, RunResult::Warning, "rsync_vanished_files")],
        late: vec![DigestLate {
            job_id: 3,
            job: "srv".into(),
            client: HOSTILE.into(),
            late_since: Some(at("2026-12-05T06:00:00Z")),
        }],
    };
    let quiet_en = digest_message(
        &ctx(Language::En),
        &DigestFacts {
            failures: vec![],
            warnings: vec![],
            late: vec![],
            ..f.clone()
        },
    );
    assert!(
        quiet_en.subject.ends_with("all well"),
        "{}",
        quiet_en.subject
    );
    let one = DigestFacts {
        warnings: vec![],
        late: vec![],
        ..f.clone()
    };
    let one_en = digest_message(&ctx(Language::En), &one);
    assert!(
        one_en.subject.ends_with(": 1 problem"),
        "{}",
        one_en.subject
    );
    for lang in Language::ALL {
        let m = digest_message(&ctx(lang), &f);
        assert!(
            m.subject.contains("2026-12-06") && m.subject.contains('3'),
            "{}",
            m.subject
        );
        assert!(m.text.contains("pc1 / etc") && m.text.contains("unreachable"));
        assert!(m.text.contains("rsync_vanished_files"));
        assert!(!m.html.contains("<script>"));
        let empty = DigestFacts {
            failures: vec![],
            warnings: vec![],
            late: vec![],
            ..f.clone()
        };
        let quiet = digest_message(&ctx(lang), &empty);
        assert_ne!(quiet.text, m.text);
        assert!(!quiet.subject.contains('0') || quiet.subject.contains("2026-12-06"));
        assert_ne!(quiet.subject, m.subject);
    }
}
