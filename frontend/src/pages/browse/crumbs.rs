//! The breadcrumbs above a listing: the snapshot root (job name and snapshot time), then
//! each directory down to the one shown, every step a link.

use leptos::prelude::*;

use super::path::{browse_address, crumbs};

/// The trail to directory `path` of snapshot `id`; `root` names the snapshot.
#[component]
pub fn Breadcrumbs(
    id: i64,
    #[prop(into)] root: Signal<String>,
    #[prop(into)] path: Signal<String>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let steps = move || {
        let all = crumbs(&path.get());
        let last = all.len();
        all.into_iter()
            .enumerate()
            .map(|(i, c)| {
                let current = i + 1 == last;
                view! {
                    <li>
                        <a
                            href=crate::paths::href(&browse_address(id, &c.path, "", 1, ""))
                            data-testid="crumb"
                            data-path=c.path.clone()
                            aria-current=current.then_some("page")
                        >
                            {c.name}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="crumbs" id="browse-crumbs" aria-label=move || label.get()>
            <ol>
                <li>
                    <a
                        href=crate::paths::href(&browse_address(id, "", "", 1, ""))
                        data-testid="crumb-root"
                        aria-current=move || path.with(String::is_empty).then_some("page")
                    >
                        {move || root.get()}
                    </a>
                </li>
                {steps}
            </ol>
        </nav>
    }
}
