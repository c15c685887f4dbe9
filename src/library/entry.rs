//! One checked claim in the library, whatever it came from.

use serde::{Deserialize, Serialize};

/// Where an entry came from; decides how it is keyed and whether `prune` can check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A claim of one of the user's own `*.factdesk.ron` projects.
    Project,
    /// A published schema.org ClaimReview (JSON, JSON-LD or an HTML page).
    ClaimReview,
    /// A row of a CSV/TSV table.
    Table,
}

/// A checked claim. Empty strings stand for "not given": every import format has gaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique in the library: adding an entry with the same key again updates it.
    pub key: String,
    /// The id a user sees: a project's claim id, a table's `id` column as given, a
    /// ClaimReview's `url` or `@id`.
    pub id: String,
    pub kind: EntryKind,
    pub claim: String,
    /// The fact-check's headline, or the checked article's title for projects.
    pub title: String,
    /// Verdict (projects) or rating text (published fact-checks).
    pub verdict: String,
    /// Where the fact-check is published, if anywhere.
    pub url: String,
    /// Human-readable origin: the project file, or the publisher / imported file.
    pub origin: String,
    /// ISO 8601 date (YYYY-MM-DD) of the check, if known.
    pub date: String,
    pub claimant: String,
    pub organisation: String,
    /// Source URLs the check relied on.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// The project file (absolute path) for project entries, so `prune` can tell it is gone.
    #[serde(default)]
    pub project: String,
}

impl Entry {
    /// An entry with only the required parts set.
    pub fn new(key: String, id: String, kind: EntryKind, claim: String) -> Entry {
        Entry {
            key,
            id,
            kind,
            claim,
            title: String::new(),
            verdict: String::new(),
            url: String::new(),
            origin: String::new(),
            date: String::new(),
            claimant: String::new(),
            organisation: String::new(),
            sources: Vec::new(),
            note: String::new(),
            project: String::new(),
        }
    }

    /// The text retrieval searches: claim and headline together.
    pub fn search_text(&self) -> String {
        if self.title.is_empty() {
            self.claim.clone()
        } else {
            format!("{}\n{}", self.claim, self.title)
        }
    }
}

/// A short, stable hex id for text without an id of its own (FNV-1a, 64 bits).
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.trim().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
