//! What the dispatcher chooses from, as `queue::claim` reads it: the queued candidates and
//! the runs executing now. Plain data; the choice itself is `scheduler::choose`'s.

use std::collections::HashMap;

/// A queued run the dispatcher may start, in queue order (queued time, then priority).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub run_id: i64,
    pub client_id: i64,
    pub location_id: i64,
    /// The client's limit of parallel runs.
    pub client_limit: i64,
    /// The location's limit of parallel runs.
    pub location_limit: i64,
}

/// Runs executing now, over every server on the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Busy {
    pub total: i64,
    pub clients: HashMap<i64, i64>,
    pub locations: HashMap<i64, i64>,
}

impl Busy {
    /// Counts executing runs from their (client, location) pairs.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (i64, i64)>) -> Busy {
        let mut b = Busy::default();
        for (client, location) in pairs {
            b.add(client, location);
        }
        b
    }

    /// Counts one more executing run.
    pub fn add(&mut self, client: i64, location: i64) {
        self.total += 1;
        *self.clients.entry(client).or_default() += 1;
        *self.locations.entry(location).or_default() += 1;
    }
}
