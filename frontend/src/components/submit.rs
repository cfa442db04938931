//! The primary submit button of a form: disabled, and saying so, while the form is sent.

use leptos::prelude::*;

/// `<button type="submit" class="button button-primary">` showing `busy` while `pending`
/// (and refusing a second click then), else `idle`.
#[component]
pub fn SubmitButton(
    /// The element id (`password-submit`).
    id: &'static str,
    /// Whether the form is being sent.
    #[prop(into)]
    pending: Signal<bool>,
    /// The label at rest (`|| fl!(LOADER, "save")`).
    idle: fn() -> String,
    /// The label while sending (`|| fl!(LOADER, "saving")`).
    busy: fn() -> String,
) -> impl IntoView {
    view! {
        <button id=id type="submit" class="button button-primary" disabled=move || pending.get()>
            {move || if pending.get() { busy() } else { idle() }}
        </button>
    }
}
