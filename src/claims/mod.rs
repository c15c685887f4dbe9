//! The claim finder: every checkable sentence of an article, with its span, kind, claimant,
//! score and the reasons it was listed.
//!
//! Listing is recall-oriented and rule-based (a sentence is listed when it states something a
//! source can confirm: figures, dates, names, events, attributed words, positions) and excludes
//! boilerplate, bare headings and questions. *Ranking* is the [`Scorer`]'s job, so a learned
//! model plugs in without changing what is listed.

mod boilerplate;
mod scorer;
pub mod signals;
mod tokens;

use std::collections::HashSet;
use std::sync::Arc;

pub use boilerplate::is_boilerplate;
pub use scorer::{RuleScorer, Scored, Scorer, sigmoid};
pub use signals::{Signals, analyse};

use crate::segment;

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

/// Why a sentence is not listed, if it is not.
fn exclusion(sentence: &str, sig: &Signals) -> Option<&'static str> {
    if is_boilerplate(sentence) {
        return Some("boilerplate");
    }
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
    fn default() -> Self {
        ClaimFinder::rules()
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
            reasons: reasons(&signals, signals.claimant.as_deref(), &scored),
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
        let sentences = segment::sentences(text);
        let mut claims = Vec::with_capacity(sentences.len());
        let mut ids = HashSet::with_capacity(sentences.len());
        let (mut byte_pos, mut char_pos) = (0usize, 0usize);
        let mut last_claimant: Option<(String, usize)> = None;
        let mut token_buf = Vec::with_capacity(64);
        for (n, range) in sentences.iter().enumerate() {
            if n % 256 == 0
                && !progress(Progress {
                    done: range.start,
                    total: text.len(),
                })
            {
                return None;
            }
            let sentence = &text[range.clone()];
            tokens::tokenize(sentence, &mut token_buf);
            let signals = signals::analyse_tokens(sentence, &token_buf);
            if let Some(c) = &signals.claimant {
                last_claimant = Some((c.clone(), n));
            }
            if exclusion(sentence, &signals).is_some() {
                continue;
            }
            // "She said …" or a quotation that runs on from the previous sentence: the
            // claimant is the one named just before.
            let continues_quote =
                signals.quote && sentence.starts_with(['“', '"']) && signals.attribution.is_none();
            let claimant = signals.claimant.clone().or_else(|| {
                let recent = last_claimant.as_ref().filter(|(_, at)| n - at <= 2)?;
                (signals.claimant_is_pronoun || continues_quote).then(|| recent.0.clone())
            });
            let scored = self.scorer.score(sentence, &signals);
            char_pos += text[byte_pos..range.start].chars().count();
            let start = char_pos;
            let len = sentence.chars().count();
            char_pos += len;
            byte_pos = range.end;
            claims.push(Claim {
                id: unique_id(sentence, &mut ids),
                text: sentence.to_string(),
                start,
                end: start + len,
                kind: ClaimKind::from_signals(&signals),
                score: scored.score,
                reasons: reasons(&signals, claimant.as_deref(), &scored),
                claimant,
            });
        }
        progress(Progress {
            done: text.len(),
            total: text.len(),
        });
        Some(claims)
    }
}

/// Human-readable reasons: the signals found, then what moved the score most.
fn reasons(s: &Signals, claimant: Option<&str>, scored: &Scored) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(
        s.figures
            .iter()
            .filter(|f| !s.dates.contains(f))
            .take(3)
            .map(|f| format!("figure: {f}")),
    );
    out.extend(s.dates.iter().take(2).map(|d| format!("date: {d}")));
    if let Some(c) = claimant {
        out.push(format!("attributed to: {c}"));
    } else if let Some(v) = &s.attribution {
        out.push(format!("attribution: {v}"));
    }
    if s.quote {
        out.push("quotation".into());
    }
    out.extend(s.positions.iter().take(2).map(|p| format!("position: {p}")));
    if let Some(c) = &s.comparison {
        out.push(format!("comparison: {c}"));
    }
    if let Some(p) = &s.prediction {
        out.push(format!("prediction: {p}"));
    }
    if !s.names.is_empty() {
        out.push(format!(
            "names: {}",
            s.names
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(e) = s.past_events.first()
        && out.is_empty()
    {
        out.push(format!("event: {e}"));
    }
    if let Some(h) = &s.hedge {
        out.push(format!("hedge: {h}"));
    }
    out.extend(scored.reasons.iter().cloned());
    out
}

/// A stable id from the claim's text: the same sentence gets the same id on every run,
/// whatever else in the article changes. Repeated sentences get `-2`, `-3`, ….
fn unique_id(text: &str, taken: &mut HashSet<String>) -> String {
    let base = format!("c{:08x}", fnv1a(text) as u32);
    if taken.insert(base.clone()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| taken.insert(id.clone()))
        .expect("some suffix is free")
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
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
