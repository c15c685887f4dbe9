//! Revising a project's article: the article was edited after publication, and the work
//! done on its claims must follow the text.
//!
//! Every existing claim ends one of three ways ([`Revision`]): `unchanged` (found with the
//! same text, whitespace and quote style aside, at its new place), `changed` (found fuzzily:
//! its text becomes the new sentence, the previous text is kept and a re-check flagged; its
//! verdict, sources and note stay) or `orphaned` (not found: kept with all its work and no
//! span). Checkable sentences only the new article has come in as `new`, Unreviewed. Ids of
//! kept claims never change, and every claim with a span satisfies
//! `text == article[start..end]` (in characters). The matching is in [`anchor`].

mod anchor;
mod normal;

use std::collections::HashSet;
use std::ops::Range;

pub use anchor::{
    MIN_CONTEXT_SIMILARITY, MIN_SIMILARITY, MIN_SIMILARITY_IN_PLACE, MIN_SIMILARITY_SAME_FIGURES,
    similarity,
};
pub use normal::normalise;

use super::{
    ArticleRecord, CONTEXT_CHARS, Origin, Project, ProjectClaim, Revision, now, sha256_hex,
};
use crate::article::Article;
use crate::claims::Claim;
use anchor::{Found, Wanted, anchor};

/// What a revision did, in numbers: the one summary shown instead of a message per claim.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RevisionSummary {
    pub unchanged: usize,
    pub changed: usize,
    pub orphaned: usize,
    pub new: usize,
}

impl RevisionSummary {
    pub fn message(&self) -> String {
        format!(
            "article revised: {} unchanged, {} changed (flagged for re-check), {} orphaned (kept without a place in the text), {} new",
            self.unchanged, self.changed, self.orphaned, self.new
        )
    }
}

/// A project's claims placed in a new version of its article.
#[derive(Debug, Clone)]
pub struct Revised {
    pub article: ArticleRecord,
    pub claims: Vec<ProjectClaim>,
    pub summary: RevisionSummary,
}

impl Revised {
    /// The revision as one undoable edit, for [`super::edit::History`].
    pub fn into_edit(self) -> (super::edit::Edit, RevisionSummary) {
        (
            super::edit::Edit::ReplaceArticle {
                article: Box::new(self.article),
                claims: self.claims,
            },
            self.summary,
        )
    }
}

/// Places the project's claims in `article` and adds `found` (the claim finder's output on
/// the new text) where no kept claim stands. The project itself is not touched: apply the
/// result with [`super::edit::Edit::ReplaceArticle`] (undoable) or [`Project::apply_revision`].
pub fn revise(project: &Project, article: &Article, found: Vec<Claim>) -> Revised {
    let old = &project.article.text;
    let new = &article.text;
    let old_bytes = CharIndex::new(old);
    let wanted: Vec<Wanted<'_>> = project
        .claims
        .iter()
        .map(|c| Wanted {
            text: &c.text,
            span: c
                .has_span()
                .then(|| old_bytes.bytes(c.start, c.end))
                .flatten()
                .filter(|r| old[r.clone()] == c.text),
            context_before: &c.context_before,
            context_after: &c.context_after,
        })
        .collect();
    let places = anchor(Some(old), new, &wanted);
    let new_chars = CharIndex::new(new);
    // What the finder says about each new sentence, to describe a changed claim's new text.
    let by_span: std::collections::HashMap<(usize, usize), &Claim> =
        found.iter().map(|f| ((f.start, f.end), f)).collect();
    let mut summary = RevisionSummary::default();
    let mut claims = Vec::with_capacity(project.claims.len() + 16);
    for (claim, place) in project.claims.iter().zip(places) {
        let mut c = claim.clone();
        match place {
            Found::Same(r) => {
                place_claim(&mut c, new, &new_chars, r);
                c.revision = Some(Revision::Unchanged);
                // A re-check still pending refers to the wording before the last change.
                if !c.recheck {
                    c.previous_text = None;
                }
                summary.unchanged += 1;
            }
            Found::Changed(r) => {
                let previous = std::mem::take(&mut c.text);
                place_claim(&mut c, new, &new_chars, r);
                if let Some(f) = by_span.get(&(c.start, c.end)) {
                    c.kind = f.kind;
                    c.score = f.score;
                    c.reasons = f.reasons.iter().map(ToString::to_string).collect();
                }
                c.previous_text = Some(previous);
                c.revision = Some(Revision::Changed);
                c.recheck = true;
                summary.changed += 1;
            }
            Found::Lost => {
                orphan(&mut c);
                summary.orphaned += 1;
            }
        }
        claims.push(c);
    }
    let t = now();
    let mut ids: HashSet<String> = claims.iter().map(|c| c.id.clone()).collect();
    // One cursor over the new text for all new claims (they come in text order), so their
    // contexts cost one pass, not one pass each.
    let mut cursor = crate::spans::CharCursor::new(new);
    let kept = Spans::new(
        claims
            .iter()
            .filter(|c| c.has_span())
            .map(|c| (c.start, c.end))
            .collect(),
    );
    for f in found {
        if kept.overlaps(f.start, f.end) {
            continue;
        }
        let mut c = ProjectClaim::from_claim_with(f, &mut cursor, Origin::Found, t);
        c.id = unique_id(&c.id, &ids);
        ids.insert(c.id.clone());
        c.revision = Some(Revision::New);
        summary.new += 1;
        claims.push(c);
    }
    claims.sort_by_key(|c| (c.start, c.end));
    Revised {
        article: ArticleRecord {
            title: article.title.clone(),
            source_path: article
                .source_path
                .as_ref()
                .map(|p| p.display().to_string())
                .or_else(|| project.article.source_path.clone()),
            sha256: sha256_hex(new),
            text: new.clone(),
        },
        claims,
        summary,
    }
}

/// One piece of a word-level comparison of a claim's previous and current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextChange {
    Same(String),
    Removed(String),
    Added(String),
}

/// The difference between a changed claim's previous text and its text, word by word
/// (whitespace kept), for the editor to show old and new with the change marked.
pub fn text_changes(previous: &str, current: &str) -> Vec<TextChange> {
    let diff = similar::TextDiff::from_words(previous, current);
    let mut out: Vec<TextChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let piece = match change.tag() {
            similar::ChangeTag::Equal => TextChange::Same(text.to_string()),
            similar::ChangeTag::Delete => TextChange::Removed(text.to_string()),
            similar::ChangeTag::Insert => TextChange::Added(text.to_string()),
        };
        // Runs of one kind in one piece.
        match (out.last_mut(), piece) {
            (Some(TextChange::Same(a)), TextChange::Same(b))
            | (Some(TextChange::Removed(a)), TextChange::Removed(b))
            | (Some(TextChange::Added(a)), TextChange::Added(b)) => a.push_str(&b),
            (_, piece) => out.push(piece),
        }
    }
    out
}

/// What repairing a loaded project's spans did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Repair {
    /// Found at another place with the same text.
    pub moved: usize,
    /// Found only with other wording: now that wording, previous text kept, re-check flagged.
    pub changed: usize,
    /// Not found: kept without a span.
    pub orphaned: usize,
}

impl Repair {
    /// One line for the person, or none when nothing needed repair.
    pub fn message(&self) -> Option<String> {
        if *self == Repair::default() {
            return None;
        }
        Some(format!(
            "{} claims did not match the article text at their recorded place: {} found elsewhere with the same text, {} found with other wording (flagged for re-check), {} orphaned (kept without a place in the text)",
            self.moved + self.changed + self.orphaned,
            self.moved,
            self.changed,
            self.orphaned
        ))
    }
}

/// Makes every claim with a span satisfy `text == article[start..end]`: a claim whose span
/// does not show its text is looked for like a revised claim (the stored span as a hint).
pub fn repair(project: &mut Project) -> Repair {
    let text = &project.article.text;
    let chars = CharIndex::new(text);
    let broken: Vec<usize> = project
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.has_span()
                && chars
                    .bytes(c.start, c.end)
                    .is_none_or(|r| text[r] != c.text)
        })
        .map(|(i, _)| i)
        .collect();
    let mut repair = Repair::default();
    if broken.is_empty() {
        return repair;
    }
    let wanted: Vec<Wanted<'_>> = broken
        .iter()
        .map(|&i| {
            let c = &project.claims[i];
            let hint = chars
                .bytes(c.start.min(chars.len()), c.end.min(chars.len()))
                .unwrap_or(0..0);
            Wanted {
                text: &c.text,
                span: Some(hint),
                context_before: &c.context_before,
                context_after: &c.context_after,
            }
        })
        .collect();
    let places = anchor(None, text, &wanted);
    let text = text.clone();
    let bytes = CharIndex::new(&text);
    for (i, place) in broken.into_iter().zip(places) {
        let c = &mut project.claims[i];
        match place {
            Found::Same(r) => {
                place_claim(c, &text, &bytes, r);
                repair.moved += 1;
            }
            Found::Changed(r) => {
                let previous = std::mem::take(&mut c.text);
                place_claim(c, &text, &bytes, r);
                c.previous_text = Some(previous);
                c.revision = Some(Revision::Changed);
                c.recheck = true;
                repair.changed += 1;
            }
            Found::Lost => {
                orphan(c);
                repair.orphaned += 1;
            }
        }
    }
    repair
}

fn place_claim(c: &mut ProjectClaim, text: &str, chars: &CharIndex, r: Range<usize>) {
    c.text = text[r.clone()].to_string();
    c.start = chars.char_of(r.start);
    c.end = chars.char_of(r.end);
    // From the byte range directly: walking the text from its start for every claim would
    // make a revision quadratic in the article's length.
    let before_start = text[..r.start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(b, _)| b);
    let after_end = text[r.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(b, _)| r.end + b);
    c.context_before = text[before_start..r.start].to_string();
    c.context_after = text[r.end..after_end].to_string();
}

fn orphan(c: &mut ProjectClaim) {
    c.revision = Some(Revision::Orphaned);
    c.previous_text = Some(c.text.clone());
    c.start = 0;
    c.end = 0;
}

/// Character spans sorted by start, with the furthest end so far, so "does anything overlap
/// this span" is one binary search.
struct Spans {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<(usize, usize)>) -> Spans {
        spans.sort_unstable();
        let mut furthest = 0;
        let max_end = spans
            .iter()
            .map(|&(_, e)| {
                furthest = furthest.max(e);
                furthest
            })
            .collect();
        Spans {
            starts: spans.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.starts.partition_point(|&s| s < end.max(start + 1));
        before_end > 0 && self.max_end[before_end - 1] > start
    }
}

fn unique_id(id: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(id) {
        return id.to_string();
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .expect("some suffix is free")
}

/// Character offset → byte offset, for any order of queries.
struct CharIndex {
    bytes: Vec<u32>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let mut bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        bytes.push(text.len() as u32);
        CharIndex { bytes }
    }

    fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    fn bytes(&self, start: usize, end: usize) -> Option<Range<usize>> {
        (start <= end && end < self.bytes.len())
            .then(|| self.bytes[start] as usize..self.bytes[end] as usize)
    }

    /// The character at a byte offset on a character boundary.
    fn char_of(&self, byte: usize) -> usize {
        self.bytes
            .binary_search(&(byte as u32))
            .unwrap_or_else(|i| i)
    }
}

#[cfg(test)]
mod tests;
