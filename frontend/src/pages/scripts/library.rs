//! The script library under the scripts list: each built-in script, what it does, where
//! it runs, whether the client needs the plain key mode, its source, and a button that
//! adds it as a script (then opens it).

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::script_library::LibraryScript;
use shared::scripts::ScriptInput;

use super::form::base64;
use super::uses_text;
use crate::api::catalog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::Loading;
use crate::i18n::LOADER;
use crate::state::use_session;

/// The translated name and description of a library script; the slug and its English
/// summary for a script this build does not know (a newer server's).
fn texts(slug: &str, summary: &str) -> (String, String) {
    let pair = |name: String, about: String| (name, about);
    match slug {
        "fail-if-empty" => pair(
            fl!(LOADER, "library-fail-if-empty-name"),
            fl!(LOADER, "library-fail-if-empty-about"),
        ),
        "mysql-dump" => pair(
            fl!(LOADER, "library-mysql-dump-name"),
            fl!(LOADER, "library-mysql-dump-about"),
        ),
        "postgresql-dump" => pair(
            fl!(LOADER, "library-postgresql-dump-name"),
            fl!(LOADER, "library-postgresql-dump-about"),
        ),
        "lvm-snapshot" => pair(
            fl!(LOADER, "library-lvm-snapshot-name"),
            fl!(LOADER, "library-lvm-snapshot-about"),
        ),
        "windows-vss" => pair(
            fl!(LOADER, "library-windows-vss-name"),
            fl!(LOADER, "library-windows-vss-about"),
        ),
        _ => pair(slug.to_owned(), summary.to_owned()),
    }
}

/// The library's section of the scripts page.
#[component]
pub fn ScriptLibrary() -> impl IntoView {
    let session = use_session();
    let entries = LocalResource::new(catalog::script_library);
    let failure = RwSignal::new(None::<String>);
    let list = move || {
        match entries.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(f)) => {
            let text = session.check_failure(f).message();
            view! { <Alert id="script-library-error" kind=AlertKind::Error message=Signal::derive(move || Some(text.clone())) /> }
                .into_any()
        }
        Some(Ok(all)) => view! {
            <ul class="library" id="script-library-list">
                {all.into_iter().map(|e| view! { <LibraryEntry entry=e failure=failure /> }).collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <section class="panel" id="script-library" aria-labelledby="script-library-title">
            <h2 id="script-library-title" class="panel-subtitle">{move || fl!(LOADER, "library-title")}</h2>
            <p class="muted">{move || fl!(LOADER, "library-intro")}</p>
            <Alert id="script-library-add-error" kind=AlertKind::Error message=failure />
            {list}
        </section>
    }
}

/// One library script: its texts, its source folded, and "Add".
#[component]
fn LibraryEntry(entry: LibraryScript, failure: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let slug = entry.slug.clone();
    let (name, about) = texts(&entry.slug, &entry.summary);
    let add = {
        let entry = entry.clone();
        let about = about.clone();
        move |_| {
            if pending.get_untracked() {
                return;
            }
            pending.set(true);
            failure.set(None);
            let input = ScriptInput {
                name: entry.slug.clone(),
                description: about.clone(),
                uses: entry.uses,
                content_base64: Some(base64(entry.content.as_bytes())),
            };
            let navigate = navigate.clone();
            spawn_local(async move {
                let answer = catalog::create_script(&input).await;
                let input = input;
                pending.set(false);
                match answer {
                    Ok(s) => navigate(&format!("/scripts/{}?saved=1", s.id), Default::default()),
                    Err(f) => {
                        let f = session.check_failure(f);
                        // Added before (or a script of that name): say which, and how on.
                        let text = if f.field("name").is_some() {
                            fl!(LOADER, "library-name-taken", name = input.name.clone())
                        } else {
                            f.message()
                        };
                        failure.set(Some(text));
                    }
                }
            });
        }
    };
    view! {
        <li class="library-entry" data-testid="library-entry" data-slug=slug.clone()>
            <h3 class="library-name">{name.clone()}</h3>
            <p>{about}</p>
            <p class="muted small">{uses_text(&entry.uses)}</p>
            {entry.needs_plain_key.then(|| view! {
                <p class="small" data-testid="library-plain-key">{fl!(LOADER, "library-needs-plain-key")}</p>
            })}
            <details class="library-source">
                <summary>{fl!(LOADER, "library-show-source")}</summary>
                <pre class="command" data-testid="library-source">{entry.content.clone()}</pre>
            </details>
            <button type="button" class="button" id=format!("library-add-{slug}")
                aria-label=fl!(LOADER, "library-add-named", name = name.clone())
                disabled=move || pending.get() on:click=add>
                {fl!(LOADER, "library-add")}
            </button>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_script_has_its_texts() {
        for e in shared::script_library::all() {
            let (name, about) = texts(&e.slug, "");
            assert_ne!(name, e.slug, "no name for {}", e.slug);
            assert!(!about.is_empty(), "no description for {}", e.slug);
        }
        assert_eq!(
            texts("newer", "From a newer server."),
            ("newer".into(), "From a newer server.".into())
        );
    }
}
