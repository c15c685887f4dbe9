use super::*;
use crate::article;
use crate::claims::ClaimFinder;
use crate::project::edit::{Edit, History};
use crate::project::{Origin, Verdict, now};

fn base() -> Project {
    Project::from_article(&article::sample(), &ClaimFinder::rules())
}

fn source(url: &str) -> Source {
    Source {
        url: url.into(),
        title: None,
        added: now(),
    }
}

#[test]
fn changes_to_different_fields_and_claims_merge_cleanly() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.claims[0].verdict = Verdict::VERIFIED;
    o.claims[1].note = "ours".into();
    o.claims[2].sources.push(source("https://a.example"));
    t.claims[0].note = "theirs".into();
    t.claims[3].verdict = Verdict::FALSE;
    t.claims[2].sources.push(source("https://b.example"));
    t.claims[4].verdict = Verdict::NOT_A_CLAIM; // a dismissal
    t.settings.reviewer_name = Some("Ana".into());
    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(m.conflicts, 0);
    let p = m.project;
    assert_eq!(p.claims[0].verdict, Verdict::VERIFIED);
    assert_eq!(p.claims[0].note, "theirs");
    assert_eq!(p.claims[1].note, "ours");
    assert_eq!(p.claims[3].verdict, Verdict::FALSE);
    assert!(p.claims[4].is_dismissed());
    let urls: Vec<&str> = p.claims[2].sources.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(urls, ["https://a.example", "https://b.example"]);
    assert_eq!(p.settings.reviewer_name.as_deref(), Some("Ana"));
    assert_eq!(p.conflict_count(), 0);
}

#[test]
fn the_same_field_changed_differently_is_a_recorded_conflict_then_resolved() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.claims[0].verdict = Verdict::VERIFIED;
    t.claims[0].verdict = Verdict::FALSE;
    o.settings.review_url = Some("https://ours.example".into());
    t.settings.review_url = Some("https://theirs.example".into());
    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(m.conflicts, 2);
    let mut p = m.project;
    assert_eq!(
        p.claims[0].conflicts,
        [Conflict {
            field: "verdict".into(),
            ours: "Verified".into(),
            theirs: "False".into(),
            earlier: Vec::new(),
        }]
    );
    assert_eq!(
        p.claims[0].verdict,
        Verdict::VERIFIED,
        "ours stays in place"
    );
    assert_eq!(p.conflicts[0].field, "settings.review_url");

    let id = p.claims[0].id.clone();
    let mut h = History::new();
    h.apply(
        &mut p,
        Edit::ResolveConflict {
            id: Some(id.clone()),
            field: "verdict".into(),
            value: "False".into(),
        },
    )
    .unwrap();
    assert_eq!(p.claims[0].verdict, Verdict::FALSE);
    assert!(p.claims[0].conflicts.is_empty());
    h.apply(
        &mut p,
        Edit::ResolveConflict {
            id: None,
            field: "settings.review_url".into(),
            value: "https://edited.example".into(),
        },
    )
    .unwrap();
    assert_eq!(p.conflict_count(), 0);
    h.undo(&mut p).unwrap().unwrap();
    h.undo(&mut p).unwrap().unwrap();
    assert_eq!(p.conflict_count(), 2, "undo brings the conflicts back");
    assert_eq!(p.claims[0].verdict, Verdict::VERIFIED);
    assert_eq!(
        p.settings.review_url.as_deref(),
        Some("https://ours.example")
    );
}

#[test]
fn manual_claims_added_on_either_side_are_kept_and_removals_respect_work() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let mut manual = b.claims[0].clone();
    manual.id = "manual-ours".into();
    manual.origin = Origin::Manual;
    o.claims.push(manual.clone());
    manual.id = "manual-theirs".into();
    t.claims.push(manual);
    // Theirs removes claim 1; ours worked on claim 1 meanwhile, so it stays.
    t.claims.remove(1);
    o.claims[1].note = "kept because ours worked on it".into();
    // Theirs removes claim 5 that nobody worked on: it goes.
    let gone = t.claims.remove(4).id;
    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(m.conflicts, 0);
    let p = m.project;
    assert!(p.claim("manual-ours").is_some() && p.claim("manual-theirs").is_some());
    assert!(p.claim(&b.claims[1].id).is_some());
    assert!(p.claim(&gone).is_none());
}

#[test]
fn different_article_versions_are_refused() {
    let b = base();
    let mut t = b.clone();
    t.article
        .text
        .push_str("\nOne more sentence, added in 2026.\n");
    t.article.sha256 = crate::project::sha256_hex(&t.article.text);
    let err = merge(&b, &b, &t).unwrap_err();
    assert!(matches!(err, MergeError::DifferentVersions { .. }));
    assert!(err.to_string().contains("revise"), "{err}");
    let mut other = t.clone();
    other.article.title = "Another article".into();
    other.claims.clear();
    let err = merge(&b, &b, &other).unwrap_err();
    assert!(matches!(err, MergeError::DifferentArticles { .. }), "{err}");
}

#[test]
fn a_scale_change_on_one_side_is_taken_with_its_mapped_verdicts() {
    use crate::project::scale::{full_fact, politifact};
    let mut b = base();
    b.claims[0].verdict = Verdict::VERIFIED;
    let (mut o, mut t) = (b.clone(), b.clone());
    let mapping = b.scale.proposed_mapping(&politifact());
    Edit::SetScale {
        scale: Box::new(politifact()),
        mapping,
    }
    .apply(&mut t)
    .unwrap();
    o.claims[1].note = "ours".into();
    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(m.conflicts, 0);
    assert_eq!(m.project.scale, politifact());
    assert_eq!(m.project.claims[0].verdict, Verdict::new("True"));
    assert_eq!(m.project.claims[1].note, "ours");

    // Both changed the scale differently: a project-level conflict, resolvable to theirs.
    let mapping = b.scale.proposed_mapping(&full_fact());
    Edit::SetScale {
        scale: Box::new(full_fact()),
        mapping,
    }
    .apply(&mut o)
    .unwrap();
    let m = merge(&b, &o, &t).unwrap();
    let mut p = m.project;
    let conflict = p
        .conflicts
        .iter()
        .find(|c| c.field == "scale")
        .unwrap()
        .clone();
    Edit::ResolveConflict {
        id: None,
        field: "scale".into(),
        value: conflict.theirs,
    }
    .apply(&mut p)
    .unwrap();
    assert_eq!(p.scale, politifact());
}

#[test]
fn a_second_conflict_on_an_unsettled_field_keeps_the_first_ones_values() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.claims[0].verdict = Verdict::VERIFIED;
    t.claims[0].verdict = Verdict::FALSE;
    let first = merge(&b, &o, &t).unwrap().project;
    // Both sides go on from the merged file without settling it, and differ again.
    let (mut o2, mut t2) = (first.clone(), first.clone());
    o2.claims[0].verdict = Verdict::DISPUTED;
    t2.claims[0].verdict = Verdict::MISLEADING;
    let second = merge(&first, &o2, &t2).unwrap().project;
    let c = &second.claims[0].conflicts;
    assert_eq!(c.len(), 1);
    let values: Vec<&str> = c[0].values().map(String::as_str).collect();
    assert_eq!(values, ["Disputed", "Misleading", "Verified", "False"]);
}

#[test]
fn claims_added_on_both_sides_with_different_work_conflict_instead_of_taking_theirs() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let mut added = b.claims[0].clone();
    added.id = "hand-1".into();
    let mut theirs_added = added.clone();
    added.note = "ours".into();
    theirs_added.note = "theirs".into();
    o.claims.push(added);
    t.claims.push(theirs_added);
    let m = merge(&b, &o, &t).unwrap();
    let c = m.project.claims.iter().find(|c| c.id == "hand-1").unwrap();
    assert_eq!(c.note, "ours");
    assert!(
        c.conflicts
            .iter()
            .any(|k| k.field == "note" && k.theirs == "theirs")
    );
}
