//! A project file that may change under the window: another window, a colleague on a shared
//! folder, a `git pull`, a CLI `revise`. [`OnDisk`] remembers what was loaded (its identity
//! and the project itself, the *base* of a three-way merge) and refuses to save over a file
//! that is no longer what was loaded; the caller then chooses to merge, save elsewhere or
//! overwrite (after seeing what would be lost, see [`WorkDifferences`]).
//!
//! The check reads and hashes the file just before the atomic write, so the window between
//! check and rename is one rename long; nothing short of an OS-level lock closes it, and a
//! network folder would not honour one anyway.

pub mod identity;
pub mod lock;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use identity::FileIdentity;

use super::merge::{self, MergeError, Merged};
use super::storage::{self, LoadError, Loaded, SaveError};
use super::{Project, ProjectClaim};

/// The project file as this window last loaded or saved it.
#[derive(Debug, Clone)]
pub struct OnDisk {
    pub path: PathBuf,
    /// What was read or written last; `None` for a file that did not exist yet.
    pub identity: Option<FileIdentity>,
    /// The project as in that file: the base of a merge. `None` when not known (work restored
    /// from a recovery file whose starting version is no longer on disk).
    pub base: Option<Arc<Project>>,
    /// Keep the replaced file as `.bak` (not for files git hands a merge driver).
    pub keep_backup: bool,
}

/// What is on disk now, compared with what was loaded.
#[derive(Debug)]
pub enum Found {
    Unchanged,
    /// There is no file any more (deleted, or moved away).
    Missing,
    /// Someone else wrote it: their version, or why it cannot be read (a `git merge` that
    /// left conflict markers in it, say).
    Changed {
        identity: FileIdentity,
        theirs: Result<Box<Project>, String>,
    },
}

/// How a save should treat the file on disk.
#[derive(Debug, Clone, PartialEq)]
pub enum SavePolicy {
    /// Only over the version loaded (or where there was no file).
    IfUnchanged,
    /// Over the version the person was shown (`identity`), after confirming: not over a
    /// newer one that arrived since.
    Replace(FileIdentity),
    /// The file was deleted or moved away and the person agreed to write it again.
    Recreate,
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("{path} changed on disk since it was read; nothing was written")]
    Changed { path: String, found: Found },
    #[error("{path} was deleted or moved away since it was read; nothing was written")]
    Missing { path: String },
    #[error(transparent)]
    Failed(#[from] SaveError),
}

impl OnDisk {
    /// Loads a project and remembers what was loaded.
    pub fn open(path: &Path) -> Result<(Loaded, OnDisk), LoadError> {
        let shown = path.display().to_string();
        let io_err = |reason| LoadError::Io {
            path: shown.clone(),
            reason,
        };
        let meta = std::fs::metadata(path).map_err(io_err)?;
        if meta.len() > storage::MAX_PROJECT_BYTES {
            return Err(LoadError::TooLarge {
                path: shown,
                size: meta.len(),
            });
        }
        let (bytes, identity) = identity::read(path)
            .map_err(io_err)?
            .ok_or_else(|| io_err(std::io::ErrorKind::NotFound.into()))?;
        let loaded = storage::from_bytes(bytes, &shown)?;
        let disk = OnDisk {
            path: path.to_path_buf(),
            identity: Some(identity),
            base: Some(Arc::new(loaded.project.clone())),
            keep_backup: true,
        };
        Ok((loaded, disk))
    }

    /// A project about to be saved for the first time at `path` (or restored work whose file
    /// is `identity` if it still holds the version the work started from).
    pub fn new_file(path: &Path) -> OnDisk {
        OnDisk {
            path: path.to_path_buf(),
            identity: None,
            base: None,
            keep_backup: true,
        }
    }

    /// Looks at the file now. Reads and hashes it; parses it only when it changed.
    pub fn check(&self) -> std::io::Result<Found> {
        let Some((bytes, now)) = identity::read(&self.path)? else {
            return Ok(match self.identity {
                Some(_) => Found::Missing,
                None => Found::Unchanged,
            });
        };
        if self.identity.as_ref().is_some_and(|i| i.same_content(&now)) {
            return Ok(Found::Unchanged);
        }
        let theirs = storage::from_bytes(bytes, &self.path.display().to_string())
            .map(|l| Box::new(l.project))
            .map_err(|e| e.to_string());
        Ok(Found::Changed {
            identity: now,
            theirs,
        })
    }

    /// Saves `project` here under `policy`; on success this becomes the loaded version.
    pub fn save(&mut self, project: &Project, policy: SavePolicy) -> Result<(), Refused> {
        let shown = self.path.display().to_string();
        let found = self.check().map_err(|reason| SaveError::Io {
            path: shown.clone(),
            step: "reading the file on disk before saving",
            reason,
        })?;
        match (&found, &policy) {
            (Found::Unchanged, SavePolicy::IfUnchanged | SavePolicy::Recreate) => {}
            (Found::Missing, SavePolicy::Recreate) => {}
            (Found::Changed { identity, .. }, SavePolicy::Replace(shown_to_user))
                if identity.same_content(shown_to_user) => {}
            (Found::Missing, _) => return Err(Refused::Missing { path: shown }),
            (Found::Changed { .. }, _) => return Err(Refused::Changed { path: shown, found }),
            // Replacing a version that has since gone back to the loaded one: nothing to lose.
            (Found::Unchanged, SavePolicy::Replace(_)) => {}
        }
        let text = storage::to_ron(project)?;
        if matches!(policy, SavePolicy::Replace(_)) {
            // The person saw what is there (even a file git left conflict markers in) and
            // chose to replace it; it is kept as .bak.
            storage::check_size(&self.path, text.len())?;
            storage::write_atomic(
                &self.path,
                text.as_bytes(),
                std::io::Write::write_all,
                self.keep_backup,
            )?;
        } else {
            storage::save_text(&self.path, &text, self.keep_backup)?;
        }
        let meta = std::fs::metadata(&self.path).ok();
        self.identity = Some(FileIdentity::of(text.as_bytes(), meta.as_ref()));
        self.base = Some(Arc::new(project.clone()));
        Ok(())
    }

    /// Combines `ours` with `theirs` (a newer version on disk) through the same three-way
    /// merge as `factdesk merge`, the loaded version as base. Without a known base, every
    /// field the two sides hold differently becomes a conflict: nothing is picked blindly.
    pub fn merge(&self, ours: &Project, theirs: &Project) -> Result<Merged, MergeError> {
        match &self.base {
            Some(base) => merge::merge(base, ours, theirs),
            None => merge::merge_without_base(ours, theirs),
        }
    }

    /// Takes `theirs` (version `identity`) as the loaded version: after a reload or a merge.
    pub fn adopt(&mut self, identity: FileIdentity, theirs: Project) {
        self.identity = Some(identity);
        self.base = Some(Arc::new(theirs));
    }
}

/// Work that one version of a project holds and another does not: how many claims' verdict,
/// note or sources differ, claims only one has, and whether the article text differs. Used
/// to say, before Overwrite, what of theirs would go, and before Merge, what changes here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkDifferences {
    pub verdicts: usize,
    pub notes: usize,
    pub sources: usize,
    /// Claims the other version has and this one has not.
    pub claims_missing: usize,
    /// Claims this version has and the other has not.
    pub claims_extra: usize,
    /// The two stand on different versions of the article.
    pub article_differs: bool,
}

impl WorkDifferences {
    /// What overwriting `theirs` with `ours` would throw away: their changes since `base`
    /// (every difference from ours when the base is not known) that ours does not already
    /// hold.
    pub fn lost_by_overwrite(base: Option<&Project>, ours: &Project, theirs: &Project) -> Self {
        let ours_by_id = by_id(ours);
        let base_by_id = base.map(by_id);
        let mut d = WorkDifferences {
            article_differs: theirs.article.sha256 != ours.article.sha256,
            ..Default::default()
        };
        for t in &theirs.claims {
            let o = ours_by_id.get(t.id.as_str()).copied();
            let reference = match &base_by_id {
                Some(b) => b.get(t.id.as_str()).copied(),
                None => o,
            };
            match (o, reference) {
                (None, Some(_)) if base.is_some() => {} // we removed it; they kept it as it was
                (None, _) => d.claims_missing += 1,
                (Some(o), Some(r)) => d.count_changes(r, t, Some(o)),
                (Some(o), None) => d.count_changes(o, t, None),
            }
        }
        d
    }

    /// What `after` changes of `before` (the window's version before a merge and the merge's
    /// result).
    pub fn changes(before: &Project, after: &Project) -> Self {
        let after_by_id = by_id(after);
        let before_ids: std::collections::HashSet<&str> =
            before.claims.iter().map(|c| c.id.as_str()).collect();
        let mut d = WorkDifferences {
            article_differs: before.article.sha256 != after.article.sha256,
            claims_extra: after
                .claims
                .iter()
                .filter(|c| !before_ids.contains(c.id.as_str()))
                .count(),
            ..Default::default()
        };
        for b in &before.claims {
            match after_by_id.get(b.id.as_str()) {
                Some(a) => d.count_changes(b, a, None),
                None => d.claims_missing += 1,
            }
        }
        d
    }

    /// Counts the fields `changed` holds differently from `reference`, unless `already` holds
    /// the changed value too.
    fn count_changes(
        &mut self,
        reference: &ProjectClaim,
        changed: &ProjectClaim,
        already: Option<&ProjectClaim>,
    ) {
        let differs = |f: &dyn Fn(&ProjectClaim) -> Vec<String>| {
            f(reference) != f(changed) && already.is_none_or(|a| f(a) != f(changed))
        };
        self.verdicts += usize::from(differs(&|c| vec![c.verdict.to_string()]));
        self.notes += usize::from(differs(&|c| vec![c.note.clone()]));
        self.sources += usize::from(differs(&|c| {
            let mut u: Vec<String> = c.sources.iter().map(|s| s.url.clone()).collect();
            u.sort_unstable();
            u
        }));
    }

    pub fn is_empty(&self) -> bool {
        *self == WorkDifferences::default()
    }

    /// "2 verdicts, 1 note and 3 source lists; 1 claim more, 4 fewer; the article text".
    /// `more` and `fewer` name the claim counts in the caller's words.
    pub fn describe(&self, more: &str, fewer: &str) -> String {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut fields = Vec::new();
        if self.verdicts > 0 {
            fields.push(count(self.verdicts, "verdict", "verdicts"));
        }
        if self.notes > 0 {
            fields.push(count(self.notes, "note", "notes"));
        }
        if self.sources > 0 {
            fields.push(count(self.sources, "source list", "source lists"));
        }
        let mut parts = Vec::new();
        match fields.len() {
            0 => {}
            1 => parts.push(fields.remove(0)),
            n => parts.push(format!(
                "{} and {}",
                fields[..n - 1].join(", "),
                fields[n - 1]
            )),
        }
        if self.claims_extra > 0 {
            parts.push(format!(
                "{} {more}",
                count(self.claims_extra, "claim", "claims")
            ));
        }
        if self.claims_missing > 0 {
            parts.push(format!(
                "{} {fewer}",
                count(self.claims_missing, "claim", "claims")
            ));
        }
        if self.article_differs {
            parts.push("a different version of the article text".into());
        }
        if parts.is_empty() {
            "nothing".into()
        } else {
            parts.join("; ")
        }
    }
}

fn by_id(p: &Project) -> std::collections::HashMap<&str, &ProjectClaim> {
    p.claims.iter().map(|c| (c.id.as_str(), c)).collect()
}

#[cfg(test)]
mod tests;
