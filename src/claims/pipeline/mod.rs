//! Finding the claims of a whole article on every core.
//!
//! The article is cut into parts of whole blocks (no sentence crosses a block, see
//! [`segment::parts`]); each part is segmented and analysed on its own (`part.rs`), by
//! whichever thread is free. The little that depends on the whole text (claimants carried
//! from sentence to sentence, the numbering of repeated sentences, character offsets) is a
//! sequential merge (`merge.rs`) that takes each part as soon as the parts before it are
//! in, so it runs while later parts are still being found. Merged parts are handed on in
//! text order: a caller that writes them out never holds a large article's claims at once
//! ([`ClaimFinder::find_streamed`]). A test checks that any cut gives the same claims.

mod merge;
mod part;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

use super::{Claim, ClaimFinder, Progress};
use crate::segment::{self, Layout};
use merge::Merger;
use part::PartScratch;

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

impl ClaimFinder {
    pub(super) fn find_planned(
        &self,
        text: &str,
        plan: Plan,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Option<Vec<Claim>> {
        let mut claims = Vec::new();
        let finished = self.stream_planned(
            text,
            plan,
            &|part| part,
            &mut |mut part| {
                claims.append(&mut part);
                true
            },
            progress,
        );
        finished.then_some(claims)
    }

    /// Finds the claims part by part. Each thread takes the next part, merges whatever the
    /// parts found so far allow, and runs `render` on the parts it merged; the calling
    /// thread hands the rendered parts to `emit` in text order, between parts of its own
    /// and at the end. Returns false if `progress` or `emit` cancelled.
    pub(super) fn stream_planned<T: Send>(
        &self,
        text: &str,
        plan: Plan,
        render: &(dyn Fn(Vec<Claim>) -> T + Sync),
        emit: &mut dyn FnMut(T) -> bool,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> bool {
        let layout = Layout::of(text);
        let parts = segment::parts(text, layout, plan.part_bytes);
        let total = text.len();
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let cancelled = AtomicBool::new(false);
        let merger = Mutex::new(Merger::new(text));
        let rendered = Mutex::new(BTreeMap::new());
        let work = |after_part: &mut dyn FnMut(usize) -> bool| {
            let mut scratch = PartScratch::default();
            while !cancelled.load(Relaxed) {
                let k = next.fetch_add(1, Relaxed);
                let Some(part) = parts.get(k) else { break };
                let found = self.find_in_part(text, layout, part.clone(), &mut scratch);
                let merged = lock(&merger).offer(k, found);
                if !merged.is_empty() {
                    // Rendering is the slow half of writing out: here, on every thread.
                    let merged: Vec<_> = merged.into_iter().map(|(k, c)| (k, render(c))).collect();
                    lock(&rendered).extend(merged);
                }
                let done = done.fetch_add(part.len(), Relaxed) + part.len();
                if !after_part(done) {
                    cancelled.store(true, Relaxed);
                }
            }
        };
        if !progress(Progress { done: 0, total }) {
            return false;
        }
        let mut emitted = 0;
        std::thread::scope(|scope| {
            // A helper that cannot be started (thread limits) just leaves more to the others.
            let helpers: Vec<_> = (1..plan.threads.min(parts.len()))
                .filter_map(|_| {
                    std::thread::Builder::new()
                        .name("factdesk-claims".into())
                        .spawn_scoped(scope, || work(&mut |_| true))
                        .ok()
                })
                .collect();
            work(&mut |done| {
                take_in_order(&rendered, &mut emitted).all(&mut *emit)
                    && progress(Progress { done, total })
            });
            for h in helpers {
                h.join().expect("a claim-finding thread panicked");
            }
        });
        if cancelled.load(Relaxed) {
            return false;
        }
        if !take_in_order(&rendered, &mut emitted).all(&mut *emit) {
            return false;
        }
        debug_assert_eq!(lock(&merger).merged(), parts.len());
        debug_assert_eq!(emitted, parts.len());
        // A cancel that comes in at the very end is honoured too.
        progress(Progress { done: total, total })
    }
}

/// The rendered parts that follow the `emitted` ones without a gap, counted as emitted.
fn take_in_order<T>(
    rendered: &Mutex<BTreeMap<usize, T>>,
    emitted: &mut usize,
) -> std::vec::IntoIter<T> {
    let mut rendered = lock(rendered);
    let mut ready = Vec::new();
    while let Some(part) = rendered.remove(emitted) {
        ready.push(part);
        *emitted += 1;
    }
    ready.into_iter()
}

/// A lock that a panicking thread left behind is not used again: the panic reaches the
/// caller when the thread is joined.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().expect("a claim-finding thread panicked")
}
