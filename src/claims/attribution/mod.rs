//! Who a claim is attributed to, as a fact-checker reads it.

pub mod eval;
