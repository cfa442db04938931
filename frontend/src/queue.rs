//! The queue as the Status and Jobs pages keep it between two loads of `GET /api/queue`:
//! the live events applied to the list (runs added, changed, removed when finished;
//! progress figures; client states), in the server's order: runs being executed first,
//! then the queued ones in dispatch order.

use shared::events::{ClientState, ClientStateName, ProgressEvent, QueueItem};
use shared::runs::{RunProgress, RunState};

/// How far along its life a run is, for ignoring events older than what is shown:
/// `RunState::ALL` lists the states in the order a run goes through them.
fn rank(state: RunState) -> usize {
    RunState::ALL
        .iter()
        .position(|s| *s == state)
        .unwrap_or(RunState::ALL.len())
}

/// True for runs that have left the queue (shown before the queued ones).
fn executing(item: &QueueItem) -> bool {
    item.run.state != RunState::Queued
}

/// Applies a `run` event: a new run joins the end of its group, a known one is updated,
/// a finished one leaves. With `forward_only`, a known run never goes back to an earlier
/// state (for events replayed over a fresher list).
pub fn apply_run(items: &mut Vec<QueueItem>, mut item: QueueItem, forward_only: bool) {
    let position = items.iter().position(|i| i.run.id == item.run.id);
    if item.run.state == RunState::Finished {
        if let Some(p) = position {
            items.remove(p);
        }
        return;
    }
    match position {
        Some(p) => {
            let old = &items[p];
            if forward_only && rank(item.run.state) < rank(old.run.state) {
                return;
            }
            item.run.progress = newest(old.run.progress.clone(), item.run.progress);
            items[p] = item;
        }
        None => items.push(item),
    }
    order(items);
}

/// The more advanced of two progress figures.
fn newest(a: Option<RunProgress>, b: Option<RunProgress>) -> Option<RunProgress> {
    match (a, b) {
        (Some(a), Some(b)) => Some(
            if a.bytes_done > b.bytes_done || a.files_done > b.files_done {
                a
            } else {
                b
            },
        ),
        (a, b) => b.or(a),
    }
}

/// Executing runs first, each group keeping its order.
fn order(items: &mut [QueueItem]) {
    items.sort_by_key(|i| !executing(i));
}

/// Applies a `progress` event; false when the run is not in the list.
pub fn apply_progress(items: &mut [QueueItem], event: &ProgressEvent) -> bool {
    match items.iter_mut().find(|i| i.run.id == event.run_id) {
        Some(item) => {
            item.run.progress = Some(event.progress.clone());
            true
        }
        None => false,
    }
}

/// Applies a `client_state` event: idle clients leave the list, others are updated or
/// added at the end. A state older than the one shown is ignored.
pub fn apply_client_state(states: &mut Vec<ClientState>, state: ClientState) {
    let position = states.iter().position(|s| s.client_id == state.client_id);
    if position.is_some_and(|p| states[p].updated_at > state.updated_at) {
        return;
    }
    match (position, state.state) {
        (Some(p), ClientStateName::Idle) => {
            states.remove(p);
        }
        (None, ClientStateName::Idle) => {}
        (Some(p), _) => states[p] = state,
        (None, _) => states.push(state),
    }
}

/// The done percentage, when the number of files to check is known.
pub fn percent(progress: &RunProgress) -> Option<i64> {
    let total = progress.files_total.filter(|t| *t > 0)?;
    Some((progress.files_done.max(0) * 100 / total).min(100))
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use shared::runs::Run;

    use super::*;

    fn item(id: i64, state: RunState) -> QueueItem {
        QueueItem {
            run: Run {
                id,
                job_id: id * 10,
                kind: Default::default(),
                restore: None,
                trigger: shared::runs::RunTrigger::Manual,
                levels: Vec::new(),
                state,
                result: None,
                error_code: None,
                exit_code: None,
                queued_at: Utc::now(),
                started_at: None,
                finished_at: None,
                stats: None,
                progress: None,
                batch_id: None,
            },
            job_name: "files".into(),
            client_id: 1,
            client_name: "web".into(),
            location_id: 1,
        }
    }

    fn ids(items: &[QueueItem]) -> Vec<i64> {
        items.iter().map(|i| i.run.id).collect()
    }

    fn progress(files: i64) -> RunProgress {
        RunProgress {
            files_done: files,
            bytes_done: files * 100,
            files_total: Some(10),
            ..RunProgress::default()
        }
    }

    #[test]
    fn runs_join_change_and_leave() {
        let mut q = vec![item(1, RunState::Running), item(2, RunState::Queued)];
        apply_run(&mut q, item(3, RunState::Queued), false);
        assert_eq!(ids(&q), [1, 2, 3]);
        // The last queued one starts: it moves up to the executing group.
        apply_run(&mut q, item(3, RunState::PreJob), false);
        assert_eq!(ids(&q), [1, 3, 2]);
        apply_run(&mut q, item(1, RunState::Finished), false);
        assert_eq!(ids(&q), [3, 2]);
        apply_run(&mut q, item(9, RunState::Finished), false);
        assert_eq!(ids(&q), [3, 2]);
    }

    #[test]
    fn replayed_events_do_not_go_back() {
        let mut q = vec![item(1, RunState::Running)];
        apply_run(&mut q, item(1, RunState::Queued), true);
        assert_eq!(q[0].run.state, RunState::Running);
        apply_run(&mut q, item(1, RunState::Queued), false);
        assert_eq!(q[0].run.state, RunState::Queued);
    }

    #[test]
    fn progress_is_kept_and_follows() {
        let mut q = vec![item(1, RunState::Running)];
        let event = ProgressEvent {
            run_id: 1,
            job_id: 10,
            client_id: 1,
            progress: progress(4),
        };
        assert!(apply_progress(&mut q, &event));
        assert!(!apply_progress(&mut [], &event));
        // A state change without figures keeps the last ones.
        apply_run(&mut q, item(1, RunState::PostJob), false);
        assert_eq!(q[0].run.progress.as_ref().map(|p| p.files_done), Some(4));
        let mut older = item(1, RunState::PostJob);
        older.run.progress = Some(progress(2));
        apply_run(&mut q, older, false);
        assert_eq!(q[0].run.progress.as_ref().map(|p| p.files_done), Some(4));
        assert_eq!(q[0].run.progress.as_ref().and_then(percent), Some(40));
    }

    #[test]
    fn client_states() {
        let state = |id, name| ClientState {
            client_id: id,
            client_name: "web".into(),
            state: name,
            batch_id: None,
            error_code: None,
            active_runs: 1,
            updated_at: Utc::now(),
        };
        let mut s = Vec::new();
        apply_client_state(&mut s, state(1, ClientStateName::Queued));
        apply_client_state(&mut s, state(2, ClientStateName::Idle));
        apply_client_state(&mut s, state(1, ClientStateName::Running));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].state, ClientStateName::Running);
        let mut old = state(1, ClientStateName::Idle);
        old.updated_at = s[0].updated_at - chrono::Duration::seconds(5);
        apply_client_state(&mut s, old);
        assert_eq!(s.len(), 1);
        apply_client_state(&mut s, state(1, ClientStateName::Idle));
        assert!(s.is_empty());
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(&RunProgress::default()), None);
        assert_eq!(percent(&progress(10)), Some(100));
        let mut p = progress(3);
        p.files_total = Some(0);
        assert_eq!(percent(&p), None);
    }
}
