//! The recovery codes just made, shown once: a warning, the codes to copy or print, and
//! "I have saved them".

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::copy::CopyBox;
use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;

/// The panel of new recovery codes, until `on_done`.
#[component]
pub fn RecoveryCodesPanel(codes: Vec<String>, on_done: Callback<()>) -> impl IntoView {
    let rows = u32::try_from(codes.len()).unwrap_or(10);
    let text = codes.join("\n");
    view! {
        <section class="panel secret-panel" id="totp-codes-panel" aria-labelledby="totp-codes-title">
            <h2 id="totp-codes-title">{move || fl!(LOADER, "totp-recovery-title")}</h2>
            <Alert
                id="totp-codes-warning"
                kind=AlertKind::Warning
                message=Signal::derive(move || Some(fl!(LOADER, "totp-codes-warning")))
            />
            <CopyBox
                id="totp-codes"
                label=Signal::derive(move || fl!(LOADER, "totp-recovery-title"))
                text=Signal::derive(move || text.clone())
                rows=rows
            />
            <button
                id="totp-codes-done"
                type="button"
                class="button button-primary"
                on:click=move |_| on_done.run(())
            >
                {move || fl!(LOADER, "totp-codes-done")}
            </button>
        </section>
    }
}
