//! The policy editor (`/policies/new`, `/policies/{id}`): name and description, one tab
//! per level, the default include/exclude patterns, the live preview and the help panel.

use i18n_embed_fl::fl;
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::policies::{LevelName, Policy, PolicyInput};

use super::draft::PolicyDraft;
use super::help::PolicyHelp;
use super::level::LevelEditor;
use super::preview::SchedulePreview;
use crate::api::catalog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::{TextArea, TextField};
use crate::components::form::FormState;
use crate::components::page::{Loading, PageTitle};
use crate::components::unsaved::{discard, use_unsaved};
use crate::i18n::LOADER;
use crate::labels;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::state::use_session;

/// The policy form; `id` is `None` for a new policy.
#[component]
pub fn PolicyForm(id: Option<i64>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let draft = PolicyDraft::new();
    let form = FormState::new();
    let policy = RwSignal::new(None::<Policy>);
    let baseline = RwSignal::new(None::<PolicyInput>);
    let tab = RwSignal::new(LevelName::Daily);
    let deleting = RwSignal::new(false);
    let read_only = !untrack(|| session.is_admin());

    if query.with_untracked(|q| q.get("saved").is_some()) {
        form.notice.set(Some(fl!(LOADER, "saved")));
    }
    let loaded = move |p: Policy| {
        draft.load(&p);
        baseline.set(Some(untrack(|| draft.build()).0));
        policy.set(Some(p));
    };
    match id {
        Some(id) => spawn_local(async move {
            match catalog::policy(id).await {
                Ok(p) => loaded(p),
                Err(f) => form.fail(session, f),
            }
        }),
        None => {
            // A new policy starts like the original default: daily at 21:00, keep 7.
            draft.levels[1].switch_on();
            draft.levels[1].enabled.set(true);
            baseline.set(Some(untrack(|| draft.build()).0));
        }
    }
    let dirty = Memo::new(move |_| {
        let now = draft.build().0;
        baseline.with(|b| b.as_ref().is_some_and(|b| *b != now))
    });
    use_unsaved(dirty.into());

    let nav = navigate.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.clear();
        let (input, mut issues) = untrack(|| draft.build());
        issues.extend(input.validate());
        if !form.check(&issues) {
            // Show the first level with a problem.
            if let Some(level) = issues.iter().find_map(|i| level_of(&i.field)) {
                tab.set(level);
            }
            return;
        }
        form.pending.set(true);
        let navigate = nav.clone();
        spawn_local(async move {
            let answer = match id {
                Some(id) => catalog::update_policy(id, &input).await,
                None => catalog::create_policy(&input).await,
            };
            form.pending.set(false);
            match answer {
                Ok(saved) if id.is_none() => {
                    discard();
                    navigate(
                        &format!("/policies/{}?saved=1", saved.id),
                        Default::default(),
                    );
                }
                Ok(saved) => {
                    loaded(saved);
                    form.notice.set(Some(fl!(LOADER, "saved")));
                }
                Err(f) => {
                    let first = f.fields.iter().find_map(|e| level_of(&e.field));
                    form.fail(session, f);
                    if let Some(level) = first {
                        tab.set(level);
                    }
                }
            }
        });
    };
    let title = Signal::derive(move || match id {
        None => fl!(LOADER, "policy-new-title"),
        Some(_) => fl!(
            LOADER,
            "policy-edit-title",
            name = policy.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default())
        ),
    });
    let ready = move || baseline.with(Option::is_some);
    let schedule = Signal::derive(move || draft.schedule());
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
        <PageTitle title=title />
        <div class="page-actions">
            <a class="button" href="/policies" id="policy-back">{move || fl!(LOADER, "back-to-list")}</a>
            {id.filter(|_| !read_only).map(|_| view! {
                <button type="button" id="policy-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <div class="form-page">
            <div class="form-column">
                <Alert id="policy-error" kind=AlertKind::Error message=form.general() />
                <Alert id="policy-saved" kind=AlertKind::Success message=form.notice />
                <Show when=ready fallback=|| view! { <Loading /> }>
                    <form id="policy-form" class="form form-wide" novalidate on:submit=submit.clone()>
                        {read_only.then(|| view! { <p class="alert alert-warning" id="policy-read-only">{fl!(LOADER, "policy-read-only")}</p> })}
                        <fieldset class="panel plain" disabled=read_only>
                            <TextField id="policy-name" label=Signal::derive(move || fl!(LOADER, "policy-name")) value=draft.name error=form.error("name") required=true maxlength=100 />
                            <TextArea id="policy-description" label=Signal::derive(move || fl!(LOADER, "description")) value=draft.description error=form.error("description") rows=2 />
                        </fieldset>
                        <section class="panel" aria-labelledby="policy-schedule-title">
                            <h2 id="policy-schedule-title">{move || fl!(LOADER, "policy-schedule")}</h2>
                            <p class="field-help">{move || fl!(LOADER, "policy-schedule-intro")}</p>
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
                            {draft.levels.into_iter().map(|level| {
                                let name = level.name;
                                view! { <LevelEditor level=level form=form hidden=Signal::derive(move || tab.get() != name) read_only=read_only /> }
                            }).collect_view()}
                            <SchedulePreview schedule=schedule />
                        </section>
                        <fieldset class="panel plain" aria-labelledby="policy-patterns-title" disabled=read_only>
                            <h2 id="policy-patterns-title">{move || fl!(LOADER, "policy-patterns")}</h2>
                            <TextArea id="policy-exclude" label=Signal::derive(move || fl!(LOADER, "job-exclude")) value=draft.exclude error=form.error("exclude") mono=true rows=4 />
                            <TextArea id="policy-include" label=Signal::derive(move || fl!(LOADER, "job-include")) value=draft.include error=form.error("include") mono=true rows=3 />
                        </fieldset>
                        <div class="form-actions" class:hidden=read_only>
                            <button id="policy-save" type="submit" class="button button-primary" disabled=move || form.pending.get()>
                                {move || if form.pending.get() { fl!(LOADER, "saving") } else { fl!(LOADER, "save") }}
                            </button>
                        </div>
                    </form>
                </Show>
            </div>
            <PolicyHelp />
        </div>
        {move || (deleting.get()).then(|| {
            let nav = navigate.clone();
            view! {
                <CatalogRemoval
                    kind=Kind::Policy
                    id=id.unwrap_or_default()
                    name=draft.name.get_untracked()
                    on_done=Callback::new(move |gone: bool| {
                        deleting.set(false);
                        if gone {
                            discard();
                            nav("/policies", Default::default());
                        }
                    })
                />
            }
        })}
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
