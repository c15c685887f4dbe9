//! Training and evaluating the check-worthiness model, reproducibly (fixed seed, no network).
//!
//! `factdesk train-scorer` trains on every labelled sentence and writes `assets/scorer.bin`;
//! `factdesk eval-scorer` runs k-fold cross-validation split by debate (`File_id`), so no
//! fold is scored by a model that saw its debate, and compares the model with the rule score.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use super::model::LISTING_THRESHOLD;
use super::model::{Hashed, Model, SIGNALS, hashed_features, signal_values};
use super::scorer::{RuleScorer, Scorer, sigmoid};
use super::signals::analyse;
use super::{RuleVerdict, rule_verdict};

/// One labelled sentence.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    /// Check-worthy factual sentence (ClaimBuster verdict 1).
    pub positive: bool,
    /// The ClaimBuster verdict: 1 check-worthy, 0 unimportant factual, -1 non-factual.
    pub verdict: i8,
    /// The debate it comes from; folds never split a debate.
    pub group: String,
}

/// Reads the ClaimBuster crowdsourced CSV (columns include Text, File_id, Verdict).
pub fn read_claimbuster(path: &Path) -> Result<Vec<Example>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("opening {}", path.display()))?;
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no column {name}", path.display()))
    };
    let (text, group, verdict) = (col("Text")?, col("File_id")?, col("Verdict")?);
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: row {}", path.display(), i + 2))?;
        let v: i8 = rec[verdict]
            .trim()
            .parse()
            .with_context(|| format!("{}: row {}: bad Verdict", path.display(), i + 2))?;
        out.push(Example {
            text: rec[text].to_string(),
            positive: v == 1,
            verdict: v,
            group: rec[group].to_string(),
        });
    }
    if out.is_empty() {
        bail!("{} has no rows", path.display());
    }
    Ok(out)
}

/// Features of one sentence, computed once and reused across epochs and folds.
pub struct Featurised {
    signals: [f32; SIGNALS],
    hashed: Vec<(u32, f32)>,
}

pub fn featurise(examples: &[Example], bits: u32) -> Vec<Featurised> {
    let mask = (1u32 << bits) - 1;
    let mut hashed: Vec<Hashed> = Vec::new();
    examples
        .iter()
        .map(|e| {
            hashed_features(&e.text, mask, &mut hashed);
            Featurised {
                signals: signal_values(e.text.trim(), &analyse(e.text.trim())),
                hashed: hashed.iter().map(|h| (h.bucket, h.value)).collect(),
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    pub bits: u32,
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    /// Weight of positive examples (they are about a quarter of the data).
    pub positive_weight: f32,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            bits: super::model::BUCKET_BITS,
            epochs: 6,
            learning_rate: 0.1,
            l2: 1e-6,
            positive_weight: 2.0,
            seed: 20_261_127,
        }
    }
}

/// xorshift64*: a tiny deterministic generator for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Logistic regression by Adagrad SGD over the given rows.
pub fn train(data: &[Featurised], labels: &[bool], rows: &[usize], cfg: &TrainConfig) -> Model {
    let mut model = Model::zeros(cfg.bits);
    let weights = Arc::make_mut(&mut model.weights);
    let mut g_w = vec![1e-6f32; weights.len()];
    let mut g_s = [1e-6f32; SIGNALS];
    let mut g_b = 1e-6f32;
    let mut order = rows.to_vec();
    let mut rng = Rng(cfg.seed | 1);
    for _ in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let x = &data[i];
            let mut z = model.bias;
            for (w, v) in model.signal_weights.iter().zip(&x.signals) {
                z += w * v;
            }
            for &(b, v) in &x.hashed {
                z += weights[b as usize] * v;
            }
            let y = if labels[i] { 1.0 } else { 0.0 };
            let g = (sigmoid(z) - y) * if labels[i] { cfg.positive_weight } else { 1.0 };
            g_b += g * g;
            model.bias -= cfg.learning_rate * g / g_b.sqrt();
            for ((w, acc), &v) in model
                .signal_weights
                .iter_mut()
                .zip(g_s.iter_mut())
                .zip(&x.signals)
            {
                if v != 0.0 {
                    let grad = g * v + cfg.l2 * *w;
                    *acc += grad * grad;
                    *w -= cfg.learning_rate * grad / acc.sqrt();
                }
            }
            for &(b, v) in &x.hashed {
                let b = b as usize;
                let grad = g * v + cfg.l2 * weights[b];
                g_w[b] += grad * grad;
                weights[b] -= cfg.learning_rate * grad / g_w[b].sqrt();
            }
        }
    }
    model
}

fn predict(model: &Model, x: &Featurised) -> f32 {
    let mut z = model.bias;
    for (w, v) in model.signal_weights.iter().zip(&x.signals) {
        z += w * v;
    }
    for &(b, v) in &x.hashed {
        z += model.weights[b as usize] * v;
    }
    sigmoid(z)
}

/// Average precision and F1 (at 0.5) of the positive class.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    pub average_precision: f64,
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
}

pub fn metrics(scores: &[f32], labels: &[bool]) -> Metrics {
    let positives = labels.iter().filter(|&&l| l).count();
    if positives == 0 {
        return Metrics::default();
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let (mut hits, mut ap) = (0usize, 0f64);
    for (rank, &i) in order.iter().enumerate() {
        if labels[i] {
            hits += 1;
            ap += hits as f64 / (rank + 1) as f64;
        }
    }
    let tp = scores
        .iter()
        .zip(labels)
        .filter(|(s, l)| **s >= 0.5 && **l)
        .count() as f64;
    let predicted = scores.iter().filter(|s| **s >= 0.5).count() as f64;
    let precision = if predicted > 0.0 { tp / predicted } else { 0.0 };
    let recall = tp / positives as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Metrics {
        average_precision: ap / positives as f64,
        f1,
        precision,
        recall,
    }
}

/// Cross-validation results: per fold and averaged, for the model and the rule score.
#[derive(Debug, Clone)]
pub struct CvReport {
    pub folds: usize,
    pub model: Vec<Metrics>,
    pub rules: Vec<Metrics>,
    pub listing: ListingReport,
    /// Each example's probability from the model of the fold that held it out.
    pub held_out: Vec<f32>,
}

/// What share of each ClaimBuster verdict is listed, with each sentence scored by the model
/// of the fold that did not see its debate.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Shares {
    /// Verdict 1 (check-worthy), 0 (unimportant factual), −1 (non-factual).
    pub check_worthy: f64,
    pub unimportant: f64,
    pub non_factual: f64,
}

#[derive(Debug, Clone, Default)]
pub struct ListingReport {
    /// By the rules alone, strong signals only (what is listed whatever the model says).
    pub rules_only: Shares,
    /// With the shipped threshold ([`LISTING_THRESHOLD`]).
    pub shipped: (f32, Shares),
    /// The highest threshold (in steps of 0.001) that lists at least 97% of verdict 1.
    pub chosen: Option<(f32, Shares)>,
    /// Questions carrying a figure, by verdict 1 / 0 / −1 (the evidence for leaving
    /// questions out).
    pub questions_with_figure: [usize; 3],
}

/// The share of each verdict listed by the rules, or by the model at `threshold`.
fn listed_shares(
    examples: &[Example],
    rules: &[RuleVerdict],
    probability: &[f32],
    threshold: Option<f32>,
) -> Shares {
    let mut listed = [0usize; 3];
    let mut total = [0usize; 3];
    for ((e, r), p) in examples.iter().zip(rules).zip(probability) {
        let k = (1 - e.verdict.clamp(-1, 1)) as usize;
        total[k] += 1;
        let on = match r {
            RuleVerdict::Listed => true,
            RuleVerdict::Doubted => threshold.is_some_and(|t| *p >= t),
            RuleVerdict::Out => false,
        };
        listed[k] += usize::from(on);
    }
    let share = |k: usize| listed[k] as f64 / total[k].max(1) as f64;
    Shares {
        check_worthy: share(0),
        unimportant: share(1),
        non_factual: share(2),
    }
}

fn listing_report(examples: &[Example], probability: &[f32]) -> ListingReport {
    let mut questions_with_figure = [0usize; 3];
    let rules: Vec<RuleVerdict> = examples
        .iter()
        .map(|e| {
            let text = e.text.trim();
            let signals = analyse(text);
            if signals.question && signals.has_figure() {
                questions_with_figure[(1 - e.verdict.clamp(-1, 1)) as usize] += 1;
            }
            rule_verdict(text, &signals)
        })
        .collect();
    let chosen = (1..1000)
        .rev()
        .map(|k| k as f32 / 1000.0)
        .map(|t| (t, listed_shares(examples, &rules, probability, Some(t))))
        .find(|(_, s)| s.check_worthy >= 0.97);
    ListingReport {
        rules_only: listed_shares(examples, &rules, probability, None),
        shipped: (
            LISTING_THRESHOLD,
            listed_shares(examples, &rules, probability, Some(LISTING_THRESHOLD)),
        ),
        chosen,
        questions_with_figure,
    }
}

impl CvReport {
    pub fn mean(v: &[Metrics]) -> Metrics {
        let n = v.len().max(1) as f64;
        Metrics {
            average_precision: v.iter().map(|m| m.average_precision).sum::<f64>() / n,
            f1: v.iter().map(|m| m.f1).sum::<f64>() / n,
            precision: v.iter().map(|m| m.precision).sum::<f64>() / n,
            recall: v.iter().map(|m| m.recall).sum::<f64>() / n,
        }
    }
}

/// Which fold each example belongs to: debates are shuffled with the seed and dealt out
/// round-robin, so every fold holds whole debates.
pub fn fold_of(examples: &[Example], k: usize, seed: u64) -> Vec<usize> {
    let mut groups: Vec<&str> = examples.iter().map(|e| e.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    Rng(seed | 1).shuffle(&mut groups);
    examples
        .iter()
        .map(|e| groups.iter().position(|g| *g == e.group).unwrap_or(0) % k)
        .collect()
}

pub fn cross_validate(examples: &[Example], k: usize, cfg: &TrainConfig) -> CvReport {
    let data = featurise(examples, cfg.bits);
    let labels: Vec<bool> = examples.iter().map(|e| e.positive).collect();
    let folds = fold_of(examples, k, cfg.seed);
    let rules = RuleScorer;
    let mut report = CvReport {
        folds: k,
        model: Vec::new(),
        rules: Vec::new(),
        listing: ListingReport::default(),
        held_out: Vec::new(),
    };
    // Each sentence's probability from the model of the fold that held it out.
    let mut held_out = vec![0f32; examples.len()];
    for fold in 0..k {
        let train_rows: Vec<usize> = (0..examples.len()).filter(|&i| folds[i] != fold).collect();
        let test_rows: Vec<usize> = (0..examples.len()).filter(|&i| folds[i] == fold).collect();
        let model = train(&data, &labels, &train_rows, cfg);
        let test_labels: Vec<bool> = test_rows.iter().map(|&i| labels[i]).collect();
        let model_scores: Vec<f32> = test_rows
            .iter()
            .map(|&i| predict(&model, &data[i]))
            .collect();
        let rule_scores: Vec<f32> = test_rows
            .iter()
            .map(|&i| {
                rules
                    .score(&examples[i].text, &analyse(&examples[i].text))
                    .score
            })
            .collect();
        for (&i, &p) in test_rows.iter().zip(&model_scores) {
            held_out[i] = p;
        }
        report.model.push(metrics(&model_scores, &test_labels));
        report.rules.push(metrics(&rule_scores, &test_labels));
    }
    report.listing = listing_report(examples, &held_out);
    report.held_out = held_out;
    report
}

/// One line per example: verdict, the rules' listing verdict, held-out probability, text (to
/// study what the listing misses).
pub fn write_held_out(
    out: &mut dyn std::io::Write,
    examples: &[Example],
    report: &CvReport,
) -> std::io::Result<()> {
    writeln!(out, "verdict\trules\texclusion\tprobability\ttext")?;
    for (e, p) in examples.iter().zip(&report.held_out) {
        let text = e.text.trim();
        let signals = analyse(text);
        let rules = rule_verdict(text, &signals);
        let why = super::exclusion(text, &signals);
        writeln!(out, "{}\t{rules:?}\t{why:?}\t{p:.4}\t{text}", e.verdict)?;
    }
    Ok(())
}

/// Trains on every example (the shipped model).
pub fn train_all(examples: &[Example], cfg: &TrainConfig) -> Model {
    let data = featurise(examples, cfg.bits);
    let labels: Vec<bool> = examples.iter().map(|e| e.positive).collect();
    let rows: Vec<usize> = (0..examples.len()).collect();
    train(&data, &labels, &rows, cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<Example> {
        let pos = [
            "Unemployment fell to 4 percent in 2019.",
            "The deficit rose by $300 billion last year.",
            "We have cut taxes for 90 percent of families.",
            "Crime dropped 20 percent since 2010.",
        ];
        let neg = [
            "Thank you very much.",
            "I think that is wrong.",
            "Good evening everyone.",
            "Let me be clear about that.",
        ];
        let mut v = Vec::new();
        for round in 0..6 {
            for (k, t) in pos.iter().enumerate() {
                v.push(Example {
                    text: t.to_string(),
                    positive: true,
                    verdict: 1,
                    group: format!("g{}", (round + k) % 3),
                });
            }
            for (k, t) in neg.iter().enumerate() {
                v.push(Example {
                    text: t.to_string(),
                    positive: false,
                    verdict: -1,
                    group: format!("g{}", (round + k) % 3),
                });
            }
        }
        v
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let cfg = TrainConfig {
            bits: 12,
            ..TrainConfig::default()
        };
        let a = train_all(&toy(), &cfg);
        let b = train_all(&toy(), &cfg);
        assert_eq!(a, b, "same seed, same model");
        let cv = cross_validate(&toy(), 3, &cfg);
        assert!(CvReport::mean(&cv.model).average_precision > 0.9);
    }

    #[test]
    fn folds_keep_groups_together() {
        let ex = toy();
        let folds = fold_of(&ex, 3, 7);
        for (i, e) in ex.iter().enumerate() {
            for (j, f) in ex.iter().enumerate() {
                if e.group == f.group {
                    assert_eq!(folds[i], folds[j]);
                }
            }
        }
    }

    #[test]
    fn metrics_known_values() {
        let m = metrics(&[0.9, 0.8, 0.3, 0.1], &[true, false, true, false]);
        assert!((m.average_precision - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert!((m.precision - 0.5).abs() < 1e-9 && (m.recall - 0.5).abs() < 1e-9);
    }
}
