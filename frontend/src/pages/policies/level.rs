//! One level of the policy editor (a tab panel): switch, keep count, times of day,
//! weekdays, days of the month and months. Nothing ticked in a group means "every".

use i18n_embed_fl::fl;
use leptos::prelude::*;

use super::draft::LevelDraft;
use crate::components::feedback::FieldError;
use crate::components::form::FormState;
use crate::i18n::LOADER;
use crate::labels;

fn toggle(list: RwSignal<Vec<u8>>, value: u8, on: bool) {
    list.update(|v| {
        v.retain(|x| *x != value);
        if on {
            v.push(value);
            v.sort_unstable();
        }
    });
}

/// A group of checkboxes over `values`, labelled by `label_of`.
#[component]
fn Checks(
    id: String,
    legend: String,
    hint: String,
    values: std::ops::RangeInclusive<u8>,
    label_of: fn(u8) -> String,
    list: RwSignal<Vec<u8>>,
    error: Signal<Option<String>>,
    class: &'static str,
) -> impl IntoView {
    let boxes = values
        .map(|v| {
            let box_id = format!("{id}-{v}");
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        id=box_id
                        value=v.to_string()
                        prop:checked=move || list.with(|l| l.contains(&v))
                        on:change=move |ev| toggle(list, v, event_target_checked(&ev))
                    />
                    {label_of(v)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field checks" id=id.clone()>
            <legend>{legend}</legend>
            <div class=class>{boxes}</div>
            <p class="field-help">{hint}</p>
            <FieldError id=format!("{id}-error") message=error />
        </fieldset>
    }
}

/// The panel of one level.
#[component]
pub fn LevelEditor(
    level: LevelDraft,
    form: FormState,
    #[prop(into)] hidden: Signal<bool>,
    /// For operators, who may look but not change.
    read_only: bool,
) -> impl IntoView {
    let key = level.name.as_str();
    let field = move |f: &str| format!("schedule.{key}.{f}");
    let id = move |f: &str| format!("policy-{key}-{f}");
    let keep_error = form.error(field("keep"));
    let times_error = form.error(field("times"));
    let dow_error = form.error(field("days_of_week"));
    let dom_error = form.error(field("days_of_month"));
    let months_error = form.error(field("months"));
    let keep_id = id("keep");
    view! {
        <div
            role="tabpanel"
            id=format!("policy-panel-{key}")
            aria-labelledby=format!("policy-tab-{key}")
            class="tab-panel"
            hidden=move || hidden.get()
        >
            <EnabledCheck level=level read_only=read_only />
            <fieldset class="level-settings" disabled=move || read_only || !level.enabled.get()>
                <div class="field">
                    <label for=keep_id.clone()>{move || fl!(LOADER, "policy-keep")}</label>
                    <input
                        type="number"
                        id=keep_id.clone()
                        class="input-short"
                        min="1"
                        max="1000"
                        aria-describedby=format!("{keep_id}-error")
                        aria-invalid=move || keep_error.get().is_some().to_string()
                        bind:value=level.keep
                    />
                    <FieldError id=format!("{keep_id}-error") message=keep_error />
                </div>
                <TimesField level=level error=times_error />
                {move || view! {
                    <Checks id=id("dow") legend=fl!(LOADER, "policy-days-of-week") hint=fl!(LOADER, "policy-every-day")
                        values=1..=7 label_of=labels::weekday_short list=level.days_of_week error=dow_error class="check-row" />
                    <Checks id=id("dom") legend=fl!(LOADER, "policy-days-of-month") hint=fl!(LOADER, "policy-every-day-of-month")
                        values=1..=31 label_of=|d| d.to_string() list=level.days_of_month error=dom_error class="check-grid" />
                    <Checks id=id("months") legend=fl!(LOADER, "policy-months") hint=fl!(LOADER, "policy-every-month")
                        values=1..=12 label_of=labels::month_short list=level.months error=months_error class="check-row" />
                }}
            </fieldset>
        </div>
    }
}

/// "Keep this level" checkbox; switching it on fills in the level's defaults.
#[component]
fn EnabledCheck(level: LevelDraft, read_only: bool) -> impl IntoView {
    let enabled_id = format!("policy-{}-enabled", level.name.as_str());
    view! {
        <div class="field field-check">
            <label class="check">
                <input
                    type="checkbox"
                    id=enabled_id
                    disabled=read_only
                    prop:checked=move || level.enabled.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        if on {
                            level.switch_on();
                        }
                        level.enabled.set(on);
                    }
                />
                {move || fl!(LOADER, "policy-enabled", level = labels::level_name(level.name))}
            </label>
        </div>
    }
}

/// The times of day the level runs at, each removable, and a button to add one.
#[component]
fn TimesField(level: LevelDraft, error: Signal<Option<String>>) -> impl IntoView {
    let key = level.name.as_str();
    let id = move |f: &str| format!("policy-{key}-{f}");
    let times_error = error;
    let count = Memo::new(move |_| level.times.with(Vec::len));
    let times = move || {
        (0..count.get())
            .map(|i| {
                let input_id = format!("policy-{key}-time-{i}");
                let number = i + 1;
                view! {
                    <li class="time-item">
                        <label class="visually-hidden" for=input_id.clone()>
                            {fl!(LOADER, "policy-time-label", number = number)}
                        </label>
                        <input
                            type="time"
                            id=input_id
                            data-testid="policy-time"
                            step="60"
                            prop:value=move || level.times.with(|t| t.get(i).cloned().unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                level.times.update(|t| if let Some(x) = t.get_mut(i) { *x = v });
                            }
                        />
                        <button
                            type="button"
                            class="button button-quiet"
                            data-testid="policy-time-remove"
                            aria-label=fl!(LOADER, "policy-time-remove-label", number = number)
                            on:click=move |_| level.times.update(|t| { if i < t.len() { t.remove(i); } })
                        >
                            {fl!(LOADER, "remove")}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="field" id=id("times")>
            <legend>{move || fl!(LOADER, "policy-times")}</legend>
            <ul class="time-list">{times}</ul>
            <button
                type="button"
                class="button button-quiet"
                id=id("add-time")
                on:click=move |_| level.times.update(|t| t.push(String::new()))
            >
                {move || fl!(LOADER, "policy-add-time")}
            </button>
            <FieldError id=format!("policy-{key}-times-error") message=times_error />
        </fieldset>
    }
}
