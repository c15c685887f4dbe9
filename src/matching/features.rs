//! Pair features of (claim to match, library entry) for the re-ranker, and the `why`.

use super::Why;
use super::text::Analysis;
use crate::library::Entry;

/// Feature names, in vector order (documentation, and the trained-weights file).
pub const NAMES: [&str; 19] = [
    "bm25 / best bm25 of the query",
    "ln(1 + bm25)",
    "1 / (1 + rank)",
    "share of the entry's terms in the query",
    "share of the query's terms in the entry",
    "share of the entry's claim terms in the query",
    "share of the entry's headline terms in the query",
    "character 4-gram containment of the entry in the query",
    "character 4-gram Jaccard",
    "shared figures (up to 3) / 3",
    "entry has figures, none shared",
    "shared names (up to 3) / 3",
    "share of the entry's names in the query",
    "negation differs",
    "ln(entry terms / query terms)",
    "share of the entry's IDF mass in the query",
    "share of the query's IDF mass in the entry",
    "entry IDF share minus the best among candidates",
    "4-gram containment minus the best among candidates",
];

pub const N: usize = NAMES.len();

/// Retrieval facts about one candidate.
#[derive(Debug, Clone, Copy)]
pub struct Retrieval {
    pub bm25: f32,
    pub best_bm25: f32,
    pub rank: usize,
}

/// Features of one candidate; the last two compare it with the best candidate and are
/// filled in by [`relative`].
pub fn pair(
    query: &Analysis,
    claim: &Analysis,
    title: &Analysis,
    r: Retrieval,
    idf: &mut dyn FnMut(&str) -> f32,
) -> [f32; N] {
    let q_terms: rustc_hash::FxHashSet<&str> =
        query.terms.iter().map(|(t, _)| t.as_str()).collect();
    let share_in_query = |a: &Analysis| {
        if a.terms.is_empty() {
            return 0.0;
        }
        a.terms
            .iter()
            .filter(|(t, _)| q_terms.contains(t.as_str()))
            .count() as f32
            / a.terms.len() as f32
    };
    let mut entry_terms: Vec<&str> = claim.terms.iter().map(|(t, _)| t.as_str()).collect();
    for (t, _) in &title.terms {
        if !entry_terms.contains(&t.as_str()) {
            entry_terms.push(t);
        }
    }
    let shared_terms = entry_terms.iter().filter(|t| q_terms.contains(**t)).count() as f32;
    let n_entry = entry_terms.len().max(1) as f32;
    let n_query = q_terms.len().max(1) as f32;

    let shared_grams = super::text::shared_count(&claim.grams, &query.grams) as f32;
    let union = (claim.grams.len() + query.grams.len()) as f32 - shared_grams;

    let entry_figures = figures_of(claim, title);
    let shared_figures = entry_figures
        .iter()
        .filter(|f| query.figures.contains(f))
        .count();
    let entry_names = names_of(claim, title);
    let shared_names = entry_names
        .iter()
        .filter(|n| query.names.contains(n))
        .count();

    let idf_entry: f32 = entry_terms.iter().map(|t| idf(t)).sum();
    let idf_shared: f32 = entry_terms
        .iter()
        .filter(|t| q_terms.contains(**t))
        .map(|t| idf(t))
        .sum();
    let idf_query: f32 = query.terms.iter().map(|(t, _)| idf(t)).sum();
    let entry_idf_share = if idf_entry > 0.0 {
        idf_shared / idf_entry
    } else {
        0.0
    };
    [
        if r.best_bm25 > 0.0 {
            r.bm25 / r.best_bm25
        } else {
            0.0
        },
        r.bm25.max(0.0).ln_1p(),
        1.0 / (1.0 + r.rank as f32),
        shared_terms / n_entry,
        shared_terms / n_query,
        share_in_query(claim),
        share_in_query(title),
        shared_grams / claim.grams.len().max(1) as f32,
        if union > 0.0 {
            shared_grams / union
        } else {
            0.0
        },
        shared_figures.min(3) as f32 / 3.0,
        (!entry_figures.is_empty() && shared_figures == 0) as u8 as f32,
        shared_names.min(3) as f32 / 3.0,
        if entry_names.is_empty() {
            0.0
        } else {
            shared_names as f32 / entry_names.len() as f32
        },
        (query.negated != claim.negated) as u8 as f32,
        (n_entry / n_query).ln(),
        entry_idf_share,
        if idf_query > 0.0 {
            idf_shared / idf_query
        } else {
            0.0
        },
        entry_idf_share,
        shared_grams / claim.grams.len().max(1) as f32,
    ]
}

/// Turns the last two features into differences from the best candidate of the query.
pub fn relative(rows: &mut [[f32; N]]) {
    for i in [N - 2, N - 1] {
        let best = rows.iter().map(|r| r[i]).fold(f32::MIN, f32::max);
        for r in rows.iter_mut() {
            r[i] -= best;
        }
    }
}

fn figures_of<'a>(claim: &'a Analysis, title: &'a Analysis) -> Vec<&'a String> {
    let mut out: Vec<&String> = claim.figures.iter().collect();
    out.extend(title.figures.iter().filter(|f| !claim.figures.contains(f)));
    out
}

fn names_of<'a>(claim: &'a Analysis, title: &'a Analysis) -> Vec<&'a String> {
    let mut out: Vec<&String> = claim.names.iter().collect();
    out.extend(title.names.iter().filter(|n| !claim.names.contains(n)));
    out
}

/// Why the entry came up for this query, in words a checker reads at a glance.
pub fn why(
    query_text: &str,
    query: &Analysis,
    claim: &Analysis,
    title: &Analysis,
    entry: &Entry,
) -> Vec<Why> {
    let mut out = Vec::new();
    let figures: Vec<String> = figures_of(claim, title)
        .into_iter()
        .filter(|f| query.figures.contains(f))
        .cloned()
        .collect();
    if !figures.is_empty() {
        out.push(Why::Figures(figures));
    }
    let names: Vec<String> = names_of(claim, title)
        .into_iter()
        .filter(|n| query.names.contains(n))
        .cloned()
        .collect();
    if !entry.claimant.is_empty()
        && query_text
            .to_lowercase()
            .contains(&entry.claimant.to_lowercase())
    {
        out.push(Why::Claimant(entry.claimant.clone()));
    }
    if !names.is_empty() {
        out.push(Why::Names(names.clone()));
    }
    let mut words: Vec<String> = Vec::new();
    for (t, w) in claim.terms.iter().chain(&title.terms) {
        let lower = w.to_lowercase();
        let already = names.contains(&lower) || words.iter().any(|x| x.eq_ignore_ascii_case(w));
        if !already
            && query.terms.iter().any(|(q, _)| q == t)
            && !w.chars().any(|c| c.is_ascii_digit())
        {
            words.push(lower);
        }
    }
    words.truncate(8);
    if !words.is_empty() {
        out.push(Why::KeyWords(words));
    }
    if query.negated != claim.negated {
        out.push(Why::NegationDiffers);
    }
    out
}
