//! Dialogs. At most one is open: the window keeps one `Option<Modal>`, each variant holding
//! its own state, and each dialog lives in its own file and returns [`Command`]s.

mod disk_changed;
mod export;
mod recovery;
mod settings;
mod shortcuts;
pub mod state;
mod typed_path;
mod unsaved;

pub use state::{DiskChange, ExportChoice, Modal, SettingsDraft, TypedPath};

use crate::ui::command::Command;

/// What the dialogs read from the rest of the window.
pub struct ModalView<'a> {
    /// The open project's verdict scale (the help names what each digit sets).
    pub scale: Option<&'a crate::project::Scale>,
    pub document_name: String,
    pub filter_active: bool,
}

/// Shows the open dialog; its answers go to `out`.
pub fn show(ctx: &egui::Context, modal: &mut Modal, view: &ModalView<'_>, out: &mut Vec<Command>) {
    match modal {
        Modal::Unsaved => unsaved::show(ctx, &view.document_name, out),
        Modal::TypedPath(state) => typed_path::show(ctx, state, out),
        Modal::Export(choice) => export::show(ctx, choice, view.filter_active, out),
        Modal::ProjectSettings(draft) => settings::show(ctx, draft, out),
        Modal::Recovery(offer) => recovery::show(ctx, offer, out),
        Modal::Shortcuts => shortcuts::show(ctx, view.scale, out),
        Modal::DiskChanged(change) => disk_changed::show(ctx, change, &view.document_name, out),
        Modal::FileGone => disk_changed::show_gone(ctx, &view.document_name, out),
    }
}

/// Esc closes a dialog (the dialogs check it themselves: keyboard commands are off while one
/// is open).
fn escape_pressed(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Escape))
}
