//! Labelled inputs that show their field's problem next to them: one-line and multi-line
//! text, checkboxes, selects, and the folded "Advanced" section; and the search box of
//! the list toolbars.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::feedback::FieldError;
use crate::components::form::FormState;
use crate::i18n::LOADER;

fn described_by(id: &str, help: bool) -> String {
    if help {
        format!("{id}-help {id}-error")
    } else {
        format!("{id}-error")
    }
}

/// The label of the control `id`, with a " *" when the field is required.
fn field_label(id: &'static str, label: Signal<String>, required: bool) -> impl IntoView {
    view! {
        <label for=id>
            {move || label.get()}
            {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
        </label>
    }
}

/// The lines under the control `id`: its help (`{id}-help`) and its error (`{id}-error`),
/// where it has them.
fn field_notes(
    id: &'static str,
    help: Option<Signal<String>>,
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    view! {
        {help.map(|h| view! { <p class="field-help" id=format!("{id}-help")>{move || h.get()}</p> })}
        {error.map(|e| view! { <FieldError id=format!("{id}-error") message=e /> })}
    }
}

/// A labelled one-line input with its help line and error.
#[component]
pub fn TextField(
    /// The input's id; the error line is `{id}-error`, the help line `{id}-help`.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// A short hint under the input.
    #[prop(optional, into)]
    help: Option<Signal<String>>,
    /// `text`, `number`, `email`, `password`, `url`…
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] min: Option<i64>,
    #[prop(optional)] max: Option<i64>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] placeholder: Option<Signal<String>>,
    /// Extra classes of the input (`input-short`, `mono`).
    #[prop(default = "")]
    class: &'static str,
) -> impl IntoView {
    let has_help = help.is_some();
    view! {
        <div class="field">
            {field_label(id, label, required)}
            <input
                id=id
                name=id
                type=input_type
                class=class
                required=required
                disabled=move || disabled.get()
                min=min.map(|m| m.to_string())
                max=max.map(|m| m.to_string())
                maxlength=maxlength.map(|m| m.to_string())
                autocomplete=autocomplete
                spellcheck="false"
                placeholder=move || placeholder.map(|p| p.get())
                aria-describedby=described_by(id, has_help)
                aria-invalid=move || error.get().is_some().to_string()
                bind:value=value
            />
            {field_notes(id, help, Some(error))}
        </div>
    }
}

/// A labelled multi-line input (one entry per line for lists).
#[component]
pub fn TextArea(
    /// The textarea's id; the error line is `{id}-error`, the help line `{id}-help`.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] help: Option<Signal<String>>,
    #[prop(default = 3)] rows: u32,
    /// Monospaced, for patterns and options.
    #[prop(optional)]
    mono: bool,
    #[prop(optional, into)] placeholder: Option<Signal<String>>,
) -> impl IntoView {
    let has_help = help.is_some();
    view! {
        <div class="field">
            {field_label(id, label, false)}
            <textarea
                id=id
                name=id
                rows=rows.to_string()
                class:mono=mono
                spellcheck=(!mono).to_string()
                placeholder=move || placeholder.map(|p| p.get())
                aria-describedby=described_by(id, has_help)
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            {field_notes(id, help, Some(error))}
        </div>
    }
}

/// A checkbox with its label on the right and an optional help line.
#[component]
pub fn CheckField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    checked: RwSignal<bool>,
    #[prop(optional, into)] help: Option<Signal<String>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let has_help = help.is_some();
    view! {
        <div class="field field-check">
            <label class="check">
                <input
                    id=id
                    name=id
                    type="checkbox"
                    disabled=move || disabled.get()
                    aria-describedby=has_help.then(|| format!("{id}-help"))
                    bind:checked=checked
                />
                {move || label.get()}
            </label>
            {field_notes(id, help, None)}
        </div>
    }
}

/// A labelled `<select>`; `options` are `(value, label)` pairs.
#[component]
pub fn SelectField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] help: Option<Signal<String>>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let has_help = help.is_some();
    view! {
        <div class="field">
            {field_label(id, label, required)}
            <select
                id=id
                name=id
                required=required
                disabled=move || disabled.get()
                aria-describedby=described_by(id, has_help)
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = value.get_untracked() == v;
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {field_notes(id, help, Some(error))}
        </div>
    }
}

/// The search box of a list's toolbar: its label, for screen readers only, is also its
/// placeholder.
#[component]
pub fn SearchBox<F>(
    id: &'static str,
    label: fn() -> String,
    /// The text shown in the box.
    value: RwSignal<String>,
    /// The `input` handler (which updates `value`).
    on_input: F,
) -> impl IntoView
where
    F: Fn(leptos::ev::Event) + Clone + 'static,
{
    view! {
        <div class="toolbar-search">
            <label for=id class="visually-hidden">{label}</label>
            <input
                id=id
                type="search"
                autocomplete="off"
                placeholder=label
                prop:value=move || value.get()
                on:input=on_input
            />
        </div>
    }
}

/// The folded "Advanced" section of a form; it unfolds itself when `problems` becomes
/// true, so that errors inside it are seen.
#[component]
pub fn Advanced(
    id: &'static str,
    #[prop(into)] problems: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        if problems.get() {
            if let Some(el) = node.get() {
                el.set_open(true);
            }
        }
    });
    view! {
        <details class="advanced" id=id node_ref=node>
            <summary>{move || fl!(LOADER, "advanced")}</summary>
            {children()}
        </details>
    }
}

/// The name (required, up to 100 characters) and description every catalog object has.
#[component]
pub fn NameFields(
    /// The ids of the two inputs (`client-name`, `client-description`).
    ids: (&'static str, &'static str),
    /// The name's localised label.
    #[prop(into)]
    label: Signal<String>,
    name: RwSignal<String>,
    description: RwSignal<String>,
    form: FormState,
) -> impl IntoView {
    view! {
        <TextField id=ids.0 label=label value=name error=form.error("name") required=true maxlength=100 />
        <TextArea
            id=ids.1
            label=Signal::derive(move || fl!(LOADER, "description"))
            value=description
            error=form.error("description")
            rows=2
        />
    }
}
