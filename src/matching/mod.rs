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
    /// cores; all see one snapshot of the library. Results do not depend on which thread
    /// matched a claim (the per-thread caches only remember values).
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
        // Claims are handed out one at a time, so a thread whose core is busy with another
        // program takes fewer of them; the calling thread works too (its allocator is warm).
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || {
            let mut matcher = Matcher::new(&snapshot, self.analyzer());
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(text) = claims.get(i) else {
                    return done;
                };
                done.push((i, matcher.match_one(model, text, top_k)));
            }
        };
        let mut done = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut done = work();
            for h in helpers {
                done.extend(h.join().expect("matching does not panic"));
            }
            done
        });
        done.sort_by_key(|(i, _)| *i);
        let mut out = Vec::with_capacity(claims.len());
        for (_, matches) in done {
            out.push(matches?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::EntryKind;

    /// Claims handed out to threads one at a time come back in input order, each with what
    /// matching it alone gives (the per-thread caches change no value).
    #[test]
    fn many_claims_at_once_match_like_each_alone_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(dir.path()).unwrap();
        let topics = [
            "deficit doubled since 2019 under the government",
            "vaccine changes human DNA says blogger",
            "unemployment fell to 3.5% last year",
            "city spent $4.5 million on the new bridge",
            "Obama met Merkel in Berlin to discuss trade",
            "wind farms kill millions of birds each year",
        ];
        let entries = (0..60)
            .map(|i| {
                let claim = format!("{} (report {i})", topics[i % topics.len()]);
                Entry::new(format!("t#{i}"), format!("{i}"), EntryKind::Table, claim)
            })
            .collect();
        library.add(entries).unwrap();
        let claims: Vec<String> = (0..25)
            .map(|i| format!("They said the {} again", topics[(i * 5) % topics.len()]))
            .chain(["nothing in common here".to_string(), String::new()])
            .collect();
        let refs: Vec<&str> = claims.iter().map(String::as_str).collect();
        let together = library.match_claims(&refs, 3).unwrap();
        assert_eq!(together.len(), claims.len());
        for (claim, got) in refs.iter().zip(&together) {
            let alone = library.match_claims(&[claim], 3).unwrap().remove(0);
            let ids = |m: &[Match]| {
                m.iter()
                    .map(|m| (m.id.clone(), m.score))
                    .collect::<Vec<_>>()
            };
            assert_eq!(ids(got), ids(&alone), "{claim}");
        }
        assert!(together[0].iter().all(|m| m.claim.contains("deficit")));
        assert!(together[25].is_empty() && together[26].is_empty());
    }
}
