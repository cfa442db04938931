//! Address-bar state of a paged list: the search (`q`), the page and the sort order live
//! in the address, so they survive reloads and the back button; the search box follows
//! the address and changes it a moment after the last key.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::state::use_session;

/// How long typing must pause before the search goes to the address.
const SEARCH_DELAY: Duration = Duration::from_millis(300);

/// The page, search and sort order in the address, and the search box. Cheap to copy.
pub struct ListAddress<S: Clone + PartialEq + Send + Sync + 'static> {
    /// `q`: the search, as in the address.
    pub q: Memo<String>,
    /// `page`, from 1.
    pub page: Memo<i64>,
    /// `sort`, read by the page's own parser.
    pub sort: Memo<S>,
    /// The user's page size (the preferences), or the page's default.
    pub per_page: Memo<i64>,
    /// The search box's text: ahead of the address while typing.
    pub search: RwSignal<String>,
    typed: StoredValue<u64>,
}

impl<S: Clone + PartialEq + Send + Sync + 'static> Clone for ListAddress<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Clone + PartialEq + Send + Sync + 'static> Copy for ListAddress<S> {}

/// The value of `name` in the address (empty when absent).
pub fn use_query_param(name: &'static str) -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|m| m.get(name).unwrap_or_default()))
}

/// Reads the address of a paged list; `sort` parses `sort` (absent: `None`) and
/// `per_page` is the page size without a preference.
pub fn use_list_address<S: Clone + PartialEq + Send + Sync + 'static>(
    sort: fn(Option<String>) -> S,
    per_page: i64,
) -> ListAddress<S> {
    let session = use_session();
    let query = use_query_map();
    let q = use_query_param("q");
    let page = Memo::new(move |_| {
        query.with(|m| {
            m.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1)
                .max(1)
        })
    });
    let sort = Memo::new(move |_| query.with(|m| sort(m.get("sort"))));
    let per_page = Memo::new(move |_| {
        session
            .user
            .with(|u| u.as_ref().map_or(per_page, |me| i64::from(me.page_size)))
    });
    let search = RwSignal::new(q.get_untracked());
    // The box follows the address (links, Back and Forward change the search too).
    Effect::new(move |_| {
        let text = q.get();
        if search.get_untracked().trim() != text.trim() {
            search.set(text);
        }
    });
    ListAddress {
        q,
        page,
        sort,
        per_page,
        search,
        typed: StoredValue::new(0),
    }
}

impl<S: Clone + PartialEq + Send + Sync + 'static> ListAddress<S> {
    /// The search box's `input` handler: shows the text at once, and calls `go` with it
    /// once typing pauses.
    pub fn on_search(
        self,
        go: impl Fn(String) + Clone + Send + Sync + 'static,
    ) -> impl Fn(leptos::ev::Event) + Clone + Send + Sync + 'static {
        move |ev| {
            let text = event_target_value(&ev);
            self.search.set(text.clone());
            let n = self.typed.get_value() + 1;
            self.typed.set_value(n);
            let go = go.clone();
            set_timeout(
                move || {
                    if self.typed.try_get_value() == Some(n) {
                        go(text);
                    }
                },
                SEARCH_DELAY,
            );
        }
    }
}
