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

/// What overwriting the version on disk with ours would throw away: how many claims of theirs
/// hold a verdict, note or sources that ours does not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkDifferences {
    pub verdicts: usize,
    pub notes: usize,
    pub sources: usize,
    /// Claims only theirs has (added on their side).
    pub claims_only_theirs: usize,
}

impl WorkDifferences {
    pub fn between(ours: &Project, theirs: &Project) -> Self {
        let by_id: std::collections::HashMap<&str, &ProjectClaim> =
            ours.claims.iter().map(|c| (c.id.as_str(), c)).collect();
        let mut d = WorkDifferences::default();
        for t in &theirs.claims {
            match by_id.get(t.id.as_str()) {
                None => d.claims_only_theirs += 1,
                Some(o) => {
                    d.verdicts += usize::from(o.verdict != t.verdict);
                    d.notes += usize::from(o.note != t.note);
                    fn urls(c: &ProjectClaim) -> Vec<&str> {
                        let mut u: Vec<&str> = c.sources.iter().map(|s| s.url.as_str()).collect();
                        u.sort_unstable();
                        u
                    }
                    d.sources += usize::from(urls(o) != urls(t));
                }
            }
        }
        d
    }

    pub fn is_empty(&self) -> bool {
        *self == WorkDifferences::default()
    }

    /// "2 verdicts, 1 note and 3 source lists differ; 1 claim exists only on disk".
    pub fn describe(&self) -> String {
        if self.is_empty() {
            return "no verdict, note or source differs".into();
        }
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = Vec::new();
        if self.verdicts > 0 {
            parts.push(plural(self.verdicts, "verdict", "verdicts"));
        }
        if self.notes > 0 {
            parts.push(plural(self.notes, "note", "notes"));
        }
        if self.sources > 0 {
            parts.push(plural(self.sources, "source list", "source lists"));
        }
        let mut text = match parts.len() {
            0 => String::new(),
            1 => format!("{} differs", parts[0]),
            n => format!("{} and {} differ", parts[..n - 1].join(", "), parts[n - 1]),
        };
        if self.claims_only_theirs > 0 {
            if !text.is_empty() {
                text.push_str("; ");
            }
            text.push_str(&plural(
                self.claims_only_theirs,
                "claim exists only on disk",
                "claims exist only on disk",
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests;
