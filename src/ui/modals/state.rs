//! The dialogs' state: what each one holds while it is open. Kept apart from the dialogs'
//! drawing so that commands can carry it without the modules importing each other.

use crate::project::disk::{FileIdentity, OnDisk, WorkDifferences};
use crate::project::merge::{MergeError, Merged};
use crate::project::scale::Mapping;
use crate::project::{Conflict, Project, Scale, Settings, Verdict};
use crate::report::ReportFormat;
use crate::ui::autosave::RecoveryOffer;
use crate::ui::jobs::DialogPurpose;

#[derive(Debug)]
pub enum Modal {
    /// "Save changes?" before the waiting action (kept by the window) goes on.
    Unsaved,
    TypedPath(TypedPath),
    Export(ExportChoice),
    ProjectSettings(Box<SettingsDraft>),
    Recovery(Box<RecoveryOffer>),
    Shortcuts,
    /// The project file changed on disk while the window had unsaved changes.
    DiskChanged(Box<DiskChange>),
    /// The project file was deleted or moved away; Save asked to write it again.
    FileGone,
}

/// The file's new version, what merging would change here and what overwriting would lose:
/// computed when the question opens, so the answers act on what the person read.
#[derive(Debug)]
pub struct DiskChange {
    pub identity: FileIdentity,
    /// Their version, or why it cannot be read (a `git merge` left conflict markers).
    pub theirs: Result<Box<Project>, String>,
    /// The merge's result and what it changes here, or why the two cannot be merged.
    pub merged: Result<(Box<Merged>, WorkDifferences), String>,
    /// What Overwrite would discard of theirs (when it can be read).
    pub lost: Option<WorkDifferences>,
}

impl DiskChange {
    pub fn new(
        identity: FileIdentity,
        theirs: Result<Box<Project>, String>,
        ours: &Project,
        disk: Option<&OnDisk>,
    ) -> Self {
        let base = disk.and_then(|d| d.base.as_deref());
        let lost = theirs
            .as_ref()
            .ok()
            .map(|t| WorkDifferences::lost_by_overwrite(base, ours, t));
        let merged = match (&theirs, disk) {
            (Err(_), _) => Err("the version on disk cannot be read as a project".to_string()),
            (Ok(_), None) => Err("this project has no file to merge with".to_string()),
            (Ok(t), Some(d)) => match d.merge(ours, t) {
                Ok(m) => {
                    let changes = WorkDifferences::changes(ours, &m.project);
                    Ok((Box::new(m), changes))
                }
                Err(MergeError::DifferentVersions { .. }) => Err(
                    "the version on disk stands on another version of the article (updated with `factdesk revise`?). Bring this window to that version first with File > Update article…, then save again"
                        .to_string(),
                ),
                Err(e) => Err(e.to_string()),
            },
        };
        DiskChange {
            identity,
            theirs,
            merged,
            lost,
        }
    }
}

#[derive(Debug, Clone)]
pub struct TypedPath {
    pub purpose: DialogPurpose,
    pub text: String,
    /// The field takes the focus once, when the dialog opens.
    pub focused: bool,
    /// The path exists and the person was asked to confirm replacing it.
    pub replace: bool,
}

impl TypedPath {
    pub fn new(purpose: DialogPurpose, text: String) -> Self {
        TypedPath {
            purpose,
            text,
            focused: false,
            replace: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportChoice {
    pub format: ReportFormat,
    pub filtered_only: bool,
    pub open_after: bool,
}

#[derive(Debug, Clone)]
pub struct SettingsDraft {
    pub original: Settings,
    pub draft: Settings,
    /// The project's scale now.
    pub scale: Scale,
    /// The scale chosen in the dialog, when it differs, and how each verdict in use maps.
    pub new_scale: Option<(Scale, Mapping)>,
    /// A custom scale file's path being typed, and why it did not load.
    pub custom_path: String,
    pub custom_error: Option<String>,
    /// Verdicts claims have now, with counts (the mapping is shown for these).
    pub in_use: Vec<(Verdict, usize)>,
    /// Project-level merge conflicts still open.
    pub conflicts: Vec<Conflict>,
}

impl SettingsDraft {
    pub fn new(project: &Project) -> Self {
        SettingsDraft {
            original: project.settings.clone(),
            draft: project.settings.clone(),
            scale: project.scale.clone(),
            new_scale: None,
            custom_path: String::new(),
            custom_error: None,
            in_use: project
                .verdict_counts()
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .collect(),
            conflicts: project.conflicts.clone(),
        }
    }

    /// Chooses a scale: proposes a mapping for the person to check.
    pub fn choose(&mut self, scale: Scale) {
        self.new_scale = (scale != self.scale).then(|| {
            let mapping = self.scale.proposed_mapping(&scale);
            (scale, mapping)
        });
    }
}
