//! The project: an article, its claims, and the review work on them. Saved as one RON file.
//!
//! The project is self-contained: it keeps the article's full text and SHA-256, so the file
//! records exactly which version was checked, and spans always refer to that text.

pub mod disk;
pub mod edit;
pub mod links;
pub mod merge;
pub mod revise;
pub mod scale;
pub mod storage;
mod upgrade;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub use scale::{Scale, Verdict};

use crate::article::Article;
use crate::claims::{Claim, ClaimFinder, ClaimKind};
use crate::spans::CharCursor;

/// The file format version this build writes. Older versions are upgraded on load
/// (see `upgrade.rs`): 1 was the first; 2 adds revisions, merge conflicts and verdict scales.
pub const FORMAT_VERSION: u32 = 2;

/// Characters of article text kept on each side of a claim, to find it again if text changes.
pub const CONTEXT_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub format_version: u32,
    pub article: ArticleRecord,
    #[serde(default)]
    pub settings: Settings,
    /// The verdicts this project's claims are judged on (format 1 files: the factdesk preset).
    #[serde(default)]
    pub scale: Scale,
    pub claims: Vec<ProjectClaim>,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
    /// Project-level fields (settings, the scale) a merge found changed differently on both
    /// sides; claim fields keep theirs on the claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
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
    /// What the last revision of the article did to this claim; `None` if never revised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
    /// The claim's text before the article changed (changed and orphaned claims).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_text: Option<String>,
    /// The wording changed under existing work: verdict, sources and note need a new look.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recheck: bool,
    /// Fields two people changed differently, recorded by a merge until resolved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// What revising the article did to a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Revision {
    /// Same text (whitespace and quote style aside), found again.
    Unchanged,
    /// Found again with different wording; the previous text is kept and a re-check flagged.
    Changed,
    /// Not found in the new article; kept with all its work and no span.
    Orphaned,
    /// A checkable sentence that only the new article has.
    New,
}

impl Revision {
    pub fn name(self) -> &'static str {
        match self {
            Revision::Unchanged => "unchanged",
            Revision::Changed => "changed",
            Revision::Orphaned => "orphaned",
            Revision::New => "new",
        }
    }
}

/// One field that a merge found changed differently on both sides, with both values as the
/// field's text (a verdict's id, a note, a source list as one URL per line…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub field: String,
    pub ours: String,
    pub theirs: String,
    /// Values from earlier conflicts on this field that neither side holds now (a second
    /// merge before the first conflict was settled): kept so that none is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<String>,
}

impl Conflict {
    /// Every value proposed for the field: ours, theirs, then earlier ones.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        [&self.ours, &self.theirs].into_iter().chain(&self.earlier)
    }

    /// Takes in another conflict on the same field: its values not already here are kept
    /// as earlier ones.
    pub fn absorb(&mut self, other: &Conflict) {
        for v in other.values() {
            if !self.values().any(|mine| mine == v) {
                self.earlier.push(v.clone());
            }
        }
    }
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
            verdict: Verdict::UNREVIEWED,
            sources: Vec::new(),
            note: String::new(),
            created: now,
            updated: now,
            revision: None,
            previous_text: None,
            recheck: false,
            conflicts: Vec::new(),
        }
    }

    pub fn is_dismissed(&self) -> bool {
        self.verdict == Verdict::NOT_A_CLAIM
    }

    /// Does the claim point into the article? Orphaned claims (not found after a revision)
    /// keep their text and work but no span.
    pub fn has_span(&self) -> bool {
        self.revision != Some(Revision::Orphaned)
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
            scale: Scale::default(),
            claims: claims
                .into_iter()
                .map(|c| ProjectClaim::from_claim_with(c, &mut cursor, Origin::Found, now))
                .collect(),
            created: now,
            updated: now,
            conflicts: Vec::new(),
        }
    }

    /// The verdict's name in this project's scale.
    pub fn verdict_name<'a>(&'a self, v: &'a Verdict) -> &'a str {
        self.scale.name(v)
    }

    pub fn claim(&self, id: &str) -> Option<&ProjectClaim> {
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.claims.iter().position(|c| c.id == id)
    }

    /// Counts of claims per verdict, in the scale's order (then any verdict the scale does
    /// not list, so the counts always add up to the number of claims).
    pub fn verdict_counts(&self) -> Vec<(Verdict, usize)> {
        let mut counts: Vec<(Verdict, usize)> = self
            .scale
            .verdicts
            .iter()
            .map(|d| (d.verdict(), 0))
            .collect();
        for c in &self.claims {
            match counts.iter_mut().find(|(v, _)| *v == c.verdict) {
                Some(slot) => slot.1 += 1,
                None => counts.push((c.verdict.clone(), 1)),
            }
        }
        counts
    }

    /// Conflicts a merge recorded and nobody resolved yet, on the project and its claims.
    pub fn conflict_count(&self) -> usize {
        self.conflicts.len() + self.claims.iter().map(|c| c.conflicts.len()).sum::<usize>()
    }

    /// Claims that are not dismissed, and of those how many have a final verdict.
    pub fn review_progress(&self) -> (usize, usize) {
        let active = self.claims.iter().filter(|c| !c.is_dismissed());
        let (mut total, mut reviewed) = (0, 0);
        for c in active {
            total += 1;
            reviewed += usize::from(self.scale.is_reviewed(&c.verdict));
        }
        (reviewed, total)
    }

    /// Makes every claim's span show its text again (a file edited by hand, or written by a
    /// buggy version): see [`revise::repair`]. Nothing is dropped.
    pub fn repair_spans(&mut self) -> revise::Repair {
        revise::repair(self)
    }

    /// Replaces the article by a revised one with its re-anchored claims (not undoable; the
    /// window applies the same through [`edit::Edit::ReplaceArticle`]).
    pub fn apply_revision(&mut self, revised: revise::Revised) -> revise::RevisionSummary {
        self.article = revised.article;
        self.claims = revised.claims;
        self.updated = now();
        revised.summary
    }
}
