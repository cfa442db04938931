//! Users (administrators): the list (`/users`) and the form (`/users/new`, `/users/{id}`).

mod form;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::users::User;
use shared::Role;

use self::form::UserForm;
use crate::api::{catalog, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::language::language_name;
use crate::components::page::{AdminOnly, Loading, PageTitle};
use crate::i18n::LOADER;
use crate::pages::not_found::NotFoundPage;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::state::use_session;

/// A role's name.
pub fn role_name(role: Role) -> String {
    match role {
        Role::Admin => fl!(LOADER, "role-admin"),
        Role::Operator => fl!(LOADER, "role-operator"),
    }
}

/// `/users/new`.
#[component]
pub fn NewUserPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "user-new-title"));
    view! { <AdminOnly title=title><UserForm id=None /></AdminOnly> }
}

/// `/users/{id}`.
#[component]
pub fn EditUserPage() -> impl IntoView {
    let params = use_params_map();
    let title = Signal::derive(move || fl!(LOADER, "nav-users"));
    view! {
        <AdminOnly title=title>
            {move || match params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())) {
                Some(id) => view! { <UserForm id=Some(id) /> }.into_any(),
                None => view! { <NotFoundPage /> }.into_any(),
            }}
        </AdminOnly>
    }
}

/// `/users`.
#[component]
pub fn UsersPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-users"));
    view! { <AdminOnly title=title><UserList /></AdminOnly> }
}

#[component]
fn UserList() -> impl IntoView {
    let session = use_session();
    let list = RwSignal::new(None::<Vec<User>>);
    let failure = RwSignal::new(None::<Failure>);
    let removing = RwSignal::new(None::<(i64, String)>);
    let notice = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match catalog::all_users().await {
                Ok(mut l) => {
                    l.sort_by_key(|u| u.username.to_lowercase());
                    list.set(Some(l));
                }
                Err(f) => failure.set(Some(session.check_failure(f))),
            }
        });
    };
    load();
    let on_done = Callback::new(move |gone: bool| {
        removing.set(None);
        if gone {
            notice.set(Some(fl!(LOADER, "deleted")));
            load();
        }
    });
    let me = session.user.with_untracked(|u| u.as_ref().map(|m| m.id));
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-users")) />
        <div class="toolbar">
            <a id="user-new" class="button button-primary" href="/users/new">{move || fl!(LOADER, "user-new")}</a>
        </div>
        <Alert id="users-error" kind=AlertKind::Error message=Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::explain))) />
        <Alert id="users-notice" kind=AlertKind::Success message=notice />
        {move || removing.get().map(|(id, name)| view! { <CatalogRemoval kind=Kind::User id=id name=name on_done=on_done /> })}
        {move || {
            session.language.track();
            match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(items) => view! {
                    <div class="table-wrap">
                        <table class="table" id="users-table">
                            <thead>
                                <tr>
                                    <th scope="col">{fl!(LOADER, "user-username")}</th>
                                    <th scope="col">{fl!(LOADER, "user-email")}</th>
                                    <th scope="col">{fl!(LOADER, "user-role")}</th>
                                    <th scope="col">{fl!(LOADER, "prefs-language")}</th>
                                    <th scope="col">{fl!(LOADER, "location-state")}</th>
                                    <th scope="col"><span class="visually-hidden">{fl!(LOADER, "col-actions")}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {items.into_iter().map(|u| {
                                    let (id, name) = (u.id, u.username.clone());
                                    let locked = u.protected || Some(id) == me;
                                    let why = if u.protected { fl!(LOADER, "user-protected") } else { fl!(LOADER, "user-is-you") };
                                    view! {
                                        <tr data-testid="user-row" data-user-id=id.to_string() data-username=u.username.clone() class:inactive=!u.active>
                                            <td><a href=format!("/users/{id}") class="strong">{u.username.clone()}</a></td>
                                            <td>{u.email.clone().unwrap_or_default()}</td>
                                            <td>{role_name(u.role)}</td>
                                            <td>{u.language.map_or_else(|| fl!(LOADER, "language-unset"), language_name)}</td>
                                            <td>{if u.active { fl!(LOADER, "user-active-yes") } else { fl!(LOADER, "inactive") }}</td>
                                            <td class="actions">
                                                <a class="button button-quiet" href=format!("/users/{id}") data-testid="user-edit">{fl!(LOADER, "edit")}</a>
                                                <button type="button" class="button button-quiet button-danger-quiet" data-testid="user-delete"
                                                    disabled=locked title=locked.then_some(why)
                                                    on:click=move |_| { notice.set(None); removing.set(Some((id, name.clone()))) }>
                                                    {fl!(LOADER, "delete")}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }
        }}
    }
}
