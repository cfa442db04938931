//! The life of an entity form, written once for every form page: load the entity, keep
//! the baseline it was loaded as, compare (dirty check) and guard the unsaved changes,
//! check and submit, show the field problems, and navigate after creating or deleting;
//! and the form's body (messages, loading, the fields, Save) every form page draws.

use std::future::Future;

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::validate::Issue;

use crate::api::ApiResult;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::form::FormState;
use crate::components::page::Loading;
use crate::components::unsaved::{discard, use_unsaved};
use crate::i18n::LOADER;
use crate::state::use_session;

/// An object a form page edits: how to fetch and save it, and its list's address.
pub trait Entity: Clone + Send + Sync + 'static {
    /// What the form sends.
    type Input: Clone + PartialEq + Send + Sync + 'static;
    /// Where a saved object lives: `{BASE}/{id}` (`/scripts`).
    const BASE: &'static str;
    /// The object's id.
    fn id(&self) -> i64;
    /// The object's name, for the page title.
    fn name(&self) -> String;
    /// Fetches object `id`.
    fn fetch(id: i64) -> impl Future<Output = ApiResult<Self>>;
    /// Creates the object (`id` is `None`) or updates object `id`.
    fn save(id: Option<i64>, input: Self::Input) -> impl Future<Output = ApiResult<Self>>;
    /// The shared validators' problems with `input` (`id` is `None` for a new object).
    fn validate(input: &Self::Input, id: Option<i64>) -> Vec<Issue>;
}

/// The fields of a form: filled from an object, read back as what is sent.
pub trait Draft<T: Entity>: Copy + Send + Sync + 'static {
    /// Shows object `entity` in the fields.
    fn load(self, entity: &T);
    /// What the fields hold, with the problems found while reading them (numbers).
    fn build(self) -> (T::Input, Vec<Issue>);
}

/// A form's state: its object, the baseline it was loaded as, its problems. Cheap to copy.
pub struct EntityForm<T: Entity, D: Draft<T>> {
    /// The object's id; `None` on a "new" page.
    pub id: Option<i64>,
    /// The fields.
    pub draft: D,
    /// Problems, pending flag and messages.
    pub form: FormState,
    /// The object as last loaded or saved.
    pub entity: RwSignal<Option<T>>,
    baseline: RwSignal<Option<T::Input>>,
}

impl<T: Entity, D: Draft<T>> Clone for EntityForm<T, D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Entity, D: Draft<T>> Copy for EntityForm<T, D> {}

/// What a page adds to the common submit.
pub struct SubmitHooks<T: 'static> {
    /// Called with the fields that have problems (found here or by the server).
    pub on_problems: Option<Callback<Vec<String>>>,
    /// Called with an updated object before it is shown.
    pub on_updated: Option<Callback<T>>,
}

impl<T> Default for SubmitHooks<T> {
    fn default() -> Self {
        Self {
            on_problems: None,
            on_updated: None,
        }
    }
}

/// Starts the form of object `id` (`None`: a new one) shown in `draft`. With `ready_new`,
/// a new object's baseline is what the draft holds now; otherwise the page calls
/// [`EntityForm::set_baseline`] once its defaults are in.
pub fn use_entity_form<T: Entity, D: Draft<T>>(
    id: Option<i64>,
    draft: D,
    ready_new: bool,
) -> EntityForm<T, D> {
    let session = use_session();
    let form = FormState::new();
    let this = EntityForm {
        id,
        draft,
        form,
        entity: RwSignal::new(None),
        baseline: RwSignal::new(None),
    };
    if use_query_map().with_untracked(|q| q.get("saved").is_some()) {
        form.notice.set(Some(fl!(LOADER, "saved")));
    }
    match id {
        Some(id) => {
            let fetched = LocalResource::new(move || T::fetch(id));
            // Untracked: filling the fields must not subscribe this effect to them.
            Effect::new(move |_| {
                if let Some(answer) = fetched.get() {
                    untrack(|| match answer {
                        Ok(entity) => this.loaded(entity),
                        Err(f) => form.fail(session, f),
                    });
                }
            });
        }
        None if ready_new => this.set_baseline(),
        None => {}
    }
    let dirty = Memo::new(move |_| {
        let now = draft.build().0;
        this.baseline
            .with(|b| b.as_ref().is_some_and(|b| *b != now))
    });
    use_unsaved(dirty.into());
    this
}

impl<T: Entity, D: Draft<T>> EntityForm<T, D> {
    /// Takes what the draft holds now as the unchanged state.
    pub fn set_baseline(self) {
        self.baseline.set(Some(untrack(|| self.draft.build()).0));
    }

    /// Shows `entity` and takes it as the unchanged state.
    pub fn loaded(self, entity: T) {
        self.draft.load(&entity);
        self.set_baseline();
        self.entity.set(Some(entity));
    }

    /// Whether the fields can be shown (the object and the defaults are in).
    pub fn ready(self) -> bool {
        self.baseline.with(Option::is_some)
    }

    /// The page title: `new` for a new object, else `edit` of the loaded object's name.
    pub fn title(self, new: fn() -> String, edit: fn(String) -> String) -> Signal<String> {
        let id = self.id;
        Signal::derive(move || match id {
            None => new(),
            Some(_) => edit(self.with_entity(T::name)),
        })
    }

    /// Reads the loaded object (reactive); the default when none is loaded yet.
    pub fn with_entity<R: Default>(self, f: impl FnOnce(&T) -> R) -> R {
        self.entity.with(|e| e.as_ref().map(f).unwrap_or_default())
    }

    /// The form's submit handler: check, send, then go to the new object's page or show
    /// the saved one.
    pub fn submit(
        self,
        hooks: SubmitHooks<T>,
    ) -> impl Fn(SubmitEvent) + Clone + Send + Sync + 'static {
        let session = use_session();
        let navigate = use_navigate();
        let SubmitHooks {
            on_problems,
            on_updated,
        } = hooks;
        let form = self.form;
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if form.pending.get_untracked() {
                return;
            }
            form.clear();
            let (input, mut issues) = untrack(|| self.draft.build());
            issues.extend(T::validate(&input, self.id));
            if !form.check(&issues) {
                if let Some(cb) = on_problems {
                    cb.run(issues.into_iter().map(|i| i.field).collect());
                }
                return;
            }
            form.pending.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                let answer = T::save(self.id, input).await;
                form.pending.set(false);
                match answer {
                    Ok(saved) if self.id.is_none() => {
                        discard();
                        navigate(
                            &format!("{}/{}?saved=1", T::BASE, saved.id()),
                            Default::default(),
                        );
                    }
                    Ok(saved) => {
                        if let Some(cb) = on_updated {
                            cb.run(saved.clone());
                        }
                        self.loaded(saved);
                        form.notice.set(Some(fl!(LOADER, "saved")));
                    }
                    Err(f) => {
                        let fields: Vec<String> =
                            f.fields.iter().map(|e| e.field.clone()).collect();
                        form.fail(session, f);
                        if let Some(cb) = on_problems {
                            cb.run(fields);
                        }
                    }
                }
            });
        }
    }

    /// Called when the object was deleted (`true`) or the deletion cancelled: leaves for
    /// `to` without asking about the unsaved changes.
    pub fn after_removal(
        self,
        to: &'static str,
        closed: impl Fn() + Send + Sync + 'static,
    ) -> Callback<bool> {
        let navigate = use_navigate();
        Callback::new(move |gone: bool| {
            closed();
            if gone {
                discard();
                navigate(to, Default::default());
            }
        })
    }
}

/// The body of a form page's panel: its messages (`{name}-error`, `{name}-saved`), then
/// "Loading…" until the object is in, then the form (`{name}-form`) with `children` and
/// the Save button (`{name}-save`).
#[component]
pub fn EntityFormBody<T, D, F>(
    /// The prefix of the element ids (`client`).
    name: &'static str,
    page: EntityForm<T, D>,
    /// The form's submit handler ([`EntityForm::submit`]).
    on_submit: F,
    /// A wide form (`form-wide`), for the objects with many fields.
    #[prop(optional)]
    wide: bool,
    /// Shown between the messages and the form (a note about the object).
    #[prop(optional, into)]
    note: Option<ViewFn>,
    /// Shown after the Save button (a way back).
    #[prop(optional, into)]
    after_save: Option<ViewFn>,
    /// Hides the Save button (the user may only look).
    #[prop(optional, into)]
    read_only: Signal<bool>,
    /// The fields.
    children: ChildrenFn,
) -> impl IntoView
where
    T: Entity,
    D: Draft<T>,
    F: Fn(SubmitEvent) + Clone + Send + Sync + 'static,
{
    let form = page.form;
    let class = if wide { "form form-wide" } else { "form" };
    view! {
        <Alert id=format!("{name}-error") kind=AlertKind::Error message=form.general() />
        <Alert id=format!("{name}-saved") kind=AlertKind::Success message=form.notice />
        {note.map(|note| note.run())}
        <Show when=move || page.ready() fallback=|| view! { <Loading /> }>
            <form id=format!("{name}-form") class=class novalidate on:submit=on_submit.clone()>
                {children()}
                <div class="form-actions" class:hidden=move || read_only.get()>
                    <SaveButton id=format!("{name}-save") form=form />
                    {after_save.as_ref().map(ViewFn::run)}
                </div>
            </form>
        </Show>
    }
}

/// The submit button of a form: "Save", "Saving…" while the form is sent.
#[component]
pub fn SaveButton(
    /// The element id (`script-save`).
    #[prop(into)]
    id: String,
    /// The form it sends.
    form: FormState,
) -> impl IntoView {
    view! {
        <button id=id type="submit" class="button button-primary" disabled=move || form.pending.get()>
            {move || if form.pending.get() { fl!(LOADER, "saving") } else { fl!(LOADER, "save") }}
        </button>
    }
}
