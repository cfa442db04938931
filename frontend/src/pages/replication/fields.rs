//! The replication source form's fields, grouped: the primary, ssh, what is copied, when,
//! bandwidth and retention.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::locations::Location;
use shared::policies::Policy;

use super::draft::{MappingRow, SourceDraft};
use crate::components::feedback::FieldError;
use crate::components::fields::{CheckField, SelectField, TextField};
use crate::components::form::FormState;
use crate::i18n::LOADER;

fn t(key: &'static str) -> Signal<String> {
    Signal::derive(move || LOADER.get(key))
}

/// Every field of the source form.
#[component]
pub fn SourceFields(
    draft: SourceDraft,
    form: FormState,
    /// Whether a token is stored (the saved source's `has_token`).
    #[prop(into)]
    has_token: Signal<bool>,
    #[prop(into)] locations: Signal<Vec<Location>>,
    #[prop(into)] policies: Signal<Vec<Policy>>,
) -> impl IntoView {
    let d = draft;
    let policy_options = Signal::derive(move || {
        let mut v = vec![(String::new(), fl!(LOADER, "replication-choose"))];
        v.extend(
            policies
                .get()
                .into_iter()
                .map(|p| (p.id.to_string(), p.name)),
        );
        v
    });
    let token_help = Signal::derive(move || {
        if has_token.get() {
            fl!(LOADER, "replication-token-stored")
        } else {
            fl!(LOADER, "replication-token-unset")
        }
    });
    view! {
        <fieldset class="fieldset" id="replication-group-primary">
            <legend>{move || fl!(LOADER, "replication-group-primary")}</legend>
            <TextField id="replication-name" label=t("col-name") value=d.name error=form.error("name") required=true maxlength=100
                help=t("replication-name-hint") />
            <TextField id="replication-url" label=t("replication-url") value=d.url error=form.error("url") input_type="url" required=true
                placeholder=Signal::derive(|| "https://backup1.example.org".to_owned()) />
            <TextField id="replication-token" label=t("replication-token") value=d.token error=form.error("token")
                input_type="password" autocomplete="new-password" help=token_help />
        </fieldset>
        <fieldset class="fieldset" id="replication-group-ssh">
            <legend>{move || fl!(LOADER, "replication-group-ssh")}</legend>
            <TextField id="replication-ssh-host" label=t("replication-ssh-host") value=d.ssh_host error=form.error("ssh_host") required=true />
            <TextField id="replication-ssh-port" label=t("replication-ssh-port") value=d.ssh_port error=form.error("ssh_port") input_type="number"
                min=1 max=65535 class="input-short" />
            <TextField id="replication-ssh-user" label=t("replication-ssh-user") value=d.ssh_user error=form.error("ssh_user") required=true />
        </fieldset>
        <fieldset class="fieldset" id="replication-group-what">
            <legend>{move || fl!(LOADER, "replication-group-what")}</legend>
            <MappingRows draft=d form=form locations=locations />
            <CheckField id="replication-all-clients" label=t("replication-all-clients") checked=d.all_clients />
            <Show when=move || !d.all_clients.get()>
                <TextField id="replication-client-ids" label=t("replication-client-ids") value=d.client_ids error=form.error("client_ids")
                    help=t("replication-client-ids-hint") placeholder=Signal::derive(|| "3, 7, 12".to_owned()) />
            </Show>
        </fieldset>
        <fieldset class="fieldset" id="replication-group-when">
            <legend>{move || fl!(LOADER, "replication-group-when")}</legend>
            <SelectField id="replication-policy" label=t("replication-policy") value=d.policy options=policy_options
                error=form.error("policy_id") required=true help=t("replication-policy-hint") />
            <TextField id="replication-interval" label=t("replication-interval") value=d.interval error=form.error("interval_minutes")
                input_type="number" min=5 max=10080 class="input-short" help=t("replication-interval-hint") />
            <div class="field-row">
                <TextField id="replication-window-start" label=t("replication-window-start") value=d.window_start error=form.error("window_start")
                    input_type="time" class="input-short" />
                <TextField id="replication-window-end" label=t("replication-window-end") value=d.window_end error=form.error("window_end")
                    input_type="time" class="input-short" />
            </div>
            <p class="field-help">{move || fl!(LOADER, "replication-window-hint")}</p>
        </fieldset>
        <fieldset class="fieldset" id="replication-group-bandwidth">
            <legend>{move || fl!(LOADER, "replication-group-bandwidth")}</legend>
            <TextField id="replication-bwlimit" label=t("replication-bwlimit") value=d.bwlimit error=form.error("bwlimit_kib")
                input_type="number" min=1 class="input-short" help=t("replication-bwlimit-hint") />
        </fieldset>
        <RetentionFields draft=d form=form />
        <CheckField id="replication-active" label=t("replication-active") checked=d.active />
    }
}

/// The location mapping: one row per primary location, with add and remove buttons.
#[component]
fn MappingRows(
    draft: SourceDraft,
    form: FormState,
    locations: Signal<Vec<Location>>,
) -> impl IntoView {
    let options = Signal::derive(move || {
        let mut v = vec![(String::new(), fl!(LOADER, "replication-choose"))];
        v.extend(
            locations
                .get()
                .into_iter()
                .map(|l| (l.id.to_string(), l.name)),
        );
        v
    });
    let error = form.error("locations");
    let row = move |(i, r): (usize, MappingRow)| {
        let n = i + 1;
        let key = r.key;
        let remove = move |_| draft.locations.update(|rows| rows.retain(|x| x.key != key));
        view! {
            <div class="mapping-row" data-testid="replication-mapping-row">
                <div class="field">
                    <label for=format!("replication-map-primary-{key}")>{move || fl!(LOADER, "replication-map-primary", n = n)}</label>
                    <input id=format!("replication-map-primary-{key}") type="number" min="1" class="input-short" bind:value=r.primary />
                </div>
                <div class="field">
                    <label for=format!("replication-map-local-{key}")>{move || fl!(LOADER, "replication-map-local", n = n)}</label>
                    <select id=format!("replication-map-local-{key}") prop:value=move || r.local.get()
                        on:change=move |ev| r.local.set(event_target_value(&ev))>
                        {move || options.get().into_iter().map(|(v, text)| {
                            let selected = r.local.get_untracked() == v;
                            view! { <option value=v selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="button" class="button button-quiet" data-testid="replication-map-remove" on:click=remove>
                    {move || fl!(LOADER, "replication-map-remove")}
                </button>
            </div>
        }
    };
    view! {
        <fieldset class="field" id="replication-locations" aria-describedby="replication-locations-help replication-locations-error">
            <legend>{move || fl!(LOADER, "replication-locations")}</legend>
            <p class="field-help" id="replication-locations-help">{move || fl!(LOADER, "replication-locations-hint")}</p>
            {move || draft.locations.get().into_iter().enumerate().map(row).collect_view()}
            <button type="button" class="button" id="replication-map-add" on:click=move |_| draft.add_row()>
                {move || fl!(LOADER, "replication-map-add")}
            </button>
            <FieldError id="replication-locations-error" message=error />
        </fieldset>
    }
}

/// Retention: mirror or the policy's, the minimum age and the deletion of vanished ones.
#[component]
fn RetentionFields(draft: SourceDraft, form: FormState) -> impl IntoView {
    let d = draft;
    let radio = move |value: &'static str, label: &'static str, help: &'static str| {
        let id = format!("replication-retention-{value}");
        let help_id = format!("{id}-help");
        view! {
            <div class="field field-check">
                <label class="check">
                    <input type="radio" name="replication-retention" id=id value=value aria-describedby=help_id.clone()
                        prop:checked=move || d.retention.get() == value
                        on:change=move |_| d.retention.set(value.to_owned()) />
                    {move || LOADER.get(label)}
                </label>
                <p class="field-help" id=help_id>{move || LOADER.get(help)}</p>
            </div>
        }
    };
    view! {
        <fieldset class="fieldset" id="replication-group-retention">
            <legend>{move || fl!(LOADER, "replication-group-retention")}</legend>
            {radio("mirror", "replication-retention-mirror", "replication-retention-mirror-help")}
            {radio("policy", "replication-retention-policy", "replication-retention-policy-help")}
            <FieldError id="replication-retention-error" message=form.error("retention") />
            <TextField id="replication-min-age" label=t("replication-min-age") value=d.min_age error=form.error("min_age_days")
                input_type="number" min=0 class="input-short" help=t("replication-min-age-hint") />
            <CheckField id="replication-delete-vanished" label=t("replication-delete-vanished") checked=d.delete_vanished
                help=t("replication-delete-vanished-warning") />
            <TextField id="replication-grace" label=t("replication-grace") value=d.grace error=form.error("vanished_grace_days")
                input_type="number" min=0 class="input-short" disabled=Signal::derive(move || !d.delete_vanished.get()) />
            <TextField id="replication-max-deletions" label=t("replication-max-deletions") value=d.max_deletions
                error=form.error("max_deletions_per_run") input_type="number" min=1 class="input-short"
                help=t("replication-max-deletions-hint") />
        </fieldset>
    }
}
