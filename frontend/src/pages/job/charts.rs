//! The job page's history panel: charts of the last finished runs (snapshot size, new
//! bytes, duration, files) and one table of the same numbers for screen readers and
//! copying. Fetched again whenever one of the job's runs finishes.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::dashboard::{JobHistory, RunPoint};

use super::series::{points, Metric};
use crate::api::{dashboard, Failure};
use crate::components::chart::{value_text, BarChart, LineChart};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::Loading;
use crate::i18n::{self, LOADER};
use crate::labels;
use crate::scaffold::loaded::use_loaded;

/// The history of job `job_id`; bumping `reload` (a run finished) fetches it again.
#[component]
pub fn ChartsPanel(job_id: i64, #[prop(into)] reload: Signal<u32>) -> impl IntoView {
    let loaded = use_loaded(
        move || {
            reload.track();
            async move { dashboard::job_history(job_id).await }
        },
        |_| {},
    );
    let (data, failure) = (loaded.data, loaded.failure);
    let runs = Memo::new(move |_| data.with(|d| d.as_ref().map(|h: &JobHistory| h.runs.clone())));
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let body = move || match runs.with(|r| r.as_ref().map(Vec::is_empty)) {
        None if failure.with(Option::is_none) => view! { <Loading /> }.into_any(),
        None => ().into_any(),
        Some(true) => view! {
            <p id="job-charts-empty" class="empty">{move || fl!(LOADER, "job-chart-empty")}</p>
        }
        .into_any(),
        Some(false) => view! { <Charts runs=runs /> }.into_any(),
    };
    view! {
        <section class="panel" id="job-charts" aria-labelledby="job-charts-title">
            <h2 id="job-charts-title">{move || fl!(LOADER, "job-chart-title")}</h2>
            <Alert id="job-charts-error" kind=AlertKind::Error message=error />
            {body}
        </section>
    }
}

/// The four charts and the table, once there are runs.
#[component]
fn Charts(runs: Memo<Option<Vec<RunPoint>>>) -> impl IntoView {
    let charts = Metric::ALL
        .into_iter()
        .map(|metric| {
            let pts = Signal::derive(move || {
                runs.with(|r| r.as_deref().map(|r| points(r, metric)).unwrap_or_default())
            });
            let label = Signal::derive(move || metric_label(metric));
            let chart = if metric.bars() {
                view! { <BarChart name=metric.name() label=label unit=metric.unit() points=pts /> }
                    .into_any()
            } else {
                view! { <LineChart name=metric.name() label=label unit=metric.unit() points=pts /> }
                    .into_any()
            };
            view! {
                <div class="job-chart">
                    <h3>{move || label.get()}</h3>
                    {chart}
                </div>
            }
        })
        .collect_view();
    view! {
        <p class="muted small">{move || fl!(LOADER, "job-chart-intro", count = runs.with(|r| r.as_ref().map_or(0, Vec::len)))}</p>
        <div class="job-charts">{charts}</div>
        <HistoryTable runs=runs />
    }
}

/// A chart's title.
fn metric_label(metric: Metric) -> String {
    match metric {
        Metric::Size => fl!(LOADER, "job-chart-size"),
        Metric::NewBytes => fl!(LOADER, "job-chart-new-bytes"),
        Metric::Duration => fl!(LOADER, "job-chart-duration"),
        Metric::Files => fl!(LOADER, "job-chart-files"),
    }
}

/// Every run's numbers in one table (`chart-table-job-history`), folded under the charts.
#[component]
fn HistoryTable(runs: Memo<Option<Vec<RunPoint>>>) -> impl IntoView {
    let figure = |metric: Metric, run: &RunPoint| {
        metric
            .value(run)
            .map(|v| value_text(metric.unit(), v))
            .unwrap_or_default()
    };
    let rows = move || {
        // Dates and numbers are written in the interface language.
        let _ = LOADER.current_languages();
        runs.get().unwrap_or_default().into_iter().map(|run| {
            let wire = run.result.as_str();
            view! {
                <tr data-testid="history-row" data-run-id=run.run_id.to_string() data-result=wire>
                    <td><a href=crate::paths::href(&format!("/runs/{}", run.run_id))>{i18n::format_time(&run.finished_at)}</a></td>
                    <td><span class=labels::result_class(Some(run.result))>{labels::result_text(Some(run.result))}</span></td>
                    <td class="num">{figure(Metric::Duration, &run)}</td>
                    <td class="num">{figure(Metric::Files, &run)}</td>
                    <td class="num">{figure(Metric::Size, &run)}</td>
                    <td class="num">{figure(Metric::NewBytes, &run)}</td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <details class="chart-details" id="job-history-table">
            <summary>{move || fl!(LOADER, "job-chart-table-show")}</summary>
            <div class="table-wrap" tabindex="0">
                <table class="table table-compact chart-table" data-testid="chart-table-job-history">
                    <caption>{move || fl!(LOADER, "job-chart-table")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || fl!(LOADER, "chart-col-date")}</th>
                            <th scope="col">{move || fl!(LOADER, "chart-col-result")}</th>
                            <th scope="col">{move || fl!(LOADER, "runs-col-duration")}</th>
                            <th scope="col">{move || fl!(LOADER, "runs-col-files")}</th>
                            <th scope="col">{move || fl!(LOADER, "job-chart-size")}</th>
                            <th scope="col">{move || fl!(LOADER, "job-chart-new-bytes")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}
