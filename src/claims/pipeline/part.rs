//! One part of an article, segmented and analysed on its own (by any thread).

use std::ops::Range;

use super::super::attribution::Local;
use super::super::signals::{self, Scratch};
use super::super::{
    Claim, ClaimFinder, ClaimKind, Reason, fnv1a_each, is_listed, kind_and_score, reasons,
};
use crate::segment::{self, Layout};
use crate::spans::count_chars;

/// One part's claims, with offsets relative to the part; [`merge`] makes them absolute.
#[derive(Default)]
pub(super) struct PartClaims {
    /// Sentences in the part, listed or not: the distance to a carried-over claimant.
    pub sentences: usize,
    /// Paragraphs the part's sentences start (a part always starts one).
    pub paragraphs: usize,
    /// Characters from the part's start to its end.
    pub chars: usize,
    pub claims: Vec<Claim>,
    /// The id hash of each claim, for numbering repeated sentences across the article.
    pub hashes: Vec<u32>,
    /// The sentences with something for the attribution tracker, in order.
    pub speakers: Vec<SpeakerEvent>,
}

/// A sentence that names a speaker, points to one or quotes: what the merge's
/// [`Tracker`] needs of it, with part-relative indices.
pub(super) struct SpeakerEvent {
    pub sentence: usize,
    pub paragraph: usize,
    /// Byte range of the sentence in the article.
    pub range: Range<usize>,
    /// The part's claim for the sentence, if it is listed.
    pub claim: Option<usize>,
    pub local: Local,
}

impl ClaimFinder {
    /// Segments and analyses one part.
    pub(super) fn find_in_part(
        &self,
        text: &str,
        layout: Layout,
        part: Range<usize>,
        scratch: &mut PartScratch,
    ) -> PartClaims {
        let sentences = &mut scratch.sentences;
        sentences.clear();
        segment::sentences_in(text, layout, part.clone(), sentences);
        let mut out = PartClaims {
            sentences: sentences.len(),
            claims: Vec::with_capacity(sentences.len()),
            ..PartClaims::default()
        };
        let (mut byte_pos, mut char_pos) = (part.start, 0usize);
        let mut previous_end = part.start;
        for (n, range) in sentences.iter().enumerate() {
            let sentence = &text[range.clone()];
            // A line break before the sentence starts a paragraph (so does a part's start,
            // which always follows one).
            if n == 0
                || memchr::memchr(b'\n', &text.as_bytes()[previous_end..range.start]).is_some()
            {
                out.paragraphs += 1;
            }
            previous_end = range.end;
            let analysed = self.analyse_one(sentence, &mut scratch.signals);
            if !analysed.speaker.is_empty() {
                out.speakers.push(SpeakerEvent {
                    sentence: n,
                    paragraph: out.paragraphs,
                    range: range.clone(),
                    claim: analysed.listed.is_some().then_some(out.claims.len()),
                    local: analysed.speaker,
                });
            }
            let Some(listed) = analysed.listed else {
                continue;
            };
            let reasons = listed.reasons;
            let claimant = analysed.claimant;
            char_pos += count_chars(&text[byte_pos..range.start]);
            let chars = count_chars(sentence);
            byte_pos = range.end;
            out.claims.push(Claim {
                id: String::new(),
                text: sentence.to_string(),
                start: char_pos,
                end: char_pos + chars,
                kind: listed.kind,
                score: listed.score,
                reasons,
                claimant,
            });
            char_pos += chars;
        }
        out.chars = char_pos + count_chars(&text[byte_pos..part.end]);
        // Ids last, all together (see `fnv1a_each`).
        let mut hashes = Vec::with_capacity(out.claims.len());
        fnv1a_each(out.claims.iter().map(|c| c.text.as_str()), &mut hashes);
        for (claim, hash) in out.claims.iter_mut().zip(&hashes) {
            claim.id = base_id(*hash as u32);
        }
        out.hashes = hashes.into_iter().map(|h| h as u32).collect();
        out
    }

    /// Everything about one sentence that does not depend on its neighbours.
    fn analyse_one(&self, sentence: &str, scratch: &mut Scratch) -> Analysed {
        let signals = signals::analyse_with(sentence, scratch);
        // The score is worked out at most once: for the listing decision when the rules
        // doubt the sentence, or for the claim.
        let mut scored = None;
        let threshold = self.scorer.listing_threshold();
        let listed = is_listed(sentence, &signals, threshold, || {
            scored.insert(self.scorer.score(sentence, &signals)).score
        });
        let listed = listed.then(|| {
            let scored = scored.unwrap_or_else(|| self.scorer.score(sentence, &signals));
            let (kind, score) = kind_and_score(sentence, &signals, scored.score);
            Listed {
                kind,
                score,
                reasons: reasons(&signals, signals.claimant.as_deref(), scored.reasons),
            }
        });
        Analysed {
            claimant: signals.claimant,
            speaker: signals.speaker,
            listed,
        }
    }
}

/// Buffers a thread reuses from part to part.
#[derive(Default)]
pub(super) struct PartScratch {
    sentences: Vec<Range<usize>>,
    signals: Scratch,
}

/// One sentence, analysed: its own claimant (for the sentences after it) and, when it is
/// listed, the claim's parts.
struct Analysed {
    claimant: Option<String>,
    speaker: Local,
    listed: Option<Listed>,
}

struct Listed {
    kind: ClaimKind,
    score: f32,
    reasons: Vec<Reason>,
}

/// "c" and eight hex digits, with room for a "-2" suffix added in the merge.
pub(super) fn base_id(hash: u32) -> String {
    // Written by hand: the formatting machinery cost more than the rest of the id.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(16);
    id.push('c');
    for shift in (0..8).rev() {
        id.push(char::from(HEX[(hash >> (4 * shift)) as usize & 0xf]));
    }
    id
}
