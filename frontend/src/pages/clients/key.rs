//! The client's own ssh key: the public key with a copy button, the exact line for the
//! client's `authorized_keys`, the one-line command that installs it, a download link, a
//! "regenerate" action (the host key has its own panel, in `host`). The key is server data, shown as text.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::clients::{Client, Connection};

use super::confirm::{ClientAction, ClientActionDialog};
use crate::components::copy::CopyBox;
use crate::i18n::LOADER;

/// The `authorized_keys` line: the key with the `restrict` option (no port, agent or X11
/// forwarding, no terminal), which rsync over ssh does not need.
pub fn authorized_keys_line(public_key: &str) -> String {
    format!("restrict {}", public_key.trim())
}

/// Quotes a text for a POSIX shell: inside single quotes, each `'` written as `'\''`.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The command that installs `line` for the user running it on the client.
pub fn install_command(line: &str) -> String {
    format!(
        "umask 077 && mkdir -p ~/.ssh && echo {} >> ~/.ssh/authorized_keys",
        shell_quote(line)
    )
}

/// The key panel of a saved client (nothing while `client` is `None`); regenerating the
/// key updates `client`.
#[component]
pub fn KeyPanel(client: RwSignal<Option<Client>>) -> impl IntoView {
    move || {
        client
            .with(Option::is_some)
            .then(|| view! { <KeyDetails client=client /> })
    }
}

/// The key with what to do with it, the download link and "Regenerate".
#[component]
fn KeyDetails(client: RwSignal<Option<Client>>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let ssh_user = Signal::derive(move || {
        client.with(|c| match c.as_ref().map(|c| &c.connection) {
            Some(Connection::Ssh { user, .. }) => Some(user.clone()),
            _ => None,
        })
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
            <KeyCopies client=client ssh_user=ssh_user />
            <div class="form-actions">
                <a
                    class="button"
                    id="client-key-download"
                    download="elkarbackup.pub"
                    href=move || crate::api::url(&format!("/api/clients/{}/public-key", client.with(|c| c.as_ref().map_or(0, |c| c.id))))
                >
                    {move || fl!(LOADER, "download")}
                </a>
                <button type="button" id="client-key-regenerate" class="button" on:click=move |_| asking.set(true)>
                    {move || ClientAction::RegenerateKey.label()}
                </button>
            </div>
            <ClientActionDialog action=ClientAction::RegenerateKey client=client asking=asking>
                <p>{move || fl!(LOADER, "client-key-regenerate-body")}</p>
            </ClientActionDialog>
        </section>
    }
}

/// The public key, its `authorized_keys` line and the command that installs it (for the
/// ssh user, else root), each with a copy button.
#[component]
fn KeyCopies(client: RwSignal<Option<Client>>, ssh_user: Signal<Option<String>>) -> impl IntoView {
    let key = Signal::derive(move || {
        client.with(|c| {
            c.as_ref()
                .map(|c| c.public_key.trim().to_owned())
                .unwrap_or_default()
        })
    });
    let line = Signal::derive(move || authorized_keys_line(&key.get()));
    let command = Signal::derive(move || install_command(&line.get()));
    view! {
        <CopyBox
            id="client-public-key"
            label=Signal::derive(move || fl!(LOADER, "client-public-key"))
            text=key
            rows=3
        />
        <CopyBox
            id="client-authorized-line"
            label=Signal::derive(move || fl!(LOADER, "client-authorized-line"))
            text=line
            rows=3
            help=Signal::derive(move || fl!(LOADER, "client-authorized-line-help"))
        />
        <CopyBox
            id="client-install-command"
            label=Signal::derive(move || fl!(LOADER, "client-install-command"))
            text=command
            rows=3
            help=Signal::derive(move || {
                fl!(LOADER, "client-install-command-help", user = ssh_user.get().unwrap_or_else(|| "root".to_owned()))
            })
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_line_and_command() {
        let key = "ssh-ed25519 AAAAC3Nza elkarbackup-client-3\n";
        assert_eq!(
            authorized_keys_line(key),
            "restrict ssh-ed25519 AAAAC3Nza elkarbackup-client-3"
        );
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(
            install_command("restrict k"),
            "umask 077 && mkdir -p ~/.ssh && echo 'restrict k' >> ~/.ssh/authorized_keys"
        );
    }
}
