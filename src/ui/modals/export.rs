//! The export dialog: format, scope and whether to open the report afterwards.

use super::state::ExportChoice;
use crate::report::ReportFormat;
use crate::ui::command::Command;

pub fn show(
    ctx: &egui::Context,
    choice: &mut ExportChoice,
    filter_active: bool,
    out: &mut Vec<Command>,
) {
    egui::Modal::new(egui::Id::unique("export")).show(ctx, |ui| {
        ui.heading("Export report");
        egui::ComboBox::from_label("Format")
            .selected_text(choice.format.label())
            .show_ui(ui, |ui| {
                for f in ReportFormat::ALL {
                    ui.selectable_value(&mut choice.format, f, f.label());
                }
            });
        ui.add_enabled(
            filter_active,
            egui::Checkbox::new(
                &mut choice.filtered_only,
                "Only the claims the filter shows",
            ),
        );
        ui.checkbox(&mut choice.open_after, "Open the report afterwards");
        ui.horizontal(|ui| {
            // Enter exports, as the button says, unless the format list is open.
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter))
                && !egui::Popup::is_any_open(ui.ctx());
            if ui.button("Export…").clicked() || enter {
                let mut chosen = choice.clone();
                chosen.filtered_only &= filter_active;
                out.push(Command::CloseModal);
                out.push(Command::StartExport(chosen));
            }
            if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                out.push(Command::CloseModal);
            }
        });
    });
}
