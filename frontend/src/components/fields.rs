//! Labelled inputs that show their field's problem next to them: one-line and multi-line
//! text, checkboxes, selects, and the folded "Advanced" section.

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
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>
                {move || label.get()}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
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
            {help.map(|h| view! { <p class="field-help" id=format!("{id}-help")>{move || h.get()}</p> })}
            <FieldError id=error_id message=error />
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
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
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
            {help.map(|h| view! { <p class="field-help" id=format!("{id}-help")>{move || h.get()}</p> })}
            <FieldError id=error_id message=error />
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
            {help.map(|h| view! { <p class="field-help" id=format!("{id}-help")>{move || h.get()}</p> })}
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
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>
                {move || label.get()}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
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
            {help.map(|h| view! { <p class="field-help" id=format!("{id}-help")>{move || h.get()}</p> })}
            <FieldError id=error_id message=error />
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
