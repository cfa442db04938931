//! The browser's toolbar: where we are, the archives of this directory, "Restore this
//! directory" and the search box.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use super::path::decode_lossy;
use super::row::archive_links;
use crate::components::fields::SearchBox;
use crate::i18n::LOADER;

/// Above the listing: where we are, its archives, "Restore this directory" and the search.
#[component]
pub fn BrowseToolbar(
    id: i64,
    path: Memo<String>,
    /// Whether the job is known (restoring needs it).
    job_known: Signal<bool>,
    restore_here: Callback<()>,
    search: RwSignal<String>,
    on_search: impl Fn(leptos::ev::Event) + Clone + 'static,
) -> impl IntoView {
    let here = move || {
        let p = path.get();
        if p.is_empty() {
            "/".to_owned()
        } else {
            format!("/{}", decode_lossy(&p))
        }
    };
    view! {
        <div class="toolbar browse-toolbar">
            <span class="muted small" id="browse-here">{here}</span>
            <span class="toolbar-group" role="group" aria-label=move || fl!(LOADER, "browse-download-here")>
                <span class="small muted">{move || fl!(LOADER, "browse-download-here")}</span>
                {move || archive_links(id, &path.get(), "dir")}
            </span>
            <button
                type="button"
                class="button button-quiet"
                id="browse-restore-here"
                disabled=move || !job_known.get()
                on:click=move |_| restore_here.run(())
            >
                {move || fl!(LOADER, "browse-restore-here")}
            </button>
            <SearchBox id="browse-search" label=|| fl!(LOADER, "browse-search") value=search on_input=on_search />
        </div>
    }
}
