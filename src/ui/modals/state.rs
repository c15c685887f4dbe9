//! The dialogs' state: what each one holds while it is open. Kept apart from the dialogs'
//! drawing so that commands can carry it without the modules importing each other.

use crate::project::Settings;
use crate::report::ReportFormat;
use crate::ui::autosave::RecoveryOffer;
use crate::ui::jobs::DialogPurpose;

#[derive(Debug)]
pub enum Modal {
    /// "Save changes?" before the waiting action (kept by the window) goes on.
    Unsaved,
    TypedPath(TypedPath),
    Export(ExportChoice),
    ProjectSettings(SettingsDraft),
    Recovery(Box<RecoveryOffer>),
    Shortcuts,
}

#[derive(Debug, Clone)]
pub struct TypedPath {
    pub purpose: DialogPurpose,
    pub text: String,
    /// The field takes the focus once, when the dialog opens.
    pub focused: bool,
}

impl TypedPath {
    pub fn new(purpose: DialogPurpose, text: String) -> Self {
        TypedPath {
            purpose,
            text,
            focused: false,
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
}

impl SettingsDraft {
    pub fn new(settings: &Settings) -> Self {
        SettingsDraft {
            original: settings.clone(),
            draft: settings.clone(),
        }
    }
}
