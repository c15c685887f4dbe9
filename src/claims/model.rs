//! The learned check-worthiness scorer: logistic regression over hashed word uni/bigrams,
//! character 3-grams and the claim finder's own signals. Small, fast (a few µs a sentence),
//! and explainable: the reasons name the features that pushed a score up or down most.
//!
//! Trained by `factdesk train-scorer` (see `train.rs`) on the ClaimBuster crowdsourced
//! sentences (Arslan et al., ICWSM 2020, doi:10.5281/zenodo.3609356); the weights ship in
//! `assets/scorer.bin` and are embedded in the binary.
//!
//! File format (little endian): magic `FDSC`, u32 version, u32 word bucket count (a power
//! of two), u32 3-gram count (2^15), u32 signal-feature count, f32 bias, f32 × signal count,
//! f32 × word buckets, f32 × 3-grams. Version 4 reads 29 signal features (version 3 read
//! the first 16); both have the one-pass features of `features.rs` (3-grams over a 32-symbol
//! alphabet, indexed directly). Older versions are refused, as their weights mean nothing
//! now.

use std::sync::{Arc, LazyLock};

use super::Reason;
use super::features::{Feature, TRIGRAMS, for_each_feature, push_normalised};
use super::scorer::{Scored, Scorer, sigmoid};
use super::signals::Signals;

/// Word buckets of the shipped model.
pub const BUCKET_BITS: u32 = 18;
const MAGIC: &[u8; 4] = b"FDSC";
const VERSION: u32 = 4;
const HEADER: usize = 24;

/// How many signal features the model reads.
pub const SIGNALS: usize = 29;

/// The signal features, in weight order, with the words the reasons use for them. The
/// first sixteen are the signals themselves; the rest (format 4) carry what the rules
/// concluded from them, which words and 3-grams cannot see: whether the rules found the
/// sentence checkable and why not, whether a date is on the calendar or only relative to
/// the speaker, a named speaker, the sentence's length.
pub const SIGNAL_FEATURES: [&str; SIGNALS] = [
    "figure",
    "percentage",
    "money",
    "date or time",
    "quotation",
    "attributed statement",
    "stated position",
    "prediction",
    "comparison",
    "named entity",
    "several names",
    "past event",
    "opinion or hedge",
    "first person",
    "question",
    "very short",
    "calendar date",
    "time relative to the speaker",
    "named speaker",
    "general statement",
    "checkable by the rules",
    "nothing checkable found",
    "only weak signals",
    "first-person opinion",
    "6 to 12 words",
    "13 to 25 words",
    "over 25 words",
    "several figures",
    "named actor did something",
];

/// Signal feature values of a sentence, in [`SIGNAL_FEATURES`] order.
pub fn signal_values(sentence: &str, s: &Signals) -> [f32; SIGNALS] {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let rules = super::rule_exclusion(sentence, s);
    [
        b(s.has_figure()),
        b(s.percent),
        b(s.money),
        b(!s.dates.is_empty()),
        b(s.quote),
        b(s.attribution.is_some()),
        b(!s.positions.is_empty()),
        b(s.prediction.is_some()),
        b(s.comparison.is_some()),
        b(!s.names.is_empty()),
        b(s.names.len() >= 3),
        b(!s.past_events.is_empty()),
        b(s.hedge.is_some()),
        b(s.first_person),
        b(s.question),
        b(s.words < 6),
        b(s.calendar_date),
        b(!s.dates.is_empty() && !s.calendar_date),
        b(s.claimant.is_some()),
        b(s.general.is_some()),
        b(rules.is_none()),
        b(rules == Some(super::Exclusion::NoCheckableContent)),
        b(rules == Some(super::Exclusion::WeakSignals)),
        b(rules == Some(super::Exclusion::Opinion)),
        b((6..=12).contains(&s.words)),
        b((13..=25).contains(&s.words)),
        b(s.words > 25),
        b(s.figures_not_dates().nth(1).is_some()),
        b(!s.names.is_empty() && !s.past_events.is_empty()),
    ]
}

/// One text feature with its weight index and value, as training sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hashed {
    /// Index into [`Model::weights`]: word buckets first, then the 3-gram table.
    pub bucket: u32,
    pub value: f32,
    /// Byte range of the source word(s) in the sentence, for reasons.
    pub word: (u32, u32),
    pub is_word: bool,
}

/// Every text feature of a sentence for a model with `mask + 1` word buckets, each part
/// L2-normalised. Scoring sums the same features without listing them.
pub fn hashed_features(sentence: &str, mask: u32, out: &mut Vec<Hashed>) {
    out.clear();
    let trigram_base = mask + 1;
    let counts = for_each_feature(sentence, mask, |feature| {
        out.push(match feature {
            Feature::Word(bucket, word) => Hashed {
                bucket,
                value: 1.0,
                word,
                is_word: true,
            },
            Feature::Trigram(t) => Hashed {
                bucket: trigram_base + t,
                value: 1.0,
                word: (0, 0),
                is_word: false,
            },
        })
    });
    let (word_scale, trigram_scale) = (counts.word_scale(), counts.trigram_scale());
    for h in out.iter_mut() {
        h.value = if h.is_word { word_scale } else { trigram_scale };
    }
}

/// Logistic regression weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub bias: f32,
    pub signal_weights: [f32; SIGNALS],
    pub weights: Arc<Vec<f32>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a factdesk scorer file")]
    BadMagic,
    #[error("scorer file version {0} is not supported")]
    Version(u32),
    #[error("scorer file is truncated or malformed")]
    Malformed,
}

static EMBEDDED: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../assets/scorer.bin"))
        .expect("the embedded scorer model is valid")
});

impl Model {
    /// A model of zeros with `2^bits` word buckets.
    pub fn zeros(bits: u32) -> Self {
        Model {
            bias: 0.0,
            signal_weights: [0.0; SIGNALS],
            weights: Arc::new(vec![0.0; (1 << bits) + TRIGRAMS]),
        }
    }

    /// The model compiled into the binary.
    pub fn embedded() -> &'static Model {
        &EMBEDDED
    }

    /// Word buckets minus one: word hashes are masked with it.
    pub fn mask(&self) -> u32 {
        (self.weights.len() - TRIGRAMS) as u32 - 1
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + 4 * (self.weights.len() + SIGNALS));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.mask() + 1).to_le_bytes());
        out.extend_from_slice(&(TRIGRAMS as u32).to_le_bytes());
        out.extend_from_slice(&(self.signal_weights.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        for w in self.signal_weights.iter().chain(self.weights.iter()) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let word = |i: usize| -> Result<[u8; 4], ModelError> {
            bytes
                .get(i..i + 4)
                .and_then(|s| s.try_into().ok())
                .ok_or(ModelError::Malformed)
        };
        if bytes.get(..4) != Some(MAGIC) {
            return Err(ModelError::BadMagic);
        }
        let version = u32::from_le_bytes(word(4)?);
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let buckets = u32::from_le_bytes(word(8)?) as usize;
        let trigrams = u32::from_le_bytes(word(12)?) as usize;
        let signals = u32::from_le_bytes(word(16)?) as usize;
        if !buckets.is_power_of_two()
            || buckets > 1 << 28
            || trigrams != TRIGRAMS
            || signals != SIGNALS
            || bytes.len() != HEADER + 4 * (signals + buckets + trigrams)
        {
            return Err(ModelError::Malformed);
        }
        let bias = f32::from_le_bytes(word(20)?);
        let floats: Vec<f32> = bytes[HEADER..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let mut signal_weights = [0.0; SIGNALS];
        signal_weights.copy_from_slice(&floats[..SIGNALS]);
        Ok(Model {
            bias,
            signal_weights,
            weights: Arc::new(floats[SIGNALS..].to_vec()),
        })
    }

    /// The linear score (log-odds) and its parts.
    pub fn logit(&self, signals: &[f32; SIGNALS], hashed: &[Hashed]) -> f32 {
        let mut z = self.bias;
        for (w, x) in self.signal_weights.iter().zip(signals) {
            z += w * x;
        }
        for h in hashed {
            z += self.weights[h.bucket as usize] * h.value;
        }
        z
    }

    /// Scores a sentence and names the features that moved it most: the sum of
    /// [`logit`](Self::logit) over [`hashed_features`] in one pass, without listing the
    /// features (a test checks both agree).
    pub fn score_explained(&self, sentence: &str, signals: &Signals) -> Scored {
        let (word_weights, trigram_weights) = self.weights.split_at(self.weights.len() - TRIGRAMS);
        let trigram_weights: &[f32; TRIGRAMS] = trigram_weights
            .try_into()
            .expect("a model ends with its 3-gram table");
        let sv = signal_values(sentence, signals);
        let mut z = self.bias;
        for (w, x) in self.signal_weights.iter().zip(&sv) {
            z += w * x;
        }
        // Each part's scale is known only at the end, and is the same for all its features:
        // sum first, scale once.
        let (mut words, mut trigrams) = (0.0f32, 0.0f32);
        let mut strongest = StrongestWords::default();
        let counts = for_each_feature(sentence, self.mask(), |feature| match feature {
            Feature::Word(bucket, range) => {
                let w = word_weights[bucket as usize];
                words += w;
                strongest.offer(w, range);
            }
            Feature::Trigram(t) => trigrams += trigram_weights[t as usize],
        });
        let word_scale = counts.word_scale();
        z += words * word_scale + trigrams * counts.trigram_scale();
        Scored {
            score: sigmoid(z),
            reasons: self.reasons(sentence, &sv, &strongest.scaled(word_scale)),
        }
    }

    /// The three strongest contributions among the signal features and the two strongest
    /// word features, as "+ figure", "− words “i think”".
    fn reasons(
        &self,
        sentence: &str,
        sv: &[f32; SIGNALS],
        words: &[Option<Strongest>; 2],
    ) -> Vec<Reason> {
        #[derive(Clone, Copy)]
        enum Label {
            Signal(usize),
            Words(u32, u32),
        }
        // On the stack: at most every signal and both word features.
        let mut parts = [(0.0f32, Label::Signal(0)); SIGNALS + 2];
        let mut n = 0;
        for (k, (w, x)) in self.signal_weights.iter().zip(sv).enumerate() {
            if *x != 0.0 && w.abs() > 0.05 {
                parts[n] = (w * x, Label::Signal(k));
                n += 1;
            }
        }
        for &(c, (a, b)) in words.iter().flatten() {
            parts[n] = (c, Label::Words(a, b));
            n += 1;
        }
        // Strongest first; equal strengths keep their order.
        let parts = &mut parts[..n];
        parts.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        parts
            .iter()
            .take(3)
            .map(|&(c, label)| {
                let feature = match label {
                    Label::Signal(k) => SIGNAL_FEATURES[k].to_string(),
                    Label::Words(a, b) => {
                        let mut out = String::with_capacity(32);
                        out.push_str("words “");
                        push_normalised(&sentence[a as usize..b as usize], &mut out);
                        out.push('”');
                        out
                    }
                };
                Reason::Score {
                    up: c > 0.0,
                    feature,
                }
            })
            .collect()
    }
}

/// A word feature's contribution and the byte range of its word(s).
type Strongest = (f32, (u32, u32));

/// The two word features that moved a score most, the first seen winning ties. Offered
/// unscaled weights (the scale is known only at the end; it orders them the same).
struct StrongestWords {
    /// Magnitudes of the two kept, -1 while a slot is empty, so one compare rules out the
    /// many weaker features.
    strength: [f32; 2],
    best: [Strongest; 2],
}

impl Default for StrongestWords {
    fn default() -> Self {
        StrongestWords {
            strength: [-1.0; 2],
            best: [(0.0, (0, 0)); 2],
        }
    }
}

impl StrongestWords {
    #[inline]
    fn offer(&mut self, weight: f32, word: (u32, u32)) {
        let strength = weight.abs();
        if strength > self.strength[1] {
            if strength > self.strength[0] {
                self.strength[1] = self.strength[0];
                self.best[1] = self.best[0];
                self.strength[0] = strength;
                self.best[0] = (weight, word);
            } else {
                self.strength[1] = strength;
                self.best[1] = (weight, word);
            }
        }
    }

    /// Contributions after scaling, keeping only those above a floor (weaker ones explain
    /// nothing).
    fn scaled(&self, scale: f32) -> [Option<Strongest>; 2] {
        let keep = |k: usize| {
            let (w, word) = self.best[k];
            (self.strength[k] >= 0.0 && (w * scale).abs() > 0.15).then_some((w * scale, word))
        };
        [keep(0), keep(1)]
    }
}

impl Scorer for Model {
    fn score(&self, sentence: &str, signals: &Signals) -> Scored {
        self.score_explained(sentence, signals)
    }

    fn name(&self) -> &'static str {
        "model"
    }

    fn listing_threshold(&self) -> Option<f32> {
        Some(LISTING_THRESHOLD)
    }
}

/// Sentences the rules doubt are listed from this probability up. Chosen by `eval-scorer`
/// (cross-validation split by debate) as the highest threshold that still lists at least
/// 97% of the check-worthy sentences; see README, "What counts as a claim".
pub const LISTING_THRESHOLD: f32 = 0.094;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::analyse;

    #[test]
    fn model_bytes_round_trip_and_reject_garbage() {
        let mut m = Model::zeros(4);
        m.bias = 0.5;
        m.signal_weights[3] = -1.25;
        Arc::make_mut(&mut m.weights)[7] = 2.0;
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
        assert!(matches!(
            Model::from_bytes(b"nope"),
            Err(ModelError::BadMagic)
        ));
        let mut truncated = m.to_bytes();
        truncated.pop();
        assert!(matches!(
            Model::from_bytes(&truncated),
            Err(ModelError::Malformed)
        ));
    }

    #[test]
    fn signal_features_carry_the_rules_conclusions() {
        let on = |text: &str| -> Vec<&str> {
            let v = signal_values(text, &analyse(text));
            SIGNAL_FEATURES
                .iter()
                .zip(v)
                .filter(|(_, x)| *x != 0.0)
                .map(|(name, _)| *name)
                .collect()
        };
        let fact = on("Exports fell 4% and imports 7% in 2023, the ministry said.");
        for f in [
            "checkable by the rules",
            "calendar date",
            "several figures",
            "6 to 12 words",
        ] {
            assert!(fact.contains(&f), "{f}: {fact:?}");
        }
        let chat = on("As we have seen tonight, this is hard for all of us.");
        for f in ["only weak signals", "time relative to the speaker"] {
            assert!(chat.contains(&f), "{f}: {chat:?}");
        }
        assert!(!chat.contains(&"checkable by the rules"));
        let opinion = on("I think we should have rejected the plan.");
        assert!(opinion.contains(&"first-person opinion"), "{opinion:?}");
        let nothing = on("Good evening, and thank you all for coming.");
        assert!(nothing.contains(&"nothing checkable found"), "{nothing:?}");
    }

    #[test]
    fn fast_scoring_path_equals_full_feature_logit() {
        let m = Model::embedded();
        for text in [
            "Unemployment fell to 3.9% in May.",
            "Ok.",
            "",
            "Zürich’s café — “tax” rose 7%",
        ] {
            let sig = analyse(text);
            let mut all = Vec::new();
            hashed_features(text, m.mask(), &mut all);
            let full = sigmoid(m.logit(&signal_values(text, &sig), &all));
            let fast = m.score(text, &sig).score;
            assert!((full - fast).abs() < 1e-5, "{text}: {full} vs {fast}");
        }
    }

    /// The features must stay exactly those the shipped weights were trained on: any change
    /// to normalising or hashing moves these scores (retrain and update them together).
    #[test]
    fn embedded_model_scores_are_pinned() {
        let m = Model::embedded();
        for (text, want) in [
            (
                "Unemployment fell to 3.9% in May, the lowest since 1969.",
                0.9874,
            ),
            (
                "Thank you very much, it is great to be here tonight.",
                0.0067,
            ),
            (
                "Zürich’s café tax rose 7% — “a record”, the mayor said.",
                0.8892,
            ),
        ] {
            let got = m.score(text, &analyse(text)).score;
            assert!((got - want).abs() < 5e-5, "{text}: {got} != {want}");
        }
    }

    #[test]
    fn embedded_model_ranks_facts_above_chatter_and_explains() {
        let m = Model::embedded();
        let fact = "Unemployment fell to 3.9 percent last year, the lowest rate since 1969.";
        let chat = "Thank you very much, it is great to be here tonight.";
        let a = m.score(fact, &analyse(fact));
        let b = m.score(chat, &analyse(chat));
        assert!(a.score > 0.5 && b.score < 0.2, "{} vs {}", a.score, b.score);
        assert!(!a.reasons.is_empty());
        assert!(
            a.reasons.iter().all(|r| matches!(r, Reason::Score { .. })),
            "{:?}",
            a.reasons
        );
    }
}
