//! The audit trail's vocabulary: what an audit record (a log record of source `audit`)
//! is about. Its `data` is `{"kind", "id", "name", "changes": {field: [before, after]}}`
//! plus facts of the action (a path, a fingerprint, a run id); secrets appear only as
//! `"<redacted>"`, script contents only as `"<changed>"`.

crate::text::text_enum! {
    /// The kind of object an audit record is about (`data.kind`).
    pub enum AuditKind {
        Client => "client",
        Job => "job",
        Policy => "policy",
        Location => "location",
        Script => "script",
        User => "user",
        /// A personal API token.
        Token => "token",
        /// The instance settings.
        Settings => "settings",
        Run => "run",
        Snapshot => "snapshot",
        /// A webhook of the notification channel.
        Webhook => "webhook",
        /// On a primary: a replica's access (token and ssh key).
        ReplicationAccess => "replication_access",
        /// On a replica: a primary it copies.
        Replication => "replication",
    }
}
