//! Notification history (`/notifications`, administrators): every e-mail and webhook
//! queued, newest first, with its status, attempts, the mail server's last answer or
//! error. The filters (status, channel, job) and the page live in the address.

mod row;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::common::Page;
use shared::notifications::Notification;

use crate::api::notifications::notifications;
use crate::api::{query, Failure, ListQuery};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::SelectField;
use crate::components::page::{AdminOnly, Loading, PageTitle};
use crate::components::pager::Pager;
use crate::i18n::LOADER;
use crate::scaffold::address::use_query_param;
use crate::scaffold::loaded::use_loaded;
use crate::state::use_session;
use row::{channel_text, notification_row, status_text};

/// The filters of the history, as in the address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// A `NotificationStatus` wire name, or empty for all.
    pub status: String,
    /// A `Channel` wire name, or empty for all.
    pub channel: String,
    /// A job id, or empty for all.
    pub job_id: String,
}

impl Filters {
    /// The query parameters these filters add to a request or an address.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("status", &self.status),
            ("channel", &self.channel),
            ("job_id", &self.job_id),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect()
    }

    /// The page's address with these filters on `page`.
    pub fn address(&self, page: i64) -> String {
        let mut parts: Vec<String> = self
            .pairs()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", query::encode(&v)))
            .collect();
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/notifications".to_owned()
        } else {
            format!("/notifications?{}", parts.join("&"))
        }
    }
}

/// `/notifications`.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-notifications"));
    view! { <AdminOnly title=title><History /></AdminOnly> }
}

#[component]
fn History() -> impl IntoView {
    let session = use_session();
    let (status, channel, job_id) = (
        use_query_param("status"),
        use_query_param("channel"),
        use_query_param("job_id"),
    );
    let page_param = use_query_param("page");
    let page = Memo::new(move |_| page_param.get().parse::<i64>().unwrap_or(1).max(1));
    let filters = Memo::new(move |_| Filters {
        status: status.get(),
        channel: channel.get(),
        job_id: job_id.get(),
    });
    let per_page = Memo::new(move |_| {
        session
            .user
            .with(|u| u.as_ref().map_or(20, |me| i64::from(me.page_size)))
    });
    let loaded = use_loaded(
        move || {
            let list = ListQuery {
                page: Some(page.get()),
                per_page: Some(per_page.get()),
                filters: filters.get().pairs(),
                ..ListQuery::default()
            };
            async move { notifications(&list).await }
        },
        |_| {},
    );
    let navigate = use_navigate();
    let go = Callback::new(move |(f, p): (Filters, i64)| {
        navigate(&f.address(p), NavigateOptions::default());
    });
    let error = Signal::derive(move || loaded.failure.with(|f| f.as_ref().map(Failure::explain)));
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-notifications")) />
        <p class="lead">{move || fl!(LOADER, "notifications-intro")}</p>
        <p><a href=crate::paths::href("/webhooks") id="notifications-webhooks-link">{move || fl!(LOADER, "notifications-webhooks-link")}</a></p>
        <FilterBar filters=filters go=go />
        <Alert id="notifications-error" kind=AlertKind::Error message=error />
        {move || {
            session.language.track();
            match loaded.data.get() {
                // A failure is told in the alert above: no endless "loading".
                None if loaded.failure.with(Option::is_some) => ().into_any(),
                None => view! { <Loading /> }.into_any(),
                Some(p) => history_table(p, page, per_page, filters, go).into_any(),
            }
        }}
    }
}

/// The status and channel selects; a change goes to the first page.
#[component]
fn FilterBar(filters: Memo<Filters>, go: Callback<(Filters, i64)>) -> impl IntoView {
    let status = RwSignal::new(filters.get_untracked().status);
    let channel = RwSignal::new(filters.get_untracked().channel);
    // The selects follow the address (Back, links), and the address follows the selects.
    Effect::new(move |_| {
        let f = filters.get();
        status.set(f.status);
        channel.set(f.channel);
    });
    Effect::new(move |_| {
        let (s, c) = (status.get(), channel.get());
        let current = filters.get_untracked();
        if s != current.status || c != current.channel {
            go.run((
                Filters {
                    status: s,
                    channel: c,
                    ..current
                },
                1,
            ));
        }
    });
    let all = || (String::new(), fl!(LOADER, "notifications-all"));
    let status_options = Signal::derive(move || {
        let mut v = vec![all()];
        v.extend(
            shared::notifications::NotificationStatus::ALL
                .map(|s| (s.as_str().to_owned(), status_text(s))),
        );
        v
    });
    let channel_options = Signal::derive(move || {
        let mut v = vec![all()];
        v.extend(
            shared::notifications::Channel::ALL.map(|c| (c.as_str().to_owned(), channel_text(c))),
        );
        v
    });
    view! {
        <div class="toolbar filters" id="notifications-filters">
            <SelectField id="notifications-status" label=Signal::derive(move || fl!(LOADER, "notifications-col-status"))
                value=status options=status_options error=Signal::derive(|| None::<String>) />
            <SelectField id="notifications-channel" label=Signal::derive(move || fl!(LOADER, "notifications-col-channel"))
                value=channel options=channel_options error=Signal::derive(|| None::<String>) />
            <Show when=move || filters.with(|f| !f.job_id.is_empty())>
                <a class="button button-quiet" id="notifications-all-jobs"
                    href=move || crate::paths::href(&Filters { job_id: String::new(), ..filters.get() }.address(1))>
                    {move || fl!(LOADER, "notifications-all-jobs")}
                </a>
            </Show>
        </div>
    }
}

fn history_table(
    p: Page<Notification>,
    page: Memo<i64>,
    per_page: Memo<i64>,
    filters: Memo<Filters>,
    go: Callback<(Filters, i64)>,
) -> impl IntoView {
    if p.items.is_empty() {
        return view! { <p class="empty" id="notifications-empty">{fl!(LOADER, "notifications-empty")}</p> }
            .into_any();
    }
    let total = p.total;
    let on_page = Callback::new(move |n: i64| go.run((filters.get_untracked(), n)));
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table notifications-table" id="notifications-table">
                <thead>
                    <tr>
                        <th scope="col">{fl!(LOADER, "notifications-col-time")}</th>
                        <th scope="col">{fl!(LOADER, "notifications-col-event")}</th>
                        <th scope="col">{fl!(LOADER, "notifications-col-recipient")}</th>
                        <th scope="col">{fl!(LOADER, "runs-col-job")}</th>
                        <th scope="col">{fl!(LOADER, "notifications-col-status")}</th>
                        <th scope="col">{fl!(LOADER, "notifications-col-answer")}</th>
                    </tr>
                </thead>
                <tbody>{p.items.into_iter().map(notification_row).collect_view()}</tbody>
            </table>
        </div>
        <Pager page=page total=Signal::derive(move || total) per_page=per_page on_page=on_page />
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::Filters;

    #[test]
    fn the_address_keeps_the_filters_and_the_page() {
        assert_eq!(Filters::default().address(1), "/notifications");
        let f = Filters {
            status: "failed".into(),
            channel: String::new(),
            job_id: "7".into(),
        };
        assert_eq!(f.address(1), "/notifications?status=failed&job_id=7");
        assert_eq!(f.address(3), "/notifications?status=failed&job_id=7&page=3");
    }
}
