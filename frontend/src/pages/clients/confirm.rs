//! The confirmation of an action on a saved client that answers with the client as it is
//! now: accepting its host key (`host`), regenerating its backup or restore key (`key`).

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::clients::Client;

use crate::api::{catalog, runs, ApiResult};
use crate::components::dialog::ConfirmDialog;
use crate::i18n::LOADER;
use crate::state::use_session;

/// What the dialog confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAction {
    /// Trusting the host key the server has seen.
    AcceptHost,
    /// A new key pair for the client.
    NewBackup,
    /// The first restore key of a client made before restore keys.
    FirstRestore,
    /// A new restore key pair.
    NewRestore,
}

impl ClientAction {
    fn dialog_id(self) -> &'static str {
        match self {
            ClientAction::AcceptHost => "accept-dialog",
            ClientAction::NewBackup => "regenerate-dialog",
            ClientAction::FirstRestore | ClientAction::NewRestore => "restore-key-dialog",
        }
    }

    fn title(self) -> String {
        match self {
            ClientAction::AcceptHost => fl!(LOADER, "client-host-accept-title"),
            ClientAction::NewBackup => fl!(LOADER, "client-key-regenerate-title"),
            ClientAction::FirstRestore => fl!(LOADER, "client-restore-create-title"),
            ClientAction::NewRestore => fl!(LOADER, "client-restore-regenerate-title"),
        }
    }

    /// The confirm button's text, also the text of the button that opens the dialog.
    pub fn label(self) -> String {
        match self {
            ClientAction::AcceptHost => fl!(LOADER, "client-host-accept"),
            ClientAction::NewBackup => fl!(LOADER, "client-key-regenerate"),
            ClientAction::FirstRestore => fl!(LOADER, "client-restore-create"),
            ClientAction::NewRestore => fl!(LOADER, "client-restore-regenerate"),
        }
    }

    async fn run(self, id: i64) -> ApiResult<Client> {
        match self {
            ClientAction::AcceptHost => runs::accept_host_key(id).await,
            ClientAction::NewBackup => catalog::regenerate_key(id).await,
            ClientAction::FirstRestore | ClientAction::NewRestore => {
                catalog::regenerate_restore_key(id).await
            }
        }
    }
}

/// The dialog, open while `asking`: confirming runs `action` on the client, puts its
/// answer in `client` and closes; a failure stays shown inside (also when reopened).
#[component]
pub fn ClientActionDialog(
    action: ClientAction,
    client: RwSignal<Option<Client>>,
    asking: RwSignal<bool>,
    /// What the action does, in words.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        let Some(id) = client.with_untracked(|c| c.as_ref().map(|c| c.id)) else {
            return;
        };
        pending.set(true);
        spawn_local(async move {
            match action.run(id).await {
                Ok(updated) => {
                    asking.set(false);
                    error.set(None);
                    client.set(Some(updated));
                }
                Err(f) => error.set(Some(session.check_failure(f).explain())),
            }
            pending.set(false);
        });
    });
    let dialog = move || {
        let children = children.clone();
        view! {
            <ConfirmDialog
                id=action.dialog_id()
                title=Signal::derive(move || action.title())
                confirm_label=Signal::derive(move || action.label())
                on_confirm=confirm
                on_cancel=Callback::new(move |()| asking.set(false))
                pending=pending
                error=error
            >
                {children()}
            </ConfirmDialog>
        }
    };
    view! { <Show when=move || asking.get()>{dialog()}</Show> }
}
