//! factdesk: find the checkable claims in an article and keep a fact-checker's work on them.
//!
//! The library is the functional core (no UI): [`article`] loading, [`segment`] sentences,
//! [`claims`] finding, [`spans`] character offsets, [`project`] model and storage, [`report`] exports. The `ui` module is the
//! thin egui shell on top, and `cli` the headless front end.

pub mod article;
pub mod claims;
pub mod cli;
pub mod library;
pub mod matching;
pub mod project;
pub mod report;
pub mod segment;
pub mod spans;
pub mod ui;
