//! A compact recovery format: only the work that changed since a base version of the project
//! (the file as last saved or opened), with the base named by its article's SHA-256 and its
//! `updated` time rather than repeated.
//!
//! Why: an autosave of the whole project rewrites the article and every claim (399 MB for a
//! 50 MB article); the delta of a few edits is a few hundred bytes, whatever the article's
//! size. Restoring loads the base file and applies the delta.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{LoadError, SaveError, syntax_error};
use crate::project::{ArticleRecord, Conflict, Project, ProjectClaim, Scale, Settings};

/// What changed between a base project and the current one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkDelta {
    pub format_version: u32,
    /// The base this delta applies to: its article's SHA-256 and its `updated` time.
    pub base_sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    pub base_updated: OffsetDateTime,
    /// The whole article, only when it changed (a revision).
    #[serde(default)]
    pub article: Option<ArticleRecord>,
    #[serde(default)]
    pub settings: Option<Settings>,
    #[serde(default)]
    pub scale: Option<Scale>,
    #[serde(default)]
    pub conflicts: Option<Vec<Conflict>>,
    /// Claims added or changed, in full.
    #[serde(default)]
    pub claims: Vec<ProjectClaim>,
    /// Ids of the base's claims that are gone.
    #[serde(default)]
    pub removed: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeltaError {
    #[error(
        "the recovered work belongs to another version of the article (SHA-256 {expected}, the file has {found})"
    )]
    OtherArticle { expected: String, found: String },
    #[error(
        "the project file changed since the recovered work was recorded (saved at {found}, the work is based on {expected})"
    )]
    BaseChanged { expected: String, found: String },
}

/// `Some(new)` when it differs from `old`.
fn changed<T: PartialEq + Clone>(old: &T, new: &T) -> Option<T> {
    (old != new).then(|| new.clone())
}

impl WorkDelta {
    pub const FORMAT_VERSION: u32 = 1;

    /// The changes from `base` to `current`, claim by claim (by id).
    pub fn between(base: &Project, current: &Project) -> WorkDelta {
        let by_id: HashMap<&str, &ProjectClaim> =
            base.claims.iter().map(|c| (c.id.as_str(), c)).collect();
        let claims = current
            .claims
            .iter()
            .filter(|c| by_id.get(c.id.as_str()) != Some(c))
            .cloned()
            .collect();
        let current_ids: HashSet<&str> = current.claims.iter().map(|c| c.id.as_str()).collect();
        let removed = base
            .claims
            .iter()
            .filter(|c| !current_ids.contains(c.id.as_str()))
            .map(|c| c.id.clone())
            .collect();
        WorkDelta {
            format_version: Self::FORMAT_VERSION,
            base_sha256: base.article.sha256.clone(),
            base_updated: base.updated,
            article: changed(&base.article, &current.article),
            settings: changed(&base.settings, &current.settings),
            scale: changed(&base.scale, &current.scale),
            conflicts: changed(&base.conflicts, &current.conflicts),
            claims,
            removed,
            updated: current.updated,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.article.is_none()
            && self.settings.is_none()
            && self.scale.is_none()
            && self.conflicts.is_none()
            && self.claims.is_empty()
            && self.removed.is_empty()
    }

    /// The current project again, from its base. Refuses a base of another article, or one
    /// saved since the delta was made (then the caller asks the person what to do).
    pub fn apply(&self, base: &Project) -> Result<Project, DeltaError> {
        if base.article.sha256 != self.base_sha256 {
            return Err(DeltaError::OtherArticle {
                expected: self.base_sha256.clone(),
                found: base.article.sha256.clone(),
            });
        }
        if base.updated != self.base_updated {
            return Err(DeltaError::BaseChanged {
                expected: self.base_updated.to_string(),
                found: base.updated.to_string(),
            });
        }
        let mut p = base.clone();
        if let Some(a) = &self.article {
            p.article = a.clone();
        }
        if let Some(s) = &self.settings {
            p.settings = s.clone();
        }
        if let Some(s) = &self.scale {
            p.scale = s.clone();
        }
        if let Some(c) = &self.conflicts {
            p.conflicts = c.clone();
        }
        let removed: HashSet<&str> = self.removed.iter().map(String::as_str).collect();
        let replaced: HashMap<&str, &ProjectClaim> =
            self.claims.iter().map(|c| (c.id.as_str(), c)).collect();
        p.claims.retain(|c| !removed.contains(c.id.as_str()));
        for c in &mut p.claims {
            if let Some(new) = replaced.get(c.id.as_str()) {
                *c = (*new).clone();
            }
        }
        let present: HashSet<String> = p.claims.iter().map(|c| c.id.clone()).collect();
        p.claims.extend(
            self.claims
                .iter()
                .filter(|c| !present.contains(&c.id))
                .cloned(),
        );
        p.claims.sort_by_key(|c| (c.start, c.end));
        p.updated = self.updated;
        Ok(p)
    }

    pub fn to_ron(&self) -> Result<String, SaveError> {
        let config = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .escape_strings(false)
            .indentor("  ".to_string());
        ron::Options::default()
            .to_string_pretty(self, config)
            .map_err(|e| SaveError::Encode(e.to_string()))
    }

    pub fn from_ron(text: &str, path: &str) -> Result<WorkDelta, LoadError> {
        ron::Options::default()
            .from_str(text)
            .map_err(|e| syntax_error(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article;
    use crate::claims::ClaimFinder;
    use crate::project::{Source, Verdict, now};

    #[test]
    fn a_delta_restores_the_work_and_is_small() {
        let base = Project::from_article(&article::sample(), &ClaimFinder::rules());
        let mut current = base.clone();
        current.claims[2].verdict = Verdict::FALSE;
        current.claims[3].sources.push(Source {
            url: "https://example.org".into(),
            title: None,
            added: now(),
        });
        let mut manual = current.claims[4].clone();
        manual.id = "manual".into();
        current.claims.insert(5, manual);
        current.claims.remove(0);
        current.settings.reviewer_name = Some("Ana".into());
        let delta = WorkDelta::between(&base, &current);
        assert_eq!(delta.claims.len(), 3);
        assert_eq!(delta.removed.len(), 1);
        let text = delta.to_ron().unwrap();
        let whole = super::super::to_ron(&current).unwrap();
        assert!(
            text.len() * 5 < whole.len(),
            "{} vs {}",
            text.len(),
            whole.len()
        );
        let back = WorkDelta::from_ron(&text, "mem")
            .unwrap()
            .apply(&base)
            .unwrap();
        assert_eq!(back, current);
        assert!(WorkDelta::between(&current, &current).is_empty());

        let mut saved_since = base.clone();
        saved_since.updated += time::Duration::seconds(5);
        assert!(matches!(
            delta.apply(&saved_since),
            Err(DeltaError::BaseChanged { .. })
        ));
    }
}
