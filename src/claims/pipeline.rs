//! Finding the claims of a whole article on every core.
//!
//! The article is cut into parts of whole blocks (no sentence crosses a block, see
//! [`segment::parts`]); each part is segmented and analysed on its own, by whichever thread
//! is free. A short sequential merge then does the little that depends on the whole text:
//! claimants carried from sentence to sentence (by the attribution [`Tracker`], over the
//! few sentences that name or need a speaker), the numbering of repeated sentences, and
//! character offsets. A test checks that any cut gives the same claims.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

use super::attribution::{self, Local, Tracker};
use super::signals::{self, Scratch};
use super::{
    Claim, ClaimFinder, ClaimKind, Progress, Reason, fnv1a_each, is_listed, kind_and_score, reasons,
};
use crate::segment::{self, Layout};
use crate::spans::count_chars;

/// How to cut and share the work.
#[derive(Debug, Clone, Copy)]
pub(super) struct Plan {
    /// Bytes of article per part: large enough that per-part costs are noise, small enough
    /// that the cores share the work evenly and progress moves smoothly.
    pub part_bytes: usize,
    /// Threads, including the caller's.
    pub threads: usize,
}

impl Plan {
    /// Below this size a second thread costs about what it saves.
    const PARALLEL_MIN_BYTES: usize = 128 * 1024;

    pub fn for_text(text: &str) -> Plan {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Plan {
            part_bytes: 32 * 1024,
            threads: if text.len() < Self::PARALLEL_MIN_BYTES {
                1
            } else {
                cores.min(8)
            },
        }
    }
}

/// One part's claims, with offsets relative to the part; [`merge`] makes them absolute.
#[derive(Default)]
struct PartClaims {
    /// Sentences in the part, listed or not: the distance to a carried-over claimant.
    sentences: usize,
    /// Paragraphs the part's sentences start (a part always starts one).
    paragraphs: usize,
    /// Characters from the part's start to its end.
    chars: usize,
    claims: Vec<Claim>,
    /// The id hash of each claim, for numbering repeated sentences across the article.
    hashes: Vec<u32>,
    /// The sentences with something for the attribution tracker, in order.
    speakers: Vec<SpeakerEvent>,
}

/// A sentence that names a speaker, points to one or quotes: what the merge's
/// [`Tracker`] needs of it, with part-relative indices.
struct SpeakerEvent {
    sentence: usize,
    paragraph: usize,
    /// Byte range of the sentence in the article.
    range: Range<usize>,
    /// The part's claim for the sentence, if it is listed.
    claim: Option<usize>,
    local: Local,
}

impl ClaimFinder {
    pub(super) fn find_planned(
        &self,
        text: &str,
        plan: Plan,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Option<Vec<Claim>> {
        let layout = Layout::of(text);
        let parts = segment::parts(text, layout, plan.part_bytes);
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let cancelled = AtomicBool::new(false);
        // Each thread takes the next part until none is left.
        let work = |report: &mut dyn FnMut(usize) -> bool| {
            let mut scratch = PartScratch::default();
            let mut out = Vec::new();
            while !cancelled.load(Relaxed) {
                let k = next.fetch_add(1, Relaxed);
                let Some(part) = parts.get(k) else { break };
                out.push((
                    k,
                    self.find_in_part(text, layout, part.clone(), &mut scratch),
                ));
                let done = done.fetch_add(part.len(), Relaxed) + part.len();
                if !report(done) {
                    cancelled.store(true, Relaxed);
                }
            }
            out
        };
        let mut caller_report = |done| {
            progress(Progress {
                done,
                total: text.len(),
            })
        };
        if !caller_report(0) {
            return None;
        }
        let mut results = std::thread::scope(|scope| {
            // A helper that cannot be started (thread limits) just leaves more to the others.
            let helpers: Vec<_> = (1..plan.threads.min(parts.len()))
                .filter_map(|_| {
                    std::thread::Builder::new()
                        .name("factdesk-claims".into())
                        .spawn_scoped(scope, || work(&mut |_| true))
                        .ok()
                })
                .collect();
            let mut results = work(&mut caller_report);
            for h in helpers {
                results.extend(h.join().expect("a claim-finding thread panicked"));
            }
            results
        });
        if cancelled.load(Relaxed) {
            return None;
        }
        results.sort_unstable_by_key(|(k, _)| *k);
        let claims = merge(text, results.into_iter().map(|(_, r)| r).collect());
        // A cancel that comes in during the merge is honoured too.
        progress(Progress {
            done: text.len(),
            total: text.len(),
        })
        .then_some(claims)
    }

    /// Segments and analyses one part.
    fn find_in_part(
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
struct PartScratch {
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
fn base_id(hash: u32) -> String {
    // Written by hand: the formatting machinery cost more than the rest of the id.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(16);
    id.push('c');
    for shift in (0..8).rev() {
        id.push(char::from(HEX[(hash >> (4 * shift)) as usize & 0xf]));
    }
    id
}

/// Appends `-` and the decimal `n`.
fn push_repeat_suffix(id: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    id.push('-');
    id.extend(digits[k..].iter().map(|&d| char::from(d)));
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct KeyIsHash(u64);

impl Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Spread over the high bits too, which the map's control bytes use.
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Joins the parts in text order: absolute offsets, claimants carried from sentence to
/// sentence, and `-2`, `-3`, … on the ids of repeated sentences.
fn merge(text: &str, parts: Vec<PartClaims>) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::with_capacity(parts.iter().map(|p| p.claims.len()).sum());
    // The keys are already hashes of the claim text: hash them no further.
    let mut seen: HashMap<u32, u32, BuildHasherDefault<KeyIsHash>> = HashMap::default();
    let (mut chars, mut sentences, mut paragraphs) = (0usize, 0usize, 0usize);
    let mut tracker = Tracker::new();
    let mut settled = Vec::new();
    for mut part in parts {
        let base = out.len();
        for (claim, hash) in part.claims.iter_mut().zip(&part.hashes) {
            claim.start += chars;
            claim.end += chars;
            let count = seen.entry(*hash).or_insert(0);
            *count += 1;
            if *count > 1 {
                push_repeat_suffix(&mut claim.id, *count);
            }
        }
        out.append(&mut part.claims);
        for event in &part.speakers {
            let claim = event.claim.map(|c| base + c);
            let who = tracker.step(
                attribution::Sentence {
                    index: sentences + event.sentence,
                    paragraph: paragraphs + event.paragraph,
                    text: &text[event.range.clone()],
                    local: &event.local,
                },
                claim.unwrap_or(usize::MAX),
                &mut |earlier, who| settled.push((earlier, who)),
            );
            for (earlier, who) in settled.drain(..) {
                if let Some(c) = out.get_mut(earlier) {
                    set_claimant(c, Some(who));
                }
            }
            if let Some(c) = claim {
                set_claimant(&mut out[c], who);
            }
        }
        chars += part.chars;
        sentences += part.sentences;
        paragraphs += part.paragraphs;
    }
    out
}

/// Gives a claim the claimant the tracker settled on, and says so in its reasons.
fn set_claimant(claim: &mut Claim, who: Option<&str>) {
    if claim.claimant.as_deref() == who {
        return;
    }
    match who {
        Some(who) => {
            attribution::set_reason(&mut claim.reasons, who);
            claim.claimant = Some(who.to_string());
        }
        None => {
            claim
                .reasons
                .retain(|r| !matches!(r, Reason::AttributedTo(_)));
            claim.claimant = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_written_as_formatting_would() {
        for hash in [0, 1, 0xdead_beef, u32::MAX, 0x0a0b_0c0d] {
            assert_eq!(base_id(hash), format!("c{hash:08x}"));
            for n in [2, 9, 10, 11, 100, 12_345, u32::MAX] {
                let mut id = base_id(hash);
                push_repeat_suffix(&mut id, n);
                assert_eq!(id, format!("c{hash:08x}-{n}"));
            }
        }
    }
}
