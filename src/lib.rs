//! parley: a terminal timeline viewer for diplomatic negotiations.
//!
//! `model` is the pure domain (reported time, the chronological timeline), `data` reads
//! files into it, `agenda` writes it as plain text, and `cli`/`commands` tie them to the
//! command line. `store` keeps a timeline's events compactly and fills them from a
//! loader, on two threads for a large file; it changes a load's speed and size, not
//! its result.

pub mod agenda;
pub mod app;
pub mod browser;
pub mod cli;
pub mod commands;
pub mod config;
pub mod data;
pub mod model;
pub mod output;
pub mod store;
pub mod synthetic;
pub mod tui;
pub mod ui;
pub mod watch;
