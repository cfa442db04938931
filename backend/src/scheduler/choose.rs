//! Which queued runs the dispatcher starts now (pure): the queue order, held against the
//! global, per-client and per-location limits.

pub use crate::db::candidates::{Busy, Candidate};

/// The runs to start, in queue order. A candidate whose client or location is full is
/// passed over (it keeps its place) so that it does not hold up other clients' runs; no
/// more than `global_limit` runs execute at once, nor more than `local_slots` are started.
pub fn choose(
    candidates: &[Candidate],
    mut busy: Busy,
    global_limit: i64,
    local_slots: usize,
) -> Vec<i64> {
    let mut chosen = Vec::new();
    for c in candidates {
        if busy.total >= global_limit || chosen.len() >= local_slots {
            break;
        }
        let client = busy.clients.get(&c.client_id).copied().unwrap_or(0);
        let location = busy.locations.get(&c.location_id).copied().unwrap_or(0);
        if client >= c.client_limit || location >= c.location_limit {
            continue;
        }
        busy.add(c.client_id, c.location_id);
        chosen.push(c.run_id);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(run_id: i64, client_id: i64, location_id: i64) -> Candidate {
        Candidate {
            run_id,
            client_id,
            location_id,
            client_limit: 1,
            location_limit: 2,
        }
    }

    #[test]
    fn takes_the_queue_in_order_up_to_the_global_limit() {
        let c = [cand(1, 1, 1), cand(2, 2, 2), cand(3, 3, 3)];
        assert_eq!(choose(&c, Busy::default(), 2, 10), [1, 2]);
        assert_eq!(choose(&c, Busy::default(), 5, 10), [1, 2, 3]);
    }

    #[test]
    fn a_full_client_is_passed_over_without_blocking_others() {
        // Runs 1 and 2 belong to client 1 (limit 1): 2 waits, 3 goes.
        let c = [cand(1, 1, 1), cand(2, 1, 2), cand(3, 2, 3)];
        assert_eq!(choose(&c, Busy::default(), 5, 10), [1, 3]);
        // Client 1 already runs something elsewhere.
        let busy = Busy::from_pairs([(1, 9)]);
        assert_eq!(choose(&c, busy, 5, 10), [3]);
    }

    #[test]
    fn location_limits_hold() {
        let c = [cand(1, 1, 7), cand(2, 2, 7), cand(3, 3, 7), cand(4, 4, 8)];
        assert_eq!(choose(&c, Busy::default(), 10, 10), [1, 2, 4]);
        let busy = Busy::from_pairs([(9, 7)]);
        assert_eq!(choose(&c, busy, 10, 10), [1, 4]);
    }

    #[test]
    fn busy_runs_count_against_the_global_limit_and_local_slots_cap_the_start() {
        let c = [cand(1, 1, 1), cand(2, 2, 2), cand(3, 3, 3)];
        let busy = Busy::from_pairs([(8, 8)]);
        assert_eq!(choose(&c, busy.clone(), 2, 10), [1]);
        assert_eq!(choose(&c, busy.clone(), 1, 10), Vec::<i64>::new());
        assert_eq!(choose(&c, busy, 10, 1), [1]);
    }

    #[test]
    fn higher_client_limits_allow_parallel_runs_of_one_client() {
        let mut c = [cand(1, 1, 1), cand(2, 1, 2), cand(3, 1, 3)];
        for x in &mut c {
            x.client_limit = 2;
        }
        assert_eq!(choose(&c, Busy::default(), 10, 10), [1, 2]);
    }
}
