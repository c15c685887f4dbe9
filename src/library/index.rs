//! The tantivy side of the library: schema, analyzer, and the version stamp.
//!
//! One document per entry: `key` (exact, for updates), `project` (exact, for replacing a
//! project's claims), `text` (claim + headline, analysed, for BM25) and `entry` (the whole
//! entry as JSON, stored, so a hit needs one field read).

use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer,
};

/// Layout version of a library folder this build writes. A folder stamped with a higher
/// version came from a newer factdesk and is refused rather than misread.
pub const LIBRARY_VERSION: u32 = 1;

/// The file in a library folder that holds its version stamp.
pub const VERSION_FILE: &str = "factdesk-library.json";

/// Name the analyzer is registered under in the index.
pub const ANALYZER: &str = "factdesk_en";

#[derive(Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub project: Field,
    pub text: Field,
    pub entry: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let key = b.add_text_field("key", STRING);
    let project = b.add_text_field("project", STRING);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let text = b.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(indexing),
    );
    let entry = b.add_text_field("entry", STORED);
    (
        b.build(),
        Fields {
            key,
            project,
            text,
            entry,
        },
    )
}

/// Stored entries are compressed in blocks of this many bytes. A match reads 30 entries
/// scattered over the library and decompresses a whole block for each: tantivy's default
/// (16 KiB, some fifty entries) made that a sixth of match time at a million entries.
/// Libraries made before keep their block size (tantivy reads it from `meta.json`).
const STORE_BLOCK: usize = 4096;

pub fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_blocksize: STORE_BLOCK,
        ..Default::default()
    }
}

/// Function words that only add noise to claim matching (a short English list; "not" and
/// friends are left to the re-ranker's negation feature).
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does",
    "doing", "during", "each", "for", "from", "had", "has", "have", "having", "he", "her", "here",
    "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more",
    "most", "my", "no", "nor", "not", "now", "of", "on", "once", "only", "or", "other", "our",
    "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "s",
    "t", "rt", "via", "amp",
];

/// Words, lower-cased, stop words dropped, Porter-stemmed (so "doubled" finds "doubling").
/// Queries go through the same analyzer.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// [`analyzer`] without its stemming step, and the stemming step alone on one word: so a
/// caller analysing many texts can stem each distinct word once (`matching::text`).
pub fn unstemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .build()
}

/// The stemming step of [`analyzer`], on a whole text taken as one word.
pub fn word_stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The analysed terms of a text, in order, with repeats.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}
