//! The client's two ssh keys: the exact `authorized_keys` line of the backup key and of
//! the restore key (rrsync mode) with the one-line commands that install them, copy
//! buttons, the recommendation to restrict a plain key, the public key's download link
//! and "regenerate" actions (the host key has its own panel, in `host`). Keys are server
//! data, shown as text.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::clients::{Client, Connection, KeyMode};

use super::confirm::{ClientAction, ClientActionDialog};
use crate::components::copy::CopyBox;
use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;

pub use shared::guides::install_command;

/// The key panel of a saved client (nothing while `client` is `None`); regenerating a
/// key updates `client`.
#[component]
pub fn KeyPanel(client: RwSignal<Option<Client>>) -> impl IntoView {
    move || {
        client
            .with(Option::is_some)
            .then(|| view! { <KeyDetails client=client /> })
    }
}

/// A field of the client, or its default while none is loaded.
fn field<T: Default>(client: RwSignal<Option<Client>>, f: impl Fn(&Client) -> T) -> T {
    client.with(|c| c.as_ref().map(f).unwrap_or_default())
}

/// The lines with what to do with them, the download link and "Regenerate".
#[component]
fn KeyDetails(client: RwSignal<Option<Client>>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let ssh_user = Signal::derive(move || {
        client.with(|c| match c.as_ref().map(|c| &c.connection) {
            Some(Connection::Ssh { user, .. }) => Some(user.clone()),
            _ => None,
        })
    });
    let restricted = Signal::derive(move || field(client, |c| c.key_mode == KeyMode::Rrsync));
    let plain_ssh = Signal::derive(move || ssh_user.get().is_some() && !restricted.get());
    let recommendation = Signal::derive(move || {
        plain_ssh
            .get()
            .then(|| fl!(LOADER, "client-key-plain-recommend"))
    });
    view! {
        <section class="panel" id="client-key" aria-labelledby="client-key-title">
            <h2 id="client-key-title">{move || fl!(LOADER, "client-key-title")}</h2>
            {move || match ssh_user.get() {
                Some(user) => view! {
                    <p>{fl!(LOADER, "client-key-intro", user = user)}</p>
                }.into_any(),
                None => view! { <p class="muted">{fl!(LOADER, "client-key-not-ssh")}</p> }.into_any(),
            }}
            <Alert id="client-key-plain" kind=AlertKind::Warning message=recommendation />
            <BackupKey client=client ssh_user=ssh_user restricted=restricted />
            <div class="form-actions">
                <a
                    class="button"
                    id="client-key-download"
                    download="elkarbackup.pub"
                    href=move || crate::api::url(&format!("/api/clients/{}/public-key", field(client, |c| c.id)))
                >
                    {move || fl!(LOADER, "download")}
                </a>
                <button type="button" id="client-key-regenerate" class="button" on:click=move |_| asking.set(true)>
                    {move || ClientAction::NewBackup.label()}
                </button>
            </div>
            <ClientActionDialog action=ClientAction::NewBackup client=client asking=asking>
                <p>{move || fl!(LOADER, "client-key-regenerate-body")}</p>
            </ClientActionDialog>
            <Show when=move || restricted.get() && ssh_user.get().is_some()>
                <RestoreKey client=client ssh_user=ssh_user />
            </Show>
        </section>
    }
}

/// The backup key: its line (read-only with rrsync) and the command that installs it
/// (for the ssh user, else root), each with a copy button, then the bare public key.
#[component]
fn BackupKey(
    client: RwSignal<Option<Client>>,
    ssh_user: Signal<Option<String>>,
    restricted: Signal<bool>,
) -> impl IntoView {
    let key = Signal::derive(move || field(client, |c| c.public_key.trim().to_owned()));
    let line = Signal::derive(move || field(client, |c| c.backup_key_line.clone()));
    let command = Signal::derive(move || install_command(&line.get()));
    let user = move || ssh_user.get().unwrap_or_else(|| "root".to_owned());
    view! {
        <CopyBox
            id="client-authorized-line"
            label=Signal::derive(move || fl!(LOADER, "client-authorized-line"))
            text=line
            rows=3
            help=Signal::derive(move || if restricted.get() {
                fl!(LOADER, "client-authorized-line-help-rrsync")
            } else {
                fl!(LOADER, "client-authorized-line-help")
            })
        />
        <CopyBox
            id="client-install-command"
            label=Signal::derive(move || fl!(LOADER, "client-install-command"))
            text=command
            rows=3
            help=Signal::derive(move || fl!(LOADER, "client-install-command-help", user = user()))
        />
        <CopyBox
            id="client-public-key"
            label=Signal::derive(move || fl!(LOADER, "client-public-key"))
            text=key
            rows=2
        />
    }
}

/// The restore key of a restricted client: what it is for, its line and install
/// command (or a way to make one, for clients made before restore keys), "regenerate".
#[component]
fn RestoreKey(client: RwSignal<Option<Client>>, ssh_user: Signal<Option<String>>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let line = Signal::derive(move || field(client, |c| c.restore_key_line.clone()));
    let exists = Signal::derive(move || line.with(Option::is_some));
    let text = Signal::derive(move || line.get().unwrap_or_default());
    let command = Signal::derive(move || install_command(&text.get()));
    let user = move || ssh_user.get().unwrap_or_else(|| "root".to_owned());
    let action = Signal::derive(move || {
        if exists.get() {
            ClientAction::NewRestore
        } else {
            ClientAction::FirstRestore
        }
    });
    view! {
        <h3 id="client-restore-title" class="panel-subtitle">{move || fl!(LOADER, "client-restore-title")}</h3>
        <p id="client-restore-intro">{move || fl!(LOADER, "client-restore-intro")}</p>
        <Show
            when=move || exists.get()
            fallback=|| view! { <p class="muted" id="client-restore-none">{move || fl!(LOADER, "client-restore-none")}</p> }
        >
            <CopyBox
                id="client-restore-line"
                label=Signal::derive(move || fl!(LOADER, "client-restore-line"))
                text=text
                rows=3
                help=Signal::derive(move || fl!(LOADER, "client-restore-line-help"))
            />
            <CopyBox
                id="client-restore-install"
                label=Signal::derive(move || fl!(LOADER, "client-install-command"))
                text=command
                rows=3
                help=Signal::derive(move || fl!(LOADER, "client-install-command-help", user = user()))
            />
        </Show>
        <div class="form-actions">
            <button type="button" id="client-restore-regenerate" class="button" on:click=move |_| asking.set(true)>
                {move || action.get().label()}
            </button>
        </div>
        {move || {
            let action = action.get();
            view! {
                <ClientActionDialog action=action client=client asking=asking>
                    <p>{move || fl!(LOADER, "client-restore-regenerate-body")}</p>
                </ClientActionDialog>
            }
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::guides::shell_quote;

    #[test]
    fn install_command_quotes_the_line() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(
            install_command("restrict,command=\"rrsync -ro /\" k"),
            "umask 077 && mkdir -p ~/.ssh && echo 'restrict,command=\"rrsync -ro /\" k' \
             >> ~/.ssh/authorized_keys"
        );
    }
}
