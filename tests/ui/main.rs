//! The window, driven headless through AccessKit labels as a user would (egui_kittest).

mod claim_memory;
mod common;
mod disk_changes;
mod revisions;
mod rough_edges;
mod workflow;
