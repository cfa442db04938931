//! Keeps the board current: a run that starts or finishes (an event on the live stream)
//! fetches the board again, a second after the last such event so that a burst of runs
//! costs one request; so does a reconnection, after which events may have been missed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::events::Event;
use shared::runs::RunState;

use crate::api::runs::sleep;
use crate::live::use_live;

/// How long the board waits after the last run event before it fetches again.
const DEBOUNCE_MS: i32 = 1_000;

/// Whether an event changes the board: a run that started, moved on or finished. A run
/// that is only queued or waiting for its client leaves its tile as it was.
pub fn changes_board(event: &Event) -> bool {
    match event {
        Event::Run { item } => moves_tile(item.run.state),
        _ => false,
    }
}

/// True for the run states that change a tile (running, or finished).
fn moves_tile(state: RunState) -> bool {
    !matches!(state, RunState::Queued | RunState::WaitingForClient)
}

/// Bumps `reload` after run events (debounced) and after every reconnection.
pub fn follow(reload: RwSignal<u32>) {
    let live = use_live();
    let latest = StoredValue::new(0u64);
    live.subscribe(move |event| {
        if !changes_board(&event) {
            return;
        }
        let Some(mine) = latest.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        spawn_local(async move {
            sleep(DEBOUNCE_MS).await;
            // Only the last event of a burst fetches; a page gone meanwhile does nothing.
            if latest.try_get_value() == Some(mine) {
                reload.try_update(|n| *n += 1);
            }
        });
    });
    Effect::new(move |seen: Option<u64>| {
        let opened = live.opened.get();
        // Not on the tab's first connection: only a reconnection may have missed events.
        if opened > 1 && seen.is_some_and(|s| s != opened) {
            reload.update(|n| *n += 1);
        }
        opened
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queued_runs_leave_the_board_alone() {
        assert!(!moves_tile(RunState::Queued));
        assert!(!moves_tile(RunState::WaitingForClient));
        assert!(moves_tile(RunState::PreJob));
        assert!(moves_tile(RunState::Running));
        assert!(moves_tile(RunState::Finished));
    }
}
