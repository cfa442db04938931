//! One row of the notification history, and the names of statuses, channels and events.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::notifications::{Channel, Notification, NotificationEvent, NotificationStatus};

use crate::i18n::{self, LOADER};

/// The localised name of a delivery status.
pub fn status_text(s: NotificationStatus) -> String {
    match s {
        NotificationStatus::Pending => fl!(LOADER, "notification-status-pending"),
        NotificationStatus::Sending => fl!(LOADER, "notification-status-sending"),
        NotificationStatus::Sent => fl!(LOADER, "notification-status-sent"),
        NotificationStatus::Failed => fl!(LOADER, "notification-status-failed"),
    }
}

/// The localised name of a channel.
pub fn channel_text(c: Channel) -> String {
    match c {
        Channel::Email => fl!(LOADER, "notification-channel-email"),
        Channel::Webhook => fl!(LOADER, "notification-channel-webhook"),
    }
}

/// What a notification told, localised.
pub fn event_text(e: NotificationEvent) -> String {
    match e {
        NotificationEvent::RunFailed => fl!(LOADER, "notification-event-run-failed"),
        NotificationEvent::RunWarning => fl!(LOADER, "notification-event-run-warning"),
        NotificationEvent::RunOk => fl!(LOADER, "notification-event-run-ok"),
        NotificationEvent::RunRecovered => fl!(LOADER, "notification-event-run-recovered"),
        NotificationEvent::JobLate => fl!(LOADER, "notification-event-job-late"),
        NotificationEvent::JobOnTime => fl!(LOADER, "notification-event-job-on-time"),
        NotificationEvent::Digest => fl!(LOADER, "notification-event-digest"),
        NotificationEvent::Test => fl!(LOADER, "notification-event-test"),
    }
}

fn status_class(s: NotificationStatus) -> &'static str {
    match s {
        NotificationStatus::Sent => "badge badge-ok",
        NotificationStatus::Failed => "badge badge-failed",
        NotificationStatus::Pending => "badge badge-warning",
        NotificationStatus::Sending => "badge badge-live",
    }
}

/// A `<tr>` of the history table. Each cell carries its column's name (`data-label`) and
/// one child, for the card layout on phones.
pub fn notification_row(n: Notification) -> impl IntoView {
    let job = n.job_id.map(|id| {
        let name = match (&n.client_name, &n.job_name) {
            (Some(c), Some(j)) => format!("{c} / {j}"),
            _ => format!("#{id}"),
        };
        view! { <a href=crate::paths::href(&format!("/jobs/{id}"))>{name}</a> }
    });
    let run = n.run_id.map(|id| {
        view! { " "<a class="muted" href=crate::paths::href(&format!("/runs/{id}"))>{fl!(LOADER, "notifications-run", id = id)}</a> }
    });
    let linked = job.is_some() || run.is_some();
    let attempts =
        (n.attempts > 1).then(|| fl!(LOADER, "notifications-attempts", attempts = n.attempts));
    let retry = (n.status == NotificationStatus::Pending && n.attempts > 0).then(|| {
        fl!(
            LOADER,
            "notifications-next-attempt",
            time = i18n::format_time(&n.next_attempt_at)
        )
    });
    let answer = n
        .last_error
        .clone()
        .or(n.last_reply.clone())
        .unwrap_or_default();
    view! {
        <tr data-testid="notification-row" data-status=n.status.as_str()>
            <td data-label=fl!(LOADER, "notifications-col-time")>{i18n::format_time(&n.created_at)}</td>
            <td data-label=fl!(LOADER, "notifications-col-event")>
                <div>{event_text(n.event)}<div class="small muted">{channel_text(n.channel)}</div></div>
            </td>
            <td data-label=fl!(LOADER, "notifications-col-recipient") class="mono break"><span>{n.recipient}</span></td>
            <td data-label=fl!(LOADER, "runs-col-job")>{linked.then(|| view! { <div>{job}{run}</div> })}</td>
            <td data-label=fl!(LOADER, "notifications-col-status")>
                <div>
                    <span class=status_class(n.status) data-testid="notification-status">{status_text(n.status)}</span>
                    {attempts.map(|a| view! { <div class="small muted">{a}</div> })}
                    {retry.map(|r| view! { <div class="small muted">{r}</div> })}
                </div>
            </td>
            <td data-label=fl!(LOADER, "notifications-col-answer") class="small break" data-testid="notification-answer">
                {(!answer.is_empty()).then(|| view! { <span>{answer}</span> })}
            </td>
        </tr>
    }
}
