//! The dialogs' state: what each one holds while it is open. Kept apart from the dialogs'
//! drawing so that commands can carry it without the modules importing each other.

use crate::project::disk::{FileIdentity, WorkDifferences};
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

/// The file's new version and what overwriting it would lose.
#[derive(Debug)]
pub struct DiskChange {
    pub identity: FileIdentity,
    /// Their version, or why it cannot be read (a `git merge` left conflict markers).
    pub theirs: Result<Box<Project>, String>,
    /// What Overwrite would discard of theirs (when it can be read).
    pub differences: Option<WorkDifferences>,
    /// Asked because of a save (a quit or open may wait on it), not noticed in passing.
    pub on_save: bool,
}

impl DiskChange {
    pub fn new(
        identity: FileIdentity,
        theirs: Result<Box<Project>, String>,
        ours: &Project,
        on_save: bool,
    ) -> Self {
        let differences = theirs
            .as_ref()
            .ok()
            .map(|t| WorkDifferences::between(ours, t));
        DiskChange {
            identity,
            theirs,
            differences,
            on_save,
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
