//! What panels and dialogs ask for. They read state and return `Command`s; `App::execute` is
//! the one place that changes state (after egui_demo_app's `wrap_app.rs`: intents collected
//! during the frame and run once). So undo, the dirty flag, autosave and scrolling follow from
//! one path whatever the panel.

use std::path::PathBuf;

use super::command_table::UiCommand;
use super::document::{Filter, SortColumn};
use super::jobs::{DialogPurpose, OpenRequest};
use super::messages::MessageKind;
use super::modals::state::{ExportChoice, Modal};
use crate::project::edit::Edit;

/// Which view a selection came from: the other one scrolls to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectedFrom {
    Table,
    Article,
}

/// The answer to "Save changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsavedAnswer {
    Save,
    Discard,
    Cancel,
}

#[derive(Debug)]
pub enum Command {
    /// A menu or keyboard command from the command table.
    Ui(UiCommand),
    /// Open a file or the sample (asks about unsaved changes first).
    Open(OpenRequest),
    CancelLoad,
    Select {
        id: String,
        from: SelectedFrom,
    },
    /// Change the project (one undo step, or merged into the last one for typing).
    Apply(Edit),
    SetFilter(Filter),
    SortBy(SortColumn),
    /// Character range selected in the article view (None: selection cleared).
    SetArticleSelection(Option<(usize, usize)>),
    ShowModal(Modal),
    /// Close the dialog; closing a path or "Save changes?" dialog cancels what waited on it.
    CloseModal,
    AnswerUnsaved(UnsavedAnswer),
    /// A path chosen in a file dialog or typed by hand.
    PathChosen(DialogPurpose, PathBuf),
    /// The export dialog's "Export…": ask where, then write.
    StartExport(ExportChoice),
    RestoreRecovery,
    DiscardRecovery,
    DismissMessage(MessageKind),
    /// Reuse match number k (best first) of the selected claim: its verdict, sources and a
    /// note citing it, as one undoable edit.
    ReuseMatch(usize),
    /// Open match k's project, or its published URL.
    OpenMatch(usize),
    /// The answer to "changed on disk": how to combine the file's version with the window's.
    AnswerDiskChange(DiskAnswer),
    /// Write the project again where it was, after it was deleted or moved away.
    RecreateFile,
    /// Edit a project although another window has it open.
    EditAnyway,
}

/// What to do about a project file that changed on disk while the window had changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskAnswer {
    /// Three-way merge (the version loaded as base), then save.
    Merge,
    SaveAs,
    /// Replace the version on disk (it is kept as .bak).
    Overwrite,
    /// Not now: the next save asks again.
    Later,
}
