//! The catalog list page, written once: title, introduction, the "new" button for
//! administrators, the error and "deleted" alerts, the removal dialog, the loading
//! indicator and the table; each page gives its columns and how a row looks.

use std::future::Future;

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::api::{ApiResult, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::i18n::LOADER;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::state::use_session;

/// Asks to delete the object with this id and name (opens the removal dialog).
pub type Remove = Callback<(i64, String)>;

/// A list page's element ids: `{name}-error`, `{name}-notice`, `{name}-table`,
/// `{name}-empty`.
fn element_id(name: &str, what: &str) -> String {
    format!("{name}-{what}")
}

/// The list of one kind of catalog object.
#[component]
pub fn ListPage<T, Fut, R, V>(
    /// The plural name the element ids start with (`scripts`).
    name: &'static str,
    /// What the removal dialog deletes.
    kind: Kind,
    /// The localised page title.
    #[prop(into)]
    title: Signal<String>,
    /// The introduction under the title, if any.
    #[prop(optional, into)]
    intro: Option<Signal<String>>,
    /// The "new" button: its id, address and label.
    new_button: (&'static str, &'static str, fn() -> String),
    /// Fetches every object.
    fetch: fn() -> Fut,
    /// Puts the objects in the order shown.
    sort: fn(&mut Vec<T>),
    /// The column headings, but for the actions column.
    columns: fn() -> Vec<String>,
    /// The text shown instead of an empty table; an empty table when `None`.
    #[prop(optional)]
    empty: Option<fn() -> String>,
    /// One row (`<tr>`) of the table.
    row: R,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = ApiResult<Vec<T>>> + 'static,
    R: Fn(T, Remove) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = use_session();
    let list = LocalResource::new(move || async move {
        let mut items = fetch().await?;
        sort(&mut items);
        Ok(items)
    });
    // An expired session signs out (outside the resource: it has no side effects).
    Effect::new(move |_| {
        if let Some(Err(f)) = list.get() {
            let _ = session.check_failure(f);
        }
    });
    let removing = RwSignal::new(None::<(i64, String)>);
    let notice = RwSignal::new(None::<String>);
    let remove: Remove = Callback::new(move |target| {
        notice.set(None);
        removing.set(Some(target));
    });
    let on_done = Callback::new(move |gone: bool| {
        removing.set(None);
        if gone {
            notice.set(Some(fl!(LOADER, "deleted")));
            list.refetch();
        }
    });
    let error = Signal::derive(move || {
        list.map(|answer| answer.as_ref().err().map(Failure::explain))
            .flatten()
    });
    view! {
        {list_heading(title, intro, new_button)}
        <Alert id=element_id(name, "error") kind=AlertKind::Error message=error />
        <Alert id=element_id(name, "notice") kind=AlertKind::Success message=notice />
        {move || removing.get().map(|(id, name)| view! { <CatalogRemoval kind=kind id=id name=name on_done=on_done /> })}
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                session.language.track();
                let rows = move |items: Vec<T>| items.into_iter().map(|item| row(item, remove)).collect_view();
                list.get().map(|answer| loaded_list(name, answer, empty, columns, rows))
            }}
        </Transition>
    }
}

/// The list as it came: the empty text (when there is one), else the table; a failure
/// shows "loading", as before the resource (the error is in the alert above).
fn loaded_list<T, V: IntoView + 'static>(
    name: &'static str,
    answer: ApiResult<Vec<T>>,
    empty: Option<fn() -> String>,
    columns: fn() -> Vec<String>,
    rows: impl FnOnce(Vec<T>) -> V,
) -> AnyView {
    match (answer, empty) {
        (Ok(items), Some(text)) if items.is_empty() => {
            view! { <p class="empty" id=element_id(name, "empty")>{text()}</p> }.into_any()
        }
        (Ok(items), _) => list_table(name, columns, rows(items)).into_any(),
        (Err(_), _) => view! { <Loading /> }.into_any(),
    }
}

/// The title, the introduction and, for administrators, the "new" button.
fn list_heading(
    title: Signal<String>,
    intro: Option<Signal<String>>,
    (new_id, new_href, new_label): (&'static str, &'static str, fn() -> String),
) -> impl IntoView {
    let session = use_session();
    view! {
        <PageTitle title=title />
        {intro.map(|intro| view! { <p class="lead">{move || intro.get()}</p> })}
        <Show when=move || session.is_admin()>
            <div class="toolbar">
                <a id=new_id class="button button-primary" href=crate::paths::href(new_href)>{move || new_label()}</a>
            </div>
        </Show>
    }
}

/// The table `{name}-table` with its headings and `rows`.
fn list_table(name: &str, columns: fn() -> Vec<String>, rows: impl IntoView) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table" id=element_id(name, "table")>
                <thead>
                    <tr>
                        {columns().into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                        <th scope="col"><span class="visually-hidden">{fl!(LOADER, "col-actions")}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The actions cell of a row: the edit (or view) link and, when given, the delete button.
#[component]
pub fn RowActions(
    /// The object's page.
    href: String,
    /// The singular name the test ids start with (`script`: `script-edit`, `script-delete`).
    entity: &'static str,
    /// The link's text ("Edit" when not given).
    #[prop(optional)]
    edit_label: Option<String>,
    /// The delete button, when shown: why it is disabled (`None`: enabled), the object's
    /// id and name, and what opens the removal dialog.
    #[prop(default = None)]
    delete: Option<(Option<String>, i64, String, Remove)>,
) -> impl IntoView {
    view! {
        <td class="actions">
            <a class="button button-quiet" href=href data-testid=format!("{entity}-edit")>
                {edit_label.unwrap_or_else(|| fl!(LOADER, "edit"))}
            </a>
            {delete.map(|(locked, id, name, remove)| view! {
                <button type="button" class="button button-quiet button-danger-quiet" data-testid=format!("{entity}-delete")
                    disabled=locked.is_some() title=locked
                    on:click=move |_| remove.run((id, name.clone()))>
                    {fl!(LOADER, "delete")}
                </button>
            })}
        </td>
    }
}
