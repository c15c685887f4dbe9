//! The claim finder: every checkable sentence of an article, with its span, kind, claimant,
//! score and the reasons it was listed.
//!
//! Listing is recall-oriented and rule-based (a sentence is listed when it states something a
//! source can confirm: figures, dates, names, events, attributed words, positions) and excludes
//! boilerplate, bare headings and questions. *Ranking* is the [`Scorer`]'s job, so a learned
//! model plugs in without changing what is listed. A whole article is worked through in parts
//! on every core (`pipeline.rs`); sentences are judged on their own, and the little that
//! depends on neighbours (a "she said" taking the claimant of the sentence before) is settled
//! in a short sequential merge.

pub mod attribution;
mod boilerplate;
mod features;
pub mod model;
mod pipeline;
mod scorer;
pub mod signals;
mod swar;
mod tokens;
pub mod train;

use std::sync::Arc;

pub use boilerplate::is_boilerplate;
pub use scorer::{RuleScorer, Scored, Scorer, sigmoid};
pub use signals::{Signals, analyse};

/// What sort of check a claim needs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// Figures, percentages, money: check the number against its source.
    Statistic,
    /// Somebody's words in quotation marks: check they said it, and what it asserts.
    Quote,
    /// A comparison or record ("largest since", "rose 5%").
    Comparison,
    /// A stated stance ("rejected", "vowed", "ruled out").
    Position,
    /// A statement about the future ("will", "expected to").
    Prediction,
    /// Reported speech without quotation marks ("officials said …").
    Attribution,
    /// Something that happened.
    Event,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 7] = [
        ClaimKind::Statistic,
        ClaimKind::Quote,
        ClaimKind::Comparison,
        ClaimKind::Position,
        ClaimKind::Prediction,
        ClaimKind::Attribution,
        ClaimKind::Event,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Statistic => "statistic",
            ClaimKind::Quote => "quote",
            ClaimKind::Comparison => "comparison",
            ClaimKind::Position => "position",
            ClaimKind::Prediction => "prediction",
            ClaimKind::Attribution => "attribution",
            ClaimKind::Event => "event",
        }
    }

    /// The most specific kind the signals support.
    pub fn from_signals(s: &Signals) -> ClaimKind {
        let durations_only = s.figures.iter().all(|f| s.dates.contains(f));
        if s.percent || s.money || (!s.figures.is_empty() && !durations_only) {
            ClaimKind::Statistic
        } else if s.quote {
            ClaimKind::Quote
        } else if s.comparison.is_some() {
            ClaimKind::Comparison
        } else if !s.positions.is_empty() {
            ClaimKind::Position
        } else if s.prediction.is_some() {
            ClaimKind::Prediction
        } else if s.attribution.is_some() {
            ClaimKind::Attribution
        } else {
            ClaimKind::Event
        }
    }
}

impl std::fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One checkable statement. `start`/`end` are **character** offsets into the article text
/// (half-open), so `text == article.chars().skip(start).take(end - start)`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    pub id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub score: f32,
    pub reasons: Vec<String>,
    pub claimant: Option<String>,
}

/// The finder's verdict on one sentence on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub checkable: bool,
    pub kind: ClaimKind,
    pub score: f32,
    pub reasons: Vec<String>,
    pub claimant: Option<String>,
    pub signals: Signals,
}

/// Why a sentence is not listed, if it is not (the first reason found).
fn exclusion(sentence: &str, sig: &Signals) -> Option<&'static str> {
    // The signals' checks first: they cost nothing now, while the boilerplate check scans
    // the sentence again.
    if sig.question {
        return Some("question");
    }
    if is_heading(sentence) {
        return Some("heading");
    }
    if sig.words < 3 {
        return Some("too short");
    }
    if !sig.is_factual() {
        return Some("no checkable content");
    }
    let anchored = !sig.figures.is_empty()
        || !sig.dates.is_empty()
        || !sig.names.is_empty()
        || sig.attribution.is_some()
        || sig.quote;
    if sig.hedge.is_some() && sig.first_person && !anchored {
        return Some("opinion");
    }
    if is_boilerplate(sentence) {
        return Some("boilerplate");
    }
    None
}

/// A line without sentence-final punctuation that is not a list item: a headline or label.
fn is_heading(sentence: &str) -> bool {
    let end = sentence.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    let terminal = end.ends_with(['.', '!', '?', '…', ':', ';']);
    let list_item = sentence.starts_with(['•', '◦', '▪', '●', '‣', '⁃', '-', '*'])
        || sentence.split_whitespace().next().is_some_and(|w| {
            w.len() <= 4
                && w.ends_with(['.', ')'])
                && w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        });
    !terminal && !list_item
}

/// Progress of a long extraction: bytes of the article done out of the total.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Finds claims with a pluggable scorer. Cheap to clone.
#[derive(Clone)]
pub struct ClaimFinder {
    scorer: Arc<dyn Scorer>,
}

impl Default for ClaimFinder {
    /// The learned check-worthiness model shipped in the binary.
    fn default() -> Self {
        ClaimFinder::new(Arc::new(model::Model::embedded().clone()))
    }
}

impl ClaimFinder {
    pub fn new(scorer: Arc<dyn Scorer>) -> Self {
        ClaimFinder { scorer }
    }

    /// Rules only (the baseline scorer).
    pub fn rules() -> Self {
        ClaimFinder::new(Arc::new(RuleScorer))
    }

    pub fn scorer_name(&self) -> &'static str {
        self.scorer.name()
    }

    /// Judges one sentence on its own (the `score` command, manual claims).
    pub fn assess(&self, sentence: &str) -> Assessment {
        let sentence = sentence.trim();
        let signals = analyse(sentence);
        let checkable = !sentence.is_empty() && exclusion(sentence, &signals).is_none();
        let scored = self.scorer.score(sentence, &signals);
        Assessment {
            checkable,
            kind: ClaimKind::from_signals(&signals),
            score: scored.score,
            reasons: reasons(&signals, signals.claimant.as_deref(), scored.reasons),
            claimant: signals.claimant.clone(),
            signals,
        }
    }

    /// All claims of an article, in text order.
    pub fn find(&self, text: &str) -> Vec<Claim> {
        self.find_with_progress(text, &mut |_| true)
            .expect("a progress callback that never cancels")
    }

    /// Like [`find`](Self::find), reporting progress; returns `None` if `progress` returns false.
    pub fn find_with_progress(
        &self,
        text: &str,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Option<Vec<Claim>> {
        self.find_planned(text, pipeline::Plan::for_text(text), progress)
    }
}

/// Human-readable reasons: the signals found, then what moved the score most.
fn reasons(s: &Signals, claimant: Option<&str>, scored: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(8);
    for f in s.figures.iter().filter(|f| !s.dates.contains(f)).take(3) {
        out.push(labelled("figure: ", f));
    }
    for d in s.dates.iter().take(2) {
        out.push(labelled("date: ", d));
    }
    if let Some(c) = claimant {
        out.push(labelled("attributed to: ", c));
    } else if let Some(v) = &s.attribution {
        out.push(labelled("attribution: ", v));
    }
    if s.quote {
        out.push("quotation".into());
    }
    for p in s.positions.iter().take(2) {
        out.push(labelled("position: ", p));
    }
    if let Some(c) = &s.comparison {
        out.push(labelled("comparison: ", c));
    }
    if let Some(p) = &s.prediction {
        out.push(labelled("prediction: ", p));
    }
    if !s.names.is_empty() {
        let mut names = labelled("names: ", "");
        for (k, name) in s.names.iter().take(3).enumerate() {
            if k > 0 {
                names.push_str(", ");
            }
            names.push_str(name);
        }
        out.push(names);
    }
    if let Some(e) = s.past_events.first()
        && out.is_empty()
    {
        out.push(labelled("event: ", e));
    }
    if let Some(h) = &s.hedge {
        out.push(labelled("hedge: ", h));
    }
    out.extend(scored);
    out
}

/// `label` followed by `value`, allocated once (reasons are built for every claim).
fn labelled(label: &str, value: &str) -> String {
    let mut out = String::with_capacity(label.len() + value.len() + 24);
    out.push_str(label);
    out.push_str(value);
    out
}

/// A stable id comes from the claim's text: the same sentence gets the same id on every run,
/// whatever else in the article changes (repeats get `-2`, `-3`, … in order; base ids never
/// contain `-`, so a suffixed id cannot collide with another base).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(FNV_BASIS, fnv1a_step)
}

const FNV_BASIS: u64 = 0xcbf29ce484222325;

#[inline(always)]
fn fnv1a_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
}

/// [`fnv1a`] of four texts at once. The hash is one multiply chain through the bytes, so a
/// text waits on a multiply per byte; four chains side by side keep the multiplier busy and
/// cost little more than the longest text alone.
fn fnv1a_four(texts: [&str; 4]) -> [u64; 4] {
    let bytes = texts.map(str::as_bytes);
    let common = bytes.iter().map(|b| b.len()).min().unwrap_or(0);
    let [a, b, c, d] = bytes.map(|t| &t[..common]);
    let mut h = [FNV_BASIS; 4];
    for (((&a, &b), &c), &d) in a.iter().zip(b).zip(c).zip(d) {
        h = [
            fnv1a_step(h[0], a),
            fnv1a_step(h[1], b),
            fnv1a_step(h[2], c),
            fnv1a_step(h[3], d),
        ];
    }
    for (h, text) in h.iter_mut().zip(bytes) {
        *h = text[common..].iter().copied().fold(*h, fnv1a_step);
    }
    h
}

/// [`fnv1a`] of each text, four at a time.
fn fnv1a_each<'a>(texts: impl ExactSizeIterator<Item = &'a str>, out: &mut Vec<u64>) {
    let mut group = [""; 4];
    let mut n = 0;
    for text in texts {
        group[n] = text;
        n += 1;
        if n == 4 {
            out.extend(fnv1a_four(group));
            n = 0;
        }
    }
    out.extend(group[..n].iter().map(|t| fnv1a(t)));
}

/// Converts character offsets to byte offsets; queries in increasing order cost O(distance),
/// so converting every claim of a 20 MB article is one pass, not one pass per claim.
pub struct CharCursor<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            chars: 0,
            bytes: 0,
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The byte offset of a character offset (`Some(len)` at the very end), if in range.
    pub fn byte_of(&mut self, char_offset: usize) -> Option<usize> {
        if char_offset < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let mut it = self.text[self.bytes..].char_indices();
        while self.chars < char_offset {
            let (_, c) = it.next()?;
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        Some(self.bytes)
    }

    /// The byte range of a character span, if it lies within the text.
    pub fn span(&mut self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        if start > end {
            return None;
        }
        let b_start = self.byte_of(start)?;
        let b_end = self.byte_of(end)?;
        Some(b_start..b_end)
    }
}

/// The byte range of a character span, if it lies within the text.
pub fn char_span_to_bytes(text: &str, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
    if start > end {
        return None;
    }
    let mut indices = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let b_start = indices.nth(start)?;
    let b_end = if end == start {
        b_start
    } else {
        indices.nth(end - start - 1)?
    };
    Some(b_start..b_end)
}

#[cfg(test)]
mod tests;
