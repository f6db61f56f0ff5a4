//! parley: a terminal timeline viewer for diplomatic negotiations.
//!
//! `model` is the pure domain (reported time, the chronological timeline), `data` reads
//! files into it, `agenda` writes it as plain text, and `cli`/`commands` tie them to the
//! command line. `memory` holds the two requests a large load makes of the system
//! (pages in bulk, freed ones back), which change its speed and size, not its result.

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
