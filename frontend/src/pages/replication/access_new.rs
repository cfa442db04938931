//! A new replication access (`/replication-accesses/new`): the replica's name, public key
//! and optional address; once created, its token (shown this once), this server's ssh
//! endpoint and the installed `authorized_keys` line, with what to do with them.

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::replication::{ReplicationAccessBody, ReplicationAccessCreated};

use crate::api::replication;
use crate::components::copy::CopyBox;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::{TextArea, TextField};
use crate::components::form::FormState;
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::{AdminOnly, PageTitle};
use crate::components::secret::SecretPanel;
use crate::components::submit::SubmitButton;
use crate::i18n::LOADER;
use crate::state::use_session;

/// `/replication-accesses/new`.
#[component]
pub fn NewAccessPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "replication-access-new"));
    view! {
        <AdminOnly title=title>
            <PageTitle title=title />
            <NewAccess />
        </AdminOnly>
    }
}

/// The ssh endpoint as the replica's form wants it: `user@host:port`.
pub fn endpoint_text(c: &ReplicationAccessCreated) -> String {
    format!("{}@{}:{}", c.ssh.user, c.ssh.host, c.ssh.port)
}

#[component]
fn NewAccess() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let created = RwSignal::new(None::<ReplicationAccessCreated>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.clear();
        let from = from.get_untracked().trim().to_owned();
        let body = ReplicationAccessBody {
            name: name.get_untracked().trim().to_owned(),
            public_key: key.get_untracked().trim().to_owned(),
            from_address: (!from.is_empty()).then_some(from),
        };
        form.pending.set(true);
        spawn_local(async move {
            match replication::create_access(&body).await {
                Ok(c) => created.set(Some(c)),
                Err(f) => form.fail(session, f),
            }
            form.pending.set(false);
        });
    };
    let t = |key: &'static str| Signal::derive(move || LOADER.get(key));
    let done = Callback::new(move |()| navigate("/replication-accesses", Default::default()));
    view! {
        <div class="page-actions">
            <a class="button" href=crate::paths::href("/replication-accesses") id="replication-access-back">{move || fl!(LOADER, "back-to-list")}</a>
        </div>
        <div class="form-page">
            <div class="form-column">
                {move || match created.get() {
                    Some(c) => view! { <Created created=c done=done /> }.into_any(),
                    None => view! {
                        <section class="panel">
                            <Alert id="replication-access-error" kind=AlertKind::Error message=form.general() />
                            <form id="replication-access-form" class="form" novalidate on:submit=submit>
                                <TextField id="replication-access-name" label=t("col-name") value=name error=form.error("name") required=true maxlength=100
                                    help=t("replication-access-name-hint") />
                                <TextArea id="replication-access-key" label=t("replication-access-key") value=key error=form.error("public_key") rows=3 mono=true
                                    placeholder=Signal::derive(|| "ssh-ed25519 AAAA… replica".to_owned()) help=t("replication-access-key-hint") />
                                <TextField id="replication-access-from" label=t("replication-access-from") value=from error=form.error("from_address")
                                    placeholder=Signal::derive(|| "192.0.2.7".to_owned()) help=t("replication-access-from-hint") />
                                <div class="form-actions">
                                    <SubmitButton id="replication-access-save" pending=form.pending
                                        idle=|| fl!(LOADER, "replication-access-create") busy=|| fl!(LOADER, "saving") />
                                </div>
                            </form>
                        </section>
                    }.into_any(),
                }}
            </div>
            <AccessHelp />
        </div>
    }
}

/// What the new access gives the replica's administrator: the token (once), the ssh
/// endpoint and the installed key line.
#[component]
fn Created(created: ReplicationAccessCreated, done: Callback<()>) -> impl IntoView {
    let endpoint = endpoint_text(&created);
    let line = created.access.authorized_keys_line.clone();
    let t = |key: &'static str| Signal::derive(move || LOADER.get(key));
    view! {
        <Alert id="replication-access-created" kind=AlertKind::Success
            message=Signal::derive(move || Some(fl!(LOADER, "replication-access-created-note")))/>
        <SecretPanel secret=created.token.clone() on_done=done />
        <section class="panel" aria-labelledby="replication-access-ssh-title">
            <h2 id="replication-access-ssh-title">{move || fl!(LOADER, "replication-access-ssh-title")}</h2>
            <CopyBox id="replication-access-endpoint" label=t("replication-access-endpoint") text=endpoint rows=1
                help=t("replication-access-endpoint-hint") />
            <CopyBox id="replication-access-line" label=t("replication-access-line") text=line rows=3
                help=t("replication-access-line-hint") />
        </section>
    }
}

/// What an access is, what the replica needs and how sshd must be set up.
#[component]
fn AccessHelp() -> impl IntoView {
    let t = |key: &'static str| Signal::derive(move || LOADER.get(key));
    view! {
        <HelpPanel id="replication-access-help" intro=Signal::derive(move || fl!(LOADER, "replication-access-help-intro"))>
                        <HelpItem term=t("replication-access-key") text=t("replication-access-help-key") />
            <HelpItem term=t("replication-access-from") text=t("replication-access-help-from") />
            <HelpItem term=t("replication-access-help-paste-term") text=t("replication-access-help-paste") />
            <HelpItem term=t("replication-access-help-sshd-term") text=t("replication-access-help-sshd") />
            <HelpItem term=t("replication-access-revoke") text=t("replication-access-help-revoke") />
        </HelpPanel>
    }
}
