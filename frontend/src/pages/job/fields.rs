//! The inputs of the job form.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::locations::Location;
use shared::policies::Policy;
use shared::scripts::Script;

use super::draft::JobDraft;
use crate::components::fields::{
    Advanced, CheckField, NameFields, SelectField, TextArea, TextField,
};
use crate::components::form::FormState;
use crate::components::pickers::{PrePostScripts, ScriptsOf};
use crate::i18n::LOADER;

/// Every field of the job form.
#[component]
pub fn JobFields(
    draft: JobDraft,
    form: FormState,
    #[prop(into)] policies: Signal<Vec<Policy>>,
    #[prop(into)] locations: Signal<Vec<Location>>,
    #[prop(into)] scripts: Signal<Vec<Script>>,
    /// A hint for the source path that depends on the client's connection.
    #[prop(into)]
    path_hint: Signal<String>,
    /// The location the saved job has (`None` for a new job): choosing another one
    /// moves the job, which the form says before it is saved.
    #[prop(into)]
    saved_location: Signal<Option<i64>>,
) -> impl IntoView {
    let moved = move || {
        saved_location
            .get()
            .is_some_and(|id| id.to_string() != draft.location.get())
    };
    view! {
        <NameFields ids=("job-name", "job-description") label=Signal::derive(move || fl!(LOADER, "job-name")) name=draft.name description=draft.description form=form />
        <TextField
            id="job-source-path"
            label=Signal::derive(move || fl!(LOADER, "job-source-path"))
            value=draft.source_path
            error=form.error("source_path")
            required=true
            class="mono"
            help=path_hint
            placeholder=Signal::derive(|| "/home/".to_owned())
        />
        {catalog_select("job-policy", || fl!(LOADER, "job-policy"), draft.policy, policy_options(policies), form.error("policy_id"))}
        {catalog_select("job-location", || fl!(LOADER, "job-location"), draft.location, location_options(locations), form.error("location_id"))}
        {move || moved().then(|| view! {
            <p class="alert alert-warning" id="job-location-moved" role="status">
                {fl!(LOADER, "job-location-moved")}
            </p>
        })}
        <CheckField
            id="job-active"
            label=Signal::derive(move || fl!(LOADER, "job-active"))
            checked=draft.active
        />
        <JobNotifications draft=draft form=form />
        <PrePostScripts
            of=ScriptsOf::Job
            scripts=scripts
            pre=draft.pre_scripts
            post=draft.post_scripts
            errors=(form.error("pre_scripts"), form.error("post_scripts"))
        />
        <JobAdvanced draft=draft form=form policies=policies />
    }
}

/// A required choice of one catalog object, after "Choose…" (nothing chosen yet);
/// `options` are the objects' ids and labels.
fn catalog_select(
    id: &'static str,
    label: fn() -> String,
    value: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let options = Signal::derive(move || {
        let mut list = vec![(String::new(), fl!(LOADER, "choose"))];
        list.extend(options.get());
        list
    });
    view! { <SelectField id=id label=Signal::derive(label) value=value options=options error=error required=true /> }
}

/// The policies to choose from.
fn policy_options(policies: Signal<Vec<Policy>>) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        policies
            .get()
            .into_iter()
            .map(|p| (p.id.to_string(), p.name))
            .collect()
    })
}

/// The locations to choose from: name, directory, and whether inactive.
fn location_options(locations: Signal<Vec<Location>>) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        let label = |l: &Location| match l.active {
            true => format!("{} ({})", l.name, l.directory),
            false => format!("{} ({}) — {}", l.name, l.directory, fl!(LOADER, "inactive")),
        };
        locations
            .get()
            .iter()
            .map(|l| (l.id.to_string(), label(l)))
            .collect()
    })
}

/// Who hears about the job's runs, and from which result on.
#[component]
fn JobNotifications(draft: JobDraft, form: FormState) -> impl IntoView {
    let threshold_options = Signal::derive(move || {
        vec![
            ("all".to_owned(), fl!(LOADER, "notify-all")),
            ("warning".to_owned(), fl!(LOADER, "notify-warning")),
            ("error".to_owned(), fl!(LOADER, "notify-error")),
            ("none".to_owned(), fl!(LOADER, "notify-none")),
        ]
    });
    let mode_options = Signal::derive(move || {
        vec![
            ("changes".to_owned(), fl!(LOADER, "notify-mode-changes")),
            ("every_failure".to_owned(), fl!(LOADER, "notify-mode-every")),
        ]
    });
    view! {
        <fieldset class="fieldset">
            <legend>{move || fl!(LOADER, "job-notifications")}</legend>
            <CheckField id="job-notify-admin" label=Signal::derive(move || fl!(LOADER, "job-notify-admin")) checked=draft.notify_admin />
            <CheckField id="job-notify-owner" label=Signal::derive(move || fl!(LOADER, "job-notify-owner")) checked=draft.notify_owner />
            <TextArea
                id="job-notify-emails"
                label=Signal::derive(move || fl!(LOADER, "job-notify-emails"))
                value=draft.emails
                error=form.error("notifications.emails")
                rows=2
                mono=true
                help=Signal::derive(move || fl!(LOADER, "job-notify-emails-hint"))
            />
            <SelectField
                id="job-notify-threshold"
                label=Signal::derive(move || fl!(LOADER, "job-notify-threshold"))
                value=draft.threshold
                options=threshold_options
                error=form.error("notifications.threshold")
            />
            <SelectField
                id="job-notify-mode"
                label=Signal::derive(move || fl!(LOADER, "job-notify-mode"))
                value=draft.notify_mode
                options=mode_options
                error=form.error("notifications.mode")
            />
            <TextField
                id="job-late-grace"
                label=Signal::derive(move || fl!(LOADER, "job-late-grace"))
                value=draft.late_grace
                error=form.error("late_grace_hours")
                input_type="number"
                min=1
                max=8760
                class="input-short"
                help=Signal::derive(move || fl!(LOADER, "job-late-grace-hint"))
            />
        </fieldset>
    }
}

/// The folded part: the job's own patterns (next to its policy's) and the permissions.
#[component]
fn JobAdvanced(draft: JobDraft, form: FormState, policies: Signal<Vec<Policy>>) -> impl IntoView {
    let chosen_policy = move || {
        let id = draft.policy.get();
        policies.with(|all| all.iter().find(|p| p.id.to_string() == id).cloned())
    };
    let exclude_error = form.error("exclude");
    let include_error = form.error("include");
    // The job's own patterns, with its policy's under them.
    let patterns = move |include: bool| {
        let help = Signal::derive(move || {
            let list = chosen_policy()
                .map(|p| if include { p.include } else { p.exclude })
                .unwrap_or_default();
            if list.is_empty() {
                fl!(LOADER, "job-patterns-policy-none")
            } else {
                fl!(LOADER, "job-patterns-policy", patterns = list.join("  "))
            }
        });
        let (id, value, error, rows) = if include {
            ("job-include", draft.include, include_error, 3)
        } else {
            ("job-exclude", draft.exclude, exclude_error, 4)
        };
        let label = Signal::derive(move || match include {
            true => fl!(LOADER, "job-include"),
            false => fl!(LOADER, "job-exclude"),
        });
        view! { <TextArea id=id label=label value=value error=error mono=true rows=rows help=help /> }
    };
    view! {
        <Advanced id="job-advanced" problems=Signal::derive(move || exclude_error.get().is_some() || include_error.get().is_some())>
            {patterns(false)}
            {patterns(true)}
            <CheckField
                id="job-local-permissions"
                label=Signal::derive(move || fl!(LOADER, "job-local-permissions"))
                checked=draft.use_local_permissions
            />
            {move || draft.use_local_permissions.get().then(|| view! {
                <p class="alert alert-warning" role="note" id="job-local-permissions-warning">
                    {fl!(LOADER, "job-permissions-rewritten-warning")}
                </p>
            })}
        </Advanced>
    }
}
