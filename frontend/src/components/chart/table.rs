//! A chart's table view: the same numbers as an HTML table, for screen readers and for
//! copying, folded in a `<details>` under the chart.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use super::labels::{track_language, value_text, x_text};
use super::{ChartPoint, Unit};
use crate::i18n::LOADER;
use crate::labels;

/// `<details>` with `<table data-testid="chart-table-<name>">`: one row per point (its
/// position, its value, and its result when the points have one).
#[component]
pub fn ChartTable(
    #[prop(into)] name: String,
    /// The chart's label, the table's caption.
    #[prop(into)]
    label: Signal<String>,
    unit: Unit,
    #[prop(into)] points: Signal<Vec<ChartPoint>>,
    /// Heading of the first column (default "Date").
    #[prop(optional, into)]
    x_heading: MaybeProp<String>,
) -> impl IntoView {
    let testid = format!("chart-table-{name}");
    let table = move || {
        track_language();
        let pts = points.get();
        let with_result = pts.iter().any(|p| p.result.is_some());
        let x_head = x_heading
            .get()
            .unwrap_or_else(|| fl!(LOADER, "chart-col-date"));
        let rows = pts
            .iter()
            .map(|p| {
                let result = with_result.then(|| {
                    let wire = p.result.map(|r| r.as_str());
                    view! { <td data-result=wire>{labels::result_text(p.result)}</td> }
                });
                view! {
                    <tr data-x=p.x.wire() data-y=p.y.to_string()>
                        <td>{x_text(&p.x)}</td>
                        <td class="num">{value_text(unit, p.y)}</td>
                        {result}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="table table-compact chart-table" data-testid=testid.clone()>
                <caption>{label.get()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{x_head}</th>
                        <th scope="col">{fl!(LOADER, "chart-col-value")}</th>
                        {with_result.then(|| view! { <th scope="col">{fl!(LOADER, "chart-col-result")}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    view! {
        <details class="chart-details">
            <summary>{move || fl!(LOADER, "chart-table-show")}</summary>
            <div class="table-wrap" tabindex="0">{table}</div>
        </details>
    }
}
