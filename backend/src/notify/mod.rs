//! Notifications: deciding who is told what about a finished run (pure), queueing it in
//! the outbox in the run's own transaction (and a late job's in its transition's), the
//! daily digest's facts, rendering the messages in each recipient's language, and the
//! sender that delivers them by e-mail and webhook with retries. Below the engine, which
//! queues; above the database.

pub mod decide;
pub mod digest;
pub mod facts;
pub mod late;
pub mod mail;
pub mod outbox;
pub mod render;
pub mod render_more;
pub mod sender;
pub mod webhook;
