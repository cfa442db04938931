//! The script form (`/scripts/new`, `/scripts/{id}`): name, description, where it may be
//! used, the program file (read in the browser and sent base64-encoded), its download
//! link and what uses it.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::scripts::{Script, ScriptInput, ScriptUses, MAX_SCRIPT_BYTES};
use shared::validate::Issue;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::help::ScriptHelp;
use crate::api::catalog;
use crate::components::feedback::FieldError;
use crate::components::fields::NameFields;
use crate::components::page::PageTitle;
use crate::format;
use crate::i18n::LOADER;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::scaffold::entity_form::{use_entity_form, Draft, EntityFormBody, SubmitHooks};

/// Standard base64 (with padding) of `bytes`.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A file chosen for upload.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Upload {
    name: String,
    size: usize,
    base64: String,
}

async fn read_file(file: web_sys::File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The script form's fields.
#[derive(Debug, Clone, Copy)]
struct ScriptDraft {
    name: RwSignal<String>,
    description: RwSignal<String>,
    /// Before and after the client's jobs, before and after the job.
    uses: [RwSignal<bool>; 4],
    upload: RwSignal<Option<Upload>>,
}

impl Draft<Script> for ScriptDraft {
    fn load(self, s: &Script) {
        self.name.set(s.name.clone());
        self.description.set(s.description.clone());
        let u = &s.uses;
        for (signal, on) in
            self.uses
                .iter()
                .zip([u.client_pre, u.client_post, u.job_pre, u.job_post])
        {
            signal.set(on);
        }
        self.upload.set(None);
    }

    fn build(self) -> (ScriptInput, Vec<Issue>) {
        let uses = self.uses;
        let input = ScriptInput {
            name: self.name.get().trim().to_owned(),
            description: self.description.get(),
            uses: ScriptUses {
                client_pre: uses[0].get(),
                client_post: uses[1].get(),
                job_pre: uses[2].get(),
                job_post: uses[3].get(),
            },
            content_base64: self.upload.with(|u| u.as_ref().map(|u| u.base64.clone())),
        };
        (input, Vec::new())
    }
}

/// The script form; `id` is `None` for a new script.
#[component]
pub fn ScriptForm(id: Option<i64>) -> impl IntoView {
    let draft = ScriptDraft {
        name: RwSignal::new(String::new()),
        description: RwSignal::new(String::new()),
        uses: [(); 4].map(|()| RwSignal::new(false)),
        upload: RwSignal::new(None),
    };
    let page = use_entity_form::<Script, _>(id, draft, true);
    let (form, script, upload, uses) = (page.form, page.entity, draft.upload, draft.uses);
    let deleting = RwSignal::new(false);

    let submit = page.submit(SubmitHooks::default());
    let title = page.title(
        || fl!(LOADER, "script-new-title"),
        |name| fl!(LOADER, "script-edit-title", name = name),
    );

    view! {
        <PageTitle title=title />
        <div class="page-actions">
            <a class="button" href=crate::paths::href("/scripts") id="script-back">{move || fl!(LOADER, "back-to-list")}</a>
            {id.map(|id| view! {
                <a class="button" id="script-download" href=catalog::script_content_url(id)
                    download=move || page.with_entity(|s| s.name.clone())>
                    {move || fl!(LOADER, "download")}
                </a>
                <button type="button" id="script-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <div class="form-page">
            <div class="form-column">
                <section class="panel">
                    <EntityFormBody name="script" page=page on_submit=submit wide=true>
                        <NameFields ids=("script-name", "script-description") label=Signal::derive(move || fl!(LOADER, "script-name")) name=draft.name description=draft.description form=form />
                        <ScriptUsesTable uses=uses />
                        <ScriptFileField replacing=id.is_some() upload=upload script=script content_error=form.error("content_base64") />
                    </EntityFormBody>
                </section>
                <Show when=move || script.with(Option::is_some)>
                    <section class="panel" aria-labelledby="script-used-title">
                        <h2 id="script-used-title">{move || fl!(LOADER, "script-used-by")}</h2>
                        <UsedByList script=script />
                    </section>
                </Show>
            </div>
            <ScriptHelp />
        </div>
        {move || deleting.get().then(|| view! {
            <CatalogRemoval kind=Kind::Script id=id.unwrap_or_default() name=draft.name.get_untracked()
                on_done=page.after_removal("/scripts", move || deleting.set(false)) />
        })}
    }
}

/// Where the script may run: before or after, the client's jobs or the job.
#[component]
fn ScriptUsesTable(uses: [RwSignal<bool>; 4]) -> impl IntoView {
    let use_box = move |i: usize, key: &'static str| {
        view! {
            <td>
                <input type="checkbox" id=format!("script-use-{key}") aria-labelledby=format!("script-uses-row-{} script-uses-col-{}", i / 2, i % 2) bind:checked=uses[i] />
            </td>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{move || fl!(LOADER, "script-uses")}</legend>
            <table class="table table-compact" id="script-uses">
                <thead><tr>
                    <td></td>
                    <th scope="col" id="script-uses-col-0">{move || fl!(LOADER, "script-before")}</th>
                    <th scope="col" id="script-uses-col-1">{move || fl!(LOADER, "script-after")}</th>
                </tr></thead>
                <tbody>
                    <tr><th scope="row" id="script-uses-row-0">{move || fl!(LOADER, "script-of-client")}</th>{use_box(0, "client-pre")}{use_box(1, "client-post")}</tr>
                    <tr><th scope="row" id="script-uses-row-1">{move || fl!(LOADER, "script-of-job")}</th>{use_box(2, "job-pre")}{use_box(3, "job-post")}</tr>
                </tbody>
            </table>
        </fieldset>
    }
}

/// The program file: read in the browser when chosen, refused over the size limit; the
/// help line names the chosen or the stored file.
#[component]
fn ScriptFileField(
    /// Whether a stored file is being replaced (an existing script).
    replacing: bool,
    upload: RwSignal<Option<Upload>>,
    script: RwSignal<Option<Script>>,
    content_error: Signal<Option<String>>,
) -> impl IntoView {
    let file_error = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        file_error.set(None);
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            upload.set(None);
            return;
        };
        let file_name = file.name();
        spawn_local(async move {
            match read_file(file).await {
                Some(bytes) if bytes.len() > MAX_SCRIPT_BYTES => {
                    upload.set(None);
                    file_error.set(Some(fl!(LOADER, "script-too-big")));
                }
                Some(bytes) => upload.set(Some(Upload {
                    name: file_name,
                    size: bytes.len(),
                    base64: base64(&bytes),
                })),
                None => file_error.set(Some(fl!(LOADER, "script-unreadable"))),
            }
        });
    };
    let file_problem = Signal::derive(move || file_error.get().or_else(|| content_error.get()));

    view! {
        <div class="field">
            <label for="script-file">
                {move || if replacing { fl!(LOADER, "script-file-replace") } else { fl!(LOADER, "script-file") }}
            </label>
            <input type="file" id="script-file" aria-describedby="script-file-help script-file-error" on:change=on_file />
            <p class="field-help" id="script-file-help">
                {move || match upload.get() {
                    Some(u) => fl!(LOADER, "script-file-chosen", name = u.name, size = format::size(u.size as i64)),
                    None => match script.get() {
                        Some(s) => fl!(LOADER, "script-file-current", size = format::size(s.size_bytes)),
                        None => fl!(LOADER, "script-file-hint"),
                    },
                }}
            </p>
            <FieldError id="script-file-error" message=file_problem />
        </div>
    }
}

/// The clients and jobs that run the script, each linked, with when it runs.
#[component]
fn UsedByList(script: RwSignal<Option<Script>>) -> impl IntoView {
    move || {
        script.get().map(|s| {
            if s.used_by.is_empty() {
                return view! { <p class="empty" id="script-unused">{fl!(LOADER, "script-unused")}</p> }.into_any();
            }
            view! {
                <ul class="link-list" id="script-used-by">
                    {s.used_by.into_iter().map(|u| {
                        let href = if u.kind == "client" { format!("/clients/{}", u.id) } else { format!("/jobs/{}", u.id) };
                        let phase = match u.phase {
                            shared::scripts::ScriptPhase::Pre => fl!(LOADER, "script-before"),
                            shared::scripts::ScriptPhase::Post => fl!(LOADER, "script-after"),
                        };
                        view! { <li><a href=crate::paths::href(&href)>{u.name}</a>" — "{phase}</li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn encodes_base64() {
        let cases: [(&[u8], &str); 5] = [
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"#!/bin/sh\n", "IyEvYmluL3NoCg=="),
        ];
        for (bytes, encoded) in cases {
            assert_eq!(base64(bytes), encoded);
        }
    }
}
