//! API integration tests: the real server, in-process, against real PostgreSQL, one fresh
//! database per test cloned from a migrated template.

#![allow(clippy::unwrap_used)] // integration tests: a panic is a test failure

mod audit;
mod auth;
mod authz;
mod batches;
mod browse;
mod catalog_clients;
mod catalog_jobs;
mod catalog_misc;
mod cli;
mod dashboard;
mod dashboard_history;
mod dashboard_storage;
mod digest;
mod dispatch;
mod engine;
mod exact;
mod faults;
mod helpers;
mod language;
mod large;
mod late;
mod logs;
mod manifest;
mod metrics;
mod migrations;
mod moves;
mod notifications;
mod notifications_more;
mod openapi;
mod packaging;
mod replication;
mod replication_access;
mod replication_access_ssh;
mod replication_control;
mod replication_control_copies;
mod replication_faults;
mod replication_kill;
mod replication_pending;
mod replication_wipe;
mod restore;
mod retention;
mod scheduler;
mod scripts;
mod security;
mod smtp;
mod sse;
mod sshd;
mod steps;
mod tokens;
mod torture;
mod transactions;
mod transactions_engine;
mod webhooks;
