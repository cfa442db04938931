//! The one-time display of a new secret (an API token): the value, a copy button and the
//! warning that it will not be shown again.

use i18n_embed_fl::fl;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;

/// What happened when the user asked to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    /// It is on the clipboard.
    Done,
    /// No clipboard access (e.g. plain http): the text is selected for Ctrl+C instead.
    Manual,
}

/// A panel holding `secret` until the user says they have copied it (`on_done`).
#[component]
pub fn SecretPanel(
    /// The secret to show, once.
    secret: String,
    /// Called when the user dismisses the panel.
    on_done: Callback<()>,
) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let copied = RwSignal::new(None::<Copied>);
    let secret_for_copy = secret.clone();
    let copy = move |_| {
        let text = secret_for_copy.clone();
        let Some(clipboard) = clipboard() else {
            select(input);
            copied.set(Some(Copied::Manual));
            return;
        };
        spawn_local(async move {
            if JsFuture::from(clipboard.write_text(&text)).await.is_ok() {
                copied.set(Some(Copied::Done));
            } else {
                select(input);
                copied.set(Some(Copied::Manual));
            }
        });
    };
    let copy_status = Signal::derive(move || {
        copied.get().map(|c| match c {
            Copied::Done => fl!(LOADER, "tokens-copied"),
            Copied::Manual => fl!(LOADER, "tokens-copy-manual"),
        })
    });
    view! {
        <section
            class="panel secret-panel"
            id="token-secret-panel"
            data-testid="token-secret-panel"
            aria-labelledby="token-secret-title"
        >
            <h2 id="token-secret-title">{move || fl!(LOADER, "tokens-secret-title")}</h2>
            <Alert
                id="token-secret-warning"
                kind=AlertKind::Warning
                message=Signal::derive(move || Some(fl!(LOADER, "tokens-secret-warning")))
            />
            <div class="secret-row">
                <input
                    id="token-secret"
                    data-testid="token-secret"
                    class="mono secret-value"
                    type="text"
                    readonly
                    spellcheck="false"
                    autocomplete="off"
                    aria-label=move || fl!(LOADER, "tokens-secret-label")
                    node_ref=input
                    prop:value=secret
                    on:focus=move |_| select(input)
                />
                <button id="token-copy" type="button" class="button" on:click=copy>
                    {move || fl!(LOADER, "tokens-copy")}
                </button>
            </div>
            <p class="copy-status" role="status" id="token-copy-status">
                {move || copy_status.get()}
            </p>
            <button
                id="token-secret-dismiss"
                type="button"
                class="button button-primary"
                on:click=move |_| on_done.run(())
            >
                {move || fl!(LOADER, "tokens-secret-done")}
            </button>
        </section>
    }
}

/// `navigator.clipboard`, which browsers only offer on secure pages (https, localhost).
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    present.then(|| navigator.clipboard())
}

fn select(input: NodeRef<html::Input>) {
    if let Some(el) = input.get_untracked() {
        el.select();
    }
}
