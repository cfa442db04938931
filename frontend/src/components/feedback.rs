//! Messages shown to the user: alerts after an action and errors next to form fields.

use leptos::prelude::*;

/// How an alert looks and is announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertKind {
    /// Something went wrong (announced assertively).
    Error,
    /// An action worked (announced politely).
    Success,
    /// Something to keep in mind.
    Warning,
}

/// An alert box, rendered only while `message` is `Some`.
#[component]
pub fn Alert(
    /// Element id, for tests and `aria-describedby`.
    #[prop(into)]
    id: String,
    kind: AlertKind,
    /// The localised text; the alert is hidden while `None`.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    let (class, role) = match kind {
        AlertKind::Error => ("alert alert-error", "alert"),
        AlertKind::Success => ("alert alert-success", "status"),
        AlertKind::Warning => ("alert alert-warning", "note"),
    };
    move || {
        message.get().map(|text| {
            view! {
                <div id=id.clone() class=class role=role data-testid=id.clone()>
                    {text}
                </div>
            }
        })
    }
}

/// The error line under a form field, rendered only while `message` is `Some`. Give the
/// input `aria-describedby` with the same id.
#[component]
pub fn FieldError(
    /// Element id, e.g. `prefs-page-size-error`.
    #[prop(into)]
    id: String,
    /// The localised text; nothing is shown while `None`.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|text| {
            view! {
                <p id=id.clone() class="field-error" data-testid=id.clone()>
                    {text}
                </p>
            }
        })
    }
}
