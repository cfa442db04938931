//! ElkarBackup server library: everything the `elkarbackup` binary runs, exposed so that
//! integration tests can start the real application in-process.

pub mod api;
pub mod auth;
pub mod catalog;
pub mod config;
pub mod db;
pub mod doctor;
pub mod domain;
pub mod engine;
pub mod events;
pub mod i18n;
pub mod notify;
pub mod recovery;
pub mod replication;
pub mod scheduler;
pub mod snapfs;
pub mod startup;
pub mod state;
pub mod views;
pub mod web;
