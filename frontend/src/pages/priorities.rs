//! Job priorities (`/jobs/priorities`): every job in the order they start when due at the
//! same time. Reorder by dragging a row, with the Up/Down buttons, or with Alt+↑/Alt+↓ on
//! a row; "Save" sends the whole order (`PUT /api/jobs/priorities`).

use i18n_embed_fl::fl;
use leptos::ev::{DragEvent, KeyboardEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::jobs::{Job, Priorities};

use crate::api::{catalog, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::{Loading, PageTitle};
use crate::components::unsaved::use_unsaved;
use crate::i18n::LOADER;
use crate::state::use_session;

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    id: i64,
    client_id: i64,
    label: String,
    active: bool,
}

impl From<Job> for Item {
    fn from(j: Job) -> Self {
        Item {
            id: j.id,
            client_id: j.client.id,
            label: format!("{}/{}", j.client.name, j.name),
            active: j.active,
        }
    }
}

/// Moves the entry at `from` to `to` (both clamped to the list).
fn move_item<T>(list: &mut Vec<T>, from: usize, to: usize) {
    if from >= list.len() {
        return;
    }
    let item = list.remove(from);
    let to = to.min(list.len());
    list.insert(to, item);
}

fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

/// The order on screen and what moving a row changes.
#[derive(Clone, Copy)]
struct Ranking {
    order: RwSignal<Option<Vec<Item>>>,
    /// What the last move did, for screen readers.
    announce: RwSignal<String>,
    notice: RwSignal<Option<String>>,
    /// The row being dragged, and the row it is over.
    dragging: RwSignal<Option<i64>>,
    over: RwSignal<Option<i64>>,
}

impl Ranking {
    /// Moves job `id` by `delta` places (or to place `to`), announcing it.
    fn shift(self, id: i64, to: Option<usize>, delta: i64) {
        self.order.update(|o| {
            let Some(list) = o else { return };
            let Some(from) = list.iter().position(|i| i.id == id) else {
                return;
            };
            let to = to.unwrap_or_else(|| {
                usize::try_from(from as i64 + delta)
                    .unwrap_or(0)
                    .min(list.len() - 1)
            });
            if to == from {
                return;
            }
            move_item(list, from, to);
            let label = list[to].label.clone();
            let (position, total) = (to + 1, list.len());
            self.announce.set(fl!(
                LOADER,
                "priorities-moved",
                job = label,
                position = position,
                total = total
            ));
        });
        self.notice.set(None);
    }
}

/// Moving rows with the keyboard and the mouse.
impl Ranking {
    /// Alt+↑/Alt+↓ on row `id`: moves it one place, keeping the focus on it.
    fn on_key(self, id: i64, ev: KeyboardEvent) {
        if !ev.alt_key() {
            return;
        }
        let delta = match ev.key().as_str() {
            "ArrowUp" => -1,
            "ArrowDown" => 1,
            _ => return,
        };
        ev.prevent_default();
        self.shift(id, None, delta);
        focus_later(format!("prio-row-{id}"));
    }

    fn on_drag_start(self, id: i64, ev: DragEvent) {
        self.dragging.set(Some(id));
        if let Some(dt) = ev.data_transfer() {
            let _ = dt.set_data("text/plain", &id.to_string());
            dt.set_effect_allowed("move");
        }
    }

    fn on_drag_over(self, id: i64, ev: DragEvent) {
        if self.dragging.get_untracked().is_some() {
            ev.prevent_default();
            self.over.set(Some(id));
        }
    }

    /// A row dropped on row `id` takes its place.
    fn on_drop(self, id: i64, ev: DragEvent) {
        ev.prevent_default();
        if let Some(moving) = self.dragging.get_untracked() {
            let to = self
                .order
                .with_untracked(|o| o.as_ref().and_then(|o| o.iter().position(|i| i.id == id)));
            self.shift(moving, to, 0);
        }
        self.on_drag_end();
    }

    fn on_drag_end(self) {
        self.dragging.set(None);
        self.over.set(None);
    }
}

/// One job of the list: draggable, with Up and Down buttons and Alt+↑/Alt+↓.
#[component]
fn PriorityRow(item: Item, ranking: Ranking) -> impl IntoView {
    let Ranking { dragging, over, .. } = ranking;
    let id = item.id;
    view! {
        <li
            id=format!("prio-row-{id}")
            class="prio-row"
            class:inactive=!item.active
            class:dragging=move || dragging.get() == Some(id)
            class:drag-over=move || over.get() == Some(id) && dragging.get() != Some(id)
            data-testid="priority-row"
            data-job-id=id.to_string()
            tabindex="0"
            draggable="true"
            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
            on:keydown=move |ev| ranking.on_key(id, ev)
            on:dragstart=move |ev| ranking.on_drag_start(id, ev)
            on:dragover=move |ev| ranking.on_drag_over(id, ev)
            on:drop=move |ev| ranking.on_drop(id, ev)
            on:dragend=move |_| ranking.on_drag_end()
        >
            <span class="drag-handle" aria-hidden="true">"⠿"</span>
            <span class="num">{format!("{}.{id}", item.client_id)}</span>
            <span class="prio-label">{item.label.clone()}</span>
            {(!item.active).then(|| view! { <span class="badge badge-inactive">{fl!(LOADER, "inactive")}</span> })}
            <MoveButtons id=id label=item.label ranking=ranking />
        </li>
    }
}

/// A row's Up and Down buttons, disabled on the first and last row.
#[component]
fn MoveButtons(id: i64, label: String, ranking: Ranking) -> impl IntoView {
    let order = ranking.order;
    let first =
        move || order.with(|o| o.as_ref().and_then(|o| o.first()).map(|i| i.id) == Some(id));
    let last = move || order.with(|o| o.as_ref().and_then(|o| o.last()).map(|i| i.id) == Some(id));
    view! {
        <span class="prio-buttons">
            <button type="button" class="button button-quiet" id=format!("prio-up-{id}") data-testid="priority-up"
                aria-label=fl!(LOADER, "priorities-up-label", job = label.clone())
                disabled=first
                on:click=move |_| { ranking.shift(id, None, -1); focus_later(format!("prio-up-{id}")); }>
                "↑"
            </button>
            <button type="button" class="button button-quiet" id=format!("prio-down-{id}") data-testid="priority-down"
                aria-label=fl!(LOADER, "priorities-down-label", job = label)
                disabled=last
                on:click=move |_| { ranking.shift(id, None, 1); focus_later(format!("prio-down-{id}")); }>
                "↓"
            </button>
        </span>
    }
}

/// The priorities page.
#[component]
pub fn PrioritiesPage() -> impl IntoView {
    let session = use_session();
    let order = RwSignal::new(None::<Vec<Item>>);
    let saved_ids = RwSignal::new(Vec::<i64>::new());
    let failure = RwSignal::new(None::<Failure>);
    let notice = RwSignal::new(None::<String>);
    let announce = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let ranking = Ranking {
        order,
        announce,
        notice,
        dragging: RwSignal::new(None),
        over: RwSignal::new(None),
    };

    load_order(order, saved_ids, failure);
    let ids = move || {
        order.with(|o| {
            o.as_ref()
                .map(|o| o.iter().map(|i| i.id).collect::<Vec<_>>())
        })
    };
    let dirty = Memo::new(move |_| ids().is_some_and(|ids| saved_ids.with(|s| *s != ids)));
    use_unsaved(dirty.into());

    let save = move |_| {
        let Some(job_ids) = untrack(ids) else { return };
        pending.set(true);
        failure.set(None);
        spawn_local(async move {
            match catalog::save_priorities(&Priorities {
                job_ids: job_ids.clone(),
            })
            .await
            {
                Ok(()) => {
                    saved_ids.set(job_ids);
                    notice.set(Some(fl!(LOADER, "priorities-saved")));
                }
                Err(f) => failure.set(Some(session.check_failure(f))),
            }
            pending.set(false);
        });
    };
    let reset = move |_| {
        let saved = saved_ids.get_untracked();
        order.update(|o| {
            if let Some(list) = o {
                list.sort_by_key(|i| saved.iter().position(|s| *s == i.id).unwrap_or(usize::MAX));
            }
        });
    };

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "priorities-title")) />
        <div class="form-page">
            <div class="form-column">
                <p class="lead">{move || fl!(LOADER, "priorities-intro")}</p>
                <Alert id="priorities-error" kind=AlertKind::Error message=Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::explain))) />
                <Alert id="priorities-saved" kind=AlertKind::Success message=notice />
                <p class="visually-hidden" role="status" id="priorities-status">{move || announce.get()}</p>
                <div class="form-actions">
                    <button type="button" id="priorities-save" class="button button-primary" disabled=move || pending.get() || !dirty.get() on:click=save>
                        {move || if pending.get() { fl!(LOADER, "saving") } else { fl!(LOADER, "save") }}
                    </button>
                    <button type="button" id="priorities-reset" class="button" disabled=move || !dirty.get() on:click=reset>
                        {move || fl!(LOADER, "priorities-reset")}
                    </button>
                    <a class="button" href=crate::paths::href("/jobs") id="priorities-back">{move || fl!(LOADER, "back-to-list")}</a>
                </div>
                <PriorityList ranking=ranking />
            </div>
            <PrioritiesHelp />
        </div>
    }
}

/// Fetches the jobs in priority order; what is fetched is also what counts as saved.
fn load_order(
    order: RwSignal<Option<Vec<Item>>>,
    saved_ids: RwSignal<Vec<i64>>,
    failure: RwSignal<Option<Failure>>,
) {
    let session = use_session();
    let fetched = LocalResource::new(catalog::all_jobs_by_priority);
    Effect::new(move |_| {
        let Some(answer) = fetched.get() else { return };
        untrack(|| match answer {
            Ok(jobs) => {
                saved_ids.set(jobs.iter().map(|j| j.id).collect());
                order.set(Some(jobs.into_iter().map(Item::from).collect()));
            }
            Err(f) => failure.set(Some(session.check_failure(f))),
        });
    });
}

/// The jobs in order, each movable; loading or empty meanwhile.
#[component]
fn PriorityList(ranking: Ranking) -> impl IntoView {
    let order = ranking.order;
    let row = move |item: Item| view! { <PriorityRow item=item ranking=ranking /> };
    // Only loading and emptiness redraw the list; moves are handled by <For>.
    let shape = Memo::new(move |_| order.with(|o| o.as_ref().map(Vec::is_empty)));
    {
        move || {
            match shape.get() {
        None => view! { <Loading /> }.into_any(),
        Some(true) => view! { <p class="empty">{fl!(LOADER, "priorities-empty")}</p> }.into_any(),
        Some(false) => view! {
            <ol class="prio-list" id="priorities-list" aria-label=move || fl!(LOADER, "priorities-title")>
                <For each=move || order.get().unwrap_or_default() key=|item| item.id children=row />
            </ol>
        }.into_any(),
    }
        }
    }
}

/// How to move jobs with the mouse and the keyboard, and what saving does.
#[component]
fn PrioritiesHelp() -> impl IntoView {
    view! {
        <HelpPanel id="priorities-help" intro=Signal::derive(move || fl!(LOADER, "priorities-help-intro"))>
                        <HelpItem term=Signal::derive(move || fl!(LOADER, "priorities-help-mouse-term")) text=Signal::derive(move || fl!(LOADER, "priorities-help-mouse")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "priorities-help-keys-term")) text=Signal::derive(move || fl!(LOADER, "priorities-help-keys")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "save")) text=Signal::derive(move || fl!(LOADER, "priorities-help-save")) />
        </HelpPanel>
    }
}

#[cfg(test)]
mod tests {
    use super::move_item;

    #[test]
    fn moves() {
        let mut v = vec![1, 2, 3, 4];
        move_item(&mut v, 0, 2);
        assert_eq!(v, [2, 3, 1, 4]);
        move_item(&mut v, 3, 0);
        assert_eq!(v, [4, 2, 3, 1]);
        move_item(&mut v, 9, 0);
        assert_eq!(v, [4, 2, 3, 1]);
    }
}
