//! Three-way merge of two people's work on one project, by claim id and field by field, so
//! desks can share projects in git (`factdesk merge %O %A %B` as a merge driver).
//!
//! For each field, a side that left the base value unchanged takes the other side's value.
//! When both changed it to different values, ours is kept in place and a [`Conflict`] with
//! both values is recorded (on the claim, or on the project for settings and the scale)
//! until someone resolves it ([`super::edit::Edit::ResolveConflict`]). Sources merge as a set
//! by URL (an addition on either side stays, a removal on one side while the other left it
//! is a removal). Claims added on either side are kept; a claim one side removed stays
//! removed unless the other side worked on it (nothing is lost). Both sides must be built
//! from the same version of the article: otherwise revise them first.

pub mod fields;

use std::collections::{HashMap, HashSet};

use super::{Conflict, Project, ProjectClaim, Source};
use fields::{
    CLAIM_FIELDS, SCALE_FIELD, SETTINGS_FIELDS, claim_field, project_field, set_claim_field,
    set_project_field, source_field,
};

/// Which input a merge error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("the two sides are projects of different articles (“{ours}” and “{theirs}”)")]
    DifferentArticles { ours: String, theirs: String },
    #[error(
        "the two sides were built from different versions of the article (SHA-256 {ours} and {theirs}); revise both to the same version first (factdesk revise PROJECT ARTICLE)"
    )]
    DifferentVersions { ours: String, theirs: String },
}

/// A merged project and how many conflicts it records.
#[derive(Debug, Clone)]
pub struct Merged {
    pub project: Project,
    pub conflicts: usize,
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Result<Merged, MergeError> {
    merge_from(Some(base), ours, theirs)
}

/// Merges two versions whose common starting point is not known (work restored from a
/// recovery file after the file on disk moved on): every field they hold differently is a
/// conflict, sources are united, and claims either side has are kept. Nothing is picked
/// blindly.
pub fn merge_without_base(ours: &Project, theirs: &Project) -> Result<Merged, MergeError> {
    merge_from(None, ours, theirs)
}

fn merge_from(
    base: Option<&Project>,
    ours: &Project,
    theirs: &Project,
) -> Result<Merged, MergeError> {
    check_same_article(ours, theirs)?;
    let mut out = ours.clone();
    let mut conflicts = 0;

    // Project-level fields.
    for field in SETTINGS_FIELDS {
        let get = |p: &Project| project_field(p, field).expect("known field");
        match three_way(base.map(get).as_deref(), &get(ours), &get(theirs)) {
            Pick::Value(v) => set_project_field(&mut out, field, &v).expect("known"),
            Pick::Conflict => {
                conflicts += 1;
                record(&mut out.conflicts, field, get(ours), get(theirs));
            }
        }
    }
    // The scale as a whole: one side's change is taken (its claims' verdicts were mapped by
    // that side, and merge below as any verdict change); two different changes conflict.
    let base_scale = base.map(|b| &b.scale);
    if Some(&ours.scale) == base_scale {
        out.scale = theirs.scale.clone();
    } else if Some(&theirs.scale) != base_scale && theirs.scale != ours.scale {
        conflicts += 1;
        record(
            &mut out.conflicts,
            SCALE_FIELD,
            project_field(ours, SCALE_FIELD).expect("known"),
            project_field(theirs, SCALE_FIELD).expect("known"),
        );
    }
    keep_conflicts(&mut out.conflicts, &theirs.conflicts);
    out.created = base
        .map_or(ours.created, |b| b.created)
        .min(ours.created)
        .min(theirs.created);
    out.updated = ours.updated.max(theirs.updated);

    // Claims by id: ours' order, then what only theirs has, in text order.
    let base_by_id: HashMap<&str, &ProjectClaim> = base
        .map_or(&[][..], |b| &b.claims)
        .iter()
        .map(|c| (c.id.as_str(), c))
        .collect();
    let theirs_by_id: HashMap<&str, &ProjectClaim> =
        theirs.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let ours_ids: HashSet<&str> = ours.claims.iter().map(|c| c.id.as_str()).collect();
    let mut claims = Vec::with_capacity(ours.claims.len() + 8);
    for o in &ours.claims {
        let b = base_by_id.get(o.id.as_str()).copied();
        match (b, theirs_by_id.get(o.id.as_str()).copied()) {
            (_, Some(t)) => {
                let (c, n) = merge_claim(b, o, t);
                conflicts += n;
                claims.push(c);
            }
            // Theirs removed it: keep it only if ours worked on it since.
            (Some(b), None) if same_work(b, o) => {}
            (_, None) => claims.push(o.clone()),
        }
    }
    for t in &theirs.claims {
        if ours_ids.contains(t.id.as_str()) {
            continue;
        }
        match base_by_id.get(t.id.as_str()) {
            Some(b) if same_work(b, t) => {} // ours removed it, theirs did not touch it
            _ => claims.push(t.clone()),
        }
    }
    claims.sort_by_key(|c| (c.start, c.end));
    out.claims = claims;
    Ok(Merged {
        project: out,
        conflicts,
    })
}

fn check_same_article(ours: &Project, theirs: &Project) -> Result<(), MergeError> {
    if ours.article.sha256 == theirs.article.sha256 {
        return Ok(());
    }
    let ids: HashSet<&str> = ours.claims.iter().map(|c| c.id.as_str()).collect();
    let shared = theirs
        .claims
        .iter()
        .filter(|c| ids.contains(c.id.as_str()))
        .count();
    if ours.article.title != theirs.article.title && shared == 0 {
        return Err(MergeError::DifferentArticles {
            ours: ours.article.title.clone(),
            theirs: theirs.article.title.clone(),
        });
    }
    Err(MergeError::DifferentVersions {
        ours: short(&ours.article.sha256),
        theirs: short(&theirs.article.sha256),
    })
}

fn short(sha: &str) -> String {
    sha.chars().take(12).collect()
}

/// Did a side leave the reviewer's work on a claim as it was?
fn same_work(a: &ProjectClaim, b: &ProjectClaim) -> bool {
    a.verdict == b.verdict
        && a.claimant == b.claimant
        && a.note == b.note
        && a.sources == b.sources
        && a.conflicts == b.conflicts
}

enum Pick {
    Value(String),
    Conflict,
}

/// One field's merge; `base` is `None` when there is no common value (added on both sides,
/// or no known starting point): then only equal values agree.
fn three_way(base: Option<&str>, ours: &str, theirs: &str) -> Pick {
    if ours == theirs || Some(theirs) == base {
        Pick::Value(ours.to_string())
    } else if Some(ours) == base {
        Pick::Value(theirs.to_string())
    } else {
        Pick::Conflict
    }
}

/// Records a conflict; an unsettled one already on the field passes its values on.
fn record(list: &mut Vec<Conflict>, field: &str, ours: String, theirs: String) {
    let mut conflict = Conflict {
        field: field.to_string(),
        ours,
        theirs,
        earlier: Vec::new(),
    };
    if let Some(at) = list.iter().position(|c| c.field == field) {
        conflict.absorb(&list.remove(at));
    }
    list.push(conflict);
}

/// Keeps the other side's unsettled conflicts; on a field both have one, both sets of values.
fn keep_conflicts(list: &mut Vec<Conflict>, theirs: &[Conflict]) {
    for c in theirs {
        match list.iter_mut().find(|o| o.field == c.field) {
            Some(o) => o.absorb(c),
            None => list.push(c.clone()),
        }
    }
}

/// One claim both sides have; `base` is `None` when both added it.
fn merge_claim(
    base: Option<&ProjectClaim>,
    ours: &ProjectClaim,
    theirs: &ProjectClaim,
) -> (ProjectClaim, usize) {
    let mut out = ours.clone();
    let mut conflicts = 0;
    for field in CLAIM_FIELDS {
        let get = |c: &ProjectClaim| claim_field(c, field).expect("known field");
        // Added on both sides: equal values agree, different ones conflict.
        match three_way(base.map(get).as_deref(), &get(ours), &get(theirs)) {
            Pick::Value(v) => set_claim_field(&mut out, field, &v).expect("known field"),
            Pick::Conflict => {
                conflicts += 1;
                record(&mut out.conflicts, field, get(ours), get(theirs));
            }
        }
    }
    let (sources, title_conflicts) = merge_sources(
        base.map_or(&[][..], |b| &b.sources),
        &ours.sources,
        &theirs.sources,
    );
    out.sources = sources;
    for (url, o, t) in title_conflicts {
        conflicts += 1;
        record(&mut out.conflicts, &source_field(&url), o, t);
    }
    keep_conflicts(&mut out.conflicts, &theirs.conflicts);
    // Re-check stays asked for while either side still asks for it after a change.
    let base_recheck = base.is_some_and(|b| b.recheck);
    if ours.recheck == base_recheck {
        out.recheck = theirs.recheck;
    }
    out.updated = ours.updated.max(theirs.updated);
    (out, conflicts)
}

/// Sources as a set by URL; returns the merged list (ours' order, then theirs' additions)
/// and the URLs whose title both sides changed differently.
fn merge_sources(
    base: &[Source],
    ours: &[Source],
    theirs: &[Source],
) -> (Vec<Source>, Vec<(String, String, String)>) {
    let find = |list: &[Source], url: &str| list.iter().position(|s| s.url == url);
    let title = |s: &Source| s.title.clone().unwrap_or_default();
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    let mut conflicts = Vec::new();
    for o in ours {
        let b = find(base, &o.url).map(|i| &base[i]);
        match (b, find(theirs, &o.url).map(|i| &theirs[i])) {
            (Some(_), None) => {} // theirs removed it
            (b, Some(t)) => {
                let mut s = o.clone();
                match three_way(b.map(title).as_deref(), &title(o), &title(t)) {
                    Pick::Value(v) => s.title = (!v.is_empty()).then_some(v),
                    Pick::Conflict => conflicts.push((o.url.clone(), title(o), title(t))),
                }
                s.added = o.added.min(t.added);
                out.push(s);
            }
            (None, None) => out.push(o.clone()), // ours added it
        }
    }
    for t in theirs {
        if find(ours, &t.url).is_none() && find(base, &t.url).is_none() {
            out.push(t.clone()); // theirs added it
        }
    }
    (out, conflicts)
}

#[cfg(test)]
mod tests;
