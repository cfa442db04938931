//! Notifications: deciding who is told what about a finished run (pure), queueing it in
//! the outbox in the run's own transaction, rendering the messages in each recipient's
//! language, and the sender that delivers them by e-mail with retries. Below the engine,
//! which queues; above the database.

pub mod decide;
pub mod mail;
pub mod outbox;
pub mod render;
pub mod sender;
pub mod webhook;
