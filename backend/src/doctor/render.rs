//! The report as text in one language: a line per finding (`[status] subject: message`,
//! the status words padded to one width) and a summary.

use shared::Language;

use super::finding::{count, Finding, Status};
use crate::i18n::Translations;

/// The whole report, ending with a newline.
pub fn report(findings: &[Finding], lang: Language, t: &Translations) -> String {
    let word = |s: Status| format!("[{}]", t.text(lang, s.message_id(), &[]));
    let width = Status::ALL
        .iter()
        .map(|s| word(*s).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for f in findings {
        let (label, label_args) = f.check.label();
        let status = word(f.status);
        let pad = " ".repeat(width.saturating_sub(status.chars().count()) + 1);
        out.push_str(&format!(
            "{status}{pad}{}: {}\n",
            t.text(lang, label, &label_args),
            t.text(lang, f.key, &f.args)
        ));
    }
    let problems = count(findings, Status::Problem);
    let warnings = count(findings, Status::Warning);
    out.push('\n');
    for (id, n) in [
        ("doctor-summary-problems", problems),
        ("doctor-summary-warnings", warnings),
    ] {
        out.push_str(&t.text_count(lang, id, &[], ("n", n as i64)));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::finding::Check;

    fn sample() -> Vec<Finding> {
        vec![
            Finding::new(Check::Rsync, Status::Warning, "doctor-rsync-cves")
                .arg("program", "rsync")
                .arg("version", "3.2.7")
                .arg("minimum", "3.2.7")
                .arg("fixed", "3.4.0"),
            Finding::new(
                Check::Location("Default".into()),
                Status::Problem,
                "doctor-location-missing",
            )
            .arg("dir", "/srv/backups"),
            Finding::new(Check::Ssh, Status::Ok, "doctor-ssh-ok").arg("version", "OpenSSH_9.2p1"),
        ]
    }

    #[test]
    fn every_language_renders_every_line_and_the_summary() {
        let t = Translations::load().unwrap();
        let en = report(&sample(), Language::En, &t);
        let lines: Vec<&str> = en.lines().collect();
        assert!(lines[0].starts_with("[warning] rsync: "), "{en}");
        assert!(lines[0].contains("CVE-2024-12084"), "{en}");
        assert!(
            lines[1].starts_with("[problem] Location “Default”: "),
            "{en}"
        );
        assert!(lines[1].contains("/srv/backups"), "{en}");
        assert!(lines[2].starts_with("[ok]      ssh: "), "padded: {en}");
        assert!(en.contains("1 problem"), "{en}");
        assert!(en.contains("1 warning"), "{en}");
        for lang in [Language::Es, Language::Eu] {
            let text = report(&sample(), lang, &t);
            assert_ne!(text, en);
            assert!(
                !text.contains("doctor-"),
                "untranslated id in {lang:?}: {text}"
            );
            assert!(
                text.contains("/srv/backups") && text.contains("CVE-2024-12747"),
                "{text}"
            );
        }
        let es = report(&sample(), Language::Es, &t);
        assert!(es.contains("[problema]") && es.contains("[aviso]"), "{es}");
        let eu = report(&sample(), Language::Eu, &t);
        assert!(eu.contains("[arazoa]") && eu.contains("[abisua]"), "{eu}");
        let fine = report(&sample()[2..], Language::En, &t);
        assert!(
            fine.contains("No problems") && fine.contains("No warnings"),
            "{fine}"
        );
    }
}
