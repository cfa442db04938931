//! The listing table: sortable column headers (name, size, time) and one row per entry.
//! On narrow screens only the name (with size and time under it) and the actions remain.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::snapshots::{Entry, EntrySort};

use super::row::{entry_row, RowActions};
use crate::i18n::LOADER;

/// The sortable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Size,
    Mtime,
}

impl Column {
    fn orders(self) -> (EntrySort, EntrySort) {
        match self {
            Column::Name => (EntrySort::Name, EntrySort::NameDesc),
            Column::Size => (EntrySort::Size, EntrySort::SizeDesc),
            Column::Mtime => (EntrySort::Mtime, EntrySort::MtimeDesc),
        }
    }

    fn testid(self) -> &'static str {
        match self {
            Column::Name => "sort-name",
            Column::Size => "sort-size",
            Column::Mtime => "sort-mtime",
        }
    }
}

/// The order after clicking `column`'s header: ascending first, then flipping.
fn next_sort(current: EntrySort, column: Column) -> EntrySort {
    let (up, down) = column.orders();
    if current == up {
        down
    } else {
        up
    }
}

/// The entries of one page.
#[component]
pub fn EntryTable(
    snapshot_id: i64,
    #[prop(into)] items: Signal<Vec<Entry>>,
    /// Search hits show their whole path, and cannot be sorted.
    #[prop(into)]
    searching: Signal<bool>,
    #[prop(into)] sort: Signal<EntrySort>,
    on_sort: Callback<EntrySort>,
    #[prop(into)] selected: Signal<Option<usize>>,
    actions: RowActions,
) -> impl IntoView {
    let header = move |column: Column, label: fn() -> String, class: &'static str| {
        let (up, down) = column.orders();
        let aria = move || {
            let s = sort.get();
            if searching.get() {
                None
            } else if s == up {
                Some("ascending")
            } else if s == down {
                Some("descending")
            } else {
                None
            }
        };
        let arrow = move || match aria() {
            Some("ascending") => " ▲",
            Some(_) => " ▼",
            None => "",
        };
        view! {
            <th scope="col" class=class aria-sort=aria>
                <button
                    type="button"
                    class="sort-button"
                    data-testid=column.testid()
                    disabled=move || searching.get()
                    on:click=move |_| on_sort.run(next_sort(sort.get_untracked(), column))
                >
                    {label}
                    <span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let rows = move || {
        let searching = searching.get();
        items
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, e)| entry_row(snapshot_id, e, i, searching, selected, actions))
            .collect_view()
    };
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table entries" id="browse-table">
                <thead>
                    <tr>
                        {header(Column::Name, || fl!(LOADER, "col-name"), "")}
                        {header(Column::Size, || fl!(LOADER, "col-size"), "col-size")}
                        {header(Column::Mtime, || fl!(LOADER, "browse-col-mtime"), "col-mtime")}
                        <th scope="col" class="col-mode">{move || fl!(LOADER, "browse-col-mode")}</th>
                        <th scope="col"><span class="visually-hidden">{move || fl!(LOADER, "col-actions")}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicking_flips_the_order() {
        assert_eq!(
            next_sort(EntrySort::Name, Column::Name),
            EntrySort::NameDesc
        );
        assert_eq!(
            next_sort(EntrySort::NameDesc, Column::Name),
            EntrySort::Name
        );
        assert_eq!(next_sort(EntrySort::Name, Column::Size), EntrySort::Size);
        assert_eq!(
            next_sort(EntrySort::Size, Column::Size),
            EntrySort::SizeDesc
        );
    }
}
