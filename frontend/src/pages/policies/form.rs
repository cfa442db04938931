//! The policy editor (`/policies/new`, `/policies/{id}`): name and description, one tab
//! per level, the default include/exclude patterns, the live preview and the help panel.

use i18n_embed_fl::fl;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use shared::policies::{LevelName, Policy};

use super::draft::PolicyDraft;
use super::help::PolicyHelp;
use super::level::LevelEditor;
use super::preview::SchedulePreview;
use crate::components::fields::{NameFields, TextArea};
use crate::components::form::FormState;
use crate::components::page::PageTitle;
use crate::i18n::LOADER;
use crate::labels;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::scaffold::entity_form::{use_entity_form, EntityFormBody, SubmitHooks};
use crate::state::use_session;

/// The policy form; `id` is `None` for a new policy.
#[component]
pub fn PolicyForm(id: Option<i64>) -> impl IntoView {
    let session = use_session();
    let draft = PolicyDraft::new();
    if id.is_none() {
        // A new policy starts like the original default: daily at 21:00, keep 7.
        draft.levels[1].switch_on();
        draft.levels[1].enabled.set(true);
    }
    let page = use_entity_form::<Policy, _>(id, draft, true);
    let form = page.form;
    let tab = RwSignal::new(LevelName::Daily);
    let deleting = RwSignal::new(false);
    let read_only = !untrack(|| session.is_admin());
    // Show the first level with a problem.
    let on_problems = Callback::new(move |fields: Vec<String>| {
        if let Some(level) = fields.iter().find_map(|f| level_of(f)) {
            tab.set(level);
        }
    });
    let submit = page.submit(SubmitHooks {
        on_problems: Some(on_problems),
        ..SubmitHooks::default()
    });
    let title = page.title(
        || fl!(LOADER, "policy-new-title"),
        |name| fl!(LOADER, "policy-edit-title", name = name),
    );
    let schedule = Signal::derive(move || draft.schedule());
    view! {
        <PageTitle title=title />
        <div class="page-actions">
            <a class="button" href=crate::paths::href("/policies") id="policy-back">{move || fl!(LOADER, "back-to-list")}</a>
            {id.filter(|_| !read_only).map(|_| view! {
                <button type="button" id="policy-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <div class="form-page">
            <div class="form-column">
                <EntityFormBody name="policy" page=page on_submit=submit wide=true read_only=read_only>
                    {read_only.then(|| view! { <p class="alert alert-warning" id="policy-read-only">{fl!(LOADER, "policy-read-only")}</p> })}
                    <fieldset class="panel plain" disabled=read_only>
                        <NameFields ids=("policy-name", "policy-description") label=Signal::derive(move || fl!(LOADER, "policy-name")) name=draft.name description=draft.description form=form />
                    </fieldset>
                    <section class="panel" aria-labelledby="policy-schedule-title">
                        <h2 id="policy-schedule-title">{move || fl!(LOADER, "policy-schedule")}</h2>
                        <p class="field-help">{move || fl!(LOADER, "policy-schedule-intro")}</p>
                        <LevelTabs draft=draft form=form tab=tab />
                        {draft.levels.into_iter().map(|level| {
                            let name = level.name;
                            view! { <LevelEditor level=level form=form hidden=Signal::derive(move || tab.get() != name) read_only=read_only /> }
                        }).collect_view()}
                        <SchedulePreview schedule=schedule />
                    </section>
                    <PatternFields draft=draft form=form read_only=read_only />
                </EntityFormBody>
            </div>
            <PolicyHelp />
        </div>
        {move || deleting.get().then(|| view! {
            <CatalogRemoval
                kind=Kind::Policy
                id=id.unwrap_or_default()
                name=draft.name.get_untracked()
                on_done=page.after_removal("/policies", move || deleting.set(false))
            />
        })}
    }
}

/// One tab per level, marked when the level is on (with how many it keeps) and when it
/// has a problem; the arrow keys, Home and End move between them.
#[component]
fn LevelTabs(draft: PolicyDraft, form: FormState, tab: RwSignal<LevelName>) -> impl IntoView {
    let on_tab_key = move |ev: KeyboardEvent| {
        let i = LevelName::ALL
            .iter()
            .position(|l| *l == tab.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % 5,
            "ArrowLeft" => (i + 4) % 5,
            "Home" => 0,
            "End" => 4,
            _ => return,
        };
        ev.prevent_default();
        tab.set(LevelName::ALL[next]);
        focus(&format!("policy-tab-{}", LevelName::ALL[next].as_str()));
    };
    let tab_problem = move |level: LevelName| {
        let prefix = format!("schedule.{}.", level.as_str());
        Signal::derive(move || has_problem(form, &prefix))
    };

    view! {
        <div role="tablist" class="tabs" aria-labelledby="policy-schedule-title" on:keydown=on_tab_key>
            {LevelName::ALL.into_iter().enumerate().map(|(i, level)| {
                let key = level.as_str();
                let problem = tab_problem(level);
                let enabled = draft.levels[i].enabled;
                let keep = draft.levels[i].keep;
                view! {
                    <button
                        type="button"
                        role="tab"
                        id=format!("policy-tab-{key}")
                        class="tab"
                        class:tab-on=move || enabled.get()
                        class:tab-problem=move || problem.get()
                        aria-selected=move || (tab.get() == level).to_string()
                        aria-controls=format!("policy-panel-{key}")
                        tabindex=move || if tab.get() == level { "0" } else { "-1" }
                        on:click=move |_| tab.set(level)
                    >
                        {move || labels::level_name(level)}
                        <span class="tab-state">
                            {move || if enabled.get() { format!(" ✓ {}", keep.get()) } else { String::new() }}
                        </span>
                        {move || problem.get().then(|| view! { <span class="tab-alert">" !"<span class="visually-hidden">{fl!(LOADER, "policy-tab-problem")}</span></span> })}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// The default exclude and include patterns the policy's jobs inherit.
#[component]
fn PatternFields(draft: PolicyDraft, form: FormState, read_only: bool) -> impl IntoView {
    view! {
        <fieldset class="panel plain" aria-labelledby="policy-patterns-title" disabled=read_only>
            <h2 id="policy-patterns-title">{move || fl!(LOADER, "policy-patterns")}</h2>
            <TextArea id="policy-exclude" label=Signal::derive(move || fl!(LOADER, "job-exclude")) value=draft.exclude error=form.error("exclude") mono=true rows=4 />
            <TextArea id="policy-include" label=Signal::derive(move || fl!(LOADER, "job-include")) value=draft.include error=form.error("include") mono=true rows=3 />
        </fieldset>
    }
}

/// The level a field error belongs to (`schedule.daily.keep` → daily).
fn level_of(field: &str) -> Option<LevelName> {
    let rest = field.strip_prefix("schedule.")?;
    LevelName::ALL
        .into_iter()
        .find(|l| rest.split('.').next() == Some(l.as_str()))
}

fn has_problem(form: FormState, prefix: &str) -> bool {
    form.problem_fields().iter().any(|f| f.starts_with(prefix))
}

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}
