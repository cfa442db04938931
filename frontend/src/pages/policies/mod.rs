//! Policies: the list (`/policies`) and the editor (`/policies/new`, `/policies/{id}`).

mod draft;
mod form;
mod help;
mod level;
mod preview;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::policies::Policy;

use self::form::PolicyForm;
use crate::api::catalog;
use crate::format;
use crate::i18n::LOADER;
use crate::labels;
use crate::pages::not_found::ById;
use crate::pages::remove::Kind;
use crate::scaffold::list_page::{ListPage, Remove, RowActions};
use crate::state::use_session;

/// `/policies/new`.
#[component]
pub fn NewPolicyPage() -> impl IntoView {
    view! { <PolicyForm id=None /> }
}

/// `/policies/{id}`.
#[component]
pub fn EditPolicyPage() -> impl IntoView {
    view! { <ById page=|id| view! { <PolicyForm id=Some(id) /> }.into_any() /> }
}

/// `/policies`: every policy with what it keeps and how many jobs use it.
#[component]
pub fn PoliciesPage() -> impl IntoView {
    view! {
        <ListPage
            name="policies"
            kind=Kind::Policy
            title=Signal::derive(move || fl!(LOADER, "nav-policies"))
            intro=Signal::derive(move || fl!(LOADER, "policies-intro"))
            new_button=("policy-new", "/policies/new", || fl!(LOADER, "policy-new"))
            fetch=catalog::all_policies
            sort=|l| l.sort_by_key(|p| p.name.to_lowercase())
            columns=|| vec![fl!(LOADER, "col-name"), fl!(LOADER, "policy-col-keeps"), fl!(LOADER, "policy-col-jobs")]
            row=policy_row
        />
    }
}

/// What a policy keeps, in words.
fn summary(p: &Policy) -> String {
    let items: Vec<String> = preview::kept(&p.schedule)
        .into_iter()
        .map(|(n, k)| labels::level_keep(n, k))
        .collect();
    if items.is_empty() {
        fl!(LOADER, "policy-keeps-nothing")
    } else {
        format::list(&items)
    }
}

/// One policy of the list; operators may only look at it.
fn policy_row(p: Policy, remove: Remove) -> impl IntoView {
    let admin = use_session().is_admin();
    let id = p.id;
    let label = if admin {
        fl!(LOADER, "edit")
    } else {
        fl!(LOADER, "view")
    };
    view! {
        <tr data-testid="policy-row" data-policy-id=id.to_string() data-policy-name=p.name.clone()>
            <td>
                <a href=crate::paths::href(&format!("/policies/{id}")) class="strong">{p.name.clone()}</a>
                <span class="muted small block">{p.description.clone()}</span>
            </td>
            <td>{summary(&p)}</td>
            <td class="num">{p.job_count.to_string()}</td>
            <RowActions href=crate::paths::href(&format!("/policies/{id}")) entity="policy" edit_label=label
                delete=admin.then(|| (None, id, p.name.clone(), remove)) />
        </tr>
    }
}
