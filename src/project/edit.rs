//! Every change to a project is an [`Edit`], applied through [`History`]: that one path gives
//! undo/redo, the dirty flag and autosave triggers without any caller keeping track.

use super::merge::fields::{
    FieldError, claim_field, project_field, set_claim_field, set_project_field,
};
use super::scale::Mapping;
use super::{
    ArticleRecord, Conflict, Project, ProjectClaim, Scale, Settings, Source, Verdict, now,
};

/// One change to a project. Applying an edit returns its inverse. Edits are serialisable: the
/// window's autosave journal records them one per line.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Edit {
    SetVerdict {
        id: String,
        verdict: Verdict,
    },
    SetNote {
        id: String,
        note: String,
    },
    SetClaimant {
        id: String,
        claimant: Option<String>,
    },
    /// Flag or clear "re-check after the wording changed" (a revision sets it).
    SetRecheck {
        id: String,
        recheck: bool,
    },
    AddSource {
        id: String,
        source: Source,
    },
    SetSource {
        id: String,
        index: usize,
        source: Source,
    },
    RemoveSource {
        id: String,
        index: usize,
    },
    /// Put a source back at a position (the inverse of removing it).
    InsertSource {
        id: String,
        index: usize,
        source: Source,
    },
    /// Insert a claim (kept in text order).
    AddClaim {
        claim: Box<ProjectClaim>,
    },
    RemoveClaim {
        id: String,
    },
    SetSettings {
        settings: Settings,
    },
    /// Several edits as one undo step (reusing an earlier check sets the verdict, adds its
    /// sources and cites it in the note). All apply, or none: a failure part-way undoes the
    /// ones already applied.
    Several(Vec<Edit>),
    /// Swap in another version of the article with its claims (a revision, see
    /// [`super::revise::revise`]); the inverse swaps the previous ones back.
    ReplaceArticle {
        article: Box<ArticleRecord>,
        claims: Vec<ProjectClaim>,
    },
    /// Put a whole project in place (a merge with the version on disk), so that taking a
    /// merge is one undo step like any other.
    ReplaceWork {
        project: Box<Project>,
    },
    /// Settle a merge conflict: set the field (of claim `id`, or of the project when `None`)
    /// to `value` (ours, theirs or an edited value) and drop the conflict record. Field names
    /// are those of [`super::merge::fields`].
    ResolveConflict {
        id: Option<String>,
        field: String,
        value: String,
    },
    /// Change the project's verdict scale, mapping each claim's verdict explicitly (see
    /// [`Scale::proposed_mapping`]); verdicts the mapping leaves out must exist in `scale`.
    SetScale {
        scale: Box<Scale>,
        mapping: Mapping,
    },
    /// The inverse of [`Edit::SetScale`]: a scale and each claim's verdict, by claim id.
    RestoreScale {
        scale: Box<Scale>,
        verdicts: Vec<(String, Verdict)>,
    },
    /// The inverse of resolving: the conflict record back, and the field's previous value.
    Unresolve {
        id: Option<String>,
        conflict: Conflict,
        value: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no claim with id {0}")]
    NoClaim(String),
    #[error("claim {id} has no source number {index}")]
    NoSource { id: String, index: usize },
    #[error("a claim with id {0} already exists")]
    DuplicateId(String),
    #[error("no conflict on {0}")]
    NoConflict(String),
    #[error(transparent)]
    Field(#[from] FieldError),
    #[error("the scale is not usable: {0}")]
    BadScale(String),
    #[error("claim {id} has verdict {verdict}, which the new scale does not have; map it")]
    Unmapped { id: String, verdict: String },
}

impl Edit {
    /// The claim this edit touches, if any (for selection after undo).
    pub fn claim_id(&self) -> Option<&str> {
        match self {
            Edit::SetVerdict { id, .. }
            | Edit::SetNote { id, .. }
            | Edit::SetClaimant { id, .. }
            | Edit::SetRecheck { id, .. }
            | Edit::AddSource { id, .. }
            | Edit::SetSource { id, .. }
            | Edit::RemoveSource { id, .. }
            | Edit::InsertSource { id, .. }
            | Edit::RemoveClaim { id } => Some(id),
            Edit::AddClaim { claim } => Some(&claim.id),
            Edit::ResolveConflict { id, .. } | Edit::Unresolve { id, .. } => id.as_deref(),
            Edit::Several(edits) => edits.iter().find_map(Edit::claim_id),
            Edit::SetSettings { .. }
            | Edit::ReplaceArticle { .. }
            | Edit::ReplaceWork { .. }
            | Edit::SetScale { .. }
            | Edit::RestoreScale { .. } => None,
        }
    }

    /// Typing in a text field makes one edit per keystroke; consecutive edits with the same
    /// merge key (the same field of the same claim) become one undo step. The one place that
    /// decides which edits merge.
    fn merge_key(&self) -> Option<(u8, &str, usize)> {
        match self {
            Edit::SetNote { id, .. } => Some((0, id, 0)),
            Edit::SetClaimant { id, .. } => Some((1, id, 0)),
            Edit::SetSource { id, index, .. } => Some((2, id, *index)),
            Edit::SetSettings { .. } => Some((3, "", 0)),
            _ => None,
        }
    }

    /// Applies the edit and returns the edit that undoes it.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        let t = now();
        let claim_mut = |project: &mut Project, id: &str| -> Result<usize, EditError> {
            project
                .claim_index(id)
                .ok_or_else(|| EditError::NoClaim(id.to_string()))
        };
        let inverse = match self {
            Edit::SetVerdict { id, verdict } => {
                let i = claim_mut(project, &id)?;
                let old = std::mem::replace(&mut project.claims[i].verdict, verdict);
                project.claims[i].updated = t;
                Edit::SetVerdict { id, verdict: old }
            }
            Edit::SetNote { id, note } => {
                let i = claim_mut(project, &id)?;
                let old = std::mem::replace(&mut project.claims[i].note, note);
                project.claims[i].updated = t;
                Edit::SetNote { id, note: old }
            }
            Edit::SetClaimant { id, claimant } => {
                let i = claim_mut(project, &id)?;
                let old = std::mem::replace(&mut project.claims[i].claimant, claimant);
                project.claims[i].updated = t;
                Edit::SetClaimant { id, claimant: old }
            }
            Edit::SetRecheck { id, recheck } => {
                let i = claim_mut(project, &id)?;
                let old = std::mem::replace(&mut project.claims[i].recheck, recheck);
                project.claims[i].updated = t;
                Edit::SetRecheck { id, recheck: old }
            }
            Edit::AddSource { id, source } => {
                let i = claim_mut(project, &id)?;
                project.claims[i].sources.push(source);
                project.claims[i].updated = t;
                let index = project.claims[i].sources.len() - 1;
                Edit::RemoveSource { id, index }
            }
            Edit::SetSource { id, index, source } => {
                let i = claim_mut(project, &id)?;
                let slot = project.claims[i].sources.get_mut(index).ok_or_else(|| {
                    EditError::NoSource {
                        id: id.clone(),
                        index,
                    }
                })?;
                let old = std::mem::replace(slot, source);
                project.claims[i].updated = t;
                Edit::SetSource {
                    id,
                    index,
                    source: old,
                }
            }
            Edit::RemoveSource { id, index } => {
                let i = claim_mut(project, &id)?;
                if index >= project.claims[i].sources.len() {
                    return Err(EditError::NoSource { id, index });
                }
                let source = project.claims[i].sources.remove(index);
                project.claims[i].updated = t;
                Edit::InsertSource { id, index, source }
            }
            Edit::InsertSource { id, index, source } => {
                let i = claim_mut(project, &id)?;
                let index = index.min(project.claims[i].sources.len());
                project.claims[i].sources.insert(index, source);
                project.claims[i].updated = t;
                Edit::RemoveSource { id, index }
            }
            Edit::AddClaim { claim } => {
                if project.claim_index(&claim.id).is_some() {
                    return Err(EditError::DuplicateId(claim.id.clone()));
                }
                let at = project
                    .claims
                    .partition_point(|c| (c.start, c.end) <= (claim.start, claim.end));
                let id = claim.id.clone();
                project.claims.insert(at, *claim);
                Edit::RemoveClaim { id }
            }
            Edit::RemoveClaim { id } => {
                let i = claim_mut(project, &id)?;
                let claim = project.claims.remove(i);
                Edit::AddClaim {
                    claim: Box::new(claim),
                }
            }
            Edit::SetSettings { settings } => {
                let old = std::mem::replace(&mut project.settings, settings);
                Edit::SetSettings { settings: old }
            }
            Edit::Several(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match e.apply(project) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(err) => {
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(project);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Edit::Several(inverses)
            }
            Edit::ResolveConflict { id, field, value } => {
                let (conflicts, old) = match &id {
                    Some(claim_id) => {
                        let i = claim_mut(project, claim_id)?;
                        let c = &mut project.claims[i];
                        let old = claim_field(c, &field)?;
                        set_claim_field(c, &field, &value)?;
                        c.updated = t;
                        (&mut c.conflicts, old)
                    }
                    None => {
                        let old = project_field(project, &field)?;
                        set_project_field(project, &field, &value)?;
                        (&mut project.conflicts, old)
                    }
                };
                let at = conflicts
                    .iter()
                    .position(|c| c.field == field)
                    .ok_or_else(|| EditError::NoConflict(field.clone()))?;
                let conflict = conflicts.remove(at);
                Edit::Unresolve {
                    id,
                    conflict,
                    value: old,
                }
            }
            Edit::Unresolve {
                id,
                conflict,
                value,
            } => {
                let field = conflict.field.clone();
                let (conflicts, resolved) = match &id {
                    Some(claim_id) => {
                        let i = claim_mut(project, claim_id)?;
                        let c = &mut project.claims[i];
                        let resolved = claim_field(c, &field)?;
                        set_claim_field(c, &field, &value)?;
                        (&mut c.conflicts, resolved)
                    }
                    None => {
                        let resolved = project_field(project, &field)?;
                        set_project_field(project, &field, &value)?;
                        (&mut project.conflicts, resolved)
                    }
                };
                conflicts.push(conflict);
                Edit::ResolveConflict {
                    id,
                    field,
                    value: resolved,
                }
            }
            Edit::SetScale { scale, mapping } => {
                scale.validate().map_err(EditError::BadScale)?;
                let mut new_verdicts = Vec::with_capacity(project.claims.len());
                for c in &project.claims {
                    let v = mapping.get(&c.verdict).unwrap_or(&c.verdict);
                    if !scale.contains(v) {
                        return Err(EditError::Unmapped {
                            id: c.id.clone(),
                            verdict: c.verdict.to_string(),
                        });
                    }
                    new_verdicts.push(v.clone());
                }
                let old_scale = std::mem::replace(&mut project.scale, *scale);
                let verdicts = project
                    .claims
                    .iter_mut()
                    .zip(new_verdicts)
                    .map(|(c, v)| (c.id.clone(), std::mem::replace(&mut c.verdict, v)))
                    .collect();
                Edit::RestoreScale {
                    scale: Box::new(old_scale),
                    verdicts,
                }
            }
            Edit::RestoreScale { scale, verdicts } => {
                let old_scale = std::mem::replace(&mut project.scale, *scale);
                let mut by_id: std::collections::HashMap<String, Verdict> =
                    verdicts.into_iter().collect();
                let current = project
                    .claims
                    .iter_mut()
                    .map(|c| {
                        let old = match by_id.remove(&c.id) {
                            Some(v) => std::mem::replace(&mut c.verdict, v),
                            None => c.verdict.clone(),
                        };
                        (c.id.clone(), old)
                    })
                    .collect();
                Edit::RestoreScale {
                    scale: Box::new(old_scale),
                    verdicts: current,
                }
            }
            Edit::ReplaceArticle { article, claims } => {
                let old_article = std::mem::replace(&mut project.article, *article);
                let old_claims = std::mem::replace(&mut project.claims, claims);
                Edit::ReplaceArticle {
                    article: Box::new(old_article),
                    claims: old_claims,
                }
            }
            Edit::ReplaceWork { project: new } => Edit::ReplaceWork {
                project: Box::new(std::mem::replace(project, *new)),
            },
        };
        project.updated = t;
        Ok(inverse)
    }
}

/// Undo/redo stacks and the saved-state marker.
///
/// Each project state has a number; `dirty` compares the current state with the one last
/// saved, so undoing back to the saved state makes the project clean again.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<(Edit, u64)>,
    redo: Vec<(Edit, u64)>,
    state: u64,
    next_state: u64,
    saved_state: u64,
    /// Set after any non-typing action so the next text edit starts a new undo step.
    merge_open: bool,
    /// Changes since the last autosave.
    changes: u64,
}

impl History {
    pub fn new() -> Self {
        History::default()
    }

    /// Applies an edit as a new undo step (or merged into the previous one for typing).
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        let key = edit.merge_key().map(|(k, id, i)| (k, id.to_string(), i));
        let merge = self.merge_open
            && key.is_some()
            && self.undo.last().is_some_and(|(inv, _)| {
                inv.merge_key().map(|(k, id, i)| (k, id.to_string(), i)) == key
            });
        let inverse = edit.apply(project)?;
        if !merge {
            self.undo.push((inverse, self.state));
        }
        self.redo.clear();
        self.next_state += 1;
        self.state = self.next_state;
        self.merge_open = key.is_some();
        self.changes += 1;
        Ok(())
    }

    /// Ends the current typing run: the next text edit is its own undo step.
    pub fn break_merge(&mut self) {
        self.merge_open = false;
    }

    /// Undoes the last step. Returns the edit that was applied (the claim it touched is
    /// `edit.claim_id()`), or the reason it could not be applied: a step that cannot apply is
    /// dropped from the history and reported, never silently.
    pub fn undo(&mut self, project: &mut Project) -> Option<Result<Edit, EditError>> {
        let (edit, previous_state) = self.undo.pop()?;
        self.merge_open = false;
        let applied = edit.clone();
        Some(edit.apply(project).map(|redo| {
            self.redo.push((redo, self.state));
            self.state = previous_state;
            self.changes += 1;
            applied
        }))
    }

    /// Redoes the last undone step; like [`History::undo`].
    pub fn redo(&mut self, project: &mut Project) -> Option<Result<Edit, EditError>> {
        let (edit, state) = self.redo.pop()?;
        self.merge_open = false;
        let applied = edit.clone();
        Some(edit.apply(project).map(|undo| {
            self.undo.push((undo, self.state));
            self.state = state;
            self.changes += 1;
            applied
        }))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Unsaved changes?
    pub fn is_dirty(&self) -> bool {
        self.state != self.saved_state
    }

    pub fn mark_saved(&mut self) {
        self.saved_state = self.state;
        self.merge_open = false;
    }

    /// Marks the current state as not saved anywhere (e.g. work restored from a recovery file).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
        self.changes += 1;
    }

    /// A counter that grows with every change; autosave compares it with the last one saved.
    pub fn change_count(&self) -> u64 {
        self.changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article;
    use crate::claims::ClaimFinder;

    fn project() -> Project {
        Project::from_article(&article::sample(), &ClaimFinder::rules())
    }

    #[test]
    fn undo_redo_and_dirty_flag() {
        let mut p = project();
        let original = p.clone();
        let id = p.claims[0].id.clone();
        let mut h = History::new();
        assert!(!h.is_dirty());
        h.apply(
            &mut p,
            Edit::SetVerdict {
                id: id.clone(),
                verdict: Verdict::VERIFIED,
            },
        )
        .unwrap();
        h.apply(
            &mut p,
            Edit::AddSource {
                id: id.clone(),
                source: Source {
                    url: "https://a.example".into(),
                    title: None,
                    added: now(),
                },
            },
        )
        .unwrap();
        assert!(h.is_dirty());
        h.mark_saved();
        assert!(!h.is_dirty());
        let undone = h.undo(&mut p).unwrap().unwrap();
        assert_eq!(undone.claim_id(), Some(id.as_str()));
        assert!(p.claims[0].sources.is_empty());
        assert!(h.is_dirty());
        h.redo(&mut p).unwrap().unwrap();
        assert!(!h.is_dirty(), "redo back to the saved state is clean");
        h.undo(&mut p).unwrap().unwrap();
        h.undo(&mut p).unwrap().unwrap();
        assert_eq!(p.claims[0].verdict, original.claims[0].verdict);
        assert!(h.undo(&mut p).is_none());
    }

    #[test]
    fn changing_the_scale_maps_verdicts_and_undoes_exactly() {
        use crate::project::scale::{factdesk, politifact};
        let mut p = project();
        p.claims[0].verdict = Verdict::VERIFIED;
        p.claims[1].verdict = Verdict::MOSTLY_ACCURATE;
        p.claims[2].verdict = Verdict::NOT_A_CLAIM;
        let before = p.clone();
        let mut h = History::new();
        let mapping = factdesk().proposed_mapping(&politifact());
        h.apply(
            &mut p,
            Edit::SetScale {
                scale: Box::new(politifact()),
                mapping,
            },
        )
        .unwrap();
        assert_eq!(p.scale, politifact());
        assert_eq!(p.claims[0].verdict, Verdict::new("True"));
        assert_eq!(p.claims[1].verdict, Verdict::new("MostlyTrue"));
        assert!(p.claims[2].is_dismissed());
        h.undo(&mut p).unwrap().unwrap();
        assert_eq!(p.scale, before.scale);
        let verdicts = |p: &Project| {
            p.claims
                .iter()
                .map(|c| c.verdict.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(verdicts(&p), verdicts(&before));
        // A mapping that leaves a used verdict out of the new scale is refused.
        let err = Edit::SetScale {
            scale: Box::new(politifact()),
            mapping: Default::default(),
        }
        .apply(&mut p)
        .unwrap_err();
        assert!(matches!(err, EditError::Unmapped { .. }), "{err}");
        assert_eq!(p.scale, before.scale, "nothing changed");
    }

    #[test]
    fn typing_merges_into_one_undo_step() {
        let mut p = project();
        let id = p.claims[1].id.clone();
        let mut h = History::new();
        for note in ["C", "Ch", "Che", "Chec", "Check"] {
            h.apply(
                &mut p,
                Edit::SetNote {
                    id: id.clone(),
                    note: note.into(),
                },
            )
            .unwrap();
        }
        h.break_merge();
        h.apply(
            &mut p,
            Edit::SetNote {
                id: id.clone(),
                note: "Check!".into(),
            },
        )
        .unwrap();
        h.undo(&mut p).unwrap().unwrap();
        assert_eq!(p.claims[1].note, "Check");
        h.undo(&mut p).unwrap().unwrap();
        assert_eq!(p.claims[1].note, "");
    }

    #[test]
    fn remove_source_undo_restores_position_and_claims_stay_ordered() {
        let mut p = project();
        let id = p.claims[0].id.clone();
        let mut h = History::new();
        for url in [
            "https://a.example",
            "https://b.example",
            "https://c.example",
        ] {
            h.apply(
                &mut p,
                Edit::AddSource {
                    id: id.clone(),
                    source: Source {
                        url: url.into(),
                        title: None,
                        added: now(),
                    },
                },
            )
            .unwrap();
        }
        h.apply(
            &mut p,
            Edit::RemoveSource {
                id: id.clone(),
                index: 1,
            },
        )
        .unwrap();
        h.undo(&mut p).unwrap().unwrap();
        let urls: Vec<_> = p.claims[0].sources.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://a.example",
                "https://b.example",
                "https://c.example"
            ]
        );

        let mut manual = p.claims[3].clone();
        manual.id = "manual-x".into();
        manual.start += 1;
        h.apply(
            &mut p,
            Edit::AddClaim {
                claim: Box::new(manual),
            },
        )
        .unwrap();
        assert_eq!(p.claims[4].id, "manual-x");
        assert!(matches!(
            h.apply(&mut p, Edit::RemoveClaim { id: "nope".into() }),
            Err(EditError::NoClaim(_))
        ));
        h.undo(&mut p).unwrap().unwrap();
        assert!(p.claim("manual-x").is_none());
    }

    #[test]
    fn an_undo_that_cannot_apply_is_reported_and_dropped() {
        let mut p = project();
        let id = p.claims[0].id.clone();
        let mut h = History::new();
        h.apply(
            &mut p,
            Edit::SetVerdict {
                id: id.clone(),
                verdict: Verdict::FALSE,
            },
        )
        .unwrap();
        p.claims.remove(0);
        assert_eq!(h.undo(&mut p), Some(Err(EditError::NoClaim(id))));
        assert!(
            !h.can_undo(),
            "the broken step is gone, after being reported"
        );
    }

    #[test]
    fn edits_round_trip_through_ron_for_the_journal() {
        let p = project();
        let edits = [
            Edit::SetNote {
                id: p.claims[0].id.clone(),
                note: "line one\nline \"two\"".into(),
            },
            Edit::AddClaim {
                claim: Box::new(p.claims[1].clone()),
            },
        ];
        for e in edits {
            let line = ron::to_string(&e).unwrap();
            assert!(!line.contains('\n'), "one edit per line");
            assert_eq!(ron::from_str::<Edit>(&line).unwrap(), e);
        }
    }

    #[test]
    fn several_edits_are_one_step_and_all_or_nothing() {
        let mut p = project();
        let id = p.claims[0].id.clone();
        let before = p.clone();
        let mut h = History::new();
        let source = Source {
            url: "https://a.example".into(),
            title: None,
            added: now(),
        };
        h.apply(
            &mut p,
            Edit::Several(vec![
                Edit::SetVerdict {
                    id: id.clone(),
                    verdict: Verdict::FALSE,
                },
                Edit::AddSource {
                    id: id.clone(),
                    source: source.clone(),
                },
            ]),
        )
        .unwrap();
        assert_eq!(p.claims[0].verdict, Verdict::FALSE);
        assert_eq!(p.claims[0].sources.len(), 1);
        h.undo(&mut p).unwrap().unwrap();
        assert_eq!(p.claims[0].verdict, before.claims[0].verdict);
        assert!(p.claims[0].sources.is_empty(), "one undo undoes both");
        // A failing part leaves nothing applied.
        let err = h.apply(
            &mut p,
            Edit::Several(vec![
                Edit::AddSource {
                    id: id.clone(),
                    source,
                },
                Edit::SetNote {
                    id: "no-such-claim".into(),
                    note: "x".into(),
                },
            ]),
        );
        assert!(err.is_err());
        assert!(p.claims[0].sources.is_empty());
    }
}
