//! The inputs of the client form, with the "Advanced" section folded away.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::scripts::Script;
use shared::users::User;

use super::draft::{ClientDraft, UNITS};
use crate::components::fields::{
    Advanced, CheckField, NameFields, SelectField, TextArea, TextField,
};
use crate::components::form::FormState;
use crate::components::pickers::{PrePostScripts, ScriptsOf};
use crate::i18n::LOADER;

/// Every field of the client form.
#[component]
pub fn ClientFields(
    draft: ClientDraft,
    form: FormState,
    #[prop(into)] scripts: Signal<Vec<Script>>,
    /// The users an administrator may make owner; `None` for operators (field hidden).
    #[prop(into)]
    users: Signal<Option<Vec<User>>>,
) -> impl IntoView {
    let unit_options = Signal::derive(|| {
        UNITS
            .iter()
            .map(|(u, _)| ((*u).to_owned(), (*u).to_owned()))
            .collect::<Vec<_>>()
    });
    let owner_options = Signal::derive(move || {
        let mut list = vec![(String::new(), fl!(LOADER, "client-owner-default"))];
        if let Some(users) = users.get() {
            list.extend(users.into_iter().map(|u| (u.id.to_string(), u.username)));
        }
        list
    });
    let quota_error = form.error("quota_bytes");
    view! {
        <NameFields ids=("client-name", "client-description") label=Signal::derive(move || fl!(LOADER, "client-name")) name=draft.name description=draft.description form=form />
        <ConnectionFields draft=draft form=form />
        <CheckField
            id="client-active"
            label=Signal::derive(move || fl!(LOADER, "client-active"))
            checked=draft.active
        />
        <Show when=move || users.with(Option::is_some)>
            <SelectField
                id="client-owner"
                label=Signal::derive(move || fl!(LOADER, "client-owner"))
                value=draft.owner
                options=owner_options
                error=form.error("owner_id")
            />
        </Show>
        <div class="field-row">
            <TextField
                id="client-quota"
                label=Signal::derive(move || fl!(LOADER, "client-quota"))
                value=draft.quota
                error=quota_error
                class="input-short"
                help=Signal::derive(move || fl!(LOADER, "client-quota-hint"))
            />
            <SelectField
                id="client-quota-unit"
                label=Signal::derive(move || fl!(LOADER, "client-quota-unit"))
                value=draft.quota_unit
                options=unit_options
                error=Signal::derive(|| None::<String>)
            />
        </div>
        <TextField
            id="client-max-parallel"
            label=Signal::derive(move || fl!(LOADER, "max-parallel-jobs"))
            value=draft.max_parallel
            error=form.error("max_parallel_jobs")
            input_type="number"
            min=1
            max=100
            class="input-short"
        />
        <PrePostScripts
            of=ScriptsOf::Client
            scripts=scripts
            pre=draft.pre_scripts
            post=draft.post_scripts
            errors=(form.error("pre_scripts"), form.error("post_scripts"))
        />
        <ClientAdvanced draft=draft form=form />
    }
}

/// How the server reaches the client: the kind of connection, then user, host and port
/// (for ssh and rsync daemons).
#[component]
fn ConnectionFields(draft: ClientDraft, form: FormState) -> impl IntoView {
    let kind_options = Signal::derive(move || {
        vec![
            ("ssh".to_owned(), fl!(LOADER, "client-kind-ssh")),
            ("rsync_daemon".to_owned(), fl!(LOADER, "client-kind-rsync")),
            ("local".to_owned(), fl!(LOADER, "client-kind-local")),
        ]
    });
    Effect::new(move |previous: Option<String>| {
        let kind = draft.kind.get();
        if previous.is_some_and(|p| p != kind) {
            draft.adjust_port(&kind);
        }
        kind
    });
    let is = move |k: &'static str| Signal::derive(move || draft.kind.get() == k);
    let is_ssh = is("ssh");
    let is_local = is("local");
    let is_daemon = is("rsync_daemon");
    view! {
        <fieldset class="fieldset">
            <legend>{move || fl!(LOADER, "client-connection")}</legend>
            <SelectField
                id="client-kind"
                label=Signal::derive(move || fl!(LOADER, "client-kind"))
                value=draft.kind
                options=kind_options
                error=form.error("connection")
            />
            <Show when=move || !is_local.get()>
                <div class="field-row">
                    <Show when=move || is_ssh.get()>
                        <TextField
                            id="client-user"
                            label=Signal::derive(move || fl!(LOADER, "client-user"))
                            value=draft.user
                            error=form.error("connection.user")
                            required=true
                            class="input-medium"
                        />
                    </Show>
                    <TextField
                        id="client-host"
                        label=Signal::derive(move || fl!(LOADER, "client-host"))
                        value=draft.host
                        error=form.error("connection.host")
                        required=true
                        placeholder=Signal::derive(|| "backup.example.org".to_owned())
                    />
                    <TextField
                        id="client-port"
                        label=Signal::derive(move || fl!(LOADER, "client-port"))
                        value=draft.port
                        error=form.error("connection.port")
                        input_type="number"
                        min=1
                        max=65535
                        class="input-short"
                    />
                </div>
            </Show>
            <p class="field-help">
                <a href=crate::paths::href("/guides") id="client-guides-link">{move || fl!(LOADER, "guides-from-client")}</a>
            </p>
            <Show when=move || is_daemon.get()>
                <DaemonLoginFields draft=draft form=form />
            </Show>
            <Show when=move || is_local.get()>
                <p class="field-help" id="client-local-help">{move || fl!(LOADER, "client-local-note")}</p>
            </Show>
            <Show when=move || is_ssh.get()>
                <KeyModeFields draft=draft form=form />
            </Show>
        </fieldset>
    }
}

/// The login of an rsync daemon module with `auth users`: a user and a write-only
/// password (given to rsync in its environment, never shown again).
#[component]
fn DaemonLoginFields(draft: ClientDraft, form: FormState) -> impl IntoView {
    let stored = Signal::derive(move || draft.daemon_password_set.get());
    view! {
        <div class="field-row">
            <TextField
                id="client-daemon-user"
                label=Signal::derive(move || fl!(LOADER, "client-daemon-user"))
                value=draft.daemon_user
                error=form.error("connection.user")
                class="input-medium"
                help=Signal::derive(move || fl!(LOADER, "client-daemon-user-help"))
            />
            <TextField
                id="client-daemon-password"
                label=Signal::derive(move || fl!(LOADER, "client-daemon-password"))
                value=draft.daemon_password
                error=form.error("daemon_password")
                input_type="password"
                autocomplete="new-password"
                help=Signal::derive(move || if stored.get() {
                    fl!(LOADER, "client-daemon-password-set")
                } else {
                    fl!(LOADER, "client-daemon-password-unset")
                })
            />
        </div>
        <Show when=move || stored.get()>
            <CheckField
                id="client-daemon-password-forget"
                label=Signal::derive(move || fl!(LOADER, "client-daemon-password-forget"))
                checked=draft.forget_daemon_password
            />
        </Show>
    }
}

/// How the client's `authorized_keys` confines the server's keys, and to which directory.
#[component]
fn KeyModeFields(draft: ClientDraft, form: FormState) -> impl IntoView {
    let options = Signal::derive(move || {
        vec![
            ("rrsync".to_owned(), fl!(LOADER, "client-key-mode-rrsync")),
            ("plain".to_owned(), fl!(LOADER, "client-key-mode-plain")),
        ]
    });
    let restricted = Signal::derive(move || draft.key_mode.get() == "rrsync");
    view! {
        <SelectField
            id="client-key-mode"
            label=Signal::derive(move || fl!(LOADER, "client-key-mode"))
            value=draft.key_mode
            options=options
            error=form.error("key_mode")
            help=Signal::derive(move || fl!(LOADER, "client-key-mode-help"))
        />
        <Show when=move || restricted.get()>
            <TextField
                id="client-key-root"
                label=Signal::derive(move || fl!(LOADER, "client-key-root"))
                value=draft.key_root
                error=form.error("key_root")
                help=Signal::derive(move || fl!(LOADER, "client-key-root-help"))
                placeholder=Signal::derive(|| "/".to_owned())
            />
        </Show>
    }
}

/// The folded part: extra ssh and rsync options.
#[component]
fn ClientAdvanced(draft: ClientDraft, form: FormState) -> impl IntoView {
    let ssh_error = form.error("ssh_options");
    let rsync_error = form.error("rsync_options");
    view! {
        <Advanced id="client-advanced" problems=Signal::derive(move || ssh_error.get().is_some() || rsync_error.get().is_some())>
            <TextArea
                id="client-ssh-options"
                label=Signal::derive(move || fl!(LOADER, "client-ssh-options"))
                value=draft.ssh_options
                error=ssh_error
                mono=true
                help=Signal::derive(move || fl!(LOADER, "client-ssh-options-hint"))
                placeholder=Signal::derive(|| "ConnectTimeout=20".to_owned())
            />
            <TextArea
                id="client-rsync-options"
                label=Signal::derive(move || fl!(LOADER, "client-rsync-options"))
                value=draft.rsync_options
                error=rsync_error
                mono=true
                help=Signal::derive(move || fl!(LOADER, "client-rsync-options-hint"))
                placeholder=Signal::derive(|| "--bwlimit=5000".to_owned())
            />
        </Advanced>
    }
}
