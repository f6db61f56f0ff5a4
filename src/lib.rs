//! parley: a terminal timeline viewer for diplomatic negotiations.
//!
//! `model` is the pure domain (reported time, the chronological timeline), `data` reads
//! files into it, `agenda` writes it as plain text, and `cli`/`commands` tie them to the
//! command line.

pub mod agenda;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod data;
mod memory;
pub mod model;
pub mod synthetic;
pub mod tui;
pub mod ui;
pub mod watch;
