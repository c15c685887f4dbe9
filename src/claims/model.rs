//! The learned check-worthiness scorer: logistic regression over hashed word uni/bigrams,
//! character 3-grams and the claim finder's own signals. Small, fast (a few µs a sentence),
//! and explainable: the reasons name the features that pushed a score up or down most.
//!
//! Trained by `factdesk train-scorer` (see `train.rs`) on the ClaimBuster crowdsourced
//! sentences (Arslan et al., ICWSM 2020, doi:10.5281/zenodo.3609356); the weights ship in
//! `assets/scorer.bin` and are embedded in the binary.
//!
//! File format (little endian): magic `FDSC`, u32 version (2: character 3-grams; version 1
//! files were trained with 3- and 4-grams and are refused), u32 bucket count (power of two),
//! u32 signal-feature count, f32 bias, f32 × signal count, f32 × bucket count.

use std::sync::{Arc, LazyLock};

use super::scorer::{Scored, Scorer, sigmoid};
use super::signals::Signals;

pub const BUCKET_BITS: u32 = 18;
const MAGIC: &[u8; 4] = b"FDSC";
const VERSION: u32 = 2;

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
    // Written by index into a buffer as long as the input (ASCII never grows; other
    // characters make room as they need it), through a table for ASCII, which is nearly every
    // character of English news; then checked back into the string.
    let mut buf = std::mem::take(out).into_bytes();
    buf.clear();
    buf.resize(sentence.len(), 0);
    let mut len = 0;
    let mut last_space = true;
    let mut rest = sentence;
    while !rest.is_empty() {
        // A run of ASCII, then one other character.
        let ascii = rest.bytes().position(|b| b >= 0x80).unwrap_or(rest.len());
        for &b in &rest.as_bytes()[..ascii] {
            let kept = ASCII_NORMAL[usize::from(b)];
            if kept != 0 || !last_space {
                buf[len] = if kept != 0 { kept } else { b' ' };
                len += 1;
                last_space = kept == 0;
            }
        }
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        let mut piece = [0u8; 16];
        let piece_len = if c == '’' {
            piece[0] = b'\'';
            1
        } else if c.is_alphanumeric() || matches!(c, '€' | '£') {
            let mut n = 0;
            for lower in c.to_lowercase() {
                n += lower.encode_utf8(&mut piece[n..]).len();
            }
            n
        } else if !last_space {
            piece[0] = b' ';
            1
        } else {
            0
        };
        if piece_len > 0 {
            // Keep room for the rest of the input, however this character grew.
            buf.resize(buf.len().max(len + piece_len + rest.len()), 0);
            buf[len..len + piece_len].copy_from_slice(&piece[..piece_len]);
            len += piece_len;
            last_space = piece[0] == b' ';
        }
    }
    buf.truncate(len);
    if buf.last() == Some(&b' ') {
        buf.pop();
    }
    *out = String::from_utf8(buf).expect("normalised text is built from whole characters");
}

/// What each ASCII byte becomes in normalised text; 0 = a word break. (256 entries so a
/// byte indexes it without a bounds check; only ASCII is looked up.)
const ASCII_NORMAL: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = match c {
            b'0'..=b'9' => b'0',
            b'a'..=b'z' | b'%' | b'$' | b'\'' => c,
            b'A'..=b'Z' => c + 32,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// Bucket of a packed n-gram key: Fibonacci hashing, keyed by the n-gram length.
#[inline]
fn ngram_bucket(key: u32, n: u32, mask: u32) -> u32 {
    let h = (key ^ n.wrapping_mul(0x85eb_ca6b)).wrapping_mul(0x9e37_79b1);
    (h ^ (h >> 15)).wrapping_mul(0x2c1b_3c6d) & mask
}

/// Hashed word unigrams and bigrams and character 3-grams of a normalised sentence,
/// each part L2-normalised so long sentences do not dominate.
pub fn hashed_features(norm: &str, mask: u32, out: &mut Vec<Hashed>) {
    out.clear();
    let scale = word_feature_scale(norm);
    for_each_word_feature(norm, mask, |bucket, word| {
        out.push(Hashed {
            bucket,
            value: scale,
            word,
            is_word: true,
        })
    });
    let bytes = norm.as_bytes();
    let scale = char_ngram_scale(bytes.len());
    for_each_char_ngram(bytes, mask, |bucket| {
        out.push(Hashed {
            bucket,
            value: scale,
            word: (0, 0),
            is_word: false,
        })
    });
}

/// Word unigrams and bigrams of a normalised sentence (words are separated by one space),
/// with the byte range of their words. Training and scoring both go through here.
#[inline]
fn for_each_word_feature(norm: &str, mask: u32, mut f: impl FnMut(u32, (u32, u32))) {
    let bytes = norm.as_bytes();
    let mut prev: Option<(u32, u32)> = None; // (hash, start)
    let mut start = 0usize;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |p| start + p);
        if end > start {
            let h = fnv(1, &bytes[start..end]);
            f(h & mask, (start as u32, end as u32));
            if let Some((ph, ps)) = prev {
                let bh = (ph.rotate_left(7) ^ h).wrapping_mul(0x01000193) ^ 0x2545_f491;
                f(bh & mask, (ps, end as u32));
            }
            prev = Some((h, start as u32));
        }
        start = end + 1;
    }
}

/// L2 normalisation of the word part: `n` unigrams and `n - 1` bigrams.
fn word_feature_scale(norm: &str) -> f32 {
    // Normalised text has single spaces between words and none at the ends.
    let words = if norm.is_empty() {
        0
    } else {
        norm.bytes().filter(|&b| b == b' ').count() + 1
    };
    let count = words + words.saturating_sub(1);
    if count == 0 {
        0.0
    } else {
        1.0 / (count as f32).sqrt()
    }
}

/// Character 3-grams over " text ", from a rolling window of the last three bytes.
/// Training and scoring both go through here, so their buckets always agree. (4-grams were
/// dropped in format version 2: they doubled the lookups and added nothing in
/// cross-validation, AP 0.749 with them and 0.750 without.)
#[inline]
fn for_each_char_ngram(bytes: &[u8], mask: u32, mut f: impl FnMut(u32)) {
    // The text is framed by spaces: " text ". Each byte from the second on ends a 3-gram,
    // and so does the closing space.
    let n = bytes.len();
    if n == 0 {
        return;
    }
    let mut window = (u32::from(b' ') << 8) | u32::from(bytes[0]);
    for &b in &bytes[1..] {
        window = (window << 8) | u32::from(b);
        f(ngram_bucket(window & 0x00ff_ffff, 3, mask));
    }
    window = (window << 8) | u32::from(b' ');
    f(ngram_bucket(window & 0x00ff_ffff, 3, mask));
}

/// L2 normalisation of the character n-gram part: a text of `len` bytes has `len` 3-grams.
fn char_ngram_scale(len: usize) -> f32 {
    if len == 0 {
        0.0
    } else {
        1.0 / (len as f32).sqrt()
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

    /// Scores a sentence and names the features that moved it most. The same sum as
    /// [`logit`](Self::logit) over [`hashed_features`], in the same order, without listing the
    /// features (a test checks both agree).
    pub fn score_explained(&self, sentence: &str, signals: &Signals) -> Scored {
        thread_local! {
            static NORM: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        NORM.with(|cell| {
            let norm = &mut *cell.borrow_mut();
            normalise(sentence, norm);
            let mask = self.mask();
            let sv = signal_values(signals);
            let mut z = self.bias;
            for (w, x) in self.signal_weights.iter().zip(&sv) {
                z += w * x;
            }
            let scale = word_feature_scale(norm);
            let mut strongest = StrongestWords::default();
            for_each_word_feature(norm, mask, |bucket, word| {
                let contribution = self.weights[bucket as usize] * scale;
                z += contribution;
                strongest.offer(contribution, word);
            });
            let mut sum = 0.0f32;
            for_each_char_ngram(norm.as_bytes(), mask, |b| sum += self.weights[b as usize]);
            z += sum * char_ngram_scale(norm.len());
            Scored {
                score: sigmoid(z),
                reasons: self.reasons(norm, &sv, &strongest),
            }
        })
    }

    /// The three strongest contributions among the signal features and the two strongest
    /// word features, as "+ figure", "− words “i think”".
    fn reasons(&self, norm: &str, sv: &[f32; 16], words: &StrongestWords) -> Vec<String> {
        #[derive(Clone, Copy)]
        enum Label {
            Signal(usize),
            Words(u32, u32),
        }
        let mut parts: Vec<(f32, Label)> = Vec::with_capacity(20);
        for (k, (w, x)) in self.signal_weights.iter().zip(sv).enumerate() {
            if *x != 0.0 && w.abs() > 0.05 {
                parts.push((w * x, Label::Signal(k)));
            }
        }
        for (c, (a, b)) in words.best.iter().flatten() {
            parts.push((*c, Label::Words(*a, *b)));
        }
        // Strongest first; equal strengths keep their order.
        parts.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        parts
            .iter()
            .take(3)
            .map(|&(c, label)| {
                let mut out = String::with_capacity(32);
                out.push_str(if c > 0.0 { "+ " } else { "− " });
                match label {
                    Label::Signal(k) => out.push_str(SIGNAL_FEATURES[k]),
                    Label::Words(a, b) => {
                        out.push_str("words “");
                        out.push_str(&norm[a as usize..b as usize]);
                        out.push('”');
                    }
                }
                out
            })
            .collect()
    }
}

/// The two word features that moved a score most (by magnitude, above a floor), the first
/// seen winning ties.
#[derive(Default)]
struct StrongestWords {
    best: [Option<(f32, (u32, u32))>; 2],
}

impl StrongestWords {
    fn offer(&mut self, contribution: f32, word: (u32, u32)) {
        let strength = contribution.abs();
        if strength <= 0.15 {
            return;
        }
        let beats = |slot: &Option<(f32, (u32, u32))>| slot.is_none_or(|(c, _)| strength > c.abs());
        if beats(&self.best[0]) {
            self.best[1] = self.best[0];
            self.best[0] = Some((contribution, word));
        } else if beats(&self.best[1]) {
            self.best[1] = Some((contribution, word));
        }
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

    /// The plain definition of [`normalise`], char by char.
    fn normalise_reference(sentence: &str) -> String {
        let mut out = String::new();
        for c in sentence.chars() {
            if c.is_ascii_digit() {
                out.push('0');
            } else if c.is_ascii_lowercase() || matches!(c, '%' | '$' | '\'') {
                out.push(c);
            } else if c.is_ascii_uppercase() {
                out.push(c.to_ascii_lowercase());
            } else if c == '’' {
                out.push('\'');
            } else if !c.is_ascii() && (c.is_alphanumeric() || matches!(c, '€' | '£')) {
                out.extend(c.to_lowercase());
            } else if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn normalise_matches_the_plain_definition(s in "\\PC{0,60}|[a-zA-Z0-9 .,’'%$€£İẞΣ日-]{0,60}") {
            let mut got = String::from("stale");
            normalise(&s, &mut got);
            proptest::prop_assert_eq!(got, normalise_reference(&s));
        }
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
    fn fast_scoring_path_equals_full_feature_logit() {
        let m = Model::embedded();
        for text in [
            "Unemployment fell to 3.9% in May.",
            "Ok.",
            "",
            "Zürich’s café — “tax” rose 7%",
        ] {
            let sig = analyse(text);
            let mut norm = String::new();
            normalise(text, &mut norm);
            let mut all = Vec::new();
            hashed_features(&norm, m.mask(), &mut all);
            let full = sigmoid(m.logit(&signal_values(&sig), &all));
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
                0.9946,
            ),
            (
                "Thank you very much, it is great to be here tonight.",
                0.0067,
            ),
            (
                "Zürich’s café tax rose 7% — “a record”, the mayor said.",
                0.9235,
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
            a.reasons
                .iter()
                .all(|r| r.starts_with('+') || r.starts_with('−')),
            "{:?}",
            a.reasons
        );
    }
}
