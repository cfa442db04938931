//! Pagination of server-side lists: "Page 2 of 7" with first/previous/next/last buttons.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::i18n::LOADER;

/// The number of pages holding `total` rows, at least one.
pub fn page_count(total: i64, per_page: i64) -> i64 {
    if per_page <= 0 {
        return 1;
    }
    ((total + per_page - 1) / per_page).max(1)
}

/// The pager under a list; `on_page` receives the page asked for.
#[component]
pub fn Pager(
    #[prop(into)] page: Signal<i64>,
    #[prop(into)] total: Signal<i64>,
    #[prop(into)] per_page: Signal<i64>,
    on_page: Callback<i64>,
) -> impl IntoView {
    let pages = Memo::new(move |_| page_count(total.get(), per_page.get()));
    let go = move |p: i64| on_page.run(p.clamp(1, pages.get_untracked()));
    view! {
        <nav class="pager" aria-label=move || fl!(LOADER, "pager-label")>
            <button
                type="button"
                id="pager-first"
                class="button button-quiet"
                disabled=move || page.get() <= 1
                on:click=move |_| go(1)
            >
                {move || fl!(LOADER, "pager-first")}
            </button>
            <button
                type="button"
                id="pager-prev"
                class="button button-quiet"
                disabled=move || page.get() <= 1
                on:click=move |_| go(page.get_untracked() - 1)
            >
                {move || fl!(LOADER, "pager-prev")}
            </button>
            <span id="pager-status" class="pager-status" aria-live="polite">
                {move || {
                    fl!(
                        LOADER,
                        "pager-status",
                        page = page.get(),
                        pages = pages.get(),
                        total = total.get()
                    )
                }}
            </span>
            <button
                type="button"
                id="pager-next"
                class="button button-quiet"
                disabled=move || { page.get() >= pages.get() }
                on:click=move |_| go(page.get_untracked() + 1)
            >
                {move || fl!(LOADER, "pager-next")}
            </button>
            <button
                type="button"
                id="pager-last"
                class="button button-quiet"
                disabled=move || { page.get() >= pages.get() }
                on:click=move |_| go(pages.get_untracked())
            >
                {move || fl!(LOADER, "pager-last")}
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::page_count;

    #[test]
    fn counts_pages() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_count(2500, 500), 5);
    }
}
