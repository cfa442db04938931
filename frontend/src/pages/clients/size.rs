//! The client page's size panel: the client's total size, how full its quota is (a bar
//! that turns to the warning colour from the settings' warning percentage on, or "no
//! quota"), and its size per day as a chart with its table view.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::clients::Client;

use crate::format;
use crate::i18n::LOADER;
use crate::pages::jobs::quota_percent;

/// How full a client's quota is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaUse {
    /// No quota is set.
    Unlimited,
    /// `percent` of the quota is used (past 100 when over it); `high` from the warning
    /// percentage on.
    Used { percent: i64, high: bool },
}

/// How much of `quota` a client of `size` bytes uses, against the warning percentage.
pub fn quota_use(size: i64, quota: Option<i64>, warn_percent: i32) -> QuotaUse {
    match quota {
        None => QuotaUse::Unlimited,
        Some(quota) => {
            let percent = quota_percent(size, quota);
            QuotaUse::Used {
                percent,
                high: percent >= i64::from(warn_percent),
            }
        }
    }
}

/// The size panel of saved client `client` (its size and quota follow the loaded
/// client, so a quota just saved shows at once).
#[component]
pub fn SizePanel(
    client: RwSignal<Option<Client>>,
    /// Percentage of the quota from which the bar warns.
    warn_percent: Signal<i32>,
) -> impl IntoView {
    let figures = Memo::new(move |_| {
        client.with(|c| c.as_ref().map(|c| (c.size_bytes, c.quota_bytes)))
    });
    let summary = move || {
        let (size, quota) = figures.get()?;
        Some(view! {
            <dl class="facts">
                <dt>{fl!(LOADER, "client-size-total")}</dt>
                <dd id="client-size-total" data-bytes=size.to_string()>{format::size(size)}</dd>
            </dl>
            {quota_view(size, quota, warn_percent.get())}
        })
    };
    view! {
        <section class="panel" id="client-size" aria-labelledby="client-size-title">
            <h2 id="client-size-title">{move || fl!(LOADER, "client-size-title")}</h2>
            {summary}
        </section>
    }
}

/// The quota bar with its text, or "no quota".
fn quota_view(size: i64, quota: Option<i64>, warn_percent: i32) -> AnyView {
    let (quota, percent, high) = match (quota, quota_use(size, quota, warn_percent)) {
        (Some(quota), QuotaUse::Used { percent, high }) => (quota, percent, high),
        _ => {
            return view! {
                <p id="client-size-quota" class="muted" data-state="none">{fl!(LOADER, "client-size-no-quota")}</p>
            }
            .into_any()
        }
    };
    let text = fl!(
        LOADER,
        "quota-of",
        used = format::size(size),
        quota = format::size(quota),
        percent = percent
    );
    let state = if high { "high" } else { "ok" };
    view! {
        <div id="client-size-quota" class="client-quota" data-state=state data-percent=percent.to_string()>
            <span class="strong">{fl!(LOADER, "client-size-quota")}": "</span>
            <span class:quota-text-high=high>{text.clone()}</span>
            <div class="quota-bar" role="img" aria-label=text>
                <div class="quota-fill" class:quota-high=high style:width=format!("{}%", percent.clamp(0, 100))></div>
            </div>
            {high.then(|| view! {
                <p class="small quota-text-high">{fl!(LOADER, "client-size-quota-high", percent = warn_percent)}</p>
            })}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::{quota_use, QuotaUse};

    #[test]
    fn quota_use_warns_from_the_warning_percentage() {
        assert_eq!(quota_use(10, None, 90), QuotaUse::Unlimited);
        assert_eq!(
            quota_use(89, Some(100), 90),
            QuotaUse::Used {
                percent: 89,
                high: false
            }
        );
        assert_eq!(
            quota_use(90, Some(100), 90),
            QuotaUse::Used {
                percent: 90,
                high: true
            }
        );
        // Over the quota: the percentage says how far, the bar stays full.
        assert_eq!(
            quota_use(250, Some(100), 90),
            QuotaUse::Used {
                percent: 250,
                high: true
            }
        );
    }
}
