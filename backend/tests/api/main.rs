//! API integration tests: the real server, in-process, against real PostgreSQL, one fresh
//! database per test cloned from a migrated template.

#![allow(clippy::unwrap_used)] // integration tests: a panic is a test failure

mod auth;
mod authz;
mod batches;
mod browse;
mod catalog_clients;
mod catalog_jobs;
mod catalog_misc;
mod cli;
mod dispatch;
mod engine;
mod exact;
mod faults;
mod helpers;
mod language;
mod large;
mod late;
mod manifest;
mod metrics;
mod migrations;
mod moves;
mod openapi;
mod restore;
mod scheduler;
mod scripts;
mod security;
mod sse;
mod sshd;
mod steps;
mod tokens;
mod torture;
mod transactions;
mod transactions_engine;
