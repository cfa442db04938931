//! The built-in guides (`/guides`, `/guides/{topic}`): how to prepare the machines to back
//! up and how to do common tasks, in the user's language. Commands come from
//! `shared::guides` exactly as the tests run them.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::guides;

use crate::components::copy::CopyBox;
use crate::components::page::PageTitle;
use crate::i18n::LOADER;
use crate::pages::not_found::NotFoundPage;

/// The guides, in the order the index lists them: `(topic, title, summary)`.
fn topics() -> [(&'static str, String, String); 7] {
    [
        (
            "linux",
            fl!(LOADER, "guide-linux-title"),
            fl!(LOADER, "guide-linux-summary"),
        ),
        (
            "windows",
            fl!(LOADER, "guide-windows-title"),
            fl!(LOADER, "guide-windows-summary"),
        ),
        (
            "macos",
            fl!(LOADER, "guide-macos-title"),
            fl!(LOADER, "guide-macos-summary"),
        ),
        (
            "nas",
            fl!(LOADER, "guide-nas-title"),
            fl!(LOADER, "guide-nas-summary"),
        ),
        (
            "databases",
            fl!(LOADER, "guide-databases-title"),
            fl!(LOADER, "guide-databases-summary"),
        ),
        (
            "restore",
            fl!(LOADER, "guide-restore-title"),
            fl!(LOADER, "guide-restore-summary"),
        ),
        (
            "policies",
            fl!(LOADER, "guide-policies-title"),
            fl!(LOADER, "guide-policies-summary"),
        ),
    ]
}

/// `/guides`: every guide with what it is for.
#[component]
pub fn GuidesPage() -> impl IntoView {
    let list = move || {
        topics()
            .into_iter()
            .map(|(topic, title, summary)| {
                view! {
                    <li data-testid="guide-link">
                        <a href=crate::paths::href(&format!("/guides/{topic}")) id=format!("guide-link-{topic}") class="strong">{title}</a>
                        <span class="muted block">{summary}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "guides-title")) />
        <section class="panel">
            <p>{move || fl!(LOADER, "guides-intro")}</p>
            <ul class="guide-list" id="guides-list">{list}</ul>
        </section>
    }
}

/// `/guides/{topic}`.
#[component]
pub fn GuidePage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let topic = params.with(|p| p.get("topic").unwrap_or_default());
        let Some((_, title, _)) = topics().into_iter().find(|(t, _, _)| *t == topic) else {
            return view! { <NotFoundPage /> }.into_any();
        };
        let body = match topic.as_str() {
            "linux" => view! { <LinuxGuide /> }.into_any(),
            "windows" => view! { <WindowsGuide /> }.into_any(),
            "macos" => view! { <MacGuide /> }.into_any(),
            "nas" => view! { <NasGuide /> }.into_any(),
            "databases" => view! { <DatabasesGuide /> }.into_any(),
            "restore" => view! { <RestoreGuide /> }.into_any(),
            _ => view! { <PoliciesGuide /> }.into_any(),
        };
        view! {
            <PageTitle title=Signal::derive(move || title.clone()) />
            <div class="page-actions">
                <a class="button" href=crate::paths::href("/guides") id="guide-back">{move || fl!(LOADER, "guides-back")}</a>
            </div>
            <article class="panel guide" id=format!("guide-{topic}")>{body}</article>
        }
        .into_any()
    }
}

/// A command to run, with a copy button; `id` names it for tests.
#[component]
fn Command(id: &'static str, text: String) -> impl IntoView {
    // Tall enough for the whole command at phone width (about 26 characters a line);
    // browsers that size fields to their content (`field-sizing`) fit it exactly.
    let lines: usize = text
        .lines()
        .map(|l| l.chars().count().div_ceil(26).max(1))
        .sum();
    let rows = u32::try_from(lines.clamp(1, 16)).unwrap_or(1);
    view! {
        <CopyBox id=id label=Signal::derive(move || fl!(LOADER, "guide-command-label")) text=Signal::derive(move || text.clone()) rows=rows />
    }
}

#[component]
fn LinuxGuide() -> impl IntoView {
    let example = move || guides::install_command(&fl!(LOADER, "guide-linux-key-placeholder"));
    view! {
        <p>{move || fl!(LOADER, "guide-linux-intro")}</p>
        <p>{move || fl!(LOADER, "guide-linux-step-packages")}</p>
        <Command id="guide-linux-packages" text=guides::LINUX_PACKAGES.to_owned() />
        <p>{move || fl!(LOADER, "guide-linux-step-check")}</p>
        <Command id="guide-linux-check" text=guides::LINUX_CHECK.to_owned() />
        <p>{move || fl!(LOADER, "guide-linux-step-key")}</p>
        <pre class="command" id="guide-linux-key" data-testid="guide-linux-key">{example}</pre>
        <p>{move || fl!(LOADER, "guide-linux-step-verify")}</p>
        <Command id="guide-linux-verify" text=guides::LINUX_VERIFY.to_owned() />
        <p>{move || fl!(LOADER, "guide-linux-step-test")}</p>
        <p>{move || fl!(LOADER, "guide-linux-restore")}</p>
        <p class="muted">{move || fl!(LOADER, "guide-linux-root")}</p>
    }
}

#[component]
fn NasGuide() -> impl IntoView {
    view! {
        <p>{move || fl!(LOADER, "guide-nas-intro")}</p>
        <p>{move || fl!(LOADER, "guide-nas-step-module")}</p>
        <Command id="guide-nas-module" text=guides::DAEMON_MODULE.to_owned() />
        <p>{move || fl!(LOADER, "guide-nas-step-secret")}</p>
        <Command id="guide-nas-secrets" text=guides::DAEMON_SECRETS.to_owned() />
        <p>{move || fl!(LOADER, "guide-nas-step-client")}</p>
        <p>{move || fl!(LOADER, "guide-nas-step-test")}</p>
        <p class="muted">{move || fl!(LOADER, "guide-nas-note")}</p>
    }
}

#[component]
fn DatabasesGuide() -> impl IntoView {
    view! {
        <p>{move || fl!(LOADER, "guide-databases-intro")}</p>
        <p>{move || fl!(LOADER, "guide-databases-step-key")}</p>
        <p>{move || fl!(LOADER, "guide-databases-step-job")}</p>
        <p>
            {move || fl!(LOADER, "guide-databases-step-script")}
            " "
            <a href=crate::paths::href("/scripts") id="guide-databases-scripts">{move || fl!(LOADER, "library-title")}</a>
        </p>
        <p>{move || fl!(LOADER, "guide-databases-step-login")}</p>
        <p>{move || fl!(LOADER, "guide-databases-restore")}</p>
    }
}

#[component]
fn WindowsGuide() -> impl IntoView {
    let example =
        move || guides::windows_key_command(&fl!(LOADER, "guide-windows-key-placeholder"));
    view! {
        <p>{move || fl!(LOADER, "guide-windows-intro")}</p>
        <p>{move || fl!(LOADER, "guide-windows-step-ssh")}</p>
        <Command id="guide-windows-ssh" text=guides::WINDOWS_SSH.to_owned() />
        <p>{move || fl!(LOADER, "guide-windows-step-rsync")}</p>
        <p>{move || fl!(LOADER, "guide-windows-step-key")}</p>
        <pre class="command" id="guide-windows-key" data-testid="guide-windows-key">{example}</pre>
        <p>{move || fl!(LOADER, "guide-windows-step-paths")}</p>
        <p>{move || fl!(LOADER, "guide-windows-step-vss")}</p>
        <p class="muted">{move || fl!(LOADER, "guide-windows-permissions")}</p>
    }
}

#[component]
fn RestoreGuide() -> impl IntoView {
    view! {
        <p>{move || fl!(LOADER, "guide-restore-intro")}</p>
        <p>{move || fl!(LOADER, "guide-restore-browse")}</p>
        <p>{move || fl!(LOADER, "guide-restore-download")}</p>
        <p>{move || fl!(LOADER, "guide-restore-restore")}</p>
        <p>{move || fl!(LOADER, "guide-restore-key")}</p>
        <p>{move || fl!(LOADER, "guide-restore-server")}</p>
    }
}

#[component]
fn PoliciesGuide() -> impl IntoView {
    view! {
        <p>{move || fl!(LOADER, "guide-policies-intro")}</p>
        <p>{move || fl!(LOADER, "guide-policies-levels")}</p>
        <p>{move || fl!(LOADER, "guide-policies-tags")}</p>
        <p>{move || fl!(LOADER, "guide-policies-keeps")}</p>
        <p>{move || fl!(LOADER, "guide-policies-cost")}</p>
        <p>{move || fl!(LOADER, "guide-policies-patterns")}</p>
    }
}

#[component]
fn MacGuide() -> impl IntoView {
    view! {
        <p>{move || fl!(LOADER, "guide-macos-intro")}</p>
        <p>{move || fl!(LOADER, "guide-macos-step-ssh")}</p>
        <p>{move || fl!(LOADER, "guide-macos-step-rsync")}</p>
        <Command id="guide-macos-rsync" text=guides::MACOS_RSYNC.to_owned() />
        <p>{move || fl!(LOADER, "guide-macos-step-client")}</p>
        <Command id="guide-macos-rsync-path" text=guides::MACOS_RSYNC_PATH.to_owned() />
        <p>{move || fl!(LOADER, "guide-macos-step-root")}</p>
        <p>{move || fl!(LOADER, "guide-macos-step-test")}</p>
    }
}
