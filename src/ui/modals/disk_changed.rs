//! "Changed on disk": the project file was written by someone else (another window, a
//! colleague, `git pull`) while this window had unsaved changes. Never overwritten silently:
//! merge, save elsewhere, or overwrite after seeing what would be lost. And "deleted or moved
//! away": written again only when asked.

use crate::ui::command::{Command, DiskAnswer};
use crate::ui::modals::DiskChange;

pub fn show(ctx: &egui::Context, change: &DiskChange, name: &str, out: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("disk-changed")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Changed on disk");
        ui.label(format!(
            "{name} was changed by another program or window while you had unsaved changes here."
        ));
        if let Err(e) = &change.theirs {
            ui.label(format!("The file on disk cannot be read as a project now: {e}"));
        }
        ui.add_space(4.0);
        match &change.merged {
            Ok((merged, changes)) => {
                let conflicts = match merged.conflicts {
                    0 => String::new(),
                    1 => " 1 field both sides changed keeps your value, with theirs recorded as a conflict to settle.".into(),
                    n => format!(" {n} fields both sides changed keep your values, with theirs recorded as conflicts to settle."),
                };
                ui.label(format!(
                    "Merge and save combines both (their changes are taken where you did not change the same thing). It changes here: {}.{conflicts}",
                    changes.describe("added", "removed")
                ));
            }
            Err(why) => {
                ui.label(format!("Merge is not possible: {why}."));
            }
        }
        if let Some(lost) = &change.lost {
            ui.label(format!(
                "Overwrite replaces the version on disk (kept as .bak), discarding from it: {}.",
                lost.describe("", "that exist only there")
            ));
        }
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            let merge = egui::Button::new("Merge and save");
            if ui.add_enabled(change.merged.is_ok(), merge).clicked() {
                out.push(Command::AnswerDiskChange(DiskAnswer::Merge));
            }
            if ui.button("Save as…").clicked() {
                out.push(Command::AnswerDiskChange(DiskAnswer::SaveAs));
            }
            if ui
                .button("Overwrite")
                .on_hover_text("Replace the version on disk with yours; it is kept as .bak")
                .clicked()
            {
                out.push(Command::AnswerDiskChange(DiskAnswer::Overwrite));
            }
            if ui.button("Not now").clicked() || super::escape_pressed(ui) {
                out.push(Command::AnswerDiskChange(DiskAnswer::Later));
            }
        });
    });
}

pub fn show_gone(ctx: &egui::Context, name: &str, out: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("file-gone")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("File deleted or moved");
        ui.label(format!(
            "{name} is no longer where it was opened from. Your work is still open here."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save it there again").clicked() {
                out.push(Command::RecreateFile);
            }
            if ui.button("Save as…").clicked() {
                out.push(Command::AnswerDiskChange(DiskAnswer::SaveAs));
            }
            if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                out.push(Command::AnswerDiskChange(DiskAnswer::Later));
            }
        });
    });
}
