//! The window, driven headless through AccessKit labels as a user would (egui_kittest).

mod common;
mod revisions;
mod rough_edges;
mod workflow;
