//! "Save changes?" before closing, quitting or opening another file.

use crate::ui::command::{Command, UnsavedAnswer};

pub fn show(ctx: &egui::Context, document_name: &str, out: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
        ui.heading("Save changes?");
        ui.label(format!("{document_name} has unsaved changes."));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                out.push(Command::AnswerUnsaved(UnsavedAnswer::Save));
            }
            if ui.button("Discard").clicked() {
                out.push(Command::AnswerUnsaved(UnsavedAnswer::Discard));
            }
            if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                out.push(Command::AnswerUnsaved(UnsavedAnswer::Cancel));
            }
        });
    });
}
