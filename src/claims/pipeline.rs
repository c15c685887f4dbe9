//! Finding the claims of a whole article on every core.
//!
//! The article is cut into parts of whole blocks (no sentence crosses a block, see
//! [`segment::parts`]); each part is segmented and analysed on its own, by whichever thread
//! is free. A short sequential merge then does the little that depends on the whole text:
//! claimants carried over from a sentence in an earlier part, the numbering of repeated
//! sentences, and character offsets. A test checks that any cut gives the same claims.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

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
    /// Characters from the part's start to its end.
    chars: usize,
    claims: Vec<Claim>,
    /// The id hash of each claim, for numbering repeated sentences across the article.
    hashes: Vec<u32>,
    /// Claims among the part's first two sentences that may take a claimant named in an
    /// earlier part: (claim index, sentence index).
    open_claimants: Vec<(usize, usize)>,
    /// The part's last named claimant and its sentence index.
    last_claimant: Option<(String, usize)>,
}

/// A claimant is carried over to a "she said" sentence at most this many sentences later.
const CLAIMANT_REACH: usize = 2;

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
        let claims = merge(results.into_iter().map(|(_, r)| r).collect());
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
        for (n, range) in sentences.iter().enumerate() {
            let sentence = &text[range.clone()];
            let analysed = self.analyse_one(sentence, &mut scratch.signals);
            if let Some(who) = &analysed.claimant {
                out.last_claimant = Some((who.clone(), n));
            }
            let Some(listed) = analysed.listed else {
                continue;
            };
            let mut reasons = listed.reasons;
            let mut claimant = analysed.claimant;
            if listed.may_inherit_claimant {
                match &out.last_claimant {
                    Some((who, at)) if n - at <= CLAIMANT_REACH => {
                        attribute(&mut reasons, who);
                        claimant = Some(who.clone());
                    }
                    None if n < CLAIMANT_REACH => out.open_claimants.push((out.claims.len(), n)),
                    _ => {}
                }
            }
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
            // "She said …" or a quotation that runs on from the previous sentence: the
            // claimant is the one named just before.
            let continues_quote =
                signals.quote && sentence.starts_with(['“', '"']) && signals.attribution.is_none();
            let (kind, score) = kind_and_score(sentence, &signals, scored.score);
            Listed {
                kind,
                score,
                reasons: reasons(&signals, signals.claimant.as_deref(), scored.reasons),
                may_inherit_claimant: signals.claimant.is_none()
                    && (signals.claimant_is_pronoun || continues_quote),
            }
        });
        Analysed {
            claimant: signals.claimant,
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
    listed: Option<Listed>,
}

struct Listed {
    kind: ClaimKind,
    score: f32,
    reasons: Vec<Reason>,
    may_inherit_claimant: bool,
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

/// Joins the parts in text order: absolute offsets, claimants carried over from an earlier
/// part, and `-2`, `-3`, … on the ids of repeated sentences.
fn merge(parts: Vec<PartClaims>) -> Vec<Claim> {
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.claims.len()).sum());
    // The keys are already hashes of the claim text: hash them no further.
    let mut seen: HashMap<u32, u32, BuildHasherDefault<KeyIsHash>> = HashMap::default();
    let (mut chars, mut sentences) = (0usize, 0usize);
    let mut last_claimant: Option<(String, usize)> = None;
    for mut part in parts {
        for &(c, n) in &part.open_claimants {
            if let Some((who, at)) = &last_claimant
                && sentences + n - at <= CLAIMANT_REACH
            {
                let claim = &mut part.claims[c];
                attribute(&mut claim.reasons, who);
                claim.claimant = Some(who.clone());
            }
        }
        if let Some((who, at)) = part.last_claimant {
            last_claimant = Some((who, sentences + at));
        }
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
        chars += part.chars;
        sentences += part.sentences;
    }
    out
}

/// Adds an inherited claimant to reasons built without one: in place of the bare speech
/// verb, or after the figures and dates.
fn attribute(reasons: &mut Vec<Reason>, who: &str) {
    let entry = Reason::AttributedTo(who.to_string());
    if let Some(pos) = reasons
        .iter()
        .position(|r| matches!(r, Reason::Attribution(_)))
    {
        reasons[pos] = entry;
    } else {
        let pos = reasons
            .iter()
            .position(|r| !matches!(r, Reason::Figure(_) | Reason::Date(_)))
            .unwrap_or(reasons.len());
        reasons.insert(pos, entry);
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
