//! The dry run's answer: the destination directory on the client, how many paths would
//! be created, overwritten, updated or deleted, and the first changes with their icons.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::snapshots::{Change, ChangeAction, RestorePreview};

use crate::i18n::LOADER;

/// The wire name of a change, for `data-action`.
pub fn action_name(action: ChangeAction) -> &'static str {
    match action {
        ChangeAction::Create => "create",
        ChangeAction::Overwrite => "overwrite",
        ChangeAction::Attributes => "attributes",
        ChangeAction::Delete => "delete",
    }
}

fn action_icon(action: ChangeAction) -> &'static str {
    match action {
        ChangeAction::Create => "＋",
        ChangeAction::Overwrite => "✎",
        ChangeAction::Attributes => "⚙",
        ChangeAction::Delete => "✖",
    }
}

fn action_text(action: ChangeAction) -> String {
    match action {
        ChangeAction::Create => fl!(LOADER, "restore-change-create"),
        ChangeAction::Overwrite => fl!(LOADER, "restore-change-overwrite"),
        ChangeAction::Attributes => fl!(LOADER, "restore-change-attributes"),
        ChangeAction::Delete => fl!(LOADER, "restore-change-delete"),
    }
}

fn change_row(change: Change) -> impl IntoView {
    let action = change.action;
    let path = change.path.clone();
    view! {
        <li
            data-testid="restore-change"
            data-action=action_name(action)
            data-path=path
            class=format!("change change-{}", action_name(action))
        >
            <span class="change-icon" aria-hidden="true">{action_icon(action)}</span>
            <span class="change-action">{action_text(action)}</span>
            " "
            <code class="change-path">{change.path}</code>
        </li>
    }
}

/// What the restore would do.
#[component]
pub fn PreviewView(preview: RestorePreview) -> impl IntoView {
    let counts = fl!(
        LOADER,
        "restore-counts",
        creates = preview.creates,
        overwrites = preview.overwrites,
        attributes = preview.attributes,
        deletes = preview.deletes
    );
    let nothing = preview.changes.is_empty().then(|| {
        view! { <p class="empty" id="restore-no-changes">{fl!(LOADER, "restore-no-changes")}</p> }
    });
    let rewritten = preview.rewritten_permissions.then(|| {
        view! {
            <p class="warning-text" id="restore-preview-rewritten">
                {fl!(LOADER, "restore-rewritten-permissions")}
            </p>
        }
    });
    let truncated = preview.truncated.then(|| {
        view! { <p class="small muted" id="restore-truncated">{fl!(LOADER, "restore-truncated")}</p> }
    });
    view! {
        <section class="restore-preview" id="restore-preview-result" aria-live="polite">
            <h3>{fl!(LOADER, "restore-preview-title")}</h3>
            <p>
                {fl!(LOADER, "restore-destination")}" "
                <code id="restore-destination">{preview.destination}</code>
            </p>
            <p id="restore-counts">{counts}</p>
            {rewritten}
            {nothing}
            <ul class="change-list" id="restore-changes">
                {preview.changes.into_iter().map(change_row).collect_view()}
            </ul>
            {truncated}
        </section>
    }
}
