//! A read-only text (a key, a command) with a Copy button. The text is data: it is set as
//! the field's value, never parsed as markup.

use i18n_embed_fl::fl;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::LOADER;

/// A labelled read-only text area with a copy button and its status line.
#[component]
pub fn CopyBox(
    /// The text area's id; the button is `{id}-copy`, the status `{id}-status`.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] text: Signal<String>,
    #[prop(default = 2)] rows: u32,
    #[prop(optional, into)] help: Option<Signal<String>>,
) -> impl IntoView {
    let area = NodeRef::<html::Textarea>::new();
    let status = RwSignal::new(None::<String>);
    let select = move || {
        if let Some(el) = area.get_untracked() {
            el.select();
        }
    };
    let copy = move |_| {
        let value = text.get_untracked();
        let Some(clipboard) = clipboard() else {
            select();
            status.set(Some(fl!(LOADER, "copy-manual")));
            return;
        };
        spawn_local(async move {
            if JsFuture::from(clipboard.write_text(&value)).await.is_ok() {
                status.set(Some(fl!(LOADER, "copy-done")));
            } else {
                select();
                status.set(Some(fl!(LOADER, "copy-manual")));
            }
        });
    };
    view! {
        <div class="field copy-box">
            <label for=id>{move || label.get()}</label>
            <div class="copy-row">
                <textarea
                    id=id
                    data-testid=id
                    class="mono copy-text"
                    readonly
                    rows=rows.to_string()
                    spellcheck="false"
                    node_ref=area
                    prop:value=move || text.get()
                    on:focus=move |_| select()
                ></textarea>
                <button type="button" id=format!("{id}-copy") class="button" on:click=copy>
                    {move || fl!(LOADER, "copy")}
                </button>
            </div>
            {help.map(|h| view! { <p class="field-help">{move || h.get()}</p> })}
            <p class="copy-status" role="status" id=format!("{id}-status")>{move || status.get()}</p>
        </div>
    }
}

/// `navigator.clipboard`, which browsers only offer on secure pages (https, localhost).
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    present.then(|| navigator.clipboard())
}
