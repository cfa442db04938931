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
    let first = Signal::derive(move || page.get() <= 1);
    let last = Signal::derive(move || page.get() >= pages.get());
    view! {
        <nav class="pager" aria-label=move || fl!(LOADER, "pager-label")>
            {page_button("pager-first", || fl!(LOADER, "pager-first"), first, move || go(1))}
            {page_button("pager-prev", || fl!(LOADER, "pager-prev"), first, move || go(page.get_untracked() - 1))}
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
            {page_button("pager-next", || fl!(LOADER, "pager-next"), last, move || go(page.get_untracked() + 1))}
            {page_button("pager-last", || fl!(LOADER, "pager-last"), last, move || go(pages.get_untracked()))}
        </nav>
    }
}

/// One of the pager's buttons, disabled on the `edge` page it cannot go beyond.
fn page_button(
    id: &'static str,
    label: fn() -> String,
    edge: Signal<bool>,
    go: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button type="button" id=id class="button button-quiet" disabled=move || edge.get() on:click=move |_| go()>
            {label}
        </button>
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
