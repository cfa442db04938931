//! Users (administrators): the list (`/users`) and the form (`/users/new`, `/users/{id}`).

mod form;
mod sessions;
mod two_factor;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::users::User;
use shared::Role;

use self::form::UserForm;
use crate::api::catalog;
use crate::components::language::language_name;
use crate::components::page::AdminOnly;
use crate::i18n::LOADER;
use crate::pages::not_found::ById;
use crate::pages::remove::Kind;
use crate::scaffold::list_page::{ListPage, Remove, RowActions};
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
    let title = Signal::derive(move || fl!(LOADER, "nav-users"));
    view! {
        <AdminOnly title=title>
            <ById page=|id| view! { <UserForm id=Some(id) /> }.into_any() />
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
    view! {
        <ListPage
            name="users"
            kind=Kind::User
            title=Signal::derive(move || fl!(LOADER, "nav-users"))
            new_button=("user-new", "/users/new", || fl!(LOADER, "user-new"))
            fetch=catalog::all_users
            sort=|l| l.sort_by_key(|u| u.username.to_lowercase())
            columns=|| vec![
                fl!(LOADER, "user-username"),
                fl!(LOADER, "user-email"),
                fl!(LOADER, "user-role"),
                fl!(LOADER, "prefs-language"),
                fl!(LOADER, "location-state"),
                fl!(LOADER, "users-col-two-factor"),
            ]
            row=user_row
        />
    }
}

/// One user of the list; the protected administrator and oneself cannot be deleted.
fn user_row(u: User, remove: Remove) -> impl IntoView {
    let id = u.id;
    let me = use_session()
        .user
        .with_untracked(|m| m.as_ref().map(|m| m.id));
    let locked = if u.protected {
        Some(fl!(LOADER, "user-protected"))
    } else {
        (Some(id) == me).then(|| fl!(LOADER, "user-is-you"))
    };
    view! {
        <tr data-testid="user-row" data-user-id=id.to_string() data-username=u.username.clone() class:inactive=!u.active>
            <td><a href=crate::paths::href(&format!("/users/{id}")) class="strong">{u.username.clone()}</a></td>
            <td>{u.email.clone().unwrap_or_default()}</td>
            <td>{role_name(u.role)}</td>
            <td>{u.language.map_or_else(|| fl!(LOADER, "language-unset"), language_name)}</td>
            <td>{if u.active { fl!(LOADER, "user-active-yes") } else { fl!(LOADER, "inactive") }}</td>
            <td data-testid="user-two-factor">{if u.two_factor { fl!(LOADER, "users-two-factor-on") } else { fl!(LOADER, "users-two-factor-off") }}</td>
            <RowActions href=crate::paths::href(&format!("/users/{id}")) entity="user" delete=Some((locked, id, u.username.clone(), remove)) />
        </tr>
    }
}
