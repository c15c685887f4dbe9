//! The learned check-worthiness scorer: logistic regression over hashed word uni/bigrams,
//! character 3/4-grams and the claim finder's own signals. Small, fast (a few µs a sentence),
//! and explainable: the reasons name the features that pushed a score up or down most.
//!
//! Trained by `factdesk train-scorer` (see `train.rs`) on the ClaimBuster crowdsourced
//! sentences (Arslan et al., ICWSM 2020, doi:10.5281/zenodo.3609356); the weights ship in
//! `assets/scorer.bin` and are embedded in the binary.
//!
//! File format (little endian): magic `FDSC`, u32 version (1), u32 bucket count (power of two),
//! u32 signal-feature count, f32 bias, f32 × signal count, f32 × bucket count.

use std::sync::{Arc, LazyLock};

use super::scorer::{Scored, Scorer, sigmoid};
use super::signals::Signals;

pub const BUCKET_BITS: u32 = 18;
const MAGIC: &[u8; 4] = b"FDSC";
const VERSION: u32 = 1;

/// The signal features, in weight order, with the words the reasons use for them.
pub const SIGNAL_FEATURES: [&str; 16] = [
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
];

/// Signal feature values of a sentence, in [`SIGNAL_FEATURES`] order.
pub fn signal_values(s: &Signals) -> [f32; 16] {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    [
        b(!s.figures.iter().all(|f| s.dates.contains(f))),
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
    ]
}

/// One hashed text feature: its bucket, and (for explanations) what it was.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hashed {
    pub bucket: u32,
    pub value: f32,
    /// Byte range of the source word(s) in the normalised text, for reasons.
    pub word: (u32, u32),
    pub is_word: bool,
}

fn fnv(seed: u32, bytes: &[u8]) -> u32 {
    let mut h = 0x811c9dc5u32 ^ seed.wrapping_mul(0x9e3779b1);
    for &b in bytes {
        h = (h ^ u32::from(b)).wrapping_mul(0x01000193);
    }
    h
}

/// Lowercase, digits folded to `0` (so "90%" and "12%" share features), and non-alphanumeric
/// characters other than `%`, `$`, `'` turned into spaces.
pub fn normalise(sentence: &str, out: &mut String) {
    out.clear();
    let mut last_space = true;
    for c in sentence.chars() {
        let mapped = if c.is_ascii_digit() {
            '0'
        } else if c.is_alphanumeric() || matches!(c, '%' | '$' | '€' | '£') {
            c
        } else if matches!(c, '\'' | '’') {
            '\''
        } else {
            ' '
        };
        if mapped == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            for l in mapped.to_lowercase() {
                out.push(l);
            }
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// Hashed word unigrams and bigrams and character 3/4-grams of a normalised sentence,
/// each part L2-normalised so long sentences do not dominate.
pub fn hashed_features(norm: &str, mask: u32, out: &mut Vec<Hashed>) {
    out.clear();
    let words: Vec<(usize, usize)> = {
        let mut v = Vec::with_capacity(32);
        let mut start = 0;
        for (i, b) in norm.bytes().enumerate() {
            if b == b' ' {
                if i > start {
                    v.push((start, i));
                }
                start = i + 1;
            }
        }
        if norm.len() > start {
            v.push((start, norm.len()));
        }
        v
    };
    let bytes = norm.as_bytes();
    let word_start = out.len();
    for (k, &(a, b)) in words.iter().enumerate() {
        out.push(Hashed {
            bucket: fnv(1, &bytes[a..b]) & mask,
            value: 1.0,
            word: (a as u32, b as u32),
            is_word: true,
        });
        if let Some(&(c, d)) = words.get(k + 1) {
            let h = fnv(2, &bytes[a..b]);
            let h = fnv(h, &bytes[c..d]);
            out.push(Hashed {
                bucket: h & mask,
                value: 1.0,
                word: (a as u32, d as u32),
                is_word: true,
            });
        }
    }
    normalise_part(&mut out[word_start..]);
    let char_start = out.len();
    // Character n-grams over " text ", so word edges count.
    let padded_len = bytes.len() + 2;
    let at = |i: usize| {
        if i == 0 || i == padded_len - 1 {
            b' '
        } else {
            bytes[i - 1]
        }
    };
    for n in [3usize, 4] {
        if padded_len < n {
            continue;
        }
        for i in 0..=padded_len - n {
            let mut h = 0x811c9dc5u32 ^ (n as u32).wrapping_mul(0x27d4eb2d);
            for j in i..i + n {
                h = (h ^ u32::from(at(j))).wrapping_mul(0x01000193);
            }
            out.push(Hashed {
                bucket: h & mask,
                value: 1.0,
                word: (0, 0),
                is_word: false,
            });
        }
    }
    normalise_part(&mut out[char_start..]);
}

fn normalise_part(part: &mut [Hashed]) {
    if part.is_empty() {
        return;
    }
    let scale = 1.0 / (part.len() as f32).sqrt();
    for h in part {
        h.value = scale;
    }
}

/// Logistic regression weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub bias: f32,
    pub signal_weights: [f32; 16],
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
    pub fn zeros(bits: u32) -> Self {
        Model {
            bias: 0.0,
            signal_weights: [0.0; 16],
            weights: Arc::new(vec![0.0; 1 << bits]),
        }
    }

    /// The model compiled into the binary.
    pub fn embedded() -> &'static Model {
        &EMBEDDED
    }

    pub fn mask(&self) -> u32 {
        self.weights.len() as u32 - 1
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24 + 4 * (self.weights.len() + 16));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
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
        let signals = u32::from_le_bytes(word(12)?) as usize;
        if !buckets.is_power_of_two()
            || signals != 16
            || bytes.len() != 20 + 4 * (signals + buckets)
        {
            return Err(ModelError::Malformed);
        }
        let bias = f32::from_le_bytes(word(16)?);
        let floats: Vec<f32> = bytes[20..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let mut signal_weights = [0.0; 16];
        signal_weights.copy_from_slice(&floats[..16]);
        Ok(Model {
            bias,
            signal_weights,
            weights: Arc::new(floats[16..].to_vec()),
        })
    }

    /// The linear score (log-odds) and its parts.
    pub fn logit(&self, signals: &[f32; 16], hashed: &[Hashed]) -> f32 {
        let mut z = self.bias;
        for (w, x) in self.signal_weights.iter().zip(signals) {
            z += w * x;
        }
        for h in hashed {
            z += self.weights[h.bucket as usize] * h.value;
        }
        z
    }

    /// Scores a sentence and names the features that moved it most.
    pub fn score_explained(&self, sentence: &str, signals: &Signals) -> Scored {
        thread_local! {
            static SCRATCH: std::cell::RefCell<(String, Vec<Hashed>)> = const { std::cell::RefCell::new((String::new(), Vec::new())) };
        }
        SCRATCH.with(|cell| {
            let (norm, hashed) = &mut *cell.borrow_mut();
            normalise(sentence, norm);
            hashed_features(norm, self.mask(), hashed);
            let sv = signal_values(signals);
            let z = self.logit(&sv, hashed);
            Scored {
                score: sigmoid(z),
                reasons: self.reasons(norm, &sv, hashed),
            }
        })
    }

    fn reasons(&self, norm: &str, sv: &[f32; 16], hashed: &[Hashed]) -> Vec<String> {
        let mut parts: Vec<(f32, String)> = Vec::with_capacity(8);
        for (k, (w, x)) in self.signal_weights.iter().zip(sv).enumerate() {
            if *x != 0.0 && w.abs() > 0.05 {
                parts.push((w * x, SIGNAL_FEATURES[k].to_string()));
            }
        }
        // The strongest word features, named by their words.
        let mut best: Vec<(f32, (u32, u32))> = hashed
            .iter()
            .filter(|h| h.is_word)
            .map(|h| (self.weights[h.bucket as usize] * h.value, h.word))
            .filter(|(c, _)| c.abs() > 0.15)
            .collect();
        best.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        for (c, (a, b)) in best.into_iter().take(2) {
            parts.push((c, format!("words “{}”", &norm[a as usize..b as usize])));
        }
        parts.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        parts
            .into_iter()
            .take(3)
            .map(|(c, label)| format!("{} {label}", if c > 0.0 { "+" } else { "−" }))
            .collect()
    }
}

impl Scorer for Model {
    fn score(&self, sentence: &str, signals: &Signals) -> Scored {
        self.score_explained(sentence, signals)
    }

    fn name(&self) -> &'static str {
        "model"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::analyse;

    #[test]
    fn normalise_folds_digits_and_case() {
        let mut s = String::new();
        normalise("Unemployment FELL to 3.9% — “a record”, he said.", &mut s);
        assert_eq!(s, "unemployment fell to 0 0% a record he said");
    }

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
    fn embedded_model_ranks_facts_above_chatter_and_explains() {
        let m = Model::embedded();
        let fact = "Unemployment fell to 3.9 percent last year, the lowest rate since 1969.";
        let chat = "Thank you very much, it is great to be here tonight.";
        let a = m.score(fact, &analyse(fact));
        let b = m.score(chat, &analyse(chat));
        assert!(a.score > 0.5 && b.score < 0.2, "{} vs {}", a.score, b.score);
        assert!(!a.reasons.is_empty());
        assert!(
            a.reasons
                .iter()
                .all(|r| r.starts_with('+') || r.starts_with('−')),
            "{:?}",
            a.reasons
        );
    }
}
