//! Which rows of the main page are ticked. Each row has its own flag, so ticking one box
//! updates one checkbox, not the thousands of a 500-client page; a counter tells the bulk
//! buttons whether anything is ticked.

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;

/// A row of the main page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    Client(i64),
    Job(i64),
}

/// The ticked rows.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    flags: StoredValue<HashMap<Row, RwSignal<bool>>>,
    count: RwSignal<usize>,
}

impl Selection {
    /// Nothing ticked, no rows yet.
    pub fn new() -> Self {
        Selection {
            flags: StoredValue::new(HashMap::new()),
            count: RwSignal::new(0),
        }
    }

    /// Forgets every row; call before drawing a new list (the flags belong to it).
    pub fn reset(self) {
        self.flags.set_value(HashMap::new());
        self.count.set(0);
    }

    /// The flag of a row, created unticked on first use (while drawing the row).
    pub fn flag(self, row: Row) -> RwSignal<bool> {
        if let Some(flag) = self.flags.with_value(|m| m.get(&row).copied()) {
            return flag;
        }
        let flag = RwSignal::new(false);
        self.flags.update_value(|m| {
            m.insert(row, flag);
        });
        flag
    }

    /// Ticks or unticks a row.
    pub fn set(self, row: Row, on: bool) {
        let Some(flag) = self.flags.with_value(|m| m.get(&row).copied()) else {
            return;
        };
        if flag.try_get_untracked() == Some(!on) {
            flag.set(on);
            self.count.update(|n| {
                *n = if on { *n + 1 } else { n.saturating_sub(1) };
            });
        }
    }

    /// Ticks or unticks every row.
    pub fn set_all(self, on: bool) {
        let rows: Vec<Row> = self.flags.with_value(|m| m.keys().copied().collect());
        for row in rows {
            self.set(row, on);
        }
    }

    /// Whether anything is ticked (reactive).
    pub fn any(self) -> bool {
        self.count.get() > 0
    }

    /// Whether every row is ticked (reactive).
    pub fn all(self) -> bool {
        let n = self.count.get();
        n > 0 && n == self.flags.with_value(HashMap::len)
    }

    /// The ticked clients and jobs.
    pub fn chosen(self) -> (BTreeSet<i64>, BTreeSet<i64>) {
        let mut clients = BTreeSet::new();
        let mut jobs = BTreeSet::new();
        self.flags.with_value(|m| {
            for (row, flag) in m {
                if flag.try_get_untracked() == Some(true) {
                    match row {
                        Row::Client(id) => clients.insert(*id),
                        Row::Job(id) => jobs.insert(*id),
                    };
                }
            }
        });
        (clients, jobs)
    }
}
