//! Choosers fed with lists the page has loaded: scripts to attach before or after a
//! backup (only those allowed for that use are offered).

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::scripts::{Script, ScriptUses};

use crate::i18n::LOADER;

/// A group of checkboxes, one per script allowed for this use, ticked when attached.
#[component]
pub fn ScriptPicker(
    /// The group's id; each checkbox is `{id}-{script id}`.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] scripts: Signal<Vec<Script>>,
    /// Whether a script may be used here.
    allowed: fn(&ScriptUses) -> bool,
    selected: RwSignal<Vec<i64>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let legend_id = format!("{id}-legend");
    let choices = move || {
        let chosen = selected.get();
        let list: Vec<Script> = scripts.with(|all| {
            all.iter()
                .filter(|s| allowed(&s.uses) || chosen.contains(&s.id))
                .cloned()
                .collect()
        });
        if list.is_empty() {
            return view! { <p class="field-help">{fl!(LOADER, "scripts-none-allowed")}</p> }
                .into_any();
        }
        list.into_iter()
            .map(|s| {
                let sid = s.id;
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            id=format!("{id}-{sid}")
                            data-script-name=s.name.clone()
                            prop:checked=move || selected.with(|v| v.contains(&sid))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|v| {
                                    v.retain(|x| *x != sid);
                                    if on {
                                        v.push(sid);
                                    }
                                });
                            }
                        />
                        {s.name}
                    </label>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset class="field checks" id=id aria-describedby=format!("{id}-error")>
            <legend id=legend_id>{move || label.get()}</legend>
            {choices}
            <crate::components::feedback::FieldError id=format!("{id}-error") message=error />
        </fieldset>
    }
}

/// Whether a script may be used in one place.
type Allowed = fn(&ScriptUses) -> bool;

/// Whose scripts a pair of pickers chooses: a client's (around all its jobs) or a job's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptsOf {
    Client,
    Job,
}

/// The two pickers of a form: the scripts run before, and those run after.
#[component]
pub fn PrePostScripts(
    of: ScriptsOf,
    #[prop(into)] scripts: Signal<Vec<Script>>,
    pre: RwSignal<Vec<i64>>,
    post: RwSignal<Vec<i64>>,
    /// The problems with `pre_scripts` and `post_scripts`.
    errors: (Signal<Option<String>>, Signal<Option<String>>),
) -> impl IntoView {
    let (pre_id, post_id) = match of {
        ScriptsOf::Client => ("client-pre-scripts", "client-post-scripts"),
        ScriptsOf::Job => ("job-pre-scripts", "job-post-scripts"),
    };
    let allowed: [Allowed; 2] = match of {
        ScriptsOf::Client => [|u| u.client_pre, |u| u.client_post],
        ScriptsOf::Job => [|u| u.job_pre, |u| u.job_post],
    };
    let label = move |before: bool| {
        Signal::derive(move || match (of, before) {
            (ScriptsOf::Client, true) => fl!(LOADER, "client-pre-scripts"),
            (ScriptsOf::Client, false) => fl!(LOADER, "client-post-scripts"),
            (ScriptsOf::Job, true) => fl!(LOADER, "job-pre-scripts"),
            (ScriptsOf::Job, false) => fl!(LOADER, "job-post-scripts"),
        })
    };
    view! {
        <ScriptPicker id=pre_id label=label(true) scripts=scripts allowed=allowed[0] selected=pre error=errors.0 />
        <ScriptPicker id=post_id label=label(false) scripts=scripts allowed=allowed[1] selected=post error=errors.1 />
    }
}
