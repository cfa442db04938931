//! The client's host key and connection check: the key's state and SHA256 fingerprint,
//! "Accept this key" while one waits (after telling the user how to compare it on the
//! client), and "Test connection" with a localised diagnosis.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::clients::{Client, ConnectionTest, HostKeyState, KeyState};

use super::confirm::{ClientAction, ClientActionDialog};
use crate::api::runs;
use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;
use crate::run_labels;
use crate::state::use_session;

/// The sentence for a connection test's answer.
fn test_text(test: &ConnectionTest) -> String {
    match (&test.code, &test.rsync_version) {
        (Some(code), _) => fl!(
            LOADER,
            "client-test-failed",
            reason = run_labels::error_text(code)
        ),
        (None, Some(version)) if test.ok => {
            fl!(LOADER, "client-test-ok-version", version = version.clone())
        }
        (None, _) if test.ok => fl!(LOADER, "client-test-ok"),
        (None, _) => fl!(
            LOADER,
            "client-test-failed",
            reason = fl!(LOADER, "error-unknown")
        ),
    }
}

/// The sentences for a test's warnings (a key with a shell, an rsync older than 3.4.0).
fn warning_text(test: &ConnectionTest) -> Option<String> {
    let texts: Vec<String> = test
        .warnings
        .iter()
        .filter_map(|w| match w.as_str() {
            "rsync_unfixed" => Some(fl!(LOADER, "client-test-rsync-unfixed")),
            "key_unrestricted" => Some(fl!(LOADER, "client-test-key-unrestricted")),
            "backup_key_writes" => Some(fl!(LOADER, "client-test-backup-key-writes")),
            "restore_key_reads" => Some(fl!(LOADER, "client-test-restore-key-reads")),
            _ => None,
        })
        .collect();
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// A key's state in words, with ✔ where it is what a key of that purpose should be.
fn key_state_text(state: KeyState, good: KeyState) -> String {
    let words = match state {
        KeyState::Missing => fl!(LOADER, "key-state-missing"),
        KeyState::Unrestricted => fl!(LOADER, "key-state-unrestricted"),
        KeyState::ReadOnly => fl!(LOADER, "key-state-read-only"),
        KeyState::WriteOnly => fl!(LOADER, "key-state-write-only"),
        KeyState::ReadWrite => fl!(LOADER, "key-state-read-write"),
        KeyState::Broken => fl!(LOADER, "key-state-broken"),
    };
    if state == good {
        format!("{words} ✔")
    } else {
        words
    }
}

/// "Backup key: read-only ✔, restore key: not installed" of a test that tried the keys.
fn keys_text(test: &ConnectionTest) -> Option<String> {
    let backup = test.backup_key.map(|s| {
        fl!(
            LOADER,
            "client-test-backup-key",
            state = key_state_text(s, KeyState::ReadOnly)
        )
    });
    let restore = test.restore_key.map(|s| {
        fl!(
            LOADER,
            "client-test-restore-key",
            state = key_state_text(s, KeyState::WriteOnly)
        )
    });
    let parts: Vec<String> = backup.into_iter().chain(restore).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The panel of a saved client (`client` is `Some`); accepting the key updates `client`.
#[component]
pub fn HostKeyPanel(client: RwSignal<Option<Client>>) -> impl IntoView {
    let session = use_session();
    let asking = RwSignal::new(false);
    let testing = RwSignal::new(false);
    let test_ok = RwSignal::new(None::<String>);
    let test_failed = RwSignal::new(None::<String>);
    let test_warning = RwSignal::new(None::<String>);
    let test_keys = RwSignal::new(None::<String>);
    let state = move || client.with(|c| c.as_ref().map(|c| c.host_key_state));
    let test = move |_| {
        let Some(id) = client.with_untracked(|c| c.as_ref().map(|c| c.id)) else {
            return;
        };
        testing.set(true);
        test_ok.set(None);
        test_failed.set(None);
        test_warning.set(None);
        test_keys.set(None);
        spawn_local(async move {
            match runs::test_connection(id).await {
                Ok(answer) => {
                    let text = test_text(&answer);
                    test_warning.set(warning_text(&answer));
                    test_keys.set(keys_text(&answer));
                    if answer.ok {
                        test_ok.set(Some(text));
                    } else {
                        test_failed.set(Some(text));
                    }
                    // The first test of an ssh client records its key as pending.
                    if let Ok(updated) = crate::api::catalog::client(id).await {
                        client.set(Some(updated));
                    }
                }
                Err(f) => test_failed.set(Some(session.check_failure(f).message())),
            }
            testing.set(false);
        });
    };

    view! {
        <section class="panel" id="client-host" aria-labelledby="client-host-title">
            <h2 id="client-host-title">{move || fl!(LOADER, "client-host-title")}</h2>
            <HostKeyLine client=client />
            <Alert id="client-test-ok" kind=AlertKind::Success message=test_ok />
            <Alert id="client-test-error" kind=AlertKind::Error message=test_failed />
            <Alert id="client-test-warning" kind=AlertKind::Warning message=test_warning />
            <Show when=move || test_keys.with(Option::is_some)>
                <p id="client-test-keys" class="key-states" role="status">{move || test_keys.get()}</p>
            </Show>
            <div class="form-actions">
                <button type="button" id="client-test" class="button" disabled=move || testing.get() on:click=test>
                    {move || if testing.get() { fl!(LOADER, "client-testing") } else { fl!(LOADER, "client-test") }}
                </button>
                <Show when=move || state() == Some(HostKeyState::Pending)>
                    <button type="button" id="client-host-accept" class="button button-primary" on:click=move |_| asking.set(true)>
                        {move || ClientAction::AcceptHost.label()}
                    </button>
                </Show>
            </div>
            <ClientActionDialog action=ClientAction::AcceptHost client=client asking=asking>
                <p>{move || fl!(LOADER, "client-host-accept-body")}</p>
                <pre class="command">"ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub"</pre>
                <p><code id="accept-fingerprint">{move || fingerprint(client)}</code></p>
            </ClientActionDialog>
        </section>
    }
}

/// The client's host key fingerprint.
fn fingerprint(client: RwSignal<Option<Client>>) -> String {
    client.with(|c| {
        c.as_ref()
            .and_then(|c| c.host_key_fingerprint.clone())
            .unwrap_or_default()
    })
}

/// The host key's state (in words and in `data-state`) and its fingerprint.
#[component]
fn HostKeyLine(client: RwSignal<Option<Client>>) -> impl IntoView {
    let state = move || client.with(|c| c.as_ref().map(|c| c.host_key_state));
    view! {
        <p class="host-key" id="client-host-key" data-state=move || match state() {
            Some(HostKeyState::Pending) => "pending",
            Some(HostKeyState::Accepted) => "accepted",
            _ => "unknown",
        }>
            <strong>{move || fl!(LOADER, "host-key")}</strong>" "
            {move || match state() {
                Some(HostKeyState::Pending) => fl!(LOADER, "host-key-pending"),
                Some(HostKeyState::Accepted) => fl!(LOADER, "host-key-accepted"),
                _ => fl!(LOADER, "host-key-unknown"),
            }}" "
            <code id="client-host-fingerprint">{move || fingerprint(client)}</code>
        </p>
    }
}
