//! Finding claims again in a changed text, the way Hypothesis re-anchors annotations:
//! first the exact text where the diff says it went, then the exact text elsewhere, then a
//! fuzzy match of the text and its surroundings above a documented similarity.
//!
//! Both texts are cut into sentences and the two sentence lists are diffed (patience diff
//! over the normalised sentences, `similar`): a claim in a sentence the diff calls equal is
//! found at once, which is what most claims of a lightly edited article are. Only the claims
//! in changed regions are searched for, and only among the new sentences that are not
//! already accounted for, so the cost follows the size of the edit, not of the article.

use std::collections::HashMap;
use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices, get_diff_ratio};

use super::normal::{Mapped, normal_chars, normal_key, normalise};
use crate::segment;

/// A claim's text must be at least this similar to a new sentence for the sentence to count
/// as the claim, changed. Similarity is the share of words a word diff keeps (0..1: twice the
/// common words over both lengths; words are runs of letters and digits, case aside), so
/// "a 30-year low" → "a 31-year low" in a 20-word sentence is 0.95, a reworded sentence
/// ~0.7, and two unrelated sentences of one article 0.1–0.3.
pub const MIN_SIMILARITY: f32 = 0.6;
/// A less similar sentence still counts when it stands where the claim stood: its
/// surroundings (40 characters each side) agree with the claim's recorded context at least
/// [`MIN_CONTEXT_SIMILARITY`] and its text at least this much.
pub const MIN_SIMILARITY_IN_PLACE: f32 = 0.4;
pub const MIN_CONTEXT_SIMILARITY: f32 = 0.8;
/// A reworded sentence in the same changed region as the claim (the diff's hunk or the one
/// next to it) also counts when it keeps every figure of the claim (at least one: "$40
/// million", "6.3") and is at least this similar: figures are what make a claim checkable.
pub const MIN_SIMILARITY_SAME_FIGURES: f32 = 0.35;

/// How many candidate sentences (by shared words) get the exact similarity computed.
const CANDIDATES: usize = 4;

/// What one claim looks for.
pub struct Wanted<'a> {
    pub text: &'a str,
    /// Byte span in the old text, if it has one.
    pub span: Option<Range<usize>>,
    pub context_before: &'a str,
    pub context_after: &'a str,
}

/// Where a claim went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The same text (modulo whitespace and quotes), at these bytes of the new text.
    Same(Range<usize>),
    /// A changed wording: this new sentence.
    Changed(Range<usize>),
    Lost,
}

struct Sentences {
    ranges: Vec<Range<usize>>,
    /// Keys of the normalised sentences, for the diff.
    keys: Vec<u64>,
    /// Normalised text of the sentences a search may need (the new text's free ones).
    norms: Vec<String>,
}

impl Sentences {
    fn of(text: &str) -> Sentences {
        let ranges = segment::sentences(text);
        let keys = ranges
            .iter()
            .map(|r| normal_key(&text[r.clone()]))
            .collect();
        Sentences {
            ranges,
            keys,
            norms: Vec::new(),
        }
    }

    /// Indices of the sentences a byte span overlaps.
    fn overlapping(&self, span: &Range<usize>) -> Range<usize> {
        let first = self.ranges.partition_point(|r| r.end <= span.start);
        let last = self
            .ranges
            .partition_point(|r| r.start < span.end.max(span.start + 1));
        first..last.max(first)
    }
}

/// Finds every wanted claim in `new`. `old` is the text the spans refer to; `None` when the
/// spans are only hints into `new` itself (repairing a file whose spans are off).
pub fn anchor(old: Option<&str>, new: &str, wanted: &[Wanted<'_>]) -> Vec<Found> {
    let new_s = Sentences::of(new);
    // For each old sentence, its equal new sentence; for each new sentence, whether an
    // equal old one accounts for it; and each sentence's diff region, for locality.
    let (old_s, old_to_new, old_region, new_region, new_taken) = match old {
        Some(old) => {
            let old_s = Sentences::of(old);
            let ops = capture_diff_slices(Algorithm::Patience, &old_s.keys, &new_s.keys);
            let mut old_to_new = vec![None; old_s.ranges.len()];
            let mut old_region = vec![0; old_s.ranges.len()];
            let mut new_region = vec![0; new_s.ranges.len()];
            let mut new_taken = vec![false; new_s.ranges.len()];
            for (k, op) in ops.iter().enumerate() {
                let (o, n) = (op.old_range(), op.new_range());
                o.clone().for_each(|i| old_region[i] = k);
                n.clone().for_each(|j| new_region[j] = k);
                if let DiffOp::Equal { .. } = op {
                    for (i, j) in o.zip(n) {
                        // Equal keys; the texts are compared too, so a key collision can
                        // never pass a changed sentence off as unchanged.
                        let a = normal_chars(&old[old_s.ranges[i].clone()]);
                        if a.eq(normal_chars(&new[new_s.ranges[j].clone()])) {
                            old_to_new[i] = Some(j);
                            new_taken[j] = true;
                        }
                    }
                }
            }
            (Some(old_s), old_to_new, old_region, new_region, new_taken)
        }
        None => (
            None,
            Vec::new(),
            Vec::new(),
            (0..new_s.ranges.len()).collect(),
            vec![false; new_s.ranges.len()],
        ),
    };

    let mut new_s = new_s;
    new_s.norms = new_s
        .ranges
        .iter()
        .zip(&new_taken)
        .map(|(r, &taken)| {
            if taken {
                String::new()
            } else {
                normalise(&new[r.clone()])
            }
        })
        .collect();
    let new_s = new_s;
    let mut found = vec![Found::Lost; wanted.len()];
    // Where in the new text each claim is expected (a diff region or sentence index).
    let mut region: Vec<Option<usize>> = vec![None; wanted.len()];
    let mut pending = Vec::new();
    for (w_i, w) in wanted.iter().enumerate() {
        let Some(span) = &w.span else {
            pending.push(w_i);
            continue;
        };
        match &old_s {
            Some(old_s) => {
                let covered = old_s.overlapping(span);
                if covered.is_empty() {
                    pending.push(w_i);
                    continue;
                }
                region[w_i] = Some(old_region[covered.start]);
                let mapped: Option<Vec<usize>> = covered.clone().map(|i| old_to_new[i]).collect();
                let consecutive = mapped
                    .as_ref()
                    .is_some_and(|m| m.windows(2).all(|p| p[1] == p[0] + 1));
                if let (Some(m), true) = (mapped, consecutive) {
                    let (first, last) = (m[0], m[m.len() - 1]);
                    // A whole sentence: found with no search at all.
                    if covered.len() == 1 && *span == old_s.ranges[covered.start] {
                        found[w_i] = Found::Same(new_s.ranges[first].clone());
                        continue;
                    }
                    let within = new_s.ranges[first].start..new_s.ranges[last].end;
                    if let Some(r) = search(new, within, w.text) {
                        found[w_i] = Found::Same(r);
                        continue;
                    }
                }
                pending.push(w_i);
            }
            None => {
                // Repair: the stored span is a hint into the same text.
                let covered = new_s.overlapping(span);
                region[w_i] = Some(covered.start.min(new_s.ranges.len().saturating_sub(1)));
                pending.push(w_i);
            }
        }
    }

    // Pass 2: the exact text elsewhere (a moved paragraph), nearest the expected place.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, n) in new_s.norms.iter().enumerate() {
        if !new_taken[j] {
            by_text.entry(n.as_str()).or_default().push(j);
        }
    }
    let mut whole_text: Option<Mapped> = None;
    let mut still = Vec::new();
    for w_i in pending {
        let w = &wanted[w_i];
        let norm = normalise(w.text);
        if norm.is_empty() {
            continue;
        }
        if let Some(js) = by_text.get(norm.as_str()) {
            let near = region[w_i].unwrap_or(0);
            let j = *js
                .iter()
                .min_by_key(|&&j| new_region[j].abs_diff(near))
                .expect("non-empty");
            found[w_i] = Found::Same(new_s.ranges[j].clone());
            continue;
        }
        // A claim that is not one whole sentence (a selection made by hand) may sit
        // anywhere in the text: search it all (rare, so the full scan is affordable).
        let sentence_claim = w.span.as_ref().zip(old_s.as_ref()).is_some_and(|(s, o)| {
            o.ranges
                .binary_search_by_key(&s.start, |r| r.start)
                .is_ok_and(|i| o.ranges[i] == *s)
        });
        // The text may straddle sentences the new text cuts differently (a re-wrapped line):
        // look in the new text of the claim's diff region and its neighbours.
        if let Some(k) = region[w_i].filter(|_| old.is_some())
            && let Some(within) = region_span(&new_s, &new_region, k)
            && let Some(r) = search(new, within, w.text)
        {
            found[w_i] = Found::Same(r);
            continue;
        }
        if !sentence_claim || old.is_none() {
            let mapped = whole_text.get_or_insert_with(|| Mapped::new(new));
            let hits: Vec<usize> =
                memchr::memmem::find_iter(mapped.text.as_bytes(), norm.as_bytes()).collect();
            if let Some(&at) = hits.iter().min_by_key(|&&at| {
                let hint = w.span.as_ref().map_or(0, |s| s.start);
                (mapped.original(new, at..at + norm.len()).start).abs_diff(hint)
            }) {
                found[w_i] = Found::Same(mapped.original(new, at..at + norm.len()));
                continue;
            }
        }
        still.push(w_i);
    }

    // Pass 3: fuzzy, among the new sentences nothing else accounts for.
    let free: Vec<usize> = (0..new_s.ranges.len()).filter(|&j| !new_taken[j]).collect();
    let mut index: HashMap<String, Vec<u32>> = HashMap::new();
    for (slot, &j) in free.iter().enumerate() {
        for word in words(&new_s.norms[j]) {
            let list = index.entry(word).or_default();
            if list.last() != Some(&(slot as u32)) {
                list.push(slot as u32);
            }
        }
    }
    let mut proposals: Vec<(f32, usize, usize)> = Vec::new();
    let mut shared = vec![0u32; free.len()];
    for &w_i in &still {
        let w = &wanted[w_i];
        let norm = normalise(w.text);
        let mut touched = Vec::new();
        let mut seen_words = std::collections::HashSet::new();
        for word in words(&norm) {
            if !seen_words.insert(word.clone()) {
                continue;
            }
            if let Some(list) = index.get(&word) {
                for &slot in list {
                    if shared[slot as usize] == 0 {
                        touched.push(slot as usize);
                    }
                    shared[slot as usize] += 1;
                }
            }
        }
        let near = region[w_i];
        let mut ranked: Vec<(u32, usize, usize)> = touched
            .iter()
            .map(|&slot| {
                let distance = near.map_or(usize::MAX, |r| new_region[free[slot]].abs_diff(r));
                (shared[slot], distance, slot)
            })
            .collect();
        for &slot in &touched {
            shared[slot] = 0;
        }
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let want_context = format!(
            "{} {}",
            normalise(w.context_before),
            normalise(w.context_after)
        );
        let claim_figures = figures(&norm);
        for &(_, distance, slot) in ranked.iter().take(CANDIDATES) {
            let j = free[slot];
            let text_sim = similarity(&norm, &new_s.norms[j]);
            let accept = text_sim >= MIN_SIMILARITY
                || (text_sim >= MIN_SIMILARITY_SAME_FIGURES
                    && distance <= 1
                    && !claim_figures.is_empty()
                    && {
                        let there = figures(&new_s.norms[j]);
                        claim_figures.iter().all(|f| there.contains(f))
                    })
                || (text_sim >= MIN_SIMILARITY_IN_PLACE && {
                    let r = &new_s.ranges[j];
                    let around = format!(
                        "{} {}",
                        normalise(tail(&new[..r.start], 40)),
                        normalise(head(&new[r.end..], 40))
                    );
                    similarity(&want_context, &around) >= MIN_CONTEXT_SIMILARITY
                });
            if accept {
                proposals.push((text_sim, w_i, j));
            }
        }
    }
    // Best pairs first, each claim and each sentence used once.
    proposals.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut used = vec![false; new_s.ranges.len()];
    for (_, w_i, j) in proposals {
        if found[w_i] == Found::Lost && !used[j] {
            used[j] = true;
            found[w_i] = Found::Changed(new_s.ranges[j].clone());
        }
    }
    found
}

/// The new text of diff region `k` and one sentence either side of it (sentences are in
/// order, and so are regions).
fn region_span(new_s: &Sentences, new_region: &[usize], k: usize) -> Option<Range<usize>> {
    let first = new_region.partition_point(|&r| r < k).saturating_sub(1);
    let last = (new_region.partition_point(|&r| r <= k) + 1).min(new_s.ranges.len());
    (first < last).then(|| new_s.ranges[first].start..new_s.ranges[last - 1].end)
}

/// The normalised claim inside `within` (bytes of `text`), mapped back to original bytes.
fn search(text: &str, within: Range<usize>, claim: &str) -> Option<Range<usize>> {
    let needle = normalise(claim);
    if needle.is_empty() {
        return None;
    }
    let part = &text[within.clone()];
    let mapped = Mapped::new(part);
    let at = mapped.text.find(&needle)?;
    let r = mapped.original(part, at..at + needle.len());
    Some(within.start + r.start..within.start + r.end)
}

/// The words of a text that contain a digit ("40", "2,400", "6.3%"), digits and
/// separators only, so "$40" and "40" agree.
fn figures(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_ascii_digit())
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                .collect()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Lowercase words of two or more characters, for finding candidate sentences.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_lowercase)
}

/// The share of words a word diff keeps (0..1), case aside; see [`MIN_SIMILARITY`].
pub fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<String> = all_words(a).collect();
    let b: Vec<String> = all_words(b).collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    get_diff_ratio(&ops, a.len(), b.len())
}

fn all_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn tail(text: &str, chars: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(b, _)| b);
    &text[start..]
}

fn head(text: &str, chars: usize) -> &str {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b);
    &text[..end]
}
