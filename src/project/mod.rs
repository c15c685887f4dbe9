//! The project: an article, its claims, and the review work on them. Saved as one RON file.
//!
//! The project is self-contained: it keeps the article's full text and SHA-256, so the file
//! records exactly which version was checked, and spans always refer to that text.

pub mod edit;
pub mod links;
pub mod storage;
mod verdict;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub use verdict::Verdict;

use crate::article::Article;
use crate::claims::{Claim, ClaimFinder, ClaimKind};
use crate::spans::{CharCursor, char_span_to_bytes};

/// The file format version this build writes. Older versions are upgraded on load.
pub const FORMAT_VERSION: u32 = 1;

/// Characters of article text kept on each side of a claim, to find it again if text changes.
pub const CONTEXT_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub format_version: u32,
    pub article: ArticleRecord,
    #[serde(default)]
    pub settings: Settings,
    pub claims: Vec<ProjectClaim>,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub title: String,
    /// Where the article was loaded from, as given (relative or absolute).
    pub source_path: Option<String>,
    /// SHA-256 of `text` (hex), identifying the exact version that was checked.
    pub sha256: String,
    pub text: String,
}

/// Optional publication settings, used by the reports (ClaimReview needs the reviewer).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Where the checked article was published (ClaimReview `appearance`).
    pub article_url: Option<String>,
    /// When the checked article was published (ISO 8601 date).
    pub article_date: Option<String>,
    pub reviewer_name: Option<String>,
    pub reviewer_organisation: Option<String>,
    /// Where the fact-check itself is published (ClaimReview `url`).
    pub review_url: Option<String>,
}

/// How a claim came to be in the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// Listed by the claim finder.
    Found,
    /// Added by hand from a text selection.
    Manual,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub url: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub added: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectClaim {
    pub id: String,
    pub text: String,
    /// Character offsets into the article text, half-open.
    pub start: usize,
    pub end: usize,
    /// Text just before and after the span, to relocate the claim if the text changes.
    pub context_before: String,
    pub context_after: String,
    pub kind: ClaimKind,
    pub score: f32,
    pub reasons: Vec<String>,
    pub claimant: Option<String>,
    pub origin: Origin,
    pub verdict: Verdict,
    pub sources: Vec<Source>,
    pub note: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
}

impl ProjectClaim {
    /// A fresh, unreviewed claim from the finder's output.
    pub fn from_claim(
        claim: Claim,
        article_text: &str,
        origin: Origin,
        now: OffsetDateTime,
    ) -> Self {
        Self::from_claim_with(claim, &mut CharCursor::new(article_text), origin, now)
    }

    /// Like `from_claim`, reusing a cursor across many claims in text order (linear, not
    /// quadratic, for a 10,000-claim article).
    pub fn from_claim_with(
        claim: Claim,
        cursor: &mut CharCursor<'_>,
        origin: Origin,
        now: OffsetDateTime,
    ) -> Self {
        let (context_before, context_after) = context_with(cursor, claim.start, claim.end);
        ProjectClaim {
            id: claim.id,
            text: claim.text,
            start: claim.start,
            end: claim.end,
            context_before,
            context_after,
            kind: claim.kind,
            score: claim.score,
            // Rendered once here: the project file keeps reasons as text.
            reasons: claim.reasons.iter().map(ToString::to_string).collect(),
            claimant: claim.claimant,
            origin,
            verdict: Verdict::Unreviewed,
            sources: Vec::new(),
            note: String::new(),
            created: now,
            updated: now,
        }
    }

    pub fn is_dismissed(&self) -> bool {
        self.verdict == Verdict::NotAClaim
    }
}

/// Up to [`CONTEXT_CHARS`] characters before and after a character span.
pub fn context_around(text: &str, start: usize, end: usize) -> (String, String) {
    context_with(&mut CharCursor::new(text), start, end)
}

fn context_with(cursor: &mut CharCursor<'_>, start: usize, end: usize) -> (String, String) {
    let text = cursor.text();
    let Some(bytes) = cursor.span(start, end) else {
        return (String::new(), String::new());
    };
    let before: String = {
        let rev: Vec<char> = text[..bytes.start]
            .chars()
            .rev()
            .take(CONTEXT_CHARS)
            .collect();
        rev.into_iter().rev().collect()
    };
    let after: String = text[bytes.end..].chars().take(CONTEXT_CHARS).collect();
    (before, after)
}

pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn now() -> OffsetDateTime {
    // Whole seconds: timestamps in the file stay short and stable across round trips.
    let t = OffsetDateTime::now_utc();
    t.replace_nanosecond(0).unwrap_or(t)
}

impl Project {
    /// A new project from an article, with the finder's claims, all unreviewed.
    pub fn from_article(article: &Article, finder: &ClaimFinder) -> Project {
        let claims = finder.find(&article.text);
        Project::with_claims(article, claims)
    }

    /// A new project from an article and claims found elsewhere (e.g. on a worker thread).
    pub fn with_claims(article: &Article, claims: Vec<Claim>) -> Project {
        let now = now();
        let mut cursor = CharCursor::new(&article.text);
        Project {
            format_version: FORMAT_VERSION,
            article: ArticleRecord {
                title: article.title.clone(),
                source_path: article
                    .source_path
                    .as_ref()
                    .map(|p| p.display().to_string()),
                sha256: sha256_hex(&article.text),
                text: article.text.clone(),
            },
            settings: Settings::default(),
            claims: claims
                .into_iter()
                .map(|c| ProjectClaim::from_claim_with(c, &mut cursor, Origin::Found, now))
                .collect(),
            created: now,
            updated: now,
        }
    }

    pub fn claim(&self, id: &str) -> Option<&ProjectClaim> {
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.claims.iter().position(|c| c.id == id)
    }

    /// Counts of claims per verdict, in [`Verdict::ALL`] order.
    pub fn verdict_counts(&self) -> [(Verdict, usize); 9] {
        let mut counts = Verdict::ALL.map(|v| (v, 0));
        for c in &self.claims {
            counts[usize::from(c.verdict.hotkey() - 1)].1 += 1;
        }
        counts
    }

    /// Claims that are not dismissed, and of those how many have a final verdict.
    pub fn review_progress(&self) -> (usize, usize) {
        let active = self.claims.iter().filter(|c| !c.is_dismissed());
        let (mut total, mut reviewed) = (0, 0);
        for c in active {
            total += 1;
            reviewed += usize::from(c.verdict.is_reviewed());
        }
        (reviewed, total)
    }

    /// Checks every claim's span against the article text and repairs what it can: a claim
    /// whose span no longer matches is looked up by its text (nearest occurrence) and then by
    /// its context. Returns one message per claim that was moved or could not be placed;
    /// such claims keep their text, verdict and sources (nothing is dropped).
    pub fn repair_spans(&mut self) -> Vec<String> {
        let text = &self.article.text;
        let mut cursor = CharCursor::new(text);
        let mut messages = Vec::new();
        for claim in &mut self.claims {
            let matches = cursor
                .span(claim.start, claim.end)
                .is_some_and(|r| text[r] == claim.text);
            if matches {
                continue;
            }
            match relocate(text, claim) {
                Some((start, end)) => {
                    messages.push(format!(
                        "claim {} moved from {}..{} to {}..{} to match the article text",
                        claim.id, claim.start, claim.end, start, end
                    ));
                    claim.start = start;
                    claim.end = end;
                }
                None => {
                    messages.push(format!(
                        "claim {} (“{}”) is not in the article text; its span was cleared",
                        claim.id,
                        claim.text.chars().take(60).collect::<String>()
                    ));
                    claim.start = 0;
                    claim.end = 0;
                }
            }
        }
        messages
    }
}

/// Finds a claim's text in the article: the occurrence nearest its old position, or where its
/// context says it was. Returns character offsets.
fn relocate(text: &str, claim: &ProjectClaim) -> Option<(usize, usize)> {
    if claim.text.is_empty() {
        return None;
    }
    let to_chars = |byte: usize| text[..byte].chars().count();
    let len = claim.text.chars().count();
    let best = text
        .match_indices(claim.text.as_str())
        .map(|(b, _)| to_chars(b))
        .min_by_key(|&c| c.abs_diff(claim.start));
    if let Some(start) = best {
        return Some((start, start + len));
    }
    let anchor = claim.context_before.as_str();
    if anchor.chars().count() >= 10
        && let Some(b) = text.find(anchor)
    {
        let start = to_chars(b + anchor.len());
        let end = (start + len).min(text.chars().count());
        let bytes = char_span_to_bytes(text, start, end)?;
        // Only accept a context match if the span text is still mostly the same.
        let span = &text[bytes];
        if similar(span, &claim.text) {
            return Some((start, end));
        }
    }
    None
}

fn similar(a: &str, b: &str) -> bool {
    let wa: std::collections::HashSet<&str> = a.split_whitespace().collect();
    let wb: std::collections::HashSet<&str> = b.split_whitespace().collect();
    let shared = wa.intersection(&wb).count();
    shared * 10 >= wa.len().max(wb.len()) * 7
}
