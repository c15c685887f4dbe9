//! Fuzz targets, run long by hand (stable Rust has no cargo-fuzz; proptest generates the
//! inputs, mixing arbitrary bytes with structure-aware fragments):
//!
//! ```sh
//! FACTDESK_FUZZ_SECONDS=600 cargo test --release --test fuzz -- --ignored --nocapture fuzz_decode
//! ```
//!
//! Each target checks: no panic, no hang (every input finishes), spans valid. CI runs the
//! short versions (a few hundred cases each); crash inputs found are kept in `regressions`.

use std::time::{Duration, Instant};

use factdesk::claims::ClaimFinder;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn budget() -> Option<Duration> {
    std::env::var("FACTDESK_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs)
}

/// Runs `check` on generated inputs until the time budget is spent; returns cases run.
fn run_for<S: Strategy>(strategy: S, seconds: Duration, check: impl Fn(S::Value)) -> u64
where
    S::Value: std::fmt::Debug,
{
    let started = Instant::now();
    let mut runner = TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    });
    let mut total = 0u64;
    while started.elapsed() < seconds {
        runner
            .run(&strategy, |v| {
                check(v);
                Ok(())
            })
            .unwrap();
        total += 256;
        runner = TestRunner::new(Config {
            cases: 256,
            failure_persistence: None,
            rng_seed: proptest::test_runner::RngSeed::Random,
            ..Config::default()
        });
    }
    total
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragments = prop::sample::select(vec![
        &b"\xEF\xBB\xBF"[..],
        b"\xFF\xFE",
        b"\xFE\xFF",
        b"\0",
        b"\r\n",
        b"\r",
        b"<html>",
        b"<p>",
        b"</p>",
        b"<script>",
        b"# ",
        b"**",
        b"\x93",
        b"\x94",
        b"\xe9",
        b"U.S.",
        b"Dec. 2",
        b"\xe2\x80\x9c",
        b"\xe2\x80\xa6",
        b"1. ",
        b"\xe2\x80\xa2 ",
    ]);
    prop::collection::vec(
        prop_oneof![any::<Vec<u8>>(), fragments.prop_map(|f| f.to_vec())],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "U.S.",
        "Dec. 2",
        "Mr.",
        "said",
        "“",
        "”",
        "\"",
        "90%",
        "$5",
        "...",
        "…",
        ". ",
        "? ",
        "!",
        "\n",
        "\n\n",
        "1. ",
        "a) ",
        "• ",
        "Zürich",
        "日本",
        "👍",
        " ",
        "The",
        "rose",
        "2014",
        "(",
        ")",
        "_____",
        "©",
        "\t",
        "’",
        "—",
        "Inc.",
        "a.m.",
        "I.",
        ". . .",
        "[...]",
        "e.g.",
        "No. 5",
        "According to",
        "she",
        "will",
    ]);
    prop::collection::vec(
        prop_oneof![3 => pieces.prop_map(String::from), 1 => any::<String>()],
        0..80,
    )
    .prop_map(|v| v.concat())
}

fn check_decode(b: Vec<u8>) {
    let name = std::path::Path::new("fuzz.html");
    let _ = factdesk::article::from_bytes(Some(name), &b);
    let _ = factdesk::article::from_bytes(Some(std::path::Path::new("fuzz.md")), &b);
    if let Ok(a) = factdesk::article::from_bytes(None, &b) {
        assert!(!a.text.contains('\r'));
    }
}

fn check_claims(t: String) {
    let total = t.chars().count();
    let mut last = 0;
    for c in ClaimFinder::default().find(&t) {
        assert!(c.start >= last && c.start < c.end && c.end <= total);
        let span: String = t.chars().skip(c.start).take(c.end - c.start).collect();
        assert_eq!(span, c.text);
        assert!((0.0..=1.0).contains(&c.score));
        last = c.end;
    }
}

fn check_project(b: Vec<u8>) {
    if let Ok(s) = std::str::from_utf8(&b) {
        let _ = factdesk::project::storage::from_ron(s, "fuzz");
    }
}

fn project_bytes() -> impl Strategy<Value = Vec<u8>> {
    let good = factdesk::project::storage::to_ron(&factdesk::project::Project::from_article(
        &factdesk::article::sample(),
        &ClaimFinder::rules(),
    ))
    .unwrap()
    .into_bytes();
    // Mutate a valid file: truncate, flip bytes, splice random bytes in.
    (0..good.len(), any::<Vec<u8>>(), 0..good.len()).prop_map(move |(cut, junk, at)| {
        let mut v = good.clone();
        let at = at.min(v.len());
        v.splice(at..at, junk);
        v.truncate(cut.max(1) + 64);
        v
    })
}

#[test]
fn fuzz_short_runs() {
    // The CI-sized version of every target.
    let quick = Duration::from_millis(1500);
    assert!(run_for(bytes(), quick, check_decode) > 0);
    assert!(run_for(text(), quick, check_claims) > 0);
    assert!(run_for(project_bytes(), quick, check_project) > 0);
}

#[test]
#[ignore]
fn fuzz_decode() {
    let n = run_for(
        bytes(),
        budget().unwrap_or(Duration::from_secs(60)),
        check_decode,
    );
    println!("fuzz_decode: {n} inputs");
}

#[test]
#[ignore]
fn fuzz_claims() {
    let n = run_for(
        text(),
        budget().unwrap_or(Duration::from_secs(60)),
        check_claims,
    );
    println!("fuzz_claims: {n} inputs");
}

#[test]
#[ignore]
fn fuzz_project() {
    let n = run_for(
        project_bytes(),
        budget().unwrap_or(Duration::from_secs(60)),
        check_project,
    );
    println!("fuzz_project: {n} inputs");
}
