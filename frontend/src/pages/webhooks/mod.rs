//! Webhooks (administrators): the list (`/webhooks`) and the form (`/webhooks/new`,
//! `/webhooks/{id}`), with the localised names of the events a webhook may want.

mod form;
mod help;
mod test_box;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::notifications::{NotificationEvent, Webhook, WebhookInput};
use shared::validate::Issue;

use self::form::WebhookForm;
use crate::api::{notifications, ApiResult};
use crate::components::page::AdminOnly;
use crate::format;
use crate::i18n::LOADER;
use crate::pages::not_found::ById;
use crate::pages::remove::Kind;
use crate::scaffold::entity_form::Entity;
use crate::scaffold::list_page::{ListPage, Remove, RowActions};

/// The events a webhook may ask for, in the form's order (the digest and the test
/// message are not for webhooks).
pub const WEBHOOK_EVENTS: [NotificationEvent; 6] = [
    NotificationEvent::RunFailed,
    NotificationEvent::RunWarning,
    NotificationEvent::RunOk,
    NotificationEvent::RunRecovered,
    NotificationEvent::JobLate,
    NotificationEvent::JobOnTime,
];

/// An event's name, localised.
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

/// When an event is sent, in one line (the form's help under each box); empty for the
/// events a webhook cannot want.
pub fn event_help(e: NotificationEvent) -> String {
    match e {
        NotificationEvent::RunFailed => fl!(LOADER, "webhook-event-help-run-failed"),
        NotificationEvent::RunWarning => fl!(LOADER, "webhook-event-help-run-warning"),
        NotificationEvent::RunOk => fl!(LOADER, "webhook-event-help-run-ok"),
        NotificationEvent::RunRecovered => fl!(LOADER, "webhook-event-help-run-recovered"),
        NotificationEvent::JobLate => fl!(LOADER, "webhook-event-help-job-late"),
        NotificationEvent::JobOnTime => fl!(LOADER, "webhook-event-help-job-on-time"),
        NotificationEvent::Digest | NotificationEvent::Test => String::new(),
    }
}

impl Entity for Webhook {
    type Input = WebhookInput;
    const BASE: &'static str = "/webhooks";

    fn id(&self) -> i64 {
        self.id
    }

    fn name(&self) -> String {
        self.name.clone()
    }

    fn fetch(id: i64) -> impl std::future::Future<Output = ApiResult<Self>> {
        notifications::webhook(id)
    }

    async fn save(id: Option<i64>, input: WebhookInput) -> ApiResult<Self> {
        match id {
            Some(id) => notifications::update_webhook(id, &input).await,
            None => notifications::create_webhook(&input).await,
        }
    }

    fn validate(input: &WebhookInput, _id: Option<i64>) -> Vec<Issue> {
        input.validate()
    }
}

/// `/webhooks/new`.
#[component]
pub fn NewWebhookPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "webhook-new-title"));
    view! { <AdminOnly title=title><WebhookForm id=None /></AdminOnly> }
}

/// `/webhooks/{id}`.
#[component]
pub fn EditWebhookPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-webhooks"));
    view! {
        <AdminOnly title=title>
            <ById page=|id| view! { <WebhookForm id=Some(id) /> }.into_any() />
        </AdminOnly>
    }
}

/// `/webhooks`: every webhook, its address and the events it wants.
#[component]
pub fn WebhooksPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-webhooks"));
    view! { <AdminOnly title=title><WebhookList /></AdminOnly> }
}

#[component]
fn WebhookList() -> impl IntoView {
    view! {
        <ListPage
            name="webhooks"
            kind=Kind::Webhook
            title=Signal::derive(move || fl!(LOADER, "nav-webhooks"))
            intro=Signal::derive(move || fl!(LOADER, "webhooks-intro"))
            new_button=("webhook-new", "/webhooks/new", || fl!(LOADER, "webhook-new"))
            fetch=notifications::webhooks
            sort=|l| l.sort_by_key(|w| w.name.to_lowercase())
            columns=|| vec![fl!(LOADER, "col-name"), fl!(LOADER, "webhook-events")]
            empty=|| fl!(LOADER, "webhooks-empty")
            row=webhook_row
        />
    }
}

/// One webhook of the list: its name, address and markers (secret, active) in one cell,
/// so that the table fits a phone's width.
fn webhook_row(w: Webhook, remove: Remove) -> impl IntoView {
    let id = w.id;
    let events: Vec<String> = w.events.iter().map(|e| event_text(*e)).collect();
    let secret = w.secret_set.then(|| fl!(LOADER, "webhook-secret-set"));
    let (active, active_class) = if w.active {
        (fl!(LOADER, "webhook-enabled"), "badge badge-ok")
    } else {
        (fl!(LOADER, "inactive"), "badge badge-inactive")
    };
    view! {
        <tr data-testid="webhook-row" data-webhook-id=id.to_string() data-webhook-name=w.name.clone()>
            <td>
                <a href=crate::paths::href(&format!("/webhooks/{id}")) class="strong">{w.name.clone()}</a>
                <span class="muted small block break" data-testid="webhook-url">{w.url.clone()}</span>
                <span class="block">
                    <span class=active_class data-testid="webhook-active">{active}</span>
                    {secret.map(|s| view! { " "<span class="badge" data-testid="webhook-secret">{s}</span> })}
                </span>
            </td>
            <td data-testid="webhook-events">{format::list(&events)}</td>
            <RowActions href=crate::paths::href(&format!("/webhooks/{id}")) entity="webhook" delete=Some((None, id, w.name.clone(), remove)) />
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::WEBHOOK_EVENTS;

    /// Every event a webhook may want is offered, and none the server refuses.
    #[test]
    fn offered_events_are_the_allowed_ones() {
        use shared::notifications::{NotificationEvent, WebhookInput};
        for e in NotificationEvent::ALL {
            let input = WebhookInput {
                name: "n".into(),
                url: "https://example.org/".into(),
                events: vec![e],
                secret: None,
                active: true,
            };
            assert_eq!(
                input.validate().is_empty(),
                WEBHOOK_EVENTS.contains(&e),
                "{e:?}"
            );
        }
    }
}
