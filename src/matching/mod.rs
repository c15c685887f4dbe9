//! Matching claims against the library: BM25 retrieval, then a learned re-ranker over pair
//! features, with the reasons (`why`) for every match.
//!
//! Runs off the UI thread: [`Library::match_claims`] takes `&self` and `Library` is
//! `Send + Sync`.

mod features;
mod model;
mod text;
pub mod train;

use serde::Serialize;

use crate::library::{Entry, Library, LibraryError};

pub use features::{N as N_FEATURES, NAMES as FEATURE_NAMES};
pub use model::Reranker;
pub use text::{Analysis, analyse, clean_query};

/// Candidates BM25 hands to the re-ranker per claim.
pub const RETRIEVE: usize = 30;

/// Score at or above which a match is "likely the same claim" (see README: on the dev
/// queries, most matches above it are right and most right first matches are above it).
pub const LIKELY_SAME: f64 = 0.4;

/// One reason a library entry matches a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    Figures(Vec<String>),
    Names(Vec<String>),
    Claimant(String),
    KeyWords(Vec<String>),
    NegationDiffers,
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Figures(v) => write!(f, "shared figures: {}", v.join(", ")),
            Why::Names(v) => write!(f, "shared names: {}", v.join(", ")),
            Why::Claimant(c) => write!(f, "same claimant: {c}"),
            Why::KeyWords(v) => write!(f, "key words: {}", v.join(", ")),
            Why::NegationDiffers => write!(f, "one says \"not\", the other does not"),
        }
    }
}

impl Serialize for Why {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A library entry matching a claim.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    pub id: String,
    pub claim: String,
    pub verdict: String,
    pub url: String,
    pub origin: String,
    pub date: String,
    /// Probability (0..1) that the entry is the same claim; ≥ [`LIKELY_SAME`] means likely.
    pub score: f64,
    pub why: Vec<Why>,
    /// The whole entry (sources, note, project file) for reusing the match.
    #[serde(skip)]
    pub entry: Entry,
}

impl Match {
    pub fn is_likely_same(&self) -> bool {
        self.score >= LIKELY_SAME
    }
}

/// A candidate with its features, before ranking (shared with training).
pub struct Scored {
    pub features: [f32; features::N],
    pub hit: crate::library::Hit,
}

/// A candidate with the analyses of its claim and headline (for `why`).
pub type Candidate = (Scored, Analysis, Analysis);

/// One thread's matching against one snapshot: the analyzers, the stem and the IDF of every
/// word met so far (the claims of an article share many of their candidates' words, and each IDF is
/// a term dictionary lookup in every segment).
pub struct Matcher<'s, 'l> {
    snapshot: &'s crate::library::Snapshot<'l>,
    analyzer: tantivy::tokenizer::TextAnalyzer,
    analyser: text::Analyser,
    idf: rustc_hash::FxHashMap<String, f32>,
}

impl<'s, 'l> Matcher<'s, 'l> {
    pub fn new(
        snapshot: &'s crate::library::Snapshot<'l>,
        analyzer: tantivy::tokenizer::TextAnalyzer,
    ) -> Matcher<'s, 'l> {
        Matcher {
            snapshot,
            analyzer,
            analyser: text::Analyser::default(),
            idf: rustc_hash::FxHashMap::default(),
        }
    }

    /// BM25 candidates for one claim with their pair features.
    pub fn candidates(
        &mut self,
        text: &str,
        limit: usize,
    ) -> Result<(Analysis, Vec<Candidate>), LibraryError> {
        let text = &text::clean_query(text);
        let hits = self.snapshot.search(&mut self.analyzer, text, limit)?;
        let analyser = &mut self.analyser;
        let query = analyser.analyse(text);
        let best = hits.first().map_or(0.0, |h| h.score);
        let (snapshot, cache) = (self.snapshot, &mut self.idf);
        let mut idf = |t: &str| -> f32 {
            if let Some(v) = cache.get(t) {
                return *v;
            }
            let v = snapshot.idf(t);
            cache.insert(t.to_string(), v);
            v
        };
        let mut out: Vec<Candidate> = hits
            .into_iter()
            .enumerate()
            .map(|(rank, hit)| {
                let claim = analyser.analyse(&hit.entry.claim);
                let title = analyser.analyse_words(&hit.entry.title);
                let r = features::Retrieval {
                    bm25: hit.score,
                    best_bm25: best,
                    rank,
                };
                let features = features::pair(&query, &claim, &title, r, &mut idf);
                (Scored { features, hit }, claim, title)
            })
            .collect();
        let mut rows: Vec<[f32; features::N]> = out.iter().map(|(s, _, _)| s.features).collect();
        features::relative(&mut rows);
        for ((s, _, _), row) in out.iter_mut().zip(rows) {
            s.features = row;
        }
        Ok((query, out))
    }

    /// The `top_k` best entries for one claim, re-ranked, with their `why`.
    fn match_one(
        &mut self,
        model: &Reranker,
        text: &str,
        top_k: usize,
    ) -> Result<Vec<Match>, LibraryError> {
        if top_k == 0 {
            return Ok(Vec::new());
        }
        let (query, cands) = self.candidates(text, RETRIEVE.max(top_k))?;
        let mut scored: Vec<(f32, usize, Scored, Analysis, Analysis)> = cands
            .into_iter()
            .enumerate()
            .map(|(rank, (s, c, t))| (model.probability(&s.features), rank, s, c, t))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(top_k);
        Ok(scored
            .into_iter()
            .map(|(p, _, s, claim, title)| {
                let e = s.hit.entry;
                let why = features::why(text, &query, &claim, &title, &e);
                Match {
                    id: e.id.clone(),
                    claim: e.claim.clone(),
                    verdict: e.verdict.clone(),
                    url: e.url.clone(),
                    origin: e.origin.clone(),
                    date: e.date.clone(),
                    score: (f64::from(p) * 10_000.0).round() / 10_000.0,
                    why,
                    entry: e,
                }
            })
            .collect())
    }
}

impl Library {
    /// The `top_k` best library entries for each claim, best first, with the shipped model.
    pub fn match_claims(
        &self,
        claims: &[&str],
        top_k: usize,
    ) -> Result<Vec<Vec<Match>>, LibraryError> {
        self.match_claims_with(&Reranker::shipped(), claims, top_k)
    }

    /// Like [`Library::match_claims`] with a given re-ranker. Claims are spread over the
    /// cores; all see one snapshot of the library.
    pub fn match_claims_with(
        &self,
        model: &Reranker,
        claims: &[&str],
        top_k: usize,
    ) -> Result<Vec<Vec<Match>>, LibraryError> {
        self.reload()?;
        let snapshot = self.snapshot();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(claims.len().max(1));
        let chunk = claims.len().div_ceil(threads).max(1);
        let results: Vec<Result<Vec<Vec<Match>>, LibraryError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = claims
                .chunks(chunk)
                .map(|part| {
                    let snapshot = &snapshot;
                    scope.spawn(move || {
                        let mut matcher = Matcher::new(snapshot, self.analyzer());
                        part.iter()
                            .map(|text| matcher.match_one(model, text, top_k))
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("matching does not panic"))
                .collect()
        });
        let mut out = Vec::with_capacity(claims.len());
        for part in results {
            out.extend(part?);
        }
        Ok(out)
    }
}
