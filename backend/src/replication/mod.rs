//! Replication between two ElkarBackup servers. The replica pulls: [`primary`] is what a
//! server offers to its replicas (the `authorized_keys` it manages for their read-only
//! ssh keys); [`replica`] is how a server copies a primary (the catalog client and the
//! sync that creates copied clients and jobs and queues their replication runs, which
//! `engine::replicate` executes).

pub mod primary;
pub mod replica;
