//! The modal `<dialog>` frame every dialog of the app is drawn in, and the confirmation
//! dialog of destructive actions: it says what will be removed, with Cancel (focused
//! first) and a red confirm button. Escape cancels.

use i18n_embed_fl::fl;
use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::components::feedback::{Alert, AlertKind};
use crate::components::layout::focus_content;
use crate::i18n::LOADER;

/// A dialog node that opens as a modal as soon as it is in the document.
fn modal_node() -> NodeRef<html::Dialog> {
    let node = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(dialog) = node.get() {
            if !dialog.open() {
                // Ignoring the error: it only fails when the dialog is not in the document.
                let _ = dialog.show_modal();
            }
        }
    });
    node
}

/// Gives the keyboard focus back when the dialog being built goes away (WCAG 2.4.3): to
/// the element that had it when the dialog opened, or, when that is gone (the row just
/// deleted), to the page's main region. A modal `<dialog>` removed from the document
/// rather than closed gives focus back to nobody, so this does it.
fn give_focus_back_on_close() {
    let opener = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    // The cleanup must be `Send`; the app has one thread, so the wrapper never panics.
    let opener = SendWrapper::new(opener);
    on_cleanup(move || {
        let opener = opener.take();
        // After the frame: the dialog must have left the document, and a page the dialog's
        // action navigated to must have been drawn.
        request_animation_frame(move || {
            let target = opener
                .filter(|o| o.is_connected() && o.tag_name() != "BODY")
                .map(|o| summary_of_folded_menu(&o).unwrap_or(o));
            let focused = target.is_some_and(|t| {
                // Ignoring the error: a hidden element refuses focus, which is checked next.
                let _ = t.focus();
                document().active_element().is_some_and(|a| a == *t)
            });
            if !focused {
                focus_content();
            }
        });
    });
}

/// The `<summary>` of the folded menu `element` is in (a row menu folds as its item opens
/// a dialog): the item itself is hidden then and cannot take the focus.
fn summary_of_folded_menu(element: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    element
        .closest("details:not([open])")
        .ok()
        .flatten()?
        .query_selector("summary")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// What Tab stops at inside a dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

/// Keeps Tab and Shift+Tab inside the open dialog: from its last control to its first and
/// back, rather than out to the browser's own controls (the page behind is inert).
fn keep_tab_inside(dialog: &web_sys::HtmlDialogElement, ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let Ok(found) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    // Only what is drawn: a control in a closed section has no size.
    let controls: Vec<web_sys::HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|e| e.offset_width() > 0 || e.offset_height() > 0)
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = document().active_element();
    let on = |e: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == &**e);
    let on_dialog = active.as_ref().is_some_and(|a| a == &***dialog);
    let wrap_to = if ev.shift_key() && (on(first) || on_dialog) {
        Some(last)
    } else if !ev.shift_key() && on(last) {
        Some(first)
    } else {
        None
    };
    if let Some(target) = wrap_to {
        ev.prevent_default();
        // Ignoring the error: a drawn control takes the focus.
        let _ = target.focus();
    }
}

/// The `<dialog>` of every modal of the app, open while it is rendered: labelled by its
/// title (`{id}-title`, which `children` holds); Escape calls `on_escape` unless `busy`.
#[component]
pub fn DialogFrame(
    /// The dialog's id and `data-testid`.
    id: &'static str,
    class: &'static str,
    /// While true, Escape is refused (an action is under way).
    #[prop(into)]
    busy: Signal<bool>,
    on_escape: Callback<()>,
    children: Children,
) -> impl IntoView {
    give_focus_back_on_close();
    let node = modal_node();
    view! {
        <dialog
            id=id
            data-testid=id
            class=class
            aria-labelledby=format!("{id}-title")
            node_ref=node
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if let Some(dialog) = node.get_untracked() {
                    keep_tab_inside(&dialog, &ev);
                }
            }
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                if !busy.get_untracked() {
                    on_escape.run(());
                }
            }
        >
            {children()}
        </dialog>
    }
}

/// A modal confirmation, open while it is rendered.
#[component]
pub fn ConfirmDialog(
    /// The dialog's id (its buttons are `{id}-confirm` and `{id}-cancel`).
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    /// The confirm button's text ("Delete").
    #[prop(into)]
    confirm_label: Signal<String>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    /// True while the action runs: the buttons are disabled.
    #[prop(into)]
    pending: Signal<bool>,
    /// Why the action failed, shown inside the dialog.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// What will happen, in words and lists.
    children: Children,
) -> impl IntoView {
    view! {
        <DialogFrame id=id class="dialog" busy=pending on_escape=on_cancel>
            <h2 id=format!("{id}-title") class="dialog-title">{move || title.get()}</h2>
            <div class="dialog-body">{children()}</div>
            <Alert id="confirm-error" kind=AlertKind::Error message=error />
            <div class="dialog-actions">
                <button
                    type="button"
                    id=format!("{id}-cancel")
                    data-testid="confirm-cancel"
                    class="button"
                    autofocus
                    disabled=move || pending.get()
                    on:click=move |_| on_cancel.run(())
                >
                    {move || fl!(LOADER, "cancel")}
                </button>
                <button
                    type="button"
                    id=format!("{id}-confirm")
                    data-testid="confirm-ok"
                    class="button button-danger"
                    disabled=move || pending.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {move || {
                        if pending.get() { fl!(LOADER, "working") } else { confirm_label.get() }
                    }}
                </button>
            </div>
        </DialogFrame>
    }
}
