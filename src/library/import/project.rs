//! A `*.factdesk.ron` project: every claim whose verdict is not Unreviewed.

use std::path::Path;

use super::{Imported, absolute, whole};
use crate::library::{Entry, EntryKind};
use crate::project::{Project, Verdict, storage};

/// What ties a project's entries together: its absolute path.
pub fn project_key(path: &Path) -> String {
    absolute(path).display().to_string()
}

pub fn read(path: &Path, out: &mut Imported) {
    match storage::load(path) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                out.problems.push(whole(path, format!("warning: {w}")));
            }
            out.entries.extend(entries(path, &loaded.project));
        }
        Err(e) => out.problems.push(whole(path, e.to_string())),
    }
}

/// The library entries of a project's reviewed claims (in project order).
pub fn entries(path: &Path, project: &Project) -> Vec<Entry> {
    let file = project_key(path);
    let settings = &project.settings;
    project
        .claims
        .iter()
        .filter(|c| c.verdict != Verdict::UNREVIEWED)
        .map(|c| {
            let mut e = Entry::new(
                format!("project:{file}#{}", c.id),
                c.id.clone(),
                EntryKind::Project,
                c.text.clone(),
            );
            e.title = project.article.title.clone();
            e.verdict = project.scale.name(&c.verdict).to_string();
            e.url = settings.review_url.clone().unwrap_or_default();
            e.origin = file.clone();
            e.date = c.updated.date().to_string();
            e.claimant = c.claimant.clone().unwrap_or_default();
            e.organisation = settings.reviewer_organisation.clone().unwrap_or_default();
            e.sources = c.sources.iter().map(|s| s.url.clone()).collect();
            e.note = c.note.clone();
            e.project = file.clone();
            e
        })
        .collect()
}
