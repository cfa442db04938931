//! The unsaved-changes warning: while a form has changes that were not saved, leaving the
//! page asks first — closing or reloading the tab (the browser's own `beforeunload`
//! question), following a link inside the app or going back and forward in the history
//! (a localised confirmation).

use std::cell::Cell;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BeforeUnloadEvent, HtmlAnchorElement, MouseEvent};

use crate::i18n::LOADER;

thread_local! {
    /// Whether the form on screen has unsaved changes.
    static DIRTY: Cell<bool> = const { Cell::new(false) };
    /// True while undoing a refused back/forward step (its own `popstate` is swallowed).
    static RESTORING: Cell<bool> = const { Cell::new(false) };
}

/// Asks whether to leave despite the unsaved changes.
fn confirm_leave() -> bool {
    let question = fl!(LOADER, "unsaved-confirm");
    web_sys::window()
        .and_then(|w| w.confirm_with_message(&question).ok())
        .unwrap_or(true)
}

fn is_dirty() -> bool {
    DIRTY.with(Cell::get)
}

fn set_dirty(value: bool) {
    DIRTY.with(|d| d.set(value));
}

/// Declares the page's form as changed while `dirty` is true; forgotten when the page
/// goes away. Call once per form.
pub fn use_unsaved(dirty: Signal<bool>) {
    Effect::new(move |_| set_dirty(dirty.get()));
    on_cleanup(|| set_dirty(false));
}

/// Forgets the changes at once (before navigating away after saving or deleting).
pub fn discard() {
    set_dirty(false);
}

/// Installs the two listeners on the window; call once when the app starts.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let before_unload = Closure::<dyn Fn(BeforeUnloadEvent)>::new(|ev: BeforeUnloadEvent| {
        if is_dirty() {
            ev.prevent_default();
            // Older browsers need a return value; they show their own text anyway.
            ev.set_return_value("unsaved");
        }
    });
    // Ignoring the errors: adding a listener to the window cannot fail.
    let _ = window
        .add_event_listener_with_callback("beforeunload", before_unload.as_ref().unchecked_ref());
    before_unload.forget();

    // Capture phase: runs before the router's own click handler (bubble phase), which
    // leaves prevented clicks alone.
    let click = Closure::<dyn Fn(MouseEvent)>::new(|ev: MouseEvent| {
        if !is_dirty() || !leaves_page(&ev) {
            return;
        }
        if confirm_leave() {
            set_dirty(false);
        } else {
            ev.prevent_default();
            ev.stop_immediate_propagation();
        }
    });
    let _ = window.add_event_listener_with_callback_and_bool(
        "click",
        click.as_ref().unchecked_ref(),
        true,
    );
    click.forget();

    // Back and forward: the address has already changed when `popstate` arrives. This
    // listener is added before the router's, so stopping the event hides it from the
    // router; a refused step is undone by stepping forward again.
    let pop = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if RESTORING.with(|r| r.replace(false)) {
            ev.stop_immediate_propagation();
            return;
        }
        if !is_dirty() {
            return;
        }
        if confirm_leave() {
            set_dirty(false);
        } else {
            ev.stop_immediate_propagation();
            RESTORING.with(|r| r.set(true));
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                // Ignoring the error: going forward again cannot fail after going back.
                let _ = history.forward();
            }
        }
    });
    let _ = window.add_event_listener_with_callback("popstate", pop.as_ref().unchecked_ref());
    pop.forget();
}

/// Whether a click follows a link to another page of this tab.
fn leaves_page(ev: &MouseEvent) -> bool {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return false;
    }
    let path = ev.composed_path();
    let anchor = (0..path.length()).find_map(|i| path.get(i).dyn_into::<HtmlAnchorElement>().ok());
    let Some(a) = anchor else {
        return false;
    };
    if !a.target().is_empty() || a.has_attribute("download") || a.href().is_empty() {
        return false;
    }
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let without_hash = |s: &str| s.split('#').next().unwrap_or_default().to_owned();
    without_hash(&a.href()) != without_hash(&here)
}
