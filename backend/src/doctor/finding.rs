//! What a check found: its subject, a status and a message (a Fluent id and its
//! arguments), rendered later in the environment's language. Pure data, no I/O.

/// How a finding weighs: only problems make `elkarbackup doctor` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// In order.
    Ok,
    /// Information that asks for nothing (an unknown NTP state, no TLS configured).
    Note,
    /// Not checked, on purpose (an inactive location, a database that did not open).
    Skipped,
    /// Works, but deserves attention.
    Warning,
    /// ElkarBackup will not work properly until it is fixed.
    Problem,
}

impl Status {
    /// The Fluent id of the status word.
    pub fn message_id(self) -> &'static str {
        match self {
            Status::Ok => "doctor-status-ok",
            Status::Note => "doctor-status-note",
            Status::Skipped => "doctor-status-skipped",
            Status::Warning => "doctor-status-warning",
            Status::Problem => "doctor-status-problem",
        }
    }

    /// Every status, in the order of their weight.
    pub const ALL: [Status; 5] = [
        Status::Ok,
        Status::Note,
        Status::Skipped,
        Status::Warning,
        Status::Problem,
    ];
}

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The PostgreSQL programs and the `postgres` user's access to the cluster.
    Postgres,
    /// Opening the database (managed cluster or `DATABASE_URL`).
    Database,
    Rsync,
    Ssh,
    /// A backup location, by name.
    Location(String),
    Tls,
    TimeZone,
    /// The system clock: against the database server's, and its NTP synchronisation.
    Clock,
}

impl Check {
    /// The Fluent id of the subject's label and its arguments.
    pub fn label(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Check::Postgres => ("doctor-check-postgres", vec![]),
            Check::Database => ("doctor-check-database", vec![]),
            Check::Rsync => ("doctor-check-rsync", vec![]),
            Check::Ssh => ("doctor-check-ssh", vec![]),
            Check::Location(name) => ("doctor-check-location", vec![("name", name.clone())]),
            Check::Tls => ("doctor-check-tls", vec![]),
            Check::TimeZone => ("doctor-check-time-zone", vec![]),
            Check::Clock => ("doctor-check-clock", vec![]),
        }
    }
}

/// One line of the report: what was found, and for anything wrong what to do about it
/// (the message says both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub check: Check,
    pub status: Status,
    /// The Fluent id of the message.
    pub key: &'static str,
    /// The message's arguments, as text.
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    /// A finding with no arguments yet (add them with [`Finding::arg`]).
    pub fn new(check: Check, status: Status, key: &'static str) -> Self {
        Finding {
            check,
            status,
            key,
            args: Vec::new(),
        }
    }

    /// Adds an argument of the message.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The value of argument `name`, for tests.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How many findings have `status`.
pub fn count(findings: &[Finding], status: Status) -> usize {
    findings.iter().filter(|f| f.status == status).count()
}
