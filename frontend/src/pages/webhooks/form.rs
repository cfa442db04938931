//! The webhook form (`/webhooks/new`, `/webhooks/{id}`): name, address, the events it
//! wants, the write-only secret, active; the test button and the deletion.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::notifications::{NotificationEvent, Webhook, WebhookInput};
use shared::validate::Issue;

use super::help::WebhookHelp;
use super::test_box::WebhookTestBox;
use super::{event_help, event_text, WEBHOOK_EVENTS};
use crate::components::feedback::FieldError;
use crate::components::fields::{CheckField, TextField};
use crate::components::form::FormState;
use crate::components::page::PageTitle;
use crate::i18n::LOADER;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::scaffold::entity_form::{use_entity_form, Draft, EntityFormBody, SubmitHooks};

/// The webhook form's fields.
#[derive(Debug, Clone, Copy)]
struct WebhookDraft {
    name: RwSignal<String>,
    url: RwSignal<String>,
    /// One box per entry of [`WEBHOOK_EVENTS`].
    events: [RwSignal<bool>; 6],
    /// A new secret; empty keeps the stored one.
    secret: RwSignal<String>,
    /// Removes the stored secret.
    forget_secret: RwSignal<bool>,
    active: RwSignal<bool>,
}

/// What is sent for the secret: a new one, `""` to remove it, or nothing to keep it.
fn secret_input(typed: String, forget: bool) -> Option<String> {
    if forget {
        Some(String::new())
    } else {
        Some(typed).filter(|s| !s.is_empty())
    }
}

impl Draft<Webhook> for WebhookDraft {
    fn load(self, w: &Webhook) {
        self.name.set(w.name.clone());
        self.url.set(w.url.clone());
        for (signal, event) in self.events.iter().zip(WEBHOOK_EVENTS) {
            signal.set(w.events.contains(&event));
        }
        // The secret is write-only: the field starts empty after every load and save.
        self.secret.set(String::new());
        self.forget_secret.set(false);
        self.active.set(w.active);
    }

    fn build(self) -> (WebhookInput, Vec<Issue>) {
        let events: Vec<NotificationEvent> = self
            .events
            .iter()
            .zip(WEBHOOK_EVENTS)
            .filter(|(on, _)| on.get())
            .map(|(_, e)| e)
            .collect();
        let input = WebhookInput {
            name: self.name.get().trim().to_owned(),
            url: self.url.get().trim().to_owned(),
            events,
            secret: secret_input(self.secret.get(), self.forget_secret.get()),
            active: self.active.get(),
        };
        (input, Vec::new())
    }
}

/// The webhook form; `id` is `None` for a new webhook.
#[component]
pub fn WebhookForm(id: Option<i64>) -> impl IntoView {
    let draft = WebhookDraft {
        name: RwSignal::new(String::new()),
        url: RwSignal::new(String::new()),
        events: [(); 6].map(|()| RwSignal::new(false)),
        secret: RwSignal::new(String::new()),
        forget_secret: RwSignal::new(false),
        active: RwSignal::new(true),
    };
    // A new webhook wants the failures by default.
    draft.events[0].set(true);
    let page = use_entity_form::<Webhook, _>(id, draft, true);
    let form = page.form;
    let deleting = RwSignal::new(false);
    let submit = page.submit(SubmitHooks::default());
    let title = page.title(
        || fl!(LOADER, "webhook-new-title"),
        |name| fl!(LOADER, "webhook-edit-title", name = name),
    );
    let secret_set = Signal::derive(move || page.with_entity(|w| w.secret_set));
    let t = |key: &'static str| Signal::derive(move || LOADER.get(key));

    view! {
        <PageTitle title=title />
        <div class="page-actions">
            <a class="button" href=crate::paths::href("/webhooks") id="webhook-back">{move || fl!(LOADER, "back-to-list")}</a>
            {id.map(|_| view! {
                <button type="button" id="webhook-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <div class="form-page">
            <div class="form-column">
                <section class="panel">
                    <EntityFormBody name="webhook" page=page on_submit=submit>
                        <TextField id="webhook-name" label=t("webhook-name") value=draft.name error=form.error("name") required=true maxlength=100 />
                        <TextField id="webhook-url" label=t("webhook-url") value=draft.url error=form.error("url") input_type="url" required=true
                            placeholder=Signal::derive(|| "https://ntfy.example.org/backups".to_owned()) help=t("webhook-url-hint") />
                        <EventBoxes events=draft.events form=form />
                        <TextField id="webhook-secret" label=t("webhook-secret") value=draft.secret error=form.error("secret")
                            input_type="password" autocomplete="new-password"
                            help=Signal::derive(move || if secret_set.get() { fl!(LOADER, "webhook-secret-stored") } else { fl!(LOADER, "webhook-secret-unset") }) />
                        <Show when=move || secret_set.get()>
                            <CheckField id="webhook-secret-forget" label=t("webhook-secret-forget") checked=draft.forget_secret />
                        </Show>
                        <CheckField id="webhook-active" label=t("webhook-active-label") checked=draft.active />
                    </EntityFormBody>
                </section>
                {id.map(|id| view! { <WebhookTestBox id=id /> })}
            </div>
            <WebhookHelp />
        </div>
        {move || deleting.get().then(|| view! {
            <CatalogRemoval kind=Kind::Webhook id=id.unwrap_or_default() name=draft.name.get_untracked()
                on_done=page.after_removal("/webhooks", move || deleting.set(false)) />
        })}
    }
}

/// The events as checkboxes, each with when it is sent; the error under them.
#[component]
fn EventBoxes(events: [RwSignal<bool>; 6], form: FormState) -> impl IntoView {
    let error = form.error("events");
    view! {
        <fieldset class="field" id="webhook-events" aria-describedby="webhook-events-error">
            <legend>{move || fl!(LOADER, "webhook-events")}</legend>
            {WEBHOOK_EVENTS.into_iter().zip(events).map(|(event, checked)| {
                let key = event.as_str().replace('_', "-");
                let box_id = format!("webhook-event-{key}");
                let help_id = format!("{box_id}-help");
                view! {
                    <div class="field field-check">
                        <label class="check">
                            <input type="checkbox" id=box_id.clone() name=box_id value=event.as_str()
                                aria-describedby=help_id.clone() bind:checked=checked />
                            {move || event_text(event)}
                        </label>
                        <p class="field-help" id=help_id>{move || event_help(event)}</p>
                    </div>
                }
            }).collect_view()}
            <FieldError id="webhook-events-error" message=error />
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::secret_input;

    #[test]
    fn secret_is_write_only() {
        assert_eq!(secret_input(String::new(), false), None);
        assert_eq!(secret_input("s3cret".into(), false), Some("s3cret".into()));
        assert_eq!(secret_input("s3cret".into(), true), Some(String::new()));
    }
}
