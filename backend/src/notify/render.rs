//! The facts a run's notification carries (its outbox payload) and the message rendered
//! from them at send time: subject, plain text and HTML, in the recipient's language.
//! Pure: every text comes from Fluent, every value from the facts, and every value is
//! HTML-escaped in the HTML part (client and job names are chosen by their users).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shared::auth::Language;
use shared::common::RunResult;
use shared::notifications::NotificationEvent;
use shared::runs::{RunError, RunKind};

use crate::i18n::Translations;

/// What a finished run's notification tells (stored as the outbox row's payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunFacts {
    pub run_id: i64,
    pub kind: RunKind,
    pub result: RunResult,
    pub error_code: Option<RunError>,
    pub client: String,
    pub job: String,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: DateTime<Utc>,
    pub files: Option<i64>,
    pub bytes: Option<i64>,
    pub new_bytes: Option<i64>,
}

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// One line: control characters of names are replaced, so no header can be injected.
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Where and how a message is rendered: its language, the server's time zone, the
/// instance's address for links (may be empty) and the last lines of the run's log.
pub struct Context<'a> {
    pub t: &'a Translations,
    pub lang: Language,
    pub tz: chrono_tz::Tz,
    pub instance_url: &'a str,
    pub log_tail: &'a [String],
}

/// The rendered notification of a finished run.
pub fn run_message(ctx: &Context<'_>, event: NotificationEvent, f: &RunFacts) -> Rendered {
    let tr = |id: &str| ctx.t.text(ctx.lang, id, &[]);
    let result = tr(&format!("mail-event-{}", event.as_str().replace('_', "-")));
    let subject = one_line(&ctx.t.text(
        ctx.lang,
        "mail-subject",
        &[
            ("result", result.clone()),
            ("client", f.client.clone()),
            ("job", f.job.clone()),
        ],
    ));
    let kind = tr(&format!("mail-kind-{}", f.kind.as_str()));
    let intro = ctx.t.text(
        ctx.lang,
        "mail-intro",
        &[
            ("kind", kind),
            ("client", f.client.clone()),
            ("job", f.job.clone()),
            ("result", tr(&format!("result-{}", f.result.as_str()))),
        ],
    );
    let rows = fact_rows(ctx, f);
    let link = run_link(ctx.instance_url, f.run_id);
    let log_label = tr("mail-label-log");
    let log = if ctx.log_tail.is_empty() {
        tr("mail-no-log")
    } else {
        ctx.log_tail.join("\n")
    };
    let link_label = tr("mail-link");
    let mut text = format!("{intro}\n\n");
    for (label, value) in &rows {
        text.push_str(&format!("{label}: {value}\n"));
    }
    text.push_str(&format!("\n{log_label}:\n{log}\n"));
    if let Some(l) = &link {
        text.push_str(&format!("\n{link_label}: {l}\n"));
    }
    let html = html_body(
        ctx.lang,
        &subject,
        &intro,
        &rows,
        Some((&log_label, &log)),
        link.as_deref().map(|l| (link_label.as_str(), l)),
    );
    Rendered {
        subject,
        text,
        html,
    }
}

/// The labelled facts, in the order a reader looks for them.
fn fact_rows(ctx: &Context<'_>, f: &RunFacts) -> Vec<(String, String)> {
    let tr = |id: &str| ctx.t.text(ctx.lang, id, &[]);
    let mut rows = vec![(
        tr("mail-label-result"),
        tr(&format!("result-{}", f.result.as_str())),
    )];
    if let Some(code) = f.error_code {
        // The explanation the web app shows for this code (its `run-error-*` texts).
        let id = format!("run-error-{}", code.as_str().replace('_', "-"));
        rows.push((tr("run-error"), format!("{} ({code})", tr(&id))));
    }
    if let Some(start) = f.started_at {
        let local = start.with_timezone(&ctx.tz);
        rows.push((
            tr("mail-label-started"),
            local.format("%Y-%m-%d %H:%M:%S %Z").to_string(),
        ));
        let secs = (f.finished_at - start).num_seconds().max(0);
        rows.push((tr("mail-label-duration"), duration(secs)));
    }
    if let Some(n) = f.files {
        rows.push((tr("mail-label-files"), n.to_string()));
    }
    if let Some(b) = f.bytes {
        rows.push((tr("mail-label-bytes"), size(b)));
    }
    if let Some(b) = f.new_bytes {
        rows.push((tr("mail-label-new-bytes"), size(b)));
    }
    rows
}

/// A whole HTML message: its title, an introduction, labelled rows, an optional block of
/// preformatted text and an optional link; every value escaped.
pub(super) fn html_body(
    lang: Language,
    title: &str,
    intro: &str,
    rows: &[(String, String)],
    log: Option<(&str, &str)>,
    link: Option<(&str, &str)>,
) -> String {
    use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n<p>{}</p>\n<table>\n",
        lang.tag(),
        esc(title),
        esc(intro)
    );
    for (label, value) in rows {
        h.push_str(&format!(
            "<tr><th align=\"left\">{}</th><td>{}</td></tr>\n",
            esc(label),
            esc(value)
        ));
    }
    h.push_str("</table>\n");
    if let Some((label, lines)) = log {
        h.push_str(&format!(
            "<h3>{}</h3>\n<pre>{}</pre>\n",
            esc(label),
            esc(lines)
        ));
    }
    if let Some((label, url)) = link {
        h.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            attr(url),
            esc(label)
        ));
    }
    h.push_str("</body></html>\n");
    h
}

/// `<instance_url>/runs/<id>` when the instance's address is an http(s) URL.
fn run_link(instance_url: &str, run_id: i64) -> Option<String> {
    instance_link(instance_url, &format!("runs/{run_id}"))
}

/// `<instance_url>/<path>` when the instance's address is an http(s) URL (links in
/// e-mails and webhook bodies).
pub(super) fn instance_link(instance_url: &str, path: &str) -> Option<String> {
    let base = instance_url.trim().trim_end_matches('/');
    (base.starts_with("https://") || base.starts_with("http://")).then(|| format!("{base}/{path}"))
}

/// The text with every control character (CR, LF, tab…) replaced by a space.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `h:mm:ss`, the same in every language.
fn duration(secs: i64) -> String {
    format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Binary units with one decimal (`1.5 MiB`), bytes below 1 KiB.
fn size(bytes: i64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v.abs() >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// The test message of the settings page.
pub fn test_message(t: &Translations, lang: Language) -> Rendered {
    let subject = t.text(lang, "mail-test-subject", &[]);
    let body = t.text(lang, "mail-test-body", &[]);
    let html = html_body(lang, &subject, &body, &[], None, None);
    Rendered {
        subject,
        text: format!("{body}\n"),
        html,
    }
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
