//! Joining the parts in text order, as soon as each is ready: absolute offsets, claimants
//! carried from sentence to sentence, and `-2`, `-3`, … on the ids of repeated sentences.
//!
//! A part's claims are final once it is merged: the [`Tracker`] settles an earlier
//! sentence only within its paragraph, and every part starts a paragraph. So a merged part
//! can be written out and dropped while later parts are still being found.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::super::attribution::{self, Tracker};
use super::super::{Claim, Reason};
use super::part::PartClaims;

/// The merge of the parts handed in so far.
pub(super) struct Merger<'t> {
    text: &'t str,
    /// The index of the next part to merge; parts found early wait in `waiting`.
    next: usize,
    waiting: BTreeMap<usize, PartClaims>,
    /// How often each claim text's hash was seen. The keys are hashes already.
    seen: HashMap<u32, u32, BuildHasherDefault<KeyIsHash>>,
    /// Claims, characters, sentences and paragraphs in the merged parts.
    claims: usize,
    chars: usize,
    sentences: usize,
    paragraphs: usize,
    tracker: Tracker<'t>,
}

impl<'t> Merger<'t> {
    pub fn new(text: &'t str) -> Self {
        Merger {
            text,
            next: 0,
            waiting: BTreeMap::new(),
            seen: HashMap::default(),
            claims: 0,
            chars: 0,
            sentences: 0,
            paragraphs: 0,
            tracker: Tracker::new(),
        }
    }

    /// Takes part `k` and returns the parts that are now final, in text order, with
    /// their index: none while an earlier part is missing.
    pub fn offer(&mut self, k: usize, part: PartClaims) -> Vec<(usize, Vec<Claim>)> {
        self.waiting.insert(k, part);
        let mut ready = Vec::new();
        while let Some(part) = self.waiting.remove(&self.next) {
            ready.push((self.next, self.merge(part)));
            self.next += 1;
        }
        ready
    }

    /// Parts merged so far.
    pub fn merged(&self) -> usize {
        self.next
    }

    fn merge(&mut self, mut part: PartClaims) -> Vec<Claim> {
        for (claim, hash) in part.claims.iter_mut().zip(&part.hashes) {
            claim.start += self.chars;
            claim.end += self.chars;
            let count = self.seen.entry(*hash).or_insert(0);
            *count += 1;
            if *count > 1 {
                push_repeat_suffix(&mut claim.id, *count);
            }
        }
        // The tracker names sentences by their claim's index in the whole article.
        let base = self.claims;
        let text = self.text;
        let claims = &mut part.claims;
        for event in &part.speakers {
            let claim = event.claim.map(|c| base + c);
            let who = self.tracker.step(
                attribution::Sentence {
                    index: self.sentences + event.sentence,
                    paragraph: self.paragraphs + event.paragraph,
                    text: &text[event.range.clone()],
                    local: &event.local,
                },
                claim.unwrap_or(usize::MAX),
                &mut |earlier, who| {
                    // Only this part's sentences can still be settled (see the module doc).
                    debug_assert!(earlier == usize::MAX || earlier >= base);
                    if let Some(c) = earlier.checked_sub(base).and_then(|c| claims.get_mut(c)) {
                        set_claimant(c, Some(who));
                    }
                },
            );
            if let Some(c) = event.claim {
                set_claimant(&mut claims[c], who);
            }
        }
        self.claims += part.claims.len();
        self.chars += part.chars;
        self.sentences += part.sentences;
        self.paragraphs += part.paragraphs;
        part.claims
    }
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

#[cfg(test)]
mod tests {
    use super::super::part::base_id;
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
