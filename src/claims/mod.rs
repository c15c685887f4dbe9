//! The claim finder: every checkable sentence of an article, with its span, kind, claimant,
//! score and the reasons it was listed.
//!
//! Listing is recall-first: a sentence is listed when the rules find a strong signal of
//! something a source can confirm (figures, dates, quotes, attributed words, positions,
//! comparisons, a named actor doing something), or when the rules only doubt it and the
//! scorer's probability reaches its listing threshold (`is_listed`). Headings,
//! fragments, questions and page furniture (`boilerplate.rs`, `furniture.rs`) are never
//! listed. *Ranking* is the [`Scorer`]'s job. A whole article is worked through in parts
//! on every core (`pipeline/`); sentences are judged on their own, and the little that
//! depends on neighbours (a "she said" taking the claimant of the sentence before) is settled
//! in a sequential merge that follows the finding threads part by part.

pub mod attribution;
mod boilerplate;
pub mod evaluation;
mod features;
mod furniture;
mod lexicon;
pub mod model;
mod pipeline;
mod reasons;
mod scorer;
pub mod signals;
mod swar;
mod tokens;
#[cfg(feature = "train")]
pub mod train;

use std::sync::Arc;

pub use boilerplate::is_boilerplate;
pub use reasons::{Reason, join as join_reasons};
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
    /// A photo caption ("X, second from left, speaks with Y …"): checkable, ranked last.
    Caption,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 8] = [
        ClaimKind::Statistic,
        ClaimKind::Quote,
        ClaimKind::Comparison,
        ClaimKind::Position,
        ClaimKind::Prediction,
        ClaimKind::Attribution,
        ClaimKind::Event,
        ClaimKind::Caption,
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
            ClaimKind::Caption => "caption",
        }
    }

    /// The most specific kind the signals support.
    pub fn from_signals(s: &Signals) -> ClaimKind {
        if s.percent || s.money || s.has_figure() {
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
    pub reasons: Vec<Reason>,
    pub claimant: Option<String>,
}

/// The finder's verdict on one sentence on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub checkable: bool,
    pub kind: ClaimKind,
    pub score: f32,
    pub reasons: Vec<Reason>,
    pub claimant: Option<String>,
    pub signals: Signals,
}

/// Why the rules would leave a sentence out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exclusion {
    /// A line without final punctuation: a headline or label. Never listed.
    Heading,
    /// Fewer than three words. Never listed.
    TooShort,
    /// A question asserts nothing (see README for the evidence). Never listed.
    Question,
    /// Bylines, credits, page notes and other furniture. Never listed.
    Boilerplate,
    /// No figure, date, name, quote, attribution, stance, comparison or event.
    NoCheckableContent,
    /// A first-person opinion or hedge with nothing checkable in it.
    Opinion,
    /// Only weak signals (a name, an event, a prediction, with no figure, date, quote,
    /// attribution, stance or comparison), or a speaker's own view, hedge or prediction
    /// without a figure, date, quotation or named speaker: as often small talk as a claim.
    WeakSignals,
}

impl Exclusion {
    /// The rules' own judgement that a sentence is not a claim, which the learned model may
    /// overrule (recall first): the rules miss claims written without their signals ("We
    /// still have trillion-dollar deficits."). Headings, fragments, questions and furniture
    /// are never listed whatever the model says.
    pub fn model_may_overrule(self) -> bool {
        matches!(
            self,
            Exclusion::NoCheckableContent | Exclusion::Opinion | Exclusion::WeakSignals
        )
    }
}

/// Why the rules leave a sentence out, if they do (the first reason found). Page furniture
/// is checked last and only when needed, as it scans the sentence again.
pub fn exclusion(sentence: &str, sig: &Signals) -> Option<Exclusion> {
    rule_exclusion(sentence, sig).or_else(|| furniture_exclusion(sentence, sig))
}

/// [`exclusion`] without the furniture checks.
pub(crate) fn rule_exclusion(sentence: &str, sig: &Signals) -> Option<Exclusion> {
    if is_heading(sentence) {
        return Some(Exclusion::Heading);
    }
    if sig.words < 3 {
        return Some(Exclusion::TooShort);
    }
    if sig.question {
        return Some(Exclusion::Question);
    }
    if !sig.is_factual() {
        return Some(Exclusion::NoCheckableContent);
    }
    let anchored = !sig.figures.is_empty()
        || !sig.dates.is_empty()
        || !sig.names.is_empty()
        || sig.attribution.is_some()
        || sig.quote;
    if sig.hedge.is_some() && sig.first_person && !anchored {
        return Some(Exclusion::Opinion);
    }
    // Anchored to something a checker can look up: a figure, a date, a quotation, a speaker.
    let anchored = sig.has_figure() || sig.calendar_date || sig.quote || sig.claimant.is_some();
    // Speakers talking about themselves or their audience, hedging or predicting, without
    // such an anchor: on the crowdsourced set mostly opinion, so the model decides.
    // (A hedge in a general statement is a requirement, "must"; a prediction with a named
    // actor or a stance is news.)
    let personal_or_hedged = sig.first_person
        || (sig.hedge.is_some() && sig.general.is_none())
        || (sig.prediction.is_some() && sig.positions.is_empty() && sig.names.is_empty());
    if !sig.has_strong_signal() || (personal_or_hedged && !anchored) {
        return Some(Exclusion::WeakSignals);
    }
    None
}

fn furniture_exclusion(sentence: &str, sig: &Signals) -> Option<Exclusion> {
    (is_boilerplate(sentence) || furniture::is_page_note(sentence, sig))
        .then_some(Exclusion::Boilerplate)
}

/// The rules' side of the listing decision, for evaluating it over a labelled set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleVerdict {
    /// Listed whatever the score.
    Listed,
    /// Listed when the model's probability reaches the listing threshold.
    Doubted,
    /// Never listed.
    Out,
}

/// How the rules judge a sentence (`is_listed` decides the same way).
pub fn rule_verdict(sentence: &str, sig: &Signals) -> RuleVerdict {
    let verdict = match rule_exclusion(sentence, sig) {
        None => RuleVerdict::Listed,
        Some(e) if e.model_may_overrule() => RuleVerdict::Doubted,
        Some(_) => return RuleVerdict::Out,
    };
    if furniture_exclusion(sentence, sig).is_some() {
        RuleVerdict::Out
    } else {
        verdict
    }
}

/// Is a sentence listed? When the rules find it checkable, or when they only doubt it and
/// the model's probability reaches the scorer's listing threshold; never when it is page
/// furniture. `score` is called only when the answer depends on it.
fn is_listed(
    sentence: &str,
    sig: &Signals,
    threshold: Option<f32>,
    score: impl FnOnce() -> f32,
) -> bool {
    let by_rules = match rule_exclusion(sentence, sig) {
        None => true,
        Some(e) if e.model_may_overrule() => match threshold {
            Some(t) => score() >= t,
            // Without a model (`--rules-only`) weak signals are listed, generously, as the
            // rules always did.
            None => e == Exclusion::WeakSignals,
        },
        Some(_) => return false,
    };
    by_rules && furniture_exclusion(sentence, sig).is_none()
}

/// A caption's score is capped here, so captions come after the story's claims when the
/// table is ranked (README, "What counts as a claim").
const CAPTION_SCORE_CAP: f32 = 0.05;

/// The kind and score of a listed sentence: captions are their own kind, ranked last.
fn kind_and_score(sentence: &str, signals: &Signals, score: f32) -> (ClaimKind, f32) {
    if furniture::is_caption(sentence, signals) {
        (ClaimKind::Caption, score.min(CAPTION_SCORE_CAP))
    } else {
        (ClaimKind::from_signals(signals), score)
    }
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
        let scored = self.scorer.score(sentence, &signals);
        let checkable = !sentence.is_empty()
            && is_listed(sentence, &signals, self.scorer.listing_threshold(), || {
                scored.score
            });
        let (kind, score) = kind_and_score(sentence, &signals, scored.score);
        Assessment {
            checkable,
            kind,
            score,
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

    /// All claims of an article, handed over part by part in text order as soon as each
    /// part is final, so that writing out a large article never holds all its claims.
    /// `render` turns one part's claims into what `emit` takes; it runs on the finding
    /// threads, in parallel. `emit` runs on this thread, in text order, and stops the
    /// search by returning false. Returns whether the search ran to the end.
    pub fn find_streamed<T: Send>(
        &self,
        text: &str,
        render: &(dyn Fn(Vec<Claim>) -> T + Sync),
        emit: &mut dyn FnMut(T) -> bool,
    ) -> bool {
        let plan = pipeline::Plan::for_text(text);
        self.stream_planned(text, plan, render, emit, &mut |_| true)
    }
}

/// The reasons for a claim: the signals found, then what moved the score most.
fn reasons(s: &Signals, claimant: Option<&str>, scored: Vec<Reason>) -> Vec<Reason> {
    let mut out = Vec::with_capacity(8);
    out.extend(s.shown_figures().take(3).cloned().map(Reason::Figure));
    out.extend(s.shown_dates().take(2).cloned().map(Reason::Date));
    if let Some(c) = claimant {
        out.push(Reason::AttributedTo(c.to_string()));
    } else if let Some(v) = &s.attribution {
        out.push(Reason::Attribution(v.clone()));
    }
    if s.quote {
        out.push(Reason::Quotation);
    }
    out.extend(s.positions.iter().take(2).cloned().map(Reason::Position));
    out.extend(s.comparison.iter().cloned().map(Reason::Comparison));
    out.extend(s.prediction.iter().cloned().map(Reason::Prediction));
    if !s.names.is_empty() {
        out.push(Reason::Names(s.names.iter().take(3).cloned().collect()));
    }
    if let Some(e) = s.past_events.first()
        && out.is_empty()
    {
        out.push(Reason::Event(e.clone()));
    }
    if let Some(g) = &s.general
        && out.is_empty()
    {
        out.push(Reason::General(g.clone()));
    }
    out.extend(s.hedge.iter().cloned().map(Reason::Hedge));
    out.extend(scored);
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

#[cfg(test)]
mod tests;
