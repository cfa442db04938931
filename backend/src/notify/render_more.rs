//! The messages about late jobs and the daily digest, rendered at send time in the
//! recipient's language (see [`super::render`] for runs). Pure; every client-controlled
//! value is escaped in the HTML part and kept on one line in the subject.

use shared::notifications::NotificationEvent;

use super::digest::DigestFacts;
use super::late::LateFacts;
use super::render::{html_body, instance_link, one_line, Context, Rendered};
use crate::db::digest::DigestRun;

fn time(ctx: &Context<'_>, t: &chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&ctx.tz)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

fn job_link(ctx: &Context<'_>, job_id: i64) -> Option<String> {
    instance_link(ctx.instance_url, &format!("jobs/{job_id}"))
}

/// A job went late (`JobLate`) or has a backup again (`JobOnTime`).
pub fn late_message(ctx: &Context<'_>, event: NotificationEvent, f: &LateFacts) -> Rendered {
    let late = event == NotificationEvent::JobLate;
    let names = [("client", f.client.clone()), ("job", f.job.clone())];
    let tr = |id: &str, args: &[(&str, String)]| ctx.t.text(ctx.lang, id, args);
    let subject = one_line(&tr(
        if late {
            "mail-late-subject"
        } else {
            "mail-on-time-subject"
        },
        &names,
    ));
    let intro = tr(
        if late {
            "mail-late-intro"
        } else {
            "mail-on-time-intro"
        },
        &[
            names[0].clone(),
            names[1].clone(),
            ("hours", f.grace_hours.to_string()),
        ],
    );
    let rows = vec![(tr("mail-label-late-since", &[]), time(ctx, &f.late_since))];
    let link = job_link(ctx, f.job_id);
    let link_label = tr("mail-link-job", &[]);
    let mut text = format!("{intro}\n\n{}: {}\n", rows[0].0, rows[0].1);
    if let Some(l) = &link {
        text.push_str(&format!("\n{link_label}: {l}\n"));
    }
    let html = html_body(
        ctx.lang,
        &subject,
        &intro,
        &rows,
        None,
        link.as_deref().map(|l| (link_label.as_str(), l)),
    );
    Rendered {
        subject,
        text,
        html,
    }
}

/// The daily digest: one line per failed or warned backup and per late job.
pub fn digest_message(ctx: &Context<'_>, f: &DigestFacts) -> Rendered {
    let tr = |id: &str, args: &[(&str, String)]| ctx.t.text(ctx.lang, id, args);
    let problems = f.failures.len() + f.warnings.len() + f.late.len();
    let subject = one_line(&ctx.t.text_count(
        ctx.lang,
        "mail-digest-subject",
        &[("day", f.day.clone())],
        ("problems", i64::try_from(problems).unwrap_or(i64::MAX)),
    ));
    let intro = if problems == 0 {
        tr("mail-digest-all-well", &[])
    } else {
        tr("mail-digest-intro", &[])
    };
    let run_line = |r: &DigestRun| {
        let code = r.error_code.clone().unwrap_or_default();
        let when = r.finished_at.map(|t| time(ctx, &t)).unwrap_or_default();
        format!("{} / {} — {when} {code}", r.client, r.job)
            .trim_end()
            .to_owned()
    };
    let mut rows: Vec<(String, String)> = Vec::new();
    for r in &f.failures {
        rows.push((tr("mail-digest-failed", &[]), run_line(r)));
    }
    for r in &f.warnings {
        rows.push((tr("mail-digest-warning", &[]), run_line(r)));
    }
    for l in &f.late {
        let since = l.late_since.map(|t| time(ctx, &t)).unwrap_or_default();
        rows.push((
            tr("mail-digest-late", &[]),
            format!("{} / {} — {since}", l.client, l.job),
        ));
    }
    let mut text = format!("{intro}\n\n");
    for (label, value) in &rows {
        text.push_str(&format!("{label}: {value}\n"));
    }
    let html = html_body(ctx.lang, &subject, &intro, &rows, None, None);
    Rendered {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
#[path = "render_more_tests.rs"]
mod tests;
