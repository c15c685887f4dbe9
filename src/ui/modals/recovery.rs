//! "Recover unsaved work?" when an earlier run left autosaved changes.

use crate::ui::autosave::RecoveryOffer;
use crate::ui::command::Command;

pub fn show(ctx: &egui::Context, offer: &RecoveryOffer, out: &mut Vec<Command>) {
    let local = offer
        .written
        .to_offset(time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC));
    let when = format!("{} {:02}:{:02}", local.date(), local.hour(), local.minute());
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.heading("Recover unsaved work?");
        ui.label(format!(
            "factdesk kept unsaved changes to “{}” from {when}.",
            offer.project.article.title
        ));
        if let Some(p) = &offer.project_path {
            ui.label(format!("They belong to {}.", p.display()));
        }
        if offer.skipped_edits > 0 {
            ui.label(format!(
                "{} of the last changes could not be read back (the program stopped while writing them).",
                offer.skipped_edits
            ));
        }
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                out.push(Command::RestoreRecovery);
            }
            if ui.button("Discard").clicked() {
                out.push(Command::DiscardRecovery);
            }
            if ui.button("Later").clicked() || super::escape_pressed(ui) {
                out.push(Command::CloseModal);
            }
        });
    });
}
