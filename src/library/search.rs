//! BM25 search over claim + headline, as of one commit of the library.
//!
//! A query is a union of its words. On a large library most of the search time goes into
//! the long posting lists of its common words, which add little to BM25; so the rarer words
//! fetch the candidates and the common ones only add their share to those candidates'
//! scores (see [`Snapshot::search`]). The rarer words are scored term at a time into
//! accumulators for a window of documents at a time: their posting lists are short, so
//! tantivy's block-max WAND had few blocks to skip and spent far more per posting than a
//! plain sum. Scores use tantivy's own `Bm25Weight` with the snapshot's statistics, so they
//! are the BM25 scores tantivy's term queries give.

use std::sync::Arc;

use tantivy::postings::{Postings, TermInfo};
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocSet, InvertedIndexReader, Searcher, Term};

use super::{Hit, Library, LibraryError, broken, index, strip_urls};

/// Most terms a BM25 query uses (the rarest ones).
pub const MAX_QUERY_TERMS: usize = 32;

/// A query word found in more than one entry in this many is *common*: it does not fetch
/// candidates, it only adds its BM25 share to the candidates the rarer words fetched. At
/// one million entries this keeps words in over 20,000 entries out of the fetch, which made
/// search 4× faster; on the CLEF dev and training queries, MAP@5 was unchanged or better
/// (BENCHMARKS.md).
const COMMON_SHARE: u64 = 50;

/// Always at least this many of the rarest words fetch candidates.
const MIN_FETCHING_TERMS: usize = 3;

/// Candidates the rarer words fetch per hit asked for, before the common words re-order
/// them: a near miss by the rare words can still rise with its common words.
const DEPTH: usize = 2;

/// Documents scored together. Their accumulators (128 KiB) stay in the core's L2 cache while
/// every term adds its postings for them; one accumulator per entry (4 MB at a million
/// entries) missed the cache on nearly every posting.
const WINDOW: u32 = 1 << 15;

/// The library as of one commit: searches from several threads see the same entries.
pub struct Snapshot<'a> {
    library: &'a Library,
    searcher: Searcher,
}

/// A query word as the index knows it.
#[derive(Debug, Clone)]
struct QueryTerm {
    text: String,
    /// Entries containing it, in all segments (deleted ones included, as BM25 counts them).
    df: u64,
    /// Where its postings are, per segment.
    infos: Vec<Option<TermInfo>>,
}

impl<'a> Snapshot<'a> {
    pub(super) fn new(library: &'a Library, searcher: Searcher) -> Snapshot<'a> {
        Snapshot { library, searcher }
    }

    fn inverted_indexes(&self) -> tantivy::Result<Vec<Arc<InvertedIndexReader>>> {
        let field = self.library.fields.text;
        self.searcher
            .segment_readers()
            .iter()
            .map(|s| s.inverted_index(field))
            .collect()
    }

    /// The query terms worth searching: at most [`MAX_QUERY_TERMS`], rarest first, without
    /// terms in more than a tenth of the entries (unless fewer than three would be left).
    /// Such words add little to BM25 but their long posting lists dominate search time on a
    /// large library.
    fn selective_terms(&self, terms: Vec<String>) -> tantivy::Result<Vec<QueryTerm>> {
        let n = self.searcher.num_docs();
        let inverted = self.inverted_indexes()?;
        let mut found = Vec::with_capacity(terms.len());
        for text in terms {
            let term = self.term(&text);
            let infos = inverted
                .iter()
                .map(|ii| ii.get_term_info(&term))
                .collect::<std::io::Result<Vec<_>>>()?;
            let df = infos.iter().flatten().map(|i| u64::from(i.doc_freq)).sum();
            if df > 0 {
                found.push(QueryTerm { text, df, infos });
            }
        }
        found.sort_by(|a, b| (a.df, &a.text).cmp(&(b.df, &b.text)));
        let common = found
            .iter()
            .position(|t| t.df * 10 > n)
            .unwrap_or(found.len());
        found.truncate(common.clamp(3, MAX_QUERY_TERMS));
        Ok(found)
    }

    fn term(&self, analysed: &str) -> Term {
        Term::from_field_text(self.library.fields.text, analysed)
    }

    fn doc_freq(&self, analysed: &str) -> u64 {
        self.searcher.doc_freq(&self.term(analysed)).unwrap_or(0)
    }

    /// BM25's inverse document frequency of an analysed term in the claim + headline field.
    pub fn idf(&self, term: &str) -> f32 {
        let n = self.searcher.num_docs() as f32;
        let df = self.doc_freq(term) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// BM25 over claim + headline (URLs in `text` ignored), best first. Every hit's score is
    /// its BM25 score for all the selective terms; the candidates are the best entries for
    /// the rarer terms (all of them when no term is common).
    pub fn search(
        &self,
        analyzer: &mut TextAnalyzer,
        text: &str,
        limit: usize,
    ) -> Result<Vec<Hit>, LibraryError> {
        let mut terms = index::terms(analyzer, &strip_urls(text));
        terms.sort_unstable();
        terms.dedup();
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let top = self
            .selective_terms(terms)
            .and_then(|terms| {
                let (fetching, common) = split_common(&terms, self.searcher.num_docs());
                self.top(fetching, common, limit)
            })
            .map_err(|e| broken(&self.library.dir, e))?;
        top.into_iter()
            .map(|(score, addr)| {
                Ok(Hit {
                    score,
                    entry: self.library.load(&self.searcher, addr)?,
                })
            })
            .collect()
    }

    /// The `limit` best documents: fetched by `fetching`, scored by all terms; best first,
    /// ties in index order.
    fn top(
        &self,
        fetching: &[QueryTerm],
        common: &[QueryTerm],
        limit: usize,
    ) -> tantivy::Result<Vec<(f32, DocAddress)>> {
        let depth = if common.is_empty() {
            limit
        } else {
            limit * DEPTH
        };
        let mut top = self.fetch(fetching, depth)?;
        if !common.is_empty() {
            top.sort_unstable_by_key(|(_, addr)| *addr);
            self.add_scores(&mut top, common)?;
            best_first(&mut top, limit);
        }
        Ok(top)
    }

    /// BM25 as tantivy's term queries compute it, from the snapshot's statistics.
    fn weight(&self, term: &QueryTerm) -> tantivy::Result<Bm25Weight> {
        let docs: u64 = self
            .searcher
            .segment_readers()
            .iter()
            .map(|s| u64::from(s.max_doc()))
            .sum();
        let tokens: u64 = self
            .inverted_indexes()?
            .iter()
            .map(|ii| ii.total_num_tokens())
            .sum();
        let average = tokens as f32 / docs.max(1) as f32;
        Ok(Bm25Weight::for_one_term_without_explain(
            term.df, docs, average,
        ))
    }

    /// The `depth` best documents for the sum of the terms' BM25 scores, best first, ties
    /// in index order: every posting of every term, summed term at a time.
    fn fetch(&self, terms: &[QueryTerm], depth: usize) -> tantivy::Result<Vec<(f32, DocAddress)>> {
        let weights = terms
            .iter()
            .map(|t| self.weight(t))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let inverted = self.inverted_indexes()?;
        let field = self.library.fields.text;
        let mut scores = vec![0.0f32; WINDOW as usize];
        let mut touched: Vec<u32> = Vec::new();
        let mut best = Vec::new();
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let norms = segment.get_fieldnorms_reader(field)?;
            let alive = segment.alive_bitset();
            // Each term's postings, with the position reached in the current block.
            let mut cursors = Vec::with_capacity(terms.len());
            for (term, weight) in terms.iter().zip(&weights) {
                if let Some(info) = &term.infos[ord] {
                    let postings = inverted[ord]
                        .read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
                    cursors.push((postings, 0usize, weight));
                }
            }
            let mut found = TopN::new(depth);
            let mut start = 0u32;
            while start < segment.max_doc() {
                let end = start.saturating_add(WINDOW);
                for (postings, at, weight) in &mut cursors {
                    loop {
                        let (docs, freqs) = (postings.docs(), postings.freqs());
                        if docs.is_empty() {
                            break;
                        }
                        while *at < docs.len() && docs[*at] < end {
                            let doc = docs[*at];
                            let slot = &mut scores[(doc - start) as usize];
                            // A BM25 term score is never 0: 0 means not yet seen.
                            if *slot == 0.0 {
                                touched.push(doc);
                            }
                            *slot += weight.score(norms.fieldnorm_id(doc), freqs[*at]);
                            *at += 1;
                        }
                        if *at < docs.len() {
                            break;
                        }
                        postings.advance();
                        *at = 0;
                    }
                }
                for doc in touched.drain(..) {
                    let score = std::mem::take(&mut scores[(doc - start) as usize]);
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        found.push(score, DocAddress::new(ord as u32, doc));
                    }
                }
                start = end;
            }
            let mut found = found.into_vec();
            best_first(&mut found, depth);
            best.extend(found);
        }
        best_first(&mut best, depth);
        Ok(best)
    }

    /// Adds the common terms' BM25 scores to the hits (sorted by address) that contain them.
    fn add_scores(
        &self,
        hits: &mut [(f32, DocAddress)],
        terms: &[QueryTerm],
    ) -> tantivy::Result<()> {
        let inverted = self.inverted_indexes()?;
        let field = self.library.fields.text;
        let segments = self.searcher.segment_readers();
        for term in terms {
            let weight = self.weight(term)?;
            for part in hits.chunk_by_mut(|a, b| a.1.segment_ord == b.1.segment_ord) {
                let ord = part[0].1.segment_ord as usize;
                let Some(info) = &term.infos[ord] else {
                    continue;
                };
                let norms = segments[ord].get_fieldnorms_reader(field)?;
                let mut postings = inverted[ord]
                    .read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
                for (score, addr) in part {
                    // Postings only move forward: past the target means the term is not there.
                    let doc = match postings.doc() {
                        d if d >= addr.doc_id => d,
                        _ => postings.seek(addr.doc_id),
                    };
                    if doc == addr.doc_id {
                        *score += weight.score(norms.fieldnorm_id(doc), postings.term_freq());
                    }
                }
            }
        }
        Ok(())
    }
}

/// Collects the `n` best of many hits cheaply: hits below the `n`-th best so far are
/// dropped with one comparison (ties are kept for [`best_first`] to settle by index order).
struct TopN {
    n: usize,
    hits: Vec<(f32, DocAddress)>,
    threshold: f32,
}

impl TopN {
    fn new(n: usize) -> TopN {
        TopN {
            n,
            hits: Vec::with_capacity(2 * n + 1),
            threshold: f32::NEG_INFINITY,
        }
    }

    fn push(&mut self, score: f32, addr: DocAddress) {
        if score < self.threshold {
            return;
        }
        self.hits.push((score, addr));
        if self.hits.len() > 2 * self.n {
            best_first(&mut self.hits, self.n);
            self.threshold = self.hits.last().map_or(f32::NEG_INFINITY, |h| h.0);
        }
    }

    fn into_vec(self) -> Vec<(f32, DocAddress)> {
        self.hits
    }
}

/// Keeps the `n` best, best first, ties in index order.
fn best_first(hits: &mut Vec<(f32, DocAddress)>, n: usize) {
    let order =
        |a: &(f32, DocAddress), b: &(f32, DocAddress)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if hits.len() > n {
        hits.select_nth_unstable_by(n, order);
        hits.truncate(n);
    }
    hits.sort_unstable_by(order);
}

/// Splits terms (rarest first) into those that fetch candidates and the common ones.
fn split_common(terms: &[QueryTerm], entries: u64) -> (&[QueryTerm], &[QueryTerm]) {
    let at = terms
        .iter()
        .position(|t| t.df * COMMON_SHARE > entries)
        .unwrap_or(terms.len())
        .max(MIN_FETCHING_TERMS.min(terms.len()));
    terms.split_at(at)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::*;
    use crate::library::{Entry, EntryKind};

    /// Pseudo-words ("kato", "rine", …): none is a stop word, the stemmer keeps them.
    fn word(i: usize) -> String {
        const SYLLABLES: [&str; 8] = ["ka", "to", "ri", "ne", "sa", "lu", "mo", "pe"];
        (0..4).map(|k| SYLLABLES[(i >> (3 * k)) % 8]).collect()
    }

    const WORDS: usize = 2000;

    /// 1,500 entries of 4–12 words drawn by a Zipf law, so the first few dozen words are
    /// common and most others in a handful of entries.
    fn library() -> &'static (tempfile::TempDir, Library) {
        static LIB: OnceLock<(tempfile::TempDir, Library)> = OnceLock::new();
        LIB.get_or_init(|| {
            let weights: Vec<f64> = (1..=WORDS).map(|r| 1.0 / r as f64).collect();
            let total: f64 = weights.iter().sum();
            let mut state = 0x9e37_79b9_7f4a_7c15_u64;
            let mut next = move || {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state
            };
            let entries = (0..1500)
                .map(|i| {
                    let len = 4 + next() % 9;
                    let claim: Vec<String> = (0..len)
                        .map(|_| {
                            let mut x = (next() % 1_000_000) as f64 / 1e6 * total;
                            let mut w = 0;
                            while w + 1 < WORDS && x > weights[w] {
                                x -= weights[w];
                                w += 1;
                            }
                            word(w)
                        })
                        .collect();
                    let id = format!("e{i}");
                    Entry::new(format!("t#{id}"), id, EntryKind::Table, claim.join(" "))
                })
                .collect();
            let dir = tempfile::tempdir().unwrap();
            let library = Library::open(dir.path()).unwrap();
            // Three commits (three segments) and some deleted entries, as a library that
            // grew over time has.
            let mut entries: Vec<Entry> = entries;
            for _ in 0..3 {
                let rest = entries.split_off(500.min(entries.len()));
                library.add(std::mem::replace(&mut entries, rest)).unwrap();
            }
            let gone: Vec<String> = (0..1500).step_by(17).map(|i| format!("t#e{i}")).collect();
            library.remove(&gone).unwrap();
            (dir, library)
        })
    }

    /// The plain twin: tantivy's union of term queries, every matching document scored.
    fn plain_scores(s: &Snapshot, terms: &[QueryTerm]) -> Vec<(f32, DocAddress)> {
        use tantivy::collector::TopDocs;
        use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
        let union = BooleanQuery::new(
            terms
                .iter()
                .map(|t| {
                    let q = TermQuery::new(s.term(&t.text), IndexRecordOption::WithFreqs);
                    (Occur::Should, Box::new(q) as Box<dyn Query>)
                })
                .collect(),
        );
        let all = TopDocs::with_limit(s.searcher.num_docs() as usize + 1).order_by_score();
        s.searcher.search(&union, &all).unwrap()
    }

    fn query_terms(s: &Snapshot, words: &[usize]) -> Vec<QueryTerm> {
        let text: Vec<String> = words.iter().map(|w| word(*w)).collect();
        let mut terms = index::terms(&mut index::analyzer(), &text.join(" "));
        terms.sort_unstable();
        terms.dedup();
        s.selective_terms(terms).unwrap()
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() <= 1e-4 * b.abs().max(1.0)
    }

    #[test]
    fn the_test_library_has_common_and_rare_words() {
        let (_, library) = library();
        let s = library.snapshot();
        let words: Vec<usize> = (0..20).chain(1000..1010).collect();
        let terms = query_terms(&s, &words);
        let (fetching, common) = split_common(&terms, s.searcher.num_docs());
        assert!(fetching.len() >= 5 && common.len() >= 5, "{terms:?}");
        assert!(s.searcher.segment_readers().len() >= 2);
        assert!(
            s.searcher
                .segment_readers()
                .iter()
                .any(|r| r.num_deleted_docs() > 0)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Scores are full BM25 scores, best first; without common words the hits are the
        /// plain union's best (rank by rank, up to float rounding in the sums).
        #[test]
        fn hits_carry_full_bm25_scores_and_match_the_plain_union_without_common_words(
            words in proptest::collection::vec(prop_oneof![0..80usize, 0..WORDS], 1..12),
            limit in 1usize..40,
        ) {
            let (_, library) = library();
            let s = library.snapshot();
            let terms = query_terms(&s, &words);
            let (fetching, common) = split_common(&terms, s.searcher.num_docs());
            let hits = s.top(fetching, common, limit).unwrap();
            let plain = plain_scores(&s, &terms);
            let full: HashMap<DocAddress, f32> = plain.iter().map(|(sc, a)| (*a, *sc)).collect();
            prop_assert!(hits.len() <= limit);
            for w in hits.windows(2) {
                prop_assert!(w[0].0 >= w[1].0);
            }
            for (score, addr) in &hits {
                let expected = full.get(addr).copied();
                prop_assert!(expected.is_some_and(|e| close(*score, e)), "{} vs {:?}", score, expected);
            }
            if common.is_empty() {
                prop_assert_eq!(hits.len(), limit.min(plain.len()));
                for (got, want) in hits.iter().zip(&plain) {
                    prop_assert!(close(got.0, want.0), "{:?} vs {:?}", got, want);
                }
            } else {
                // Hits have a rarer word; as many as the rare words fetch, up to the limit.
                let fetched: HashMap<DocAddress, f32> =
                    plain_scores(&s, fetching).into_iter().map(|(sc, a)| (a, sc)).collect();
                prop_assert_eq!(hits.len(), limit.min(fetched.len()));
                prop_assert!(hits.iter().all(|(_, a)| fetched.contains_key(a)));
            }
        }
    }
}
