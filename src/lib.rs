//! factdesk: find the checkable claims in an article and keep a fact-checker's work on them.
//!
//! The library is the functional core (no UI): [`article`] loading, [`segment`] sentences,
//! [`claims`] finding, [`project`] model and storage, [`report`] exports. The `ui` module is the
//! thin egui shell on top, and `cli` the headless front end.

pub mod article;
pub mod claims;
pub mod cli;
pub mod library;
pub mod matching;
pub mod project;
pub mod report;
pub mod segment;
pub mod ui;

/// mimalloc instead of the system allocator, for every binary built on this library (the app,
/// tests and benchmarks alike, so benchmarks measure what users run): claim finding makes
/// many small, short-lived allocations on several threads, where it is markedly faster than
/// glibc's malloc (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
