//! Check-worthiness scoring speed, single-threaded: sentences per second for the learned
//! model and for the rule score on the same sentences (the baseline in the same run).
//!
//! Run: `cargo bench --bench score`

use divan::counter::ItemsCount;
use factdesk::claims::{RuleScorer, Scorer, Signals, analyse, model::Model};

/// mimalloc instead of the system allocator, as in the `factdesk` binary, so benchmarks
/// measure what users run (claim finding makes many small allocations on several threads).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn sentences() -> Vec<(String, Signals)> {
    factdesk::segment::sentence_texts(factdesk::article::SAMPLE_ARTICLE)
        .into_iter()
        .map(|s| (s.to_string(), analyse(s)))
        .collect()
}

/// The model alone, given the finder's signals.
#[divan::bench]
fn model_score(bencher: divan::Bencher) {
    let data = sentences();
    let model = Model::embedded();
    bencher.counter(ItemsCount::new(data.len())).bench(|| {
        data.iter()
            .map(|(s, sig)| model.score(s, sig).score)
            .sum::<f32>()
    });
}

/// Baseline: the hand-set rule score on the same signals.
#[divan::bench]
fn rules_score(bencher: divan::Bencher) {
    let data = sentences();
    bencher.counter(ItemsCount::new(data.len())).bench(|| {
        data.iter()
            .map(|(s, sig)| RuleScorer.score(s, sig).score)
            .sum::<f32>()
    });
}

/// What `factdesk score` does per line: signals plus model.
#[divan::bench]
fn analyse_and_model_score(bencher: divan::Bencher) {
    let data = sentences();
    let model = Model::embedded();
    bencher.counter(ItemsCount::new(data.len())).bench(|| {
        data.iter()
            .map(|(s, _)| model.score(s, &analyse(s)).score)
            .sum::<f32>()
    });
}
