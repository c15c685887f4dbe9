//! Check-worthiness scoring, behind a trait so the rule score and a learned model are
//! interchangeable: the finder decides *what* is a claim, the scorer *how much it matters*.

use super::Reason;
use super::signals::Signals;

/// A check-worthiness score in 0..1 with the features that moved it most, in human words.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub score: f32,
    pub reasons: Vec<Reason>,
}

/// Anything that ranks sentences by check-worthiness.
pub trait Scorer: Send + Sync {
    fn score(&self, sentence: &str, signals: &Signals) -> Scored;
    /// Short name for reports and the CLI ("rules", "model").
    fn name(&self) -> &'static str;
    /// The probability at which a sentence the rules doubt is listed anyway, for a scorer
    /// calibrated for that (the learned model); `None` lists by the rules alone.
    fn listing_threshold(&self) -> Option<f32> {
        None
    }
}

/// Hand-set weights over the finder's own signals: the baseline the learned model must beat.
#[derive(Debug, Default, Clone, Copy)]
pub struct RuleScorer;

impl Scorer for RuleScorer {
    fn score(&self, _sentence: &str, s: &Signals) -> Scored {
        let mut z = -1.2f32;
        let mut parts: Vec<(f32, &str)> = Vec::new();
        let mut add = |w: f32, on: bool, label: &'static str, z: &mut f32| {
            if on {
                *z += w;
                parts.push((w, label));
            }
        };
        add(1.4, !s.figures.is_empty(), "figure", &mut z);
        add(0.5, s.percent || s.money, "percentage or money", &mut z);
        add(0.5, !s.dates.is_empty(), "date or time", &mut z);
        add(0.7, s.comparison.is_some(), "comparison", &mut z);
        add(0.4, s.attribution.is_some(), "attributed statement", &mut z);
        add(0.2, s.quote, "quotation", &mut z);
        add(0.4, !s.positions.is_empty(), "stated position", &mut z);
        add(0.3, !s.names.is_empty(), "named entity", &mut z);
        add(0.3, !s.past_events.is_empty(), "past event", &mut z);
        add(-0.2, s.prediction.is_some(), "prediction", &mut z);
        add(-1.2, s.hedge.is_some(), "opinion or hedge", &mut z);
        add(
            -0.6,
            s.first_person && s.figures.is_empty(),
            "first person",
            &mut z,
        );
        add(-0.8, s.words < 6, "very short", &mut z);
        add(-1.5, s.question, "question", &mut z);
        parts.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        Scored {
            score: sigmoid(z),
            reasons: parts
                .iter()
                .take(3)
                .map(|&(w, l)| Reason::Score {
                    up: w > 0.0,
                    feature: l.to_string(),
                })
                .collect(),
        }
    }

    fn name(&self) -> &'static str {
        "rules"
    }
}

pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}
