//! The replica's side of replication: reading a primary's catalog over HTTPS, and the
//! sync that mirrors its clients and jobs here and queues one replication run per job.

pub mod plan;
pub mod primary_client;
pub mod source;
pub mod sync;
